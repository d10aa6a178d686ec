/**
 * The worker's side of the event log (issue 4): every event stays here, and frames
 * carry a bounded window of them (protocol/event-query.ts FRAME_EVENT_LIMIT): a full
 * frame the newest events, a diff the events new or updated since the previous frame,
 * or the newest window again when more than the limit changed at once. Older events
 * and filtered views travel as pages on request (`query`, EngineApi.events).
 *
 * The events come from the recorder (first-occurrence order; aggregation bumps an
 * earlier event's count and lastTime in place), so an event's id is its index there and
 * a change shows as a different count.
 */
import type { KubeEvent } from '../engine/sim/contracts';
import type { FrameEvent } from '../protocol/engine-api';
import { eventMatcher, FRAME_EVENT_LIMIT, isNoFilter, MAX_EVENT_PAGE, searchText, type EventPage, type EventQuery } from '../protocol/event-query';

export interface EventSource {
  all(): readonly KubeEvent[];
}

/** What a frame carries of the events (the fields of Frame with the same names). */
export interface FrameEvents {
  events: FrameEvent[];
  eventCount: number;
  eventsReplace: boolean;
}

const frameEvent = (e: KubeEvent, id: number): FrameEvent => ({ ...e, id });

export class EventHistory {
  /** Each event's count as of the last frame built, by id. */
  private readonly sent: number[] = [];
  /** Every id, newest first (protocol newestFirst), as of the counts in `sortedCounts`. */
  private order: number[] = [];
  private readonly sortedCounts: number[] = [];
  /** searchText by id (it never changes for an event). */
  private readonly haystacks: string[] = [];
  private readonly reasonSet = new Set<string>();
  private reasonList: string[] = [];
  private reasonsSeen = 0;

  constructor(
    private readonly source: EventSource,
    private readonly limit = FRAME_EVENT_LIMIT,
  ) {}

  /**
   * The events of the next frame. `full`: the newest window. Otherwise the events new or
   * updated since the previous frame; when more than the limit changed, the newest
   * window instead (`eventsReplace`), which holds every changed event the page could
   * still show on its first page.
   */
  forFrame(full: boolean): FrameEvents {
    const all = this.source.all();
    const sent = this.sent;
    const changed: number[] = [];
    // Aggregation bumps an old event's count, so earlier events are checked too: O(events)
    // integer compares per frame.
    for (let id = 0; id < all.length; id++) {
      if (sent[id] !== all[id].count) {
        sent[id] = all[id].count;
        if (!full) changed.push(id);
      }
    }
    if (full || changed.length > this.limit) {
      const window = this.newest(this.limit).sort((a, b) => a.id - b.id); // id order, as the changes travel
      return { events: window, eventCount: all.length, eventsReplace: true };
    }
    return { events: changed.map((id) => frameEvent(all[id], id)), eventCount: all.length, eventsReplace: false };
  }

  /** Every event, in id order (snapshot()). */
  all(): FrameEvent[] {
    return this.source.all().map(frameEvent);
  }

  /** The newest `n` events, newest first. */
  newest(n: number): FrameEvent[] {
    const all = this.source.all();
    return this.sorted()
      .slice(0, n)
      .map((id) => frameEvent(all[id], id));
  }

  /** A page of the log: the events matching the filter, newest first, from `offset`, at most `limit`. */
  query(q: EventQuery): Omit<EventPage, 'time'> {
    checkQuery(q);
    const all = this.source.all();
    const { offset, limit } = q;
    const events: FrameEvent[] = [];
    let matching = 0;
    if (isNoFilter(q)) {
      matching = all.length;
      if (limit > 0 && offset < all.length) for (const id of this.sorted().slice(offset, offset + limit)) events.push(frameEvent(all[id], id));
    } else {
      let at = 0; // the id being matched, for the haystack lookup
      const matches = eventMatcher<KubeEvent>(q, (e) => (this.haystacks[at] ??= searchText(e)));
      for (const id of this.sorted()) {
        at = id;
        if (!matches(all[id])) continue;
        if (matching >= offset && events.length < limit) events.push(frameEvent(all[id], id));
        matching++;
      }
    }
    return { events, matching, eventCount: all.length, reasons: this.reasons(all) };
  }

  private reasons(all: readonly KubeEvent[]): string[] {
    const before = this.reasonSet.size;
    for (; this.reasonsSeen < all.length; this.reasonsSeen++) this.reasonSet.add(all[this.reasonsSeen].reason);
    if (this.reasonSet.size !== before) this.reasonList = [...this.reasonSet].sort();
    return this.reasonList;
  }

  /**
   * Every id newest first. Kept between calls: the events that changed since (new ids,
   * bumped counts) are taken out, sorted, and merged back, so a page costs O(events)
   * rather than a sort of them all.
   */
  private sorted(): number[] {
    const all = this.source.all();
    const counts = this.sortedCounts;
    const changed: number[] = [];
    for (let id = 0; id < all.length; id++) {
      if (counts[id] !== all[id].count) {
        counts[id] = all[id].count;
        changed.push(id);
      }
    }
    if (changed.length === 0) return this.order;
    const newer = (a: number, b: number) => all[b].lastTime - all[a].lastTime || b - a;
    changed.sort(newer);
    const moved = new Uint8Array(all.length);
    for (const id of changed) moved[id] = 1;
    const rest = this.order.filter((id) => !moved[id]);
    const out = new Array<number>(rest.length + changed.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < rest.length && j < changed.length) out[k++] = newer(rest[i], changed[j]) <= 0 ? rest[i++] : changed[j++];
    while (i < rest.length) out[k++] = rest[i++];
    while (j < changed.length) out[k++] = changed[j++];
    this.order = out;
    return out;
  }
}

function checkQuery(q: EventQuery): void {
  if (typeof q !== 'object' || q === null) throw new Error('events: expected a query { offset, limit, type?, reason?, text? }');
  const { offset, limit } = q;
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`events: offset ${String(offset)} is not a whole number ≥ 0`);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_EVENT_PAGE) throw new Error(`events: limit ${String(limit)} is not a whole number from 0 to ${MAX_EVENT_PAGE}`);
  for (const field of ['type', 'reason', 'text'] as const) {
    if (q[field] !== undefined && typeof q[field] !== 'string') throw new Error(`events: ${field} must be a string`);
  }
}
