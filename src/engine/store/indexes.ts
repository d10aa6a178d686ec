/**
 * The store's secondary indexes: pods by node (spec.nodeName) and objects by
 * owner uid. Both hold the objects' entries, which carry the current object, so
 * an answer needs no lookup by key. What each object was indexed under is recorded on its
 * entry (the store's record of the object, kept for as long as the object
 * exists), so an update or removal unindexes exactly what was indexed, and a
 * write looks nothing up in a map to find it.
 */
import type { KubeObject, OwnerReference, Pod } from '../model/types';

/**
 * The store's record of one stored object: its kind, store key and current object (the
 * store replaces `obj` on every update, so owned objects are handed over without looking
 * them up), and what the indexes recorded for it.
 */
export interface IndexedEntry {
  readonly kind: string;
  readonly key: string;
  /** The object's number among its kind's live objects (WatchEvent.id). */
  readonly id: number;
  obj: KubeObject;
  /** The node (spec.nodeName) a pod is indexed under; undefined when none. */
  node: string | undefined;
  /** The owner uids the object is indexed under; undefined when none. */
  owners: string[] | undefined;
}

/** A new entry, indexed under nothing yet (every entry has the same shape). */
export function newEntry(kind: string, key: string, id: number, obj: KubeObject): IndexedEntry {
  return { kind, key, id, obj, node: undefined, owners: undefined };
}

/** The owner index's order: kind, then key (namespace, name). */
function byKindAndKey(a: IndexedEntry, b: IndexedEntry): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Key order (namespace, name). */
function byKey(a: IndexedEntry, b: IndexedEntry): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export class Indexes {
  /** node → the entries of the pods bound to it. */
  private readonly podsByNode = new Map<string, Set<IndexedEntry>>();
  /** Entries per node in key order, rebuilt lazily after a change on that node. */
  private readonly podsByNodeSorted = new Map<string, readonly IndexedEntry[]>();
  /** owner uid → the entries of the objects it owns. */
  private readonly byOwner = new Map<string, Set<IndexedEntry>>();
  /** owner uid → owned's sorted answer, dropped when that owner's set changes. */
  private readonly ownedSorted = new Map<string, readonly IndexedEntry[]>();

  /** Entries of the pods bound to `node`, in key order (kept until that node's set changes; do not modify). */
  podsOnNode(node: string): readonly IndexedEntry[] {
    const entries = this.podsByNode.get(node);
    if (!entries || entries.size === 0) return [];
    let sorted = this.podsByNodeSorted.get(node);
    if (!sorted) {
      sorted = [...entries].sort(byKey);
      this.podsByNodeSorted.set(node, sorted);
    }
    return sorted;
  }

  /**
   * Entries of the objects owned by `uid`, sorted by kind then key (kept until that owner's
   * set changes; do not modify).
   */
  owned(uid: string): readonly IndexedEntry[] {
    const cached = this.ownedSorted.get(uid);
    if (cached !== undefined) return cached;
    const owned = this.byOwner.get(uid);
    if (!owned || owned.size === 0) return [];
    const out = [...owned].sort(byKindAndKey);
    this.ownedSorted.set(uid, out);
    return out;
  }

  /** Indexes the entry's current object, replacing what was recorded for it before. */
  set(e: IndexedEntry): void {
    const obj = e.obj;
    if (e.kind === 'Pod') {
      const node = (obj as Pod).spec?.nodeName || undefined;
      const was = e.node;
      if (node !== was) {
        if (was !== undefined) this.unlinkNode(was, e);
        if (node !== undefined) {
          let s = this.podsByNode.get(node);
          if (!s) {
            s = new Set();
            this.podsByNode.set(node, s);
          }
          s.add(e);
          this.podsByNodeSorted.delete(node);
        }
        e.node = node;
      }
    }
    const refs = ownerRefs(obj);
    const was = e.owners;
    if (sameUids(was, refs)) return;
    const uids: string[] = [];
    for (const r of refs) if (r && typeof r.uid === 'string' && r.uid !== '') uids.push(r.uid);
    if (was !== undefined) for (const u of was) this.unlinkOwner(u, e);
    for (const u of uids) {
      let s = this.byOwner.get(u);
      if (!s) {
        s = new Set();
        this.byOwner.set(u, s);
      }
      s.add(e);
      this.ownedSorted.delete(u);
    }
    e.owners = uids.length > 0 ? uids : undefined;
  }

  /** Drops every entry recorded for the entry (its object is being removed). */
  delete(e: IndexedEntry): void {
    if (e.node !== undefined) {
      this.unlinkNode(e.node, e);
      e.node = undefined;
    }
    if (e.owners !== undefined) {
      for (const u of e.owners) this.unlinkOwner(u, e);
      e.owners = undefined;
    }
  }

  private unlinkNode(node: string, e: IndexedEntry): void {
    const s = this.podsByNode.get(node);
    if (s?.delete(e)) {
      this.podsByNodeSorted.delete(node);
      if (s.size === 0) this.podsByNode.delete(node);
    }
  }

  private unlinkOwner(uid: string, e: IndexedEntry): void {
    const s = this.byOwner.get(uid);
    this.ownedSorted.delete(uid);
    if (s) {
      s.delete(e);
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
