import type { Frame, PodFrame } from '../../../protocol/engine-api';
import { usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import { DroppableNodeCard } from '../drag/DroppableNodeCard';
import { PodDragAndDrop } from '../drag/PodDragAndDrop';
import { PendingTray, type PendingPod } from './PendingTray';

/** The cluster as the latest frame shows it: one card per node with its pods, then the pending pods. */
export function ClusterPanel() {
  const status = usePodscapeStore((s) => s.status);
  const frame = usePodscapeStore((s) => s.frame);
  return (
    <PodDragAndDrop>
      <ClusterPanelView status={status} frame={frame} />
    </PodDragAndDrop>
  );
}

export function ClusterPanelView({ status, frame }: { status: PodscapeState['status']; frame: Frame | null }) {
  if (!frame) {
    return status === 'loading' ? <p role="status">Loading the cluster…</p> : null;
  }
  const { byNode, pending } = placePods(frame);
  return (
    <>
      <section className="nodes" aria-labelledby="nodes-heading">
        <h2 id="nodes-heading">Nodes ({frame.nodes.length})</h2>
        <div className="node-grid">
          {frame.nodes.map((node) => (
            <DroppableNodeCard key={node.name} node={node} pods={byNode.get(node.name) ?? []} />
          ))}
        </div>
      </section>
      <PendingTray pending={pending} />
    </>
  );
}

/**
 * Groups the frame's pods for display: under their node, or in the pending tray while
 * unbound (or bound to a node that no longer exists), with the scheduler's message.
 */
export function placePods(frame: Frame): { byNode: Map<string, PodFrame[]>; pending: PendingPod[] } {
  const byNode = new Map<string, PodFrame[]>(frame.nodes.map((n) => [n.name, []]));
  const messages = new Map(frame.queue.map((q) => [`${q.namespace}/${q.name}`, q.message]));
  const pending: PendingPod[] = [];
  for (const pod of frame.pods) {
    const list = pod.nodeName === null ? undefined : byNode.get(pod.nodeName);
    if (list) list.push(pod);
    else pending.push({ pod, message: pod.nodeName === null ? (messages.get(`${pod.namespace}/${pod.name}`) ?? null) : `node "${pod.nodeName}" not found` });
  }
  return { byNode, pending };
}
