import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock';
import type { TimerHandle } from '../../sim/contracts';
import { EvictionLane } from './eviction-lane';

type Op =
  | { op: 'timer' | 'lane'; at: number; spawn: number }
  | { op: 'cancel'; pick: number }
  | { op: 'advance'; by: number }
  | { op: 'peek' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('timer' as const), at: fc.nat(30), spawn: fc.nat(3) }),
  fc.record({ op: fc.constant('lane' as const), at: fc.nat(30), spawn: fc.nat(3) }),
  fc.record({ op: fc.constant('cancel' as const), pick: fc.nat(50) }),
  fc.record({ op: fc.constant('advance' as const), by: fc.nat(12) }),
  fc.constant({ op: 'peek' as const }),
);

/**
 * Plays `ops` on a clock where the "lane" items are an EvictionLane's (or, with `useLane`
 * false, plain clock timers) and logs every run with its time, and every peek. A run may
 * schedule more work at its own instant (`spawn`), as an eviction's writes make other
 * components schedule theirs.
 */
function play(ops: readonly Op[], useLane: boolean): string[] {
  const clock = new VirtualClock();
  const log: string[] = [];
  const items: Array<{ cancelled: boolean; id: number; handle: TimerHandle | null }> = [];
  let nextId = 0;
  const lane = useLane ? new EvictionLane<(typeof items)[number]>(clock, 'test', (it) => ran(`lane ${it.id}`, 0)) : undefined;
  const ran = (what: string, spawn: number) => {
    log.push(`${clock.now} ${what}`);
    for (let i = 0; i < spawn; i++) {
      const id = nextId++;
      clock.after(0, 'spawned', () => log.push(`${clock.now} spawned ${id}`));
    }
  };
  for (const o of ops) {
    if (o.op === 'timer') {
      const id = nextId++;
      const h = clock.at(clock.now + o.at, 'timer', () => ran(`timer ${id}`, o.spawn));
      items.push({ cancelled: false, id, handle: h });
    } else if (o.op === 'lane') {
      const it = { cancelled: false, id: nextId++, handle: null as TimerHandle | null };
      if (lane) lane.at(clock.now + o.at, it);
      else it.handle = clock.at(clock.now + o.at, 'lane', () => ran(`lane ${it.id}`, 0));
      items.push(it);
    } else if (o.op === 'cancel') {
      if (items.length === 0) continue;
      const it = items[o.pick % items.length];
      it.cancelled = true;
      clock.cancel(it.handle);
    } else if (o.op === 'advance') clock.advanceTo(clock.now + o.by);
    else log.push(`peek ${clock.peek()}`);
  }
  clock.advanceTo(clock.now + 100);
  log.push(`peek ${clock.peek()}`);
  return log;
}

describe('EvictionLane', () => {
  it('runs its items where clock timers scheduled at the same moments would run; cancelled ones never, and peek never sees them', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 80 }), (ops) => {
        expect(play(ops, true)).toEqual(play(ops, false));
      }),
      { numRuns: 400 },
    );
  });

  it('drops cancelled items at its head before answering the clock', () => {
    const clock = new VirtualClock();
    const ran: number[] = [];
    const lane = new EvictionLane<{ cancelled: boolean; n: number }>(clock, 'test', (it) => ran.push(it.n));
    const a = { cancelled: false, n: 1 };
    const b = { cancelled: false, n: 2 };
    lane.at(10, a);
    lane.at(20, b);
    a.cancelled = true;
    expect(clock.peek()).toBe(20);
    expect(lane.size).toBe(1);
    clock.advanceTo(30);
    expect(ran).toEqual([2]);
    expect(clock.peek()).toBeUndefined();
  });
});
