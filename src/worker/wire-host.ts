/**
 * The engine host as the worker exposes it (protocol/engine-api.ts `WireEngineApi`):
 * every frame the host emits is encoded against the previous one sent (a full frame on
 * load, a diff otherwise: protocol/frame-codec.ts) and handed to `post`, in order;
 * calls that used to return a frame return a reference to the one just posted. A
 * method added to the host passes through unchanged.
 *
 * Back-pressure: the client acknowledges each frame once it has shown it (`ack`). While
 * playing, a frame that finds MAX_IN_FLIGHT frames unacknowledged waits, and a newer one
 * replaces it (its events merged in, still at most FRAME_EVENT_LIMIT), so a slow page
 * gets fewer, newer frames instead of a growing queue. A call's own frame is always sent before the call returns.
 */
import type { Frame, FrameEvent, WireEngineApi, WireMessage } from '../protocol/engine-api';
import { FRAME_EVENT_LIMIT, newestFirst } from '../protocol/event-query';
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
      waiting = waiting ? { ...push.frame, ...mergeEvents(waiting, push.frame) } : push.frame;
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
    resync() {
      flush();
      if (!last) return null;
      const packet = encodeFrame(null, last);
      inFlight++; // acknowledged as any frame
      post({ podscape: 'frame', packet }, framePacketTransfer(packet));
      return { frameSeq: last.seq };
    },
    ack(seq) {
      if (last && seq <= last.seq) inFlight = Math.max(0, inFlight - 1);
      if (inFlight < MAX_IN_FLIGHT) flush();
    },
  };
}

/**
 * The events of two consecutive frames as one: by id, the later version wins. A window
 * (eventsReplace) followed by changes stays a window (the newest events then are among
 * the old window and the changes); changes past FRAME_EVENT_LIMIT become the newest window of them.
 */
export function mergeEvents(
  older: Pick<Frame, 'events' | 'eventsReplace'>,
  newer: Pick<Frame, 'events' | 'eventsReplace'>,
  limit = FRAME_EVENT_LIMIT,
): Pick<Frame, 'events' | 'eventsReplace'> {
  if (newer.eventsReplace || (older.events.length === 0 && !older.eventsReplace)) return { events: newer.events, eventsReplace: newer.eventsReplace };
  if (newer.events.length === 0) return { events: older.events, eventsReplace: older.eventsReplace };
  const byId = new Map<number, FrameEvent>();
  for (const e of older.events) byId.set(e.id, e);
  for (const e of newer.events) byId.set(e.id, e);
  const events = [...byId.values()];
  if (older.eventsReplace || events.length > limit) return { events: events.sort(newestFirst).slice(0, limit), eventsReplace: true };
  return { events: events.sort((a, b) => a.id - b.id), eventsReplace: false };
}
