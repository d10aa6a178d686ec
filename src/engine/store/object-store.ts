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
 *
 * The parts: collection.ts (one kind's table: entries by name and in key order,
 * object numbers), indexes.ts (pods by node, objects by owner), fan-out.ts (the
 * subscriptions and delivery by kind and interest), pod-admission.ts.
 */
import type { KubeObject, Pod, PriorityClass } from '../model/types';
import type { Rng } from '../random/rng';
import { toTimestamp } from '../clock/time';
import type { ControlPlaneConfig, Store, VirtualTime, WatchEvent, WatchInterest } from '../sim/contracts';
import { admitPodCreate, admitPodPriorityClass, admitPodUpdate, applySchedulingGatedCondition } from './pod-admission';
import { preparePodCreate, preparePodUpdate } from './pod-generation';
import { admitWorkload, prepareJobCreate } from './workload-admission';
import { admitStorage } from './storage-admission';
import { admitQuota, type ResourceQuota } from './quota-admission';
import { applyLimitRangeDefaults, validateLimitRanges, type LimitRange } from './limit-range-admission';
import { deepClone, deepEqual } from './clone';
import { StoreError } from './store-error';
import { Collection } from './collection';
import { FanOut, type Handler } from './fan-out';
import { Indexes, type IndexedEntry } from './indexes';
import { resourceOf, scopeOf } from './resources';
import { uidOf } from './uid';
import { isObj } from '../model/is-object';

export { StoreError, type StoreErrorCode } from './store-error';
export { withDefaultTolerations, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './pod-admission';

/** Tests turn `create(obj, { take: true })` and `update(obj, { take: true })` into copying writes to compare the two. */
export const TAKE_FRESH = { enabled: true };

/**
 * The most pods the playground stores at once (a Podscape limit; the API server has none but
 * etcd's size or a ResourceQuota). Each workload is capped at 100,000 replicas, but a share link
 * or a file can hold many, and their pods together would exhaust the worker's memory (about
 * 9 KB of heap each once placed: 150,000 pods on 5,000 nodes take ~1.3 GB). A create past it is
 * refused with a Forbidden error, as a quota refuses it, so controllers record FailedCreate and
 * retry. Tests lower `max`.
 */
export const POD_LIMIT = { max: 200_000 };

export { REMEMBER_LAST_ENTRY } from './collection';
export { WATCH_BY_KIND } from './fan-out';

export interface ObjectStoreOptions {
  /** The virtual time (a Clock or a function). */
  clock: { readonly now: VirtualTime } | (() => VirtualTime);
  /** Source of uids and generated-name suffixes. */
  rng: Rng;
  /** For admission defaults (defaultTolerationSeconds, terminationGracePeriodSeconds; the MaxUnavailableStatefulSet gate, off when absent). */
  config: Pick<ControlPlaneConfig, 'defaultTolerationSeconds' | 'terminationGracePeriodSeconds'> & Partial<Pick<ControlPlaneConfig, 'maxUnavailableStatefulSet'>>;
}

const NONE: readonly KubeObject[] = [];

/**
 * One function for podsOnNode's and ownedBy's `.map`: an arrow written in the call is a new
 * closure per call, and V8 drops the optimized code of such closures once they are collected,
 * so it was compiled again kill after kill (round 23's trace).
 */
const entryObject = (e: IndexedEntry): KubeObject => e.obj;

/** Keys sort as (namespace, name): NUL sorts before every character a name may hold. */
const keyOf = (namespace: string, name: string) => `${namespace}\u0000${name}`;


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
  private readonly dropListeners: ((kind: string, id: number) => void)[] = [];
  /** Watch delivery; once every handler saw a DELETED event, its object's number is free again. */
  private readonly fanOut = new FanOut((e) => this.kinds.get(e.kind)!.releaseId(e.id!));
  private rv = 0;
  private readonly now: () => VirtualTime;
  private readonly rng: Rng;
  private readonly config: ObjectStoreOptions['config'];
  /**
   * Whether creates pass the LimitRanger and ResourceQuota admission plugins. The Simulation turns it off while it
   * loads a scenario (a dump of objects a cluster already admitted) and on again after.
   */
  resourceAdmission = true;

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
    return this.idx.podsOnNode(node).map(entryObject);
  }

  ownedBy(uid: string): KubeObject[] {
    return this.idx.owned(uid).map(entryObject);
  }

  /** Every kind that has (or had) objects, sorted. */
  kindNames(): string[] {
    return [...this.kinds.keys()].filter((k) => this.kinds.get(k)!.size > 0).sort();
  }

  /** Every object, sorted by kind, namespace, name. */
  all(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of this.kindNames()) out.push(...this.kinds.get(k)!.sorted());
    return out;
  }

  /** How many objects of a kind exist. */
  count(kind: string): number {
    return this.kinds.get(kind)?.size ?? 0;
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

    // Mutating admission (LimitRanger, Priority) runs before the registry store generates a name.
    const ranges = kind === 'Pod' && this.resourceAdmission ? this.namespaced<LimitRange>('LimitRange', namespace) : NONE;
    if (ranges.length > 0) applyLimitRangeDefaults(obj as unknown as Pod, ranges as LimitRange[]);
    if (kind === 'Pod') admitPodPriorityClass(obj as unknown as Pod, (this.kinds.get('PriorityClass')?.sorted() ?? NONE) as PriorityClass[]);
    const fromApi = typeof meta.uid === 'string' && meta.uid !== '';
    if (!meta.name) {
      if (typeof meta.generateName !== 'string' || meta.generateName === '') {
        throw new StoreError('Invalid', `${kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
      }
      // Upstream answers a clash of a generated name with AlreadyExists and the client retries; retry here.
      let name = '';
      for (let attempt = 0; attempt < 8; attempt++) {
        name = meta.generateName + this.rng.string(5);
        if (!col.has(namespace, name)) break;
      }
      meta.name = name;
    }
    if (typeof meta.name !== 'string') throw new StoreError('Invalid', `${kind} is invalid: metadata.name: Invalid value: must be a string`);
    if (col.has(namespace, meta.name)) throw new StoreError('AlreadyExists', `${resourceOf(kind)} "${meta.name}" already exists`);
    if (kind === 'Pod' && col.size >= POD_LIMIT.max) {
      throw new StoreError('Forbidden', `pods "${meta.name}" is forbidden: the playground holds at most ${POD_LIMIT.max} pods`);
    }

    // The PriorityClasses in key order, read only (no copy per created pod, as `list` makes).
    if (kind === 'Pod') admitPodCreate(obj as unknown as Pod, (this.kinds.get('PriorityClass')?.sorted() ?? NONE) as PriorityClass[], this.config, fromApi);
    else admitWorkload(obj, undefined, this.config);
    if (kind === 'PersistentVolumeClaim' || kind === 'PersistentVolume') admitStorage(obj, this.kinds.get('StorageClass')?.sorted() ?? NONE);
    if (ranges.length > 0) validateLimitRanges(obj as unknown as Pod, ranges as LimitRange[]);
    if (scope === 'Namespaced' && this.resourceAdmission) this.chargeQuotas(kind, obj, namespace);
    this.resolveOwnerUids(obj);
    if (typeof meta.uid !== 'string' || meta.uid === '') meta.uid = this.newUid();
    if (kind === 'Job') prepareJobCreate(obj);
    if (!meta.creationTimestamp) meta.creationTimestamp = toTimestamp(this.now());
    if (kind === 'Pod') applySchedulingGatedCondition(obj as unknown as Pod, toTimestamp(this.now()));
    if (col.generation && typeof meta.generation !== 'number') meta.generation = 1;
    if (kind === 'Pod') preparePodCreate(obj as unknown as Pod);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.resourceVersion = String(++this.rv);

    const entry = col.add(kind, namespace, meta.name, keyOf(namespace, meta.name), obj);
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
    else admitWorkload(obj, (old as { spec?: unknown }).spec, this.config);
    if (Array.isArray(meta.ownerReferences) && hasRefWithoutUid(meta.ownerReferences)) {
      meta.ownerReferences = meta.ownerReferences.map((r) => (isObj(r) ? { ...r } : r));
      this.resolveOwnerUids(obj);
    }
    if (col.generation) {
      const gen = typeof old.metadata.generation === 'number' ? old.metadata.generation : 1;
      // The update that first marks the object as deleting bumps it too (the registry store's
      // markAsDeleting, for kinds without graceful deletion; pods: pod-generation.ts).
      const marked = old.metadata.deletionTimestamp === undefined && meta.deletionTimestamp !== undefined ? 1 : 0;
      meta.generation = (deepEqual(old.spec, obj.spec) ? gen : gen + 1) + marked;
    }
    if (kind === 'DaemonSet') bumpTemplateGeneration(old, obj);
    else if (kind === 'Pod') preparePodUpdate(old as Pod, obj as unknown as Pod);
    meta.resourceVersion = String(++this.rv);
    entry.obj = obj;
    col.modified();
    // The stored object itself, edited in place (tolerated by the indexes, see the tests), is compared in full.
    this.idx.set(entry);
    this.emit({ type: 'MODIFIED', kind, object: obj, old, id: entry.id });
    return obj;
  }

  remove(kind: string, namespace: string | undefined, name: string): void {
    const col = this.kinds.get(kind);
    const e = col?.drop(col.ns(namespace), name);
    if (!col || e === undefined) return;
    const obj = e.obj;
    for (let i = 0; i < this.dropListeners.length; i++) this.dropListeners[i](kind, e.id);
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
    return this.fanOut.watch(handler, kinds, interest);
  }

  /**
   * Runs `fn` with watch delivery held back, then delivers everything it
   * caused, in order: handlers see the state after all of `fn`'s writes (as
   * controllers see a synced informer cache on start-up).
   */
  transaction<R>(fn: () => R): R {
    return this.fanOut.transaction(fn);
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

  /** ResourceQuota admission (quota-admission.ts): refuses the create, or charges the quotas that match it. */
  private chargeQuotas(kind: string, obj: KubeObject, namespace: string): void {
    const quotas = this.namespaced<ResourceQuota>('ResourceQuota', namespace);
    for (const q of admitQuota(quotas, kind, obj, this.now())) this.update(q);
  }

  /** A kind's objects in one namespace, read only; none (and no scan) while the kind has no objects. */
  private namespaced<T extends KubeObject>(kind: string, namespace: string): readonly T[] {
    const col = this.kinds.get(kind);
    if (col === undefined || col.size === 0) return NONE as readonly T[];
    return col.sorted().filter((o) => o.metadata.namespace === namespace) as T[];
  }

  private emit(e: WatchEvent): void {
    this.fanOut.emit(e);
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
