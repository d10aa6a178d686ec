import type { PodFrame } from '../../../protocol/engine-api';

interface PodCardProps {
  pod: PodFrame;
  /** Why the pod is still pending (upstream's FailedScheduling text). */
  message?: string | null;
  /** Drag and drop (features/drag/DraggablePodCard.tsx): attributes that make the card a drag handle. */
  dragHandle?: Readonly<Record<string, string | number>>;
  dragging?: boolean;
}

export function PodCard({ pod, message, dragHandle, dragging }: PodCardProps) {
  const terminating = pod.deletionTimestamp !== null;
  return (
    <li className="pod-slot">
      <div
        className="pod"
        data-pod={`${pod.namespace}/${pod.name}`}
        data-pod-phase={pod.phase}
        {...(terminating ? { 'data-terminating': 'true' } : {})}
        {...dragHandle}
        {...(dragging ? { 'data-dragging': 'true' } : {})}
      >
        <span className="pod-id">
          {pod.name}
          {pod.namespace !== 'default' && <span className="pod-namespace"> ({pod.namespace})</span>}
        </span>
        {/* kubectl's STATUS column: Terminating wins over the phase. */}
        <span className="pod-phase">{terminating ? 'Terminating' : pod.phase}</span>
        {message && (
          <p className="pod-message" data-pod-message>
            {message}
          </p>
        )}
      </div>
    </li>
  );
}
