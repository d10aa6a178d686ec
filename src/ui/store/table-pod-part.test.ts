import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame, PodFrame } from '../../protocol/engine-api';
import { decodeFrame, encodeFrame } from '../../protocol/frame-codec';
import { frame, node, pod } from '../../protocol/frame-fixtures';
import { encodePods, PodTable } from '../../protocol/pod-table';
import { EMPTY_INDEX, indexFrame, type ClusterIndex } from './cluster-index';
import { NodePodsMap, podOwners, SCANNED_LOOKUPS, TablePodMap } from './table-pod-part';

// Random clusters: pods on known nodes, on a node the frame lacks, or unbound (some queued).
const arbFrame = (seq: number, reset: boolean) =>
  fc
    .record({
      nodes: fc.uniqueArray(fc.constantFrom('n1', 'n2', 'n3', 'n4'), { maxLength: 4 }),
      pods: fc.uniqueArray(
        fc.record({ name: fc.integer({ min: 0, max: 30 }), node: fc.option(fc.constantFrom('n1', 'n2', 'n3', 'n4', 'gone')), owner: fc.option(fc.constantFrom('a', 'b', 'c')), queued: fc.boolean() }),
        { selector: (p) => p.name, maxLength: 30 },
      ),
    })
    .map(({ nodes, pods }): Frame => {
      const list: PodFrame[] = pods
        .sort((a, b) => a.name - b.name)
        .map((p) => pod(`p-${String(p.name).padStart(2, '0')}`, p.node, { owner: p.owner === null ? null : { kind: 'ReplicaSet', name: p.owner } }));
      const queue = pods.filter((p) => p.node === null && p.queued).map((p) => ({ namespace: 'default', name: `p-${String(p.name).padStart(2, '0')}`, queue: 'active' as const, reason: null, message: `waiting ${p.name}` }));
      queue.sort((a, b) => a.name.localeCompare(b.name));
      return frame({ seq, reset, nodes: nodes.sort().map((n) => node(n)), pods: list, queue });
    });

/** Everything an index's pod part answers, as plain data. */
const answers = (index: ClusterIndex, uids: string[], names: string[]) => ({
  pods: [...index.pods.entries()],
  byUid: uids.map((uid) => index.pods.get(uid) ?? null),
  has: uids.map((uid) => index.pods.has(uid)),
  size: index.pods.size,
  podsByNode: [...index.podsByNode.entries()],
  byNode: names.map((name) => index.podsByNode.get(name) ?? null),
  pending: index.pending,
  pendingMessages: [...index.pendingMessages.entries()],
  owners: new Set(podOwners(index.pods).map((o) => `${o.kind}/${o.name}`)),
});

describe('the pod part read from a pod table', () => {
  it('answers every question as the part built from the pod objects does, then hands over to the next frames', () => {
    fc.assert(
      fc.property(arbFrame(1, true), arbFrame(2, false), (first, second) => {
        const decoded = decodeFrame(null, structuredClone(encodeFrame(null, first)));
        const fromTable = indexFrame(EMPTY_INDEX, decoded);
        const fromObjects = indexFrame(EMPTY_INDEX, first);
        const uids = [...first.pods.map((p) => p.uid), 'uid-nope'];
        const names = ['n1', 'n2', 'n3', 'n4', 'gone'];
        expect(fromTable.pods).toBeInstanceOf(TablePodMap);
        expect(fromTable.podsByNode).toBeInstanceOf(NodePodsMap);
        expect(answers(fromTable, uids, names)).toEqual(answers(fromObjects, uids, names));
        // A full frame's owners come once each, in the order the pods first name them.
        const firstSeen = [...new Set(first.pods.flatMap((p) => (p.owner ? [`${p.owner.kind}/${p.owner.name}`] : [])))];
        expect(podOwners(fromTable.pods).map((o) => `${o.kind}/${o.name}`)).toEqual(firstSeen);
        // The next frame (a diff) builds its part from this one, as from any other.
        const next = decodeFrame(decoded, structuredClone(encodeFrame(first, second)));
        const uids2 = [...second.pods.map((p) => p.uid), ...uids];
        expect(answers(indexFrame(fromTable, next), uids2, names)).toEqual(answers(indexFrame(fromObjects, second), uids2, names));
      }),
      { numRuns: 300 },
    );
  });

  it('answers one pod or one node without building the other pods', () => {
    const pods = Array.from({ length: 100 }, (_, i) => pod(`p-${String(i).padStart(3, '0')}`, i % 2 ? 'n1' : 'n2'));
    const decoded = decodeFrame(null, encodeFrame(null, frame({ nodes: [node('n1'), node('n2')], pods })));
    const index = indexFrame(EMPTY_INDEX, decoded);
    const map = index.pods as TablePodMap;
    // The table's row objects, by version (pod-table.ts): how many were built.
    const built = () => (map.table as unknown as { rows: Map<number, unknown> }).rows.size;
    expect(index.pods.get('uid-p-007')?.name).toBe('p-007');
    expect(index.podsByNode.get('n1')).toHaveLength(50);
    expect(index.pending).toEqual([]);
    expect(podOwners(index.pods)).toEqual([]);
    expect(built()).toBe(1);
  });
});

describe('the uid index over a pod table', () => {
  // A small alphabet: duplicate uids, hash collisions, non-ASCII text and lone surrogates (whose pool travels as text).
  const uid = fc.string({ unit: fc.constantFrom('a', 'b', '-', 'é', '😀', '\uD800'), maxLength: 5 });
  it('finds the row a Map of uid → row (set in row order) finds, through a full frame and a diff', () => {
    fc.assert(
      fc.property(fc.array(uid, { maxLength: 40 }), fc.array(uid, { maxLength: 10 }), uid, uid, (uids, others, changedUid, addedUid) => {
        const pods = uids.map((u, i) => ({ ...pod(`p${i}`, null), uid: u }));
        const table = PodTable.fromPacket(structuredClone(encodePods(pods, [])), []);
        const check = (t: PodTable, list: readonly PodFrame[]) => {
          const map = new TablePodMap(t);
          const reference = new Map(list.map((p, i) => [p.uid, i]));
          // Past SCANNED_LOOKUPS the index answers; a fresh map per question, a scan.
          for (const q of [...list.map((p) => p.uid), ...others, changedUid, addedUid, 'uid-nope', ...Array<string>(SCANNED_LOOKUPS).fill('')]) {
            const row = reference.get(q);
            expect(map.get(q)).toBe(row === undefined ? undefined : t.get(row));
            expect(map.has(q)).toBe(row !== undefined);
            expect(new TablePodMap(t).get(q)).toBe(row === undefined ? undefined : t.get(row));
          }
        };
        check(table, pods);
        // A diff brings strings the full frame's pool lacks (the pool's extra ids).
        const changed = pods.length > 0 ? [[0, { ...pods[0], uid: changedUid }] as [number, PodFrame]] : [];
        const added: [number, PodFrame][] = [[pods.length, { ...pod('added', null), uid: addedUid }]];
        const next = [...pods.map((p, i) => (i === 0 ? changed[0][1] : p)), added[0][1]];
        check(table.applyDiff({ changed, added, removed: [], length: next.length }, []), next);
      }),
      { numRuns: 300 },
    );
  });
});
