import type { PodPhase } from '../../../protocol/engine-api';

interface PodCardProps {
  namespace: string;
  name: string;
  phase: PodPhase;
  /** Why the pod is still pending (upstream's FailedScheduling text). */
  message?: string;
}

export function PodCard({ namespace, name, phase, message }: PodCardProps) {
  return (
    <li className="pod" data-pod={`${namespace}/${name}`} data-pod-phase={phase}>
      <span className="pod-id">
        {name}
        {namespace !== 'default' && <span className="pod-namespace"> ({namespace})</span>}
      </span>
      <span className="pod-phase">{phase}</span>
      {message && (
        <p className="pod-message" data-pod-message>
          {message}
        </p>
      )}
    </li>
  );
}
