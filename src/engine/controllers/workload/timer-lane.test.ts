import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock';
import { KeyTimerLane } from './timer-lane';

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
});
