/**
 * Mirrors upstream's StatefulSet controller (pkg/controller/statefulset): pods `<set>-<ordinal>`, OrderedReady or Parallel, at most
 * one pod per identity (a Terminating pod holds its ordinal), scale-down from the highest ordinal, RollingUpdate and OnDelete.
 * ControllerRevisions are stored (workload/controller-revisions.ts). volumeClaimTemplates make one claim per pod and template
 * before the pod (claims.ts). Simplified: pods are always (re)created from the current template.
 */
import type { KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../../model/types';
import { deletePod } from '../../sim/api';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { Controller } from '../../store/watch-interest';

/** Pod events onPod acts on: of pods that are (or were) a StatefulSet's or orphans. */
export const STATEFULSET_INTEREST = { Pod: { controllers: Controller.STATEFUL_SET | Controller.NONE } };
import { StoreError } from '../../store/object-store';
import { deepEqual } from '../../store/clone';
import { compileSelector } from '../replicaset/replicaset-controller';
import { claim, controllerRef, newControllerRef, OrphanIndex, ownedObjects } from '../workload/owners';
import { availableAt, generationOf, isPodAvailable, isPodReady, keyOf, splitKey } from '../workload/pods';
import { SyncQueue } from '../workload/sync-queue';
import { KnownRevisions } from '../workload/revisions';
import { computeHash, podFromTemplate } from '../workload/template';
import { CONTROLLER_REVISION_HASH_LABEL, ensureRevision, trimHistory } from '../workload/controller-revisions';
import { addClaimVolumes, collectPodClaims, ensureClaims, syncClaimOwners, type ClaimTemplate, type RetentionPolicy } from './claims';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

export interface StatefulSetStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  availableReplicas: number;
  [k: string]: unknown;
}

export interface StatefulSet extends KubeObject {
  spec: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    serviceName?: string;
    podManagementPolicy?: 'OrderedReady' | 'Parallel';
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    minReadySeconds?: number;
    ordinals?: { start?: number };
    volumeClaimTemplates?: ClaimTemplate[];
    persistentVolumeClaimRetentionPolicy?: RetentionPolicy;
    [k: string]: unknown;
  };
  status?: StatefulSetStatus;
}

const ORDINAL = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `db-1` → ["db", 1]; [undefined, -1] when the name has no ordinal. */
export function parentAndOrdinal(pod: KubeObject): [string | undefined, number] {
  const m = ORDINAL.exec(pod.metadata.name ?? '');
  if (!m) return [undefined, -1];
  const n = Number(m[2]);
  return Number.isSafeInteger(n) ? [m[1], n] : [undefined, -1];
}

const isCreated = (p: Pod | undefined): p is Pod => !!p?.status?.phase;
const isTerminating = (p: Pod) => !!p.metadata.deletionTimestamp;
const isRunningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);
const isRunningAndAvailable = (p: Pod, minReady: number, now: number) => p.status?.phase === 'Running' && isPodAvailable(p, minReady, now);
const isHealthy = (p: Pod | undefined) => isCreated(p) && isRunningAndReady(p) && !isTerminating(p);
const revisionOf = (p: Pod) => p.metadata.labels?.[CONTROLLER_REVISION_HASH];

/**
 * getStatefulSetMaxUnavailable: `rollingUpdate.maxUnavailable` (default 1) as an int, or a percentage of the replicas
 * rounded down; never below 1.
 */
export function statefulSetMaxUnavailable(value: number | string | undefined, replicas: number): number {
  let n = 1;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value);
    n = m ? Math.floor((Number(m[1]) * replicas) / 100) : Number(value);
  }
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

export function createStatefulSetController(): Component {
  let ctx!: SimContext;
  let queue!: SyncQueue;
  const orphans = new OrphanIndex('Pod');
  const revisions = new KnownRevisions();

  const isMember = (set: StatefulSet) => (obj: KubeObject) => parentAndOrdinal(obj)[0] === set.metadata.name;

  function claimPods(set: StatefulSet): Pod[] {
    return claim<Pod>(ctx, {
      kind: 'Pod',
      owner: set,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'StatefulSet',
      selector: compileSelector(set.spec.selector),
      member: isMember(set),
      orphans,
    });
  }

  function podEvent(set: StatefulSet, verb: 'create' | 'delete', pod: string, err?: unknown): void {
    const name = set.metadata.name;
    if (err === undefined) {
      const reason = verb === 'create' ? 'SuccessfulCreate' : 'SuccessfulDelete';
      ctx.recorder.event(set, 'Normal', reason, `${verb} Pod ${pod} in StatefulSet ${name} successful`, STATEFULSET_CONTROLLER);
    } else {
      const reason = verb === 'create' ? 'FailedCreate' : 'FailedDelete';
      const msg = err instanceof Error ? err.message : String(err);
      ctx.recorder.event(set, 'Warning', reason, `${verb} Pod ${pod} in StatefulSet ${name} failed error: ${msg}`, STATEFULSET_CONTROLLER);
    }
  }

  /** newStatefulSetPod: template copy, identity (name, hostname, subdomain, labels), revision label. */
  function createPod(set: StatefulSet, ordinal: number, revision: string): boolean {
    const name = `${set.metadata.name}-${ordinal}`;
    const pod = podFromTemplate(set.spec.template, set, newControllerRef(set, 'apps/v1', 'StatefulSet'));
    pod.metadata.name = name;
    pod.metadata.labels = { ...pod.metadata.labels, [STATEFULSET_POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [CONTROLLER_REVISION_HASH]: revision };
    pod.spec.hostname = name;
    if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
    if (set.spec.volumeClaimTemplates?.length) {
      addClaimVolumes(set, pod, ordinal);
      const failed = ensureClaims(ctx, set, pod, ordinal);
      if (failed !== undefined) {
        podEvent(set, 'create', name, new Error(failed));
        return false;
      }
    }
    try {
      ctx.store.create(pod);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      podEvent(set, 'create', name, e);
      return false;
    }
    podEvent(set, 'create', name);
    return true;
  }

  /** DeleteStatefulPod; true when the object left the store at once (so the next pass can recreate it). */
  function removePod(set: StatefulSet, pod: Pod): boolean {
    try {
      const r = deletePod(ctx, pod);
      podEvent(set, 'delete', pod.metadata.name ?? '');
      return r.removed;
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      podEvent(set, 'delete', pod.metadata.name ?? '', e);
      return false;
    }
  }

  /** updateStatefulSet: one pass of creations, deletions and updates; returns whether to run again now. */
  function update(set: StatefulSet, pods: Pod[], updateRevision: string): boolean {
    const now = ctx.clock.now;
    const start = set.spec.ordinals?.start ?? 0;
    const count = set.spec.replicas ?? 1;
    const minReady = set.spec.minReadySeconds ?? 0;
    const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const replicas: (Pod | undefined)[] = new Array(count).fill(undefined);
    const condemned: Pod[] = [];
    for (const p of pods) {
      const ord = parentAndOrdinal(p)[1];
      if (ord >= start && ord < start + count) replicas[ord - start] = p;
      else if (ord >= 0) condemned.push(p);
    }
    condemned.sort((a, b) => parentAndOrdinal(b)[1] - parentAndOrdinal(a)[1]);
    if (set.spec.volumeClaimTemplates?.length && !set.metadata.deletionTimestamp) {
      for (const p of pods) if (!isTerminating(p)) syncClaimOwners(ctx, set, p, parentAndOrdinal(p)[1]);
    }
    let firstUnhealthy: Pod | undefined;
    for (const p of replicas) if (isCreated(p) && !isHealthy(p) && !firstUnhealthy) firstUnhealthy = p;
    for (let i = condemned.length - 1; i >= 0 && !firstUnhealthy; i--) if (!isHealthy(condemned[i])) firstUnhealthy = condemned[i];
    if (set.metadata.deletionTimestamp) return false;
    let again = false;

    // Living replicas, in ordinal order.
    for (let i = 0; i < count; i++) {
      const p = replicas[i];
      const ord = start + i;
      if (p && (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded')) {
        // Delete and recreate finished pods; the new one comes on a later pass, once the old object is gone.
        if (!p.metadata.deletionTimestamp && removePod(set, p)) again = true;
        if (monotonic) return again;
        continue;
      }
      if (!p) {
        const created = createPod(set, ord, updateRevision);
        if (monotonic || !created) {
          if (monotonic) return again;
          continue;
        }
        continue;
      }
      // A Terminating pod holds its identity: nothing replaces it until the object is removed.
      if (isTerminating(p) && monotonic) return again;
      if (!isRunningAndReady(p) && monotonic) return again;
      if (!isRunningAndAvailable(p, minReady, now) && monotonic) return again;
    }

    // Scale down from the highest ordinal, one at a time when ordered.
    for (const p of condemned) {
      if (isTerminating(p)) {
        if (monotonic) return again;
        continue;
      }
      if (monotonic && p !== firstUnhealthy && (!isRunningAndReady(p) || !isRunningAndAvailable(p, minReady, now))) return again;
      if (removePod(set, p)) again = true;
      if (monotonic) return again;
    }

    if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'OnDelete') return again;
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    if (!ctx.config.maxUnavailableStatefulSet) {
      // RollingUpdate without the MaxUnavailableStatefulSet gate (v1.36): replace the highest-ordinal pod that is not
      // at the update revision, waiting on unhealthy ones.
      for (let target = count - 1; target >= partition; target--) {
        const p = replicas[target];
        if (!p) return again;
        if (revisionOf(p) !== updateRevision && !isTerminating(p)) {
          if (removePod(set, p)) again = true;
          return again;
        }
        if (!isHealthy(p)) return again;
      }
      return again;
    }
    // With the gate (v1.37; v1.35.0–1.35.3): updateStatefulSetAfterInvariantEstablished. Count the unavailable
    // replicas (a missing one too); below maxUnavailable, delete the highest ordinals at or above the partition that
    // are not at the update revision and not Terminating, as many as the budget allows, in this one sync. (v1.37
    // deletes a Parallel set's unavailable old pods first; the two orders differ only when old pods are already
    // unavailable.)
    const maxUnavailable = statefulSetMaxUnavailable(set.spec.updateStrategy?.rollingUpdate?.maxUnavailable, count);
    let unavailable = 0;
    for (const p of replicas) if (!isHealthy(p) || !isRunningAndAvailable(p!, minReady, now)) unavailable++;
    let budget = maxUnavailable - unavailable;
    for (let target = count - 1; target >= partition && budget > 0; target--) {
      const p = replicas[target];
      if (!p || revisionOf(p) === updateRevision || isTerminating(p)) continue;
      if (removePod(set, p)) again = true;
      budget--;
    }
    return again;
  }

  function calculateStatus(set: StatefulSet, pods: Pod[], currentRevision: string, updateRevision: string): StatefulSetStatus {
    const now = ctx.clock.now;
    const minReady = set.spec.minReadySeconds ?? 0;
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    for (const p of pods) {
      if (parentAndOrdinal(p)[1] < 0) continue;
      if (isCreated(p)) replicas++;
      if (isRunningAndReady(p)) {
        ready++;
        if (isRunningAndAvailable(p, minReady, now)) available++;
      }
      if (isCreated(p) && !isTerminating(p)) {
        if (revisionOf(p) === currentRevision) current++;
        if (revisionOf(p) === updateRevision) updated++;
      }
    }
    const status: StatefulSetStatus = {
      ...(set.status ?? {}),
      observedGeneration: generationOf(set),
      replicas,
      readyReplicas: ready,
      currentReplicas: current,
      updatedReplicas: updated,
      currentRevision,
      updateRevision,
      collisionCount: (set.status?.collisionCount as number | undefined) ?? 0,
      availableReplicas: available,
    };
    // completeRollingUpdate: once every replica is updated and ready, the update revision becomes current.
    if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && updated === replicas && ready === replicas) {
      status.currentReplicas = updated;
      status.currentRevision = updateRevision;
    }
    return status;
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const set = ctx.store.get<StatefulSet>('StatefulSet', ns, name);
    if (!set) return;
    const uid = set.metadata.uid ?? key;
    // A set that arrives with a status describing its current spec (an import from a real
    // cluster) already has a revision for its template: keep its name, as upstream finds the
    // existing ControllerRevision instead of replacing every pod.
    const seen = set.status?.updateRevision;
    if (!revisions.known(uid) && typeof seen === 'string' && seen !== '' && set.status?.observedGeneration === generationOf(set)) {
      revisions.adopt(uid, set.spec.template, seen);
    }
    const computed = `${name}-${computeHash(set.spec.template, (set.status?.collisionCount as number | undefined) ?? 0)}`;
    const updateRevision = revisions.revisionFor(uid, set.spec.template, computed);
    const currentRevision = set.status?.currentRevision || updateRevision;
    // getStatefulSetRevisions: the update revision's ControllerRevision exists before any pod is made from it. (Not for a
    // set being deleted: the garbage collector deletes what upstream would create again there.)
    const hash = updateRevision.startsWith(`${name}-`) ? updateRevision.slice(name.length + 1) : updateRevision;
    if (!set.metadata.deletionTimestamp) ensureRevision(ctx, { owner: set, kind: 'StatefulSet', name: updateRevision, hashLabel: [CONTROLLER_REVISION_HASH_LABEL, hash] });
    const again = update(set, claimPods(set), updateRevision);
    const cur = ctx.store.get<StatefulSet>('StatefulSet', ns, name) ?? set;
    const pods = ownedObjects<Pod>(ctx, 'Pod', cur, 'StatefulSet').filter(isMember(cur));
    const status = calculateStatus(cur, pods, currentRevision, updateRevision);
    if (!deepEqual(cur.status, status)) ctx.store.update<StatefulSet>({ ...cur, status });
    // truncateHistory: the current and update revisions and every pod's are live.
    const live = new Set([currentRevision, updateRevision, status.currentRevision]);
    for (const p of pods) {
      const r = revisionOf(p);
      if (r) live.add(r);
    }
    if (!cur.metadata.deletionTimestamp) trimHistory(ctx, cur, updateRevision, live, false);
    if (again) queue.enqueue(key);
    const minReady = cur.spec.minReadySeconds ?? 0;
    if (minReady > 0) {
      let next = Infinity;
      for (const p of pods) {
        if (!isRunningAndReady(p) || isPodAvailable(p, minReady, ctx.clock.now)) continue;
        const t = availableAt(p, minReady);
        if (t !== undefined && t < next) next = t;
      }
      if (next !== Infinity) queue.enqueue(key, next - ctx.clock.now);
    }
  }

  function onPod(e: WatchEvent): void {
    orphans.observe(e);
    const pod = e.object as Pod;
    const ns = pod.metadata.namespace ?? 'default';
    const ref = controllerRef(pod);
    if (e.type === 'DELETED' && ref?.kind === 'StatefulSet' && pod.spec.volumes?.length) collectPodClaims(ctx, pod);
    if (ref?.kind === 'StatefulSet') {
      const key = `${ns}/${ref.name}`;
      if (!queue.isSyncing(key)) queue.enqueue(key);
    }
    if (e.type === 'MODIFIED' && e.old) {
      const oldRef = controllerRef(e.old);
      if (oldRef?.kind === 'StatefulSet' && oldRef.name !== ref?.name) queue.enqueue(`${ns}/${oldRef.name}`);
    }
    if (!ref && e.type !== 'DELETED' && !pod.metadata.deletionTimestamp) {
      const parent = parentAndOrdinal(pod)[0];
      const set = parent === undefined ? undefined : ctx.store.get<StatefulSet>('StatefulSet', ns, parent);
      if (set && compileSelector(set.spec.selector).matches(pod.metadata.labels)) queue.enqueue(keyOf(set));
    }
  }

  function onEvent(e: WatchEvent): void {
    if (e.kind === 'Pod') return onPod(e);
    if (e.kind === 'StatefulSet' && e.type === 'DELETED' && e.object.metadata.uid) revisions.forget(e.object.metadata.uid);
    if (e.kind !== 'StatefulSet' || e.type === 'DELETED') return;
    const key = keyOf(e.object);
    if (queue.isSyncing(key) && e.old && deepEqual((e.old as StatefulSet).spec, (e.object as StatefulSet).spec)) return;
    queue.enqueue(key);
  }

  return {
    name: STATEFULSET_CONTROLLER,
    start(c: SimContext): void {
      ctx = c;
      queue = new SyncQueue(ctx.clock, STATEFULSET_CONTROLLER, sync);
      for (const p of ctx.store.list<Pod>('Pod')) orphans.observe({ type: 'ADDED', kind: 'Pod', object: p });
      for (const s of ctx.store.list<StatefulSet>('StatefulSet')) queue.enqueue(keyOf(s));
      ctx.store.watch(onEvent, ['Pod', 'StatefulSet'], STATEFULSET_INTEREST);
    },
  };
}
