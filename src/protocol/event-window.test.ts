import { describe, expect, it } from 'vitest';
import type { FrameEvent } from './engine-api';
import { mergeFrameEvents } from './event-window';

/** Event `id`, last seen at `lastTime`, seen `count` times. */
const ev = (id: number, lastTime = 0, count = 1): FrameEvent => ({ id, type: 'Normal', reason: 'R', message: `m${id}`, object: 'Pod/default/p', source: 'test', count, firstTime: 0, lastTime });
const ids = (events: readonly FrameEvent[]) => events.map((e) => `${e.id}×${e.count}`);

describe('mergeFrameEvents', () => {
  // The counterexample fast-check found (event-history.test.ts, seed -1164300098): six events at
  // one instant, the client holding the newest four, then the oldest aggregated again at that instant.
  it('leaves out an event aggregated again at the same instant when it sorts below events the client never held', () => {
    const held = [ev(5), ev(4), ev(3), ev(2)];
    expect(ids(mergeFrameEvents(held, { eventsReplace: false, events: [ev(0, 0, 2)], eventCount: 6 }, 9))).toEqual(['5×1', '4×1', '3×1', '2×1']);
  });

  it('keeps it when the client holds every event, updated in its place', () => {
    const held = [ev(2), ev(1), ev(0)];
    expect(ids(mergeFrameEvents(held, { eventsReplace: false, events: [ev(0, 0, 2)], eventCount: 3 }, 9))).toEqual(['2×1', '1×1', '0×2']);
  });

  it('puts an event aggregated later first, and new events before the held ones', () => {
    const held = [ev(5), ev(4), ev(3), ev(2)];
    expect(ids(mergeFrameEvents(held, { eventsReplace: false, events: [ev(0, 10, 2), ev(6, 5)], eventCount: 7 }, 9))).toEqual(['0×2', '6×1', '5×1', '4×1', '3×1', '2×1']);
  });

  // fast-check's next counterexample (event-history.test.ts, seed 1484321924): five events at one
  // instant, the client holding the newest four, then the oldest of those four aggregated again.
  it('keeps an event it held, aggregated again at the same instant, in its place at the end of what it holds', () => {
    const held = [ev(4), ev(3), ev(2), ev(1)];
    expect(ids(mergeFrameEvents(held, { eventsReplace: false, events: [ev(1, 0, 2)], eventCount: 5 }, 9))).toEqual(['4×1', '3×1', '2×1', '1×2']);
  });
});
