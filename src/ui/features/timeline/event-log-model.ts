/**
 * The event log's model: `kubectl get events` columns from the store's events, newest
 * first, filtered by type, reason and free text, and cut to a bounded window so that
 * thousands of events cost one pass, not thousands of table rows.
 */
import type { FrameEvent } from '../../../protocol/engine-api';

export interface EventFilter {
  /** '' for every type. */
  type: '' | 'Normal' | 'Warning';
  /** '' for every reason. */
  reason: string;
  /** Case-insensitive substring of the reason, object or message ('' matches all). */
  text: string;
}

export const NO_FILTER: EventFilter = { type: '', reason: '', text: '' };

/** Rows drawn at most: the newest matching events. */
export const EVENT_WINDOW = 200;

export interface InvolvedObject {
  kind: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
}

/** The recorder writes `Kind/namespace/name` (namespace empty for cluster-scoped objects). */
export function parseInvolvedObject(object: string): InvolvedObject {
  const first = object.indexOf('/');
  const second = object.indexOf('/', first + 1);
  if (first < 0 || second < 0) return { kind: '', namespace: '', name: object };
  return { kind: object.slice(0, first), namespace: object.slice(first + 1, second), name: object.slice(second + 1) };
}

/** kubectl's OBJECT column: `pod/web-7d4b9-abcde`, `node/worker-2`. */
export function objectLabel({ kind, name }: InvolvedObject): string {
  return kind ? `${kind.toLowerCase()}/${name}` : name;
}

export interface EventWindow {
  /** The newest matching events, newest first, at most `limit`. */
  rows: FrameEvent[];
  /** How many events match the filter. */
  matching: number;
}

/** Newest first: by last occurrence, then by first-occurrence order (later first). */
export function newestFirst(a: FrameEvent, b: FrameEvent): number {
  return b.lastTime - a.lastTime || b.id - a.id;
}

export function filterEvents(events: readonly (FrameEvent | undefined)[], filter: EventFilter, limit = EVENT_WINDOW): EventWindow {
  const text = filter.text.trim().toLowerCase();
  const matches: FrameEvent[] = [];
  for (const e of events) {
    if (!e) continue; // the store's array is indexed by id; a gap is an id not received yet
    if (filter.type && e.type !== filter.type) continue;
    if (filter.reason && e.reason !== filter.reason) continue;
    if (text && !`${e.reason}\n${objectLabel(parseInvolvedObject(e.object))}\n${e.object}\n${e.message}`.toLowerCase().includes(text)) continue;
    matches.push(e);
  }
  matches.sort(newestFirst);
  return { rows: matches.slice(0, limit), matching: matches.length };
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
