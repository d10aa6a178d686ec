import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fromTimestamp, toTimestamp } from '../../clock/time';
import { parsedTimestamp, TIMESTAMP_MEMO } from './timestamps';

describe('parsedTimestamp', () => {
  afterEach(() => {
    TIMESTAMP_MEMO.enabled = true;
  });

  it('equals fromTimestamp for written, malformed and missing timestamps, asked again and again', () => {
    const stamp = fc.oneof(
      fc.integer({ min: -1e9, max: 1e10 }).map((t) => toTimestamp(t)),
      fc.integer({ min: 0, max: 1e6 }).map((t) => toTimestamp(t * 1000)),
      fc.string(),
      fc.constantFrom('', 'not a time', '2026-01-01T00:00:00Z', '2026-13-01T00:00:00Z', undefined, null),
    );
    fc.assert(
      fc.property(fc.array(stamp, { maxLength: 60 }), (stamps) => {
        for (const s of [...stamps, ...stamps]) expect(parsedTimestamp(s)).toBe(fromTimestamp(s));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('keeps answering exactly past its size limit', () => {
    for (let i = 0; i < 10_000; i++) {
      const s = toTimestamp(i * 1000);
      expect(parsedTimestamp(s)).toBe(i * 1000);
    }
    expect(parsedTimestamp('2026-01-01T00:00:07Z')).toBe(7000);
  });
});
