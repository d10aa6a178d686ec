import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockHeight, CARD_MIN_REM, cardHeight, columnsFor, GAP_REM } from './grid-geometry';
import { canvasSize } from './pod-canvas';

/** Evaluates the geometry's CSS (calc of n * var(--canvas-card-base), px and rem terms) for a base and a rem size. */
function evaluate(css: string, base: number, rem: number): number {
  const body = css.startsWith('calc(') ? css.slice(5, -1) : css;
  let total = 0;
  for (const term of body.split(' + ')) {
    const [factor, unit] = term.includes(' * ') ? term.split(' * ') : ['1', term];
    const value = unit === 'var(--canvas-card-base)' ? base : unit.endsWith('rem') ? parseFloat(unit) * rem : unit.endsWith('px') ? parseFloat(unit) : NaN;
    total += Number(factor) * value;
  }
  return total;
}

/** The reference: place the cards one by one as CSS grid auto-placement does, and take the last row's bottom. */
function laidOut(counts: number[], columns: number, base: number, rem: number): number {
  let top = 0;
  let bottom = 0;
  counts.forEach((count, i) => {
    if (i > 0 && i % columns === 0) top = bottom + GAP_REM * rem;
    bottom = Math.max(bottom, top + evaluate(cardHeight(count), base, rem));
  });
  return bottom;
}

describe('grid geometry', () => {
  it('counts the columns auto-fill would make of 19rem minimum, 0.875rem apart', () => {
    const rem = 16;
    const width = (n: number) => n * CARD_MIN_REM * rem + (n - 1) * GAP_REM * rem;
    for (const n of [1, 2, 3, 4, 6]) {
      expect(columnsFor(width(n), rem)).toBe(n);
      expect(columnsFor(width(n) - 0.5, rem)).toBe(Math.max(1, n - 1));
      expect(columnsFor(width(n + 1) - 0.5, rem)).toBe(n);
    }
    expect(columnsFor(1248, 16)).toBe(3);
    expect(columnsFor(1664, 18)).toBe(4);
    expect(columnsFor(100, 16)).toBe(1);
    expect(columnsFor(0, 16)).toBe(1);
    expect(columnsFor(NaN, 16)).toBe(1);
  });

  it("gives a card its canvas's height over the fixed part", () => {
    expect(cardHeight(0)).toBe(`calc(var(--canvas-card-base) + ${canvasSize(0).height}px)`);
    expect(evaluate(cardHeight(30), 200, 16)).toBe(200 + canvasSize(30).height);
  });

  it("equals the drawn height of a block's cards, row by row, for any pod counts and column count", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 250 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(16, 18, 20),
        (counts, columns, rem) => {
          const base = 12.75 * rem + 4;
          expect(evaluate(blockHeight(counts, columns), base, rem)).toBeCloseTo(laidOut(counts, columns, base, rem), 6);
        },
      ),
    );
  });

  it('follows the tallest card of each row, not of the block', () => {
    const one = canvasSize(1).height;
    const many = canvasSize(100).height;
    // [100, 1 | 1, 1] in 2 columns: rows of the tall canvas and of the short one.
    expect(blockHeight([100, 1, 1, 1], 2)).toBe(`calc(2 * var(--canvas-card-base) + ${many + one}px + 1 * ${GAP_REM}rem)`);
    expect(blockHeight([1, 1, 1, 100], 2)).toBe(`calc(2 * var(--canvas-card-base) + ${one + many}px + 1 * ${GAP_REM}rem)`);
    expect(blockHeight([100, 1, 1, 1], 4)).toBe(`calc(1 * var(--canvas-card-base) + ${many}px + 0 * ${GAP_REM}rem)`);
    expect(blockHeight([], 3)).toBe('0px');
  });
});
