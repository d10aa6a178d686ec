/**
 * backoffLimitPerIndex for Indexed Jobs (indexed_job_utils.go isIndexFailed,
 * getPodsWithDelayedDeletionPerIndex, getNewIndexFailureCounts; backoff_utils.go
 * getRemainingTimePerIndex): each pod carries its index's failure count in an annotation; a
 * counted failure of a pod whose count has reached the limit fails the index, otherwise the
 * index is created again after its own backoff, with the count one higher.
 */
import type { Pod } from '../../model/types';
import { remainingFor } from './backoff';
import { completionIndex } from './indexed';

export const FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-failure-count';
export const IGNORED_FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-ignored-failure-count';

/** The last failed pod of an index, as the controller remembers it (upstream keeps the pod itself, by its finalizer). */
export interface LastFailure {
  count: number;
  ignored: number;
  /** Whether that failure counted (no podFailurePolicy Ignore rule matched). */
  counted: boolean;
  finished: number;
}

/** parseInt32 of an annotation: 0 when missing, unreadable, negative or past int32. */
function annotationCount(p: Pod, key: string): number {
  const v = p.metadata.annotations?.[key];
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return 0;
  const n = Number(v);
  return n <= 2147483647 ? n : 0;
}

/**
 * Notes a failed pod of an Indexed Job with backoffLimitPerIndex; returns its index when that
 * index has now failed (isIndexFailed), else -1.
 */
export function noteIndexFailure(last: Map<number, LastFailure>, limit: number, p: Pod, counted: boolean, finished: number): number {
  const ix = completionIndex(p);
  if (ix < 0) return -1;
  const count = annotationCount(p, FAILURE_COUNT_KEY);
  const ignored = annotationCount(p, IGNORED_FAILURE_COUNT_KEY);
  const prev = last.get(ix);
  if (!prev || (prev.count + prev.ignored <= count + ignored && finished >= prev.finished)) last.set(ix, { count, ignored, counted, finished });
  return counted && count >= limit ? ix : -1;
}

/** getNewIndexFailureCounts: the annotations of the pod that replaces the index's last failed pod. */
export function failureCountAnnotations(prev: LastFailure | undefined): Record<string, string> {
  if (!prev) return { [FAILURE_COUNT_KEY]: '0' };
  const count = prev.counted ? prev.count + 1 : prev.count;
  const ignored = prev.counted ? prev.ignored : prev.ignored + 1;
  return ignored > 0 ? { [FAILURE_COUNT_KEY]: String(count), [IGNORED_FAILURE_COUNT_KEY]: String(ignored) } : { [FAILURE_COUNT_KEY]: String(count) };
}

/** getRemainingTimePerIndex: base × 2^(failures−1) from the last failure's finish, failures = its absolute count + 1. */
export function remainingForIndex(prev: LastFailure | undefined, now: number, base: number, max: number): number {
  if (!prev) return 0;
  return remainingFor(prev.count + prev.ignored + 1, prev.finished, now, base, max);
}
