import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scale100 } from '../plugins/helpers/resource-allocation';
import { exactFloorOfQuotient } from './score-loop';

const SAFE = Number.MAX_SAFE_INTEGER;
const bigFloor = (p: number, c: number) => Number(BigInt(p) / BigInt(c));

describe('exactFloorOfQuotient', () => {
  it('is the exact floor for integers p ≤ 2^53 − 1 and c ≥ 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SAFE }), fc.integer({ min: 1, max: SAFE }), (p, c) => {
        expect(exactFloorOfQuotient(p, c)).toBe(bigFloor(p, c));
      }),
      { numRuns: 20000 },
    );
  });

  it('just below an integer quotient (where a rounded quotient could land on the integer)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 2 ** 20, max: SAFE }), fc.integer({ min: 1, max: 3 }), (k, c0, m) => {
        const c = Math.min(c0, Math.floor((SAFE + m) / k));
        const p = k * c - m;
        fc.pre(p >= 0 && p <= SAFE);
        expect(exactFloorOfQuotient(p, c)).toBe(bigFloor(p, c));
      }),
      { numRuns: 20000 },
    );
  });

  it('agrees with scale100 (the plugins’ exact floor of a × 100 / c)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor(SAFE / 100) }), fc.integer({ min: 1, max: SAFE }), (a, c) => {
        expect(exactFloorOfQuotient(a * 100, c)).toBe(scale100(a, c));
      }),
      { numRuns: 20000 },
    );
  });
});
