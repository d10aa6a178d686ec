import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/model/types';
import { createSimulation } from '../engine/sim/simulation';
import { buildWorkloads, formatSelector } from './workload-frames';

const template = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
const objects: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template('web') } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'logs', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'logs' } }, template: template('logs') } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'bare', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'bare' } }, template: template('bare') } },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'once', namespace: 'default' },
    spec: { completions: 3, parallelism: 1, template: { ...template('once'), spec: { ...template('once').spec, restartPolicy: 'Never' } } },
  },
];

describe('buildWorkloads', () => {
  it('lists each workload with the counts its controller wrote, leaving out Deployment-owned ReplicaSets', () => {
    const sim = createSimulation({ seed: 3 });
    sim.load(objects);
    sim.advanceBy(60_000);
    const list = buildWorkloads(sim);
    expect(list.map((w) => `${w.kind}/${w.name}`)).toEqual(['ReplicaSet/bare', 'DaemonSet/logs', 'Job/once', 'Deployment/web']);
    expect(list.find((w) => w.name === 'web')).toEqual({ kind: 'Deployment', namespace: 'default', name: 'web', desired: 2, ready: 2, available: 2, selector: 'app=web', scalable: true });
    expect(list.find((w) => w.name === 'logs')).toMatchObject({ desired: 1, ready: 1, available: 1, scalable: false });
    expect(list.find((w) => w.name === 'bare')).toMatchObject({ desired: 1, ready: 1, scalable: true });
    const job = list.find((w) => w.name === 'once')!;
    expect(job).toMatchObject({ kind: 'Job', desired: 3, scalable: false });
    expect(job.available).toBeLessThanOrEqual(3);

    sim.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 4 });
    expect(buildWorkloads(sim).find((w) => w.name === 'web')).toMatchObject({ desired: 4 });
  });
});

describe('buildWorkloads: CronJobs', () => {
  const cronJob = (over: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'default' },
    spec: { schedule: '* * * * *', ...over, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } },
  });
  const node = objects[0];
  const row = (sim: ReturnType<typeof createSimulation>) => buildWorkloads(sim).find((w) => w.kind === 'CronJob')!;

  it("lists a CronJob with kubectl get cronjob's columns, <none> before its first run", () => {
    const sim = createSimulation({ seed: 3 });
    sim.load([node, cronJob({ timeZone: 'Etc/UTC' })]);
    expect(row(sim)).toEqual({
      kind: 'CronJob',
      namespace: 'default',
      name: 'tick',
      desired: 0,
      ready: 0,
      available: 0,
      selector: '<none>',
      scalable: false,
      cronJob: { schedule: '* * * * *', timeZone: 'Etc/UTC', suspend: false, active: 0, lastScheduleTime: null },
    });
  });

  it('counts the Jobs it started and when it last scheduled one, next to those Jobs', () => {
    const sim = createSimulation({ seed: 3 });
    sim.load([node, cronJob()]);
    sim.advanceBy(125_000);
    const list = buildWorkloads(sim);
    const c = list.find((w) => w.kind === 'CronJob')!;
    // The schedule fired at 00:01:00 and 00:02:00 (virtual ms since 00:00:00).
    expect(c.cronJob!.lastScheduleTime).toBe(120_000);
    expect(c.cronJob!.timeZone).toBeNull();
    expect(c.desired).toBe(c.cronJob!.active);
    const jobs = list.filter((w) => w.kind === 'Job');
    expect(jobs.length).toBe(2);
    expect(jobs.every((j) => j.name.startsWith('tick-'))).toBe(true);
    expect(c.cronJob!.active).toBeLessThanOrEqual(2);
  });

  it('shows suspend as the spec says, and a suspended CronJob starts no Job', () => {
    const sim = createSimulation({ seed: 3 });
    sim.load([node, cronJob({ suspend: true })]);
    sim.advanceBy(125_000);
    expect(row(sim).cronJob).toMatchObject({ suspend: true, active: 0, lastScheduleTime: null });
    expect(buildWorkloads(sim).filter((w) => w.kind === 'Job')).toEqual([]);
  });
});

describe('formatSelector', () => {
  it('prints selectors as kubectl does', () => {
    expect(formatSelector(undefined)).toBe('<none>');
    expect(formatSelector({})).toBe('<none>');
    expect(
      formatSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'gpu', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,tier in (a,b),env notin (dev),gpu,!legacy');
  });
});

describe('buildWorkloads: ReplicationControllers', () => {
  it('lists an RC like kubectl get rc (desired, ready), its defaulted map selector, and scales it', () => {
    const sim = createSimulation({ seed: 3 });
    sim.load([objects[0], { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'legacy', namespace: 'default' }, spec: { replicas: 2, template: template('legacy') } }]);
    sim.advanceBy(60_000);
    expect(buildWorkloads(sim)).toEqual([
      { kind: 'ReplicationController', namespace: 'default', name: 'legacy', desired: 2, ready: 2, available: 2, selector: 'app=legacy', scalable: true },
    ]);
    expect(sim.dispatch({ action: 'scale', kind: 'ReplicationController', namespace: 'default', name: 'legacy', replicas: 3 }).ok).toBe(true);
    sim.advanceBy(10_000);
    expect(buildWorkloads(sim)[0]).toMatchObject({ desired: 3, ready: 3 });
  });
});
