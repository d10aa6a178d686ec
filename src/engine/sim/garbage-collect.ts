/**
 * `kubectl delete <kind> <name> [--cascade=background|foreground|orphan]` and the garbage
 * collector's part of it (kubernetes/kubernetes pkg/controller/garbagecollector:
 * garbagecollector.go attemptToDeleteItem, processDeletingDependentsItem, orphanDependents; the
 * registry's finalizers: apiserver registry/generic/registry/store.go).
 *
 * - Background (the default): the owner is removed at once; then every dependent (an object
 *   whose ownerReferences name the owner's uid) whose owners are now all gone is deleted too,
 *   recursively; a dependent that still has a live owner only loses the dangling reference.
 * - Orphan: the owner is marked (deletionTimestamp, the `orphan` finalizer), its dependents lose
 *   their references to it, and it goes. The dependents stay.
 * - Foreground: the owner gets a deletionTimestamp, deletionGracePeriodSeconds 0 and the
 *   `foregroundDeletion` finalizer and stays until no dependent whose reference to it has
 *   blockOwnerDeletion is left. Its dependents are deleted in Foreground when they have
 *   dependents of their own, in the background otherwise (attemptToDeleteItem); a dependent
 *   with another live owner only loses the reference.
 * Pods are deleted gracefully, as the API server does (they terminate on their kubelet).
 *
 * Absent owners (attemptToDeleteItem on the graph builder's virtual nodes): an object created
 * with an ownerReference whose owner, of a kind the simulation runs, does not exist (no object of
 * that name, or one with another uid) is checked again at the collector's next pass; if all its
 * owners are absent it is deleted in the background, else it loses the dangling references. This
 * is what happens to the pods of `kubectl get pods,deployments -o yaml` replayed without their
 * ReplicaSets. A reference without a uid (a scenario naming its owner by name) is never judged.
 *
 * Simplification: upstream's collector works asynchronously from its own graph; here the
 * cascade runs within the command (and a waiting owner goes in the instant its last blocking
 * dependent leaves the store), so the dependents are already deleting (or gone) when dispatch
 * returns.
 */
import type { KubeObject, OwnerReference, Pod } from '../model/types';
import { deepClone } from '../store/clone';
import { Change } from '../store/watch-interest';
import { deletePod } from './api';
import type { SimContext, TimerHandle } from './contracts';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** The finalizers the API server adds for a non-background deletion (metav1.FinalizerOrphanDependents / FinalizerDeleteDependents). */
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/** The kinds whose objects own others here (and the pods they own), watched for a waiting owner's last dependent. */
const OWNER_KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Pod'];

/** The kinds whose objects have owners here: checked on create for an owner that does not exist. */
const DEPENDENT_KINDS = ['ReplicaSet', 'Pod', 'Job', 'ControllerRevision'];

/** The owner kinds the simulation runs: a reference to another kind (a custom resource) is never judged absent. */
const RUN_OWNER_KINDS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob']);

/**
 * Deletions with a propagation policy. Foreground owners wait here (by uid) until their
 * blocking dependents are gone; the store's deletions wake the check.
 */
export class GarbageCollector {
  private readonly waiting = new Map<string, { kind: string; namespace?: string; name: string }>();
  private timer: TimerHandle | null = null;

  /** Objects created naming an owner that was absent then (by uid), checked again at the collector's next pass. */
  private readonly dangling: { kind: string; namespace?: string; name: string; uid: string }[] = [];
  private danglingTimer: TimerHandle | null = null;

  constructor(private readonly ctx: SimContext) {
    ctx.store.watch(
      (e) => {
        if (this.waiting.size > 0 && e.type === 'DELETED') this.timer ??= ctx.clock.after(0, 'garbage-collector: foreground deletions', () => this.sweep());
      },
      OWNER_KINDS,
      { Pod: { changes: Change.DELETED } },
    );
    // The graph builder meets an owner reference whose owner it has not seen (a virtual node) and
    // asks the API server for it; a dependent whose owners are all absent is deleted.
    const interest = { changes: Change.ADDED };
    ctx.store.watch(
      (e) => {
        if (e.type !== 'ADDED' || !hasAbsentOwner(ctx, e.object)) return;
        const { kind = '', metadata } = e.object;
        this.dangling.push({ kind, namespace: metadata.namespace, name: metadata.name ?? '', uid: metadata.uid ?? '' });
        this.danglingTimer ??= ctx.clock.after(0, 'garbage-collector: absent owners', () => this.collectDangling());
      },
      DEPENDENT_KINDS,
      Object.fromEntries(DEPENDENT_KINDS.map((k) => [k, interest])),
    );
  }

  /**
   * attemptToDeleteItem for the objects queued with an absent owner: the owners are looked up
   * again (a scenario may list a pod before its ReplicaSet); a dependent whose owners are all
   * absent is deleted in the background, one with a live owner left loses only the dangling
   * references (upstream patches them away).
   */
  private collectDangling(): void {
    this.danglingTimer = null;
    const { store } = this.ctx;
    for (const ref of this.dangling.splice(0)) {
      const current = store.get(ref.kind, ref.namespace, ref.name);
      if (!current || current.metadata.uid !== ref.uid || current.metadata.deletionTimestamp) continue;
      const refs = current.metadata.ownerReferences ?? [];
      const kept = refs.filter((r) => !isAbsentOwner(this.ctx, current, r));
      if (kept.length === refs.length) continue;
      if (kept.length > 0) {
        const next = deepClone(current);
        next.metadata.ownerReferences = kept;
        store.update(next);
      } else {
        deleteWithDependents(this.ctx, current);
      }
    }
  }

  /** Deletes `owner` (already fetched from the store) with the policy. Returns what was deleted (Background) or marked. */
  delete(owner: KubeObject, policy: PropagationPolicy = 'Background'): string[] {
    if (policy === 'Orphan') return this.orphan(owner);
    if (policy === 'Foreground') {
      const marked = this.foreground(owner);
      this.sweep();
      return marked;
    }
    return deleteWithDependents(this.ctx, owner);
  }

  private orphan(owner: KubeObject): string[] {
    const { store } = this.ctx;
    const uid = owner.metadata.uid;
    // Marked first, as the API server does: no controller adopts from an owner being deleted.
    store.update(withDeletion(owner, this.ctx.timestamp(this.ctx.clock.now), FINALIZER_ORPHAN));
    for (const dep of uid ? store.ownedBy(uid) : []) {
      const refs = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const next = deepClone(dep);
      if (refs.length > 0) next.metadata.ownerReferences = refs;
      else delete next.metadata.ownerReferences;
      store.update(next);
    }
    store.remove(owner.kind ?? '', owner.metadata.namespace, owner.metadata.name ?? '');
    return [describeObject(owner)];
  }

  /** Marks `obj` waiting for its dependents and deletes them (Foreground if they own others, Background if not). */
  private foreground(obj: KubeObject): string[] {
    const { store } = this.ctx;
    const uid = obj.metadata.uid;
    if (obj.kind === 'Pod' || !uid) return deleteWithDependents(this.ctx, obj);
    const dependents = store.ownedBy(uid);
    store.update(withDeletion(obj, this.ctx.timestamp(this.ctx.clock.now), FINALIZER_FOREGROUND));
    this.waiting.set(uid, { kind: obj.kind ?? '', namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' });
    const marked = [describeObject(obj)];
    for (const dep of dependents) {
      const current = store.get(dep.kind ?? '', dep.metadata.namespace, dep.metadata.name ?? '');
      if (!current || current.metadata.uid !== dep.metadata.uid) continue;
      const refs = current.metadata.ownerReferences ?? [];
      const solid = refs.filter((r) => r.uid !== uid && !this.waiting.has(r.uid ?? '') && ownerExists(this.ctx, current, r));
      if (solid.length > 0) {
        const next = deepClone(current);
        next.metadata.ownerReferences = solid;
        store.update(next);
      } else if (current.kind !== 'Pod' && current.metadata.uid && store.ownedBy(current.metadata.uid).length > 0) {
        if (!this.waiting.has(current.metadata.uid)) marked.push(...this.foreground(current));
      } else {
        marked.push(...deleteWithDependents(this.ctx, current));
      }
    }
    return marked;
  }

  /** processDeletingDependentsItem: an owner with no blocking dependent left loses its finalizer and goes. */
  private sweep(): void {
    this.timer = null;
    const { store } = this.ctx;
    let changed = true;
    while (changed) {
      changed = false;
      for (const [uid, ref] of [...this.waiting]) {
        const obj = store.get(ref.kind, ref.namespace, ref.name);
        if (!obj || obj.metadata.uid !== uid) {
          this.waiting.delete(uid);
          continue;
        }
        const blocking = store.ownedBy(uid).some((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion === true));
        if (blocking) continue;
        this.waiting.delete(uid);
        store.remove(ref.kind, ref.namespace, ref.name);
        changed = true;
      }
    }
  }
}

/** The owner as the API server stores it once a deletion with a finalizer starts. */
function withDeletion(obj: KubeObject, now: string, finalizer: string): KubeObject {
  const next = deepClone(obj);
  next.metadata.deletionTimestamp ??= now;
  next.metadata.deletionGracePeriodSeconds = 0;
  const finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  next.metadata.finalizers = [...finalizers, finalizer];
  return next;
}

/**
 * Deletes `owner` (already fetched from the store) and cascades to its dependents.
 * Pods go through graceful deletion. Returns the objects deleted, owner first, as
 * `Kind namespace/name` (for tests and logs).
 */
export function deleteWithDependents(ctx: SimContext, owner: KubeObject): string[] {
  const deleted: string[] = [];
  const queue: KubeObject[] = [owner];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const obj = queue.shift()!;
    const uid = obj.metadata.uid;
    if (uid !== undefined) {
      if (seen.has(uid)) continue;
      seen.add(uid);
    }
    // Dependents are read before the owner goes: the owner index forgets them afterwards.
    const dependents = uid ? ctx.store.ownedBy(uid) : [];
    if (!remove(ctx, obj)) continue;
    deleted.push(describeObject(obj));
    for (const dep of dependents) {
      const current = ctx.store.get(dep.kind ?? '', dep.metadata.namespace, dep.metadata.name ?? '');
      if (!current || current.metadata.uid !== dep.metadata.uid) continue;
      const refs = current.metadata.ownerReferences ?? [];
      const solid = refs.filter((r) => r.uid !== uid && ownerExists(ctx, current, r));
      if (solid.length > 0) {
        // Another owner still holds it: drop only the references to owners that are gone.
        const next = deepClone(current);
        next.metadata.ownerReferences = solid;
        ctx.store.update(next);
      } else {
        queue.push(current);
      }
    }
  }
  return deleted;
}

/** Removes one object; a pod is deleted gracefully. Returns false when there was nothing to delete. */
function remove(ctx: SimContext, obj: KubeObject): boolean {
  const kind = obj.kind ?? '';
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name ?? '';
  const current = ctx.store.get(kind, ns, name);
  if (!current) return false;
  if (kind === 'Pod') {
    if (current.metadata.deletionTimestamp) return true;
    deletePod(ctx, current as Pod);
    return true;
  }
  ctx.store.remove(kind, ns, name);
  return true;
}

/**
 * A reference the collector can prove dangling: its owner is of a kind the simulation runs and
 * no object of that kind and name exists in the dependent's namespace, or one exists with
 * another uid (upstream compares the uid: a recreated owner is another owner). A reference
 * without a uid (Podscape's scenarios may name an owner by name alone) is never dangling.
 */
function isAbsentOwner(ctx: SimContext, dependent: KubeObject, ref: OwnerReference): boolean {
  return !!ref.uid && RUN_OWNER_KINDS.has(ref.kind) && !ownerExists(ctx, dependent, ref);
}

/** Whether some owner reference of a new object is dangling (a loop: every created pod asks). */
function hasAbsentOwner(ctx: SimContext, obj: KubeObject): boolean {
  const refs = obj.metadata.ownerReferences;
  if (!refs) return false;
  for (let i = 0; i < refs.length; i++) if (isAbsentOwner(ctx, obj, refs[i])) return true;
  return false;
}

function ownerExists(ctx: SimContext, dependent: KubeObject, ref: OwnerReference): boolean {
  // An owner lives in its dependent's namespace, or is cluster-scoped (the store ignores the namespace then).
  const owner = ctx.store.get(ref.kind, dependent.metadata.namespace, ref.name);
  return owner !== undefined && (!ref.uid || owner.metadata.uid === ref.uid);
}

function describeObject(o: KubeObject): string {
  return `${o.kind ?? ''} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`;
}
