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
 *   object. With `{ take: true }` it stores the argument itself, for a caller
 *   that built a fresh object for the call (a pod from a template).
 * - Stored objects are shared, like an informer cache: treat what `get`,
 *   `list` and watch events return as read-only, and update with a modified
 *   copy, e.g. `store.update({ ...pod, status: { ...pod.status, phase: 'Running' } })`
 *   (sim/api.ts `patch` does a deep copy for you). A MODIFIED event's `old`
 *   is the previously stored object, so an object edited in place before
 *   `update` shows the edit in `old` too (and the change goes unnoticed).
 * - `update` stores a shallow copy of what it is given (top level and
 *   metadata; admission defaults copy what they change), so the caller's
 *   object, and any structure it shares with the previous version, is never
 *   written to. It returns the stored object. With `{ take: true }` it keeps
 *   the argument and its metadata object themselves (a caller that built both
 *   fresh for the call: a deletion's `{ ...pod, metadata: { ...meta, … } }`).
 * - An update whose metadata.uid differs from the stored object's (a stale
 *   copy of a pod that was deleted and re-created under the same name) fails
 *   with a Conflict, as the API server's UID precondition does.
 * - `remove` of an absent object does nothing.
 *
 * Watch delivery never recurses: a handler that writes to the store queues
 * new notifications, which are delivered, in order, after every handler has
 * seen the current one.
 */
import type { KubeObject, Pod, PriorityClass } from '../model/types';
import type { Rng } from '../random/rng';
import { toTimestamp } from '../clock/time';
import type { ControlPlaneConfig, Store, VirtualTime, WatchEvent, WatchInterest } from '../sim/contracts';
import { admitPodCreate, admitPodUpdate } from './pod-admission';
import { deepClone, deepEqual } from './clone';
import { StoreError } from './store-error';
import { Indexes, newEntry, type IndexedEntry } from './indexes';
import { GENERATION_KINDS, resourceOf, scopeOf, type Scope } from './resources';
import { uidOf } from './uid';
import { ANY_CHANGE, ANY_CONTROLLER, Change, WATCH_INTEREST, changeMask, controllerMask, interestFor } from './watch-interest';

export { StoreError, type StoreErrorCode } from './store-error';
export { withDefaultTolerations, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './pod-admission';

/** Tests turn `create(obj, { take: true })` and `update(obj, { take: true })` into copying writes to compare the two. */
export const TAKE_FRESH = { enabled: true };

/** Tests turn off the collections' last-entry memo to compare lookups with and without it. */
export const REMEMBER_LAST_ENTRY = { enabled: true };

/** A bit set in every event's change mask (and in no declared interest: ANY_CHANGE is below it). */
const EVERY_EVENT = 1 << 30;

/** Tests turn off delivery by kind (every handler then sees every event, as before) to compare the two. */
export const WATCH_BY_KIND = { enabled: true };

type Handler = (e: WatchEvent) => void;

/** A subscription: its handler, the kinds it asked for (null: every kind) and its interest in them. */
interface Watcher {
  readonly handler: Handler;
  readonly kinds: ReadonlySet<string> | null;
  readonly interest: WatchInterest | undefined;
}

/**
 * The watchers of one kind, in subscription order, with what each reacts to. `filtered`:
 * some watcher declared less than every change or every controller (else the masks are not
 * computed at all); `other`: some filtered watcher asks for OTHER changes.
 */
interface Delivery {
  readonly handlers: Handler[];
  readonly changes: number[];
  readonly controllers: number[];
  readonly filtered: boolean;
  readonly byController: boolean;
  readonly other: boolean;
}

export interface ObjectStoreOptions {
  /** The virtual time (a Clock or a function). */
  clock: { readonly now: VirtualTime } | (() => VirtualTime);
  /** Source of uids and generated-name suffixes. */
  rng: Rng;
  /** For admission defaults (defaultTolerationSeconds, terminationGracePeriodSeconds). */
  config: Pick<ControlPlaneConfig, 'defaultTolerationSeconds' | 'terminationGracePeriodSeconds'>;
}

/** A stored object with its kind, its key (the string every index holds for it) and what the indexes recorded. */
type Entry = IndexedEntry;

/**
 * One kind's objects, with their keys kept sorted incrementally: creates and
 * removes are collected and merged into the sorted keys on the next list
 * (O(n + k log k)), so a burst of writes never re-sorts everything per read.
 */
class Collection {
  /** The kind's scope and whether its objects carry metadata.generation (looked up once, not per write). */
  readonly scope: Scope;
  readonly generation: boolean;
  /** key → the stored object's entry (an update replaces the entry's object: no map write). */
  readonly live = new Map<string, Entry>();
  /**
   * namespace → name → the same objects as `live`, with their keys: a `get`, `update` or
   * `remove` looks up the caller's strings (whose hashes V8 keeps) instead of building,
   * flattening and hashing a `namespace\0name` key.
   */
  private readonly byName = new Map<string, Map<string, Entry>>();
  private base: string[] = [];
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
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

  /** Stores a new object under `key` = keyOf(namespace, name); returns its entry. */
  add(kind: string, namespace: string, name: string, key: string, obj: KubeObject): Entry {
    const entry = newEntry(kind, key, this.freeIds.length > 0 ? this.freeIds.pop()! : this.nextId++, obj);
    this.live.set(key, entry);
    let names = this.byName.get(namespace);
    if (names === undefined) {
      names = new Map();
      this.byName.set(namespace, names);
    }
    names.set(name, entry);
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
    this.live.delete(e.key);
    return e;
  }

  /** Hands `id` out again (its object's DELETED event has been delivered). */
  releaseId(id: number): void {
    this.freeIds.push(id);
  }

  created(key: string): void {
    if (!this.removed.delete(key)) this.added.add(key);
    this.objects = null;
  }

  deleted(key: string): void {
    if (!this.added.delete(key)) this.removed.add(key);
    this.objects = null;
  }

  modified(): void {
    this.objects = null;
  }

  sorted(): KubeObject[] {
    if (this.added.size > 0 || this.removed.size > 0) {
      const adds = [...this.added].sort();
      const out: string[] = [];
      let j = 0;
      for (const k of this.base) {
        if (this.removed.has(k)) continue;
        while (j < adds.length && adds[j] < k) out.push(adds[j++]);
        out.push(k);
      }
      while (j < adds.length) out.push(adds[j++]);
      this.base = out;
      this.added.clear();
      this.removed.clear();
    }
    if (!this.objects) this.objects = this.base.map((k) => this.live.get(k)!.obj);
    return this.objects;
  }
}

/** Keys sort as (namespace, name): NUL sorts before every character a name may hold. */
const keyOf = (namespace: string, name: string) => `${namespace}\u0000${name}`;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Tests turn off the sharing of equal label and annotation maps to see the identity test fail. */
export const SHARE_EQUAL_MAPS = { enabled: true };

/** Whether two string maps hold the same keys, in the same order, with the same values (so either serialises as the other). */
function sameStringMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (!isObj(a) || !isObj(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || a[ka[i]] !== b[kb[i]]) return false;
  return true;
}

/** Whether some ownerReference lacks its uid (a loop: every pod update asks, and `some` allocated a closure). */
function hasRefWithoutUid(refs: unknown[]): boolean {
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (isObj(r) && !r.uid) return true;
  }
  return false;
}

export class ObjectStore implements Store {
  private readonly kinds = new Map<string, Collection>();
  private readonly idx = new Indexes();
  /** Subscriptions in the order they were made: the order every event reaches its handlers. */
  private watchers: Watcher[] = [];
  private readonly dropListeners: ((kind: string, id: number) => void)[] = [];
  /**
   * kind → the handlers that take events of that kind, in subscription order (a subsequence
   * of `watchers`, so handlers that see an event see it in the same relative order as
   * before). Rebuilt lazily after a subscription changes; its arrays are never mutated.
   */
  private byKind = new Map<string, Delivery>();
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
    const col = this.kinds.get(kind);
    return col === undefined ? undefined : (col.entry(col.ns(namespace), name)?.obj as T | undefined);
  }

  list<T extends KubeObject>(kind: string, namespace?: string): T[] {
    const col = this.kinds.get(kind);
    if (!col) return [];
    const all = col.sorted();
    if (namespace === undefined || scopeOf(kind) === 'Cluster') return all.slice() as T[];
    return all.filter((o) => (o.metadata.namespace ?? '') === namespace) as T[];
  }

  podsOnNode(node: string): KubeObject[] {
    const pods = this.kinds.get('Pod')?.live;
    return pods ? this.idx.podKeysOnNode(node).map((k) => pods.get(k)!.obj) : [];
  }

  ownedBy(uid: string): KubeObject[] {
    return this.idx.owned(uid).map((e) => e.obj);
  }

  /** Every kind that has (or had) objects, sorted. */
  kindNames(): string[] {
    return [...this.kinds.keys()].filter((k) => this.kinds.get(k)!.live.size > 0).sort();
  }

  /** Every object, sorted by kind, namespace, name. */
  all(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of this.kindNames()) out.push(...this.kinds.get(k)!.sorted());
    return out;
  }

  /** How many objects of a kind exist. */
  count(kind: string): number {
    return this.kinds.get(kind)?.live.size ?? 0;
  }

  idOf(kind: string, namespace: string | undefined, name: string): number | undefined {
    const col = this.kinds.get(kind);
    return col === undefined ? undefined : col.entry(col.ns(namespace), name)?.id;
  }

  /** The latest resourceVersion handed out. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  // ---- writes -----------------------------------------------------------------------

  create<T extends KubeObject>(input: T, options?: { take?: boolean }): T {
    if (!isObj(input)) throw new StoreError('Invalid', 'create: expected an object');
    const kind = input.kind;
    if (typeof kind !== 'string' || kind === '') throw new StoreError('Invalid', 'Object \'Kind\' is missing');
    if (!isObj(input.metadata)) throw new StoreError('Invalid', `${resourceOf(kind)}: metadata: Required value`);
    const obj = options?.take === true && TAKE_FRESH.enabled ? input : (deepClone(input) as T);
    const meta = obj.metadata;
    const col = this.collection(kind);
    const scope = col.scope;
    if (scope === 'Cluster') delete meta.namespace;
    else if (scope === 'Namespaced' && !meta.namespace) meta.namespace = 'default';
    const namespace = meta.namespace ?? '';

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
    if (col.generation && typeof meta.generation !== 'number') meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.resourceVersion = String(++this.rv);

    const entry = col.add(kind, namespace, meta.name, key, obj);
    col.created(key);
    this.idx.set(entry);
    this.emit({ type: 'ADDED', kind, object: obj, id: entry.id });
    return obj;
  }

  update<T extends KubeObject>(input: T, options?: { take?: boolean }): T {
    if (!isObj(input) || !isObj(input.metadata)) throw new StoreError('Invalid', 'update: expected an object with metadata');
    const kind = input.kind;
    if (typeof kind !== 'string' || kind === '') throw new StoreError('Invalid', 'Object \'Kind\' is missing');
    const name = input.metadata.name;
    const col = this.kinds.get(kind);
    const namespace = col === undefined ? '' : col.ns(input.metadata.namespace);
    const entry = name && col !== undefined ? col.entry(namespace, name) : undefined;
    const old = entry?.obj;
    if (!col || !entry || !old || !name) throw new StoreError('NotFound', `${resourceOf(kind)} "${name ?? ''}" not found`);
    if (input.metadata.uid && input.metadata.uid !== old.metadata.uid) {
      throw new StoreError(
        'Conflict',
        `Operation cannot be fulfilled on ${resourceOf(kind)} "${name}": Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    const obj = options?.take === true && TAKE_FRESH.enabled ? input : ({ ...input, metadata: { ...input.metadata } } as T);
    const meta = obj.metadata;
    // Equal label and annotation maps stay the stored objects, so handlers may compare them by identity.
    const om = old.metadata;
    if (meta.labels !== om.labels && SHARE_EQUAL_MAPS.enabled && sameStringMap(meta.labels, om.labels)) meta.labels = om.labels;
    if (meta.annotations !== om.annotations && SHARE_EQUAL_MAPS.enabled && sameStringMap(meta.annotations, om.annotations)) meta.annotations = om.annotations;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (col.scope === 'Cluster') delete meta.namespace;
    else if (namespace !== '') meta.namespace = namespace;
    // Once set (by a delete), deletionTimestamp is never cleared by an update.
    if (old.metadata.deletionTimestamp !== undefined && meta.deletionTimestamp === undefined) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }
    if (kind === 'Pod') admitPodUpdate(obj as unknown as Pod, this.config, (old as Pod).spec);
    if (Array.isArray(meta.ownerReferences) && hasRefWithoutUid(meta.ownerReferences)) {
      meta.ownerReferences = meta.ownerReferences.map((r) => (isObj(r) ? { ...r } : r));
      this.resolveOwnerUids(obj);
    }
    if (col.generation) {
      const gen = typeof old.metadata.generation === 'number' ? old.metadata.generation : 1;
      meta.generation = deepEqual(old.spec, obj.spec) ? gen : gen + 1;
    }
    if (kind === 'DaemonSet') bumpTemplateGeneration(old, obj);
    meta.resourceVersion = String(++this.rv);
    entry.obj = obj;
    col.modified();
    // The stored object itself, edited in place (tolerated by the indexes, see the tests), is compared in full.
    this.idx.set(entry, input === old ? undefined : old);
    this.emit({ type: 'MODIFIED', kind, object: obj, old, id: entry.id });
    return obj;
  }

  remove(kind: string, namespace: string | undefined, name: string): void {
    const col = this.kinds.get(kind);
    const e = col?.drop(col.ns(namespace), name);
    if (!col || e === undefined) return;
    const obj = e.obj;
    for (let i = 0; i < this.dropListeners.length; i++) this.dropListeners[i](kind, e.id);
    col.deleted(e.key);
    this.idx.delete(e);
    ++this.rv;
    this.emit({ type: 'DELETED', kind, object: obj, id: e.id });
  }

  /**
   * Calls `listener` whenever an object leaves the store, at once (before its DELETED event is
   * delivered and long before its number can name another object): for the event recorder's
   * holders by object number (events/recorder.ts).
   */
  onDrop(listener: (kind: string, id: number) => void): void {
    this.dropListeners.push(listener);
  }

  /**
   * Subscribes `handler` to every change, or with `kinds` to changes of those kinds only
   * (for a handler that ignores every other kind: it is then not called for them at all),
   * and with `interest` to the changes of a kind it reacts to (watch-interest.ts).
   */
  watch(handler: Handler, kinds?: readonly string[], interest?: WatchInterest): () => void {
    const w: Watcher = { handler, kinds: kinds === undefined ? null : new Set(kinds), interest };
    this.watchers = [...this.watchers, w];
    this.byKind = new Map();
    return () => {
      this.watchers = this.watchers.filter((x) => x !== w);
      this.byKind = new Map();
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

  private collection(kind: string): Collection {
    let c = this.kinds.get(kind);
    if (!c) {
      c = new Collection(kind);
      this.kinds.set(kind, c);
    }
    return c;
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
        const d = this.deliveryFor(e.kind);
        const hs = d.handlers;
        if (!d.filtered) {
          for (let j = 0; j < hs.length; j++) hs[j](e);
        } else {
          // Computed once for the event, before any handler runs (handlers never edit stored objects).
          // EVERY_EVENT: a watcher that declared nothing (-1) takes even an update that changed no part named by a bit.
          const changes = changeMask(e, d.other) | EVERY_EVENT;
          const controllers = d.byController ? controllerMask(e) : ANY_CONTROLLER;
          const cs = d.changes;
          const os = d.controllers;
          for (let j = 0; j < hs.length; j++) if ((cs[j] & changes) !== 0 && (os[j] & controllers) !== 0) hs[j](e);
        }
        // Every handler has seen the object go: its number may name a new object now.
        if (e.type === 'DELETED') this.kinds.get(e.kind)!.releaseId(e.id!);
      }
    } finally {
      // On a handler error the remaining notifications are dropped with it (the error propagates).
      this.queue.length = 0;
      this.delivering = false;
    }
  }

  /** The handlers an event of `kind` goes to, in subscription order, with their interests in it. */
  private deliveryFor(kind: string): Delivery {
    let d = this.byKind.get(kind);
    if (d === undefined) {
      const handlers: Handler[] = [];
      const changes: number[] = [];
      const controllers: number[] = [];
      let filtered = false;
      let byController = false;
      let other = false;
      for (const w of this.watchers) {
        if (!(w.kinds === null || w.kinds.has(kind) || !WATCH_BY_KIND.enabled)) continue;
        const i = interestFor(WATCH_INTEREST.enabled ? w.interest : undefined, kind);
        handlers.push(w.handler);
        changes.push(i.changes);
        controllers.push(i.controllers);
        if (i.changes !== ANY_CHANGE || i.controllers !== ANY_CONTROLLER) {
          filtered = true;
          if (i.controllers !== ANY_CONTROLLER) byController = true;
          if ((i.changes & Change.OTHER) !== 0) other = true;
        }
      }
      // A watcher that declared nothing takes every event, whatever the mask (OTHER left clear included).
      if (filtered) for (let j = 0; j < changes.length; j++) if (changes[j] === ANY_CHANGE) changes[j] = -1;
      d = { handlers, changes, controllers, filtered, byController, other };
      this.byKind.set(kind, d);
    }
    return d;
  }

  /** A random RFC 4122 version-4 uid from the seeded generator. */
  private newUid(): string {
    return uidOf(this.rng.nextUint32(), this.rng.nextUint32(), this.rng.nextUint32(), this.rng.nextUint32());
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

/**
 * The DaemonSet strategy's PrepareForUpdate: a template change bumps templateGeneration,
 * which apps/v1 keeps in the `deprecated.daemonset.template.generation` annotation. Only
 * kept up to date where the annotation exists (DaemonSets imported from a real cluster).
 */
function bumpTemplateGeneration(old: KubeObject, obj: KubeObject): void {
  const key = 'deprecated.daemonset.template.generation';
  const current = obj.metadata.annotations?.[key];
  if (current === undefined || current !== old.metadata.annotations?.[key]) return;
  const spec = (o: KubeObject) => (o as { spec?: { template?: unknown } }).spec?.template;
  if (deepEqual(spec(old), spec(obj))) return;
  const n = Number(current);
  if (!Number.isInteger(n)) return;
  obj.metadata.annotations = { ...obj.metadata.annotations, [key]: String(n + 1) };
}
