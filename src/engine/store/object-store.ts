/**
 * The API server's storage, in memory: objects by kind and namespace/name,
 * with what the API server adds on a write (uid, resourceVersion,
 * creationTimestamp, generated names, generation) and the admission it runs
 * on pods. Watch notifications are delivered synchronously after each write,
 * as informers would deliver them minus the latency.
 *
 * Conventions for callers:
 * - `create` copies its argument (like sending it over HTTP): later changes
 *   to the caller's object do not leak into the store. It returns the stored
 *   object.
 * - `update` stores the object it is given and returns it. Both styles work:
 *   `store.update({ ...pod, status: { ...pod.status, phase: 'Running' } })`
 *   and `pod.status.phase = 'Running'; store.update(pod)`. The store keeps a
 *   private copy of every committed version, so a MODIFIED event's `old` is
 *   the previous committed state even when the caller mutated the stored
 *   object in place. Do not mutate `old` objects.
 * - An update whose metadata.uid differs from the stored object's (a stale
 *   copy of a pod that was deleted and re-created under the same name) fails
 *   with a Conflict, as the API server's UID precondition does.
 * - `remove` of an absent object does nothing.
 *
 * Watch delivery never recurses: a handler that writes to the store queues
 * new notifications, which are delivered, in order, after every handler has
 * seen the current one.
 */
import type { KubeObject, OwnerReference, Pod, PriorityClass } from '../model/types';
import type { Rng } from '../random/rng';
import { toTimestamp } from '../clock/time';
import type { ControlPlaneConfig, Store, VirtualTime, WatchEvent } from '../sim/contracts';
import { admitPodCreate, admitPodUpdate } from './pod-admission';
import { deepClone, deepEqual } from './clone';
import { StoreError } from './store-error';
import { GENERATION_KINDS, resourceOf, scopeOf } from './resources';

export { StoreError, type StoreErrorCode } from './store-error';
export { addDefaultTolerations, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './pod-admission';

export interface ObjectStoreOptions {
  /** The virtual time (a Clock or a function). */
  clock: { readonly now: VirtualTime } | (() => VirtualTime);
  /** Source of uids and generated-name suffixes. */
  rng: Rng;
  /** For admission defaults (defaultTolerationSeconds, terminationGracePeriodSeconds). */
  config: Pick<ControlPlaneConfig, 'defaultTolerationSeconds' | 'terminationGracePeriodSeconds'>;
}

/** One kind's objects. */
class Collection {
  /** key → the stored (live) object handed to readers. */
  readonly live = new Map<string, KubeObject>();
  /** key → a private copy of the last committed version (the `old` of the next change). */
  readonly committed = new Map<string, KubeObject>();
  /** Sorted objects, rebuilt lazily after a create or remove. */
  sorted: KubeObject[] | null = null;
  /** key → index in `sorted`, valid while `sorted` is. */
  index: Map<string, number> | null = null;
}

/** Keys sort as (namespace, name): NUL sorts before every character a name may hold. */
const keyOf = (namespace: string, name: string) => `${namespace}\u0000${name}`;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ObjectStore implements Store {
  private readonly kinds = new Map<string, Collection>();
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly podsByNodeSorted = new Map<string, string[]>();
  /** owner uid → set of `kind\0key`. */
  private readonly byOwner = new Map<string, Set<string>>();
  private handlers: ((e: WatchEvent) => void)[] = [];
  private readonly queue: WatchEvent[] = [];
  private delivering = false;
  private rv = 0;
  private readonly now: () => VirtualTime;
  private readonly rng: Rng;
  private readonly config: ObjectStoreOptions['config'];

  constructor(options: ObjectStoreOptions) {
    const c = options.clock;
    this.now = typeof c === 'function' ? c : () => c.now;
    this.rng = options.rng;
    this.config = options.config;
  }

  // ---- reads ------------------------------------------------------------------------

  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.kinds.get(kind)?.live.get(keyOf(this.nsFor(kind, namespace), name)) as T | undefined;
  }

  list<T extends KubeObject>(kind: string, namespace?: string): T[] {
    const col = this.kinds.get(kind);
    if (!col) return [];
    const all = this.sortedOf(col);
    if (namespace === undefined || scopeOf(kind) === 'Cluster') return all.slice() as T[];
    return all.filter((o) => (o.metadata.namespace ?? '') === namespace) as T[];
  }

  podsOnNode(node: string): KubeObject[] {
    const keys = this.podsByNode.get(node);
    if (!keys || keys.size === 0) return [];
    let sorted = this.podsByNodeSorted.get(node);
    if (!sorted) {
      sorted = [...keys].sort(compareStrings);
      this.podsByNodeSorted.set(node, sorted);
    }
    const pods = this.kinds.get('Pod')!.live;
    return sorted.map((k) => pods.get(k)!);
  }

  ownedBy(uid: string): KubeObject[] {
    const refs = this.byOwner.get(uid);
    if (!refs || refs.size === 0) return [];
    return [...refs].sort(compareStrings).map((r) => {
      const i = r.indexOf('\u0000');
      return this.kinds.get(r.slice(0, i))!.live.get(r.slice(i + 1))!;
    });
  }

  /** Every kind that has (or had) objects, sorted. */
  kindNames(): string[] {
    return [...this.kinds.keys()].filter((k) => this.kinds.get(k)!.live.size > 0).sort(compareStrings);
  }

  /** Every object, sorted by kind, namespace, name. */
  all(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of this.kindNames()) out.push(...this.sortedOf(this.kinds.get(k)!));
    return out;
  }

  /** How many objects of a kind exist. */
  count(kind: string): number {
    return this.kinds.get(kind)?.live.size ?? 0;
  }

  /** The latest resourceVersion handed out. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  // ---- writes -----------------------------------------------------------------------

  create<T extends KubeObject>(input: T): T {
    if (!isObj(input)) throw new StoreError('Invalid', 'create: expected an object');
    const kind = input.kind;
    if (typeof kind !== 'string' || kind === '') throw new StoreError('Invalid', 'Object \'Kind\' is missing');
    if (!isObj(input.metadata)) throw new StoreError('Invalid', `${resourceOf(kind)}: metadata: Required value`);
    const obj = deepClone(input) as T;
    const meta = obj.metadata;
    const scope = scopeOf(kind);
    if (scope === 'Cluster') delete meta.namespace;
    else if (scope === 'Namespaced' && !meta.namespace) meta.namespace = 'default';
    const namespace = meta.namespace ?? '';
    const col = this.collection(kind);

    if (!meta.name) {
      if (typeof meta.generateName !== 'string' || meta.generateName === '') {
        throw new StoreError('Invalid', `${kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
      }
      // Upstream answers a clash of a generated name with AlreadyExists and the client retries; retry here.
      let name = '';
      for (let attempt = 0; attempt < 8; attempt++) {
        name = meta.generateName + this.rng.string(5);
        if (!col.live.has(keyOf(namespace, name))) break;
      }
      meta.name = name;
    }
    if (typeof meta.name !== 'string') throw new StoreError('Invalid', `${kind} is invalid: metadata.name: Invalid value: must be a string`);
    const key = keyOf(namespace, meta.name);
    if (col.live.has(key)) throw new StoreError('AlreadyExists', `${resourceOf(kind)} "${meta.name}" already exists`);

    if (kind === 'Pod') admitPodCreate(obj as unknown as Pod, this.list<PriorityClass>('PriorityClass'), this.config);
    this.resolveOwnerUids(obj);
    if (typeof meta.uid !== 'string' || meta.uid === '') meta.uid = this.newUid();
    if (!meta.creationTimestamp) meta.creationTimestamp = toTimestamp(this.now());
    if (GENERATION_KINDS.has(kind) && typeof meta.generation !== 'number') meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.resourceVersion = String(++this.rv);

    col.live.set(key, obj);
    col.committed.set(key, deepClone(obj));
    col.sorted = null;
    col.index = null;
    this.indexAdd(kind, key, obj);
    this.emit({ type: 'ADDED', kind, object: obj });
    return obj;
  }

  update<T extends KubeObject>(obj: T): T {
    if (!isObj(obj) || !isObj(obj.metadata)) throw new StoreError('Invalid', 'update: expected an object with metadata');
    const kind = obj.kind;
    if (typeof kind !== 'string' || kind === '') throw new StoreError('Invalid', 'Object \'Kind\' is missing');
    const name = obj.metadata.name;
    const namespace = this.nsFor(kind, obj.metadata.namespace);
    const col = this.kinds.get(kind);
    const key = keyOf(namespace, name ?? '');
    const current = col?.live.get(key);
    if (!col || !current || !name) throw new StoreError('NotFound', `${resourceOf(kind)} "${name ?? ''}" not found`);
    const old = col.committed.get(key)!;
    const meta = obj.metadata;
    if (meta.uid && meta.uid !== old.metadata.uid) {
      throw new StoreError(
        'Conflict',
        `Operation cannot be fulfilled on ${resourceOf(kind)} "${name}": Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (scopeOf(kind) === 'Cluster') delete meta.namespace;
    else if (namespace !== '') meta.namespace = namespace;
    // Once set (by a delete), deletionTimestamp is never cleared by an update.
    if (old.metadata.deletionTimestamp !== undefined && meta.deletionTimestamp === undefined) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }
    if (kind === 'Pod') admitPodUpdate(obj as unknown as Pod, this.config);
    this.resolveOwnerUids(obj);
    if (GENERATION_KINDS.has(kind)) {
      const gen = typeof old.metadata.generation === 'number' ? old.metadata.generation : 1;
      meta.generation = deepEqual(old.spec, obj.spec) ? gen : gen + 1;
    }
    return this.commit(kind, col, key, obj, old);
  }

  remove(kind: string, namespace: string | undefined, name: string): void {
    const col = this.kinds.get(kind);
    const key = keyOf(this.nsFor(kind, namespace), name);
    const obj = col?.live.get(key);
    if (!col || !obj) return;
    col.live.delete(key);
    col.committed.delete(key);
    col.sorted = null;
    col.index = null;
    this.indexRemove(kind, key, obj);
    ++this.rv;
    this.emit({ type: 'DELETED', kind, object: obj });
  }

  watch(handler: (e: WatchEvent) => void): () => void {
    this.handlers = [...this.handlers, handler];
    return () => {
      this.handlers = this.handlers.filter((h) => h !== handler);
    };
  }

  /**
   * Runs `fn` with watch delivery held back, then delivers everything it
   * caused, in order: handlers see the state after all of `fn`'s writes (as
   * controllers see a synced informer cache on start-up).
   */
  transaction<R>(fn: () => R): R {
    if (this.delivering) return fn();
    this.delivering = true;
    let result: R;
    try {
      result = fn();
    } catch (e) {
      this.delivering = false;
      this.flush();
      throw e;
    }
    this.delivering = false;
    this.flush();
    return result;
  }

  // ---- internals --------------------------------------------------------------------

  private commit<T extends KubeObject>(kind: string, col: Collection, key: string, obj: T, old: KubeObject): T {
    obj.metadata.resourceVersion = String(++this.rv);
    const prev = col.live.get(key)!;
    col.live.set(key, obj);
    col.committed.set(key, deepClone(obj));
    if (col.sorted && col.index) col.sorted[col.index.get(key)!] = obj;
    this.indexRemove(kind, key, old, prev);
    this.indexAdd(kind, key, obj);
    this.emit({ type: 'MODIFIED', kind, object: obj, old });
    return obj;
  }

  private nsFor(kind: string, namespace: string | undefined): string {
    const scope = scopeOf(kind);
    if (scope === 'Cluster') return '';
    if (scope === 'Namespaced') return namespace || 'default';
    return namespace ?? '';
  }

  private collection(kind: string): Collection {
    let c = this.kinds.get(kind);
    if (!c) {
      c = new Collection();
      this.kinds.set(kind, c);
    }
    return c;
  }

  private sortedOf(col: Collection): KubeObject[] {
    if (!col.sorted) {
      const keys = [...col.live.keys()].sort(compareStrings);
      col.sorted = keys.map((k) => col.live.get(k)!);
      col.index = new Map(keys.map((k, i) => [k, i]));
    }
    return col.sorted;
  }

  private indexAdd(kind: string, key: string, obj: KubeObject): void {
    if (kind === 'Pod') {
      const node = (obj as Pod).spec?.nodeName;
      if (node) {
        let s = this.podsByNode.get(node);
        if (!s) {
          s = new Set();
          this.podsByNode.set(node, s);
        }
        if (!s.has(key)) {
          s.add(key);
          this.podsByNodeSorted.delete(node);
        }
      }
    }
    for (const ref of ownerRefs(obj)) {
      if (!ref.uid) continue;
      let s = this.byOwner.get(ref.uid);
      if (!s) {
        s = new Set();
        this.byOwner.set(ref.uid, s);
      }
      s.add(`${kind}\u0000${key}`);
    }
  }

  /** Removes `old`'s index entries (and `prev`'s, in case the live object was edited in place). */
  private indexRemove(kind: string, key: string, old: KubeObject, prev?: KubeObject): void {
    for (const o of prev && prev !== old ? [old, prev] : [old]) {
      if (kind === 'Pod') {
        const node = (o as Pod).spec?.nodeName;
        const s = node ? this.podsByNode.get(node) : undefined;
        if (node && s?.delete(key)) {
          this.podsByNodeSorted.delete(node);
          if (s.size === 0) this.podsByNode.delete(node);
        }
      }
      for (const ref of ownerRefs(o)) {
        if (!ref.uid) continue;
        const s = this.byOwner.get(ref.uid);
        if (s) {
          s.delete(`${kind}\u0000${key}`);
          if (s.size === 0) this.byOwner.delete(ref.uid);
        }
      }
    }
  }

  private emit(e: WatchEvent): void {
    this.queue.push(e);
    this.flush();
  }

  private flush(): void {
    if (this.delivering) return;
    this.delivering = true;
    let i = 0;
    try {
      for (; i < this.queue.length; i++) {
        const e = this.queue[i];
        const hs = this.handlers;
        for (let j = 0; j < hs.length; j++) hs[j](e);
      }
    } finally {
      // On a handler error the remaining notifications are dropped with it (the error propagates).
      this.queue.length = 0;
      this.delivering = false;
    }
  }

  /** A random RFC 4122 version-4 uid from the seeded generator. */
  private newUid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    const a = hex(this.rng.nextUint32());
    const b = hex(this.rng.nextUint32());
    const c = hex(this.rng.nextUint32());
    const d = hex(this.rng.nextUint32());
    const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
  }

  /** Fills a missing ownerReference uid from the owner of that kind and name, when it exists. */
  private resolveOwnerUids(obj: KubeObject): void {
    const refs = obj.metadata.ownerReferences;
    if (!Array.isArray(refs)) return;
    for (const ref of refs) {
      if (!isObj(ref) || ref.uid || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
      const owner = this.get(ref.kind, obj.metadata.namespace, ref.name);
      if (owner?.metadata.uid) ref.uid = owner.metadata.uid;
    }
  }
}

function ownerRefs(obj: KubeObject): OwnerReference[] {
  const refs = obj.metadata?.ownerReferences;
  return Array.isArray(refs) ? refs : [];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
