import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock';
import type { Command } from '../../commands';
import { deployment, node, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { recordedRun, type Step } from '../../testing/recorded-run';
import { QUICK_QUIET, SYNC_LANE, SyncQueue } from './sync-queue';
import { LANE_QUICK } from './timer-lane';
import { nodeCommands } from '../../testing/node-commands';

type Op =
  | { op: 'enqueue'; key: number; delay: number }
  | { op: 'rateLimited'; key: number }
  | { op: 'retry'; key: number }
  | { op: 'forget'; key: number }
  | { op: 'foreign'; at: number }
  | { op: 'advance'; by: number };

// Few keys and few distinct instants (`delay` is an absolute time when above 1000), so that a
// key is often queued again for exactly the time of a timer an earlier enqueue superseded,
// and foreign timers share those instants.
const INSTANTS = [1005, 1010, 1100, 1600];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('enqueue' as const), key: fc.nat(1), delay: fc.constantFrom(0, 5, ...INSTANTS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rateLimited' as const), key: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retry' as const), key: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('forget' as const), key: fc.nat(1) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('foreign' as const), at: fc.constantFrom(0, ...INSTANTS) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), by: fc.constantFrom(0, 5, 100, 300) }) },
);

/**
 * Plays the operations against a queue whose syncs re-queue some keys (as controllers do)
 * and log their time, next to foreign timers scheduled at the same instants; returns the log.
 */
function play(ops: readonly Op[], lane: boolean): string[] {
  SYNC_LANE.enabled = lane;
  const clock = new VirtualClock();
  const log: string[] = [];
  let syncs = 0;
  const q: SyncQueue = new SyncQueue(clock, 'test', (key) => {
    log.push(`${clock.now} sync ${key} pending:${q.isPending(key)}`);
    // Every third sync asks again later, as a progress deadline or a rate-limited resync does.
    if (++syncs % 3 === 0) q.enqueue(key, 100);
    else if (syncs % 5 === 0) q.enqueueRateLimited(key);
  });
  let foreign = 0;
  for (const o of ops) {
    const abs = (d: number) => (d > 1000 ? Math.max(0, d - clock.now) : d);
    if (o.op === 'enqueue') q.enqueue(`k${o.key}`, abs(o.delay));
    else if (o.op === 'rateLimited') q.enqueueRateLimited(`k${o.key}`);
    else if (o.op === 'retry') q.retry(`k${o.key}`);
    else if (o.op === 'forget') q.forget(`k${o.key}`);
    else if (o.op === 'foreign') {
      const n = foreign++;
      clock.after(abs(o.at), 'foreign', () => log.push(`${clock.now} foreign ${n}`));
    } else clock.advanceTo(clock.now + o.by);
  }
  clock.advanceTo(clock.now + 2_000_000);
  return log;
}

describe('SyncQueue: superseded timers', () => {
  afterEach(() => {
    SYNC_LANE.enabled = true;
  });

  it('in a timer lane: the same syncs, at the same times, in the same order among the clock timers', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        expect(play(ops, true)).toEqual(play(ops, false));
      }),
      { numRuns: 1000, seed: 32 },
    );
  });

  it('an older superseded timer runs the sync queued again for its time, in its place before a later timer of that instant', () => {
    const ops: Op[] = [
      { op: 'enqueue', key: 0, delay: 600 },
      { op: 'enqueue', key: 0, delay: 5 },
      { op: 'foreign', at: 600 },
      { op: 'advance', by: 10 },
      // Queued again for 600: the first timer (scheduled before the foreign one) runs it.
      { op: 'enqueue', key: 0, delay: 590 },
    ];
    const log = play(ops, false);
    expect(log.slice(0, 3)).toEqual(['5 sync k0 pending:false', '600 sync k0 pending:false', '600 foreign 0']);
    expect(play(ops, true)).toEqual(log);
  });
});

type QuietOp =
  | { op: 'enqueue'; key: number; delay: number }
  | { op: 'quiet'; key: number }
  | { op: 'foreign'; at: number; wake: number | null }
  | { op: 'advance'; by: number };

// Rate-limited re-queues land 5 ms or a multiple of 100 ms later; foreign timers share those instants.
const QUIET_INSTANTS = [1005, 1100, 1105, 1200, 1300, 1500];
const quietOpArb: fc.Arbitrary<QuietOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('enqueue' as const), key: fc.nat(2), delay: fc.constantFrom(0, 5, 100, ...QUIET_INSTANTS) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('quiet' as const), key: fc.nat(2) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('foreign' as const), at: fc.constantFrom(0, 5, 100, ...QUIET_INSTANTS), wake: fc.option(fc.nat(2)) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), by: fc.constantFrom(0, 5, 100, 300) }) },
);

/**
 * A queue whose syncs re-queue themselves rate-limited (a stuck Deployment), some of them quiet
 * (only the re-queue: the `quiet` test says so), woken by foreign timers at the same instants;
 * every other sync and foreign timer is logged. Modes: clock timers (the reference), a lane, a
 * lane that runs quiet syncs and superseded timers in its own loop.
 */
function playQuiet(ops: readonly QuietOp[], mode: 'clock' | 'lane' | 'quick'): string[] {
  SYNC_LANE.enabled = mode !== 'clock';
  QUICK_QUIET.enabled = LANE_QUICK.enabled = mode === 'quick';
  const clock = new VirtualClock();
  const log: string[] = [];
  const quiet = new Set<string>();
  let syncs = 0;
  const q: SyncQueue = new SyncQueue(
    clock,
    'test',
    (key) => {
      if (!quiet.has(key)) {
        log.push(`${clock.now} sync ${key}`);
        // Every third sync of a noisy key leaves it quiet, as a sync that wrote nothing does.
        if (++syncs % 3 === 0) quiet.add(key);
      }
      q.forget(key);
      q.enqueueRateLimited(key);
    },
    (key) => quiet.has(key),
  );
  let foreign = 0;
  for (const o of ops) {
    const abs = (d: number) => (d > 1000 ? Math.max(0, d - clock.now) : d);
    if (o.op === 'enqueue') q.enqueue(`k${o.key}`, abs(o.delay));
    else if (o.op === 'quiet') quiet.add(`k${o.key}`);
    else if (o.op === 'foreign') {
      const n = foreign++;
      const wake = o.wake;
      clock.after(abs(o.at), 'foreign', () => {
        log.push(`${clock.now} foreign ${n}`);
        // A watch event: the key is no longer quiet, and is queued now.
        if (wake !== null) {
          quiet.delete(`k${wake}`);
          q.enqueue(`k${wake}`);
        }
      });
    } else clock.advanceTo(clock.now + o.by);
  }
  clock.advanceTo(clock.now + 3000);
  return log;
}

describe('SyncQueue: quiet syncs and superseded timers in the lane\'s own loop', () => {
  afterEach(() => {
    SYNC_LANE.enabled = true;
    QUICK_QUIET.enabled = true;
    LANE_QUICK.enabled = true;
  });

  it('the same syncs at the same times, in the same order among foreign timers, as clock timers', () => {
    fc.assert(
      fc.property(fc.array(quietOpArb, { maxLength: 50 }), (ops) => {
        const reference = playQuiet(ops, 'clock');
        expect(playQuiet(ops, 'quick')).toEqual(reference);
        expect(playQuiet(ops, 'lane')).toEqual(reference);
      }),
      { numRuns: 1000, seed: 33 },
    );
  });
});

/** Every write and event of a cluster run, the sync queues' timers in lanes or in the clock. */
function run(steps: Step[], extraNode: boolean, lane: boolean) {
  SYNC_LANE.enabled = lane;
  return recordedRun([...section10Cluster(), ...(extraNode ? [node('worker-4')] : [])], steps, { seed: 5, recordSettling: true });
}

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.constant<Command>({ action: 'apply', object: { ...deployment('web', 6), spec: { ...deployment('web', 6).spec, progressDeadlineSeconds: 120 } } }),
    fc.constant<Command>({ action: 'delete', kind: 'Deployment', namespace: 'default', name: 'web' }),
  ),
});

describe('superseded timers in a cluster', () => {
  afterEach(() => {
    SYNC_LANE.enabled = true;
  });

  it('every sync queue in a timer lane: same writes, events and objects as clock timers left to run', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (steps, extraNode) => {
        expect(run(steps, extraNode, true)).toEqual(run(steps, extraNode, false));
      }),
      { numRuns: 25, seed: 78 },
    );
  });
});
