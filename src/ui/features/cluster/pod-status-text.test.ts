/** The pod card's status text reads like kubectl's STATUS and RESTARTS columns (kubectl printPod). */
import { describe, expect, it } from 'vitest';
import { pod } from '../../../protocol/frame-fixtures';
import { podStatus, podStatusText } from './PodCard';

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
