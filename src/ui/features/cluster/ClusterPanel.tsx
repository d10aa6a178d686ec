import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { useProgressiveCount } from '../../components/use-progressive-count';
import { PodViews } from '../cluster-canvas/PodViews';
import { PodDragAndDrop } from '../drag/PodDragAndDrop';
import './cluster.css';
import { createFlipRegistry, FlipProvider } from './flip';
import { groupNodes, groupOptions, type GroupBy } from './grouping';
import { NodeSlot } from './NodeCard';
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
  const nodeNames = usePodscapeStore((s) => s.cluster.nodeNames);
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
 * A new list of node cards mounts FIRST_NODES at once, then NODES_PER_STEP a frame
 * (components/use-progressive-count.ts): below the canvas threshold a node can still hold
 * ~30–110 pod cards, and 100 nodes' 3,000 pod cards mounted in one commit were a 400–500 ms
 * task (issue 4's long-task budget). A small cluster (the default scenario) mounts at once.
 * The first commit is a load's delivery: a row of cards (3–4 columns at 1280 px) is what
 * can be on screen at once, the rest come a frame later.
 */
export const FIRST_NODES = 4;
export const NODES_PER_STEP = 4;

function NodeGrid({ names }: { names: readonly string[] }) {
  const shown = useProgressiveCount(names, FIRST_NODES, NODES_PER_STEP, true);
  return (
    <div className="node-grid">
      {(shown < names.length ? names.slice(0, shown) : names).map((name) => (
        <NodeSlot key={name} name={name} />
      ))}
    </div>
  );
}
