/**
 * The engine host as the worker exposes it (protocol/engine-api.ts `WireEngineApi`):
 * every frame the host emits is encoded against the previous one sent (a full frame on
 * load, a diff otherwise: protocol/frame-codec.ts) and handed to `post`, in order;
 * calls that used to return a frame return a reference to the one just posted. A
 * method added to the host passes through unchanged.
 *
 * Back-pressure: the client acknowledges each frame once it has shown it (`ack`). While
 * playing, a frame that finds MAX_IN_FLIGHT frames unacknowledged waits, and a newer one
 * replaces it (its events merged in), so a slow page gets fewer, newer frames instead
 * of a growing queue. A call's own frame is always sent before the call returns.
 */
import type { Frame, FrameEvent, WireEngineApi, WireMessage } from '../protocol/engine-api';
import { encodeFrame, framePacketTransfer } from '../protocol/frame-codec';
import type { EngineHost } from './engine-host';

/** Frames the client may hold unacknowledged before the next one waits. */
export const MAX_IN_FLIGHT = 2;

/**
 * `post` sends a message in order; `transfer` lists buffers it may move rather than copy
 * (a full frame's pod columns: protocol/pod-table.ts), which the host never reads again.
 */
export function createWireHost(host: EngineHost, post: (message: WireMessage, transfer?: Transferable[]) => void): WireEngineApi {
  let last: Frame | null = null;
  let waiting: Frame | null = null;
  let inFlight = 0;

  const send = (frame: Frame) => {
    const packet = encodeFrame(last, frame);
    last = frame;
    inFlight++;
    post({ podscape: 'frame', packet }, framePacketTransfer(packet));
  };
  const flush = () => {
    if (waiting) {
      const frame = waiting;
      waiting = null;
      send(frame);
    }
  };

  host.subscribe((push) => {
    if (push.type !== 'frame') {
      flush();
      post({ podscape: 'error', push });
    } else if (push.frame.reset) {
      waiting = null; // a new scenario: what waited belongs to the old one
      send(push.frame);
    } else if (inFlight < MAX_IN_FLIGHT && !waiting) {
      send(push.frame);
    } else {
      waiting = waiting ? { ...push.frame, events: mergeEvents(waiting.events, push.frame.events) } : push.frame;
    }
  });

  /** Runs a call, then sends whatever frame it left waiting, so the client has it before the result. */
  const call = <T>(run: () => T): T => {
    try {
      return run();
    } finally {
      flush();
    }
  };

  // Every other method of the host, each followed by a flush.
  const passed: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(host)) {
    passed[name] = typeof method === 'function' && name !== 'subscribe' && name !== 'unsubscribe' ? (...args: unknown[]) => call(() => method(...args)) : method;
  }
  return {
    ...(passed as unknown as EngineHost),
    load(yamlText, file) {
      const { scenario, frame } = call(() => host.load(yamlText, file));
      return { scenario, frame: { frameSeq: frame.seq } };
    },
    loadSession(session) {
      const { scenario, frame } = call(() => host.loadSession(session));
      return { scenario, frame: { frameSeq: frame.seq } };
    },
    step(ms) {
      return { frameSeq: call(() => host.step(ms)).seq };
    },
    snapshot() {
      flush();
      return last ? { frameSeq: last.seq } : null;
    },
    ack(seq) {
      if (last && seq <= last.seq) inFlight = Math.max(0, inFlight - 1);
      if (inFlight < MAX_IN_FLIGHT) flush();
    },
  };
}

/** The events of two consecutive deltas as one: by id, the later version wins. */
function mergeEvents(older: FrameEvent[], newer: FrameEvent[]): FrameEvent[] {
  if (older.length === 0) return newer;
  if (newer.length === 0) return older;
  const byId = new Map<number, FrameEvent>();
  for (const e of older) byId.set(e.id, e);
  for (const e of newer) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
