import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock';
import { KeyTimerLane, LANE_REPLACE } from './timer-lane';

describe('KeyTimerLane', () => {
  it('runs its items among clock timers in (time, scheduling order), as clock timers would run', () => {
    const opArb = fc.oneof(
      fc.record({ lane: fc.boolean(), at: fc.integer({ min: 0, max: 6 }).map((t) => t * 10) }),
      fc.record({ advance: fc.integer({ min: 0, max: 25 }) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const play = (useLane: boolean) => {
          const clock = new VirtualClock();
          const log: string[] = [];
          const lane = new KeyTimerLane(clock, 'test', (key, at) => log.push(`${clock.now} ${key} ${at}`));
          let n = 0;
          for (const o of ops) {
            if ('advance' in o) clock.advanceTo(clock.now + o.advance);
            else {
              const key = `${o.lane ? 'lane' : 'clock'}-${n++}`;
              const at = o.at;
              if (o.lane && useLane) lane.at(at, key);
              else clock.at(at, 'timer', () => log.push(`${clock.now} ${key} ${Math.max(at, clock.now)}`));
            }
          }
          clock.advanceTo(clock.now + 1000);
          return log;
        };
        expect(play(true)).toEqual(play(false));
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it('runs that schedule again (the new item takes the running root place) keep the clock timers order', () => {
    // Each item may schedule one or two more from its run, at the same instant or later, as sync queues do.
    const opArb = fc.oneof(
      fc.record({ lane: fc.boolean(), at: fc.integer({ min: 0, max: 6 }).map((t) => t * 10), again: fc.array(fc.constantFrom(0, 5, 10, 20), { maxLength: 2 }) }),
      fc.record({ advance: fc.integer({ min: 0, max: 25 }) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const play = (useLane: boolean, replace: boolean) => {
          LANE_REPLACE.enabled = replace;
          const clock = new VirtualClock();
          const log: string[] = [];
          const lane = new KeyTimerLane<{ key: string; again: number[] }>(clock, 'test', (item, at) => ran(item, at));
          const schedule = (key: string, at: number, again: number[], onLane: boolean) => {
            const item = { key, again };
            if (onLane && useLane) lane.at(at, item);
            else clock.at(at, 'timer', () => ran(item, Math.max(at, clock.now)));
          };
          const ran = (item: { key: string; again: number[] }, at: number) => {
            log.push(`${clock.now} ${item.key} ${at}`);
            item.again.forEach((d, i) => schedule(`${item.key}.${i}`, clock.now + d, [], item.key.startsWith('lane')));
          };
          let n = 0;
          for (const o of ops) {
            if ('advance' in o) clock.advanceTo(clock.now + o.advance);
            else schedule(`${o.lane ? 'lane' : 'clock'}-${n++}`, o.at, o.again, o.lane);
          }
          clock.advanceTo(clock.now + 1000);
          LANE_REPLACE.enabled = true;
          return log;
        };
        const reference = play(false, true);
        expect(play(true, true)).toEqual(reference);
        expect(play(true, false)).toEqual(reference);
      }),
      { numRuns: 500, seed: 6 },
    );
  });

  it("counts in the clock's next timer time, and is held to the clock's checks", () => {
    const clock = new VirtualClock();
    const lane = new KeyTimerLane(clock, 'test', () => {});
    clock.at(50, 'timer', () => {});
    lane.at(20, 'k');
    expect(clock.peek()).toBe(20);
    clock.advanceTo(30);
    expect(clock.peek()).toBe(50);
    expect(() => lane.at(Number.NaN, 'k')).toThrow('not a number');
    expect(() => lane.at(Infinity, 'k')).toThrow('not a finite time');
  });
});
