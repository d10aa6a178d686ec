/**
 * Round 32 (hpa32): the HorizontalPodAutoscaler through `podscape run`. Expected sizes and words
 * come from upstream (pkg/controller/podautoscaler/horizontal.go, replica_calculator.go), worked
 * by hand: 200m requests, a 50 % target (100m a pod), the Deployment's cpu-load shared by its
 * Ready pods, a sync every 15 s.
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, run, runEdited, s, type Doc } from './held-out';
import { cli, tempFiles } from './testing';

type Metric = { type: string; resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } } };
const hpaOf = (d: Doc) => obj(d, 'HorizontalPodAutoscaler', 'web')!;
const st = (d: Doc) => hpaOf(d).status as { currentReplicas: number; desiredReplicas: number; currentMetrics: Metric[]; lastScaleTime?: string };
const rescales = (d: Doc) => events(d, 'SuccessfulRescale', 'HorizontalPodAutoscaler/default/web').map((e) => [e.time / 1000, e.message]);
const replicas = (d: Doc) => (obj(d, 'Deployment', 'web')!.spec as { replicas: number }).replicas;

describe('scale up under load, then down after the 300 s window (hpa32-load.yaml)', () => {
  const d = () => run('hpa32-load.yaml', '10m');
  it('1 → 2 (minReplicas), 6 (+4 pods, the larger limit), 10 (maxReplicas); the load drops at 3m and the last 10 recommendation (2m45s) holds until 7m45s, then 3', () => {
    expect(rescales(d())).toEqual([
      [15, 'New size: 2; reason: Current number of replicas below Spec.MinReplicas'],
      [30, 'New size: 6; reason: cpu resource utilization (percentage of request) above target'],
      [60, 'New size: 10; reason: cpu resource utilization (percentage of request) above target'],
      [465, 'New size: 3; reason: All metrics below target'],
    ]);
    expect(events(d(), 'SuccessfulRescale').every((e) => e.source === 'horizontal-pod-autoscaler' && e.type === 'Normal')).toBe(true);
    expect(replicas(d())).toBe(3);
    // 300m over 3 pods: 100m, 50 % — at the target.
    expect(st(d())).toMatchObject({ currentReplicas: 3, desiredReplicas: 3, lastScaleTime: '2026-01-01T00:07:45Z' });
    expect(st(d()).currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '100m' } } }]);
    expect(condition(hpaOf(d()), 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' });
  });

  it('while the window holds: desired 10, AbleToScale ScaleDownStabilized; before the drop, ScalingLimited TooManyReplicas at 10', () => {
    const held = run('hpa32-load.yaml', '7m30s');
    expect(replicas(held)).toBe(10);
    expect(st(held)).toMatchObject({ currentReplicas: 10, desiredReplicas: 10 });
    // 300m over 10 pods: 30m, 15 %.
    expect(st(held).currentMetrics[0].resource!.current.averageUtilization).toBe(15);
    expect(condition(hpaOf(held), 'AbleToScale')).toMatchObject({ status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
    const busy = run('hpa32-load.yaml', '2m');
    // 1200m over 10: 120m, 60 % → 12 wanted, 10 allowed.
    expect(st(busy).currentMetrics[0].resource!.current.averageUtilization).toBe(60);
    expect(condition(hpaOf(busy), 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
    expect(condition(hpaOf(busy), 'AbleToScale')).toMatchObject({ status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' });
  });

  it('a re-apply that sets spec.replicas overrides the HPA, as kubectl apply does, and the window keeps it there', () => {
    const d2 = runEdited('hpa32-load.yaml', (t) => t.replace('annotations: { podscape.dev/cpu-load: 300m } }\n        spec:\n', 'annotations: { podscape.dev/cpu-load: 300m } }\n        spec:\n          replicas: 4\n'), '4m');
    // At 3m the apply sets 4; the sync at that instant wants 3 (75m a pod, 37 %), but the scale-down
    // window's highest recommendation (10 and more) keeps the current 4, and nothing scales back up.
    expect(replicas(d2)).toBe(4);
    expect(rescales(d2).map(([t]) => t)).toEqual([15, 30, 60]);
    expect(st(d2)).toMatchObject({ currentReplicas: 4, desiredReplicas: 4 });
    expect(condition(hpaOf(d2), 'AbleToScale')).toMatchObject({ reason: 'ScaleDownStabilized' });
  });
});

describe('a ReplicationController as the scale target (hpa32-load.yaml with web as an RC)', () => {
  // The same load as a v1 ReplicationController: its scale subresource and equality selector
  // (`selector: {app: web}`) give the HPA the same pods, so the same sizes at the same syncs.
  const asRc = (t: string) =>
    t
      .replace(/apiVersion: apps\/v1\n(\s*)kind: Deployment/g, 'apiVersion: v1\n$1kind: ReplicationController')
      .replace(/selector: \{ matchLabels: \{ app: web \} \}/g, 'selector: { app: web }')
      .replace('scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }', 'scaleTargetRef: { apiVersion: v1, kind: ReplicationController, name: web }');
  it('scales the RC 1 → 2 → 6 → 10 and back to 3 after the window, as for a Deployment', () => {
    const d = runEdited('hpa32-load.yaml', asRc, '10m');
    expect(obj(d, 'Deployment', 'web')).toBeUndefined();
    expect(rescales(d).map(([t, m]) => [t, String(m).slice(0, 12)])).toEqual([
      [15, 'New size: 2;'],
      [30, 'New size: 6;'],
      [60, 'New size: 10'],
      [465, 'New size: 3;'],
    ]);
    expect((obj(d, 'ReplicationController', 'web')!.spec as { replicas: number }).replicas).toBe(3);
    expect(d.objects.filter((o) => o.kind === 'Pod' && !o.metadata.deletionTimestamp)).toHaveLength(3);
    expect(st(d).currentMetrics[0].resource!.current.averageUtilization).toBe(50);
  });
});

describe('HPA and a node kill (hpa32-node-kill.yaml)', () => {
  it('pods on the dead node have no metrics: counted at 0 on a scale-up, so 4 live pods at 100 % average 50 % and the HPA holds 8', () => {
    const before = run('hpa32-node-kill.yaml', '2m50s');
    expect(st(before).currentMetrics[0].resource!.current.averageUtilization).toBe(50);
    const d = run('hpa32-node-kill.yaml', '10m');
    expect(rescales(d)).toEqual([]);
    expect(replicas(d)).toBe(8);
    // The ratio is computed on the pods with samples first (100 %), then rebalanced with the missing ones.
    expect(st(d)).toMatchObject({ currentReplicas: 8, desiredReplicas: 8 });
    expect(st(d).currentMetrics[0].resource!.current.averageUtilization).toBe(100);
    expect(condition(hpaOf(d), 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound' });
    // At 15 s the pods had been Ready for less than one metric window: no usable cpu sample yet.
    const first = events(d, 'FailedGetResourceMetric', 'HorizontalPodAutoscaler/default/web');
    expect(first.map((e) => [e.time, e.type, e.message])).toEqual([[s(15), 'Warning', 'failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)']]);
    expect(one(d, 'FailedComputeMetricsReplicas').message).toBe('invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)');
  });
});

const one = (d: Doc, reason: string) => events(d, reason)[0];

describe('HPA errors and validation', () => {
  const write = tempFiles('hpa32-');
  const NODE = ['apiVersion: v1', 'kind: Node', 'metadata: {name: n1}', 'status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}', '---'];
  const deploy = (replicas: string, resources = '{requests: {cpu: 100m}}') => ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web, namespace: default}', `spec: {${replicas}selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: app, image: nginx, resources: ${resources}}]}}}`, '---'];
  const hpa = (spec: string) => ['apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: web, namespace: default}', `spec: ${spec}`];
  const REF = 'scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}';
  const go = (name: string, lines: string[], until = '40s') => {
    const r = cli('run', write(name, lines.join('\n') + '\n'), '--until', until, '--output', 'json');
    return { ...r, doc: r.code === 0 ? (JSON.parse(r.out) as Doc) : undefined };
  };

  it('a missing target: FailedGetScale, as the scale client words it', () => {
    const r = go('missing.yaml', [...NODE, ...hpa(`{${REF}, maxReplicas: 3}`)]);
    expect(r.code).toBe(0);
    expect(one(r.doc!, 'FailedGetScale')).toMatchObject({ type: 'Warning', message: 'deployments.apps "web" not found', time: s(15) });
    expect(condition(hpaOf(r.doc!), 'AbleToScale')).toMatchObject({ status: 'False', reason: 'FailedGetScale', message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "web" not found' });
    const wrongKind = go('kind.yaml', [...NODE, ...hpa('{scaleTargetRef: {apiVersion: apps/v1, kind: Deploy, name: web}, maxReplicas: 3}')]);
    expect(one(wrongKind.doc!, 'FailedGetScale').message).toBe('no matches for kind "Deploy" in group "apps"');
  });

  it('spec.replicas 0 on the target disables autoscaling (ScalingDisabled); a container without a cpu request is FailedGetResourceMetric', () => {
    const zero = go('zero.yaml', [...NODE, ...deploy('replicas: 0, '), ...hpa(`{${REF}, maxReplicas: 3}`)]);
    expect(condition(hpaOf(zero.doc!), 'ScalingActive')).toMatchObject({ status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    expect(events(zero.doc!, 'SuccessfulRescale')).toEqual([]);
    const noReq = go('noreq.yaml', [...NODE, ...deploy('replicas: 2, ', '{}'), ...hpa(`{${REF}, maxReplicas: 3}`)]);
    const podNames = noReq.doc!.objects.filter((o) => o.kind === 'Pod').map((o) => o.metadata.name);
    const ev = events(noReq.doc!, 'FailedGetResourceMetric');
    expect(ev.map((e) => e.time)).toEqual([s(15)]); // one aggregated row, counted on
    expect(ev[0].count).toBeGreaterThan(1);
    // The first pod listed (by name) is the one named.
    expect(ev[0].message).toBe(`failed to get cpu utilization: missing request for cpu in container app of Pod ${[...podNames].sort()[0]}`);
    expect(condition(hpaOf(noReq.doc!), 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric' });
    expect(condition(hpaOf(noReq.doc!), 'ScalingActive')!.message).toMatch(/^the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container app of Pod web-/);
  });

  it('refuses maxReplicas below minReplicas, a zero averageUtilization and a garbage cpu-usage or cpu-load, naming file and field', () => {
    const bad = go('bad.yaml', [...NODE, ...deploy(''), ...hpa(`{${REF}, minReplicas: 3, maxReplicas: 2}`)]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('bad.yaml:14:');
    expect(bad.err).toContain('spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`');
    const zero = go('zero-target.yaml', [...NODE, ...deploy(''), ...hpa(`{${REF}, maxReplicas: 2, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 0}}}]}`)]);
    expect(zero.code).toBe(2);
    expect(zero.err).toContain('spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0');
    const usage = go('usage.yaml', ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p, namespace: default, annotations: {podscape.dev/cpu-usage: "fast"}}', 'spec: {containers: [{name: app, image: busybox}]}']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('metadata.annotations[podscape.dev/cpu-usage]: Invalid value: "fast": must be a cpu quantity such as "400m"');
    const load = go('load.yaml', ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web, namespace: default, annotations: {podscape.dev/cpu-load: "-1"}}', 'spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: app, image: nginx}]}}}']);
    expect(load.code).toBe(2);
    expect(load.err).toContain('metadata.annotations[podscape.dev/cpu-load]: Invalid value: "-1": must be a non-negative quantity');
  });
});
