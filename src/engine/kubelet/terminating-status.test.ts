/**
 * terminatingStatus: what a live kubelet posts when a graceful deletion reaches it (syncTerminatingPod
 * generates the status before killing the containers). Only the generation the delete bumped is new;
 * phase, readiness, container states and lastTransitionTimes stay (round 23).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../model/types';
import { runningStatus, terminatingStatus } from './pod-status';

const base = (): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', generation: 1 },
  spec: { nodeName: 'worker-1', containers: [{ name: 'app', image: 'nginx' }] },
});

function running(): Pod {
  const pod = base();
  pod.status = runningStatus(pod, '2026-01-01T00:00:01Z', '2026-01-01T00:00:00Z', 0, false);
  return pod;
}

describe('terminatingStatus', () => {
  it('stamps the bumped generation on the status and the kubelet conditions; nothing else changes', () => {
    const pod = running();
    const before = pod.status!;
    pod.metadata.generation = 2;
    pod.metadata.deletionTimestamp = '2026-01-01T00:00:40Z';
    const got = terminatingStatus(pod, '2026-01-01T00:00:10Z')!;
    expect(got.observedGeneration).toBe(2);
    expect(got.phase).toBe('Running');
    expect(got.containerStatuses).toEqual(before.containerStatuses);
    expect(got.conditions!.map((c) => [c.type, c.status, c.observedGeneration, c.lastTransitionTime])).toEqual(
      before.conditions!.map((c) => [c.type, c.status, 2, c.lastTransitionTime]),
    );
  });

  it('keeps a condition the kubelet does not own as it is, and a not-ready reason and message', () => {
    const pod = running();
    pod.status!.conditions = [
      ...pod.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const, reason: 'ContainersNotReady', message: 'containers with unready status: [app]' } : c)),
      { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', observedGeneration: 1, lastTransitionTime: 'x' },
    ];
    pod.metadata.generation = 2;
    const got = terminatingStatus(pod, 'now')!;
    const ready = got.conditions!.find((c) => c.type === 'Ready')!;
    expect([ready.status, ready.reason, ready.message, ready.observedGeneration]).toEqual(['False', 'ContainersNotReady', 'containers with unready status: [app]', 2]);
    expect(got.conditions!.find((c) => c.type === 'DisruptionTarget')).toEqual({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', observedGeneration: 1, lastTransitionTime: 'x' });
  });

  it('posts nothing when the status already has the generation, or when no status was posted', () => {
    expect(terminatingStatus(running(), 'now')).toBeUndefined();
    const fresh = base();
    fresh.metadata.generation = 2;
    expect(terminatingStatus(fresh, 'now')).toBeUndefined();
  });
});
