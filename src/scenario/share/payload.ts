/**
 * The share payload (format 1), as it travels in a link: canonical JSON, keys sorted,
 * defaults left out.
 *
 * ```
 * { v: 1,
 *   scenario: { text, file? }            the scenario YAML as loaded
 *           | { preset, digest },        or a bundled scenario, pinned to its exact text
 *   commands?: [{ at, action, … }],      the user's commands at their virtual times (ms)
 *   view?: { time?, selected?, lesson? } } the cluster time, selection (pod, node or workload) and lesson step the sender saw
 * ```
 * The shape is checked here; the scenario and the commands themselves are checked by
 * the engine when the session is loaded, as any scenario is.
 */
import { z } from 'zod';
import type { TimedCommand } from '../../engine/commands';

export const SHARE_FORMAT_VERSION = 1;

/** Generous for any scenario a browser tab can hold, small enough to refuse abuse early. */
export const MAX_SCENARIO_CHARS = 1_000_000;
export const MAX_COMMANDS = 10_000;
/** About 30 years of virtual ms: far past any session, finite so arithmetic stays exact. */
const MAX_TIME_MS = 1e12;

const time = z.number().finite().nonnegative().max(MAX_TIME_MS);

const scenarioRef = z.union([
  z.strictObject({ text: z.string().max(MAX_SCENARIO_CHARS), file: z.string().min(1).max(200).optional() }),
  z.strictObject({ preset: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), digest: z.string().regex(/^[0-9a-f]{16}$/) }),
]);

const command = z.looseObject({ at: time, action: z.string().min(1).max(40) });

/** The workload kinds the app's inspector opens, as a selection's `Kind/namespace/name` key names them. */
const WORKLOAD_KEY = /^(Deployment|ReplicaSet|StatefulSet|DaemonSet|Job)\/[^/]+\/[^/]+$/;

/** A pod (`namespace/name`), a node (name), or a workload (`Kind/namespace/name`, added without a format change: older links stay valid). */
const selection = z
  .strictObject({ kind: z.enum(['pod', 'node', 'workload']), key: z.string().min(1).max(400) })
  .refine((s) => s.kind !== 'workload' || WORKLOAD_KEY.test(s.key), {
    message: 'a workload is Kind/namespace/name, Kind one of Deployment, ReplicaSet, StatefulSet, DaemonSet, Job',
    path: ['key'],
  });

/** A workshop lesson by id and the step shown (0-based); the app checks that both exist. */
const lesson = z.strictObject({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), step: z.number().int().nonnegative().max(999) });

export const sharePayloadSchema = z.strictObject({
  v: z.literal(SHARE_FORMAT_VERSION),
  scenario: scenarioRef,
  commands: z.array(command).max(MAX_COMMANDS).optional(),
  view: z.strictObject({ time: time.optional(), selected: selection.optional(), lesson: lesson.optional() }).optional(),
});

export interface SessionLesson {
  id: string;
  step: number;
}

export type ScenarioRef = { text: string; file?: string } | { preset: string; digest: string };

export interface SharePayload {
  v: typeof SHARE_FORMAT_VERSION;
  scenario: ScenarioRef;
  commands?: TimedCommand[];
  view?: { time?: number; selected?: { kind: 'pod' | 'node' | 'workload'; key: string }; lesson?: SessionLesson };
}

/** The first problem with `value` as a current payload, as `field: message`, or null when it is one. */
export function payloadProblem(value: unknown): string | null {
  const result = sharePayloadSchema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${path || 'payload'}: ${issue.message}`;
}
