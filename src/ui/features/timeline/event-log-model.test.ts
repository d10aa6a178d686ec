import { describe, expect, it } from 'vitest';
import type { FrameEvent } from '../../../protocol/engine-api';
import { filterEvents, humanDuration, NO_FILTER, objectLabel, parseInvolvedObject, reasonsOf } from './event-log-model';

let nextId = 0;
const event = (over: Partial<FrameEvent>): FrameEvent => ({
  id: nextId++,
  type: 'Normal',
  reason: 'Scheduled',
  message: 'Successfully assigned default/web-1 to worker-1',
  object: 'Pod/default/web-1',
  source: 'default-scheduler',
  count: 1,
  firstTime: 0,
  lastTime: 0,
  ...over,
});

describe('parseInvolvedObject and objectLabel', () => {
  it('reads Kind/namespace/name and writes kubectl’s kind/name', () => {
    expect(parseInvolvedObject('Pod/default/web-1')).toEqual({ kind: 'Pod', namespace: 'default', name: 'web-1' });
    expect(parseInvolvedObject('Node//worker-2')).toEqual({ kind: 'Node', namespace: '', name: 'worker-2' });
    expect(objectLabel(parseInvolvedObject('ReplicaSet/default/web-5d8f'))).toBe('replicaset/web-5d8f');
    expect(parseInvolvedObject('odd')).toEqual({ kind: '', namespace: '', name: 'odd' });
  });
});

describe('filterEvents', () => {
  nextId = 0;
  const events = [
    event({ lastTime: 1000 }),
    event({ type: 'Warning', reason: 'FailedScheduling', object: 'Pod/default/ml-training', message: '0/4 nodes are available: 3 Insufficient cpu.', lastTime: 1000, count: 3 }),
    event({ reason: 'NodeNotReady', object: 'Node//worker-2', message: 'Node worker-2 status is now: NodeNotReady', lastTime: 50_000 }),
    event({ reason: 'TaintManagerEviction', object: 'Pod/default/web-1', message: 'Marking for deletion Pod default/web-1', lastTime: 350_000 }),
  ];

  it('puts the newest first (by last time, then the later event) and keeps every event without a filter', () => {
    const { rows, matching } = filterEvents(events, NO_FILTER);
    expect(matching).toBe(4);
    expect(rows.map((e) => e.reason)).toEqual(['TaintManagerEviction', 'NodeNotReady', 'FailedScheduling', 'Scheduled']);
  });

  it('filters by type, by reason and by free text over reason, object and message, case-insensitively', () => {
    expect(filterEvents(events, { ...NO_FILTER, type: 'Warning' }).rows.map((e) => e.reason)).toEqual(['FailedScheduling']);
    expect(filterEvents(events, { ...NO_FILTER, type: 'Normal' }).matching).toBe(3);
    expect(filterEvents(events, { ...NO_FILTER, reason: 'NodeNotReady' }).rows.map((e) => e.object)).toEqual(['Node//worker-2']);
    expect(filterEvents(events, { ...NO_FILTER, text: 'WEB-1' }).rows.map((e) => e.reason)).toEqual(['TaintManagerEviction', 'Scheduled']);
    expect(filterEvents(events, { ...NO_FILTER, text: 'node/worker-2' }).matching).toBe(1);
    expect(filterEvents(events, { ...NO_FILTER, text: 'insufficient' }).rows.map((e) => e.reason)).toEqual(['FailedScheduling']);
    expect(filterEvents(events, { type: 'Warning', reason: 'Scheduled', text: '' }).matching).toBe(0);
  });

  it('draws a bounded window of the newest matching events and counts the rest', () => {
    const many = Array.from({ length: 5000 }, (_, i) => event({ lastTime: i * 10, reason: i % 2 ? 'Killing' : 'Scheduled' }));
    const { rows, matching } = filterEvents([undefined, ...many], { ...NO_FILTER, reason: 'Killing' }, 200);
    expect(matching).toBe(2500);
    expect(rows).toHaveLength(200);
    expect(rows[0].lastTime).toBe(49_990);
    expect(rows.every((e) => e.reason === 'Killing')).toBe(true);
  });

  it('lists the distinct reasons, sorted', () => {
    expect(reasonsOf(events)).toEqual(['FailedScheduling', 'NodeNotReady', 'Scheduled', 'TaintManagerEviction']);
  });
});

describe('humanDuration', () => {
  it('writes ages as kubectl does', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const d = 24 * h;
    expect([0, 999, 12 * s, 119 * s].map(humanDuration)).toEqual(['0s', '0s', '12s', '119s']);
    expect([2 * m, 5 * m + 3 * s, 9 * m + 59 * s, 10 * m + 30 * s, 179 * m].map(humanDuration)).toEqual(['2m', '5m3s', '9m59s', '10m', '179m']);
    expect([3 * h, 3 * h + 5 * m, 8 * h, 47 * h, 48 * h, 3 * d + 5 * h, 8 * d, 400 * d].map(humanDuration)).toEqual(['3h', '3h5m', '8h', '47h', '2d', '3d5h', '8d', '400d']);
    expect([730 * d, 740 * d, 9 * 365 * d].map(humanDuration)).toEqual(['2y', '2y10d', '9y']);
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-5000)).toBe('<invalid>');
  });
});
