import { useDeferredValue, useState, type ReactNode } from 'react';
import { usePodscapeStore } from '../../store/podscape-store';
import { PodDragAndDrop } from '../drag/PodDragAndDrop';
import { CanvasCluster } from './CanvasCluster';
import { NodeAttention } from './NodeAttention';
import { PodList } from './PodList';
import { useCommitProbe } from './perf-probe';
import './cluster-canvas.css';

export type PodViewMode = 'cards' | 'canvas' | 'list';

/** Past this many nodes the pods are drawn on canvases by default (DOM cards stutter past ~1,000 animated elements). */
export const CANVAS_THRESHOLD = 200;

export function defaultPodView(nodes: number): PodViewMode {
  return nodes > CANVAS_THRESHOLD ? 'canvas' : 'cards';
}

/**
 * The `Pod view` switch and the view it picks: the DOM cards (`cards`, what small
 * clusters show), node cards with the pods on canvases, or a table of every pod.
 * Until the user picks one, the cluster's size decides.
 */
export function PodViews({ cards }: { cards: ReactNode }) {
  const frame = usePodscapeStore((s) => s.frame);
  const [choice, setChoice] = useState<PodViewMode | null>(null);
  const mode = frame ? (choice ?? defaultPodView(frame.nodes.length)) : 'cards';
  // A new scenario's first frame renders at once: its large views mount their first slice
  // of cards and the rest a slice per task (components/use-progressive-count.ts). (It was
  // a deferred render, which those slices, committing first, kept restarting.) The list
  // view, a row per pod, still renders a new scenario's frame at transition priority. Only
  // the list view defers: a deferred value that changes renders this view a second time per
  // frame (at transition priority), and with it the canvas view and the drag layer around it.
  const deferred = useDeferredValue(mode === 'list' ? frame : null);
  // A new large cluster on its way (store: `incoming`) that another view will show: the
  // DOM cards go now, in a task of their own, rather than read the new cluster's pods and
  // unmount in the task that delivers it. What takes their place is as tall as the new
  // grid will be while it mounts (CanvasCluster's mountingHeight: two screens for more than
  // CANVAS_THRESHOLD nodes), so the sections under it go off screen rather than come on
  // screen to be laid out and styled for the few tasks until the delivery.
  const incoming = usePodscapeStore((s) => s.incoming);
  const leaving = incoming !== null && mode === 'cards' && (choice ?? defaultPodView(incoming)) !== 'cards';
  useCommitProbe(mode === 'cards' && !leaving); // the large views probe their own commits
  if (!frame) return cards;
  if (leaving) return <p role="status" style={{ minHeight: '200vh' }}>Loading the cluster…</p>;
  return (
    <>
      <label className="pod-view-switch">
        Pod view{' '}
        <select value={mode} onChange={(e) => setChoice(e.target.value as PodViewMode)}>
          <option value="cards">Cards</option>
          <option value="canvas">Canvas</option>
          <option value="list">List</option>
        </select>
      </label>
      {mode !== 'list' && <NodeAttention />}
      {mode === 'cards' ? cards : mode === 'canvas' ? (
        <PodDragAndDrop>
          <CanvasCluster frame={frame} />
        </PodDragAndDrop>
      ) : <PodList frame={frame.reset && deferred ? deferred : frame} />}
    </>
  );
}
