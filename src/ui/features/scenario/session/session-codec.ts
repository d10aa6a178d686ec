/**
 * Sessions to share fragments and back, for links and autosave. Loaded on demand
 * (`loadSessionCodec`): the decoder's validation (zod) and lz-string stay out of the
 * initial bundle.
 */
import { decodeShareParam, encodeShareFragment, ShareLinkError } from '../../../../scenario/share/codec';

/** The longest share parameter a restore reads (re-exported here so callers need not load the codec eagerly). */
export { MAX_FRAGMENT_CHARS } from '../../../../scenario/share/codec';
import { payloadToSession, sessionToPayload, type SessionLesson, type ShareSession } from '../../../../scenario/share/session';
import type { SessionExport } from '../../../../protocol/engine-api';
import type { Selection } from '../../../store/podscape-store';
import { BUNDLED_SCENARIOS, lookupBundled } from '../share/bundled';

/**
 * The fragment (`s=1.lz.…`, no `#`) that reopens `session` with `selected` (a pod, node or
 * workload) and the lesson step `lesson`.
 */
export function encodeSession(session: SessionExport, selected: Selection | null, lesson: SessionLesson | null = null): string {
  const shared = selected ? { kind: selected.kind, key: selected.key } : null;
  return encodeShareFragment(
    sessionToPayload({ scenarioText: session.scenarioText, file: session.file, commands: session.commands, time: session.time, selected: shared, lesson }, BUNDLED_SCENARIOS),
  );
}

/** The session in a share parameter's value (`1.lz.…`); throws an Error whose message is the reason alone. */
export async function decodeSession(value: string): Promise<ShareSession> {
  try {
    return await payloadToSession(decodeShareParam(value), lookupBundled);
  } catch (error) {
    if (error instanceof ShareLinkError) throw new Error(`${error.reason}.`, { cause: error });
    throw error;
  }
}
