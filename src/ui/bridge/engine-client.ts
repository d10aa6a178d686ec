/**
 * What the UI may ask of the engine: EngineApi (protocol/engine-api.ts) with every
 * method returning a promise, so the worker client (Comlink) and the in-process client
 * (tests, fallback) are interchangeable. A failure rejects with a user-facing message.
 */
import type { EngineApi, EnginePush, LoadResult } from '../../protocol/engine-api';

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

/**
 * The handshake and the subscription ids stay inside the client. `snapshot()` answers
 * with the latest frame the client holds (its events are that frame's window); the
 * engine keeps every event (`events()`).
 */
type Calls = Exclude<keyof EngineApi, 'hello' | 'subscribe' | 'unsubscribe'>;

/**
 * What a client's subscribers receive: the engine's pushes, and (from the worker client)
 * notice that a new large cluster's full frame has arrived and will be delivered a few
 * tasks later (frame-receiver.ts), so that the page can take down a view that would read
 * the new cluster in the delivery's task (the store: `incoming`).
 */
export type ClientPush = EnginePush | IncomingPush;
/** A large full frame of `nodes` nodes is on its way to the subscribers. */
export interface IncomingPush {
  type: 'incoming';
  nodes: number;
}

export type EngineClient = { [K in Calls]: Async<EngineApi[K]> } & {
  /** Calls `listener` with every frame and engine error (and incoming notices); resolves to a function that stops it. */
  subscribe(listener: (push: ClientPush) => void): Promise<() => void>;
  /** Stops the engine (terminates the worker). */
  close(): void;
  /**
   * The default scenario's load that the page's early start sent before the app ran
   * (bridge/early-engine.ts), once; null when there is none (other clients, a share
   * link or autosave to open, or already taken).
   */
  takeBootLoad?(): Promise<LoadResult> | null;
  /**
   * What that load will give, made at build time (boot-preview.ts), once, for the page to
   * draw before the worker answers; null when `takeBootLoad` has nothing to give.
   */
  takeBootPreview?(): LoadResult | null;
  /**
   * Has the engine send the frame the page holds again, in full (WireEngineApi.resync);
   * resolves once the page has decoded it. Clients without a wire have none.
   */
  resync?(): Promise<void>;
};

/** The names of the plain calls, for clients that forward them one by one. */
export const ENGINE_CALLS = [
  'load',
  'dispatch',
  'play',
  'pause',
  'setSpeed',
  'step',
  'snapshot',
  'events',
  'explain',
  'getObject',
  'listObjects',
  'exportState',
  'loadSession',
  'exportSession',
  'stateHash',
  'exportManifests',
] as const satisfies readonly Calls[];

/** Calls a subscriber so that its own bug surfaces as an uncaught error instead of silently ending the subscription. */
export function guarded(listener: (push: ClientPush) => void): (push: ClientPush) => void {
  return (push) => {
    try {
      listener(push);
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  };
}
