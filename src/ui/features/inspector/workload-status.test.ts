import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/model/types';
import { replicaSetRows, rolloutStatus, workloadColumns } from './workload-status';

const deploy = (status: Record<string, unknown>, generation = 2, replicas = 4): KubeObject =>
  ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', generation, annotations: { 'deployment.kubernetes.io/revision': '2' } }, spec: { replicas }, status: { observedGeneration: 2, ...status } }) as unknown as KubeObject;

describe("rolloutStatus (kubectl rollout status's words)", () => {
  it('walks a Deployment through its rollout', () => {
    expect(rolloutStatus(deploy({}, 3))?.text).toBe('Waiting for deployment spec update to be observed...');
    expect(rolloutStatus(deploy({ updatedReplicas: 2, replicas: 5 }))?.text).toBe('Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...');
    expect(rolloutStatus(deploy({ updatedReplicas: 4, replicas: 5 }))?.text).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(rolloutStatus(deploy({ updatedReplicas: 4, replicas: 4, availableReplicas: 3 }))?.text).toBe('Waiting for deployment "web" rollout to finish: 3 of 4 updated replicas are available...');
    expect(rolloutStatus(deploy({ updatedReplicas: 4, replicas: 4, availableReplicas: 4 }))).toEqual({ text: 'deployment "web" successfully rolled out', done: true, error: false });
    const stuck = deploy({ updatedReplicas: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(rolloutStatus(stuck)).toEqual({ text: 'error: deployment "web" exceeded its progress deadline', done: false, error: true });
  });

  it("reads a StatefulSet's ready, updated and revisions, and a DaemonSet's scheduled counts", () => {
    const sts = (status: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
      ({ kind: 'StatefulSet', metadata: { name: 'db', generation: 1 }, spec: { replicas: 3, ...spec }, status: { observedGeneration: 1, ...status } }) as unknown as KubeObject;
    expect(rolloutStatus(sts({ readyReplicas: 1 }))?.text).toBe('Waiting for 2 pods to be ready...');
    expect(rolloutStatus(sts({ readyReplicas: 3, updatedReplicas: 1, currentRevision: 'db-1', updateRevision: 'db-2' }))?.text).toBe('waiting for statefulset rolling update to complete 1 pods at revision db-2...');
    expect(rolloutStatus(sts({ readyReplicas: 3, currentReplicas: 3, currentRevision: 'db-2', updateRevision: 'db-2' }))?.text).toBe('statefulset rolling update complete 3 pods at revision db-2...');
    expect(rolloutStatus(sts({ readyReplicas: 3, updatedReplicas: 1 }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }))?.text).toBe(
      'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...',
    );
    expect(rolloutStatus(sts({}, { updateStrategy: { type: 'OnDelete' } }))?.error).toBe(true);
    const ds = { kind: 'DaemonSet', metadata: { name: 'logs', generation: 1 }, spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 } } as unknown as KubeObject;
    expect(rolloutStatus(ds)?.text).toBe('Waiting for daemon set "logs" rollout to finish: 2 of 3 updated pods are available...');
    expect(rolloutStatus({ kind: 'Job', metadata: { name: 'j' } } as unknown as KubeObject)).toBeNull();
  });
});

describe('workloadColumns and replicaSetRows', () => {
  it("prints kubectl get's columns and describe's Replicas line", () => {
    expect(workloadColumns(deploy({ readyReplicas: 3, updatedReplicas: 2, availableReplicas: 3, replicas: 5, unavailableReplicas: 2 }))).toEqual([
      ['READY', '3/4'],
      ['UP-TO-DATE', '2'],
      ['AVAILABLE', '3'],
      ['Replicas', '4 desired | 2 updated | 5 total | 3 available | 2 unavailable'],
    ]);
  });

  it("prints a Job as kubectl get job (STATUS, COMPLETIONS, DURATION) and describe job (Pods Statuses, Start Time, Completed At)", () => {
    const job = (spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
      ({ kind: 'Job', metadata: { name: 'j', ...meta }, spec, status }) as unknown as KubeObject;
    const cond = (type: string, s = 'True') => ({ type, status: s, reason: 'R' });
    const start = '2026-01-01T00:00:10Z';
    // Running, 40 s after it started (now = 50 s of virtual time).
    expect(workloadColumns(job({ completions: 3, parallelism: 2 }, { succeeded: 1, active: 2, ready: 1, failed: 1, startTime: start }), 50_000)).toEqual([
      ['STATUS', 'Running'],
      ['COMPLETIONS', '1/3'],
      ['DURATION', '40s'],
      ['Pods Statuses', '2 Active (1 Ready) / 1 Succeeded / 1 Failed'],
      ['Start Time', '00:00:10'],
    ]);
    // Complete: DURATION is completionTime − startTime, whatever the clock says.
    const done = job({ completions: 2 }, { succeeded: 2, startTime: start, completionTime: '2026-01-01T00:02:17Z', conditions: [cond('SuccessCriteriaMet'), cond('Complete')] });
    expect(workloadColumns(done, 900_000).slice(0, 3)).toEqual([
      ['STATUS', 'Complete'],
      ['COMPLETIONS', '2/2'],
      ['DURATION', '2m7s'],
    ]);
    expect(workloadColumns(done, 900_000).at(-1)).toEqual(['Completed At', '00:02:17']);
    // Failed wins over FailureTarget; FailureTarget alone, SuccessCriteriaMet alone, Suspended and a deletionTimestamp as kubectl orders them.
    const status = (conditions: unknown[], meta: Record<string, unknown> = {}) => workloadColumns(job({}, { conditions }, meta), 0)[0][1];
    expect(status([cond('FailureTarget'), cond('Failed')])).toBe('Failed');
    expect(status([cond('FailureTarget')])).toBe('FailureTarget');
    expect(status([cond('SuccessCriteriaMet')])).toBe('SuccessCriteriaMet');
    expect(status([cond('Suspended'), cond('FailureTarget')])).toBe('Suspended');
    expect(status([cond('Suspended')], { deletionTimestamp: start })).toBe('Terminating');
    expect(status([cond('Complete', 'False')])).toBe('Running');
    // COMPLETIONS without spec.completions: "n/1", or "n/1 of p" with parallelism over 1; no DURATION before it starts.
    expect(workloadColumns(job({}, { succeeded: 0 }), 0).slice(1, 3)).toEqual([
      ['COMPLETIONS', '0/1'],
      ['DURATION', ''],
    ]);
    expect(workloadColumns(job({ parallelism: 3 }, { succeeded: 1 }), 0)[1]).toEqual(['COMPLETIONS', '1/1 of 3']);
  });

  it("prints a DaemonSet's NODE SELECTOR as kubectl get ds does (<none> without one)", () => {
    const ds = (nodeSelector?: Record<string, string>) =>
      ({ kind: 'DaemonSet', metadata: { name: 'logs' }, spec: { template: { spec: nodeSelector ? { nodeSelector } : {} } }, status: { desiredNumberScheduled: 2 } }) as unknown as KubeObject;
    expect(workloadColumns(ds()).at(-1)).toEqual(['NODE SELECTOR', '<none>']);
    expect(workloadColumns(ds({ disk: 'ssd', 'kubernetes.io/os': 'linux' })).at(-1)).toEqual(['NODE SELECTOR', 'disk=ssd,kubernetes.io/os=linux']);
  });

  it("orders a Deployment's ReplicaSets newest revision first and marks the one at its revision new", () => {
    const rs = (name: string, revision: string, replicas: number, ready: number) =>
      ({ kind: 'ReplicaSet', metadata: { name, annotations: { 'deployment.kubernetes.io/revision': revision } }, spec: { replicas }, status: { replicas, readyReplicas: ready, availableReplicas: ready } }) as unknown as KubeObject;
    const rows = replicaSetRows(deploy({}), [rs('web-a', '1', 3, 3), rs('web-b', '2', 2, 0)]);
    expect(rows.map((r) => [r.name, r.revision, r.desired, r.ready, r.isNew])).toEqual([
      ['web-b', 2, 2, 0, true],
      ['web-a', 1, 3, 3, false],
    ]);
  });
  it('prints a CronJob as kubectl get cronjob, with its active Jobs', () => {
    const cj = (spec: Record<string, unknown>, status: Record<string, unknown>) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'default' }, spec, status }) as unknown as KubeObject;
    expect(workloadColumns(cj({ schedule: '* * * * *' }, {}), 30_000)).toEqual([
      ['SCHEDULE', '* * * * *'],
      ['TIMEZONE', '<none>'],
      ['SUSPEND', 'False'],
      ['ACTIVE', '0'],
      ['LAST SCHEDULE', '<none>'],
      ['Active Jobs', '<none>'],
    ]);
    const running = cj({ schedule: '@hourly', timeZone: 'UTC', suspend: true }, { active: [{ name: 'tick-29453820' }], lastScheduleTime: '2026-01-01T01:00:00Z' });
    expect(Object.fromEntries(workloadColumns(running, 3_645_000))).toMatchObject({ TIMEZONE: 'UTC', SUSPEND: 'True', ACTIVE: '1', 'LAST SCHEDULE': '45s', 'Active Jobs': 'tick-29453820' });
  });
});
