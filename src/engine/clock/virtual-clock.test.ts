import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, fromTimestamp, toTimestamp } from './time';
import { KeyTimerLane } from '../controllers/workload/timer-lane';
import { ClockError, MAX_CALLBACKS_PER_INSTANT, RUNAWAY_SAMPLE, VirtualClock } from './virtual-clock';

describe('VirtualClock', () => {
  it('runs timers in (time, sequence) order and ends at the target time', () => {
    const c = new VirtualClock();
    const log: string[] = [];
    c.at(30, 'c', () => log.push(`c@${c.now}`));
    c.at(10, 'a', () => log.push(`a@${c.now}`));
    c.at(10, 'b', () => log.push(`b@${c.now}`));
    c.after(20, 'd', () => log.push(`d@${c.now}`));
    c.advanceTo(25);
    expect(log).toEqual(['a@10', 'b@10', 'd@20']);
    expect(c.now).toBe(25);
    expect(c.peek()).toBe(30);
    c.advanceTo(30);
    expect(log).toEqual(['a@10', 'b@10', 'd@20', 'c@30']);
    expect(c.peek()).toBeUndefined();
  });

  it('runs timers scheduled while running when they are due by the target', () => {
    const c = new VirtualClock();
    const log: string[] = [];
    c.at(5, 'first', () => {
      log.push('first');
      c.after(0, 'same instant', () => log.push(`same@${c.now}`));
      c.after(3, 'later', () => log.push(`later@${c.now}`));
      c.after(100, 'too late', () => log.push('too late'));
    });
    c.at(5, 'second', () => log.push('second'));
    c.advanceTo(10);
    expect(log).toEqual(['first', 'second', 'same@5', 'later@8']);
    expect(c.pending).toBe(1);
  });

  it('runs a timer scheduled in the past at the current time', () => {
    const c = new VirtualClock({ start: 100 });
    let ran = -1;
    c.at(50, 'past', () => (ran = c.now));
    c.advanceTo(100);
    expect(ran).toBe(100);
  });

  it('cancels one-shot and periodic timers, also from inside a timer', () => {
    const c = new VirtualClock();
    const log: number[] = [];
    const h = c.at(10, 'x', () => log.push(-1));
    c.cancel(h);
    c.cancel(h);
    c.cancel(null);
    const p = c.every(10, 0, 'tick', () => {
      log.push(c.now);
      if (c.now === 30) c.cancel(p);
    });
    c.advanceTo(100);
    expect(log).toEqual([0, 10, 20, 30]);
    expect(c.pending).toBe(0);
    expect(c.peek()).toBeUndefined();
  });

  it('every() starts at now + phase and repeats', () => {
    const c = new VirtualClock();
    const times: number[] = [];
    c.advanceTo(3);
    c.every(5, 2, 'monitor', () => times.push(c.now));
    c.advanceTo(22);
    expect(times).toEqual([5, 10, 15, 20]);
  });

  it('orders a periodic timer against one-shots at the same time by scheduling order', () => {
    const c = new VirtualClock();
    const log: string[] = [];
    c.every(10, 10, 'p', () => log.push(`p${c.now}`));
    c.at(10, 'a', () => log.push('a10'));
    c.at(20, 'b', () => log.push('b20'));
    c.advanceTo(20);
    // p@10 was scheduled before a; p@20 is re-queued after running at 10, after b was scheduled.
    expect(log).toEqual(['p10', 'a10', 'b20', 'p20']);
  });

  it('refuses to go back in time, to advance re-entrantly, and bad inputs', () => {
    const c = new VirtualClock();
    c.advanceTo(10);
    expect(() => c.advanceTo(5)).toThrow(/cannot go back in time from 10 ms to 5 ms/);
    c.at(20, 'nested', () => c.advanceTo(30));
    expect(() => c.advanceTo(25)).toThrow(/called from inside a timer/);
    expect(() => c.every(0, 0, 'zero', () => {})).toThrow(ClockError);
    expect(() => c.at(NaN, 'nan', () => {})).toThrow(/not a number/);
    // The clock is still usable after a failed run.
    c.advanceTo(40);
    expect(c.now).toBe(40);
  });

  it('stops an endless same-instant loop with a clear error', () => {
    const c = new VirtualClock({ maxTimersPerInstant: 1000 });
    const spin = () => c.after(0, 'spin', spin);
    c.after(5, 'spin', spin);
    expect(() => c.advanceTo(10)).toThrow(/more than 1000 callbacks ran at 5 ms \(0s\) without time advancing; .*Most frequent of the last 1000: "spin" ×1000 \(last: "spin"\)/);
  });

  // With the default bound: a component that re-arms itself at the same instant (a controller
  // whose own write queues its own sync again) makes advanceTo throw, naming the instant and the
  // busiest labels, instead of spinning. Without the guard this test times out.
  it(
    'throws a runaway error at the default bound for a component re-arming itself at one instant, naming it',
    () => {
      const c = new VirtualClock();
      const seen: string[] = [];
      // A well-behaved neighbour at the same instant, and a periodic timer at another.
      c.every(10_000, 0, 'node-monitor pass', () => seen.push('monitor'));
      let writes = 0;
      const sync = () => {
        writes++;
        c.after(0, 'replicaset-controller sync default/web', sync);
      };
      c.at(90_000, 'replicaset-controller sync default/web', sync);
      c.at(90_000, 'kubelet worker-1: status', () => {});
      let error: unknown;
      try {
        c.advanceTo(120_000);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ClockError);
      expect((error as Error).message).toBe(
        `virtual clock: more than ${MAX_CALLBACKS_PER_INSTANT} callbacks ran at 90000 ms (1m30s) without time advancing; ` +
          `a component keeps scheduling work at the same instant. Most frequent of the last ${RUNAWAY_SAMPLE}: ` +
          `"replicaset-controller sync default/web" ×${RUNAWAY_SAMPLE} (last: "replicaset-controller sync default/web")`,
      );
      expect(c.now).toBe(90_000);
      expect(writes).toBe(MAX_CALLBACKS_PER_INSTANT - 2);
      expect(seen).toHaveLength(10);
      // The clock is still usable: time never went past the instant, and other timers go on.
      expect(c.advancing).toBe(false);
    },
    30_000,
  );

  it('names the busiest labels first when several components spin together, lanes by their label', () => {
    const c = new VirtualClock({ maxTimersPerInstant: 5000 });
    const a = () => {
      c.after(0, 'a', a);
      c.after(0, 'b', () => {});
      c.after(0, 'b', () => {});
    };
    c.at(7, 'a', a);
    expect(() => c.advanceTo(8)).toThrow(/more than 5000 callbacks ran at 7 ms \(0s\).*Most frequent of the last 1000: "b" ×\d+, "a" ×\d+ \(last: "[ab]"\)/);
  });

  // A sync queue's lane runs quiet items in its own loop (Clock.laneMayRun), without a clock
  // step: a key re-queued at the same instant from there must trip the guard too. Without the
  // count in laneMayRun this test spins forever.
  it(
    'throws for a lane that re-queues a key at one instant in its own loop, naming the lane and the key',
    () => {
      const c = new VirtualClock({ maxTimersPerInstant: 5000 });
      let runs = 0;
      const lane: KeyTimerLane<string> = new KeyTimerLane<string>(
        c,
        'demo-controller',
        (key, at) => {
          runs++;
          lane.at(at, key);
        },
        (key, at) => {
          runs++;
          lane.at(at, key);
          return true;
        },
      );
      lane.at(3, 'default/web');
      expect(() => c.advanceTo(10)).toThrow(
        /^virtual clock: more than 5000 callbacks ran at 3 ms \(0s\) without time advancing; .* Most frequent of the last 1000: "demo-controller default\/web \(lane loop\)" ×1000 \(last: "demo-controller default\/web \(lane loop\)"\)$/,
      );
      // One clock step, then 5,000 items in the lane's own loop (counted there), the next one refused.
      expect(runs).toBe(5001);
    },
    10_000,
  );

  it('counts no callback run before the instant nears the bound (a busy instant below it runs through)', () => {
    const c = new VirtualClock({ maxTimersPerInstant: 3000 });
    let n = 0;
    for (let i = 0; i < 3000; i++) c.at(4, 'busy', () => n++);
    c.advanceTo(5);
    expect(n).toBe(3000);
    c.at(6, 'one more', () => n++);
    for (let i = 0; i < 3000; i++) c.at(6, 'busy', () => n++);
    expect(() => c.advanceTo(7)).toThrow(/more than 3000 callbacks ran at 6 ms/);
  });

  it('does not count timers at different instants toward the loop guard', () => {
    const c = new VirtualClock({ maxTimersPerInstant: 10 });
    let n = 0;
    c.every(1, 0, 'tick', () => n++);
    c.advanceTo(1000);
    expect(n).toBe(1001);
  });

  it('stays ordered with many random timers and cancellations (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.boolean()), { maxLength: 300 }),
        fc.integer({ min: 0, max: 250 }),
        (specs, until) => {
          const c = new VirtualClock();
          const ran: [number, number][] = [];
          const handles = specs.map(([t], i) => c.at(t, `t${i}`, () => ran.push([c.now, i])));
          const cancelled = new Set<number>();
          specs.forEach(([, cancel], i) => {
            if (cancel) {
              c.cancel(handles[i]);
              cancelled.add(i);
            }
          });
          c.advanceTo(until);
          const expected = specs
            .map(([t], i) => [t, i] as [number, number])
            .filter(([t, i]) => t <= until && !cancelled.has(i))
            .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(ran).toEqual(expected);
          expect(c.pending).toBe(specs.filter(([t], i) => t > until && !cancelled.has(i)).length);
        },
      ),
    );
  });
});

describe('virtual time helpers', () => {
  it('writes RFC 3339 timestamps and reads them back', () => {
    expect(toTimestamp(0)).toBe('2026-01-01T00:00:00Z');
    expect(toTimestamp(357_000)).toBe('2026-01-01T00:05:57Z');
    expect(toTimestamp(357_100)).toBe('2026-01-01T00:05:57.100Z');
    expect(fromTimestamp(toTimestamp(357_100))).toBe(357_100);
    expect(fromTimestamp('2026-01-01T00:05:57Z')).toBe(357_000);
    expect(fromTimestamp('nope')).toBeUndefined();
    expect(fromTimestamp(undefined)).toBeUndefined();
  });
  it('prints durations like Go, to the second', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(52_999)).toBe('52s');
    expect(formatDuration(357_000)).toBe('5m57s');
    expect(formatDuration(3_605_000)).toBe('1h0m5s');
    expect(formatDuration(-5_000)).toBe('-5s');
  });
});
