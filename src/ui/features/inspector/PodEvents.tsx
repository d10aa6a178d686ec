import { useMemo } from 'react';
import type { FrameEvent } from '../../../protocol/engine-api';
import { humanDuration } from '../timeline/event-log-model';
import { useEventPage } from '../timeline/use-event-page';
import { useThrottled } from '../../components/use-throttled';
import { usePodscapeStore } from '../../store/podscape-store';
import { TableScroll } from './parts';

/** The most events shown for one object (kubectl describe shows every one; a pod rarely has more). */
export const OBJECT_EVENT_LIMIT = 50;

/** The events whose involved object is exactly `object` (`Pod/namespace/name`), oldest first. */
export function eventsOf(events: readonly FrameEvent[], object: string): FrameEvent[] {
  return events.filter((e) => e.object === object).reverse();
}

/**
 * kubectl describe's Events for one pod: its history (Scheduled, Pulled, Started,
 * TaintManagerEviction, Killing …) in the inspector, oldest first, without searching the
 * event log for it. Read from the events the page holds while it holds every one (a
 * workshop cluster); past that, asked of the engine by the object's name.
 */
export function PodEvents({ podKey }: { podKey: string }) {
  const object = `Pod/${podKey}`;
  const events = usePodscapeStore((s) => s.events);
  const complete = usePodscapeStore((s) => s.events.length >= s.eventCount);
  const now = usePodscapeStore((s) => s.frame?.time ?? 0);
  const version = useThrottled(events, 1000);
  const answer = useEventPage(complete ? null : { offset: 0, limit: OBJECT_EVENT_LIMIT, text: object }, version);
  const rows = useMemo(
    () => eventsOf(complete ? events : (answer.page?.events ?? []), object).slice(-OBJECT_EVENT_LIMIT),
    [complete, events, answer.page, object],
  );
  if (!complete && answer.page === null) return <p className="inspector-empty">Loading the events…</p>;
  if (rows.length === 0) return <p className="inspector-empty">No events for this pod.</p>;
  return (
    <TableScroll label={`Events of pod ${podKey}`}>
      <table className="inspector-table" data-pod-events>
        <caption className="visually-hidden">Events of pod {podKey}, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Age</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} data-event-reason={e.reason} data-event-type={e.type}>
              <th scope="row" className={e.type === 'Warning' ? 'inspector-warning' : undefined}>
                {e.reason}
                {e.type === 'Warning' && <span className="visually-hidden"> (Warning)</span>}
              </th>
              <td className="inspector-time">
                {humanDuration(now - e.lastTime)}
                {e.count > 1 && ` (×${e.count})`}
              </td>
              <td className="inspector-message">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
