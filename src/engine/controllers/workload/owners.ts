/**
 * ControllerRefs, adoption and release, after upstream's
 * pkg/controller/controller_ref_manager.go: a controller claims the objects
 * that name it as controller and still match its selector, adopts matching
 * orphans, and releases owned objects whose labels no longer match.
 */
import { ownerRefOf } from '../../sim/api';
import type { SimContext, WatchEvent } from '../../sim/contracts';
import type { KubeObject, OwnerReference } from '../../model/types';
import type { Selector } from '../../model/labels';
import { byName } from './pods';

/** metav1.GetControllerOf: the owner reference with controller: true. */
export const controllerRef: (obj: KubeObject) => OwnerReference | undefined = ownerRefOf;

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Whether `ref` points at `owner` (by uid when both carry one, else by kind and name). */
export function refersTo(ref: OwnerReference | undefined, owner: KubeObject, kind: string): boolean {
  if (!ref || ref.kind !== kind || ref.name !== owner.metadata.name) return false;
  return !ref.uid || !owner.metadata.uid || ref.uid === owner.metadata.uid;
}

/** Tests turn off skipping events of controlled objects to compare against updating the index on every event. */
export const SKIP_OWNED = { enabled: true };

/**
 * Objects of one kind that have no controller, by namespace and name, kept
 * current from watch events so that adoption does not list every object.
 */
export class OrphanIndex<T extends KubeObject = KubeObject> {
  private readonly byNs = new Map<string, Map<string, T>>();

  constructor(readonly kind: string) {}

  observe(e: WatchEvent): void {
    if (e.kind !== this.kind) return;
    const obj = e.object as T;
    const owned = controllerRef(obj) !== undefined;
    // The index holds an object while the last version seen of it had no controller. A version
    // with a controller, added, deleted or replacing one with a controller (its `old`, the
    // version seen last), leaves the index as it is: skip its two map operations.
    if (owned && SKIP_OWNED.enabled && (e.type !== 'MODIFIED' || (e.old !== undefined && controllerRef(e.old) !== undefined))) return;
    const ns = obj.metadata.namespace ?? 'default';
    const name = obj.metadata.name ?? '';
    if (e.type !== 'DELETED' && !owned) {
      let m = this.byNs.get(ns);
      if (!m) this.byNs.set(ns, (m = new Map()));
      m.set(name, obj);
    } else {
      this.byNs.get(ns)?.delete(name);
    }
  }

  /** Orphans in a namespace, in the (deterministic) order they became orphans. */
  inNamespace(ns: string): Iterable<T> {
    return this.byNs.get(ns)?.values() ?? [];
  }
}

export interface ClaimOptions {
  /** The owned kind (`Pod`, `ReplicaSet`). */
  kind: string;
  owner: KubeObject;
  ownerApiVersion: string;
  ownerKind: string;
  selector: Selector;
  /** An extra membership test (the StatefulSet's name-based identity). */
  member?: (obj: KubeObject) => boolean;
  orphans: OrphanIndex;
}

/** Objects of `kind` whose controller reference names `owner`, by name. */
export function ownedObjects<T extends KubeObject>(ctx: SimContext, kind: string, owner: KubeObject, ownerKind: string): T[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  const out: T[] = [];
  for (const o of ctx.store.ownedBy(uid)) {
    if (o.kind === kind && refersTo(controllerRef(o), owner, ownerKind)) out.push(o as T);
  }
  return sortedByName(out);
}

/**
 * `list.sort(byName)`, without the sort when the list is in name order already (the store
 * hands owned objects over by namespace and name, so within one namespace they are): a
 * stable sort leaves such a list as it is.
 */
function sortedByName<T extends KubeObject>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) if (byName(list[i - 1], list[i]) > 0) return list.sort(byName);
  return list;
}

/**
 * ClaimObjects: the objects this owner controls after adopting matching
 * orphans and releasing owned objects that no longer match. Sorted by name.
 */
export function claim<T extends KubeObject>(ctx: SimContext, o: ClaimOptions): T[] {
  const ownerDeleting = !!o.owner.metadata.deletionTimestamp;
  const owned = ownedObjects<T>(ctx, o.kind, o.owner, o.ownerKind);
  // The owned list itself while every object still matches (the usual case); a copy from the first that does not.
  let out = owned;
  for (let i = 0; i < owned.length; i++) {
    const obj = owned[i];
    if (claimMatches(o, obj)) {
      if (out !== owned) out.push(obj);
      continue;
    }
    if (out === owned) out = owned.slice(0, i);
    if (!ownerDeleting) release(ctx, obj, o.owner);
  }
  if (ownerDeleting) return out;
  let candidates: KubeObject[] | undefined;
  for (const obj of o.orphans.inNamespace(o.owner.metadata.namespace ?? 'default')) {
    if (!obj.metadata.deletionTimestamp && claimMatches(o, obj)) (candidates ??= []).push(obj);
  }
  if (candidates === undefined) return out;
  // Adopt in name order (the index may change while we adopt).
  for (const obj of candidates.sort(byName)) {
    const current = ctx.store.get<T>(o.kind, obj.metadata.namespace, obj.metadata.name ?? '');
    if (!current || controllerRef(current)) continue;
    const ref = newControllerRef(o.owner, o.ownerApiVersion, o.ownerKind);
    const adopted = ctx.store.update<T>({
      ...current,
      metadata: { ...current.metadata, ownerReferences: [...(current.metadata.ownerReferences ?? []), ref] },
    });
    out.push(adopted);
  }
  return sortedByName(out);
}

/** Whether `obj` belongs to the claim's owner by its labels (and identity, where the owner has one). */
function claimMatches(o: ClaimOptions, obj: KubeObject): boolean {
  return o.selector.matches(obj.metadata.labels) && (o.member ? o.member(obj) : true);
}

function release(ctx: SimContext, obj: KubeObject, owner: KubeObject): void {
  const uid = owner.metadata.uid;
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => !(r.controller === true && (!uid || r.uid === uid)));
  const metadata = { ...obj.metadata };
  if (refs.length > 0) metadata.ownerReferences = refs;
  else delete metadata.ownerReferences;
  ctx.store.update({ ...obj, metadata });
}
