import { useState, type ReactNode } from 'react';
import { usePodscapeStore } from '../../store/podscape-store';
import { CanvasCluster } from './CanvasCluster';
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
  useCommitProbe();
  if (!frame) return cards;
  const mode = choice ?? defaultPodView(frame.nodes.length);
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
      {mode === 'cards' ? cards : mode === 'canvas' ? <CanvasCluster frame={frame} /> : <PodList frame={frame} />}
    </>
  );
}
