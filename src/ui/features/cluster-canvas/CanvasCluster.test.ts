import { describe, expect, it } from 'vitest';
import { CARDS_PER_BLOCK } from './CardBlock';
import { FIRST_BLOCK_STEP, FIRST_CARDS, growthStep, mountingHeight } from './CanvasCluster';

describe('the grid growing while it mounts', () => {
  it('mounts the first block a few cards at a time and then whole blocks, every count after the first block at a block boundary', () => {
    const counts: number[] = [];
    for (let count = FIRST_CARDS; count < 1000; count += growthStep(count)) counts.push(count);
    expect(counts.slice(0, 7)).toEqual([0, 12, 24, 36, 48, 60, 120]);
    for (const count of counts) expect(count < CARDS_PER_BLOCK ? count % FIRST_BLOCK_STEP : count % CARDS_PER_BLOCK).toBe(0);
    expect(CARDS_PER_BLOCK % FIRST_BLOCK_STEP).toBe(0);
  });

  it("keeps the grid two screens tall while it mounts, or as tall as its cards' fixed parts when shorter", () => {
    expect(mountingHeight(1000)).toBe('min(200vh, 63 * var(--canvas-card-base))');
    expect(mountingHeight(5)).toBe('min(200vh, 1 * var(--canvas-card-base))');
  });
});
