import { memo, useId, useMemo, useState } from 'react';
import type { FrameEvent } from '../../../protocol/engine-api';
import { useThrottled } from '../../components/use-throttled';
import { select } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import '../../components/visually-hidden.css';
import './event-log.css';
import { EVENT_WINDOW, filterEvents, humanDuration, NO_FILTER, objectLabel, parseInvolvedObject, reasonsOf, type EventFilter } from './event-log-model';
import { formatClusterTime } from './format-time';

const REDRAW_MS = 250;

/** The cluster's Events like `kubectl get events`, newest first, filterable, drawn in a bounded window. */
export function EventLog() {
  // While the clock plays, the table redraws at most every REDRAW_MS (ages would change every frame).
  const events = useThrottled(usePodscapeStore((s) => s.events), REDRAW_MS);
  const now = useThrottled(usePodscapeStore((s) => s.frame?.time ?? 0), REDRAW_MS);
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const reasons = useMemo(() => reasonsOf(events), [events]);
  const { rows, matching } = useMemo(() => filterEvents(events, filter), [events, filter]);
  const total = useMemo(() => events.reduce((n, e) => (e ? n + 1 : n), 0), [events]);
  const id = useId();
  const update = (patch: Partial<EventFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section className="event-log" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Events ({total})</h2>
      <div className="event-filters" role="group" aria-label="Filter events">
        <label>
          Type{' '}
          <select value={filter.type} onChange={(e) => update({ type: e.target.value as EventFilter['type'] })}>
            <option value="">All</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <label>
          Reason{' '}
          <select value={filter.reason} onChange={(e) => update({ reason: e.target.value })}>
            <option value="">All</option>
            {(filter.reason && !reasons.includes(filter.reason) ? [filter.reason, ...reasons] : reasons).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search{' '}
          <input type="search" value={filter.text} placeholder="object, reason or message" onChange={(e) => update({ text: e.target.value })} />
        </label>
        <span className="event-count" data-event-count={matching}>
          {matching === total ? `${total} events` : `${matching} of ${total} events match`}
          {matching > rows.length && ` · showing the newest ${rows.length}, ${matching - rows.length} older hidden`}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="empty">{total === 0 ? 'No events yet.' : 'No events match the filter.'}</p>
      ) : (
        <div className="event-scroll" role="region" aria-label="Event list" tabIndex={0}>
          <table className="event-table">
            <caption className="visually-hidden">Events, newest first (at most {EVENT_WINDOW})</caption>
            <thead>
              <tr>
                <th scope="col">Last seen</th>
                <th scope="col">Type</th>
                <th scope="col">Reason</th>
                <th scope="col">Object</th>
                <th scope="col">Message</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <EventRow key={e.id} event={e} age={humanDuration(now - e.lastTime)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One event; re-renders only when the event or its age text changes (events are replaced, never mutated). */
const EventRow = memo(function EventRow({ event, age }: { event: FrameEvent; age: string }) {
  const { store } = usePodscapeRuntime();
  const object = parseInvolvedObject(event.object);
  const label = objectLabel(object);
  const kind = object.kind === 'Pod' ? 'pod' : object.kind === 'Node' ? 'node' : null;
  const key = kind === 'pod' ? `${object.namespace}/${object.name}` : object.name;
  const seen = `last seen at ${formatClusterTime(event.lastTime)}${event.count > 1 ? `, first at ${formatClusterTime(event.firstTime)}` : ''} (cluster time)`;
  return (
    <tr data-event-reason={event.reason} data-event-type={event.type}>
      <td className="event-age" title={seen}>
        {age}
      </td>
      <td className={event.type === 'Warning' ? 'event-warning' : undefined}>{event.type}</td>
      <td>{event.reason}</td>
      <td className="event-object">
        {kind ? (
          <button type="button" className="link-button" title={`Inspect ${event.object}`} onClick={() => select(store, { kind, key })}>
            {label}
          </button>
        ) : (
          label
        )}
        {object.namespace && object.namespace !== 'default' && <span className="event-namespace"> ({object.namespace})</span>}
      </td>
      <td className="event-message">{event.message}</td>
      <td className="event-number">{event.count}</td>
    </tr>
  );
});
