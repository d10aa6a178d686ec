/**
 * The store's secondary indexes: pods by node (spec.nodeName) and objects by
 * owner uid. Entries are store keys (`namespace\0name`); the store maps them
 * back to objects. The values each object was indexed under are recorded, so
 * an update or removal unindexes exactly what was indexed.
 */
import type { KubeObject, OwnerReference, Pod } from '../model/types';

/**
 * An object that has owners, as indexed: its kind and store key, and the object stored now
 * (kept current by every `set`, so owned objects are handed over without looking them up).
 */
export interface OwnedSlot {
  readonly kind: string;
  readonly key: string;
  obj: KubeObject;
}

/** What an object with owners was indexed under. */
interface Owned {
  uids: string[];
  slot: OwnedSlot;
}

export class Indexes {
  private readonly podsByNode = new Map<string, Set<string>>();
  /** Sorted keys per node, rebuilt lazily after a change on that node. */
  private readonly podsByNodeSorted = new Map<string, string[]>();
  /** owner uid → set of `kind\0key`. */
  private readonly byOwner = new Map<string, Set<string>>();
  /** What each object was indexed under, so removal never depends on the object's current fields. */
  private readonly nodeOf = new Map<string, string>();
  /** kind → key → owner uids and the object's slot. */
  private readonly ownersOf = new Map<string, Map<string, Owned>>();
  /** `kind\0key` → the object's slot (kind, key as first indexed, object), for every object that has owners. */
  private readonly pairOf = new Map<string, OwnedSlot>();
  /** owner uid → owned's sorted answer, dropped when that owner's set changes. */
  private readonly ownedSorted = new Map<string, readonly OwnedSlot[]>();

  podKeysOnNode(node: string): string[] {
    const keys = this.podsByNode.get(node);
    if (!keys || keys.size === 0) return [];
    let sorted = this.podsByNodeSorted.get(node);
    if (!sorted) {
      sorted = [...keys].sort();
      this.podsByNodeSorted.set(node, sorted);
    }
    return sorted;
  }

  /**
   * Slots of the objects owned by `uid`, sorted by kind then key (kept until that owner's
   * set changes; do not modify).
   */
  owned(uid: string): readonly OwnedSlot[] {
    const cached = this.ownedSorted.get(uid);
    if (cached !== undefined) return cached;
    const refs = this.byOwner.get(uid);
    if (!refs || refs.size === 0) return [];
    const out = [...refs].sort().map((r) => this.pairOf.get(r)!);
    this.ownedSorted.set(uid, out);
    return out;
  }

  /** Indexes `obj` under `key`, replacing what was recorded for it before. */
  set(kind: string, key: string, obj: KubeObject): void {
    if (kind === 'Pod') {
      const node = (obj as Pod).spec?.nodeName || undefined;
      const was = this.nodeOf.get(key);
      if (node !== was) {
        if (was !== undefined) this.unlinkNode(was, key);
        if (node !== undefined) {
          let s = this.podsByNode.get(node);
          if (!s) {
            s = new Set();
            this.podsByNode.set(node, s);
          }
          s.add(key);
          this.podsByNodeSorted.delete(node);
          this.nodeOf.set(key, node);
        } else this.nodeOf.delete(key);
      }
    }
    const refs = ownerRefs(obj);
    let owners = this.ownersOf.get(kind);
    const was = owners?.get(key);
    if (sameUids(was?.uids, refs)) {
      if (was !== undefined) was.slot.obj = obj;
      return;
    }
    const uids: string[] = [];
    for (const r of refs) if (r && typeof r.uid === 'string' && r.uid !== '') uids.push(r.uid);
    const ref = `${kind}\u0000${key}`;
    if (was !== undefined) for (const u of was.uids) this.unlinkOwner(u, ref);
    for (const u of uids) {
      let s = this.byOwner.get(u);
      if (!s) {
        s = new Set();
        this.byOwner.set(u, s);
      }
      s.add(ref);
      this.ownedSorted.delete(u);
    }
    if (uids.length > 0) {
      let slot = this.pairOf.get(ref);
      if (slot === undefined) {
        slot = { kind, key, obj };
        this.pairOf.set(ref, slot);
      } else slot.obj = obj;
      if (!owners) {
        owners = new Map();
        this.ownersOf.set(kind, owners);
      }
      owners.set(key, { uids, slot });
    } else {
      owners?.delete(key);
      this.pairOf.delete(ref);
    }
  }

  /** Drops every entry recorded for `key`. */
  delete(kind: string, key: string): void {
    if (kind === 'Pod') {
      const was = this.nodeOf.get(key);
      if (was !== undefined) {
        this.unlinkNode(was, key);
        this.nodeOf.delete(key);
      }
    }
    const owners = this.ownersOf.get(kind)?.get(key);
    if (owners !== undefined) {
      const ref = `${kind}\u0000${key}`;
      for (const u of owners.uids) this.unlinkOwner(u, ref);
      this.ownersOf.get(kind)!.delete(key);
      this.pairOf.delete(ref);
    }
  }

  private unlinkNode(node: string, key: string): void {
    const s = this.podsByNode.get(node);
    if (s?.delete(key)) {
      this.podsByNodeSorted.delete(node);
      if (s.size === 0) this.podsByNode.delete(node);
    }
  }

  private unlinkOwner(uid: string, ref: string): void {
    const s = this.byOwner.get(uid);
    this.ownedSorted.delete(uid);
    if (s) {
      s.delete(ref);
      if (s.size === 0) this.byOwner.delete(uid);
    }
  }
}

/** Whether the recorded uids equal the uids of these references (in order). */
function sameUids(was: string[] | undefined, refs: OwnerReference[]): boolean {
  let n = 0;
  for (const r of refs) {
    const u = r?.uid;
    if (typeof u !== 'string' || u === '') continue;
    if (was === undefined || was[n] !== u) return false;
    n++;
  }
  return n === (was?.length ?? 0);
}

function ownerRefs(obj: KubeObject): OwnerReference[] {
  const refs = obj.metadata?.ownerReferences;
  return Array.isArray(refs) ? refs : [];
}
