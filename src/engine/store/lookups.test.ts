/**
 * The store's direct lookups against a scan of what it holds: `get` (by namespace, then
 * name), `podsOnNode` and `ownedBy` (objects handed over from the index entries, kept current on
 * every write) must answer exactly what a scan of `list` finds, the same stored objects in
 * the same order, after any sequence of creates, updates and removes. And the table itself
 * (one name map per kind, entries in key order merged in lazily, collection.ts) against a
 * plain model: a map of every object the writes returned, sorted on demand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject, OwnerReference } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { ObjectStore, StoreError } from './object-store';

/** Namespaced (Pod, ReplicaSet), cluster-scoped (Node) and unknown-scope (Widget) kinds. */
const KINDS = ['Pod', 'ReplicaSet', 'Node', 'Widget'] as const;
const NAMESPACES = ['default', 'a', undefined] as const;
const NAMES = ['x', 'x-1'] as const;
const OWNERS = ['u1', 'u2', 'u3'] as const;

const refArb: fc.Arbitrary<OwnerReference[] | undefined> = fc.option(
  fc.array(
    fc.record({ uid: fc.constantFrom(...OWNERS, ''), controller: fc.boolean() }).map((r) => ({ apiVersion: 'v1', kind: 'ReplicaSet', name: 'o', ...r })),
    { maxLength: 3 },
  ),
  { nil: undefined },
);

const NODES = ['n1', 'n2', undefined] as const;

/** A timeout for these properties' 300 runs on a machine shared by many processes (a guard, not a timing). */
const SLOW = 300_000;

type Op = {
  op: 'write' | 'remove' | 'partial';
  kind: (typeof KINDS)[number];
  namespace: string | undefined;
  name: string;
  refs: OwnerReference[] | undefined;
  label: number;
  node: string | undefined;
};
const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom('write', 'write', 'remove', 'partial', 'partial'),
  kind: fc.constantFrom(...KINDS),
  namespace: fc.constantFrom(...NAMESPACES),
  name: fc.constantFrom(...NAMES),
  refs: refArb,
  label: fc.integer({ min: 0, max: 3 }),
  node: fc.constantFrom(...NODES),
}) as fc.Arbitrary<Op>;

function build(o: Op): KubeObject {
  const obj: KubeObject = { apiVersion: 'v1', kind: o.kind, metadata: { name: o.name, labels: { v: String(o.label) } } };
  if (o.namespace !== undefined) obj.metadata.namespace = o.namespace;
  if (o.refs !== undefined) obj.metadata.ownerReferences = o.refs.map((r) => ({ ...r }));
  if (o.kind === 'Pod') (obj as KubeObject & { spec: unknown }).spec = { containers: [{ name: 'c' }], ...(o.node ? { nodeName: o.node } : {}) };
  return obj;
}

/**
 * An update that keeps the stored spec and/or ownerReferences list objects themselves
 * (as status writes do) and takes the
 * op's for the rest; a status change either way.
 */
function partial(existing: KubeObject, o: Op): KubeObject {
  const fresh = build(o);
  const e = existing as KubeObject & { spec?: unknown };
  return {
    ...existing,
    metadata: { ...existing.metadata, ownerReferences: o.label % 2 === 0 ? existing.metadata.ownerReferences : fresh.metadata.ownerReferences },
    ...(o.kind === 'Pod' ? { spec: o.label < 2 ? e.spec : (fresh as KubeObject & { spec: unknown }).spec } : {}),
    status: { n: o.label },
  } as KubeObject;
}

/** What the store holds, by scanning every kind's list. */
function scanGet(store: ObjectStore, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
  const ns = kind === 'Node' ? undefined : kind === 'Widget' ? (namespace ?? '') : namespace || 'default';
  return store.list(kind).find((o) => o.metadata.name === name && (o.metadata.namespace ?? '') === (ns ?? ''));
}

function scanOwned(store: ObjectStore, uid: string): KubeObject[] {
  const key = (o: KubeObject) => `${o.kind}\u0000${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
  return store
    .all()
    .filter((o) => (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid))
    .sort((p, q) => (key(p) < key(q) ? -1 : key(p) > key(q) ? 1 : 0));
}

describe('ObjectStore lookups', () => {
  it('get, podsOnNode and ownedBy answer what a scan of the stored objects finds, after random writes (property)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 60 }), (ops) => {
        const store = new ObjectStore({ clock: new VirtualClock(), rng: new Rng(1), config: defaultControlPlaneConfig() });
        for (const o of ops) {
          const existing = store.get(o.kind, o.namespace, o.name);
          if (o.op === 'remove') store.remove(o.kind, o.namespace, o.name);
          else if (existing && o.op === 'partial') store.update(partial(existing, o));
          else if (existing) store.update(build(o));
          else store.create(build(o));
          for (const kind of KINDS) {
            for (const ns of NAMESPACES) for (const name of NAMES) expect(store.get(kind, ns, name)).toBe(scanGet(store, kind, ns, name));
          }
          for (const node of ['n1', 'n2']) {
            const want = store.list('Pod').filter((p) => (p as KubeObject & { spec: { nodeName?: string } }).spec.nodeName === node);
            const got = store.podsOnNode(node);
            expect(got.length).toBe(want.length);
            got.forEach((obj, i) => expect(obj).toBe(want[i]));
          }
          for (const uid of OWNERS) {
            const got = store.ownedBy(uid);
            const want = scanOwned(store, uid);
            expect(got.length).toBe(want.length);
            got.forEach((obj, i) => expect(obj).toBe(want[i]));
          }
        }
      }),
      { numRuns: 300 },
    );
  }, SLOW);
});

/** The plain model of the table: every object a write returned, by kind and `namespace/name`. */
type Model = Map<string, Map<string, KubeObject>>;

const nsOf = (kind: string, namespace: string | undefined) => (kind === 'Node' ? '' : kind === 'Widget' ? (namespace ?? '') : namespace || 'default');
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The model's objects of a kind in (namespace, name) order: what `list` must answer. */
function modelList(model: Model, kind: string): KubeObject[] {
  const objs = [...(model.get(kind)?.values() ?? [])];
  return objs.sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name!, b.metadata.name!));
}

type TableOp = Op | { op: 'generate' | 'list'; kind: (typeof KINDS)[number]; namespace: string | undefined };
const tableOpArb: fc.Arbitrary<TableOp> = fc.oneof(
  { weight: 6, arbitrary: opArb },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('generate' as const), kind: fc.constantFrom(...KINDS), namespace: fc.constantFrom(...NAMESPACES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('list' as const), kind: fc.constantFrom(...KINDS), namespace: fc.constantFrom(...NAMESPACES) }) },
);

describe('ObjectStore table', () => {
  it('list, all, count, kindNames, get and idOf answer what a plain model of the writes holds; a taken name is refused (property)', () => {
    fc.assert(
      fc.property(fc.array(tableOpArb, { minLength: 10, maxLength: 80 }), (ops) => {
        // A two-letter alphabet of generated suffixes would clash; the store's rng makes 5 of 36 (clashes are rare, retried).
        const store = new ObjectStore({ clock: new VirtualClock(), rng: new Rng(7), config: defaultControlPlaneConfig() });
        const model: Model = new Map(KINDS.map((k) => [k, new Map()]));
        for (const o of ops) {
          const m = model.get(o.kind)!;
          const ns = nsOf(o.kind, o.namespace);
          if (o.op === 'list') {
            // Lists between writes exercise the lazy merge of added and removed entries.
            expect(store.list(o.kind)).toEqual(modelList(model, o.kind));
            continue;
          }
          if (o.op === 'generate') {
            const obj = build({ op: 'write', kind: o.kind, namespace: o.namespace, name: '', refs: undefined, label: 0, node: undefined });
            delete obj.metadata.name;
            obj.metadata.generateName = 'x-';
            const got = store.create(obj);
            m.set(`${ns}/${got.metadata.name}`, got);
            continue;
          }
          const w = o as Op;
          const existing = store.get(w.kind, w.namespace, w.name);
          expect(existing).toBe(m.get(`${ns}/${w.name}`));
          if (w.op === 'remove') {
            store.remove(w.kind, w.namespace, w.name);
            m.delete(`${ns}/${w.name}`);
          } else if (existing && w.op === 'partial') m.set(`${ns}/${w.name}`, store.update(partial(existing, w)));
          else if (existing) {
            expect(() => store.create(build(w))).toThrow(StoreError);
            m.set(`${ns}/${w.name}`, store.update(build(w)));
          } else m.set(`${ns}/${w.name}`, store.create(build(w)));
        }
        const ids = new Set<string>();
        for (const kind of KINDS) {
          const want = modelList(model, kind);
          const got = store.list(kind);
          expect(got.length).toBe(want.length);
          got.forEach((obj, i) => expect(obj).toBe(want[i]));
          expect(store.count(kind)).toBe(want.length);
          for (const obj of want) {
            expect(store.get(kind, obj.metadata.namespace, obj.metadata.name!)).toBe(obj);
            const id = store.idOf(kind, obj.metadata.namespace, obj.metadata.name!);
            expect(id).toBeTypeOf('number');
            expect(ids.has(`${kind}/${id}`)).toBe(false);
            ids.add(`${kind}/${id}`);
          }
          for (const ns of ['default', 'a', '']) expect(store.list(kind, ns)).toEqual(want.filter((x) => (x.metadata.namespace ?? '') === ns || kind === 'Node'));
        }
        expect(store.kindNames()).toEqual(KINDS.filter((k) => model.get(k)!.size > 0).sort());
        expect(store.all()).toEqual(store.kindNames().flatMap((k) => modelList(model, k)));
      }),
      { numRuns: 300 },
    );
  }, SLOW);
});
