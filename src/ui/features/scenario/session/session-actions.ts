/**
 * Loading a session into the app (share link, autosave, undo, redo, reset): the engine
 * replays it, and the result lands in the frame store as a scenario load does.
 */
import type { LoadResult, SessionInput } from '../../../../protocol/engine-api';
import type { EngineClient } from '../../../bridge/engine-client';
import { trackLoad } from '../../../store/loads';
import { applyFrame, type PodscapeStore, type Selection } from '../../../store/podscape-store';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Replays `session` in the engine and shows it with `selected`; on failure keeps the
 * current cluster, shows `failure: <reason>` in the alert and rejects.
 */
export async function loadSessionInto(
  store: PodscapeStore,
  client: EngineClient,
  session: SessionInput,
  { selected = null, failure = 'Could not restore the session' }: { selected?: Selection | null; failure?: string } = {},
): Promise<LoadResult> {
  try {
    const result = await trackLoad(store, client.loadSession(session));
    applyFrame(store, result.frame);
    store.setState({ status: 'ready', scenario: result.scenario, error: null, selected });
    return result;
  } catch (error) {
    const message = `${failure}: ${messageOf(error)}`;
    store.setState((s) => ({ status: s.frame ? s.status : 'failed', error: message }));
    throw new Error(message, { cause: error });
  }
}
