/**
 * A session as the app shares and saves it: the scenario text, the user's commands at
 * their virtual times, and the view (cluster time, selection). Replaying the commands
 * on the scenario gives back the exact state: the engine is deterministic.
 *
 * Bundled scenarios travel as a reference pinned to a digest of their text (the default
 * scenario's link would not fit in 2 KB otherwise); any other scenario travels whole.
 */
import type { TimedCommand } from '../../engine/commands';
import { ShareLinkError } from './codec';
import { digest } from './digest';
import { SHARE_FORMAT_VERSION, type SessionLesson, type SharePayload } from './payload';

export type { SessionLesson } from './payload';

export interface SessionSelection {
  kind: 'pod' | 'node' | 'workload';
  key: string;
}

export interface ShareSession {
  scenarioText: string;
  /** The file name errors cite. */
  file?: string;
  /** The commands the user applied, in order, each with its virtual time `at` (ms). */
  commands: TimedCommand[];
  /** Virtual ms the sender's clock showed. */
  time: number;
  selected: SessionSelection | null;
  /** The workshop lesson open over the scenario, and its step; absent or null when none. */
  lesson?: SessionLesson | null;
}

/** A scenario bundled with the app, by id (`default`). */
export interface BundledScenario {
  id: string;
  text: string;
}

/** Finds the text of bundled scenario `id` whose digest is `digest` (current or archived), or undefined. */
export type BundledLookup = (id: string, digest: string) => string | undefined | Promise<string | undefined>;

export function sessionToPayload(session: ShareSession, bundled: readonly BundledScenario[] = []): SharePayload {
  const preset = bundled.find((b) => b.text === session.scenarioText);
  const view: NonNullable<SharePayload['view']> = {};
  if (session.time > 0) view.time = session.time;
  if (session.selected) view.selected = { kind: session.selected.kind, key: session.selected.key };
  if (session.lesson) view.lesson = { id: session.lesson.id, step: session.lesson.step };
  return {
    v: SHARE_FORMAT_VERSION,
    scenario: preset ? { preset: preset.id, digest: digest(preset.text) } : { text: session.scenarioText, ...(session.file ? { file: session.file } : {}) },
    ...(session.commands.length > 0 ? { commands: session.commands.map((c) => ({ ...c })) } : {}),
    ...(Object.keys(view).length > 0 ? { view } : {}),
  };
}

/** The session a payload describes; a bundled scenario is looked up by id and digest. Throws ShareLinkError. */
export async function payloadToSession(payload: SharePayload, lookup: BundledLookup): Promise<ShareSession> {
  const ref = payload.scenario;
  let scenarioText: string;
  let file: string | undefined;
  if ('preset' in ref) {
    const text = await lookup(ref.preset, ref.digest);
    if (text === undefined || digest(text) !== ref.digest) {
      throw new ShareLinkError(`it was made with a version of the bundled scenario "${ref.preset}" (${ref.digest}) that this Podscape does not have`);
    }
    scenarioText = text;
    file = `scenarios/${ref.preset}.yaml`;
  } else {
    scenarioText = ref.text;
    file = ref.file;
  }
  return {
    scenarioText,
    ...(file ? { file } : {}),
    commands: (payload.commands ?? []).map((c) => ({ ...c })),
    time: payload.view?.time ?? 0,
    selected: payload.view?.selected ?? null,
    ...(payload.view?.lesson ? { lesson: { ...payload.view.lesson } } : {}),
  };
}
