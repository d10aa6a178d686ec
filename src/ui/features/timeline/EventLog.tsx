import { memo, useId, useMemo, useState } from 'react';
import { useOnScreen } from '../../components/use-on-screen';
import { shallow } from 'zustand/shallow';
import { sourcePerStore, useThrottledSource } from '../../components/use-throttled-source';
import type { FrameEvent } from '../../../protocol/engine-api';
import { isNoFilter } from '../../../protocol/event-query';
import { useThrottled } from '../../components/use-throttled';
import { select } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import '../../components/visually-hidden.css';
import './event-log.css';
import { EVENT_WINDOW, filterEvents, humanDuration, NO_FILTER, objectLabel, parseInvolvedObject, reasonsOf, type EventFilter } from './event-log-model';
import { formatClusterTime } from './format-time';
import { useEventPage } from './use-event-page';

const REDRAW_MS = 250;
/** While the clock plays, a page from the engine is asked again at most this often (a filter over 100,000 events costs the worker tens of ms). */
const REQUERY_MS = 1000;

/**
 * The cluster's Events like `kubectl get events`, newest first, filterable, in pages of
 * EVENT_WINDOW rows. The store holds the newest events (protocol/event-window.ts): the
 * first page comes from there, and so does everything while the store holds every
 * event; older pages and filters over a longer history come from the engine.
 */
export function EventLog() {
  // While the clock plays, the table redraws at most every REDRAW_MS (ages would change
  // every frame), and not at all while scrolled out of view: it shows the newest events
  // as soon as it comes back into view or the clock stops.
  const { store } = usePodscapeRuntime();
  const [sectionRef, onScreen] = useOnScreen<HTMLElement>();
  const playing = usePodscapeStore((s) => s.frame?.playing ?? false);
  const { events, total, now } = useThrottledSource(logSource(store), REDRAW_MS, playing && !onScreen);
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const [page, setPage] = useState(0);
  const offset = page * EVENT_WINDOW;
  const complete = events.length >= total;
  // The first unfiltered page is the newest events, which the store always holds.
  const fromStore = complete || (page === 0 && isNoFilter(filter));
  const local = useMemo(() => filterEvents(events, filter, EVENT_WINDOW, fromStore ? offset : 0), [events, filter, fromStore, offset]);
  // Asked even for the first page while the store lacks older events: its reasons fill the filter.
  const requery = useThrottled(events, REQUERY_MS);
  const answer = useEventPage(complete ? null : { offset, limit: fromStore ? 0 : EVENT_WINDOW, ...filter }, requery);
  // A previous query's rows stay until the new ones arrive; a reasons-only answer has none to show.
  const remote = answer.current || (answer.page?.events.length ?? 0) > 0 ? answer.page : null;
  const rows = fromStore ? local.rows : (remote?.events ?? []);
  const matching = complete ? local.matching : isNoFilter(filter) ? total : (remote?.matching ?? 0);
  const loading = !fromStore && remote === null;
  const reasons = useMemo(() => mergeReasons(reasonsOf(events), answer.page?.reasons), [events, answer.page?.reasons]);
  const id = useId();
  const update = (patch: Partial<EventFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const last = Math.min(offset + rows.length, matching);

  return (
    <section className="event-log" aria-labelledby={`${id}-heading`} ref={sectionRef}>
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
          {matching > EVENT_WINDOW && rows.length > 0 && ` · showing ${offset + 1}–${last}, newest first`}
        </span>
        {matching > EVENT_WINDOW && (
          <span className="event-pages" role="group" aria-label="Event pages">
            <button type="button" disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
              Newer events
            </button>
            <button type="button" disabled={offset + EVENT_WINDOW >= matching} onClick={() => setPage((p) => p + 1)}>
              Older events
            </button>
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="empty" role={loading ? 'status' : undefined}>
          {loading ? 'Loading events…' : total === 0 ? 'No events yet.' : matching === 0 ? 'No events match the filter.' : 'No events on this page.'}
        </p>
      ) : (
        <div className="event-scroll" role="region" aria-label="Event list" tabIndex={0}>
          {/* Explicit roles: on a phone event-log.css lays each row out as a small grid, and a
              table whose parts change their display loses its implicit roles in some browsers. */}
          <table className="event-table" data-event-offset={offset} role="table">
            <caption className="visually-hidden">
              Events, newest first, {offset + 1} to {last} of {matching}
            </caption>
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">Last seen</th>
                <th scope="col" role="columnheader">Type</th>
                <th scope="col" role="columnheader">Reason</th>
                <th scope="col" role="columnheader">Object</th>
                <th scope="col" role="columnheader">Message</th>
                <th scope="col" role="columnheader">Count</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
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

const logOf = (s: PodscapeState) => ({ events: s.events, total: s.eventCount, now: s.frame?.time ?? 0 });
/** What the log shows from the store (one source per store, so the subscription is stable). */
const logSource = sourcePerStore(logOf, shallow);

/** The reasons the store's events name, with those the engine reported over every event. */
function mergeReasons(local: string[], remote: string[] | undefined): string[] {
  if (!remote) return local;
  return [...new Set([...local, ...remote])].sort();
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
    <tr role="row" data-event-reason={event.reason} data-event-type={event.type} data-event-id={event.id}>
      <td role="cell" className="event-age" title={seen}>
        {age}
      </td>
      <td role="cell" className={event.type === 'Warning' ? 'event-warning' : undefined}>
        {event.type}
      </td>
      <td role="cell" className="event-reason">
        {event.reason}
      </td>
      <td role="cell" className="event-object">
        {kind ? (
          <button type="button" className="link-button" title={`Inspect ${event.object}`} onClick={() => select(store, { kind, key })}>
            {label}
          </button>
        ) : (
          label
        )}
        {object.namespace && object.namespace !== 'default' && <span className="event-namespace"> ({object.namespace})</span>}
      </td>
      <td role="cell" className="event-message">
        {event.message}
      </td>
      <td role="cell" className="event-number">
        {event.count}
      </td>
    </tr>
  );
});
