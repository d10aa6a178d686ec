/**
 * `kubectl delete <kind> <name>` with the default (background) propagation, and the
 * garbage collector's part of it (pkg/controller/garbagecollector): the owner is
 * removed at once; then every dependent (an object whose ownerReferences name the
 * owner's uid) whose owners are now all gone is deleted too, recursively; a dependent
 * that still has a live owner only loses the dangling reference. Pods are deleted
 * gracefully, as the API server does (they terminate on their kubelet).
 *
 * Simplification: upstream's collector works asynchronously from its own graph; here
 * the cascade runs within the command, so the dependents are already deleting (or
 * gone) when dispatch returns.
 */
import type { KubeObject, OwnerReference, Pod } from '../model/types';
import { deepClone } from '../store/clone';
import { deletePod } from './api';
import type { SimContext } from './contracts';

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

function ownerExists(ctx: SimContext, dependent: KubeObject, ref: OwnerReference): boolean {
  // An owner lives in its dependent's namespace, or is cluster-scoped (the store ignores the namespace then).
  const owner = ctx.store.get(ref.kind, dependent.metadata.namespace, ref.name);
  return owner !== undefined && (!ref.uid || owner.metadata.uid === ref.uid);
}

function describeObject(o: KubeObject): string {
  return `${o.kind ?? ''} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`;
}
