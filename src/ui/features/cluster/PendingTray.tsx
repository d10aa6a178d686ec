import { usePodscapeStore } from '../../store/podscape-store';
import { TRAY } from './flip';
import { PodList } from './PodSlot';
import { RefusedCreates } from './RefusedCreates';

/** The pods without a node, each with the scheduler's FailedScheduling reason; always shown. Below them, pods a controller could not create (FailedCreate). */
export function PendingTray() {
  const uids = usePodscapeStore((s) => s.cluster.pending);
  return (
    <section className="pending" data-pending-tray aria-labelledby="pending-heading">
      <h2 id="pending-heading">Pending pods ({uids.length})</h2>
      {uids.length > 0 ? (
        <PodList uids={uids} where={TRAY} />
      ) : (
        <p className="empty">No pending pods: every pod has a node.</p>
      )}
      <RefusedCreates />
    </section>
  );
}
