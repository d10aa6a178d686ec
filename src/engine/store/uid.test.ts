import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uidOf, uidOfSlices } from './uid';

describe('store uids', () => {
  it('are the sliced construction, digit for digit, for any four words (property)', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(word, word, word, word, (a, b, c, d) => {
        expect(uidOf(a, b, c, d)).toBe(uidOfSlices(a, b, c, d));
      }),
      { numRuns: 2000 },
    );
  });

  it('have the version-4 layout with the RFC 4122 variant', () => {
    for (const [a, b, c, d] of [
      [0, 0, 0, 0],
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0x01234567, 0x89abcdef, 0x7edcba98, 0x76543210],
    ]) {
      expect(uidOf(a, b, c, d)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(uidOf(0x01234567, 0x89abcdef, 0x7edcba98, 0x76543210)).toBe('01234567-89ab-4def-bedc-ba9876543210');
  });
});
