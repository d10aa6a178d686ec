import { memo, type ReactNode } from 'react';
import type { Taint } from '../../../engine/model/types';
import type { NodeFrame } from '../../../protocol/engine-api';
import { equal } from '../../store/cluster-index';
import { usePodscapeStore } from '../../store/podscape-store';
import { useNodeDrop } from '../drag/node-drop';
import { useSelectable } from '../inspector/use-selectable';
import { NodeActions } from '../node-actions/NodeActions';
import { NodeCountdown } from './NodeCountdown';
import { PodList } from './PodSlot';
import { ResourceBar } from './ResourceBar';
import { taintText } from '../../components/taint-text';

const NO_PODS: readonly string[] = [];

/**
 * A node card bound to the store by name: re-renders when this node or its list of pods
 * changes, or while a dragged pod enters or leaves it (features/drag/node-drop.tsx).
 * Memoised on its name: the grid around it re-renders whenever any node changes (every
 * Lease renewal), and its 100 slots need not.
 */
export const NodeSlot = memo(function NodeSlot({ name }: { name: string }) {
  const node = usePodscapeStore((s) => s.cluster.nodes.get(name));
  const podUids = usePodscapeStore((s) => s.cluster.podsByNode.get(name) ?? NO_PODS);
  const drop = useNodeDrop(name);
  return node ? <NodeCard node={node} podUids={podUids} {...drop} /> : null;
});

interface NodeCardProps {
  node: NodeFrame;
  podUids: readonly string[];
  /** Drag and drop: the card's element, for its drop target (a stable ref callback). */
  dropRef?: (element: HTMLElement | null) => void;
  /** While a pod is dragged over the card: the scheduler's verdict, and the words for it. */
  dropVerdict?: 'fits' | 'rejects';
  dropNote?: ReactNode;
}


/**
 * A taint's text with line-break opportunities after its prefix and before the effect
 * (`node.kubernetes.io/` `unreachable:` `NoExecute`): a narrow card wraps it there, not in
 * the middle of a word.
 */
function TaintWords({ taint }: { taint: Taint }) {
  const text = taintText(taint);
  return text.split(/(?<=[/:])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

const STATUS_ICON = { Ready: '✓', NotReady: '✕', Unknown: '?' } as const;

/**
 * The card draws everything of its node but the Lease heartbeat (NodeCountdown reads that
 * from the store itself), and every node's heartbeat changes every 10 virtual seconds:
 * a frame that only renews Leases leaves the cards alone.
 */
function sameCard(a: NodeCardProps, b: NodeCardProps): boolean {
  return (
    a.podUids === b.podUids &&
    a.dropRef === b.dropRef &&
    a.dropVerdict === b.dropVerdict &&
    a.dropNote === b.dropNote &&
    (a.node === b.node || equal({ ...a.node, lastHeartbeat: null }, { ...b.node, lastHeartbeat: null }))
  );
}

export const NodeCard = memo(function NodeCard({ node, podUids, dropRef, dropVerdict, dropNote }: NodeCardProps) {
  const headingId = `node-${node.name}`;
  const roles = node.roles.length > 0 ? node.roles : ['worker'];
  const { cardProps, buttonProps } = useSelectable('node', node.name);
  return (
    <section
      className="node"
      data-node={node.name}
      data-node-status={node.status}
      {...(node.unschedulable ? { 'data-unschedulable': 'true' } : {})}
      data-powered={node.powered ? 'true' : 'false'}
      aria-labelledby={headingId}
      // Its height before it is first drawn (content-visibility, cluster.css) follows from its pod count.
      style={{ ['--pod-count' as string]: podUids.length }}
      {...cardProps}
      ref={dropRef}
      {...(dropVerdict ? { 'data-drop-verdict': dropVerdict } : {})}
    >
      <header className="node-head">
        <h3 id={headingId}>
          <button {...buttonProps}>{node.name}</button>
        </h3>
        <span className="badge badge-status" data-status={node.status}>
          <span className="badge-icon" aria-hidden="true">
            {STATUS_ICON[node.status]}
          </span>
          {node.status}
        </span>
        {node.pressures?.map((p) => (
          <span key={p} className="badge badge-pressure" data-pressure={p} title={`${p} condition is True`}>
            {p}
          </span>
        ))}
        {node.unschedulable && <span className="badge badge-cordoned">cordoned</span>}
        {!node.powered && <span className="badge badge-off">powered off</span>}
      </header>
      <p className="node-meta">
        {roles.map((role) => (
          <span key={role} className="node-role">
            {role}
          </span>
        ))}
        {node.zone && <span className="node-zone">zone {node.zone}</span>}
        <span className="node-count">{podUids.length === 1 ? '1 pod' : `${podUids.length} pods`}</span>
      </p>
      {node.taints.length > 0 && (
        <ul className="taints" aria-label="Taints">
          {node.taints.map((t) => (
            <li key={`${t.key}:${t.effect}`} className="taint" data-effect={t.effect}>
              <TaintWords taint={t} />
            </li>
          ))}
        </ul>
      )}
      <NodeActions node={node} />
      <div className="meters">
        {(['cpu', 'memory', 'pods'] as const).map((resource) => (
          <ResourceBar key={resource} resource={resource} requested={node.requested[resource]} allocatable={node.allocatable[resource]} />
        ))}
        {/* Under the bars (drag.css): over the top of the card it hid the cpu bar an "Insufficient cpu" is about. */}
        {dropNote}
      </div>
      <NodeCountdown name={node.name} />
      {podUids.length > 0 ? (
        <PodList uids={podUids} where={node.name} nodeDown={!node.powered || node.status !== 'Ready'} />
      ) : (
        <p className="empty">No pods.</p>
      )}
    </section>
  );
}, sameCard);
