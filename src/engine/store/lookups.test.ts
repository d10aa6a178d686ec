/**
 * The store's direct lookups against a scan of what it holds: `get` (by namespace, then
 * name), `podsOnNode` and `ownedBy` (objects handed over from the index entries, kept current on
 * every write) must answer exactly what a scan of `list` finds, the same stored objects in
 * the same order, after any sequence of creates, updates and removes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject, OwnerReference } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { ObjectStore } from './object-store';

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
 * (as status writes do: the index may skip what is the very same object) and takes the
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
  });
});
