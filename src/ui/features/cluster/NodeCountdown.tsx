import { useShallow } from 'zustand/react/shallow';
import { usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import type { NodeFrame } from '../../../protocol/engine-api';
import { virtualMsOf } from '../timeline/format-time';
import { formatCountdown, nodeDeadline, type DeadlineInput } from './countdown';
import { taintText } from '../../components/taint-text';

/** The facts the countdown needs, as primitives (compared shallowly); the clock only while it matters. */
function select(name: string) {
  return (s: PodscapeState): DeadlineInput | null => deadlineInput(s, name);
}

/**
 * Node `name`'s deadline facts in the store's cluster, or null for a healthy node (or none).
 * Without `pods`, the node's fields only (its deadlines, not what they mean for its pods): the
 * pods' part of the index is built on first read, O(pods), which a large cluster's canvas
 * view never needs.
 */
export function deadlineInput(s: PodscapeState, name: string, pods = true): DeadlineInput | null {
  const node = s.cluster.nodes.get(name);
  if (!node || (node.powered && node.status === 'Ready' && node.evictionAt === null)) return null;
  let earliest: number | null = null;
  let terminating = false;
  let held = 0;
  for (const uid of pods ? (s.cluster.podsByNode.get(name) ?? []) : []) {
    const pod = s.cluster.pods.get(uid);
    if (!pod) continue;
    held++;
    terminating ||= pod.deletionTimestamp !== null;
    if (pod.deletionTimestamp === null && typeof pod.unreachableToleration === 'number') {
      earliest = Math.min(earliest ?? Infinity, pod.unreachableToleration);
    }
  }
  return {
    time: s.frame?.time ?? 0,
    powered: node.powered,
    status: node.status,
    lastHeartbeat: node.lastHeartbeat,
    readyUnknownAt: node.readyUnknownAt,
    evictionAt: node.evictionAt,
    taintedAt: node.unreachableTaintedAt,
    ...otherNoExecuteTaint(node),
    earliestToleration: earliest,
    terminating,
    ...(pods ? { empty: held === 0 } : {}),
  };
}

/** For a pending eviction without the unreachable taint: the node's other NoExecute taint (not-ready first), as kubectl writes it, and when it was added. */
function otherNoExecuteTaint(node: NodeFrame): Pick<DeadlineInput, 'otherTaint' | 'otherTaintAt'> {
  if (node.unreachableTaintedAt !== null || node.evictionAt === null) return { otherTaint: null, otherTaintAt: null };
  const noExecute = node.taints.filter((t) => t.effect === 'NoExecute');
  const t = noExecute.find((x) => x.key === 'node.kubernetes.io/not-ready') ?? noExecute[0];
  if (!t) return { otherTaint: null, otherTaintAt: null };
  return { otherTaint: taintText(t), otherTaintAt: virtualMsOf(t.timeAdded) };
}

/** A killed node's deadlines, counting down in virtual time: Ready → Unknown, then eviction. */
export function NodeCountdown({ name }: { name: string }) {
  const input = usePodscapeStore(useShallow(select(name)));
  const deadline = input ? nodeDeadline(input) : null;
  if (!input || !deadline) return null;
  const { until } = deadline;
  const left = until ? until.at - input.time : 0;
  const span = until ? Math.max(1, until.at - until.from) : 1;
  return (
    <div className="node-deadline" data-node-deadline>
      <p className="node-deadline-title" role="status">
        {deadline.title}
      </p>
      {until && (
        <>
          <p className="node-deadline-count">
            {until.label}{' '}
            <span role="timer" aria-label={until.label} data-deadline-at={until.at}>
              {formatCountdown(left)}
            </span>
          </p>
          <span className="node-deadline-track" aria-hidden="true">
            <span className="node-deadline-fill" style={{ transform: `scaleX(${Math.min(1, Math.max(0, left / span))})` }} />
          </span>
        </>
      )}
      <p className="node-deadline-detail">{deadline.detail}</p>
    </div>
  );
}
