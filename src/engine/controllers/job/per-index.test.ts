/** backoffLimitPerIndex bookkeeping (indexed_job_utils.go isIndexFailed, getNewIndexFailureCounts; backoff_utils.go getRemainingTimePerIndex). */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { failureCountAnnotations, noteIndexFailure, remainingForIndex, type LastFailure } from './per-index';

const pod = (index: number, count?: string): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', annotations: { 'batch.kubernetes.io/job-completion-index': String(index), ...(count === undefined ? {} : { 'batch.kubernetes.io/job-index-failure-count': count }) } },
    spec: { containers: [] },
  }) as Pod;

describe('backoffLimitPerIndex', () => {
  it('fails the index when a counted failure has reached the limit, remembers the last failure otherwise', () => {
    const last = new Map<number, LastFailure>();
    expect(noteIndexFailure(last, 1, pod(2, '0'), true, 10_000)).toBe(-1);
    expect(last.get(2)).toEqual({ count: 0, ignored: 0, counted: true, finished: 10_000 });
    expect(noteIndexFailure(last, 1, pod(2, '1'), true, 30_000)).toBe(2);
    // An ignored failure never fails the index; a missing or bad annotation reads as 0.
    expect(noteIndexFailure(new Map(), 0, pod(1, '5'), false, 0)).toBe(-1);
    expect(noteIndexFailure(new Map(), 0, pod(1, 'x'), true, 0)).toBe(1);
  });

  it('annotates the replacement with the failure count one higher (or the ignored count)', () => {
    expect(failureCountAnnotations(undefined)).toEqual({ 'batch.kubernetes.io/job-index-failure-count': '0' });
    expect(failureCountAnnotations({ count: 1, ignored: 0, counted: true, finished: 0 })).toEqual({ 'batch.kubernetes.io/job-index-failure-count': '2' });
    expect(failureCountAnnotations({ count: 1, ignored: 0, counted: false, finished: 0 })).toEqual({ 'batch.kubernetes.io/job-index-failure-count': '1', 'batch.kubernetes.io/job-index-ignored-failure-count': '1' });
  });

  it('waits base × 2^count from the last failure, capped', () => {
    expect(remainingForIndex(undefined, 0, 10_000, 600_000)).toBe(0);
    expect(remainingForIndex({ count: 0, ignored: 0, counted: true, finished: 10_000 }, 11_000, 10_000, 600_000)).toBe(9_000);
    expect(remainingForIndex({ count: 2, ignored: 0, counted: true, finished: 0 }, 0, 10_000, 600_000)).toBe(40_000);
    expect(remainingForIndex({ count: 20, ignored: 0, counted: true, finished: 0 }, 0, 10_000, 600_000)).toBe(600_000);
  });
});
