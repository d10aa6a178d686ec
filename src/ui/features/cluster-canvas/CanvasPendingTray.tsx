import { memo, useMemo } from 'react';
import type { QueuedPodFrame } from '../../../protocol/engine-api';
import type { PodTable } from '../../../protocol/pod-table';
import { useHeld } from '../../components/use-held';
import { useOnScreen } from '../../components/use-on-screen';
import { usePodscapeStore } from '../../store/podscape-store';
import { PendingPodCard } from './PendingPodCard';

/** The pending pods shown as cards under the canvases; the list view shows every one. */
export const PENDING_SHOWN = 50;

export interface CanvasPendingTrayProps {
  table: PodTable;
  /** The rows of the pods without a node (group-pods.ts), in frame order. */
  pending: readonly number[];
  queue: readonly QueuedPodFrame[];
  /** The selected pod's key (`namespace/name`), or null. */
  selected: string | null;
}

/**
 * The pending tray of a large cluster: the first PENDING_SHOWN pending pods as draggable
 * cards. Under a grid of 1,000 node cards it is far off screen while a kill plays, and its
 * cards come and go with every replacement wave (each a dnd-kit draggable): so while the
 * clock plays and the tray is out of view it keeps what it showed, and shows the newest
 * pods as soon as it is in view or the clock stops (a paused step, a test's advance()).
 */
export const CanvasPendingTray = memo(function CanvasPendingTray(props: CanvasPendingTrayProps) {
  const [sectionRef, onScreen] = useOnScreen<HTMLElement>();
  const playing = usePodscapeStore((s) => s.frame?.playing ?? false);
  const { table, pending, queue, selected } = useHeld(props, playing && !onScreen);
  const messages = useMemo(() => new Map(queue.map((q) => [`${q.namespace}/${q.name}`, q.message])), [queue]);
  const shown = useMemo(() => pending.slice(0, PENDING_SHOWN).map((row) => table.get(row)), [pending, table]);
  return (
    <section className="pending" data-pending-tray aria-labelledby="pending-heading" ref={sectionRef}>
      <h2 id="pending-heading">Pending pods ({pending.length})</h2>
      {pending.length > 0 ? (
        <ul className="pods">
          {shown.map((pod) => (
            <PendingPodCard
              key={pod.uid}
              pod={pod}
              selected={selected === `${pod.namespace}/${pod.name}`}
              message={pod.nodeName === null ? (messages.get(`${pod.namespace}/${pod.name}`) ?? null) : `node "${pod.nodeName}" not found`}
            />
          ))}
        </ul>
      ) : (
        <p className="empty">Every pod has a node.</p>
      )}
      {pending.length > PENDING_SHOWN && <p className="empty">…and {pending.length - PENDING_SHOWN} more: the list view shows every pod.</p>}
    </section>
  );
});
