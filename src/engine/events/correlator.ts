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
 * (sets.String.PopAny), here the oldest; an event the spam filter drops does not raise the
 * count later written for its row (upstream's count cache counts it); the LRU bound of 4096
 * groups is not modelled.
 */

/** `defaultAggregateMaxEvents`: the distinct-message count at which similar events combine. */
export const AGGREGATE_MAX_EVENTS = 10;
/** `defaultAggregateIntervalInSeconds` in ms: a longer gap between similar events starts afresh. */
export const AGGREGATE_INTERVAL = 600_000;
/** `defaultSpamBurst` and `defaultSpamQPS` (one token per 300 s). */
export const SPAM_BURST = 25;
export const SPAM_REFILL = 300_000;
export const COMBINED_PREFIX = '(combined from similar events): ';

/** Reasons recorded by the scheduler through the events.k8s.io API (no aggregation, no spam filter). */
const EVENTS_API_REASONS: ReadonlySet<string> = new Set(['Scheduled', 'FailedScheduling', 'Preempted']);

interface Similar {
  /** Distinct messages seen, oldest first (never more than AGGREGATE_MAX_EVENTS − 1 between events). */
  messages: Set<string>;
  last: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (the last accepted event, as rate.Limiter does). */
  at: number;
}

export type Verdict = 'record' | 'combine' | 'drop';

export class EventCorrelator {
  private readonly similar = new Map<string, Similar>();
  private readonly buckets = new Map<string, Bucket>();

  /** Whether an event goes through the correlator at all. */
  static applies(reason: string): boolean {
    return !EVENTS_API_REASONS.has(reason);
  }

  /**
   * One event from `source` about the object `object` (kind/namespace/name and UID, already
   * joined) at time `t`: `record` it as it is, `combine` it into its group's aggregate row, or
   * `drop` it (the spam filter). `group` is the aggregate row's key (the object, type and reason).
   */
  judge(source: string, object: string, type: string, reason: string, message: string, t: number): Verdict {
    const objectKey = `${source}\n${object}`;
    const group = `${objectKey}\n${type}\n${reason}`;
    let s = this.similar.get(group);
    if (s === undefined || t - s.last > AGGREGATE_INTERVAL) {
      s = { messages: new Set(), last: t };
      this.similar.set(group, s);
    }
    s.messages.add(message);
    s.last = t;
    let verdict: Verdict = 'record';
    if (s.messages.size >= AGGREGATE_MAX_EVENTS) {
      // Keep the set below the bound (upstream drops any one; the oldest here).
      const oldest = s.messages.values().next().value as string;
      s.messages.delete(oldest);
      verdict = 'combine';
    }
    return this.allow(objectKey, t) ? verdict : 'drop';
  }

  /** The key of the aggregate row of `source`'s events of `type` and `reason` about `object`. */
  static group(source: string, object: string, type: string, reason: string): string {
    return `${source}\n${object}\n${type}\n${reason}`;
  }

  /** The process recording `source` events about `object` restarted: its correlator starts empty. */
  forget(source: string, object: string): void {
    const objectKey = `${source}\n${object}`;
    this.buckets.delete(objectKey);
    const prefix = `${objectKey}\n`;
    for (const key of [...this.similar.keys()]) if (key.startsWith(prefix)) this.similar.delete(key);
  }

  private allow(objectKey: string, t: number): boolean {
    let b = this.buckets.get(objectKey);
    if (b === undefined) {
      b = { tokens: SPAM_BURST, at: t };
      this.buckets.set(objectKey, b);
    }
    const tokens = Math.min(SPAM_BURST, b.tokens + (t - b.at) / SPAM_REFILL);
    if (tokens < 1) return false;
    b.tokens = tokens - 1;
    b.at = t;
    return true;
  }
}
