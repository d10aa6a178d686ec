import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame, WireMessage } from '../../protocol/engine-api';
import type { ClientPush } from './engine-client';
import { encodeFrame } from '../../protocol/frame-codec';
import { frame as makeFrame, node, pod } from '../../protocol/frame-fixtures';
import { FrameReceiver, frameCalls, SPLIT_FULL_FRAME } from './frame-receiver';

/** A `later` whose tasks run when the test says. */
function manualLater() {
  const tasks: (() => void)[] = [];
  return {
    later: (run: () => void) => void tasks.push(run),
    pending: () => tasks.length,
    run(n = Infinity) {
      for (let i = 0; i < n && tasks.length > 0; i++) tasks.shift()!();
    },
  };
}

const NODES = [node('a'), node('b')];
const podsOf = (count: number, seed: number) => Array.from({ length: count }, (_, i) => pod(`p${seed}-${i}`, i % 3 === 0 ? null : NODES[i % 2].name));

/** Seq by seq: a full frame (large or small), a diff that moves the clock and one pod, or an error push. */
type Step = { kind: 'full'; large: boolean } | { kind: 'diff' } | { kind: 'error' };

function messages(steps: Step[]): WireMessage[] {
  const out: WireMessage[] = [];
  let prev: Frame | null = null;
  let seq = 0;
  for (const step of steps) {
    if (step.kind === 'error') {
      out.push({ podscape: 'error', push: { type: 'error', seq, time: 0, message: `error after ${seq}` } });
      continue;
    }
    seq++;
    let next: Frame;
    if (step.kind === 'full' || prev === null) {
      const count = step.kind === 'full' && step.large ? SPLIT_FULL_FRAME : 3;
      next = makeFrame({ seq, nodes: NODES, pods: podsOf(count, seq), events: [] });
      out.push({ podscape: 'frame', packet: encodeFrame(null, next) });
    } else {
      const pods = prev.pods.slice();
      pods[seq % pods.length] = { ...pods[seq % pods.length], phase: 'Succeeded' };
      next = { ...prev, seq, reset: false, eventsReplace: false, time: prev.time + 100, pods };
      out.push({ podscape: 'frame', packet: encodeFrame(prev, next) });
    }
    prev = next;
  }
  return out;
}

const pushesOf = (receiver: FrameReceiver) => {
  const pushes: ClientPush[] = [];
  receiver.subscribe((p) => pushes.push(p));
  return pushes;
};
/** The engine's pushes among them (not the incoming notices). */
const engineOnly = (pushes: ClientPush[]) => pushes.filter((p) => p.type !== 'incoming');

describe('FrameReceiver with a later task', () => {
  it('delivers the same pushes in the same order as a receiver that delivers at once, however the later tasks interleave', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('full' as const), large: fc.boolean() }),
      fc.constant({ kind: 'diff' as const }),
      fc.constant({ kind: 'error' as const }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.nat(3)), { minLength: 1, maxLength: 8 }), (plan) => {
        const wire = messages(plan.map(([s]) => s));
        const syncAcks: number[] = [];
        const splitAcks: number[] = [];
        const sync = new FrameReceiver(undefined, (seq) => syncAcks.push(seq));
        const tasks = manualLater();
        const split = new FrameReceiver(undefined, (seq) => splitAcks.push(seq), tasks.later);
        const expected = pushesOf(sync);
        const all = pushesOf(split);
        wire.forEach((message, i) => {
          sync.receive(structuredClone(message));
          split.receive(structuredClone(message));
          // The frame is held at once (a call's result can name it) ...
          expect(split.snapshot()?.seq).toBe(sync.snapshot()?.seq);
          // ... and what was delivered so far is what the other delivered, in order.
          const got = engineOnly(all);
          expect(got).toEqual(expected.slice(0, got.length));
          tasks.run(plan[i][1]);
        });
        tasks.run();
        expect(engineOnly(all)).toEqual(expected);
        expect(splitAcks).toEqual(syncAcks);
        // Each large full frame, and only such a frame, is announced just before it is delivered (with its nodes).
        const large = plan.filter(([s]) => s.kind === 'full' && s.large).length;
        const notices = all.flatMap((p, i) => (p.type === 'incoming' ? [i] : []));
        expect(notices).toHaveLength(large);
        for (const i of notices) {
          const next = all.slice(i + 1).find((p) => p.type !== 'error');
          expect(next?.type === 'frame' && next.frame.pods.length >= SPLIT_FULL_FRAME && next.frame.nodes.length).toBe((all[i] as { nodes: number }).nodes);
        }
        expect(sync.stats.fulls).toBe(split.stats.fulls);
      }),
      { numRuns: 40 },
    );
  });

  it('splits a large full frame into its message task, tasks that build its lists and a task that delivers it', () => {
    const tasks = manualLater();
    const acks: number[] = [];
    const receiver = new FrameReceiver(undefined, (seq) => acks.push(seq), tasks.later);
    const pushes = pushesOf(receiver);
    const [large, diff] = messages([{ kind: 'full', large: true }, { kind: 'diff' }]);
    receiver.receive(large);
    expect(pushes).toEqual([]);
    expect(tasks.pending()).toBe(1);
    tasks.run(1); // the notice
    expect(pushes).toEqual([{ type: 'incoming', nodes: NODES.length }]);
    tasks.run(3); // the lists: nodes, workloads, then the queue and events
    expect(pushes).toHaveLength(1);
    receiver.receive(diff); // waits behind it
    tasks.run(1);
    const frames = () => engineOnly(pushes).map((p) => p.type === 'frame' && p.frame.seq);
    expect(frames()).toEqual([1]);
    expect(acks).toEqual([1]);
    tasks.run(1);
    expect(frames()).toEqual([1, 2]);
    expect(acks).toEqual([1, 2]);
    expect(tasks.pending()).toBe(0);
    // A small full frame goes at once, unannounced.
    receiver.receive(messages([{ kind: 'full', large: false }])[0]);
    expect(pushes).toHaveLength(4);
    expect(tasks.pending()).toBe(0);
  });

  it("answers a load in a task after its frame's delivery, so the store takes the frame in the delivery's task and what the caller does next in another", async () => {
    const tasks = manualLater();
    const receiver = new FrameReceiver(undefined, () => {}, tasks.later);
    const pushes = pushesOf(receiver);
    const calls = frameCalls(
      {
        load: async () => ({ scenario: null as never, frame: { frameSeq: 1 } }),
        loadSession: async () => ({ scenario: null as never, frame: { frameSeq: 1 } }),
        step: async () => ({ frameSeq: 1 }),
        snapshot: async () => ({ frameSeq: 1 }),
      },
      receiver,
    );
    receiver.receive(messages([{ kind: 'full', large: true }])[0]);
    let answered = false;
    const load = calls.load('text').then((result) => {
      answered = true;
      return result;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(answered).toBe(false);
    tasks.run(5); // the notice, the lists, the delivery
    expect(engineOnly(pushes)).toHaveLength(1);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(answered).toBe(false);
    expect(tasks.pending()).toBe(1);
    tasks.run();
    const result = await load;
    expect(engineOnly(pushes)).toHaveLength(1);
    expect(result.frame).toBe(receiver.snapshot());
    await expect(receiver.delivered()).resolves.toBeUndefined();
  });
});
