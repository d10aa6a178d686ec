import { memo, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { NodeFrame, PodFrame } from '../../../protocol/engine-api';
import { select } from '../../store/actions';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { ResourceBar } from '../cluster/ResourceBar';
import { POD_CANVAS, usePodCanvasDrag } from '../drag/canvas-drag';
import { useNodeDrop } from '../drag/node-drop';
import { NodeActions } from '../node-actions/NodeActions';
import { countRender } from './perf-probe';
import { canvasSize, COLUMNS, drawPods, podIndexAt, type Palette } from './pod-canvas';

interface NodeCanvasCardProps {
  node: NodeFrame;
  pods: readonly PodFrame[];
  /** The selected pod's key when it is on this node, else null (so other cards skip re-rendering). */
  selected: string | null;
  palette: Palette;
}

const keyOf = (pod: PodFrame) => `${pod.namespace}/${pod.name}`;

/** Counts by what the user sees: Terminating wins over the phase (kubectl's STATUS column). */
export function describePods(pods: readonly PodFrame[]): string {
  const counts = new Map<string, number>();
  for (const pod of pods) {
    const status = pod.deletionTimestamp !== null ? 'Terminating' : pod.phase;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  return `${pods.length === 1 ? '1 pod' : `${pods.length} pods`}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * A node card for large clusters: the node's facts and meters in the DOM (the DOM
 * contract's data-node and meters), its pods on a canvas. Hover or keyboard focus shows
 * a pod's name; a click or Enter selects it. A pod can be dragged to another node (pointer,
 * or Space on the focused pod: features/drag/canvas-drag.ts), as a pod card can.
 */
export const NodeCanvasCard = memo(function NodeCanvasCard({ node, pods, selected, palette }: NodeCanvasCardProps) {
  countRender();
  const { store } = usePodscapeRuntime();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState(-1);
  const [focused, setFocused] = useState(-1);
  const size = canvasSize(pods.length);
  const ratio = typeof window === 'object' ? window.devicePixelRatio || 1 : 1;
  const shown = hover >= 0 && hover < pods.length ? hover : focused >= 0 && focused < pods.length ? focused : -1;
  const headingId = `canvas-node-${node.name}`;
  const tooltipId = `${headingId}-pod`;
  const drop = useNodeDrop(node.name);
  const { dragging } = usePodCanvasDrag(canvas, {
    podAt: (x, y) => {
      const box = canvas.current!.getBoundingClientRect();
      const index = podIndexAt(x - box.left, y - box.top, pods.length);
      return index >= 0 ? pods[index].uid : null;
    },
    focusedPod: () => (focused >= 0 && focused < pods.length ? pods[focused].uid : null),
  });

  useLayoutEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (context) drawPods(context, pods, { palette, ratio, selected, focused });
  }, [pods, palette, ratio, selected, focused]);

  const at = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return podIndexAt(event.clientX - box.left, event.clientY - box.top, pods.length);
  };
  const choose = (index: number) => {
    if (index >= 0) select(store, { kind: 'pod', key: keyOf(pods[index]) });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (dragging()) return; // the keys move the dragged pod now
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[event.key];
    if (step !== undefined && pods.length > 0) {
      event.preventDefault();
      setFocused((f) => Math.min(pods.length - 1, Math.max(0, (f < 0 ? 0 : f + step))));
    } else if (event.key === 'Enter' && focused >= 0) {
      event.preventDefault();
      choose(focused);
    }
  };

  const facts = [node.status, ...(node.unschedulable ? ['cordoned'] : []), ...(node.powered ? [] : ['powered off']), ...node.roles, ...(node.zone ? [`zone ${node.zone}`] : [])];
  return (
    <section
      className="node canvas-node"
      data-node={node.name}
      data-node-status={node.status}
      {...(node.unschedulable ? { 'data-unschedulable': 'true' } : {})}
      aria-labelledby={headingId}
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
          aria-label={`Pods on ${node.name}, ${describePods(pods)}. Arrow keys move between pods, Enter selects, Space picks the pod up to drag it.`}
          {...(shown >= 0 ? { 'aria-describedby': tooltipId } : {})}
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
          {shown >= 0 && (
            <span id={tooltipId} role="tooltip">
              {keyOf(pods[shown])}
              {' · '}
              {pods[shown].deletionTimestamp !== null ? 'Terminating' : pods[shown].phase}
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
  if (a.pods !== b.pods || a.selected !== b.selected || a.palette !== b.palette) return false;
  const m = a.node;
  const n = b.node;
  if (m === n) return true;
  return (
    m.name === n.name &&
    m.status === n.status &&
    m.unschedulable === n.unschedulable &&
    m.powered === n.powered &&
    m.zone === n.zone &&
    sameList(m.roles, n.roles) &&
    sameAmounts(m.requested, n.requested) &&
    sameAmounts(m.allocatable, n.allocatable)
  );
}

const sameList = (a: readonly string[], b: readonly string[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
const sameAmounts = (a: NodeFrame['requested'], b: NodeFrame['requested']) => a === b || (a.cpu === b.cpu && a.memory === b.memory && a.pods === b.pods);
