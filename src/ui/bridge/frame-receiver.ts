/**
 * The client's end of the frame wire (protocol/frame-codec.ts): rebuilds each frame
 * from the packet the engine posted, keeping the previous frame's objects where nothing
 * changed, hands it to the subscribers as the same `{ type: 'frame', frame }` push the
 * store has always taken, and answers the calls whose results name a frame. It also
 * keeps a few cheap timings of its own work (`frameStats`, read by bench/ui). The
 * events stay in the engine (frames carry a bounded window: EngineApi.events pages them).
 */
import type { Frame, FrameRef, LoadResult, WireEngineApi, WireMessage } from '../../protocol/engine-api';
import { decodeFrame } from '../../protocol/frame-codec';
import type { BeatOwned } from '../../protocol/node-beats';
import { podCount } from '../../protocol/frame-pods';
import { guarded, type ClientPush, type EngineClient } from './engine-client';

/** Rolling figures about the frames received; cheap enough to stay on in every build. */
export interface FrameStats {
  fulls: number;
  diffs: number;
  /** Main-thread ms spent rebuilding each of the last frames (newest last, at most 600). */
  applyMs: number[];
  /** The same for the full frames alone (a load's; a diff after it does not hide it). */
  fullApplyMs: number[];
  /** Main-thread ms spent in the subscribers (the store and what it re-renders synchronously) per frame. */
  deliverMs: number[];
  /** When the newest frame's message started to be handled (performance.now()), for commit probes. */
  receivedAt: number;
  /** Ms from a frame's message to the view's commit (views that probe it push here). */
  commitMs: number[];
  /** Renders of the probed components (a counter views bump). */
  renders: number;
  /** Set to measure each message's JSON size (`bytes`); off by default, as it costs main-thread time. */
  measureBytes: boolean;
  bytes: number[];
}

const KEEP = 600;

export function createFrameStats(): FrameStats {
  return { fulls: 0, diffs: 0, applyMs: [], fullApplyMs: [], deliverMs: [], receivedAt: 0, commitMs: [], renders: 0, measureBytes: false, bytes: [] };
}

export const pushStat = (list: number[], value: number) => {
  list.push(value);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
};

export const now = () => (typeof performance === 'object' ? performance.now() : 0);

/** Runs a function in a later task of its own (the page: a MessageChannel message). */
export type Later = (run: () => void) => void;

/** A MessageChannel's message: a task of its own, after those already queued, and not clamped like a timer. */
export function laterTask(): Later {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (run) => {
    queue.push(run);
    channel.port2.postMessage(null);
  };
}

/**
 * A full frame with at least this many pods and nodes is handed to the subscribers in
 * tasks of its own (when the receiver has a `later`): its lists' objects are built in the
 * tasks after its message (LIST_BUILDS), and the store and the views take it in the task after those.
 */
export const SPLIT_FULL_FRAME = 2000;

export class FrameReceiver {
  private frame: Frame | null = null;
  /**
   * The node objects this receiver built for heartbeats, which later heartbeats change in
   * place (protocol/node-beats.ts): no UI reads an earlier frame's heartbeat fields (the
   * node countdown selects them from the store's newest frame), and a frame at 300× would
   * otherwise rebuild hundreds of node objects.
   */
  private readonly beatOwned: BeatOwned = new WeakSet();
  private readonly listeners = new Set<(push: ClientPush) => void>();
  /** Work waiting for a later task, in order: each runs in a task of its own. */
  private readonly queue: (() => void)[] = [];
  private idle: { promise: Promise<void>; resolve(): void } | null = null;

  /**
   * `ack` tells the engine a frame has been shown (back-pressure). With `later`, a large
   * full frame (a new scenario) is delivered in separate tasks (SPLIT_FULL_FRAME): the
   * message's task decodes it, the next tells the subscribers it is coming (an `incoming`
   * push: the page takes down a view that would read it), the next ones build its node,
   * workload, queue and event objects, and the last gives it to the subscribers (the store
   * and React's synchronous render). Whatever arrives meanwhile is decoded at once and
   * delivered after it, in order. Those waiting for the deliveries (`delivered()`, and so
   * the calls that name the frame) resume in a task after the last.
   */
  constructor(
    readonly stats: FrameStats = createFrameStats(),
    private readonly ack: (seq: number) => void = () => {},
    private readonly later: Later | null = null,
  ) {}

  /**
   * Resolves once every frame received so far has been delivered (at once when none waits;
   * else in a task after the delivery, so that what a caller does next, such as the store
   * taking a load's scenario, is not part of the delivery's task).
   */
  delivered(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    if (!this.idle) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.idle = { promise, resolve };
    }
    return this.idle.promise;
  }

  /**
   * Takes one message from the engine, in the order posted. `startedAt` is when its
   * handling began (before the structured clone was read), so the timings include it.
   */
  receive(message: WireMessage, startedAt = now()): void {
    if (message.podscape === 'error') {
      this.inOrder(() => this.deliver(message.push));
      return;
    }
    const t0 = startedAt;
    const { packet } = message;
    // The frame held, sent again in full (WireEngineApi.resync): decoded and timed, but
    // the page keeps the objects it has (the store's index and views hold them).
    const resent = packet.kind === 'full' && this.frame !== null && packet.frame.seq === this.frame.seq;
    if (!resent) this.stats.receivedAt = t0;
    const frame = decodeFrame(this.frame, packet, this.beatOwned);
    const t1 = now();
    if (packet.kind === 'full') {
      this.stats.fulls++;
      pushStat(this.stats.fullApplyMs, t1 - t0);
    } else this.stats.diffs++;
    if (resent) {
      this.ack(frame.seq);
      return;
    }
    this.frame = frame;
    pushStat(this.stats.applyMs, t1 - t0);
    if (this.stats.measureBytes) pushStat(this.stats.bytes, JSON.stringify(message).length);
    const deliver = () => {
      const t2 = now();
      this.deliver({ type: 'frame', frame });
      pushStat(this.stats.deliverMs, now() - t2);
      this.ack(frame.seq);
    };
    const nodes = packet.kind === 'full' ? (packet.lists?.nodes?.length ?? frame.nodes.length) : 0;
    if (this.later && packet.kind === 'full' && podCount(frame) + nodes >= SPLIT_FULL_FRAME) {
      this.enqueue(() => this.deliver({ type: 'incoming', nodes }));
      for (const build of LIST_BUILDS) this.enqueue(() => build(frame));
      this.enqueue(deliver);
    } else this.inOrder(deliver);
  }

  /** Runs `run` now, or after the work already waiting (in a later task). */
  inOrder(run: () => void): void {
    if (this.queue.length > 0) this.enqueue(run);
    else run();
  }

  private enqueue(run: () => void): void {
    this.queue.push(run);
    if (this.queue.length === 1) this.later!(this.next);
  }

  /** One piece of the waiting work, in a task of its own. */
  private readonly next = () => {
    const run = this.queue[0];
    try {
      run();
    } finally {
      this.queue.shift();
      if (this.queue.length > 0) this.later!(this.next);
      else if (this.idle) {
        const { resolve } = this.idle;
        this.idle = null;
        this.later!(resolve);
      }
    }
  };

  /** The frame a call's result names: the one just received (or a newer one). */
  frameFor(ref: FrameRef): Frame {
    if (!this.frame || this.frame.seq < ref.frameSeq) {
      throw new Error(`The engine answered with frame ${ref.frameSeq} but the page holds ${this.frame ? `frame ${this.frame.seq}` : 'none'}: reload the page.`);
    }
    return this.frame;
  }

  /** The latest frame as received (its events are that frame's window), or null before the first one. */
  snapshot(): Frame | null {
    return this.frame;
  }

  subscribe(listener: (push: ClientPush) => void): () => void {
    const wrapped = guarded(listener);
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  private deliver(p: ClientPush): void {
    for (const listener of this.listeners) listener(p);
  }
}

type Remote = { [K in keyof WireEngineApi]: (...args: Parameters<WireEngineApi[K]>) => Promise<Awaited<ReturnType<WireEngineApi[K]>>> };

/**
 * Build a decoded frame's lazily built lists (frame-codec.ts), a task each (at 5,000 nodes
 * the node and workload objects are each several ms), so that reading them later costs nothing.
 */
const LIST_BUILDS: ((frame: Frame) => void)[] = [
  (frame) => void frame.nodes,
  (frame) => void frame.workloads,
  (frame) => void [frame.queue, frame.events],
];

/**
 * The calls whose results name a frame, answered with the frame the receiver rebuilt once
 * it has been delivered (so the store takes it in the delivery's task, as a push).
 */
export function frameCalls(
  remote: Pick<Remote, 'load' | 'loadSession' | 'step' | 'snapshot'>,
  receiver: FrameReceiver,
): Pick<EngineClient, 'load' | 'loadSession' | 'step' | 'snapshot'> {
  return {
    async load(yamlText, file): Promise<LoadResult> {
      const { scenario, frame } = await remote.load(yamlText, file);
      await receiver.delivered();
      return { scenario, frame: receiver.frameFor(frame) };
    },
    async loadSession(session): Promise<LoadResult> {
      const { scenario, frame } = await remote.loadSession(session);
      await receiver.delivered();
      return { scenario, frame: receiver.frameFor(frame) };
    },
    async step(ms) {
      const ref = await remote.step(ms);
      await receiver.delivered();
      return receiver.frameFor(ref);
    },
    async snapshot() {
      const ref = await remote.snapshot();
      await receiver.delivered();
      if (ref) receiver.frameFor(ref); // every frame up to it has arrived
      return receiver.snapshot();
    },
  };
}
