import { useCallback, useMemo, useRef, useSyncExternalStore, type CSSProperties, type ReactElement } from 'react';
import type { Frame, NodeFrame, PodFrame } from '../../../protocol/engine-api';
import { podTableOf } from '../../../protocol/frame-pods';
import { isDarkScheme, subscribeScheme } from '../theme/theme';
import { usePodscapeStore } from '../../store/podscape-store';
import { groupRows, podsOf, unboundRows, type PodGroups } from './group-pods';
import { blockRanges, CardBlock, cardsPerBlock, CARDS_PER_STEP, reuseBlocks, type CachedBlock } from './CardBlock';
import { stableNodes } from './NodeCanvasCard';
import { CanvasPendingTray } from './CanvasPendingTray';
import { DARK, LIGHT, type Palette } from './pod-canvas';
import { useCommitProbe } from './perf-probe';
import { cardOfNode, inCardOrder, naturalNodeOrder, type NodeOrder } from './node-order';
import { useGridColumns } from './use-grid-columns';
import { useProgressiveCount } from '../../components/use-progressive-count';
import './cluster-canvas.css';

/** The pending pods shown as cards under the canvas; the list view shows every one. */
export const PENDING_SHOWN = 50;
/**
 * A new grid's first commit mounts no card: it is the task that also unmounts the old view,
 * so the grouping of the pods and the first block (several screenfuls) wait for the next
 * task, and the rest come a block per task.
 */
export const FIRST_CARDS = 0;
const NO_NAMES: readonly string[] = [];
/**
 * The first CARDS_PER_STEP cards (on screen, so laid out whole) mount FIRST_BLOCK_STEP a
 * frame, so that no frame styles and lays out 60 new cards (a row of 6 cards: ~10 ms of
 * style, layout and paint on this VM; 12 were 15–23 ms); after them, CARDS_PER_STEP a frame.
 */
export const FIRST_BLOCK_STEP = 6;
export const growthStep = (count: number) => (count < CARDS_PER_STEP ? FIRST_BLOCK_STEP : CARDS_PER_STEP);

// The theme select's pinned theme wins over the system's, as in the CSS (light-dark()).
const isDark = () => typeof window === 'object' && isDarkScheme();

/** Large clusters: node cards in the DOM, each node's pods on a canvas, and the first pending pods as cards. */
export function CanvasCluster({ frame }: { frame: Frame }) {
  const selected = usePodscapeStore((s) => (s.selected?.kind === 'pod' ? s.selected.key : null));
  useCommitProbe();
  const palette = useSyncExternalStore(subscribeScheme, isDark, () => false) ? DARK : LIGHT;
  // The pods stay columns (protocol/pod-table.ts): grouping and drawing read them, and a
  // pod object is built only for the pending cards, the hovered pod and the selected one.
  const table = podTableOf(frame);
  const latest = useRef(table);
  latest.current = table;
  const podAt = useCallback((version: number): PodFrame | null => {
    const row = latest.current.findVersion(version);
    return row < 0 ? null : latest.current.get(row);
  }, []);
  // The cards in natural order (worker-2 before worker-10), as the card view; the frame keeps
  // the API server's string order (node-order.ts: sorted only when a node comes or goes).
  const lastOrder = useRef<NodeOrder | null>(null);
  const order = useMemo(() => (lastOrder.current = naturalNodeOrder(frame.nodes, lastOrder.current)), [frame.nodes]);
  const chosen = useMemo(() => {
    const row = selected === null ? -1 : table.findKey(selected);
    const card = row < 0 ? -1 : cardOfNode(table.node(row), order);
    return card < 0 ? null : { node: card, version: table.versions[row] };
  }, [selected, table, order]);
  // Most frames at speed move only heartbeats and the clock: then the grid below is the
  // same element as before and React does not even compare the 1,000 cards.
  const lastNodes = useRef<readonly NodeFrame[]>([]);
  const frameNodes = useMemo(() => (lastNodes.current = stableNodes(lastNodes.current, frame.nodes)), [frame.nodes]);
  const nodes = useMemo(() => inCardOrder(frameNodes, order), [frameNodes, order]);
  // A new cluster's cards mount a block per task (use-progressive-count.ts): a thousand
  // at once were one long task. Cards already on the page stay.
  const names = useMemo(() => nodes.map((node) => node.name), [nodes]);
  // Blocks of cards (CardBlock.tsx): a frame re-renders the blocks whose cards changed. The
  // column count is chosen here (grid-geometry.ts), so each block's height is exact; no card
  // mounts before it is measured (use-grid-columns.ts), so none is ever laid out in other columns.
  const gridRef = useRef<HTMLDivElement>(null);
  const measured = useGridColumns(gridRef);
  const columns = measured ?? 1;
  const shown = useProgressiveCount(measured === null ? NO_NAMES : names, FIRST_CARDS, growthStep, true);
  // The pods by node, once a card is shown (not in a new grid's first commit).
  const grouped = shown > 0;
  const previous = useRef<PodGroups | null>(null);
  const groups = useMemo(() => {
    if (!grouped) return null;
    const next = groupRows(table, frame.nodes, previous.current);
    previous.current = next;
    return next;
  }, [grouped, table, frame.nodes]);
  // Each block's element is kept while what it is made of is the same (reuseBlocks): a growth
  // step makes its own blocks only.
  const blocks = useRef<ReadonlyMap<number, CachedBlock<ReactElement>>>(new Map());
  const grid = useMemo(
    () => (
      <div className="canvas-grid" ref={gridRef} style={{ '--grid-columns': columns, minHeight: shown < names.length ? mountingHeight(names.length) : undefined } as CSSProperties}>
        {reuseBlocks(
          blocks,
          blockRanges(shown, cardsPerBlock(columns)),
          (start, end) => [end, nodes, groups, chosen && chosen.node >= start && chosen.node < end ? chosen : null, palette, podAt, columns],
          (start, end) => (
            <CardBlock
              key={start}
              nodes={nodes.slice(start, end)}
              pods={nodes.slice(start, end).map((node) => podsOf(groups!, node.name))}
              chosen={chosen && chosen.node >= start && chosen.node < end ? { index: chosen.node - start, version: chosen.version } : null}
              palette={palette}
              podAt={podAt}
              columns={columns}
            />
          ),
        )}
      </div>
    ),
    [nodes, names, shown, groups, chosen, palette, podAt, columns],
  );
  const pending = useMemo(() => groups?.unbound ?? unboundRows(table), [groups, table]);

  return (
    <>
      <section className="nodes" aria-labelledby="nodes-heading">
        <h2 id="nodes-heading">Nodes ({frame.nodes.length})</h2>
        <CanvasKey palette={palette} />
        {grid}
      </section>
      <CanvasPendingTray table={table} pending={pending} queue={frame.queue} selected={selected} />
    </>
  );
}

/** What the squares mean (the canvases' colours and shapes); each pod's own STATUS is in its canvas's tooltip, the list view and the inspector. */
function CanvasKey({ palette }: { palette: Palette }) {
  const swatch = (colour: string, shape: 'fill' | 'hollow' | 'half' | 'cross' = 'fill') => (
    <span className={`canvas-key-swatch canvas-key-${shape}`} style={{ '--swatch': colour, '--cross': palette.Failed } as CSSProperties} aria-hidden="true" />
  );
  return (
    <ul className="canvas-key" aria-label="What the pod squares mean">
      {(['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown'] as const).map((phase) => (
        <li key={phase}>
          {swatch(palette[phase])}
          {phase}
        </li>
      ))}
      <li data-key="not-ready">
        {swatch(palette.Running, 'half')}
        Running, not ready
      </li>
      <li>
        {swatch(palette.Running, 'hollow')}
        Terminating
      </li>
      <li>
        {swatch(palette.Running, 'cross')}
        container in trouble (CrashLoopBackOff, Error)
      </li>
    </ul>
  );
}

/**
 * The grid's least height while its cards are still mounting: two screens, or less when the
 * whole grid is shorter (`count` cards in at most 16 columns, each at least the card's
 * fixed part), so nothing under it ever moves up. The sections under a large grid are then
 * off screen, past content-visibility's margin around the viewport, from the first commit
 * instead of on screen while the first cards arrive. (Chromium can still take a second to
 * skip a section that was on screen before: the workload rows grow a step a frame.)
 */
export function mountingHeight(count: number): string {
  return `min(200vh, ${Math.ceil(count / 16)} * var(--canvas-card-base))`;
}
