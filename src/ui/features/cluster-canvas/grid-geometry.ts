/**
 * The large grid's geometry, known without laying it out: a block of cards off screen skips
 * rendering (`content-visibility: auto` on the block, cluster-canvas.css) and stands in with
 * a placeholder as tall as the block would be drawn. That height must be EXACT, or the cards
 * below would move when the block is first drawn (under a drag in progress, too). So:
 * - the column count is chosen here from the grid's width (as `repeat(auto-fill, minmax(19rem, 1fr))`
 *   would) and handed to CSS, so the layout and this count agree by construction;
 * - a card's height is fixed: `var(--canvas-card-base)` (its facts, actions, meters and caption,
 *   which do not wrap) plus its canvas's height, which follows from its pod count (pod-canvas.ts);
 * - a grid row is as tall as its tallest card (`align-items: start`), rows are GAP_REM apart.
 */
import { canvasSize } from './pod-canvas';

/** A card's least width and the gap between cards and rows (cluster.css's .node-grid). */
export const CARD_MIN_REM = 19;
export const GAP_REM = 0.875;

/** How many columns of at least CARD_MIN_REM, GAP_REM apart, fit in `width` px (at least one). */
export function columnsFor(width: number, rem: number): number {
  if (!(width > 0) || !(rem > 0)) return 1;
  return Math.max(1, Math.floor((width + GAP_REM * rem) / ((CARD_MIN_REM + GAP_REM) * rem)));
}

/** A card's height as CSS: the fixed part plus its canvas (`podCount` pods). */
export function cardHeight(podCount: number): string {
  return `calc(var(--canvas-card-base) + ${canvasSize(podCount).height}px)`;
}

/**
 * A block's drawn height as CSS, for cards with these pod counts in grid order laid out in
 * `columns` columns: each row's fixed part, plus its tallest canvas, plus the gaps.
 */
export function blockHeight(podCounts: ArrayLike<number>, columns: number): string {
  const rows = Math.ceil(podCounts.length / columns);
  if (rows === 0) return '0px';
  let canvases = 0;
  for (let row = 0; row < rows; row++) {
    let tallest = 0;
    for (let i = row * columns; i < Math.min(podCounts.length, (row + 1) * columns); i++) tallest = Math.max(tallest, canvasSize(podCounts[i]).height);
    canvases += tallest;
  }
  return `calc(${rows} * var(--canvas-card-base) + ${canvases}px + ${rows - 1} * ${GAP_REM}rem)`;
}
