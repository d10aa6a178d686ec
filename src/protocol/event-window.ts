/**
 * How a client applies a frame's events (issue 4), shared like frame-codec.ts so that
 * one test can run the worker's side and this together: the client keeps the cluster's
 * newest events, newest first, at most `limit`, so it does not grow with the cluster's
 * history (the engine keeps every event; EngineApi.events pages older ones). Frames
 * carry either the changes since the previous frame (merged by id: an aggregated event
 * updates in place) or the newest window (`eventsReplace`), which replaces what was held.
 */
import type { Frame, FrameEvent } from './engine-api';
import { newestFirst } from './event-query';

/** `held` (newest first) after `frame`'s events; `held` itself when the frame changes none. */
export function mergeFrameEvents(
  held: readonly FrameEvent[],
  frame: Pick<Frame, 'events' | 'eventsReplace' | 'eventCount'>,
  limit: number,
): readonly FrameEvent[] {
  const incoming = frame.events.slice().sort(newestFirst);
  if (frame.eventsReplace) return incoming.length > limit ? incoming.slice(0, limit) : incoming;
  if (incoming.length === 0) return held;
  const ids = new Set<number>();
  for (const e of incoming) ids.add(e.id);
  // An event aggregated again at the same instant keeps its place, which may be below events
  // the client never held: past the end of `held`, only a complete history (every id, 0 to
  // eventCount − 1, held or incoming) is known to leave no gap.
  // An event the client held keeps its place or moves up: wherever it lands, it is no gap.
  const wasHeld = new Set<number>();
  for (const e of held) if (ids.has(e.id)) wasHeld.add(e.id);
  const complete = held.length === 0 || held.length - wasHeld.size + ids.size >= frame.eventCount;
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
    else if (i < held.length || complete || wasHeld.has(incoming[j].id)) out.push(incoming[j++]);
    else break;
  }
  return out;
}
