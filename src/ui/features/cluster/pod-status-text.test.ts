/** The pod card's status text reads like kubectl's STATUS and RESTARTS columns (kubectl printPod). */
import { describe, expect, it } from 'vitest';
import { pod } from '../../../protocol/frame-fixtures';
import { podStatus, podStatusText, runningNotReady } from './PodCard';

describe('podStatus / podStatusText', () => {
  it('shows a container reason instead of the phase, with the restarts', () => {
    expect(podStatusText(pod('a', 'w', { phase: 'Running', containerReason: 'CrashLoopBackOff', restarts: 3 }))).toBe('CrashLoopBackOff, 3 restarts');
    expect(podStatusText(pod('a', 'w', { phase: 'Failed', containerReason: 'Error' }))).toBe('Error');
    expect(podStatusText(pod('a', 'w', { phase: 'Succeeded', containerReason: 'Completed', restarts: 1 }))).toBe('Completed, 1 restart');
  });

  it('shows the phase when no container says otherwise, and Terminating above everything', () => {
    expect(podStatusText(pod('a', 'w'))).toBe('Running');
    expect(podStatus(pod('a', 'w', { containerReason: 'CrashLoopBackOff', deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Terminating');
  });
});

describe('runningNotReady', () => {
  it('words a Running pod that is not Ready (kubectl: STATUS Running, READY 0/1) apart from a Ready one', () => {
    expect(runningNotReady(pod('a', 'w', { ready: false }))).toBe(true);
    expect(podStatusText(pod('a', 'w', { ready: false, restarts: 2 }))).toBe('Running, not ready, 2 restarts');
    expect(podStatusText(pod('a', 'w', { ready: true }))).toBe('Running');
  });

  it('leaves alone a pod whose status is not Running: Pending, Terminating, CrashLoopBackOff, Completed', () => {
    expect(runningNotReady(pod('a', null, { phase: 'Pending', ready: false }))).toBe(false);
    expect(runningNotReady(pod('a', 'w', { ready: false, deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe(false);
    expect(runningNotReady(pod('a', 'w', { ready: false, containerReason: 'CrashLoopBackOff' }))).toBe(false);
    expect(podStatusText(pod('a', 'w', { phase: 'Succeeded', ready: false, containerReason: 'Completed' }))).toBe('Completed');
  });
});
