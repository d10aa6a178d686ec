/**
 * The patch formats on their own: RFC 7386 and RFC 6902 laws (fast-check), and strategic merge
 * cases written from strategicpatch's behaviour and the Kubernetes "Update API objects in place
 * using kubectl patch" task (a new container goes first; tolerations are replaced).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isObj } from '../model/is-object';
import { deepEqual } from '../store/clone';
import { jsonPatch, JsonPatchError, mergePatch, PatchError, strategicMergePatch } from './patch-ops';
import { schemaOf } from './three-way';

type Obj = Record<string, unknown>;
const leaf = fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
const key = fc.constantFrom('a', 'b', 'c', 'd', 'spec', 'x/y', 'm~n');
const doc: fc.Arbitrary<Obj> = fc.letrec<{ node: Obj }>((tie) => ({
  node: fc.dictionary(key, fc.oneof({ maxDepth: 3 }, leaf, tie('node')), { maxKeys: 4 }),
})).node;

/** The smallest merge patch taking `a` to `b` (what `kubectl` computes for a two-way merge patch). */
function diff(a: Obj, b: Obj): Obj {
  const out: Obj = {};
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  for (const [k, v] of Object.entries(b)) {
    if (isObj(a[k]) && isObj(v)) {
      const d = diff(a[k] as Obj, v);
      if (Object.keys(d).length > 0) out[k] = d;
    } else if (!deepEqual(a[k], v)) out[k] = v;
  }
  return out;
}

describe('JSON merge patch (RFC 7386)', () => {
  it('patching a with the diff of a and b yields b', () => {
    fc.assert(fc.property(doc, doc, (a, b) => deepEqual(mergePatch(a, diff(a, b)), b)));
  });
  it('is idempotent, and never writes its inputs', () => {
    fc.assert(
      fc.property(doc, doc, (a, p) => {
        const [a0, p0] = [JSON.stringify(a), JSON.stringify(p)];
        const once = mergePatch(a, p);
        expect(JSON.stringify(a) + JSON.stringify(p)).toBe(a0 + p0);
        return deepEqual(mergePatch(once, p), once);
      }),
    );
  });
  it('follows the RFC examples: null deletes, lists and scalars replace, a non-object patch replaces the target', () => {
    expect(mergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(mergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(mergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(mergePatch([1, 2], { a: 'b', c: null })).toEqual({ a: 'b' });
    expect(mergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });
});

const pointer = (path: string[]) => path.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

describe('JSON patch (RFC 6902)', () => {
  it('add then remove of a new key gives the document back; test of the current value changes nothing', () => {
    fc.assert(
      fc.property(doc, key, leaf, (a, k, v) => {
        fc.pre(!(k in a));
        const added = jsonPatch(a, [{ op: 'add', path: pointer([k]), value: v }]);
        expect((added as Obj)[k]).toEqual(v);
        expect(jsonPatch(added, [{ op: 'remove', path: pointer([k]) }])).toEqual(a);
        for (const [name, value] of Object.entries(a)) expect(jsonPatch(a, [{ op: 'test', path: pointer([name]), value }])).toEqual(a);
      }),
    );
  });
  it('replace of an existing key is the merge patch of that key; move is copy then remove', () => {
    fc.assert(
      fc.property(doc, leaf, (a, v) => {
        for (const k of Object.keys(a)) {
          expect(jsonPatch(a, [{ op: 'replace', path: pointer([k]), value: v }])).toEqual(mergePatch(a, { [k]: v }));
          const to = `${k}-moved`;
          expect(jsonPatch(a, [{ op: 'move', from: pointer([k]), path: pointer([to]) }])).toEqual(
            jsonPatch(a, [
              { op: 'copy', from: pointer([k]), path: pointer([to]) },
              { op: 'remove', path: pointer([k]) },
            ]),
          );
        }
      }),
    );
  });
  it('fails a whole patch on a failed test, a missing path, a bad index or an unknown op', () => {
    const a = { spec: { list: [1, 2], n: 1 } };
    const bad = [
      [{ op: 'test', path: '/spec/n', value: 2 }],
      [{ op: 'remove', path: '/spec/missing' }],
      [{ op: 'replace', path: '/spec/missing', value: 1 }],
      [{ op: 'add', path: '/nope/x', value: 1 }],
      [{ op: 'add', path: '/spec/list/5', value: 1 }],
      [{ op: 'remove', path: '/spec/list/-' }],
      [{ op: 'frobnicate', path: '/spec' }],
      [{ op: 'add', path: '/spec/k', value: 1 }, { op: 'test', path: '/spec/k', value: 2 }],
    ];
    for (const ops of bad) expect(() => jsonPatch(a, ops)).toThrow(JsonPatchError);
    expect(a).toEqual({ spec: { list: [1, 2], n: 1 } });
    expect(jsonPatch(a, [{ op: 'add', path: '/spec/list/-', value: 3 }, { op: 'add', path: '/spec/list/0', value: 0 }])).toEqual({ spec: { list: [0, 1, 2, 3], n: 1 } });
  });
});

const deployment = (podSpec: Obj, meta: Obj = {}): Obj => ({ kind: 'Deployment', metadata: { name: 'web', ...meta }, spec: { template: { spec: podSpec } } });
const smp = (target: Obj, patch: Obj) => strategicMergePatch(target, patch, schemaOf(String(target.kind)));
const podSpecOf = (o: Obj) => ((o.spec as Obj).template as Obj).spec as Obj;
const podPatch = (spec: Obj): Obj => ({ spec: { template: { spec } } });

describe('strategic merge patch', () => {
  const stored = deployment({
    containers: [
      { name: 'app', image: 'nginx', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }], volumeMounts: [{ mountPath: '/data', name: 'd' }] },
    ],
    volumes: [{ name: 'd', emptyDir: {} }],
    imagePullSecrets: [{ name: 'reg' }],
    tolerations: [{ key: 'a', operator: 'Exists' }],
  });

  it('merges containers by name: a named one is merged in place, a new one goes first (as the kubectl patch task shows)', () => {
    const out = podSpecOf(smp(stored, podPatch({ containers: [{ name: 'app', image: 'nginx:2' }] })));
    expect(out.containers).toEqual([{ ...((podSpecOf(stored).containers as Obj[])[0] as Obj), image: 'nginx:2' }]);
    const added = podSpecOf(smp(stored, podPatch({ containers: [{ name: 'redis', image: 'redis' }] })));
    expect((added.containers as Obj[]).map((c) => c.name)).toEqual(['redis', 'app']);
  });

  it('merges env by name, ports by containerPort, volumeMounts by mountPath, volumes and imagePullSecrets by name', () => {
    const out = podSpecOf(
      smp(
        stored,
        podPatch({
          containers: [{ name: 'app', env: [{ name: 'B', value: '3' }], ports: [{ containerPort: 443 }], volumeMounts: [{ mountPath: '/data', readOnly: true }] }],
          volumes: [{ name: 'cache', emptyDir: {} }],
          imagePullSecrets: [{ name: 'other' }],
        }),
      ),
    );
    const app = (out.containers as Obj[])[0];
    expect(app.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }]);
    expect(app.ports).toEqual([{ containerPort: 443 }, { containerPort: 80 }]);
    expect(app.volumeMounts).toEqual([{ mountPath: '/data', name: 'd', readOnly: true }]);
    expect((out.volumes as Obj[]).map((v) => v.name)).toEqual(['cache', 'd']);
    expect(out.imagePullSecrets).toEqual([{ name: 'other' }, { name: 'reg' }]);
  });

  it('replaces a list without a merge key (tolerations); null deletes a key', () => {
    const out = podSpecOf(smp(stored, podPatch({ tolerations: [{ key: 'b', operator: 'Exists' }], imagePullSecrets: null })));
    expect(out.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect('imagePullSecrets' in out).toBe(false);
  });

  it('honours $patch: delete on a list item and a map, $patch: replace on a list and a map', () => {
    const two = deployment({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] });
    expect(podSpecOf(smp(two, podPatch({ containers: [{ name: 'a', $patch: 'delete' }] }))).containers).toEqual([{ name: 'b', image: 'y' }]);
    expect(podSpecOf(smp(two, podPatch({ containers: [{ $patch: 'replace' }, { name: 'c', image: 'z' }] }))).containers).toEqual([{ name: 'c', image: 'z' }]);
    const withSel = { ...two, spec: { ...(two.spec as Obj), strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    expect((smp(withSel, { spec: { strategy: { type: 'Recreate', $patch: 'replace' } } }).spec as Obj).strategy).toEqual({ type: 'Recreate' });
    expect('strategy' in (smp(withSel, { spec: { strategy: { $patch: 'delete' } } }).spec as Obj)).toBe(false);
    // Without a directive the map is merged: rollingUpdate stays (and validation refuses it for Recreate).
    expect((smp(withSel, { spec: { strategy: { type: 'Recreate' } } }).spec as Obj).strategy).toEqual({ type: 'Recreate', rollingUpdate: { maxSurge: 1 } });
  });

  it('merges finalizers as a set and ownerReferences by uid; $deleteFromPrimitiveList removes values', () => {
    const pod = { kind: 'Pod', metadata: { name: 'p', finalizers: ['x'], ownerReferences: [{ uid: '1', name: 'a' }] }, spec: {} };
    const out = smp(pod, { metadata: { finalizers: ['y', 'x'], ownerReferences: [{ uid: '1', controller: true }] } }).metadata as Obj;
    expect(out.finalizers).toEqual(['y', 'x']);
    expect(out.ownerReferences).toEqual([{ uid: '1', name: 'a', controller: true }]);
    expect((smp(pod, { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }).metadata as Obj).finalizers).toEqual([]);
  });

  it('refuses a list item without its merge key', () => {
    expect(() => smp(stored, podPatch({ containers: [{ image: 'x' }] }))).toThrow(new PatchError('Error from server: map: map[image:x] does not contain declared merge key: name'));
  });
});
