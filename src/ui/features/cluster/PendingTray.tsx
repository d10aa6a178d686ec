import type { PodFrame } from '../../../protocol/engine-api';
import { DraggablePodCard } from '../drag/DraggablePodCard';

export interface PendingPod {
  pod: PodFrame;
  /** Why it waits: the scheduler's FailedScheduling message, or null before a first attempt. */
  message: string | null;
}

export function PendingTray({ pending }: { pending: readonly PendingPod[] }) {
  return (
    <section className="pending" data-pending-tray aria-labelledby="pending-heading">
      <h2 id="pending-heading">Pending pods ({pending.length})</h2>
      {pending.length > 0 ? (
        <ul className="pods">
          {pending.map(({ pod, message }) => (
            <DraggablePodCard key={pod.uid} pod={pod} message={message} />
          ))}
        </ul>
      ) : (
        <p className="empty">Every pod has a node.</p>
      )}
    </section>
  );
}
