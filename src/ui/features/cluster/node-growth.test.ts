import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_PODS, firstNodes, mountingHeight, nodeStep, STEP_PODS } from './node-growth';

const counted = (counts: readonly number[]) => {
  const names = counts.map((_, i) => `n${i}`);
  return { names, podCount: (name: string) => counts[Number(name.slice(1))] };
};

describe('node-growth', () => {
  it('mounts a list at once when its pods fit FIRST_PODS, else nothing first', () => {
    expect(firstNodes([], () => 0)).toBe(0);
    const small = counted([10, 10, 10, 10]);
    expect(firstNodes(small.names, small.podCount)).toBe(4);
    const over = counted([10, 10, 10, 11]);
    expect(FIRST_PODS).toBe(40);
    expect(firstNodes(over.names, over.podCount)).toBe(0);
  });

  it('steps by whole cards while their pods fit STEP_PODS, at least one card', () => {
    const { names, podCount } = counted([30, 30, 30, 110, 0, 0, 61, 5]);
    expect(nodeStep(names, 0, podCount)).toBe(2);
    expect(nodeStep(names, 2, podCount)).toBe(1); // 30, then 110 does not fit
    expect(nodeStep(names, 3, podCount)).toBe(1); // 110 alone is over: still one card
    expect(nodeStep(names, 4, podCount)).toBe(2); // 0, 0, and 61 does not fit
    expect(nodeStep(names, 6, podCount)).toBe(1);
    expect(nodeStep(names, 7, podCount)).toBe(1);
  });

  it('covers every card in order, each step within STEP_PODS unless one card alone is over it', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 120 }), { maxLength: 60 }), (counts) => {
        const { names, podCount } = counted(counts);
        let count = firstNodes(names, podCount);
        if (count !== 0) expect(count).toBe(names.length);
        while (count < names.length) {
          const by = nodeStep(names, count, podCount);
          expect(by).toBeGreaterThanOrEqual(1);
          const step = counts.slice(count, count + by);
          const pods = step.reduce((a, b) => a + b, 0);
          if (by > 1) expect(pods).toBeLessThanOrEqual(STEP_PODS);
          // Greedy: the next card would not have fitted.
          if (count + by < names.length) expect(pods + counts[count + by]).toBeGreaterThan(STEP_PODS);
          count += by;
        }
        expect(count).toBe(names.length);
      }),
    );
  });

  it('holds the grid at its tallest card while mounting, at most two screens', () => {
    const { names, podCount } = counted([3, 30, 7]);
    expect(mountingHeight(names, podCount)).toBe('min(200vh, calc(9.493rem + 30 * 3.6633rem))');
  });
});
