import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../engine/sim/contracts';
import type { FrameEvent } from '../protocol/engine-api';
import { eventMatcher, newestFirst, type EventQuery } from '../protocol/event-query';
import { mergeFrameEvents } from '../protocol/event-window';
import { EventHistory } from './event-history';
import { mergeEvents } from './wire-host';

const REASONS = ['Scheduled', 'Killing', 'FailedScheduling', 'NodeNotReady'];
const OBJECTS = ['Pod/default/web-1', 'Pod/kube-system/dns', 'Node//worker-2', 'ReplicaSet/default/web-5d8f'];

/** A recorder stand-in: first-occurrence order, aggregation bumps count and lastTime in place. */
function fakeSource() {
  const list: KubeEvent[] = [];
  let now = 0;
  return {
    all: () => list,
    record(kind: number, warning: boolean) {
      list.push({ type: warning ? 'Warning' : 'Normal', reason: REASONS[kind % 4], message: `message ${kind} Web`, object: OBJECTS[(kind >> 2) % 4], source: 'test', count: 1, firstTime: now, lastTime: now });
    },
    bump(index: number) {
      if (list.length === 0) return;
      const e = list[index % list.length];
      e.count++;
      e.lastTime = now;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

const reference = (all: readonly KubeEvent[]): FrameEvent[] => all.map((e, id) => ({ ...e, id })).sort(newestFirst);

type Step = { op: 'record'; kind: number; warning: boolean } | { op: 'bump'; index: number } | { op: 'advance'; ms: number } | { op: 'frame' } | { op: 'query'; query: EventQuery };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('record' as const), kind: fc.nat(15), warning: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('bump' as const), index: fc.nat(200) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 2, arbitrary: fc.constant({ op: 'frame' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('query' as const),
      query: fc.record({
        offset: fc.nat(30),
        limit: fc.nat(15),
        type: fc.constantFrom(undefined, '' as const, 'Normal' as const, 'Warning' as const),
        reason: fc.constantFrom(undefined, '', ...REASONS),
        text: fc.constantFrom(undefined, '', 'web', ' WORKER-2 ', 'node/', 'message 1'),
      }),
    }),
  },
);

describe('EventHistory', () => {
  it('answers every page as a filter and sort of all events would, through random recording and aggregation', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const source = fakeSource();
        const history = new EventHistory(source, 5);
        for (const s of steps) {
          if (s.op === 'record') source.record(s.kind, s.warning);
          else if (s.op === 'bump') source.bump(s.index);
          else if (s.op === 'advance') source.advance(s.ms);
          else if (s.op === 'frame') history.forFrame(false);
          else {
            const matching = reference(source.all()).filter(eventMatcher(s.query));
            const page = history.query(s.query);
            expect(page.events).toEqual(matching.slice(s.query.offset, s.query.offset + s.query.limit));
            expect(page.matching).toBe(matching.length);
            expect(page.eventCount).toBe(source.all().length);
            expect(page.reasons).toEqual([...new Set(source.all().map((e) => e.reason))].sort());
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('frames keep a capped store equal to the newest events, however many change between frames (and through the wire merge)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 150 }), fc.boolean(), (steps, merged) => {
        const source = fakeSource();
        const history = new EventHistory(source, 4);
        let held: readonly FrameEvent[] = mergeFrameEvents([], history.forFrame(true), 9);
        let waiting: ReturnType<EventHistory['forFrame']> | null = null;
        for (const s of steps) {
          if (s.op === 'record') source.record(s.kind, s.warning);
          else if (s.op === 'bump') source.bump(s.index);
          else if (s.op === 'advance') source.advance(s.ms);
          else if (s.op === 'query' || !merged) {
            // Deliver: straight from the history, or two frames merged as the wire host does when the page lags.
            const frame = history.forFrame(false);
            const sent = merged && waiting ? { ...frame, ...mergeEvents(waiting, frame, 4) } : frame;
            waiting = null;
            expect(sent.events.length).toBeLessThanOrEqual(4);
            held = mergeFrameEvents(held, sent, 9);
            expect(sent.eventCount).toBe(source.all().length);
            const newest = reference(source.all()).slice(0, Math.min(4, held.length));
            expect(held.slice(0, newest.length)).toEqual(newest);
          } else {
            const frame = history.forFrame(false);
            waiting = waiting ? { ...frame, ...mergeEvents(waiting, frame, 4) } : frame;
          }
        }
        if (merged) return;
        // Without lag the store is exactly the newest events it can hold.
        held = mergeFrameEvents(held, history.forFrame(false), 9);
        expect(held).toEqual(reference(source.all()).slice(0, held.length));
        expect(held.length).toBeGreaterThanOrEqual(Math.min(source.all().length, 4));
        expect(held.length).toBeLessThanOrEqual(9);
      }),
      { numRuns: 300 },
    );
  });

  it('sends the newest window on a full frame and when more events changed than a frame carries', () => {
    const source = fakeSource();
    const history = new EventHistory(source, 3);
    for (let i = 0; i < 5; i++) source.record(i, false);
    const full = history.forFrame(true);
    expect(full).toMatchObject({ eventCount: 5, eventsReplace: true });
    expect(full.events.map((e) => e.id)).toEqual([2, 3, 4]); // id order on the wire
    source.advance(1);
    source.bump(0);
    expect(history.forFrame(false)).toMatchObject({ eventsReplace: false, events: [{ id: 0, count: 2 }] });
    expect(history.forFrame(false).events).toEqual([]);
    for (let i = 0; i < 4; i++) source.record(i, true);
    expect(history.forFrame(false)).toMatchObject({ eventsReplace: true, eventCount: 9, events: [{ id: 6 }, { id: 7 }, { id: 8 }] });
    expect(history.all().map((e) => e.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses malformed queries with a message', () => {
    const history = new EventHistory(fakeSource());
    expect(() => history.query({ offset: -1, limit: 5 })).toThrow('events: offset -1 is not a whole number ≥ 0');
    expect(() => history.query({ offset: 0, limit: 1e9 })).toThrow('events: limit 1000000000 is not a whole number from 0 to 5000');
    expect(() => history.query({ offset: 0, limit: 5, text: 3 as unknown as string })).toThrow('events: text must be a string');
  });
});
