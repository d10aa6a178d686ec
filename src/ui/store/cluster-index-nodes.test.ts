import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame } from '../../protocol/engine-api';
import { frame, node } from '../../protocol/frame-fixtures';
import { EMPTY_INDEX, equal, indexFrame, type ClusterIndex } from './cluster-index';

/** One step of a node list's life: what the frames of a playing cluster do to it. */
type Step =
  | { kind: 'beat'; at: number } // every node's object anew, labels object kept (the codec's heartbeats)
  | { kind: 'same' } // the very list again (a frame whose nodes did not change)
  | { kind: 'cordon'; i: number }
  | { kind: 'relabel'; i: number; key: string }
  | { kind: 'clone' } // equal objects, none the same (a full frame)
  | { kind: 'add'; name: string }
  | { kind: 'remove'; i: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('beat' as const), at: fc.integer({ min: 0, max: 5 }) }),
  fc.constant({ kind: 'same' as const }),
  fc.record({ kind: fc.constant('cordon' as const), i: fc.nat() }),
  fc.record({ kind: fc.constant('relabel' as const), i: fc.nat(), key: fc.constantFrom('a', 'b', 'zone') }),
  fc.constant({ kind: 'clone' as const }),
  fc.record({ kind: fc.constant('add' as const), name: fc.constantFrom('n0', 'n3', 'n7', 'n9') }),
  fc.record({ kind: fc.constant('remove' as const), i: fc.nat() }),
);

function apply(nodes: NodeFrame[], s: Step): NodeFrame[] {
  const at = (i: number) => i % nodes.length;
  switch (s.kind) {
    case 'beat':
      return nodes.map((n) => ({ ...n, lastHeartbeat: s.at }));
    case 'same':
      return nodes;
    case 'cordon':
      return nodes.length ? nodes.map((n, i) => (i === at(s.i) ? { ...n, unschedulable: !n.unschedulable } : n)) : nodes;
    case 'relabel':
      return nodes.length ? nodes.map((n, i) => (i === at(s.i) ? { ...n, labels: { ...n.labels, [s.key]: 'x' } } : n)) : nodes;
    case 'clone':
      return structuredClone(nodes);
    case 'add':
      return nodes.some((n) => n.name === s.name) ? nodes : [...nodes, node(s.name, { labels: { a: '1' } })].sort((x, y) => x.name.localeCompare(y.name));
    case 'remove':
      return nodes.length ? nodes.filter((_, i) => i !== at(s.i)) : nodes;
  }
}

/** What the index said before its node part became lazy: every map built, each equal object kept from the last one. */
function reference(prev: Map<string, NodeFrame> | null, nodes: readonly NodeFrame[]): Map<string, NodeFrame> {
  const next = new Map(nodes.map((n) => [n.name, n]));
  if (!prev) return next;
  for (const [name, n] of next) if (prev.has(name) && equal(prev.get(name), n)) next.set(name, prev.get(name)!);
  return next;
}

describe('indexFrame node part (built on first read)', () => {
  it('answers as the eager index did, whichever indexes are read, and keeps every equal node object', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.boolean()), { maxLength: 25 }), (steps) => {
        let nodes: NodeFrame[] = ['n1', 'n2', 'n4'].map((name) => node(name, { labels: { a: name } }));
        let index: ClusterIndex = indexFrame(EMPTY_INDEX, frame({ nodes }));
        let ref = reference(null, nodes);
        expect(index.nodes.get('n1')).toBe(nodes[0]);
        let seq = 1;
        for (const [s, look] of steps) {
          nodes = apply(nodes, s);
          const next: Frame = frame({ seq: ++seq, reset: false, nodes });
          const before = index;
          index = indexFrame(index, next);
          const refNext = reference(ref, nodes);
          expect(index.nodeNames).toEqual(nodes.map((n) => n.name));
          expect(index.labelKeys).toEqual([...new Set(nodes.flatMap((n) => Object.keys(n.labels)))].sort());
          if (equal([...before.nodeNames], [...index.nodeNames])) expect(index.nodeNames).toBe(before.nodeNames);
          if (look) {
            const map = index.nodes;
            expect([...map.keys()]).toEqual([...refNext.keys()]);
            for (const [name, n] of map) expect(equal(n, refNext.get(name))).toBe(true);
            // Reading it built the previous index's map first: every object equal to that
            // map's is that map's object (as the eager index kept them), and the map itself
            // when nothing changed.
            const last = before.nodes;
            for (const [name, n] of map) if (last.has(name) && equal(last.get(name), n)) expect(n).toBe(last.get(name));
            if (map.size === last.size && [...map].every(([name, n]) => last.get(name) === n)) expect(map).toBe(last);
            expect(index.nodes).toBe(map); // built once
          }
          ref = refNext;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not build the node map of an index nobody reads', () => {
    const a = indexFrame(EMPTY_INDEX, frame({ nodes: [node('w1')] }));
    let built = 0;
    const nodes = [node('w1', { lastHeartbeat: 1 })];
    const watched = new Proxy(nodes, {
      get(target, key, receiver) {
        if (key === 'map') built++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const b = indexFrame(a, frame({ seq: 2, reset: false, nodes: watched }));
    expect(built).toBe(0);
    expect(b.nodes.get('w1')).toBe(nodes[0]);
    expect(built).toBe(1);
  });
});
