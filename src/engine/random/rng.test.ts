import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod32, Rng } from './rng';

describe('mod32', () => {
  it('equals x % n for every 32-bit x and n', () => {
    const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
    fc.assert(fc.property(u32, fc.integer({ min: 1, max: 2 ** 32 - 1 }), (x, n) => mod32(x, n) === x % n), { numRuns: 20000 });
    // Near the edges: multiples of n and their neighbours, the largest x, small and huge n.
    for (const n of [1, 2, 3, 7, 1000, 65537, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]) {
      for (const x of [0, 1, n - 1, n, n + 1, 2 ** 32 - 1, 2 ** 32 - 2, Math.floor((2 ** 32 - 1) / n) * n, Math.floor((2 ** 32 - 1) / n) * n - 1]) {
        if (x >= 0 && x < 2 ** 32) expect(mod32(x, n)).toBe(x % n);
      }
    }
  });
});

describe('Rng.intn', () => {
  it('keeps its sequence (seed 42)', () => {
    const r = new Rng(42);
    expect(Array.from({ length: 8 }, (_, i) => r.intn([2, 3, 10, 1000, 7, 2 ** 31 + 5, 5, 100][i]))).toMatchSnapshot();
  });
});
