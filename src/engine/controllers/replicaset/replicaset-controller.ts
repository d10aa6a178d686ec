/**
 * Mirrors upstream's ReplicaSet controller (pkg/controller/replicaset/replica_set.go):
 * keeps spec.replicas active pods, replaces a pod the moment it gets a deletionTimestamp,
 * deletes surplus pods in ActivePodsWithRanks order, and reports status.
 * Simplified: no expectations cache (the store is read-your-writes), no ReplicaFailure condition.
 */
import { labelSelectorAsSelector, NOTHING, selectorFromSet, type Selector } from '../../model/labels';
import type { KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../../model/types';
import { deletePod } from '../../sim/api';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { deepEqual } from '../../store/clone';
import { claim, controllerRef, newControllerRef, OrphanIndex, ownedObjects } from '../workload/owners';
import {
  availableAt,
  generationOf,
  isPodActive,
  isPodAvailable,
  isPodReady,
  isPodTerminating,
  keyOf,
  splitKey,
} from '../workload/pods';
import { podsToDelete } from './pod-ranking';
import { SyncQueue } from '../workload/sync-queue';
import { podFromTemplate } from '../workload/template';

export const REPLICASET_CONTROLLER = 'replicaset-controller';

/** Upstream's --concurrent burst: at most this many creates or deletes per sync. */
const BURST_REPLICAS = 500;

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  terminatingReplicas: number;
  observedGeneration: number;
  conditions?: unknown[];
  [k: string]: unknown;
}

export interface ReplicaSet extends KubeObject {
  spec: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    [k: string]: unknown;
  };
  status?: ReplicaSetStatus;
}

export function compileSelector(sel: LabelSelector | undefined): Selector {
  try {
    return labelSelectorAsSelector(sel);
  } catch {
    return NOTHING;
  }
}

export function createReplicaSetController(): Component {
  let ctx!: SimContext;
  let queue!: SyncQueue;
  const orphans = new OrphanIndex('Pod');

  const selectorOf = (rs: ReplicaSet) => compileSelector(rs.spec.selector);

  /** The ReplicaSet's pods: owned and still matching, after adopting matching orphans. */
  function claimPods(rs: ReplicaSet): Pod[] {
    return claim<Pod>(ctx, {
      kind: 'Pod',
      owner: rs,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'ReplicaSet',
      selector: selectorOf(rs),
      orphans,
    });
  }

  /** Pods of every ReplicaSet with the same controller (the Deployment's other ReplicaSets), for ranking. */
  function relatedPods(rs: ReplicaSet, own: Pod[]): Pod[] {
    const ref = controllerRef(rs);
    if (!ref?.uid) return own;
    const out: Pod[] = [];
    for (const sibling of ctx.store.ownedBy(ref.uid)) {
      if (sibling.kind !== 'ReplicaSet') continue;
      if (sibling.metadata.uid === rs.metadata.uid) out.push(...own);
      else out.push(...ownedObjects<Pod>(ctx, 'Pod', sibling, 'ReplicaSet'));
    }
    return out;
  }

  function manageReplicas(rs: ReplicaSet, active: Pod[], all: Pod[]): boolean {
    const want = rs.spec.replicas ?? 1;
    let diff = active.length - want;
    let capped = false;
    if (diff < 0) {
      diff = -diff;
      if (diff > BURST_REPLICAS) {
        diff = BURST_REPLICAS;
        capped = true;
      }
      const name = rs.metadata.name ?? '';
      for (let i = 0; i < diff; i++) {
        const pod = podFromTemplate(rs.spec.template, rs, newControllerRef(rs, 'apps/v1', 'ReplicaSet'));
        pod.metadata.generateName = `${name}-`;
        const created = ctx.store.create(pod);
        ctx.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, REPLICASET_CONTROLLER);
      }
    } else if (diff > 0) {
      if (diff > BURST_REPLICAS) {
        diff = BURST_REPLICAS;
        capped = true;
      }
      for (const pod of podsToDelete(active, relatedPods(rs, all), diff, ctx.clock.now)) {
        deletePod(ctx, pod);
        ctx.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, REPLICASET_CONTROLLER);
      }
    }
    return capped;
  }

  function calculateStatus(rs: ReplicaSet, pods: Pod[]): ReplicaSetStatus {
    const now = ctx.clock.now;
    const minReady = rs.spec.minReadySeconds ?? 0;
    const templateLabels = selectorFromSet(rs.spec.template?.metadata?.labels);
    let replicas = 0;
    let fullyLabeled = 0;
    let ready = 0;
    let available = 0;
    let terminating = 0;
    for (const p of pods) {
      if (isPodTerminating(p)) terminating++;
      if (!isPodActive(p)) continue;
      replicas++;
      if (templateLabels.matches(p.metadata.labels)) fullyLabeled++;
      if (isPodReady(p)) {
        ready++;
        if (isPodAvailable(p, minReady, now)) available++;
      }
    }
    const status: ReplicaSetStatus = {
      ...(rs.status ?? {}),
      replicas,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      terminatingReplicas: terminating,
      observedGeneration: generationOf(rs),
    };
    return status;
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = ctx.store.get<ReplicaSet>('ReplicaSet', ns, name);
    if (!rs) return;
    const pods = claimPods(rs);
    let again = false;
    if (!rs.metadata.deletionTimestamp) {
      again = manageReplicas(
        rs,
        pods.filter(isPodActive),
        pods,
      );
    }
    // Status from the store as it is now, so it already counts what this sync created and deleted.
    const current = ctx.store.get<ReplicaSet>('ReplicaSet', ns, name) ?? rs;
    const after = ownedObjects<Pod>(ctx, 'Pod', current, 'ReplicaSet').filter((p) => selectorOf(current).matches(p.metadata.labels));
    const status = calculateStatus(current, after);
    if (!deepEqual(current.status, status)) ctx.store.update<ReplicaSet>({ ...current, status });
    if (again) queue.enqueue(key);
    // Resync when the next Ready pod passes minReadySeconds and becomes available.
    const minReady = current.spec.minReadySeconds ?? 0;
    if (minReady > 0) {
      let next = Infinity;
      for (const p of after) {
        if (!isPodActive(p) || !isPodReady(p) || isPodAvailable(p, minReady, ctx.clock.now)) continue;
        const t = availableAt(p, minReady);
        if (t !== undefined && t < next) next = t;
      }
      if (next !== Infinity) queue.enqueue(key, next - ctx.clock.now);
    }
  }

  function onPodEvent(e: WatchEvent): void {
    const pod = e.object as Pod;
    const ns = pod.metadata.namespace ?? 'default';
    const ref = controllerRef(pod);
    if (ref?.kind === 'ReplicaSet') {
      const key = `${ns}/${ref.name}`;
      // A sync's own creates, deletes and adoptions are already counted in the status it writes.
      if (!queue.isSyncing(key)) queue.enqueue(key);
    }
    if (e.type === 'MODIFIED' && e.old) {
      const oldRef = controllerRef(e.old);
      if (oldRef?.kind === 'ReplicaSet' && oldRef.name !== ref?.name) {
        const key = `${ns}/${oldRef.name}`;
        if (!queue.isSyncing(key)) queue.enqueue(key);
      }
    }
    // An orphan wakes up every ReplicaSet that could adopt it.
    if (!ref && e.type !== 'DELETED' && !pod.metadata.deletionTimestamp) {
      for (const rs of ctx.store.list<ReplicaSet>('ReplicaSet', ns)) {
        if (selectorOf(rs).matches(pod.metadata.labels)) queue.enqueue(keyOf(rs));
      }
    }
  }

  function onEvent(e: WatchEvent): void {
    if (e.kind === 'Pod') {
      orphans.observe(e);
      onPodEvent(e);
    } else if (e.kind === 'ReplicaSet' && e.type !== 'DELETED') {
      const key = keyOf(e.object);
      // Our own status writes change nothing we act on.
      if (queue.isSyncing(key) && e.old && deepEqual((e.old as ReplicaSet).spec, (e.object as ReplicaSet).spec)) return;
      queue.enqueue(key);
    }
  }

  return {
    name: REPLICASET_CONTROLLER,
    start(c: SimContext): void {
      ctx = c;
      queue = new SyncQueue(ctx.clock, REPLICASET_CONTROLLER, sync);
      for (const p of ctx.store.list<Pod>('Pod')) orphans.observe({ type: 'ADDED', kind: 'Pod', object: p });
      for (const rs of ctx.store.list<ReplicaSet>('ReplicaSet')) queue.enqueue(keyOf(rs));
      ctx.store.watch(onEvent);
    },
  };
}
