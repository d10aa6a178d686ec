import { describe, expect, it } from 'vitest';
import { timeTicks } from './time-ticks';

describe('timeTicks', () => {
  it('puts about five ticks on whole clock steps', () => {
    expect(timeTicks(0, 60_000)).toEqual([0, 15_000, 30_000, 45_000, 60_000]);
    expect(timeTicks(0, 7 * 60_000)).toEqual([0, 120_000, 240_000, 360_000]);
    expect(timeTicks(45_000, 200_000)).toEqual([60_000, 120_000, 180_000]);
    expect(timeTicks(0, 3 * 86_400_000)).toEqual([0, 86_400_000, 172_800_000, 259_200_000]);
    expect(timeTicks(0, 20 * 86_400_000)).toEqual([0, 4, 8, 12, 16, 20].map((d) => d * 86_400_000));
    expect(timeTicks(5, 5)).toEqual([5]);
  });
});
