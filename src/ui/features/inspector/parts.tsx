/** Small pieces the pod and node views share. */
import type { ReactNode } from 'react';
import { Timestamp } from './Timestamp';
import type { QueryState } from './use-engine-query';

export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="inspector-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A table that scrolls sideways in a narrow panel: a labelled group in the Tab order, so a
 * keyboard can scroll it too (axe's scrollable-region-focusable). A group, not a region: the
 * section around it is already the region of that name ("Events", "Conditions").
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="inspector-table-scroll" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export interface ConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

/**
 * A `kubectl describe` Conditions table, narrowed for the side panel: the message sits
 * under its reason, and the last heartbeat (nodes) is shown with the transition time.
 */
export function ConditionsTable({ conditions, caption, heartbeat = false }: { conditions: readonly ConditionLike[]; caption: string; heartbeat?: boolean }) {
  if (conditions.length === 0) return <p className="inspector-empty">No conditions reported.</p>;
  return (
    <TableScroll label={caption}>
      <table className="inspector-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Reason and message</th>
            <th scope="col">{heartbeat ? 'Since / heartbeat' : 'Since'}</th>
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.type} data-condition={c.type}>
              <th scope="row">
                <CamelWords text={c.type} />
              </th>
              <td data-status={c.status}>{c.status}</td>
              <td className="inspector-message">
                {c.reason && (
                  <span className="inspector-reason">
                    <CamelWords text={c.reason} />
                  </span>
                )}
                {c.message && <span className="inspector-muted"> {c.message}</span>}
              </td>
              <td className="inspector-time">
                <Timestamp iso={c.lastTransitionTime} />
                {heartbeat && c.lastHeartbeatTime && (
                  <>
                    <br />
                    <Timestamp iso={c.lastHeartbeatTime} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A CamelCase name (`PodScheduled`, `MinimumReplicasAvailable`) with line-break opportunities
 * between its words: on a phone the Conditions table's first columns then wrap there, and the
 * Since column fits instead of being cut off at the panel's edge.
 */
export function CamelWords({ text }: { text: string }) {
  return text.split(/(?<=[a-z])(?=[A-Z])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

/** Renders a query's data, or says it is loading, or shows why it failed (calmly: not an alert). */
export function Answer<T>({ state, children, what }: { state: QueryState<T>; children: (data: T) => ReactNode; what: string }) {
  if (state.status === 'loading') return <p className="inspector-empty">Loading {what}…</p>;
  if (state.status === 'failed') {
    return (
      <p className="inspector-unavailable" data-unavailable>
        {capitalize(what.replace(/^the /, ''))} unavailable: {state.error}
      </p>
    );
  }
  return <>{children(state.data)}</>;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `inspector-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="inspector-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
