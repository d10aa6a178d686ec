import { memo, type CSSProperties } from 'react';
import type { NodeFrame, PodFrame } from '../../../protocol/engine-api';
import type { PodSlice } from './group-pods';
import { NodeCanvasCard, sameNodeView } from './NodeCanvasCard';
import type { Palette } from './pod-canvas';
import { blockHeight } from './grid-geometry';

/**
 * Node cards mounted per task while a new grid grows (use-progressive-count.ts): 60 fills
 * whole rows at 1 to 6 columns.
 */
export const CARDS_PER_STEP = 60;

/**
 * Node cards per block of the large grid, for `columns` columns: whole rows, about 12 cards.
 * Each block is its own grid (cluster-canvas.css) and a memoised component: a frame
 * re-renders (and React compares the cards of) only the blocks whose cards changed, and a
 * card whose size changed re-lays out its block, not a grid of 1,000. A block off screen
 * skips rendering, standing in with its exact height (grid-geometry.ts); blocks of about a
 * screenful (3 rows at 4 columns) keep the cards the renderer draws, pre-paints, layerizes
 * and hit-tests each frame to those near the viewport (blocks of 60, 15 rows, drew 60 to 120).
 * The size is 12 from 1 to 4 and at 6 columns (15 at 5), so a resize regroups (remounts) the
 * cards only across 5 columns.
 */
export function cardsPerBlock(columns: number): number {
  const c = Math.max(1, Math.floor(columns));
  return c * Math.ceil(12 / c);
}

/** The half-open ranges [start, end) of `count` cards in blocks of `size`. */
export function blockRanges(count: number, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < count; start += size) ranges.push([start, Math.min(count, start + size)]);
  return ranges;
}

/** A block's rendered element and what it was made from (reuseBlocks). */
export interface CachedBlock<T> {
  inputs: readonly unknown[];
  element: T;
}

/**
 * The grid's block elements, each the previous render's element itself when every input it
 * was made from is the same (Object.is): React then skips the block without even comparing
 * its props. While a large grid grows a step a frame, a step makes the new blocks' elements
 * only, not two arrays and an element for each of the hundreds of blocks already shown.
 * `cache` (start → element) is replaced by the blocks of this render.
 */
export function reuseBlocks<T>(
  cache: { current: ReadonlyMap<number, CachedBlock<T>> },
  ranges: readonly (readonly [number, number])[],
  inputsOf: (start: number, end: number) => readonly unknown[],
  make: (start: number, end: number) => T,
): T[] {
  const next = new Map<number, CachedBlock<T>>();
  const out = ranges.map(([start, end]) => {
    const inputs = inputsOf(start, end);
    const hit = cache.current.get(start);
    const block = hit && hit.inputs.length === inputs.length && hit.inputs.every((x, i) => Object.is(x, inputs[i])) ? hit : { inputs, element: make(start, end) };
    next.set(start, block);
    return block.element;
  });
  cache.current = next;
  return out;
}

export interface CardBlockProps {
  /** The block's nodes, in grid order. */
  nodes: readonly NodeFrame[];
  /** Each node's pods (the same index as `nodes`). */
  pods: readonly PodSlice[];
  /** The selected pod: its node's index in this block and its row version, or null when it is not in this block. */
  chosen: { index: number; version: number } | null;
  palette: Palette;
  podAt: (version: number) => PodFrame | null;
  /** The grid's column count (use-grid-columns.ts). */
  columns: number;
}

/** One block of node cards; re-renders only when one of its nodes, their pods or its selection changed. */
export const CardBlock = memo(function CardBlock({ nodes, pods, chosen, palette, podAt, columns }: CardBlockProps) {
  const style = { '--block-height': blockHeight(pods.map((slice) => slice.versions.length), columns) } as CSSProperties;
  return (
    <div className="node-grid canvas-block" style={style}>
      {nodes.map((node, i) => (
        <NodeCanvasCard
          key={node.name}
          node={node}
          pods={pods[i]}
          selected={chosen?.index === i ? chosen.version : 0}
          palette={palette}
          podAt={podAt}
        />
      ))}
    </div>
  );
}, sameBlock);

/**
 * Whether a block's cards would all skip: each node looks the same to its card (heartbeats
 * aside: NodeCanvasCard's sameNodeView), each node's pod slice is the same object (group-pods.ts
 * keeps a slice while its pods are unchanged), and the selection, palette and columns are the same.
 */
export function sameBlock(a: CardBlockProps, b: CardBlockProps): boolean {
  if (a.palette !== b.palette || a.podAt !== b.podAt || a.columns !== b.columns || a.nodes.length !== b.nodes.length) return false;
  if (a.chosen !== b.chosen && (a.chosen?.index !== b.chosen?.index || a.chosen?.version !== b.chosen?.version)) return false;
  for (let i = 0; i < a.nodes.length; i++) if (a.pods[i] !== b.pods[i] || !sameNodeView(a.nodes[i], b.nodes[i])) return false;
  return true;
}
