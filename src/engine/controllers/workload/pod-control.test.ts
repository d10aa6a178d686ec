import { describe, expect, it } from 'vitest';
import type { KubeObject, Node } from '../../model/types';
import { createSchedulerComponent } from '../../scheduler/scheduler-component';
import { createSimulation } from '../../sim/simulation';
import { createDaemonSetController } from '../daemonset/daemonset-controller';
import { createReplicaSetController } from '../replicaset/replicaset-controller';

const node: Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'w1', labels: { 'kubernetes.io/hostname': 'w1' } },
  status: { capacity: { cpu: '4', memory: '16Gi', pods: '110' }, allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
};
const owner = (kind: string, selector: unknown): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'x', namespace: 'default' },
    spec: { replicas: 2, selector, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'c:1' }] } } },
  }) as unknown as KubeObject;

describe('createPod: an owner whose selector misses its own pod', () => {
  // Validation refuses such owners; this is the guard behind it, for an owner put straight into the store.
  it.each(['DaemonSet', 'ReplicaSet'])('%s: refuses the pod with a FailedCreate warning instead of creating pods for ever at one instant', (kind) => {
    const sim = createSimulation({ seed: 1, components: [createDaemonSetController(), createReplicaSetController(), createSchedulerComponent()] });
    sim.load([node]);
    sim.store.create(owner(kind, { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }));
    sim.advanceTo(10_000);
    expect(sim.store.list('Pod')).toHaveLength(0);
    const failed = sim.events().filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toBe(`Error creating: pod labels do not match the ${kind}'s selector, which would never count the pod`);
  });

  it('creates the pods when the selector selects them', () => {
    const sim = createSimulation({ seed: 1, components: [createReplicaSetController(), createSchedulerComponent()] });
    sim.load([node]);
    sim.store.create(owner('ReplicaSet', { matchLabels: { app: 'x' } }));
    sim.advanceTo(1_000);
    expect(sim.store.list('Pod')).toHaveLength(2);
  });
});
