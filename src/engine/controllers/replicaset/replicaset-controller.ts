/**
 * Mirrors upstream's ReplicaSet controller (pkg/controller/replicaset): replaces a pod as soon as it has a deletionTimestamp,
 * deletes surplus pods in ActivePodsWithRanks order, and reports status including terminatingReplicas.
 * Simplified: no expectations cache (the store is read-your-writes); ReplicaFailure only for refused creates.
 */
import { labelSelectorAsSelector, NOTHING, selectorFromSet, type Selector } from '../../model/labels';
import type { KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../../model/types';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { deepEqual } from '../../store/clone';
import { claim, controllerRef, newControllerRef, OrphanIndex, ownedObjects } from '../workload/owners';
import {
  availableAt,
  isPodActive,
  isPodAvailable,
  isPodReady,
  isPodTerminating,
  keyOf,
  splitKey,
} from '../workload/pods';
import { createPodOrError, deleteOwnedPod, slowStartBatch } from '../workload/pod-control';
import { podsToDelete } from './pod-ranking';
import { PodLedger, VIA_OWNER, type Owned } from './pod-ledger';
import { SLOT_OBJECTS, SyncQueue, type SlotView } from '../workload/sync-queue';
import { podFromTemplate } from '../workload/template';
import { statusOf, withReplicaFailure } from './replicaset-status';

export const REPLICASET_CONTROLLER = 'replicaset-controller';

/**
 * The kind a controller built here manages: upstream runs the ReplicationController through the
 * ReplicaSet controller's code with a conversion adapter (pkg/controller/replication), so the
 * same sync serves both; only these differ.
 */
export interface ReplicaKind {
  readonly kind: 'ReplicaSet' | 'ReplicationController';
  readonly apiVersion: string;
  /** The component: its event source and queue label. */
  readonly component: string;
  /** The object's selector, compiled. */
  selector(obj: ReplicaSet): Selector;
  /** Whether syncs may count pods from the PodLedger (pod-ledger.ts) instead of listing them. */
  readonly counted: boolean;
  /** Whether the status has terminatingReplicas (the ReplicationController's v1 status has not). */
  readonly terminatingReplicas: boolean;
}

export const REPLICA_SET_KIND: ReplicaKind = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  component: REPLICASET_CONTROLLER,
  selector: (rs) => compileSelector(rs.spec.selector),
  counted: true,
  terminatingReplicas: true,
};

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

const compiledSelectors = new WeakMap<LabelSelector, Selector>();

/** A workload's label selector, compiled once per selector object; an invalid one matches nothing. */
export function compileSelector(sel: LabelSelector | undefined): Selector {
  if (!sel) return NOTHING;
  let s = compiledSelectors.get(sel);
  if (!s) {
    try {
      s = labelSelectorAsSelector(sel);
    } catch {
      s = NOTHING;
    }
    compiledSelectors.set(sel, s);
  }
  return s;
}

const templateSelectors = new WeakMap<Record<string, string>, Selector>();

/** The selector of a template's labels, built once per labels object (stored objects are not changed in place). */
function templateSelector(labels: Record<string, string> | undefined): Selector {
  if (!labels) return selectorFromSet(labels);
  let s = templateSelectors.get(labels);
  if (!s) templateSelectors.set(labels, (s = selectorFromSet(labels)));
  return s;
}

/** Tests turn off keeping the pods from before a sync's creates in the ledger (PodLedger.hold: needed only if the ReplicaSet is written meanwhile) instead of listing them up front. */
export const HOLD_BEFORE = { enabled: true };

/** Tests turn the shortcut off to compare against syncing on every pod change. */
export const SETTLED_POD_UPDATES = { skip: true };

/**
 * Whether a ReplicaSet sync reads the same from both versions of a pod: its
 * controller reference, labels, whether it is active, terminating, Ready,
 * terminal, and its deletionTimestamp.
 */
export function samePodForSync(a: Pod, b: Pod): boolean {
  if (a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp) return false;
  if (isPodActive(a) !== isPodActive(b) || isPodTerminating(a) !== isPodTerminating(b) || isPodReady(a) !== isPodReady(b)) return false;
  if (a.status?.phase !== b.status?.phase && (isTerminalPhase(a) || isTerminalPhase(b))) return false;
  const ra = controllerRef(a);
  const rb = controllerRef(b);
  if (ra?.kind !== rb?.kind || ra?.name !== rb?.name || ra?.uid !== rb?.uid) return false;
  if (!deepEqual(a.metadata.ownerReferences, b.metadata.ownerReferences)) return false;
  return a.metadata.labels === b.metadata.labels || deepEqual(a.metadata.labels, b.metadata.labels);
}

const isTerminalPhase = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';


export function createReplicaSetController(rk: ReplicaKind = REPLICA_SET_KIND): Component {
  let ctx!: SimContext;
  let queue!: SyncQueue;
  const orphans = new OrphanIndex('Pod');
  const ledger = rk.counted ? new PodLedger() : undefined;
  const KIND = rk.kind;
  const SOURCE = rk.component;

  const selectorOf = rk.selector;
  /** Whether the ledger holds every write (never, without one: syncs then list and look up). */
  const ledgerCurrent = () => ledger !== undefined && ledger.current(ctx.store);
  /** The API server's error of this sync's refused create (manageReplicasErr), for ReplicaFailure. */
  let createError: string | undefined;

  /** The ReplicaSet's pods: owned and still matching, after adopting matching orphans. */
  function claimPods(rs: ReplicaSet): Pod[] {
    return claim<Pod>(ctx, {
      kind: 'Pod',
      owner: rs,
      ownerApiVersion: rk.apiVersion,
      ownerKind: KIND,
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

  /**
   * manageReplicas: creates or deletes toward spec.replicas. Returns the pods
   * as they are afterwards (for status), `capped` when the burst limit left
   * work, `failed` on a refused create.
   */
  function manageReplicas(rs: ReplicaSet, all: Pod[]): { pods: Pod[]; capped: boolean; failed: boolean } {
    const active = all.filter(isPodActive);
    const want = rs.spec.replicas ?? 1;
    const diff = active.length - want;
    if (diff < 0) {
      const pods = all.slice();
      const failed = createReplicas(rs, Math.min(-diff, BURST_REPLICAS), pods);
      return { pods, capped: !failed && -diff > BURST_REPLICAS, failed };
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const gone = podsToDelete(active, relatedPods(rs, all), n, ctx.clock.now);
      for (const pod of gone) deleteOwnedPod(ctx, rs, pod, SOURCE);
      const deleted = new Set(gone);
      const pods: Pod[] = [];
      for (const p of all) {
        const cur = deleted.has(p) ? ctx.store.get<Pod>('Pod', p.metadata.namespace, p.metadata.name ?? '') : p;
        if (cur && cur.metadata.uid === p.metadata.uid) pods.push(cur);
      }
      return { pods, capped: diff > BURST_REPLICAS, failed: false };
    }
    return { pods: all, capped: false, failed: false };
  }

  /**
   * Creates `n` pods from the template in slowStartBatch's batches (1, 2, 4, …), appending each to
   * `into`; true when a create failed: the rest of that batch is still tried, the later batches are not.
   */
  function createReplicas(rs: ReplicaSet, n: number, into: Pod[]): boolean {
    return slowStartBatch(n, () => {
      const pod = podFromTemplate(rs.spec.template, rs, newControllerRef(rs, rk.apiVersion, KIND));
      pod.metadata.generateName = `${rs.metadata.name}-`;
      const created = createPodOrError(ctx, rs, pod, SOURCE, true);
      if (typeof created === 'string') {
        createError ??= created;
        return false;
      }
      into.push(created);
      return true;
    }).failed;
  }

  /**
   * The sync from the ledger's counts (pod-ledger.ts), without fetching the ReplicaSet's pods:
   * when claim would adopt and release nothing and manageReplicas would delete nothing, and
   * no minReadySeconds makes availability a matter of time. Undefined (having done nothing)
   * otherwise, for the reference path.
   */
  function countedSync(rs: ReplicaSet): { status: ReplicaSetStatus; current: ReplicaSet; pods?: Pod[]; capped: boolean; failed: boolean } | undefined {
    if (ledger === undefined || rs.metadata.deletionTimestamp || rs.spec.minReadySeconds || !ledger.current(ctx.store)) return undefined;
    const uid = rs.metadata.uid ?? '';
    const selector = selectorOf(rs);
    const template = templateSelector(rs.spec.template?.metadata?.labels);
    const counts = ledger.countsFor(uid, rs.metadata.name ?? '', selector, template);
    if (counts === undefined || adoptsAny(rs, selector)) return undefined;
    const diff = counts.active - (rs.spec.replicas ?? 1);
    if (diff > 0) return undefined;
    const held = diff < 0 && HOLD_BEFORE.enabled && ledger.hold(uid);
    const before = diff < 0 && !held ? ledger.podsOf(uid) : undefined;
    const created: Pod[] = [];
    const failed = diff < 0 && createReplicas(rs, Math.min(-diff, BURST_REPLICAS), created);
    const current = syncingReplicaSet(rs.metadata.namespace ?? 'default', rs.metadata.name ?? '') ?? rs;
    // Written while we created (not by anything today): count the pods as the reference path does.
    const pods = current === rs ? undefined : [...(before ?? (held ? ledger.heldPods() : ledger.podsOf(uid))), ...created];
    if (held) ledger.release();
    const capped = !failed && -diff > BURST_REPLICAS;
    if (pods !== undefined) return { status: calculateStatus(current, pods), current, pods, capped, failed };
    let { active, terminating, ready, labeled } = counts;
    for (const p of created) {
      if (isPodTerminating(p)) terminating++;
      if (!isPodActive(p)) continue;
      active++;
      if (template.matches(p.metadata.labels)) labeled++;
      if (isPodReady(p)) ready++;
    }
    return { status: statusOf(current, active, labeled, ready, ready, rk.terminatingReplicas ? terminating : undefined), current, capped, failed };
  }

  /** Whether claim would adopt an orphan. */
  function adoptsAny(rs: ReplicaSet, selector: Selector): boolean {
    for (const obj of orphans.inNamespace(rs.metadata.namespace ?? 'default')) {
      if (!obj.metadata.deletionTimestamp && selector.matches(obj.metadata.labels)) return true;
    }
    return false;
  }

  function calculateStatus(rs: ReplicaSet, pods: Pod[]): ReplicaSetStatus {
    const now = ctx.clock.now;
    const minReady = rs.spec.minReadySeconds ?? 0;
    const templateLabels = templateSelector(rs.spec.template?.metadata?.labels);
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
    return statusOf(rs, replicas, fullyLabeled, ready, available, rk.terminatingReplicas ? terminating : undefined);
  }

  /**
   * The stored version of the ReplicaSet syncing now: the one its slot remembers from the watch
   * events while this controller has seen every write (the ledger's count), else the store's.
   */
  function syncingReplicaSet(ns: string, name: string): ReplicaSet | undefined {
    if (SLOT_OBJECTS.enabled && ledgerCurrent()) {
      const rs = queue.currentLatest() as ReplicaSet | undefined;
      if (rs !== undefined) return rs;
    }
    return ctx.store.get<ReplicaSet>(KIND, ns, name);
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = syncingReplicaSet(ns, name);
    if (!rs) return;
    createError = undefined;
    const counted = countedSync(rs);
    let result: { pods?: Pod[]; capped: boolean; failed: boolean };
    let current: ReplicaSet;
    let status: ReplicaSetStatus;
    if (counted !== undefined) ({ status, current } = result = counted);
    else {
      result = { pods: claimPods(rs), capped: false, failed: false };
      if (!rs.metadata.deletionTimestamp) result = manageReplicas(rs, result.pods!);
      // Status over the pods as they are now, so it already counts what this sync created and deleted.
      current = syncingReplicaSet(ns, name) ?? rs;
      status = calculateStatus(current, result.pods!);
    }
    status = withReplicaFailure(status, createError, ctx.timestamp());
    if (!deepEqual(current.status, status)) ctx.store.update<ReplicaSet>({ ...current, status });
    if (result.failed) queue.enqueueRateLimited(key);
    else {
      queue.forget(key);
      if (result.capped) queue.enqueue(key);
    }
    // Resync when the next Ready pod passes minReadySeconds and becomes available.
    const minReady = current.spec.minReadySeconds ?? 0;
    if (minReady > 0) {
      let next = Infinity;
      for (const p of result.pods ?? []) {
        if (!isPodActive(p) || !isPodReady(p) || isPodAvailable(p, minReady, ctx.clock.now)) continue;
        const t = availableAt(p, minReady);
        if (t !== undefined && t < next) next = t;
      }
      if (next !== Infinity) queue.enqueue(key, next - ctx.clock.now);
    }
  }

  /**
   * A change to one of a settled ReplicaSet's pods that no sync can see: no sync is queued
   * (so the last one saw every change that mattered and completed), the ReplicaSet waits on
   * no minReadySeconds clock, and the pod keeps everything a sync reads (see samePodForSync).
   * That sync would find the same pods, write the same status and create or delete nothing.
   */
  function unseenChange(slot: SlotView, ns: string, name: string, old: Pod, pod: Pod): boolean {
    // The pod test first: it needs no lookup, and most updates in a recovery fail it (Ready, deletion).
    if (!SETTLED_POD_UPDATES.skip || !samePodForSync(old, pod) || slot.pending) return false;
    const remembered = SLOT_OBJECTS.enabled && slot.latest !== undefined && ledgerCurrent();
    const rs = remembered ? (slot.latest as ReplicaSet) : ctx.store.get<ReplicaSet>(KIND, ns, name);
    return rs === undefined || !rs.spec.minReadySeconds;
  }

  /**
   * The queue slot of `ns/name`: kept on the ledger's owner of the pod (the ReplicaSet its reference
   * names, found by uid), so a pod event reaches it without building and hashing the key.
   */
  function slotOf(owned: Owned | undefined, ns: string, name: string): SlotView {
    if (owned !== undefined && owned.handleNs === ns && owned.name === name && VIA_OWNER.enabled) return owned.handle as SlotView;
    const slot = queue.view(`${ns}/${name}`);
    if (owned !== undefined && owned.name === name) {
      owned.handle = slot;
      owned.handleNs = ns;
    }
    return slot;
  }

  function onPodEvent(e: WatchEvent, owned: Owned | undefined): void {
    const pod = e.object as Pod;
    const ns = pod.metadata.namespace ?? 'default';
    const ref = controllerRef(pod);
    if (ref?.kind === KIND) {
      const slot = slotOf(owned, ns, ref.name);
      // A sync's own creates, deletes and adoptions are already counted in the status it writes.
      if (!queue.isSyncingView(slot)) {
        if (!(e.type === 'MODIFIED' && e.old && unseenChange(slot, ns, ref.name, e.old as Pod, pod))) queue.enqueueView(slot);
      }
    }
    if (e.type === 'MODIFIED' && e.old) {
      const oldRef = controllerRef(e.old);
      if (oldRef?.kind === KIND && oldRef.name !== ref?.name) {
        const key = `${ns}/${oldRef.name}`;
        if (!queue.isSyncing(key)) queue.enqueue(key);
      }
    }
    // An orphan wakes up every ReplicaSet that could adopt it.
    if (!ref && e.type !== 'DELETED' && !pod.metadata.deletionTimestamp) {
      for (const rs of ctx.store.list<ReplicaSet>(KIND, ns)) {
        if (selectorOf(rs).matches(pod.metadata.labels)) queue.enqueue(keyOf(rs));
      }
    }
  }

  function onEvent(e: WatchEvent): void {
    const owned = ledger?.observe(e);
    if (e.kind === 'Pod') {
      orphans.observe(e);
      onPodEvent(e, owned);
    } else if (e.kind === KIND) {
      // Our own status writes change nothing we act on.
      queue.follow(keyOf(e.object), e);
    }
  }

  return {
    name: SOURCE,
    start(c: SimContext): void {
      ctx = c;
      queue = new SyncQueue(ctx.clock, SOURCE, sync);
      for (const p of ctx.store.list<Pod>('Pod')) orphans.observe({ type: 'ADDED', kind: 'Pod', object: p });
      ledger?.start(ctx.store);
      for (const rs of ctx.store.list<ReplicaSet>(KIND)) queue.enqueueLatest(keyOf(rs), rs);
      ctx.store.watch(onEvent);
    },
  };
}
