import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../engine/model/types';
import { containerViews, goDurationMs, restartsText } from './container-status';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString();

const crashing = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'crash', namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'app:1' }, { name: 'side', image: 'side:1' }] },
  status: {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'app',
        ready: false,
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=app pod=crash_default(u)' } },
        lastState: { terminated: { reason: 'Error', exitCode: 1, startedAt: at(90), finishedAt: at(95) } },
      },
      { name: 'side', ready: true, restartCount: 0, state: { running: { startedAt: at(1) } } },
    ],
  },
} as unknown as Pod;

describe('containerViews (kubectl describe pod: Containers)', () => {
  it('reads State, Last State, Ready and Restart Count, and ends a CrashLoopBackOff at the last exit plus the back-off its message names', () => {
    const [app, side] = containerViews(crashing);
    expect(app).toMatchObject({ name: 'app', image: 'app:1', ready: false, restartCount: 4 });
    expect(app.state).toMatchObject({ kind: 'Waiting', reason: 'CrashLoopBackOff' });
    expect(app.lastState).toMatchObject({ kind: 'Terminated', reason: 'Error', exitCode: 1, finishedAt: at(95) });
    expect(app.backOff).toEqual({ wait: '1m20s', until: 175_000 });
    expect(side).toMatchObject({ ready: true, restartCount: 0, lastState: null, backOff: null, state: { kind: 'Running', startedAt: at(1) } });
  });

  it('reports nothing yet for a container the kubelet has not reported, and no end without a parsable back-off', () => {
    const pending = { ...crashing, status: { phase: 'Pending' } } as unknown as Pod;
    expect(containerViews(pending)[0]).toMatchObject({ state: null, lastState: null, restartCount: 0, backOff: null });
    const odd = structuredClone(crashing);
    (odd.status!.containerStatuses as { state: unknown }[])[0].state = { waiting: { reason: 'CrashLoopBackOff', message: 'back-off soon restarting failed container=app' } };
    expect(containerViews(odd)[0].backOff).toEqual({ wait: 'soon', until: null });
  });

  it("reads status.started when the status has it, and lists each container's probes", () => {
    const probed = structuredClone(crashing);
    (probed.spec.containers[1] as unknown as Record<string, unknown>).readinessProbe = { httpGet: { path: '/healthz', port: 8080 } };
    (probed.status!.containerStatuses as { started?: boolean }[])[1].started = false;
    const [app, side] = containerViews(probed);
    expect(app.started).toBeNull();
    expect(app.probes).toEqual([]);
    expect(side.started).toBe(false);
    expect(side.probes).toEqual([{ label: 'Readiness', text: 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3' }]);
  });
});

describe('goDurationMs', () => {
  it("reads the kubelet's Go durations", () => {
    expect(goDurationMs('10s')).toBe(10_000);
    expect(goDurationMs('2m40s')).toBe(160_000);
    expect(goDurationMs('5m0s')).toBe(300_000);
    expect(goDurationMs('1h')).toBe(3_600_000);
    expect(goDurationMs('')).toBeNull();
    expect(goDurationMs('soon')).toBeNull();
  });
});

describe("restartsText (kubectl get pods' RESTARTS)", () => {
  it('prints the count alone without a last termination, else with how long ago it was', () => {
    expect(restartsText(0, null, 50_000)).toBe('0');
    expect(restartsText(3, 8_000, 50_000)).toBe('3 (42s ago)');
    expect(restartsText(7, 0, 400_000)).toBe('7 (6m40s ago)');
  });
});
