import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EPOCH_MS, isoTimestamp, toTimestamp } from './time';

const MAX = 8.64e15;

describe('toTimestamp (arithmetic time of day)', () => {
  it('equals Date.toISOString without a zero millisecond part, for any sequence of times', () => {
    const time = fc.oneof(
      fc.integer({ min: -5_000, max: 3 * 86_400_000 }),
      fc.double({ min: -1e7, max: 1e10, noNaN: true }),
      fc.integer({ min: -MAX - EPOCH_MS, max: MAX - EPOCH_MS }),
      fc.constantFrom(0, -0, 999, 1000, 86_399_999, 86_400_000, -1, -EPOCH_MS, MAX - EPOCH_MS, -MAX - EPOCH_MS, 0.5, -0.5, 1.5),
    );
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 30 }), (ts) => {
        for (const t of ts) expect(toTimestamp(t)).toBe(isoTimestamp(Math.round(t)));
      }),
      { numRuns: 400 },
    );
  });

  it('throws as Date does for a time it cannot hold', () => {
    for (const t of [NaN, Infinity, -Infinity, MAX - EPOCH_MS + 1, 1e20]) {
      expect(() => isoTimestamp(Math.round(t))).toThrow(RangeError);
      expect(() => toTimestamp(t)).toThrow(RangeError);
    }
    // The last instant Date holds, then the next millisecond (the same day): the second throws too.
    expect(toTimestamp(MAX - EPOCH_MS)).toBe(isoTimestamp(MAX - EPOCH_MS));
    expect(() => toTimestamp(MAX - EPOCH_MS + 1)).toThrow(RangeError);
    expect(toTimestamp(61_001)).toBe('2026-01-01T00:01:01.001Z');
    expect(toTimestamp(-1)).toBe('2025-12-31T23:59:59.999Z');
    expect(toTimestamp(86_400_000 * 366 + 3_723_040)).toBe('2027-01-02T01:02:03.040Z');
  });
});
