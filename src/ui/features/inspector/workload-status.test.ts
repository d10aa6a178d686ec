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
    expect(workloadColumns({ kind: 'Job', metadata: { name: 'j' }, spec: { completions: 3 }, status: { succeeded: 1, active: 1 } } as unknown as KubeObject)).toEqual([
      ['COMPLETIONS', '1/3'],
      ['ACTIVE', '1'],
      ['FAILED', '0'],
    ]);
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
});
