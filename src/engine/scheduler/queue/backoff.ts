/**
 * A queued pod's retry bookkeeping and the backoff policy, as upstream's
 * framework.QueuedPodInfo and backoff_queue.go: initial · 2^(count−1) capped
 * at max, counted in failures with rejecting plugins (or, after an internal
 * error, in consecutive errors); with SchedulerPopFromBackoffQ the expiry is
 * truncated to a 1 s ordering window and a pod waits until that window is over.
 */
import type { QueuedPodInfo } from '../framework/interfaces';
import type { PodInfo } from '../framework/pod-info';

/** The backoff ordering window (upstream backoffQOrderingWindowDuration); also the backoff flush period. */
export const BACKOFF_WINDOW = 1000;

/** A pod in the queue with its retry bookkeeping (upstream framework.QueuedPodInfo). */
export class QueuedPod implements QueuedPodInfo {
  /** Pops so far (scheduling attempts). */
  attempts = 0;
  /** Failures with rejecting plugins; drives the backoff. */
  unschedulableCount = 0;
  /** Failures without (internal errors) since the last rejection. */
  consecutiveErrorsCount = 0;
  /** Plugins that rejected the pod in its last attempt (and a PreEnqueue plugin gating it). */
  unschedulablePlugins = new Set<string>();
  /** Plugins that returned Pending: a Queue hint from one of them skips the backoff. */
  pendingPlugins = new Set<string>();
  /** The PreEnqueue plugin that keeps the pod out of activeQ, or null. */
  gatingPlugin: string | null = null;
  /** Virtual time the pod first entered activeQ. */
  initialAttemptTimestamp: number | undefined;
  /** Cached backoff expiry (aligned when popFromBackoffQ), cleared when the pod fails again. */
  backoffExpiration: number | undefined;
  /** Index into the in-flight event log at pop time. */
  inFlightFrom = 0;

  constructor(
    public podInfo: PodInfo,
    /** Virtual time the pod was (re-)added to the queue. */
    public timestamp: number,
  ) {}

  get key(): string {
    return this.podInfo.key;
  }

  get gated(): boolean {
    return this.gatingPlugin !== null;
  }
}

/** Backoff durations and expiries. All times in virtual ms. */
export class Backoff {
  constructor(
    private readonly initial: number,
    /** 0 disables backoff. */
    private readonly max: number,
    /** Align expiries to BACKOFF_WINDOW (SchedulerPopFromBackoffQ). */
    private readonly aligned: boolean,
  ) {}

  /** initial · 2^(count−1), capped at max. */
  duration(count: number): number {
    let d = this.initial;
    for (let i = 1; i < count; i++) {
      if (d > this.max - d) return this.max;
      d += d;
    }
    return Math.min(d, this.max);
  }

  /** The pod's backoff expiry (cached until it fails again), or undefined when it has none. */
  expiry(q: QueuedPod): number | undefined {
    if (this.max === 0) return undefined;
    const count = q.consecutiveErrorsCount > 0 ? q.consecutiveErrorsCount : q.unschedulableCount;
    if (count === 0) return undefined;
    if (q.backoffExpiration === undefined) {
      const exp = q.timestamp + this.duration(count);
      q.backoffExpiration = this.aligned ? Math.floor(exp / BACKOFF_WINDOW) * BACKOFF_WINDOW : exp;
    }
    return q.backoffExpiration;
  }

  isBackingOff(q: QueuedPod, now: number): boolean {
    const bt = this.expiry(q);
    if (bt === undefined) return false;
    // Aligned: a pod whose expiry falls in the current window still waits for the next one.
    return this.aligned ? bt >= Math.floor(now / BACKOFF_WINDOW) * BACKOFF_WINDOW : bt > now;
  }

  /** When the 1 s backoff flush first finds a pod with this expiry done. */
  flushTimeFor(expiry: number): number {
    return this.aligned ? expiry + BACKOFF_WINDOW : Math.ceil(expiry / BACKOFF_WINDOW) * BACKOFF_WINDOW;
  }
}
