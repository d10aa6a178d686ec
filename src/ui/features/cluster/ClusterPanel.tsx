import { usePodscapeStore } from '../../store/podscape-store';
import type { LoadState } from '../../store/podscape-store';
import { NodeCard } from './NodeCard';
import { PendingTray } from './PendingTray';

/** The cluster as loaded: one section per node with its pods, then the pending pods. */
export function ClusterPanel() {
  const load = usePodscapeStore((s) => s.load);
  return <ClusterPanelView load={load} />;
}

export function ClusterPanelView({ load }: { load: LoadState }) {
  if (load.status === 'loading') {
    return <p role="status">Loading the cluster…</p>;
  }
  if (load.status === 'error') {
    return (
      <div className="error" role="alert">
        {load.message}
      </div>
    );
  }
  const { nodes, pending } = load.view;
  return (
    <>
      <section className="nodes" aria-labelledby="nodes-heading">
        <h2 id="nodes-heading">Nodes ({nodes.length})</h2>
        <div className="node-grid">
          {nodes.map((node) => (
            <NodeCard key={node.name} node={node} />
          ))}
        </div>
      </section>
      <PendingTray pending={pending} />
    </>
  );
}
