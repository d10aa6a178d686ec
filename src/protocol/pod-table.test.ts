import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeFrame, PodFrame } from './engine-api';
import { diffCollection } from './frame-codec';
import { frame, node, pod } from './frame-fixtures';
import { findPod, findPodByUid, podCount, podTableOf, withPodTable } from './frame-pods';
import { encodePods, NODE, PHASE_MASK, PHASES, PodTable, POD_FIELDS, READY, TERMINATING } from './pod-table';
import { packRows, unpackRows } from './pod-rows';

const key = (p: PodFrame) => `${p.namespace}/${p.name}`;

// Pods with every field varied: owners, deletion, 'forever' and numeric tolerations, pending evictions, unknown nodes, huge memory.
const arbPod = (name: string) =>
  fc
    .record({
      namespace: fc.constantFrom('default', 'kube-system'),
      phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown') as fc.Arbitrary<PodFrame['phase']>,
      nodeName: fc.option(fc.constantFrom('n1', 'n2', 'n3', 'gone')),
      deletionTimestamp: fc.option(fc.constantFrom('2026-01-01T00:05:00Z', '2026-01-01T00:06:00Z')),
      ready: fc.boolean(),
      owner: fc.option(fc.record({ kind: fc.constantFrom('ReplicaSet', 'Job', 'DaemonSet'), name: fc.constantFrom('a', 'b', 'ü-名') })),
      cpu: fc.nat(64_000),
      memory: fc.oneof(fc.nat(), fc.constant(2 ** 50 + 2)),
      toleration: fc.oneof(fc.constant('forever' as const), fc.nat(600), fc.constant(0.5)),
      evictionAt: fc.option(fc.nat()),
      uid: fc.constantFrom('u1', 'u2', `uid-${name}`),
    })
    .map(
      (r): PodFrame =>
        pod(name, r.nodeName, {
          uid: r.uid,
          namespace: r.namespace,
          phase: r.phase,
          deletionTimestamp: r.deletionTimestamp,
          ready: r.ready,
          owner: r.owner,
          requests: { cpu: r.cpu, memory: r.memory },
          unreachableToleration: r.toleration,
          evictionAt: r.evictionAt,
        }),
    );
const arbPods = fc
  .uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 })
  .map((ns) => ns.sort((a, b) => a - b).map((n) => `p-${String(n).padStart(2, '0')}`))
  .chain((names) => fc.tuple(...names.map(arbPod)));
const arbNodes = fc.subarray(['n1', 'n2', 'n3']).map((names) => names.map((n) => node(n)));

const table = (pods: PodFrame[], nodes: NodeFrame[]) => PodTable.fromPacket(structuredClone(encodePods(pods, nodes)), nodes);

describe('PodTable', () => {
  it('round-trips every field through the columns, pods bound to unknown nodes included', () => {
    fc.assert(
      fc.property(arbPods, arbNodes, (pods, nodes) => {
        const t = table(pods, nodes);
        expect(t.toArray()).toEqual(pods);
        pods.forEach((p, i) => {
          expect(t.key(i)).toBe(key(p));
          expect(t.node(i)).toBe(p.nodeName === null ? -1 : nodes.findIndex((n) => n.name === p.nodeName));
          expect(t.phase(i)).toBe(p.phase);
          expect(t.terminating(i)).toBe(p.deletionTimestamp !== null);
          expect(t.findKey(key(p))).toBe(i);
          expect(t.get(i)).toBe(t.get(i));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('follows any sequence of diffs exactly, changing a row’s version exactly when the row changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbPods, arbNodes), { minLength: 2, maxLength: 5 }), (steps) => {
        let [prevPods, prevNodes] = steps[0];
        let t = table(prevPods, prevNodes);
        for (const [pods, nodes] of steps.slice(1)) {
          const diff = diffCollection(prevPods, structuredClone(pods), key);
          const next = t.applyDiff(structuredClone(diff), nodes);
          expect(next.toArray()).toEqual(pods);
          pods.forEach((p, i) => expect(next.int(NODE, i)).toBe(p.nodeName === null ? -1 : nodes.findIndex((n) => n.name === p.nodeName)));
          const before = new Map(prevPods.map((p, i) => [key(p), { pod: p, version: t.versions[i], object: t.get(i) }]));
          pods.forEach((p, i) => {
            const old = before.get(key(p));
            const same = old !== undefined && JSON.stringify(old.pod) === JSON.stringify(p);
            expect(next.versions[i] === old?.version).toBe(same);
            if (same) expect(next.get(i)).toBe(old.object);
          });
          if (diff === null && nodes.map((n) => n.name).join() === prevNodes.map((n) => n.name).join()) expect(next).toBe(t);
          [prevPods, prevNodes, t] = [pods, nodes, next];
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps each row object across a long lineage of diffs, in every table that gave it out, with a bounded map', () => {
    const nodes = [node('n1')];
    let pods = Array.from({ length: 8 }, (_, i) => pod(`p-${i}`, 'n1', { requests: { cpu: 0, memory: 0 } }));
    let t = table(pods, nodes);
    const tables: { t: PodTable; objects: PodFrame[] }[] = [];
    for (let step = 1; step <= 400; step++) {
      // Every row but the first changes: each step leaves seven versions behind.
      const next = pods.map((p, i) => (i === 0 ? p : { ...p, requests: { cpu: step, memory: 0 } }));
      const nextTable = t.applyDiff(structuredClone(diffCollection(pods, next, key)), nodes);
      const objects = nextTable.toArray();
      expect(objects).toEqual(next);
      expect(nextTable.get(0)).toBe(t.get(0)); // unchanged: the same object
      tables.push({ t: nextTable, objects });
      [pods, t] = [next, nextTable];
    }
    // Every table still gives out the objects it gave before (the old tables keep their map).
    for (const { t: old, objects } of tables) objects.forEach((o, i) => expect(old.get(i)).toBe(o));
    expect((t as unknown as { rows: Map<number, PodFrame> }).rows.size).toBeLessThanOrEqual(2 * 8 + 1024 + 8);
  });

  it('keeps a Running pod that is not Ready apart from a Ready one in the phase byte: full frame, object diff and packed rows', () => {
    const nodes = [node('n1')];
    const byte = (t: PodTable, name: string) => t.phases[[...Array(t.length).keys()].find((i) => t.get(i).name === name)!];
    const pods = [pod('a', 'n1', { ready: true }), pod('b', 'n1', { ready: false }), pod('c', 'n1', { ready: false, deletionTimestamp: '2026-01-01T00:00:00Z' })];
    const full = table(pods, nodes);
    const running = PHASES.indexOf('Running');
    expect(byte(full, 'a')).toBe(running | READY);
    expect(byte(full, 'b')).toBe(running);
    expect(byte(full, 'c')).toBe(running | TERMINATING);
    // A readiness probe passes for b and starts failing for a: an object diff flips both bits.
    const diff = { changed: [[0, { ...pods[0], ready: false }], [1, { ...pods[1], ready: true }]] as [number, PodFrame][], added: [], removed: [], length: 3 };
    const flipped = full.applyDiff(diff, nodes);
    expect([byte(flipped, 'a'), byte(flipped, 'b')]).toEqual([running, running | READY]);
    // The same diff as packed columns (a large frame's path) gives the same bytes.
    const packed = unpackRows(structuredClone(packRows(structuredClone(diff), nodes)), nodes);
    const viaColumns = full.applyDiff({ changed: [], added: [], removed: [], length: 3 }, nodes, packed);
    expect([...viaColumns.phases]).toEqual([...flipped.phases]);
    expect([...viaColumns.phases].map((b) => PHASES[b & PHASE_MASK])).toEqual(['Running', 'Running', 'Running']);
  });

  it('carries every PodFrame field (a new field must be added to the columns)', () => {
    expect(POD_FIELDS.sort()).toEqual(Object.keys(pod('a', null)).sort());
  });
});

describe('frames with a pod table', () => {
  const nodes = [node('n1')];
  const pods = [pod('a', 'n1'), pod('b', null)];

  it('build their pods on first read, as plain data that clones and spreads', () => {
    const t = table(pods, nodes);
    const { pods: _, ...rest } = frame({ nodes, pods });
    const f = withPodTable(rest, t);
    expect(podTableOf(f)).toBe(t);
    expect(podCount(f)).toBe(2);
    expect(findPod(f, 'default/b')).toBe(t.get(1));
    expect(findPod(f, 'default/x')).toBeNull();
    expect(findPodByUid(f, pods[0].uid)).toBe(t.get(0));
    expect(findPodByUid(f, 'no-such-uid')).toBeNull();
    expect(f.pods).toBe(f.pods);
    expect(structuredClone({ ...f })).toEqual(frame({ nodes, pods }));
  });

  it('answer the same questions for plain frames', () => {
    const f = frame({ nodes, pods });
    expect(podTableOf(f).toArray()).toEqual(pods);
    expect(podTableOf(f).get(0)).toBe(pods[0]);
    expect(podTableOf(f)).toBe(podTableOf({ ...f }));
    expect(podCount(f)).toBe(2);
    expect(findPod(f, 'default/a')).toBe(pods[0]);
    expect(findPodByUid(f, pods[1].uid)).toBe(pods[1]);
  });
});
