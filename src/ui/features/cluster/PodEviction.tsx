import { usePodscapeStore } from '../../store/podscape-store';
import { formatCountdown } from './countdown';

/** A pod's own pending taint eviction, counting down in virtual time (tolerationSeconds differ per pod). */
export function PodEviction({ at }: { at: number }) {
  const time = usePodscapeStore((s) => s.frame?.time ?? 0);
  return (
    <span className="pod-evicts">
      Evicted in{' '}
      <span role="timer" aria-label="Evicted in" data-eviction-at={at}>
        {formatCountdown(at - time)}
      </span>
    </span>
  );
}
