import type { PendingPodView } from '../../../protocol/engine-api';
import { PodCard } from './PodCard';

export function PendingTray({ pending }: { pending: PendingPodView[] }) {
  return (
    <section className="pending" data-pending-tray aria-labelledby="pending-heading">
      <h2 id="pending-heading">Pending pods ({pending.length})</h2>
      {pending.length > 0 ? (
        <ul className="pods">
          {pending.map((pod) => (
            <PodCard key={`${pod.namespace}/${pod.name}`} {...pod} phase="Pending" />
          ))}
        </ul>
      ) : (
        <p className="empty">Every pod has a node.</p>
      )}
    </section>
  );
}
