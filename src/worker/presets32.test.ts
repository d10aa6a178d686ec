/**
 * The round-32 autoscaling preset checked claim by claim against the engine, as
 * presets31.test.ts does for the round-31 ones. The expected sizes follow upstream's arithmetic
 * (replica_calculator.go, horizontal.go) worked by hand in the preset's description.
 */
import { describe, expect, it } from 'vitest';
import { livePodsOf as of, startPreset as start } from './lesson-play';

const at = (ms: number) => Math.round(ms / 1_000);
type Cond = { type: string; status: string; reason: string };
type Hpa = { status: { currentReplicas: number; desiredReplicas: number; conditions: Cond[]; currentMetrics: { resource: { current: { averageUtilization: number } } }[] } };

describe('autoscaling preset', () => {
  it('web: 1 → 2 (minReplicas) at 15 s, 4 at 30 s, 8 at 1 min; the load drops at 4 min and the 300 s window holds 8 pods until 8m45s, then 2', () => {
    const { host, frame } = start('autoscaling');
    expect(of(frame, 'web')).toHaveLength(1);
    let f = host.step(120_000);
    expect(of(f, 'web').filter((p) => p.phase === 'Running')).toHaveLength(8);
    const hpa = () => host.getObject('HorizontalPodAutoscaler', 'default', 'web') as unknown as Hpa;
    // 800m over 8 pods: 100m, exactly 50 % of the request.
    expect(hpa().status.currentMetrics[0].resource.current.averageUtilization).toBe(50);
    f = host.step(300_000); // 7 min: the load dropped 3 min ago
    expect(of(f, 'web')).toHaveLength(8);
    expect(hpa().status.desiredReplicas).toBe(8);
    expect(hpa().status.conditions.find((c) => c.type === 'AbleToScale')).toMatchObject({ status: 'True', reason: 'ScaleDownStabilized' });
    expect(hpa().status.currentMetrics[0].resource.current.averageUtilization).toBe(12);
    f = host.step(120_000); // 9 min
    expect(of(f, 'web')).toHaveLength(2);
    const rescales = host.snapshot()!.events.filter((e) => e.object === 'HorizontalPodAutoscaler/default/web' && e.reason === 'SuccessfulRescale');
    expect(rescales.map((e) => [at(e.firstTime), e.message])).toEqual([
      [15, 'New size: 2; reason: Current number of replicas below Spec.MinReplicas'],
      [30, 'New size: 4; reason: cpu resource utilization (percentage of request) above target'],
      [60, 'New size: 8; reason: cpu resource utilization (percentage of request) above target'],
      [525, 'New size: 2; reason: All metrics below target'],
    ]);
    expect(rescales.every((e) => e.source === 'horizontal-pod-autoscaler' && e.type === 'Normal')).toBe(true);
  });
});
