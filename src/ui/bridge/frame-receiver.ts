/**
 * The client's end of the frame wire (protocol/frame-codec.ts): rebuilds each frame
 * from the packet the engine posted, keeping the previous frame's objects where nothing
 * changed, hands it to the subscribers as the same `{ type: 'frame', frame }` push the
 * store has always taken, and answers the calls whose results name a frame. It also
 * keeps a few cheap timings of its own work (`frameStats`, read by bench/ui). The
 * events stay in the engine (frames carry a bounded window: EngineApi.events pages them).
 */
import type { EnginePush, Frame, FrameRef, LoadResult, WireEngineApi, WireMessage } from '../../protocol/engine-api';
import { decodeFrame } from '../../protocol/frame-codec';
import { guarded, type EngineClient } from './engine-client';

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

export class FrameReceiver {
  private frame: Frame | null = null;
  private readonly listeners = new Set<(push: EnginePush) => void>();

  /** `ack` tells the engine a frame has been shown (back-pressure). */
  constructor(
    readonly stats: FrameStats = createFrameStats(),
    private readonly ack: (seq: number) => void = () => {},
  ) {}

  /**
   * Takes one message from the engine, in the order posted. `startedAt` is when its
   * handling began (before the structured clone was read), so the timings include it.
   */
  receive(message: WireMessage, startedAt = now()): void {
    if (message.podscape === 'error') {
      this.deliver(message.push);
      return;
    }
    const t0 = startedAt;
    const { packet } = message;
    // The frame held, sent again in full (WireEngineApi.resync): decoded and timed, but
    // the page keeps the objects it has (the store's index and views hold them).
    const resent = packet.kind === 'full' && this.frame !== null && packet.frame.seq === this.frame.seq;
    if (!resent) this.stats.receivedAt = t0;
    const frame = decodeFrame(this.frame, packet);
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
    this.deliver({ type: 'frame', frame });
    pushStat(this.stats.deliverMs, now() - t1);
    this.ack(frame.seq);
  }

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

  subscribe(listener: (push: EnginePush) => void): () => void {
    const wrapped = guarded(listener);
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  private deliver(p: EnginePush): void {
    for (const listener of this.listeners) listener(p);
  }
}

type Remote = { [K in keyof WireEngineApi]: (...args: Parameters<WireEngineApi[K]>) => Promise<Awaited<ReturnType<WireEngineApi[K]>>> };

/** The calls whose results name a frame, answered with the frame the receiver rebuilt. */
export function frameCalls(
  remote: Pick<Remote, 'load' | 'loadSession' | 'step' | 'snapshot'>,
  receiver: FrameReceiver,
): Pick<EngineClient, 'load' | 'loadSession' | 'step' | 'snapshot'> {
  return {
    async load(yamlText, file): Promise<LoadResult> {
      const { scenario, frame } = await remote.load(yamlText, file);
      return { scenario, frame: receiver.frameFor(frame) };
    },
    async loadSession(session): Promise<LoadResult> {
      const { scenario, frame } = await remote.loadSession(session);
      return { scenario, frame: receiver.frameFor(frame) };
    },
    async step(ms) {
      return receiver.frameFor(await remote.step(ms));
    },
    async snapshot() {
      const ref = await remote.snapshot();
      if (ref) receiver.frameFor(ref); // every frame up to it has arrived
      return receiver.snapshot();
    },
  };
}
