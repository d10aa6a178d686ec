import type { ReactNode } from 'react';
import type { NodeFrame, PodFrame } from '../../../protocol/engine-api';
import { DraggablePodCard } from '../drag/DraggablePodCard';
import { ResourceBar } from './ResourceBar';

interface NodeCardProps {
  node: NodeFrame;
  pods: readonly PodFrame[];
  /** Drag and drop (features/drag/DroppableNodeCard.tsx): the card's element, for the drop target. */
  dropRef?: (element: HTMLElement | null) => void;
  /** While a pod is dragged over the card: the scheduler's verdict, and the words for it. */
  dropVerdict?: 'fits' | 'rejects';
  dropNote?: ReactNode;
}

export function NodeCard({ node, pods, dropRef, dropVerdict, dropNote }: NodeCardProps) {
  const headingId = `node-${node.name}`;
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
      ref={dropRef}
      {...(dropVerdict ? { 'data-drop-verdict': dropVerdict } : {})}
    >
      <h3 id={headingId}>{node.name}</h3>
      <p className="node-meta">{facts.join(' · ')}</p>
      {dropNote}
      <div className="meters">
        {(['cpu', 'memory', 'pods'] as const).map((resource) => (
          <ResourceBar key={resource} resource={resource} requested={node.requested[resource]} allocatable={node.allocatable[resource]} />
        ))}
      </div>
      {pods.length > 0 ? (
        <ul className="pods">
          {pods.map((pod) => (
            <DraggablePodCard key={pod.uid} pod={pod} />
          ))}
        </ul>
      ) : (
        <p className="empty">No pods.</p>
      )}
    </section>
  );
}
