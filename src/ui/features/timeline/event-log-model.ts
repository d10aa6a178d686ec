/**
 * The event log's model: `kubectl get events` columns from the store's events, newest
 * first, filtered by type, reason and free text, and cut to a bounded window so that
 * thousands of events cost one pass, not thousands of table rows.
 */
import type { FrameEvent } from '../../../protocol/engine-api';
import { eventMatcher, newestFirst, type EventFilter } from '../../../protocol/event-query';

export { NO_FILTER, newestFirst, objectLabel, parseInvolvedObject, type EventFilter, type InvolvedObject } from '../../../protocol/event-query';

/** Rows drawn at most: the newest matching events (one page of the log). */
export const EVENT_WINDOW = 200;

export interface EventWindow {
  /** The matching events newest first, from `offset`, at most `limit`. */
  rows: FrameEvent[];
  /** How many events match the filter. */
  matching: number;
}

export function filterEvents(events: readonly (FrameEvent | undefined)[], filter: EventFilter, limit = EVENT_WINDOW, offset = 0): EventWindow {
  const matches = eventMatcher(filter);
  const found: FrameEvent[] = [];
  for (const e of events) if (e && matches(e)) found.push(e);
  found.sort(newestFirst);
  return { rows: found.slice(offset, offset + limit), matching: found.length };
}

/** The distinct reasons, sorted, for the reason filter. */
export function reasonsOf(events: readonly (FrameEvent | undefined)[]): string[] {
  const reasons = new Set<string>();
  for (const e of events) if (e) reasons.add(e.reason);
  return [...reasons].sort();
}

/**
 * kubectl's LAST SEEN: apimachinery's HumanDuration of (now − lastTime): seconds below
 * two minutes ("90s"), then "5m3s", "25m", "3h5m", "20h", "3d5h", "30d", "2y10d", "9y".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}
