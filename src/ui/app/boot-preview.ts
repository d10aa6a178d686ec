/**
 * The cold load (issue 4): when the page's early start boots the default scenario, the
 * store starts with that boot's result as the build made it (bridge/boot-preview.ts), so
 * React's first render already draws the cluster. The worker's answer carries the same
 * frame under the same seq, which the store then keeps (a frame is taken only when newer).
 */
import type { EngineClient } from '../bridge/engine-client';
import { applyFrame, type PodscapeStore } from '../store/podscape-store';

/** Puts the build's boot load in the store; false when this page does not boot the default scenario early. */
export function showBootPreview(store: PodscapeStore, client: EngineClient): boolean {
  const preview = client.takeBootPreview?.() ?? null;
  if (!preview) return false;
  applyFrame(store, preview.frame);
  store.setState({ status: 'ready', scenario: preview.scenario });
  return true;
}
