import { describe, expect, it } from 'vitest';
import type { Frame, WireMessage } from '../protocol/engine-api';
import { decodeFrame } from '../protocol/frame-codec';
import { createEngineHost, createManualTicker } from './engine-host';
import { createWireHost } from './wire-host';

const SCENARIO = `
apiVersion: v1
kind: Node
metadata: { name: worker-1 }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: worker-2 }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 6
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, resources: { requests: { cpu: 100m } } }] }
`;

describe('wire host', () => {
  it('posts a full frame on load, then diffs that rebuild exactly the frames the host built', async () => {
    const ticker = createManualTicker();
    const host = createEngineHost({ ticker });
    const built: Frame[] = [];
    host.subscribe((p) => void (p.type === 'frame' && built.push(p.frame)));
    const posted: WireMessage[] = [];
    // A prompt client: it acknowledges every frame as it arrives.
    const wire = createWireHost(host, (m) => {
      posted.push(structuredClone(m));
      if (m.podscape === 'frame') queueMicrotask(() => wire.ack(m.packet.kind === 'full' ? m.packet.frame.seq : m.packet.diff.seq));
    });

    expect(wire.snapshot()).toBeNull();
    const loaded = wire.load(SCENARIO, 'two.yaml');
    expect(loaded.frame).toEqual({ frameSeq: 1 });
    expect(wire.dispatch({ action: 'killNode', node: 'worker-2' })).toMatchObject({ ok: true });
    expect(wire.step(6 * 60_000)).toEqual({ frameSeq: 3 });
    wire.play();
    await Promise.resolve();
    ticker.tick(100);
    await Promise.resolve();
    wire.pause();
    expect(wire.snapshot()).toEqual({ frameSeq: built.at(-1)!.seq });

    expect(posted.map((m) => (m.podscape === 'frame' ? m.packet.kind : m.podscape))).toEqual(['full', 'diff', 'diff', 'diff', 'diff', 'diff']);
    let frame: Frame | null = null;
    posted.forEach((m, i) => {
      if (m.podscape !== 'frame') return;
      frame = decodeFrame(frame, m.packet);
      expect(frame).toEqual(built[i]);
    });
    // A diff carries what changed, not the cluster: cordoning one node sends one node.
    wire.dispatch({ action: 'cordon', node: 'worker-1' });
    const last = posted.at(-1)!;
    expect(last.podscape === 'frame' && last.packet.kind === 'diff' && last.packet.diff).toMatchObject({
      nodes: { changed: [[0, expect.objectContaining({ name: 'worker-1', unschedulable: true })]], added: [], removed: [] },
      pods: null,
      queue: null,
    });
  });

  it('holds frames back while the client has not shown earlier ones, sending the newest with every event', () => {
    const ticker = createManualTicker();
    const host = createEngineHost({ ticker });
    const built: Frame[] = [];
    host.subscribe((p) => void (p.type === 'frame' && built.push(p.frame)));
    const posted: Frame[] = [];
    let frame: Frame | null = null;
    const wire = createWireHost(host, (m) => {
      if (m.podscape === 'frame') posted.push((frame = decodeFrame(frame, structuredClone(m.packet))));
    });
    wire.load(SCENARIO); // seq 1, in flight
    wire.play(); // seq 2, in flight: MAX_IN_FLIGHT reached
    for (let i = 0; i < 10; i++) ticker.tick(250); // 25 virtual seconds: the pods start, events follow
    expect(posted.map((f) => f.seq)).toEqual([1, 2]);
    expect(built).toHaveLength(12);
    wire.ack(1); // one slot frees: the newest frame goes, with the events of all ten
    expect(posted.map((f) => f.seq)).toEqual([1, 2, 12]);
    const sentEvents = posted.flatMap((f) => f.events.map((e) => `${e.id}:${e.count}`));
    const lastOfEach = new Map<number, string>();
    for (const f of built) for (const e of f.events) lastOfEach.set(e.id, `${e.id}:${e.count}`);
    expect(new Set(sentEvents)).toEqual(new Set([...posted[0].events.map((e) => `${e.id}:${e.count}`), ...lastOfEach.values()]));
    expect(posted[2]).toEqual({ ...built[11], events: expect.any(Array) });
    // A call's frame never waits: pause() sends its frame at once.
    ticker.tick(250);
    wire.pause();
    expect(posted.at(-1)!.seq).toBe(built.at(-1)!.seq);
  });

  it('passes engine errors on and lets the other calls through', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    const posted: WireMessage[] = [];
    const wire = createWireHost(host, (m) => posted.push(m));
    expect(() => wire.step(1)).toThrow('step: no scenario is loaded yet');
    wire.load(SCENARIO);
    expect(wire.exportState().objects.length).toBeGreaterThan(0);
  });
});
