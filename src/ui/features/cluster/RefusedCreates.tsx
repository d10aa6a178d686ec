import { useMemo } from 'react';
import { select } from '../../store/actions';
import { useOptionalRuntime, usePodscapeStore } from '../../store/podscape-store';
import { selectTarget } from '../inspector/use-selectable';
import { formatClusterTime } from '../timeline/format-time';
import { refusedCreates } from './refused-creates';

/**
 * Under the pending pods: the pods controllers could not create (their FailedCreate Warnings),
 * which no card shows because the API server refused them. Each names the object (a button
 * that opens it in the inspector, where its ReplicaFailure condition says the same) and the refusal.
 */
export function RefusedCreates() {
  const events = usePodscapeStore((s) => s.events);
  const refused = useMemo(() => refusedCreates(events), [events]);
  const runtime = useOptionalRuntime();
  if (refused.length === 0) return null;
  return (
    <div className="pending-refused" data-refused-creates>
      <h3>Pods refused at creation ({refused.length === 1 ? '1 object' : `${refused.length} objects`})</h3>
      <ul>
        {refused.map((r) => {
          const selection = { kind: 'workload' as const, key: r.object };
          const label = `${r.kind} ${r.namespace === 'default' ? '' : `${r.namespace}/`}${r.name}`;
          return (
            <li key={r.object} data-refused-create={r.object}>
              <button type="button" className="pending-refused-object" data-select-for={selectTarget(selection)} aria-label={`Inspect ${label}`} onClick={() => runtime && select(runtime.store, selection)}>
                {label}
              </button>{' '}
              <span className="pending-refused-reason">FailedCreate</span>
              {` at ${formatClusterTime(r.lastTime)}${r.count > 1 ? ` (×${r.count})` : ''}: `}
              <span className="pending-refused-message">{r.message}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
