/** kubectl's STATUS for pods the kubelet OOM-killed or evicted (containerStatusText, printPod's order). */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../engine/model/types';
import { containerStatusText } from './frames';

const pod = (status: Record<string, unknown>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app' }] }, status } as unknown as Pod);
const oom = { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: '2026-01-01T00:00:04Z' } };

describe('containerStatusText for memory kills', () => {
  it('shows OOMKilled for the exit itself, CrashLoopBackOff while backing off after it', () => {
    expect(containerStatusText(pod({ phase: 'Failed', containerStatuses: [{ name: 'app', restartCount: 0, state: oom }] })).containerReason).toBe('OOMKilled');
    const backingOff = containerStatusText(pod({ phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: oom }] }));
    expect(backingOff).toMatchObject({ containerReason: 'CrashLoopBackOff', restarts: 1 });
  });

  it('shows Evicted (status.reason) while the containers still run, then the containers\' exit', () => {
    const running = [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:01Z' } } }];
    expect(containerStatusText(pod({ phase: 'Failed', reason: 'Evicted', containerStatuses: running })).containerReason).toBe('Evicted');
    const stopped = [{ name: 'app', restartCount: 0, state: { terminated: { exitCode: 143, reason: 'Error' } } }];
    expect(containerStatusText(pod({ phase: 'Failed', reason: 'Evicted', containerStatuses: stopped })).containerReason).toBe('Error');
    expect(containerStatusText(pod({ phase: 'Failed', reason: 'OutOfcpu' })).containerReason).toBe('OutOfcpu');
    expect(containerStatusText(pod({ phase: 'Running', containerStatuses: running })).containerReason).toBeNull();
  });
});
