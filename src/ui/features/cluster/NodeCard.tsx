import type { NodeView } from '../../../protocol/engine-api';
import { PodCard } from './PodCard';

export function NodeCard({ node }: { node: NodeView }) {
  const headingId = `node-${node.name}`;
  const facts = [
    ...node.roles,
    ...(node.zone ? [`zone ${node.zone}`] : []),
    node.pods.length === 1 ? '1 pod' : `${node.pods.length} pods`,
  ];
  return (
    <section className="node" data-node={node.name} aria-labelledby={headingId}>
      <h3 id={headingId}>{node.name}</h3>
      <p className="node-meta">{facts.join(' · ')}</p>
      {node.pods.length > 0 ? (
        <ul className="pods">
          {node.pods.map((pod) => (
            <PodCard key={`${pod.namespace}/${pod.name}`} {...pod} />
          ))}
        </ul>
      ) : (
        <p className="empty">No pods.</p>
      )}
    </section>
  );
}
