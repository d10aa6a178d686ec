/**
 * The cluster of lifecycle.md §10 ("Setup used by both timelines"), for the
 * golden timeline tests: a tainted control-plane node and three equal
 * workers in one zone, Deployment `web` (6), DaemonSet `node-agent`,
 * StatefulSet `db` (3) and the bare pod `debug` pinned to worker-2.
 */
import { createDaemonSetController } from '../daemonset/daemonset-controller';
import { createDeploymentController } from '../deployment/deployment-controller';
import { createReplicaSetController } from '../replicaset/replicaset-controller';
import { createStatefulSetController } from '../statefulset/statefulset-controller';
import { createKubeletManager } from '../../kubelet/kubelet-manager';
import { refreshLeaseObjects } from '../../kubelet/lease-table';
import { createSchedulerComponent } from '../../scheduler/scheduler-component';
import { fromTimestamp } from '../../clock/time';
import type { ControlPlaneConfig, KubeEvent } from '../../sim/contracts';
import { createSimulation, type Simulation } from '../../sim/simulation';
import { createDisruptionController } from '../disruption/disruption-controller';
import { createPodGCController } from '../pod-gc/pod-gc-controller';
import { createTaintEvictionController } from '../taint-eviction/taint-eviction-controller';
import { createNodeLifecycleController } from './node-lifecycle-controller';
import type { KubeObject, Node, Pod, Taint, Workload } from '../../model/types';

export const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

export function node(name: string, extra: { taints?: Taint[]; labels?: Record<string, string> } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.labels ?? {}) } },
    spec: extra.taints ? { taints: extra.taints } : {},
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
    },
  };
}

const container = (name: string) => ({ name, image: `${name}:1.0`, resources: { requests: { cpu: '100m', memory: '128Mi' } } });

export function deployment(name: string, replicas: number): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container(name)] } },
    },
  };
}

export function daemonSet(name: string): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container(name)] } },
    },
  };
}

export function statefulSet(name: string, replicas: number): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container(name)] } },
    },
  };
}

export function barePod(name: string, nodeName?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { containers: [container(name)], ...(nodeName ? { nodeName } : {}) },
  };
}

export function pdb(name: string, app: string, budget: { minAvailable?: number | string; maxUnavailable?: number | string }): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default' },
    spec: { ...budget, selector: { matchLabels: { app } } },
  };
}

/** §10's cluster. */
export function section10Cluster(): KubeObject[] {
  return [
    node('cp-1', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    ...WORKERS.map((w) => node(w)),
    deployment('web', 6),
    daemonSet('node-agent'),
    statefulSet('db', 3),
    barePod('debug', 'worker-2'),
  ];
}

/** A Simulation with every component that exists, in the documented start order. */
export function fullSimulation(seed = 1, controlPlane?: Partial<ControlPlaneConfig>): Simulation {
  return createSimulation({
    seed,
    controlPlane,
    components: [
      createKubeletManager(),
      createNodeLifecycleController(),
      createTaintEvictionController(),
      createPodGCController(),
      createDisruptionController(),
      createReplicaSetController(),
      createDeploymentController(),
      createDaemonSetController(),
      createStatefulSetController(),
      createSchedulerComponent(),
    ],
  });
}

/** Events with this reason (optionally on objects whose ref contains `object`). */
export function eventsOf(sim: Simulation, reason: string, object?: string): KubeEvent[] {
  return sim.events().filter((e) => e.reason === reason && (object === undefined || e.object.includes(object)));
}

/** The pods bound to a node, by name. */
export function podsOn(sim: Simulation, nodeName: string): Pod[] {
  return sim.store.podsOnNode(nodeName) as Pod[];
}

/** The virtual time (ms) of the node's last Lease renewal, as its Lease object shows it. */
export function lastRenewal(sim: Simulation, nodeName: string): number {
  refreshLeaseObjects(sim.ctx);
  const lease = sim.store.get('Lease', 'kube-node-lease', nodeName);
  return fromTimestamp((lease?.spec as { renewTime?: string } | undefined)?.renewTime) ?? NaN;
}

export function taintOf(sim: Simulation, nodeName: string, key: string, effect: string): Taint | undefined {
  const n = sim.store.get<Node>('Node', undefined, nodeName);
  return n?.spec?.taints?.find((t) => t.key === key && t.effect === effect);
}
