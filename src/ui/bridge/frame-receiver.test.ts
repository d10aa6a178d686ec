import { describe, expect, it } from 'vitest';
import type { Frame } from '../../protocol/engine-api';
import type { ClientPush } from './engine-client';
import { encodeFrame } from '../../protocol/frame-codec';
import { FrameReceiver } from './frame-receiver';
import { createInProcessClient, createManualTicker } from './in-process-client';

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
  replicas: 4
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`;

describe('FrameReceiver over the in-process client', () => {
  it('rebuilds frames keeping the objects that did not change, and counts its work', async () => {
    const client = createInProcessClient({ ticker: createManualTicker() });
    const pushes: ClientPush[] = [];
    await client.subscribe((p) => pushes.push(p));
    const { frame: first } = await client.load(SCENARIO);
    const settled = await client.step(5000); // the containers start
    const result = await client.dispatch({ action: 'cordon', node: 'worker-2' });
    expect(result.ok).toBe(true);
    const after = (await client.snapshot())!;

    expect(first.pods).toHaveLength(4);
    expect(after.seq).toBe(settled.seq + 1);
    expect(after.nodes.find((n) => n.name === 'worker-2')!.unschedulable).toBe(true);
    expect(after.nodes[0]).toBe(settled.nodes[0]); // worker-1 did not change: same object
    after.pods.forEach((p, i) => expect(p).toBe(settled.pods[i]));
    expect(pushes.map((p) => p.type === 'frame' && p.frame.seq)).toEqual([1, 2, 3]);
  });

  it('records timings, and refuses a result naming a frame it never got', () => {
    const receiver = new FrameReceiver();
    const frame: Frame = { seq: 4, time: 0, playing: false, speed: 1, reset: true, nodes: [], pods: [], queue: [], events: [], eventsReplace: true, eventCount: 0, workloads: [] };
    receiver.receive({ podscape: 'frame', packet: encodeFrame(null, frame) });
    receiver.receive({ podscape: 'frame', packet: encodeFrame(frame, { ...frame, seq: 5, reset: false, time: 100 }) });
    expect(receiver.stats).toMatchObject({ fulls: 1, diffs: 1 });
    expect(receiver.stats.applyMs).toHaveLength(2);
    expect(receiver.stats.fullApplyMs).toHaveLength(1); // the full frame alone
    expect(receiver.frameFor({ frameSeq: 5 }).time).toBe(100);
    expect(() => receiver.frameFor({ frameSeq: 6 })).toThrow('The engine answered with frame 6 but the page holds frame 5: reload the page.');
  });

  it('times a resent full frame it already holds, keeping its own objects and delivering nothing; a client without it takes it', async () => {
    const { createWireHost } = await import('../../worker/wire-host');
    const { createEngineHost } = await import('../../worker/engine-host');
    const host = createEngineHost({ ticker: createManualTicker() });
    const acks: number[] = [];
    const receivers = [new FrameReceiver(undefined, (seq) => acks.push(seq))];
    const wire = createWireHost(host, (m) => receivers.forEach((r) => r.receive(structuredClone(m))));
    const pushes: number[] = [];
    receivers[0].subscribe((p) => void (p.type === 'frame' && pushes.push(p.frame.seq)));
    expect(wire.resync()).toBeNull(); // nothing sent yet
    wire.load(SCENARIO);
    wire.step(5000);
    const held = receivers[0].snapshot()!;
    const late = new FrameReceiver();
    receivers.push(late);
    expect(wire.resync()).toEqual({ frameSeq: held.seq });
    expect(receivers[0].snapshot()).toBe(held); // its own objects
    expect(pushes).toEqual([1, 2]);
    expect(receivers[0].stats).toMatchObject({ fulls: 2, diffs: 1 });
    expect(receivers[0].stats.fullApplyMs).toHaveLength(2);
    expect(acks).toEqual([1, 2, 2]);
    // A receiver that held nothing takes the frame, equal to the one held.
    expect(late.snapshot()).toEqual(held);
    // The next diff still decodes on both, against the frame each holds.
    wire.dispatch({ action: 'cordon', node: 'worker-1' });
    expect(receivers[0].snapshot()!.seq).toBe(held.seq + 1);
    expect(late.snapshot()).toEqual(receivers[0].snapshot());
    expect(pushes).toEqual([1, 2, 3]);
  });
});
