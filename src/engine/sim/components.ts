/**
 * The components a Simulation starts, in the order it starts them (kubelet
 * manager, node lifecycle, taint eviction, pod GC, disruption, resource quota, the workload
 * controllers, the scheduler), and the drain implementation.
 *
 * contracts.ts names each factory's file. Tests may replace the whole list
 * through SimulationOptions.components.
 */
import type { Command, CommandResult } from '../commands';
import type { Component, SimContext } from './contracts';
import { createKubeletManager } from '../kubelet/kubelet-manager';
import { createNodeLifecycleController } from '../controllers/node-lifecycle/node-lifecycle-controller';
import { createTaintEvictionController } from '../controllers/taint-eviction/taint-eviction-controller';
import { createPodGCController } from '../controllers/pod-gc/pod-gc-controller';
import { createDisruptionController } from '../controllers/disruption/disruption-controller';
import { createResourceQuotaController } from '../controllers/resource-quota/resource-quota-controller';
import { createReplicaSetController } from '../controllers/replicaset/replicaset-controller';
import { createReplicationController } from '../controllers/replication/replication-controller';
import { createDeploymentController } from '../controllers/deployment/deployment-controller';
import { createDaemonSetController } from '../controllers/daemonset/daemonset-controller';
import { createStatefulSetController } from '../controllers/statefulset/statefulset-controller';
import { createJobController } from '../controllers/job/job-controller';
import { createCronJobController } from '../controllers/cronjob/cronjob-controller';
import { createHorizontalPodAutoscalerController } from '../controllers/horizontal-pod-autoscaler/hpa-controller';
import { createPersistentVolumeController } from '../controllers/persistent-volume/pv-controller';
import { createSchedulerComponent } from '../scheduler/scheduler-component';
import { startDrain } from '../controllers/drain/drain';

export interface ComponentOptions {
  /** The scenario's KubeSchedulerConfiguration (parsed YAML), if any. */
  schedulerConfiguration?: unknown;
}

export interface ComponentEntry {
  name: string;
  create(options: ComponentOptions): Component;
}

/** In start order. */
export const COMPONENTS: readonly ComponentEntry[] = [
  { name: 'kubelet', create: () => createKubeletManager() },
  { name: 'node-lifecycle', create: () => createNodeLifecycleController() },
  { name: 'taint-eviction', create: () => createTaintEvictionController() },
  { name: 'pod-gc', create: () => createPodGCController() },
  { name: 'disruption', create: () => createDisruptionController() },
  { name: 'resourcequota', create: () => createResourceQuotaController() },
  { name: 'replicaset', create: () => createReplicaSetController() },
  { name: 'replication', create: () => createReplicationController() },
  { name: 'deployment', create: () => createDeploymentController() },
  { name: 'daemonset', create: () => createDaemonSetController() },
  { name: 'statefulset', create: () => createStatefulSetController() },
  { name: 'job', create: () => createJobController() },
  { name: 'cronjob', create: () => createCronJobController() },
  { name: 'horizontal-pod-autoscaler', create: () => createHorizontalPodAutoscalerController() },
  { name: 'persistentvolume-binder', create: () => createPersistentVolumeController() },
  { name: 'scheduler', create: (o) => createSchedulerComponent(o.schedulerConfiguration) },
];

export type DrainCommand = Extract<Command, { action: 'drain' }>;
export type DrainFn = (ctx: SimContext, command: DrainCommand) => CommandResult;

/** kubectl drain on the clock (controllers/drain/drain.ts), once it exists. */
export const DRAIN: DrainFn | undefined = startDrain;
