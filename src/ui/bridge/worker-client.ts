/**
 * The engine in a Web Worker: the only file that creates the Worker. It wraps the
 * worker's EngineApi with Comlink, checks the protocol version before any call (a
 * mismatch means a stale bundle), and turns a worker that dies into rejected calls
 * and an `onCrash` report rather than a silent hang.
 */
import { releaseProxy, wrap } from 'comlink';
import { ENGINE_PROTOCOL_VERSION, type WireAck, type WireEngineApi, type WireMessage } from '../../protocol/engine-api';
import { ENGINE_CALLS, type EngineClient } from './engine-client';
import { FrameReceiver, frameCalls, now, type FrameStats } from './frame-receiver';

export interface WorkerClientOptions {
  /** Called once if the worker fails to start or dies. */
  onCrash?: (message: string) => void;
  /** Where the receiver keeps its timings (bench/ui reads them). */
  stats?: FrameStats;
}

export function createWorkerClient({ onCrash, stats }: WorkerClientOptions = {}): EngineClient {
  const worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'podscape-engine' });
  // Frames arrive as wire messages on the worker's port, before the results that name
  // them. Listening before Comlink does makes this listener the one that reads (and
  // times) the structured clone.
  const receiver = new FrameReceiver(stats, (seq) => worker.postMessage({ podscapeAck: seq } satisfies WireAck));
  worker.addEventListener('message', (event: MessageEvent<WireMessage | undefined>) => {
    const startedAt = now();
    const data = event.data;
    if (data && typeof data === 'object' && 'podscape' in data) receiver.receive(data, startedAt);
  });
  const remote = wrap<WireEngineApi>(worker);

  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      const message = `The engine worker stopped: ${event.message || 'it could not be loaded'}`;
      reject(new Error(message));
      onCrash?.(message);
    });
  });
  crashed.catch(() => {}); // observed through every call below

  const ready = Promise.race([remote.hello(ENGINE_PROTOCOL_VERSION), crashed]).then(({ protocolVersion }) => {
    if (protocolVersion !== ENGINE_PROTOCOL_VERSION) {
      throw new Error(`The engine speaks protocol ${protocolVersion} but this page speaks ${ENGINE_PROTOCOL_VERSION}: reload the page.`);
    }
  });
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    await ready;
    return Promise.race([run(), crashed]);
  };

  const calls = Object.fromEntries(
    ENGINE_CALLS.map((name) => [
      name,
      (...args: unknown[]) => call(() => (remote[name] as (...a: unknown[]) => Promise<unknown>)(...args)),
    ]),
  ) as Pick<EngineClient, (typeof ENGINE_CALLS)[number]>;

  return {
    ...calls,
    ...frameCalls(
      {
        load: (yamlText, file) => call(() => remote.load(yamlText, file)),
        loadSession: (session) => call(() => remote.loadSession(session)),
        step: (ms) => call(() => remote.step(ms)),
        snapshot: () => call(() => remote.snapshot()),
      },
      receiver,
    ),
    async subscribe(listener) {
      await ready;
      return receiver.subscribe(listener);
    },
    close() {
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
