/** kubectl get hpa's columns (printHorizontalPodAutoscaler / formatHPAMetrics), from the preset's HPA as the engine leaves it. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/model/types';
import { hpaColumns } from './hpa-frames';
import { startPreset } from './lesson-play';

const hpa = (spec: object, status: object = {}, apiVersion = 'autoscaling/v2') => ({ apiVersion, kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec, status }) as unknown as KubeObject;

describe('hpaColumns', () => {
  it('prints cpu: current%/target% once the controller has a sample, <unknown> before; MINPODS <unset> without minReplicas', () => {
    const spec = { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] };
    expect(hpaColumns(hpa(spec))).toEqual({ reference: 'Deployment/web', targets: 'cpu: <unknown>/50%', minPods: '<unset>', maxPods: 10, replicas: 0 });
    const { host } = startPreset('autoscaling');
    host.step(120_000);
    const live = host.getObject('HorizontalPodAutoscaler', 'default', 'web')!;
    expect(hpaColumns(live)).toEqual({ reference: 'Deployment/web', targets: 'cpu: 50%/50%', minPods: '2', maxPods: 10, replicas: 8 });
    expect(host.snapshot()!.workloads.find((w) => w.kind === 'HorizontalPodAutoscaler')).toMatchObject({ name: 'web', desired: 8, hpa: { targets: 'cpu: 50%/50%' } });
  });

  it('AverageValue targets as quantities, autoscaling/v1 as its one cpu target, more than two metrics as + N more...', () => {
    const m = (name: string, target: object) => ({ type: 'Resource', resource: { name, target } });
    const spec = { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [m('memory', { type: 'AverageValue', averageValue: '200Mi' }), m('cpu', { averageUtilization: 60 }), m('cpu', { averageUtilization: 70 })] };
    expect(hpaColumns(hpa(spec, { currentMetrics: [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '104857600' } } }] })).targets).toBe('memory: 104857600/200Mi, cpu: <unknown>/60% + 1 more...');
    expect(hpaColumns(hpa({ scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: 70 }, {}, 'autoscaling/v1')).targets).toBe('cpu: <unknown>/70%');
  });
});
