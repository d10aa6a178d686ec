/**
 * The event log's order and filter, shared by the worker (which keeps every event and
 * answers pages of them: EngineApi.events) and the page (which filters the newest
 * events it holds itself). Both ends must agree, so, like frame-codec.ts, this is pure
 * code over plain data with no imports but types.
 */
import type { FrameEvent } from './engine-api';

/**
 * Events a frame carries at most (issue 4): a full frame carries the cluster's newest
 * this many, a diff at most this many new or updated ones (more make it carry the
 * newest window instead). It is one page of the event log (what it draws without
 * asking the worker), and 200 events are ~50 KB on the wire, a fraction of a
 * millisecond to read, against ~70,000 events (25 MB) at 30,000 pods.
 */
export const FRAME_EVENT_LIMIT = 200;

/** The largest page EngineApi.events() returns. */
export const MAX_EVENT_PAGE = 5000;

export interface EventFilter {
  /** '' for every type. */
  type: '' | 'Normal' | 'Warning';
  /** '' for every reason. */
  reason: string;
  /** Case-insensitive substring of the reason, object or message ('' matches all). */
  text: string;
}

export const NO_FILTER: EventFilter = { type: '', reason: '', text: '' };

/** A page of the event log: the matching events newest first, from `offset`, at most `limit`. */
export interface EventQuery extends Partial<EventFilter> {
  offset: number;
  limit: number;
}

export interface EventPage {
  /** The page's events, newest first. */
  events: FrameEvent[];
  /** How many events match the filter. */
  matching: number;
  /** Every event the cluster has recorded (ids run from 0 to eventCount − 1). */
  eventCount: number;
  /** Every distinct reason so far, sorted (for the reason filter). */
  reasons: string[];
  /** Virtual ms of the state the page was read from. */
  time: number;
}

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

/** Newest first: by last occurrence, then by first-occurrence order (later first). */
export function newestFirst(a: Pick<FrameEvent, 'lastTime' | 'id'>, b: Pick<FrameEvent, 'lastTime' | 'id'>): number {
  return b.lastTime - a.lastTime || b.id - a.id;
}

/** The lower-case text the free-text filter searches (it never changes for an event id). */
export function searchText(e: Pick<FrameEvent, 'reason' | 'object' | 'message'>): string {
  return `${e.reason}\n${objectLabel(parseInvolvedObject(e.object))}\n${e.object}\n${e.message}`.toLowerCase();
}

/** Whether the filter is the empty one. */
export const isNoFilter = (f: Partial<EventFilter>) => !f.type && !f.reason && !(f.text ?? '').trim();

/**
 * A predicate for `filter`. `haystack` gives an event's searchText (callers that keep
 * many events cache it).
 */
export function eventMatcher<E extends Pick<FrameEvent, 'type' | 'reason' | 'object' | 'message'>>(
  filter: Partial<EventFilter>,
  haystack: (e: E) => string = searchText,
): (e: E) => boolean {
  const text = (filter.text ?? '').trim().toLowerCase();
  const { type, reason } = filter;
  return (e) => (!type || e.type === type) && (!reason || e.reason === reason) && (!text || haystack(e).includes(text));
}
