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
  it('posts a full frame on load, then diffs that rebuild exactly the frames the host built', () => {
    const ticker = createManualTicker();
    const host = createEngineHost({ ticker });
    const built: Frame[] = [];
    host.subscribe((p) => void (p.type === 'frame' && built.push(p.frame)));
    const posted: WireMessage[] = [];
    const wire = createWireHost(host, (m) => posted.push(structuredClone(m)));

    expect(wire.snapshot()).toBeNull();
    const loaded = wire.load(SCENARIO, 'two.yaml');
    expect(loaded.frame).toEqual({ frameSeq: 1 });
    expect(wire.dispatch({ action: 'killNode', node: 'worker-2' })).toMatchObject({ ok: true });
    expect(wire.step(6 * 60_000)).toEqual({ frameSeq: 3 });
    wire.play();
    ticker.tick(100);
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

  it('passes engine errors on and lets the other calls through', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    const posted: WireMessage[] = [];
    const wire = createWireHost(host, (m) => posted.push(m));
    expect(() => wire.step(1)).toThrow('step: no scenario is loaded yet');
    wire.load(SCENARIO);
    expect(wire.exportState().objects.length).toBeGreaterThan(0);
    expect(wire.explain).toBe(host.explain);
  });
});
