/**
 * The node lifecycle controller's per-zone NoExecute tainting queue, as
 * upstream's pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go:
 * a unique queue of node names ordered by the time each may be processed,
 * drained by `tryProcess` under a token-bucket limiter with burst 1
 * (client-go's flowcontrol.NewTokenBucketRateLimiter over x/time/rate), or a
 * limiter that never admits anything when the zone's rate is 0.
 *
 * Time is the virtual clock's, passed in by the caller.
 */
import type { VirtualTime } from '../../sim/contracts';

/** NodeEvictionPeriod: how often the tainting worker tries the queues. */
export const NODE_EVICTION_PERIOD = 100;
/** EvictionRateLimiterBurst. */
export const EVICTION_RATE_LIMITER_BURST = 1;

/** A token bucket: `qps` tokens per second up to `burst`, starting full. qps ≤ 0 never admits. */
export class TokenBucket {
  private tokens: number;
  private last: VirtualTime;

  constructor(
    readonly qps: number,
    private readonly burst: number,
    now: VirtualTime,
  ) {
    this.tokens = qps > 0 ? burst : 0;
    this.last = now;
  }

  /** Takes one token if one is available at `now` (x/time/rate Allow). */
  tryAccept(now: VirtualTime): boolean {
    if (this.qps <= 0) return false;
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
    }
    // A tiny epsilon absorbs floating-point drift (0.1 qps × 10 s must give exactly one token).
    if (this.tokens >= 1 - 1e-9) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }
}

interface TimedValue {
  value: string;
  uid: string;
  addedAt: VirtualTime;
  processAt: VirtualTime;
  /** Insertion order, to keep ties stable (upstream's heap has no defined tie order). */
  seq: number;
}

/** What the action returns: done (drop from the queue), or retry after `wait` ms. */
export type ActionResult = { done: true } | { done: false; wait: number };

export class RateLimitedTimedQueue {
  /** Values waiting, ordered by (processAt, seq). Small: only unhealthy nodes of one zone. */
  private queue: TimedValue[] = [];
  /** Values added and not yet Removed (a processed value stays here, so it is not added twice). */
  private readonly set = new Set<string>();
  /** Values waiting in `queue`. */
  private readonly waiting = new Set<string>();
  private limiter: TokenBucket;
  private seq = 0;

  constructor(qps: number, now: VirtualTime) {
    this.limiter = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, now);
  }

  get qps(): number {
    return this.limiter.qps;
  }

  /** Whether any value waits to be processed. */
  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Adds a value unless it was added before and not removed. Returns whether it was added. */
  add(value: string, uid: string, now: VirtualTime): boolean {
    if (this.set.has(value)) return false;
    this.set.add(value);
    this.insert({ value, uid, addedAt: now, processAt: now, seq: this.seq++ });
    return true;
  }

  /** Removes a value and allows it to be added again. Returns whether it was known. */
  remove(value: string): boolean {
    if (!this.set.has(value)) return false;
    this.set.delete(value);
    if (this.waiting.delete(value)) this.queue.splice(this.queue.findIndex((v) => v.value === value), 1);
    return true;
  }

  /** Whether the value waits to be processed. */
  isWaiting(value: string): boolean {
    return this.waiting.has(value);
  }

  /** Whether the value was added and not removed (processed values included). */
  has(value: string): boolean {
    return this.set.has(value);
  }

  /**
   * Processes due values while the limiter admits them: each try takes a
   * token; a value the action cannot finish is retried `wait + 1` ms later.
   */
  tryProcess(now: VirtualTime, fn: (value: string, uid: string) => ActionResult): void {
    while (this.queue.length > 0) {
      const head = this.queue[0];
      if (!this.limiter.tryAccept(now)) break;
      if (now < head.processAt) break;
      const r = fn(head.value, head.uid);
      this.queue.shift();
      this.waiting.delete(head.value);
      if (r.done) continue; // stays in the set: processed values are not re-added
      this.insert({ ...head, processAt: now + r.wait + 1, seq: this.seq++ });
    }
  }

  /**
   * Swaps the limiter for one with `qps` (0 = never). As upstream, when the
   * old limiter had no token left, the new one starts drained too.
   */
  swapLimiter(qps: number, now: VirtualTime): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, now);
    if (qps > 0 && !this.limiter.tryAccept(now)) next.tryAccept(now);
    this.limiter = next;
  }

  private insert(v: TimedValue): void {
    this.waiting.add(v.value);
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1].processAt > v.processAt || (this.queue[i - 1].processAt === v.processAt && this.queue[i - 1].seq > v.seq))) i--;
    this.queue.splice(i, 0, v);
  }
}
