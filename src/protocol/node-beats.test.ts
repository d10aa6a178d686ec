import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame } from './engine-api';
import { frame, node } from './frame-fixtures';
import { decodeFrame, encodeFrame } from './frame-codec';
import { applyBeats, type BeatOwned } from './node-beats';

/** One step of a node list's life, as the host's frames move. */
type Step =
  | { kind: 'beat'; nodes: number[]; at: number; stale: number | null } // heartbeats only
  | { kind: 'status'; node: number; status: NodeFrame['status'] } // a field the cards show
  | { kind: 'add' }
  | { kind: 'remove'; node: number };

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('beat' as const), nodes: fc.uniqueArray(fc.nat(7), { minLength: 1 }), at: fc.nat(1000), stale: fc.option(fc.nat(1000)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), node: fc.nat(7), status: fc.constantFrom('Ready', 'NotReady', 'Unknown') as fc.Arbitrary<NodeFrame['status']> }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'add' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), node: fc.nat(7) }) },
);

/** Freezes a frame's node objects (and the list): a decoder that changed one of them would throw. */
const frozen = (f: Frame): Frame => {
  f.nodes.forEach((n) => Object.freeze(n));
  Object.freeze(f.nodes);
  return f;
};

/** The host's next frame: new objects for what changed, the same objects for the rest (as FrameBuilder does). */
function next(prev: Frame, step: Step, seq: number): Frame {
  let nodes = prev.nodes.slice();
  if (step.kind === 'beat') for (const i of step.nodes) if (i < nodes.length) nodes[i] = { ...nodes[i], lastHeartbeat: step.at + seq, readyUnknownAt: step.stale };
  if (step.kind === 'status' && step.node < nodes.length) nodes[step.node] = { ...nodes[step.node], status: step.status, lastHeartbeat: seq };
  if (step.kind === 'add') nodes.push(node(`n-${String(seq).padStart(3, '0')}`, { lastHeartbeat: seq }));
  if (step.kind === 'remove') nodes = nodes.filter((_, i) => i !== step.node);
  return frozen(frame({ seq, time: seq * 100, reset: false, playing: true, nodes }));
}

describe('heartbeats applied in place (node-beats.ts)', () => {
  it('decodes every lineage to the same frames as the copying decoder, changing only objects it built itself', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 25 }), fc.boolean(), (steps, cloned) => {
        let host = frozen(frame({ seq: 1, reset: true, nodes: Array.from({ length: 5 }, (_, i) => node(`n-${i}`, { labels: { zone: 'a' }, lastHeartbeat: 0 })) }));
        const owned: BeatOwned = new WeakSet();
        // In process (not cloned) the packets hold the host's own (frozen) objects.
        const wire = (p: ReturnType<typeof encodeFrame>) => (cloned ? structuredClone(p) : p);
        let copying = decodeFrame(null, wire(encodeFrame(null, host)));
        let inPlace = decodeFrame(null, wire(encodeFrame(null, host)), owned);
        inPlace.nodes.forEach((n) => Object.freeze(n)); // the full frame's objects: never changed in place
        steps.forEach((step, k) => {
          const following = next(host, step, k + 2);
          const packet = encodeFrame(host, following);
          const previous = inPlace;
          const beforeObjects = previous.nodes.slice();
          const reference = decodeFrame(copying, wire(packet));
          inPlace = decodeFrame(inPlace, wire(packet), owned);
          expect(inPlace.nodes).toEqual(following.nodes);
          expect(inPlace.nodes).toEqual(reference.nodes);
          // Only heartbeats moved and every beaten node already had its own object: nothing new.
          const onlyBeats = packet.kind === 'diff' && packet.diff.nodes === null;
          if (onlyBeats && beforeObjects.every((n, i) => owned.has(n) || !packet.diff.nodeBeats?.some((x, j) => j % 3 === 0 && x === i))) {
            expect(inPlace.nodes).toBe(previous.nodes);
          }
          // A node whose heartbeat did not move is the same object as before.
          inPlace.nodes.forEach((n, i) => {
            const before = beforeObjects.find((b) => b.name === n.name);
            if (before && following.nodes[i] === host.nodes.find((h) => h.name === n.name)) expect(n).toBe(before);
          });
          host = following;
          copying = reference;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('copies a node once, then moves its heartbeat in place; without an owner set it always copies', () => {
    const nodes = [node('a', { lastHeartbeat: 0, labels: { zone: 'z' } }), node('b', { lastHeartbeat: 0 })];
    const owned: BeatOwned = new WeakSet();
    const first = applyBeats(nodes, Float64Array.from([0, 10, 50]), owned);
    expect(first).not.toBe(nodes);
    expect(first[0]).not.toBe(nodes[0]);
    expect(nodes[0].lastHeartbeat).toBe(0); // the original is untouched
    expect(first[0]).toEqual({ ...nodes[0], lastHeartbeat: 10, readyUnknownAt: 50 });
    expect(first[0].labels).toBe(nodes[0].labels);
    expect(first[1]).toBe(nodes[1]);
    const second = applyBeats(first, Float64Array.from([0, 20, NaN]), owned);
    expect(second).toBe(first);
    expect(second[0]).toBe(first[0]);
    expect(second[0]).toMatchObject({ lastHeartbeat: 20, readyUnknownAt: null });
    const copied = applyBeats(first, Float64Array.from([0, 30, 60]));
    expect(copied).not.toBe(first);
    expect(copied[0]).not.toBe(first[0]);
    expect(first[0].lastHeartbeat).toBe(20);
    expect(() => applyBeats(nodes, Float64Array.from([2, 1, 1]), owned)).toThrow('no node at index 2');
  });
});
