/**
 * The Job controller's failure bookkeeping, after upstream's
 * pkg/controller/job/backoff_utils.go: when each finished pod finished, how
 * many failures followed the last success, and how long to wait before the
 * next pod (base × 2^(failures−1), capped).
 */
import { fromTimestamp } from '../../clock/time';
import type { Pod } from '../../model/types';
import { createdAt, podCondition } from '../workload/pods';
import type { LastFailure } from './per-index';

/** What the controller remembers per Job (upstream: finalizers, uncountedTerminatedPods, the backoff store). */
export interface Tracking {
  counted: Set<string>;
  /** Finish times of pods already judged finished but not yet added to the status (seen terminating, or gone uncounted). */
  pendingSucceeded: number[];
  pendingFailed: number[];
  /** The completion indexes of the pods in pendingSucceeded (Indexed Jobs; -1 for none). */
  pendingIndexes: number[];
  /** How many of pendingFailed a podFailurePolicy Ignore rule leaves out of status.failed. */
  pendingIgnored: number;
  /** backoffLimitPerIndex: each index's last failed pod, and the indexes failed since the last sync. */
  lastFailedPerIndex: Map<number, LastFailure>;
  pendingFailedIndexes: number[];
  /** Set once the Job has a terminal condition to reach: the pods it then deletes fail no index. */
  finishing?: boolean;
  /** The message of the first failed pod that matched a FailJob rule, until the FailureTarget condition holds it. */
  failJobMessage?: string;
  failuresAfterLastSuccess: number;
  lastFailureTime: number | undefined;
}

export function newTracking(): Tracking {
  return { counted: new Set(), pendingSucceeded: [], pendingFailed: [], pendingIndexes: [], pendingIgnored: 0, lastFailedPerIndex: new Map(), pendingFailedIndexes: [], failuresAfterLastSuccess: 0, lastFailureTime: undefined };
}

/** getFinishedTime: container exit, else Ready=False transition, else deletionTimestamp − grace, else creation. */
export function finishedTime(p: Pod): number {
  let latest: number | undefined;
  const statuses = p.status?.containerStatuses;
  if (Array.isArray(statuses)) {
    for (const s of statuses as { state?: { terminated?: { finishedAt?: string } } }[]) {
      const t = fromTimestamp(s?.state?.terminated?.finishedAt);
      if (t === undefined) {
        latest = undefined;
        break;
      }
      if (latest === undefined || t > latest) latest = t;
    }
  }
  if (latest !== undefined) return latest;
  const ready = podCondition(p, 'Ready');
  if (ready?.status === 'False') {
    const t = fromTimestamp(ready.lastTransitionTime);
    if (t !== undefined) return t;
  }
  const del = fromTimestamp(p.metadata.deletionTimestamp);
  if (del !== undefined) return del - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  const c = createdAt(p);
  return Number.isFinite(c) ? c : 0;
}

/** backoffRecord: failures since the last success, and when the last one finished. */
export function updateBackoff(t: Tracking, succeeded: number[], failed: number[]): void {
  succeeded.sort((a, b) => a - b);
  failed.sort((a, b) => a - b);
  if (succeeded.length === 0) {
    if (failed.length === 0) return;
    t.failuresAfterLastSuccess += failed.length;
    t.lastFailureTime = failed[failed.length - 1];
    return;
  }
  const lastSuccess = succeeded[succeeded.length - 1];
  t.failuresAfterLastSuccess = 0;
  t.lastFailureTime = undefined;
  for (let i = failed.length - 1; i >= 0 && failed[i] > lastSuccess; i--) {
    if (t.lastFailureTime === undefined) t.lastFailureTime = failed[i];
    t.failuresAfterLastSuccess++;
  }
}

/** getRemainingTime: base × 2^(failures−1), capped, minus the time since the last failure. */
export function remainingBackoff(t: Tracking, now: number, base: number, max: number): number {
  if (t.lastFailureTime === undefined) return 0;
  return remainingFor(t.failuresAfterLastSuccess, t.lastFailureTime, now, base, max);
}

/** getRemainingTimeForFailuresCount. */
export function remainingFor(failures: number, lastFailureTime: number, now: number, base: number, max: number): number {
  if (failures === 0) return 0;
  let d = base;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= max) {
      d = max;
      break;
    }
  }
  const elapsed = now - lastFailureTime;
  return d < elapsed ? 0 : d - elapsed;
}
