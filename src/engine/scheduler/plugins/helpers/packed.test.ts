import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packedMap } from './packed';

describe('packedMap', () => {
  it('equals Array.prototype.map, index argument included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(undefined))), (xs) => {
        const f = (x: unknown, i: number) => [x, i];
        expect(packedMap(xs, f)).toEqual(xs.map(f));
      }),
    );
  });

  it('makes a new array with no holes', () => {
    const xs = [1, 2, 3];
    const out = packedMap(xs, (x) => x * 2);
    expect(out).not.toBe(xs);
    expect(Object.keys(out)).toEqual(['0', '1', '2']);
  });
});
