import { describe, expect, it } from 'vitest';
import { CARDS_PER_STEP, cardsPerBlock } from './CardBlock';
import { FIRST_BLOCK_STEP, FIRST_CARDS, growthStep, mountingHeight } from './CanvasCluster';

describe('the grid growing while it mounts', () => {
  it('mounts the first block a few cards at a time and then whole blocks, every count after the first step at a step boundary', () => {
    const counts: number[] = [];
    for (let count = FIRST_CARDS; count < 1000; count += growthStep(count)) counts.push(count);
    expect(counts.slice(0, 12)).toEqual([0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 120]);
    for (const count of counts) expect(count < CARDS_PER_STEP ? count % FIRST_BLOCK_STEP : count % CARDS_PER_STEP).toBe(0);
    expect(CARDS_PER_STEP % FIRST_BLOCK_STEP).toBe(0);
    // Every step ends on a whole block, whatever the column count.
    for (let columns = 1; columns <= 6; columns++) expect(CARDS_PER_STEP % cardsPerBlock(columns)).toBe(0);
  });

  it("keeps the grid two screens tall while it mounts, or as tall as its cards' fixed parts when shorter", () => {
    expect(mountingHeight(1000)).toBe('min(200vh, 63 * var(--canvas-card-base))');
    expect(mountingHeight(5)).toBe('min(200vh, 1 * var(--canvas-card-base))');
  });
});
