import type { NodeFrame, PodFrame } from '../../../protocol/engine-api';
import { useSelectable } from '../inspector/use-selectable';
import { PodCard } from './PodCard';
import { ResourceBar } from './ResourceBar';

export function NodeCard({ node, pods }: { node: NodeFrame; pods: readonly PodFrame[] }) {
  const headingId = `node-${node.name}`;
  const { cardProps, buttonProps } = useSelectable('node', node.name);
  const facts = [
    node.status,
    ...(node.unschedulable ? ['cordoned'] : []),
    ...(node.powered ? [] : ['powered off']),
    ...node.roles,
    ...(node.zone ? [`zone ${node.zone}`] : []),
    pods.length === 1 ? '1 pod' : `${pods.length} pods`,
  ];
  return (
    <section
      className="node"
      data-node={node.name}
      data-node-status={node.status}
      {...(node.unschedulable ? { 'data-unschedulable': 'true' } : {})}
      aria-labelledby={headingId}
      {...cardProps}
    >
      <h3 id={headingId}>
        <button {...buttonProps}>{node.name}</button>
      </h3>
      <p className="node-meta">{facts.join(' · ')}</p>
      <div className="meters">
        {(['cpu', 'memory', 'pods'] as const).map((resource) => (
          <ResourceBar key={resource} resource={resource} requested={node.requested[resource]} allocatable={node.allocatable[resource]} />
        ))}
      </div>
      {pods.length > 0 ? (
        <ul className="pods">
          {pods.map((pod) => (
            <PodCard key={pod.uid} pod={pod} />
          ))}
        </ul>
      ) : (
        <p className="empty">No pods.</p>
      )}
    </section>
  );
}
