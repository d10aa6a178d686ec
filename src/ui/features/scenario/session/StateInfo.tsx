import { usePodscapeStore } from '../../../store/podscape-store';
import { formatClusterTime } from '../../timeline/format-time';
import { useSessionState } from './session-store';

/**
 * "About this state": the state hash (equal on two screens exactly when they show the
 * same cluster) and when the session was last saved in this browser. The hash is
 * refreshed whenever the clock is paused; `data-state-hash` carries it for tests.
 */
export function StateInfo() {
  const hash = useSessionState((s) => s.hash);
  const savedTime = useSessionState((s) => s.savedTime);
  const commands = useSessionState((s) => s.session?.commands.length ?? 0);
  // The hash or null, not the clock: a selector on the time re-rendered this on every frame while playing.
  const current = usePodscapeStore((s) => (hash !== null && hash.time === (s.frame?.time ?? null) ? hash : null));
  return (
    <details className="state-info">
      <summary>About this state</summary>
      <dl>
        <dt>State hash</dt>
        <dd>
          <output aria-label="State hash" data-state-hash={current?.hash} data-state-time={current?.time}>
            {current ? current.hash : 'computed when the clock is paused'}
          </output>
        </dd>
        <dt>Your commands</dt>
        <dd>{commands}</dd>
        <dt>Saved in this browser</dt>
        <dd data-saved-time={savedTime ?? undefined}>{savedTime === null ? 'not yet' : `at cluster time ${formatClusterTime(savedTime)}`}</dd>
      </dl>
    </details>
  );
}
