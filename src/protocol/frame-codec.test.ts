import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DrainLine, Frame, NodeFrame, PodFrame, WorkloadFrame } from './engine-api';
import { frame, node, pod } from './frame-fixtures';
import { applyCollection, decodeFrame, deepEqual, diffCollection, encodeFrame, framePacketTransfer, type FrameDiff } from './frame-codec';

const amounts = { cpu: 1000, memory: 2 ** 30, pods: 110 };
const nodeOf = (name: string, over: Partial<NodeFrame> = {}): NodeFrame => node(name, { allocatable: amounts, ...over });
const podOf = (name: string, over: Partial<PodFrame> = {}): PodFrame => pod(name, 'n1', { ready: true, requests: { cpu: 100, memory: 0 }, ...over });
const frameOf = (seq: number, over: Partial<Frame> = {}): Frame => frame({ seq, time: seq * 100, playing: true, speed: 10, reset: false, ...over });

// Arbitrary frames: sorted, unique keys, and fields that change between frames.
const names = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 25 }).map((ns) => ns.sort((a, b) => a - b).map((n) => `o-${String(n).padStart(2, '0')}`));
const arbNodes = names.chain((ns) =>
  fc.tuple(...ns.map((n) => fc.record({ status: fc.constantFrom('Ready', 'NotReady', 'Unknown') as fc.Arbitrary<NodeFrame['status']>, cpu: fc.nat(3), labels: fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom('x', 'y')), beat: fc.option(fc.nat(2)), stale: fc.option(fc.nat(2)) }).map((r) => nodeOf(n, { status: r.status, labels: r.labels, requested: { cpu: r.cpu, memory: 0, pods: r.cpu }, lastHeartbeat: r.beat, readyUnknownAt: r.stale })))),
);
const arbPods = names.chain((ns) =>
  fc.tuple(...ns.map((n) => fc.record({ phase: fc.constantFrom('Pending', 'Running') as fc.Arbitrary<PodFrame['phase']>, node: fc.option(fc.constantFrom('n1', 'n2')), owner: fc.option(fc.record({ kind: fc.constant('ReplicaSet'), name: fc.constantFrom('a', 'b') })) }).map((r) => podOf(n, { phase: r.phase, nodeName: r.node, owner: r.owner })))),
);
const arbWorkloads = names.chain((ns) =>
  fc.tuple(
    ...ns.map((n) =>
      fc.record({ kind: fc.constantFrom('Deployment', 'Job') as fc.Arbitrary<WorkloadFrame['kind']>, ready: fc.nat(3) }).map(
        (r): WorkloadFrame => ({ kind: r.kind, namespace: 'default', name: n, desired: 3, ready: r.ready, available: r.ready, selector: `app=${n}`, scalable: r.kind !== 'Job' }),
      ),
    ),
  ),
);
const arbFrame = (seq: number) =>
  fc.record({ nodes: arbNodes, pods: arbPods, workloads: arbWorkloads, time: fc.nat(), extra: fc.option(fc.string()) }).map(({ nodes, pods, workloads, time, extra }) =>
    frameOf(seq, { nodes, pods, workloads, time, queue: pods.filter((p) => p.nodeName === null).map((p) => ({ namespace: p.namespace, name: p.name, queue: 'active' as const, reason: null, message: null })), ...(extra === null ? {} : { note: extra }) }),
  );

describe('frame codec', () => {
  it('rebuilds any next frame from the previous one and their diff, keeping unchanged objects', () => {
    fc.assert(
      fc.property(arbFrame(1), arbFrame(2), fc.boolean(), (prev, next, packAll) => {
        // Unchanged objects arrive as fresh copies, as the host builds them.
        const copy = structuredClone(next);
        const packet = encodeFrame(prev, copy, packAll ? 1 : undefined); // packAll: changed pods as columns
        const rebuilt = decodeFrame(structuredClone(prev), structuredClone(packet));
        expect(rebuilt).toEqual(next);
        const before = new Map(prev.pods.map((p) => [p.name, p]));
        const base = structuredClone(prev);
        const again = decodeFrame(base, packet);
        again.pods.forEach((p) => {
          const old = before.get(p.name);
          if (old && deepEqual(old, p)) expect(base.pods).toContain(p); // same object as in the base
        });
      }),
      { numRuns: 300 },
    );
  });

  it('sends only what changed: one pod out of many', () => {
    const pods = Array.from({ length: 1000 }, (_, i) => podOf(`p-${String(i).padStart(4, '0')}`));
    const prev = frameOf(1, { pods, nodes: [nodeOf('n1')] });
    const moved = pods.map((p, i) => (i === 500 ? { ...p, phase: 'Failed' as const } : { ...p }));
    const packet = encodeFrame(prev, frameOf(2, { pods: moved, nodes: [nodeOf('n1')] }));
    expect(packet.kind).toBe('diff');
    if (packet.kind !== 'diff') return;
    expect(packet.diff.nodes).toBeNull();
    expect(packet.diff.pods).toEqual({ changed: [[500, moved[500]]], added: [], removed: [], length: 1000 });
    expect(packet.diff.head).toEqual({ seq: 2, time: 200, playing: true, speed: 10, reset: false, events: [], eventsReplace: false, eventCount: 0 });
    const next = decodeFrame(prev, packet);
    expect(next.pods[499]).toBe(prev.pods[499]);
    expect(next.pods[500].phase).toBe('Failed');
    expect(next.nodes).toBe(prev.nodes);
    expect(next.workloads).toBe(prev.workloads);
  });

  it('sends nodes whose heartbeat alone moved as numbers, and rebuilds them from the previous objects', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => nodeOf(`n-${String(i).padStart(4, '0')}`, { labels: { zone: 'a' }, lastHeartbeat: 0 }));
    const prev = frameOf(1, { nodes });
    const beat = nodes.map((n, i) => (i % 2 === 0 ? { ...n, lastHeartbeat: 10_000, readyUnknownAt: i === 0 ? null : 50_000 } : n));
    beat[1] = { ...beat[1], status: 'NotReady', lastHeartbeat: 20_000 };
    const packet = encodeFrame(prev, frameOf(2, { nodes: beat }));
    if (packet.kind !== 'diff') throw new Error('expected a diff');
    expect(packet.diff.nodes?.changed.map(([i]) => i)).toEqual([1]);
    expect(packet.diff.nodeBeats).toHaveLength(3 * 500);
    expect(framePacketTransfer(packet)).toEqual([packet.diff.nodeBeats!.buffer]);
    const next = decodeFrame(prev, structuredClone(packet));
    expect(next.nodes).toEqual(beat);
    expect(next.nodes[2].labels).toBe(prev.nodes[2].labels); // rebuilt from the previous object
    expect(next.nodes[3]).toBe(prev.nodes[3]);
    const quiet = encodeFrame(prev, frameOf(2, { nodes: nodes.map((n) => ({ ...n, lastHeartbeat: 1 })) }));
    expect(quiet.kind === 'diff' && quiet.diff.nodes).toBeNull();
  });

  it('sends many changed pods as columns, transferred, and rebuilds them lazily', () => {
    const pods = Array.from({ length: 1000 }, (_, i) => podOf(`p-${String(i).padStart(4, '0')}`, { phase: 'Pending' }));
    const prev = frameOf(1, { pods, nodes: [nodeOf('n1')], reset: true });
    const base = decodeFrame(null, encodeFrame(null, prev));
    const before = base.pods[3]; // built before the diff (as the store's index does), so carried over
    const started = pods.map((p, i) => (i === 3 ? p : { ...p, phase: 'Running' as const }));
    const next = frameOf(2, { pods: [podOf('a-new'), ...started.filter((_, i) => i !== 7)], nodes: [nodeOf('n1')] });
    const packet = encodeFrame(prev, next);
    if (packet.kind !== 'diff') throw new Error('expected a diff');
    expect(packet.diff.pods).toMatchObject({ changed: [], added: [], removed: [7], length: 1000 });
    expect(packet.diff.podRows?.changed).toHaveLength(998);
    expect(packet.diff.podRows?.added).toEqual(Int32Array.from([0]));
    expect(framePacketTransfer(packet)).toHaveLength(7); // the rows' indexes, pool (offsets, bytes) and columns
    const rebuilt = decodeFrame(base, structuredClone(packet));
    expect(rebuilt).toEqual(next);
    expect(rebuilt.pods[4]).toBe(before); // unchanged: the same object
    expect(decodeFrame(prev, structuredClone(packet))).toEqual(next); // a base with plain pods
  });

  it('sends a full frame on reset or without a base, its pods, nodes, workloads, queue and events as columns', () => {
    const workloads: WorkloadFrame[] = [{ kind: 'Deployment', namespace: 'default', name: 'w', desired: 3, ready: 1, available: 1, selector: 'app=w', scalable: true }];
    const queue = [{ namespace: 'default', name: 'b', queue: 'active' as const, reason: null, message: null }];
    const events = [0, 1].map((id) => ({ id, type: 'Normal' as const, reason: 'Scheduled', message: `Successfully assigned default/p${id} to n1`, object: `Pod/default/p${id}`, source: 'default-scheduler', count: 1 + id, firstTime: 0, lastTime: 100 * id }));
    const f = frameOf(3, { reset: true, nodes: [nodeOf('n1', { labels: { zone: 'a' } })], pods: [podOf('a'), podOf('b', { nodeName: null })], workloads, queue, events, eventsReplace: true, eventCount: 2 });
    const packet = encodeFrame(frameOf(2), f);
    expect(packet).toMatchObject({ kind: 'full', frame: { ...f, pods: [], nodes: [], workloads: [], queue: [], events: [] }, pods: { length: 2 }, lists: { nodes: { length: 1 }, workloads: { length: 1 }, queue: { length: 1 }, events: { length: 2 } } });
    // Every buffer moves (columns, nested tables, string pools), each once.
    const transfer = framePacketTransfer(packet);
    const views: ArrayBufferView[] = [];
    const walk = (v: unknown) => {
      if (ArrayBuffer.isView(v)) views.push(v);
      else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
    };
    walk(packet);
    expect(new Set(transfer)).toEqual(new Set(views.map((v) => v.buffer)));
    expect(new Set(transfer).size).toBe(transfer.length);
    const decoded = decodeFrame(null, structuredClone(packet, { transfer }));
    expect(decoded).toEqual(f);
    for (const list of ['nodes', 'workloads', 'queue', 'events'] as const) expect(JSON.stringify(decoded[list])).toBe(JSON.stringify(f[list])); // keys in the same order
    expect(decoded.nodes).toBe(decoded.nodes); // built once
    expect(encodeFrame(null, frameOf(3))).toMatchObject({ kind: 'full', frame: frameOf(3), pods: { length: 0 } });
    expect(decodeFrame(null, encodeFrame(null, frameOf(3)))).toEqual(frameOf(3));
  });

  it('sends a list whose records do not fit columns as objects', () => {
    const odd = nodeOf('n2', { labels: { a: 'x' } });
    const nodes = [nodeOf('n1'), { ...odd, extra: undefined } as unknown as NodeFrame];
    const f = frameOf(3, { reset: true, nodes });
    const packet = encodeFrame(null, f);
    if (packet.kind !== 'full') throw new Error('expected a full frame');
    expect(packet.lists?.nodes).toBeUndefined();
    expect(packet.frame.nodes).toBe(nodes);
    const decoded = decodeFrame(null, structuredClone(packet));
    expect(decoded.nodes).toHaveLength(2);
    expect(decoded.pods).toEqual([]);
  });

  it('rebuilds a lineage that starts with a full frame (pods as a table), keeping unchanged pods', () => {
    fc.assert(
      fc.property(arbFrame(1), arbFrame(2), arbFrame(3), fc.boolean(), (first, second, third, packAll) => {
        const a = decodeFrame(null, structuredClone(encodeFrame(null, first)));
        expect(a).toEqual(first);
        const b = decodeFrame(a, structuredClone(encodeFrame(first, second, packAll ? 1 : undefined)));
        expect(b).toEqual(second);
        const c = decodeFrame(b, structuredClone(encodeFrame(second, third)));
        expect(c).toEqual(third);
        const before = new Map(b.pods.map((p) => [p.name, p]));
        c.pods.forEach((p) => {
          const old = before.get(p.name);
          if (old && deepEqual(old, p)) expect(p).toBe(old);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a diff against a frame the client does not hold', () => {
    const packet = encodeFrame(frameOf(1), frameOf(2));
    expect(() => decodeFrame(frameOf(5), packet)).toThrow('frame 2 is a diff against frame 1, but the client holds frame 5');
    expect(() => decodeFrame(null, packet)).toThrow('but the client holds none');
  });

  it('handles adds, removals and objects that move against the order', () => {
    const key = (s: string) => s;
    const cases: [string[], string[]][] = [
      [['a', 'b', 'c'], ['c', 'a', 'b']],
      [['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a']],
      [[], ['a']],
      [['a'], []],
      [['a', 'c'], ['a', 'b', 'c', 'd']],
    ];
    for (const [prev, next] of cases) expect(applyCollection(prev, diffCollection(prev, next, key))).toEqual(next);
    expect(diffCollection(['a'], ['a'], key)).toBeNull();
  });

  it('compares structurally', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual({ a: 1, c: 2 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});

describe('frame codec: the drain log', () => {
  const line = (index: number, text = `line ${index}`): DrainLine => ({ index, time: index * 1000, node: 'worker-2', stream: index % 3 === 0 ? 'stderr' : 'stdout', text });
  const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i));

  it('sends nothing while the log is unchanged, and the page keeps its array', () => {
    const log = lines(0, 5);
    const prev = frameOf(1, { drainLog: log });
    const base = decodeFrame(null, encodeFrame(null, prev));
    const packet = encodeFrame(prev, frameOf(2, { drainLog: log }));
    expect(packet.kind).toBe('diff');
    if (packet.kind !== 'diff') return;
    expect(packet.diff.drainLog).toBeUndefined();
    expect('drainLog' in packet.diff.head).toBe(false);
    // An equal copy (a host that rebuilt the array) sends nothing either.
    expect(encodeFrame(prev, frameOf(2, { drainLog: structuredClone(log) })).kind === 'diff' && (encodeFrame(prev, frameOf(2, { drainLog: structuredClone(log) })) as { diff: FrameDiff }).diff.drainLog).toBeUndefined();
    expect(decodeFrame(base, packet).drainLog).toBe(base.drainLog);
  });

  it('sends only the new lines when the log grows, and drops the oldest as the host did', () => {
    const prev = frameOf(1, { drainLog: lines(0, 5) });
    const grown = frameOf(2, { drainLog: lines(2, 8) }); // three new, the two oldest dropped
    const packet = encodeFrame(prev, grown);
    expect(packet.kind === 'diff' && packet.diff.drainLog).toEqual({ keep: 3, added: lines(5, 8) });
    expect(decodeFrame(prev, packet).drainLog).toEqual(lines(2, 8));
  });

  it('sends the whole log when it does not continue the base’s, and none when it is gone', () => {
    const prev = frameOf(1, { drainLog: lines(0, 5) });
    const changed = lines(0, 5).map((l) => (l.index === 4 ? { ...l, text: 'other' } : l));
    const packet = encodeFrame(prev, frameOf(2, { drainLog: [...changed, line(5)] }));
    expect(packet.kind === 'diff' && packet.diff.drainLog).toEqual({ whole: [...changed, line(5)] });
    expect(decodeFrame(prev, packet).drainLog).toEqual([...changed, line(5)]);
    const gone = encodeFrame(prev, frameOf(2));
    expect(gone.kind === 'diff' && gone.diff.drainLog).toEqual({ whole: null });
    expect(decodeFrame(prev, gone).drainLog).toBeUndefined();
    const first = encodeFrame(frameOf(1), frameOf(2, { drainLog: lines(0, 2) }));
    expect(first.kind === 'diff' && first.diff.drainLog).toEqual({ keep: 0, added: lines(0, 2) });
  });

  it('rebuilds any next log from any base log', () => {
    const arbLog = fc.tuple(fc.nat(20), fc.nat(12), fc.option(fc.nat(11))).map(([from, n, edit]) => lines(from, from + n).map((l, i) => (i === edit ? { ...l, text: 'edited' } : l)));
    fc.assert(
      fc.property(fc.option(arbLog), fc.option(arbLog), (a, b) => {
        const prev = frameOf(1, a === null ? {} : { drainLog: a });
        const next = frameOf(2, b === null ? {} : { drainLog: b });
        const packet = encodeFrame(prev, structuredClone(next));
        expect(decodeFrame(prev, structuredClone(packet)).drainLog).toEqual(next.drainLog);
      }),
    );
  });
});
