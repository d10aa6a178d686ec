import { memo, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { NodeFrame, PodFrame } from '../../../protocol/engine-api';
import { PHASE_MASK, PHASES, TERMINATING } from '../../../protocol/pod-table';
import { select } from '../../store/actions';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { podStatusText } from '../cluster/PodCard';
import { ResourceBar } from '../cluster/ResourceBar';
import { POD_CANVAS, usePodCanvasDrag } from '../drag/canvas-drag';
import { useNodeDrop } from '../drag/node-drop';
import { NodeActions } from '../node-actions/NodeActions';
import { sameSlice, type PodSlice } from './group-pods';
import { countRender } from './perf-probe';
import { canvasSize, COLUMNS, drawPods, podIndexAt, runningNotReadyState, type Palette } from './pod-canvas';
import { cardHeight } from './grid-geometry';
import { BLOCK_SELECTOR, drawWhenSeen } from './draw-when-seen';

interface NodeCanvasCardProps {
  node: NodeFrame;
  /** The node's pods as the canvas draws them (group-pods.ts). */
  pods: PodSlice;
  /** The selected pod's row version when it is on this node, else 0 (so other cards skip re-rendering). */
  selected: number;
  palette: Palette;
  /** The pod of a row version in the newest frame, or null (stable across frames: hover and select only). */
  podAt: (version: number) => PodFrame | null;
}

const keyOf = (pod: PodFrame) => `${pod.namespace}/${pod.name}`;

/**
 * Counts by what the user sees, kubectl's STATUS column: Terminating wins over a container's reason (CrashLoopBackOff), which wins over the phase;
 * a Running pod that is not Ready counts as the pod card words it, "Running, not ready".
 */
export function describePods(states: Uint8Array, reasons?: readonly (string | null)[]): string {
  const counts = new Map<string, number>();
  for (let i = 0; i < states.length; i++) {
    const state = states[i];
    const status =
      (state & TERMINATING) !== 0 ? 'Terminating' : runningNotReadyState(state, reasons?.[i]) ? 'Running, not ready' : (reasons?.[i] ?? PHASES[state & PHASE_MASK]);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  return `${states.length === 1 ? '1 pod' : `${states.length} pods`}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * A node card for large clusters: the node's facts and meters in the DOM (the DOM
 * contract's data-node and meters), its pods on a canvas. Hover or keyboard focus shows
 * a pod's name; a click or Enter selects it. A pod can be dragged to another node (pointer,
 * or Space on the focused pod: features/drag/canvas-drag.ts), as a pod card can.
 */
export const NodeCanvasCard = memo(function NodeCanvasCard({ node, pods, selected, palette, podAt }: NodeCanvasCardProps) {
  countRender();
  const { store } = usePodscapeRuntime();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState(-1);
  const [focused, setFocused] = useState(-1);
  const count = pods.versions.length;
  const size = canvasSize(count);
  const ratio = typeof window === 'object' ? window.devicePixelRatio || 1 : 1;
  const shownIndex = hover >= 0 && hover < count ? hover : focused >= 0 && focused < count ? focused : -1;
  // The hovered or focused pod's object, built for this one pod.
  const shown = shownIndex >= 0 ? podAt(pods.versions[shownIndex]) : null;
  const headingId = `canvas-node-${node.name}`;
  const tooltipId = `${headingId}-pod`;
  const drop = useNodeDrop(node.name);
  // Read at press time: one pod object for the pressed pod, none per frame.
  const { dragging } = usePodCanvasDrag(canvas, {
    podAt: (x, y) => {
      const box = canvas.current!.getBoundingClientRect();
      const index = podIndexAt(x - box.left, y - box.top, count);
      return index >= 0 ? (podAt(pods.versions[index])?.uid ?? null) : null;
    },
    focusedPod: () => (focused >= 0 && focused < count ? (podAt(pods.versions[focused])?.uid ?? null) : null),
  });

  // Drawn once the card's block is rendered (draw-when-seen.ts): a block off screen waits.
  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element) return;
    return drawWhenSeen(element, element.closest(BLOCK_SELECTOR), () => {
      const context = element.getContext('2d');
      if (context) drawPods(context, pods, { palette, ratio, selected, focused });
    });
  }, [pods, palette, ratio, selected, focused]);

  const at = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return podIndexAt(event.clientX - box.left, event.clientY - box.top, count);
  };
  const choose = (index: number) => {
    const pod = index >= 0 && index < count ? podAt(pods.versions[index]) : null;
    if (pod) select(store, { kind: 'pod', key: keyOf(pod) });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (dragging()) return; // the keys move the dragged pod now
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[event.key];
    if (step !== undefined && count > 0) {
      event.preventDefault();
      setFocused((f) => Math.min(count - 1, Math.max(0, (f < 0 ? 0 : f + step))));
    } else if (event.key === 'Enter' && focused >= 0) {
      event.preventDefault();
      choose(focused);
    }
  };

  const facts = [node.status, ...(node.pressures ?? []), ...(node.unschedulable ? ['cordoned'] : []), ...(node.powered ? [] : ['powered off']), ...node.roles, ...(node.zone ? [`zone ${node.zone}`] : [])];
  return (
    <section
      className="node canvas-node"
      data-node={node.name}
      data-node-status={node.status}
      data-powered={node.powered ? 'true' : 'false'}
      {...(node.unschedulable ? { 'data-unschedulable': 'true' } : {})}
      aria-labelledby={headingId}
      style={{ height: cardHeight(count) }}
      ref={drop.dropRef}
      {...(drop.dropVerdict ? { 'data-drop-verdict': drop.dropVerdict } : {})}
    >
      <h3 id={headingId}>{node.name}</h3>
      {drop.dropNote}
      <p className="node-meta">{facts.join(' · ')}</p>
      <NodeActions node={node} />
      <div className="meters">
        {(['cpu', 'memory', 'pods'] as const).map((resource) => (
          <ResourceBar key={resource} resource={resource} requested={node.requested[resource]} allocatable={node.allocatable[resource]} />
        ))}
      </div>
      <div className="pod-canvas-wrap">
        <canvas
          ref={canvas}
          className="pod-canvas"
          role="img"
          tabIndex={0}
          {...{ [POD_CANVAS]: '' }}
          aria-label={`Pods on ${node.name}, ${describePods(pods.states, pods.reasons)}. Arrow keys move between pods, Enter selects, Space picks the pod up to drag it.`}
          {...(shown ? { 'aria-describedby': tooltipId } : {})}
          width={Math.round(size.width * ratio)}
          height={Math.round(size.height * ratio)}
          style={{ width: size.width, height: size.height }}
          onMouseMove={(e) => setHover(at(e))}
          onMouseLeave={() => setHover(-1)}
          onClick={(e) => choose(at(e))}
          onKeyDown={onKeyDown}
          onBlur={() => setFocused(-1)}
        />
        {/* Below the canvas, not floating: the card's containment would clip a popup. */}
        <p className="pod-canvas-caption">
          {shown && (
            <span id={tooltipId} role="tooltip">
              {keyOf(shown)}
              {' · '}
              {podStatusText(shown)}
            </span>
          )}
        </p>
      </div>
    </section>
  );
}, sameCard);

/**
 * Re-render only for what the card shows: a node's frame also changes with fields it
 * does not draw (the Lease heartbeat moves every renewal interval, for every node).
 */
export function sameCard(a: NodeCanvasCardProps, b: NodeCanvasCardProps): boolean {
  if (!sameSlice(a.pods, b.pods) || a.selected !== b.selected || a.palette !== b.palette || a.podAt !== b.podAt) return false;
  return sameNodeView(a.node, b.node);
}

/** Whether a card draws two node frames alike (it does not show the heartbeat fields). */
export function sameNodeView(m: NodeFrame, n: NodeFrame): boolean {
  if (m === n) return true;
  return (
    m.name === n.name &&
    m.status === n.status &&
    m.unschedulable === n.unschedulable &&
    m.powered === n.powered &&
    m.zone === n.zone &&
    sameList(m.roles, n.roles) &&
    sameList(m.pressures ?? [], n.pressures ?? []) &&
    sameAmounts(m.requested, n.requested) &&
    sameAmounts(m.allocatable, n.allocatable)
  );
}

/**
 * A list that looks to the cards like `next` (each node the same by sameNodeView): `prev`
 * itself when every node does (a frame where only heartbeats moved), so the grid of 1,000
 * cards is the same element and React skips it; else `prev` with only the nodes that look
 * different replaced. The list is kept (CanvasCluster) until the next such change, so it
 * holds the previous list's objects, long-lived, and not 1,000 objects that a heartbeat has
 * just rebuilt (protocol/node-beats.ts): kept, those would survive into V8's old generation
 * and bring its next major GC sooner (a ~40 ms pause in the kill animation).
 */
export function stableNodes(prev: readonly NodeFrame[], next: readonly NodeFrame[]): readonly NodeFrame[] {
  if (prev === next) return prev;
  if (prev.length !== next.length) return next;
  let out: NodeFrame[] | null = null;
  for (let i = 0; i < next.length; i++) {
    if (sameNodeView(prev[i], next[i])) continue;
    out ??= prev.slice();
    out[i] = next[i];
  }
  return out ?? prev;
}

const sameList = (a: readonly string[], b: readonly string[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
const sameAmounts = (a: NodeFrame['requested'], b: NodeFrame['requested']) => a === b || (a.cpu === b.cpu && a.memory === b.memory && a.pods === b.pods);
