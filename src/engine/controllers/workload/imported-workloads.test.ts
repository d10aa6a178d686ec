/**
 * A cluster as `kubectl get -o yaml` prints it: workloads with their status, revision
 * names and pod-template hashes from a real control plane (which Podscape's hashes do
 * not reproduce), and their Running pods bound to nodes. The controllers must adopt
 * what is there, as upstream's do on a restart: no new ReplicaSet, no new or deleted
 * pods. A later template change still rolls the pods.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../model/types';
import { createSimulation, type Simulation } from '../../sim/simulation';
import { deepClone } from '../../store/clone';

const T = '2025-11-27T14:31:07Z';
const tpl = (labels: Record<string, string>, image = 'nginx:1.29.3', annotations?: Record<string, string>) => ({
  metadata: { creationTimestamp: null, labels, ...(annotations ? { annotations } : {}) },
  spec: {
    containers: [{ name: 'c', image, imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu: '100m', memory: '64Mi' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
});

function node(name: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-node-${name}`, labels: { 'kubernetes.io/hostname': name }, creationTimestamp: '2025-11-03T08:16:02Z' },
    spec: {},
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  };
}

function runningPod(name: string, nodeName: string, labels: Record<string, string>, owner: { kind: string; name: string; uid: string }, template: ReturnType<typeof tpl>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-pod-${name}`,
      labels,
      creationTimestamp: T,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }],
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: T, fieldsType: 'FieldsV1', fieldsV1: {} }],
    },
    spec: { ...deepClone(template.spec), nodeName },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: T },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: T },
      ],
      containerStatuses: [{ name: 'c', ready: true, started: true, restartCount: 0, image: 'nginx:1.29.3', state: { running: { startedAt: T } } }],
      startTime: T,
    },
  } as Pod;
}

function dump(): KubeObject[] {
  const web = { kind: 'ReplicaSet', name: 'web-7c5ddbdf54', uid: 'uid-rs-web' };
  const webTpl = tpl({ app: 'web' });
  const rsTpl = tpl({ app: 'web', 'pod-template-hash': '7c5ddbdf54' });
  const dsTpl = tpl({ app: 'agent' });
  const stsTpl = tpl({ app: 'db' });
  const webLabels = { app: 'web', 'pod-template-hash': '7c5ddbdf54' };
  return [
    node('worker-a'),
    node('worker-b'),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', uid: 'uid-deploy-web', generation: 2, creationTimestamp: '2025-11-20T09:12:44Z', annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: webTpl, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, progressDeadlineSeconds: 600, revisionHistoryLimit: 10 },
      status: { observedGeneration: 2, replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: web.name,
        namespace: 'shop',
        uid: web.uid,
        generation: 1,
        creationTimestamp: T,
        labels: webLabels,
        annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '2' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-deploy-web', controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: 3, selector: { matchLabels: webLabels }, template: rsTpl },
      status: { replicas: 3, readyReplicas: 3, availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 },
    },
    runningPod('web-7c5ddbdf54-4xk9p', 'worker-a', webLabels, web, rsTpl),
    runningPod('web-7c5ddbdf54-m2q7t', 'worker-b', webLabels, web, rsTpl),
    runningPod('web-7c5ddbdf54-zr8vd', 'worker-a', webLabels, web, rsTpl),
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'shop', uid: 'uid-ds-agent', generation: 1, creationTimestamp: T, annotations: { 'deprecated.daemonset.template.generation': '1' } },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: dsTpl, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } },
      status: { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2, numberMisscheduled: 0, observedGeneration: 1, updatedNumberScheduled: 2 },
    },
    ...['worker-a', 'worker-b'].map((n, i) =>
      runningPod(`agent-${'xy'[i]}9k2p`, n, { app: 'agent', 'controller-revision-hash': '5b9f8d7c6', 'pod-template-generation': '1' }, { kind: 'DaemonSet', name: 'agent', uid: 'uid-ds-agent' }, dsTpl),
    ),
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop', uid: 'uid-sts-db', generation: 1, creationTimestamp: T },
      spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: stsTpl, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
      status: { observedGeneration: 1, replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: 'db-6d4f8b9c7', updateRevision: 'db-6d4f8b9c7', collisionCount: 0 },
    },
    ...[0, 1].map((i) =>
      runningPod(`db-${i}`, i === 0 ? 'worker-a' : 'worker-b', { app: 'db', 'controller-revision-hash': 'db-6d4f8b9c7', 'statefulset.kubernetes.io/pod-name': `db-${i}`, 'apps.kubernetes.io/pod-index': String(i) }, { kind: 'StatefulSet', name: 'db', uid: 'uid-sts-db' }, stsTpl),
    ),
  ];
}

const podIds = (sim: Simulation) =>
  sim.store
    .list<Pod>('Pod')
    .map((p) => `${p.metadata.name}@${p.spec.nodeName}:${p.metadata.uid}:${p.status?.phase}`)
    .sort();

function settled(): { sim: Simulation; before: string[] } {
  const sim = createSimulation({ seed: 3 });
  const objects = dump();
  sim.load(objects);
  const before = objects
    .filter((o): o is Pod => o.kind === 'Pod')
    .map((p) => `${p.metadata.name}@${p.spec.nodeName}:${p.metadata.uid}:Running`)
    .sort();
  sim.advanceTo(10 * 60_000);
  return { sim, before };
}

describe('workloads imported with their running pods', () => {
  it('keeps the same pods: the Deployment adopts its ReplicaSet, the DaemonSet and StatefulSet their pods', () => {
    const { sim, before } = settled();
    expect(podIds(sim)).toEqual(before);
    expect(sim.store.list('ReplicaSet').map((r) => r.metadata.name)).toEqual(['web-7c5ddbdf54']);
    const created = sim.events().filter((e) => ['SuccessfulCreate', 'SuccessfulDelete', 'ScalingReplicaSet', 'Killing'].includes(e.reason));
    expect(created).toEqual([]);
    expect(sim.store.get<KubeObject & { status?: Record<string, unknown> }>('StatefulSet', 'shop', 'db')!.status).toMatchObject({ updateRevision: 'db-6d4f8b9c7', updatedReplicas: 2, readyReplicas: 2 });
    expect(sim.store.get<KubeObject & { status?: Record<string, unknown> }>('DaemonSet', 'shop', 'agent')!.status).toMatchObject({ updatedNumberScheduled: 2, numberReady: 2 });
  });

  it('still rolls the pods when a template changes after the import', () => {
    const { sim } = settled();
    for (const kind of ['Deployment', 'DaemonSet', 'StatefulSet']) {
      const name = { Deployment: 'web', DaemonSet: 'agent', StatefulSet: 'db' }[kind]!;
      const obj = deepClone(sim.store.get<KubeObject & { spec: { template: ReturnType<typeof tpl> } }>(kind, 'shop', name)!);
      obj.spec.template.spec.containers[0].image = 'nginx:1.29.4';
      expect(sim.dispatch({ action: 'apply', object: obj }).ok).toBe(true);
    }
    expect(sim.store.get('DaemonSet', 'shop', 'agent')!.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    sim.advanceTo(sim.time + 15 * 60_000);
    const images = sim.store
      .list<Pod>('Pod')
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => p.spec.containers[0].image);
    expect(images).toHaveLength(7);
    expect(new Set(images)).toEqual(new Set(['nginx:1.29.4']));
    expect(sim.store.list('ReplicaSet')).toHaveLength(2);
  });
});
