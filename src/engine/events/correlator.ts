/**
 * The two parts of client-go's EventCorrelator (k8s.io/client-go tools/record/events_cache.go)
 * that the recorder's own folding of identical events does not cover; each recording process
 * (a controller's broadcaster, a kubelet) has one, in memory:
 *
 * - the aggregator: events from one source about one object (kind, namespace, name, UID) with
 *   the same type and reason that differ only by message are "similar". Once 10 distinct
 *   messages have been seen, each less than 10 minutes (600 s) after the previous similar
 *   event, the event is written instead as one aggregate Event with the message
 *   `(combined from similar events): <its message>`; later similar events update that row
 *   (count + 1, the newest message). More than 10 minutes without a similar event starts the
 *   set of messages afresh; the aggregate row stays the one updated (the correlator's count
 *   cache is keyed by the group).
 * - the spam filter: a token bucket per source and object, 25 events at once and one more per
 *   5 minutes; an event past it is not written.
 *
 * Only sources writing through the legacy core/v1 recorder have it; the scheduler writes
 * through the events.k8s.io recorder (tools/events), which has neither, so its reasons are
 * exempt. Simplifications: upstream chooses the message dropped from a full set at random
 * (sets.String.PopAny), here the oldest; the LRU bound of 4096 entries is not modelled.
 *
 * An event the spam filter drops is still counted: upstream's `EventCorrelate` runs the
 * aggregator and the count cache (`eventObserve`) before the filter, so the next event written
 * for that row carries every observation since (and a row first seen while throttled appears
 * with its first observation's time and a count above 1). The drops wait in `pending`.
 *
 * The state lives with the recorder's per-object holder (a few sources, a few reasons each),
 * so an event costs a short scan, not a lookup by a joined key. Until an object has had
 * QUIET_EVENTS such events nothing can combine or be dropped, so the holder only counts them
 * (most objects, pods, never get further); the state is then built from the object's rows
 * (`seed`): their messages, last times and counts. That reconstruction does not know about
 * gaps of more than 10 minutes between those first events, nor the tokens refilled meanwhile
 * (at most one per 5 minutes of them).
 */
import type { KubeEvent } from '../sim/contracts';

/** `defaultAggregateMaxEvents`: the distinct-message count at which similar events combine. */
export const AGGREGATE_MAX_EVENTS = 10;
/** `defaultAggregateIntervalInSeconds` in ms: a longer gap between similar events starts afresh. */
export const AGGREGATE_INTERVAL = 600_000;
/** `defaultSpamBurst`, and `defaultSpamQPS` as the ms per token (1/300 per second). */
export const SPAM_BURST = 25;
export const SPAM_REFILL = 300_000;
export const COMBINED_PREFIX = '(combined from similar events): ';

/** Reasons recorded by the scheduler through the events.k8s.io API (no aggregation, no spam filter). */
const EVENTS_API_REASONS: ReadonlySet<string> = new Set(['Scheduled', 'FailedScheduling', 'Preempted']);

/** Whether an event with this reason goes through the correlator at all. */
export const correlated = (reason: string) => !EVENTS_API_REASONS.has(reason);

/** Similar events of one source about one object: one type and reason. */
export interface SimilarGroup {
  readonly type: string;
  readonly reason: string;
  /** Distinct messages seen, oldest first (fewer than AGGREGATE_MAX_EVENTS between events). */
  messages: string[];
  last: number;
  /** The aggregate row, once there is one. */
  row: KubeEvent | undefined;
  /** Aggregate events the spam filter dropped since the row was last written, and the first one's time. */
  pending: number;
  pendingFirst: number;
}

/** Events the spam filter dropped for one row written as it is (type, reason, message). */
export interface Pending {
  count: number;
  first: number;
}

/** One source's correlator state about one object. */
export interface SourceState {
  readonly source: string;
  /** The spam filter's bucket: tokens, as of `at` (the last accepted event, as rate.Limiter keeps it). */
  tokens: number;
  at: number;
  groups: SimilarGroup[];
  /** Dropped events of rows written as they are, by `pendingKey` (made at the first drop). */
  pending?: Map<string, Pending>;
}

const pendingKey = (type: string, reason: string, message: string) => `${type}\n${reason}\n${message}`;

/**
 * Correlated events about one object before any can combine (the 10th distinct message of one
 * group needs nine before it) — fewer than the spam filter's burst.
 */
export const QUIET_EVENTS = AGGREGATE_MAX_EVENTS - 1;

/** The correlator state made from an object's rows so far (see the header). */
export function seed(rows: Iterable<KubeEvent>): SourceState[] {
  const states: SourceState[] = [];
  for (const e of rows) {
    if (!correlated(e.reason)) continue;
    let st = states.find((x) => x.source === e.source);
    if (st === undefined) {
      st = { source: e.source, tokens: SPAM_BURST, at: e.lastTime, groups: [] };
      states.push(st);
    }
    st.tokens = Math.max(0, st.tokens - e.count);
    st.at = Math.max(st.at, e.lastTime);
    let g = st.groups.find((x) => x.reason === e.reason && x.type === e.type);
    if (g === undefined) {
      g = { type: e.type, reason: e.reason, messages: [], last: e.lastTime, row: undefined, pending: 0, pendingFirst: 0 };
      st.groups.push(g);
    }
    // Rows of one message for several containers (their fieldPaths differ) are one message here.
    if (!g.messages.includes(e.message)) g.messages.push(e.message);
    g.last = Math.max(g.last, e.lastTime);
  }
  return states;
}

/** `judge`'s verdict for an event to be written as it is. */
export const RECORD = 0;
/** `judge`'s verdict for an event the spam filter drops. */
export const DROP = 1;

/**
 * One event from `source` at time `t`, given the object's correlator state (`states`, updated):
 * RECORD it as it is, DROP it, or the group whose aggregate row it goes to.
 */
export function judge(states: SourceState[], source: string, type: string, reason: string, message: string, t: number): SimilarGroup | typeof RECORD | typeof DROP {
  let st: SourceState | undefined;
  for (let i = 0; i < states.length; i++) if (states[i].source === source) st = states[i];
  if (st === undefined) {
    st = { source, tokens: SPAM_BURST, at: t, groups: [] };
    states.push(st);
  }
  let g: SimilarGroup | undefined;
  const groups = st.groups;
  for (let i = 0; i < groups.length; i++) if (groups[i].reason === reason && groups[i].type === type) g = groups[i];
  if (g === undefined) {
    g = { type, reason, messages: [], last: t, row: undefined, pending: 0, pendingFirst: 0 };
    groups.push(g);
  } else if (t - g.last > AGGREGATE_INTERVAL) {
    g.messages = [];
  }
  g.last = t;
  let combine = false;
  if (!g.messages.includes(message)) {
    if (g.messages.length + 1 >= AGGREGATE_MAX_EVENTS) {
      // The set would reach the bound: keep it below (upstream drops any one; the oldest here).
      g.messages.shift();
      combine = true;
    }
    g.messages.push(message);
  } else {
    combine = g.messages.length >= AGGREGATE_MAX_EVENTS;
  }
  // The spam filter sees every event, combined or not.
  const tokens = Math.min(SPAM_BURST, st.tokens + (t - st.at) / SPAM_REFILL);
  if (tokens < 1) {
    // Observed (counted) before the filter drops it.
    if (combine) {
      if (g.pending++ === 0) g.pendingFirst = t;
    } else {
      const key = pendingKey(type, reason, message);
      const pending = (st.pending ??= new Map());
      const p = pending.get(key);
      if (p === undefined) pending.set(key, { count: 1, first: t });
      else p.count++;
    }
    return DROP;
  }
  st.tokens = tokens - 1;
  st.at = t;
  return combine ? g : RECORD;
}

/**
 * The drops waiting for the row of an event `judge` just let through as it is (taken: the row
 * written now carries them), or undefined.
 */
export function takePending(states: SourceState[], source: string, type: string, reason: string, message: string): Pending | undefined {
  for (let i = 0; i < states.length; i++) {
    const pending = states[i].pending;
    if (states[i].source !== source || pending === undefined || pending.size === 0) continue;
    const key = pendingKey(type, reason, message);
    const p = pending.get(key);
    if (p !== undefined) pending.delete(key);
    return p;
  }
  return undefined;
}

/** The process recording `source` events restarted: its correlator state about the object is gone. */
export function forget(states: SourceState[], source: string): void {
  for (let i = states.length - 1; i >= 0; i--) if (states[i].source === source) states.splice(i, 1);
}
