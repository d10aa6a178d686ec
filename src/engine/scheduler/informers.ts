/**
 * The scheduler's informers: watch notifications from the store kept as the
 * scheduler's own view (upstream's scheduler cache and listers, and the
 * event handlers of eventhandlers.go). Nodes and assigned non-terminal pods
 * (terminating ones included, until the object is removed) go into the
 * Snapshot; pending pods this scheduler is responsible for go into the
 * queue; Namespaces, Services, ReplicaSets, StatefulSets,
 * ReplicationControllers, PodDisruptionBudgets, PersistentVolumeClaims and
 * StorageClasses back the listers. Each
 * change is also turned into cluster events for the queue's hints.
 */
import type { Labels } from '../model/labels';
import type { KubeObject, Node, Pod, PodDisruptionBudget, Service, Workload } from '../model/types';
import type { Store, WatchEvent } from '../sim/contracts';
import type { ClusterListers } from './framework/interfaces';
import { PodInfo } from './framework/pod-info';
import { AssignedPods } from './assigned-pods';
import { PodSeqs } from './pod-seqs';
import { NamespacedIndex } from './namespaced-index';
import { prepareControllerSelector } from './plugins/pod-topology-spread/constraints';
import type { Snapshot } from './framework/snapshot';
import type { PodNominator } from './nominator';
import {
  deepEqual,
  EventAssignedPodDelete,
  EventNamespaceAdd,
  EventNamespaceLabelChange,
  EventNodeAdd,
  EventNodeDelete,
  EventUnscheduledPodDelete,
  namespaceLabelsChanged,
  storageEvent,
  nodeSchedulingPropertiesChange,
  podSchedulingPropertiesChange,
} from './queue/cluster-events';
import type { SchedulingQueue } from './queue/scheduling-queue';

const LISTED_KINDS = ['Service', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'PodDisruptionBudget', 'PersistentVolumeClaim'] as const;
/** Kinds whose additions and changes are cluster events for VolumeBinding. */
const STORAGE_KINDS = new Set(['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass']);
const NS_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A pod recorded in `assigned` is never in the queue nor nominated: the bound
 * branch forgets it as pending before recording it, only the unbound branch
 * queues a pod (after dropping it from `assigned`), and a cycle nominates only
 * the pod it popped (never a recorded one). So a status-only update of a
 * recorded bound pod skips forgetPending's queue and nominator lookups. Tests
 * turn it off, to compare.
 */
export const ASSIGNED_NOT_PENDING = { enabled: true };

/**
 * Tests turn off keying the assigned pods by the store's object number: they are then keyed by
 * a number per `namespace/name` (the key the informers used before), to compare.
 */
export const ASSIGNED_BY_ID = { enabled: true };

export { SEQ_BY_NUM } from './pod-seqs';

/**
 * A recorded bound pod's update that leaves everything its PodInfo derives but the start time
 * as it was (the DisruptionTarget condition, the deletion, the start: PodInfo.sameButStatus)
 * re-points the recorded PodInfo at the new object in place (Snapshot.rerecord) instead of
 * building a new PodInfo and replacing the old one in its node's lists and label postings.
 * Tests turn it off, to compare.
 */
export const RERECORD_IN_PLACE = { enabled: true };

/** A listed object's spec.selector (a workload's, a Service's). */
const selectorOf = (o: KubeObject): unknown => (o as { spec?: { selector?: unknown } }).spec?.selector;

/** Tests turn off the parsing of workload selectors as the informers see them, to compare. */
export const PREPARE_SELECTORS = { enabled: true };

/** A ReplicaSet's or StatefulSet's selector parsed for PodTopologySpread's default selector (see prepareControllerSelector). */
function prepareSelector(o: KubeObject): void {
  if (PREPARE_SELECTORS.enabled && (o.kind === 'ReplicaSet' || o.kind === 'StatefulSet')) prepareControllerSelector((o as Workload).spec?.selector);
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name ?? ''}`;
const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
/** The status of the pod's DisruptionTarget condition (the first one), if any. */
function disruptionTarget(p: Pod): string | undefined {
  const cs = p.status?.conditions;
  if (cs === undefined || cs === null) return undefined;
  for (let i = 0; i < cs.length; i++) if (cs[i].type === 'DisruptionTarget') return cs[i].status;
  return undefined;
}

/**
 * Whether two versions of a bound pod look the same to a cycle: what PodInfo
 * derives (spec, labels, start time) and what preemption reads (being
 * deleted, DisruptionTarget).
 */
function sameForScheduling(a: Pod, b: Pod): boolean {
  return (
    a.metadata.deletionTimestamp === b.metadata.deletionTimestamp &&
    a.status?.startTime === b.status?.startTime &&
    disruptionTarget(a) === disruptionTarget(b) &&
    deepEqual(a.metadata.labels, b.metadata.labels) &&
    deepEqual(a.spec, b.spec)
  );
}

export interface InformerDeps {
  store: Store;
  snapshot: Snapshot;
  queue: SchedulingQueue;
  nominator: PodNominator;
  /** Whether a profile of this scheduler has the pod's schedulerName. */
  responsibleFor(pod: Pod): boolean;
}

export class SchedulerInformers implements ClusterListers {
  /** Assigned non-terminal pods by the store's object number, whether or not their node is known yet. */
  private readonly assigned = new AssignedPods();
  private readonly namespaces = new Map<string, Labels>();
  private readonly storageClasses = new Map<string, KubeObject>();
  private readonly volumes = new Map<string, KubeObject>();
  private readonly listed = new Map<string, NamespacedIndex>(LISTED_KINDS.map((k) => [k, new NamespacedIndex()]));
  /** Arrival order per pod: the queue's and preemption's last tie-break. */
  private readonly seqs = new PodSeqs();

  constructor(private readonly deps: InformerDeps) {}

  // ---- listers ----

  namespaceLabels(ns: string): Labels {
    const l = this.namespaces.get(ns);
    // The API server always labels a namespace with its name.
    return l && l[NS_NAME_LABEL] === ns ? l : { ...(l ?? {}), [NS_NAME_LABEL]: ns };
  }
  services(ns: string): readonly Service[] {
    return this.listed.get('Service')!.list(ns) as readonly Service[];
  }
  replicaSets(ns: string): readonly Workload[] {
    return this.listed.get('ReplicaSet')!.list(ns) as readonly Workload[];
  }
  statefulSets(ns: string): readonly Workload[] {
    return this.listed.get('StatefulSet')!.list(ns) as readonly Workload[];
  }
  replicationControllers(ns: string): readonly Workload[] {
    return this.listed.get('ReplicationController')!.list(ns) as readonly Workload[];
  }
  workloadByName(kind: 'ReplicaSet' | 'StatefulSet' | 'ReplicationController', ns: string, name: string): Workload | undefined {
    const w = this.listed.get(kind)!.get(ns, name);
    return w !== undefined && w.metadata.name === name ? (w as Workload) : undefined;
  }
  podDisruptionBudgets(ns: string): readonly PodDisruptionBudget[] {
    return this.listed.get('PodDisruptionBudget')!.list(ns) as readonly PodDisruptionBudget[];
  }
  persistentVolumeClaim(ns: string, name: string): KubeObject | undefined {
    return this.listed.get('PersistentVolumeClaim')!.get(ns, name);
  }
  storageClass(name: string): KubeObject | undefined {
    return this.storageClasses.get(name);
  }
  persistentVolume(name: string): KubeObject | undefined {
    return this.volumes.get(name);
  }
  persistentVolumes(): readonly KubeObject[] {
    return [...this.volumes.values()];
  }

  // ---- start-up ----

  /** Loads what the store already holds (no cluster events: the queue starts empty). */
  initialSync(): void {
    const { store } = this.deps;
    for (const n of store.list<Node>('Node')) this.deps.snapshot.addNode(n);
    for (const ns of store.list('Namespace')) this.namespaces.set(ns.metadata.name ?? '', ns.metadata.labels);
    for (const kind of LISTED_KINDS) {
      for (const o of store.list(kind)) {
        this.listed.get(kind)!.set(o);
        prepareSelector(o);
      }
    }
    for (const sc of store.list('StorageClass')) this.storageClasses.set(sc.metadata.name ?? '', sc);
    for (const pv of store.list('PersistentVolume')) this.volumes.set(pv.metadata.name ?? '', pv);
    for (const p of store.list<Pod>('Pod')) this.onPod({ type: 'ADDED', kind: 'Pod', object: p, id: store.idOf('Pod', p.metadata.namespace, p.metadata.name ?? '') }, false);
  }

  // ---- watch ----

  handle(e: WatchEvent): void {
    switch (e.kind) {
      case 'Pod':
        this.onPod(e, true);
        return;
      case 'Node':
        this.onNode(e);
        return;
      case 'Namespace':
        this.onNamespace(e);
        return;
      default: {
        const idx = this.listed.get(e.kind);
        if (idx) {
          if (e.type === 'DELETED') idx.delete(e.object);
          else {
            idx.set(e.object);
            if (e.old === undefined || selectorOf(e.old) !== selectorOf(e.object)) prepareSelector(e.object);
          }
        }
        if (e.kind === 'PersistentVolume') {
          if (e.type === 'DELETED') this.volumes.delete(e.object.metadata.name ?? '');
          else this.volumes.set(e.object.metadata.name ?? '', e.object);
        }
        if (e.kind === 'StorageClass') {
          if (e.type === 'DELETED') this.storageClasses.delete(e.object.metadata.name ?? '');
          else this.storageClasses.set(e.object.metadata.name ?? '', e.object);
        }
        if (STORAGE_KINDS.has(e.kind) && e.type !== 'DELETED') {
          const kind = e.kind as 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass';
          this.deps.queue.moveAllToActiveOrBackoffQueue(storageEvent(kind, e.type === 'ADDED'), e.old, e.object);
        }
      }
    }
  }

  /**
   * The PodInfo of a pending pod (store number `num`): over a copy of the spec, since a cycle
   * writes spec.nodeName while it assumes.
   */
  private pendingPodInfo(pod: Pod, num: number): PodInfo {
    const pi = new PodInfo({ ...pod, spec: { ...pod.spec } }, this.seqs.of(pod, num), pod.spec);
    pi.num = num;
    return pi;
  }

  /** With ASSIGNED_BY_ID off: a number per pod key, never reused (the reference keyed by name). */
  private readonly numbersByName = new Map<string, number>();
  private numberOfName(key: string): number {
    let n = this.numbersByName.get(key);
    if (n === undefined) this.numbersByName.set(key, (n = this.numbersByName.size));
    return n;
  }

  private onNode(e: WatchEvent): void {
    const { snapshot, queue, store } = this.deps;
    const node = e.object as Node;
    const name = node.metadata.name ?? '';
    if (e.type === 'DELETED') {
      snapshot.removeNode(name);
      queue.moveAllToActiveOrBackoffQueue(EventNodeDelete, node, undefined);
      return;
    }
    const known = snapshot.get(name) !== undefined;
    if (known) snapshot.updateNode(node);
    else {
      snapshot.addNode(node);
      // Pods bound to this name before the node (re)appeared count on it again.
      for (const p of store.podsOnNode(name)) {
        const id = ASSIGNED_BY_ID.enabled ? store.idOf('Pod', p.metadata.namespace, p.metadata.name ?? '') : this.numberOfName(keyOf(p));
        const pi = id === undefined ? undefined : this.assigned.get(id);
        if (pi && pi.nodeName === name) snapshot.addPod(pi);
      }
    }
    const old = e.old as Node | undefined;
    if (!known || !old) {
      queue.moveAllToActiveOrBackoffQueue(EventNodeAdd, undefined, node);
      return;
    }
    if (!queue.deaf) for (const ev of nodeSchedulingPropertiesChange(node, old)) queue.moveAllToActiveOrBackoffQueue(ev, old, node);
  }

  private onNamespace(e: WatchEvent): void {
    const name = e.object.metadata.name ?? '';
    if (e.type === 'DELETED') {
      this.namespaces.delete(name);
      return;
    }
    this.namespaces.set(name, e.object.metadata.labels);
    if (e.type === 'ADDED') this.deps.queue.moveAllToActiveOrBackoffQueue(EventNamespaceAdd, undefined, e.object);
    else if (e.old && namespaceLabelsChanged(e.object, e.old)) {
      this.deps.queue.moveAllToActiveOrBackoffQueue(EventNamespaceLabelChange, e.old, e.object);
    }
  }

  private onPod(e: WatchEvent, live: boolean): void {
    const { snapshot, queue, nominator } = this.deps;
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    const key = keyOf(pod);
    // Every store event carries the pod's number; initialSync passes it too.
    const num = e.id!;
    const id = ASSIGNED_BY_ID.enabled ? num : this.numberOfName(key);
    const wasAssigned = this.assigned.get(id);

    if (e.type === 'DELETED') {
      this.seqs.forget(pod, num);
      if (wasAssigned) {
        this.removeAssigned(id, wasAssigned);
        queue.moveAllToActiveOrBackoffQueue(EventAssignedPodDelete, pod, undefined);
      } else if (queue.where(key) !== undefined || nominator.nominatedNodeOf(key) !== undefined) {
        this.forgetPending(key);
        queue.moveAllToActiveOrBackoffQueue(EventUnscheduledPodDelete, pod, undefined);
      }
      return;
    }

    if (pod.spec.nodeName) {
      // A status-only change of a recorded bound pod (the kubelet's phase and conditions, Ready=False):
      // nothing the cycle reads moved. Such a pod is neither queued nor nominated (see ASSIGNED_NOT_PENDING),
      // so forgetPending would find nothing: answered before its lookups.
      if (ASSIGNED_NOT_PENDING.enabled && wasAssigned && old?.spec.nodeName && !isTerminal(pod) && sameForScheduling(pod, old)) return;
      // A recorded pod is neither queued nor nominated (same invariant): only a pod not recorded yet
      // (our own binding confirmed, a pod bound by hand) can be in the queue or the nominator.
      if (!(ASSIGNED_NOT_PENDING.enabled && wasAssigned)) this.forgetPending(key);
      if (isTerminal(pod)) {
        // The scheduler's informer leaves out Succeeded/Failed pods: for it the pod is deleted.
        if (wasAssigned) {
          this.removeAssigned(id, wasAssigned);
          if (live) queue.moveAllToActiveOrBackoffQueue(EventAssignedPodDelete, pod, undefined);
        }
        return;
      }
      if (wasAssigned && old?.spec.nodeName && sameForScheduling(pod, old)) {
        // A status-only change (the kubelet's phase and conditions): nothing the cycle reads moved.
        return;
      }
      const assumed = wasAssigned ? undefined : this.assumedPodInfo(pod, num);
      if (assumed) {
        // Our own binding confirmed: keep the PodInfo the cycle assumed (same spec and labels).
        this.assigned.set(id, assumed);
      } else if (!(RERECORD_IN_PLACE.enabled && wasAssigned !== undefined && wasAssigned.sameButStatus(pod) && snapshot.rerecord(wasAssigned, pod))) {
        // Not re-recorded in place (a pod bound by hand, a changed spec or labels, (anti-)affinity terms): a new PodInfo.
        const pi = new PodInfo(pod, this.seqs.of(pod, num), pod.spec);
        pi.num = num;
        this.assigned.set(id, pi);
        if (wasAssigned) snapshot.replacePod(wasAssigned, pi);
        else snapshot.addPod(pi);
      }
      if (!live) return;
      // A queue no event can move (queue.deaf) is not asked: the events are not even worked out.
      if (wasAssigned && old?.spec.nodeName) {
        if (!queue.deaf) for (const ev of podSchedulingPropertiesChange(pod, old)) queue.assignedPodUpdated(old, pod, ev);
      } else queue.assignedPodAdded(pod);
      return;
    }

    // Not bound.
    if (wasAssigned) this.removeAssigned(id, wasAssigned);
    if (pod.metadata.deletionTimestamp || isTerminal(pod) || !this.deps.responsibleFor(pod)) {
      this.forgetPending(key);
      return;
    }
    const pi = this.pendingPodInfo(pod, num);
    this.syncNomination(pi, old);
    if (old && live) {
      queue.update(old, pi);
      // A pod leaving its nominated node frees the room it held for pods of lower or equal priority.
      const was = old.status?.nominatedNodeName ?? '';
      if (was !== '' && was !== (pod.status?.nominatedNodeName ?? '')) {
        queue.moveAllToActiveOrBackoffQueue(EventAssignedPodDelete, old, undefined, (q) => q.podInfo.priority <= pi.priority);
      }
    } else queue.add(pi);
  }

  /** Keeps the nominator in step with status.nominatedNodeName (and an in-memory nomination not yet written). */
  private syncNomination(pi: PodInfo, old: Pod | undefined): void {
    const { nominator } = this.deps;
    const nnn = pi.pod.status?.nominatedNodeName ?? '';
    const inMemory = nominator.nominatedNodeOf(pi.key);
    if (nnn !== '') nominator.add(pi, nnn);
    else if (inMemory !== undefined && !(old?.status?.nominatedNodeName ?? '')) nominator.add(pi, inMemory);
    else nominator.delete(pi);
  }

  private forgetPending(key: string): void {
    this.deps.queue.delete(key);
    const nominated = this.deps.nominator.nominatedNodeOf(key);
    if (nominated !== undefined) {
      for (const p of this.deps.nominator.nominatedPodsForNode(nominated)) {
        if (p.key === key) {
          this.deps.nominator.delete(p);
          break;
        }
      }
    }
  }

  /**
   * The PodInfo a cycle assumed on the pod's node (same uid), if any. A node
   * holds one pod per key, and the assumed one was appended last but for
   * the pods bound since: searched from the end.
   */
  private assumedPodInfo(pod: Pod, num: number): PodInfo | undefined {
    const key = keyOf(pod);
    const ni = this.deps.snapshot.nodeOfPod(key, num);
    if (!ni || ni.name !== pod.spec.nodeName) return undefined;
    const pods = ni.pods;
    for (let i = pods.length - 1; i >= 0; i--) {
      const pi = pods[i];
      if (pi.key === key) return pi.uid === (pod.metadata.uid ?? key) ? pi : undefined;
    }
    return undefined;
  }

  private removeAssigned(id: number, pi: PodInfo): void {
    this.assigned.delete(id);
    this.deps.snapshot.removePod(pi);
  }
}
