import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { naturalCompare } from '../../components/natural-compare';
import { useProgressiveCount } from '../../components/use-progressive-count';
import { PodViews } from '../cluster-canvas/PodViews';
import { PodDragAndDrop } from '../drag/PodDragAndDrop';
import './cluster.css';
import { createFlipRegistry, FlipProvider } from './flip';
import { groupNodes, groupOptions, type GroupBy } from './grouping';
import { NodeSlot } from './NodeCard';
import { firstNodes, mountingHeight, nodeStep } from './node-growth';
import { PendingTray } from './PendingTray';
import { WorkloadLegend } from './WorkloadLegend';

/**
 * The cluster as the latest frame shows it: node cards (optionally grouped) with their
 * pods, then the pending tray. Each card subscribes to its own node or pod, so a frame
 * that changes one pod re-renders one card; moves animate (flip.ts). Pods can be
 * dragged onto nodes (features/drag: the view stays outside dnd-kit's context).
 */
export function ClusterPanel() {
  // Large clusters draw their pods on canvases (or a table): PodViews picks the view.
  return <PodViews cards={<ClusterCards />} />;
}

/** The DOM cards view (small clusters, the default scenario). */
function ClusterCards() {
  const status = usePodscapeStore((s) => s.status);
  const hasFrame = usePodscapeStore((s) => s.frame !== null);
  const { store } = usePodscapeRuntime();
  const [flip] = useState(createFlipRegistry);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => flip.connect(store, () => root.current), [flip, store]);

  if (!hasFrame) {
    return status === 'loading' ? <p role="status">Loading the cluster…</p> : null;
  }
  return (
    <FlipProvider value={flip}>
      <PodDragAndDrop>
        <div className="cluster" ref={root}>
          {/* The tray first, so waiting pods are in view without scrolling (and drag down onto nodes). */}
          <PendingTray />
          <NodesSection />
        </div>
      </PodDragAndDrop>
    </FlipProvider>
  );
}

function NodesSection() {
  const nodes = usePodscapeStore((s) => s.cluster.nodes);
  const apiOrder = usePodscapeStore((s) => s.cluster.nodeNames);
  // The cards in the order people count (worker-2 before worker-10), as the pod list view sorts;
  // the API server, kubectl and the frame keep names in string order (docs/ui.md, ninth pass).
  // The names' array changes only when a node comes or goes, so the sort runs then only.
  const nodeNames = useMemo(() => [...apiOrder].sort(naturalCompare), [apiOrder]);
  const labelKeys = usePodscapeStore((s) => s.cluster.labelKeys);
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const options = groupOptions(labelKeys);
  const by = options.some((o) => o.value === groupBy) ? groupBy : 'none';
  // Grouping reads labels and zones only; recomputed when a node changes, cards stay memoised.
  const groups = useMemo(() => groupNodes(nodeNames.map((n) => nodes.get(n)!), by), [nodes, nodeNames, by]);
  const selectId = useId();
  return (
    <section className="nodes" aria-labelledby="nodes-heading">
      <div className="nodes-head">
        <h2 id="nodes-heading">Nodes ({nodeNames.length})</h2>
        <label className="group-by" htmlFor={selectId}>
          Group nodes by
          <select id={selectId} value={by} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <WorkloadLegend />
      {groups.map((group) =>
        group.heading === null ? (
          <NodeGrid key={group.key} names={group.nodeNames} />
        ) : (
          <section key={group.key} className="node-group" aria-labelledby={`${selectId}-${group.key}`}>
            <h3 className="node-group-heading" id={`${selectId}-${group.key}`}>
              {group.heading}
            </h3>
            <NodeGrid names={group.nodeNames} />
          </section>
        ),
      )}
    </section>
  );
}

/**
 * A new list of node cards mounts a step a frame (components/use-progressive-count.ts,
 * paced), each step a few cards' worth of pods (node-growth.ts): below the canvas
 * threshold a node can still hold ~30–110 pod cards, and 100 nodes' 3,000 pod cards
 * mounted in one commit were a 400–500 ms task (issue 4's long-task budget). A small
 * cluster (the default scenario) mounts at once; a larger one mounts no card in the
 * commit that brings it (a load's delivery), and its grid keeps a lower bound of its
 * finished height meanwhile, so what is under it stays off screen.
 */
function NodeGrid({ names }: { names: readonly string[] }) {
  const { store } = usePodscapeRuntime();
  const podsByNode = usePodscapeStore((s) => s.cluster.podsByNode);
  const podCount = (name: string) => podsByNode.get(name)?.length ?? 0;
  // Read at the step's time (a stable function: a new one would put the step off on every frame).
  const step = useCallback(
    (count: number) => nodeStep(names, count, (name) => store.getState().cluster.podsByNode.get(name)?.length ?? 0),
    [names, store],
  );
  const shown = useProgressiveCount(names, firstNodes(names, podCount), step, true);
  const mounting = shown < names.length;
  return (
    <div className="node-grid" style={mounting ? { minHeight: mountingHeight(names, podCount) } : undefined}>
      {(mounting ? names.slice(0, shown) : names).map((name) => (
        <NodeSlot key={name} name={name} />
      ))}
    </div>
  );
}
