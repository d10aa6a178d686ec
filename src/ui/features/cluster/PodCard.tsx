import type { PodFrame } from '../../../protocol/engine-api';
import { useSelectable } from '../inspector/use-selectable';

interface PodCardProps {
  pod: PodFrame;
  /** Why the pod is still pending (upstream's FailedScheduling text). */
  message?: string | null;
}

export function PodCard({ pod, message }: PodCardProps) {
  const terminating = pod.deletionTimestamp !== null;
  const { cardProps, buttonProps } = useSelectable('pod', `${pod.namespace}/${pod.name}`);
  return (
    <li
      className="pod"
      data-pod={`${pod.namespace}/${pod.name}`}
      data-pod-phase={pod.phase}
      {...(terminating ? { 'data-terminating': 'true' } : {})}
      {...cardProps}
    >
      <span className="pod-id">
        <button {...buttonProps}>{pod.name}</button>
        {pod.namespace !== 'default' && <span className="pod-namespace"> ({pod.namespace})</span>}
      </span>
      {/* kubectl's STATUS column: Terminating wins over the phase. */}
      <span className="pod-phase">{terminating ? 'Terminating' : pod.phase}</span>
      {message && (
        <p className="pod-message" data-pod-message>
          {message}
        </p>
      )}
    </li>
  );
}
