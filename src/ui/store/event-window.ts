/**
 * The events the page keeps (issue 4): the cluster's newest ones, newest first, at most
 * EVENT_STORE_LIMIT, so the store does not grow with the cluster's history (the engine
 * keeps every event; the event log pages older ones from it). Frames carry either the
 * changes since the previous frame (merged by id: an aggregated event updates in place)
 * or the newest window (`eventsReplace`), which replaces what was held.
 */
import type { Frame, FrameEvent } from '../../protocol/engine-api';
import { newestFirst } from '../../protocol/event-query';

/**
 * Events the store keeps at most. Five pages of the log; every bundled scenario stays
 * under it (the default has ~55 events at load, ~90 after ten minutes), so for them the
 * page holds every event and filters them itself.
 */
export const EVENT_STORE_LIMIT = 1000;

/** `held` (newest first) after `frame`'s events; `held` itself when the frame changes none. */
export function mergeFrameEvents(
  held: readonly FrameEvent[],
  frame: Pick<Frame, 'events' | 'eventsReplace'>,
  limit = EVENT_STORE_LIMIT,
): readonly FrameEvent[] {
  const incoming = frame.events.slice().sort(newestFirst);
  if (frame.eventsReplace) return incoming.length > limit ? incoming.slice(0, limit) : incoming;
  if (incoming.length === 0) return held;
  const ids = new Set<number>();
  for (const e of incoming) ids.add(e.id);
  // Both lists newest first: merge them, leaving out the held versions of updated events.
  const out: FrameEvent[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < held.length || j < incoming.length)) {
    if (i < held.length && ids.has(held[i].id)) {
      i++;
      continue;
    }
    if (j >= incoming.length || (i < held.length && newestFirst(held[i], incoming[j]) <= 0)) out.push(held[i++]);
    else out.push(incoming[j++]);
  }
  return out;
}
