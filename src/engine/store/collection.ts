/**
 * One kind's table in the store: its entries by namespace and name (the only map a write
 * probes) and in key order for `list`, and the object numbers it hands out. An entry (indexes.ts) is the
 * store's record of one object; every index holds entries, never keys, so nothing maps a
 * key back to its object.
 */
import type { KubeObject } from '../model/types';
import { newEntry, type IndexedEntry } from './indexes';
import { GENERATION_KINDS, scopeOf, type Scope } from './resources';

/** Tests turn off the collections' last-entry memo to compare lookups with and without it. */
export const REMEMBER_LAST_ENTRY = { enabled: true };

type Entry = IndexedEntry;

/** Key order: the store keys sort as (namespace, name), NUL before every character a name may hold. */
export const byKey = (a: Entry, b: Entry): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * One kind's objects, with their entries kept in key order incrementally: creates and
 * removes are collected and merged into the ordered entries on the next list
 * (O(n + k log k)), so a burst of writes never re-sorts everything per read.
 */
export class Collection {
  /** The kind's scope and whether its objects carry metadata.generation (looked up once, not per write). */
  readonly scope: Scope;
  readonly generation: boolean;
  /** How many objects of the kind exist. */
  size = 0;
  /**
   * namespace → name → entry: a `get`, `update` or `remove` looks up the caller's strings
   * (whose hashes V8 keeps) instead of building, flattening and hashing a `namespace\0name`
   * key; a create inserts once (there is no second map by key).
   */
  private readonly byName = new Map<string, Map<string, Entry>>();
  /** Entries in key order as of the last `sorted`; `added` and `removed` are the entries written since. */
  private base: Entry[] = [];
  private readonly added = new Set<Entry>();
  private readonly removed = new Set<Entry>();
  /** Objects in key order, rebuilt lazily after any write. */
  private objects: KubeObject[] | null = [];
  /**
   * The entry found by the last lookup, with its namespace and name: a writer's `get` is
   * usually followed by the `update` of the same object, whose lookup then costs two string
   * compares instead of a probe of a map of up to 150,000 names. Forgotten when it is dropped.
   */
  private last: Entry | undefined = undefined;
  private lastNamespace = '';
  private lastName = '';
  /** Object numbers (WatchEvent.id): the next unused one, and those released after their object's DELETED event. */
  private nextId = 0;
  private readonly freeIds: number[] = [];

  constructor(kind: string) {
    this.scope = scopeOf(kind);
    this.generation = GENERATION_KINDS.has(kind);
  }

  /** The namespace an object of this kind is stored under: none for cluster-scoped kinds, `default` when a namespaced one names none. */
  ns(namespace: string | undefined): string {
    const scope = this.scope;
    if (scope === 'Cluster') return '';
    if (scope === 'Namespaced') return namespace || 'default';
    return namespace ?? '';
  }

  entry(namespace: string, name: string): Entry | undefined {
    const last = this.last;
    if (last !== undefined && name === this.lastName && namespace === this.lastNamespace && REMEMBER_LAST_ENTRY.enabled) return last;
    const e = this.byName.get(namespace)?.get(name);
    if (e !== undefined) {
      this.last = e;
      this.lastNamespace = namespace;
      this.lastName = name;
    }
    return e;
  }

  /** Whether an object of `namespace`/`name` exists (no memo is touched). */
  has(namespace: string, name: string): boolean {
    return this.byName.get(namespace)?.has(name) === true;
  }

  /** Stores a new object under `key` = `namespace\0name`; returns its entry. */
  add(kind: string, namespace: string, name: string, key: string, obj: KubeObject): Entry {
    const entry = newEntry(kind, key, this.freeIds.length > 0 ? this.freeIds.pop()! : this.nextId++, obj);
    let names = this.byName.get(namespace);
    if (names === undefined) {
      names = new Map();
      this.byName.set(namespace, names);
    }
    names.set(name, entry);
    this.size++;
    this.added.add(entry);
    this.objects = null;
    return entry;
  }

  /** Forgets the object of `namespace`/`name`; returns its entry, if it existed. */
  drop(namespace: string, name: string): Entry | undefined {
    const names = this.byName.get(namespace);
    const e = names?.get(name);
    if (names === undefined || e === undefined) return undefined;
    names.delete(name);
    if (names.size === 0) this.byName.delete(namespace);
    if (e === this.last) this.last = undefined;
    this.size--;
    if (!this.added.delete(e)) this.removed.add(e);
    this.objects = null;
    return e;
  }

  /** Hands `id` out again (its object's DELETED event has been delivered). */
  releaseId(id: number): void {
    this.freeIds.push(id);
  }

  /** An entry's object was replaced: the ordered objects are rebuilt on the next list. */
  modified(): void {
    this.objects = null;
  }

  sorted(): KubeObject[] {
    if (this.added.size > 0 || this.removed.size > 0) {
      const adds = [...this.added].sort(byKey);
      const out: Entry[] = [];
      let j = 0;
      for (const e of this.base) {
        if (this.removed.has(e)) continue;
        const k = e.key;
        while (j < adds.length && adds[j].key < k) out.push(adds[j++]);
        out.push(e);
      }
      while (j < adds.length) out.push(adds[j++]);
      this.base = out;
      this.added.clear();
      this.removed.clear();
    }
    if (!this.objects) this.objects = this.base.map((e) => e.obj);
    return this.objects;
  }
}
