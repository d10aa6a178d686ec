/**
 * The engine in a Web Worker: the only file that creates the Worker. It wraps the
 * worker's EngineApi with Comlink, checks the protocol version before any call (a
 * mismatch means a stale bundle), and turns a worker that dies into rejected calls
 * and an `onCrash` report rather than a silent hang.
 */
import { releaseProxy, wrap } from 'comlink';
import { ENGINE_PROTOCOL_VERSION, type LoadResult, type WireAck, type WireBooted, type WireEngineApi, type WireMessage } from '../../protocol/engine-api';
import { readBootPreview } from './boot-preview';
import { takeEarlyEngine } from './early-engine';
import { ENGINE_CALLS, type EngineClient } from './engine-client';
import { FrameReceiver, frameCalls, laterTask, now, type FrameStats } from './frame-receiver';

export interface WorkerClientOptions {
  /** Called once if the worker fails to start or dies. */
  onCrash?: (message: string) => void;
  /** Where the receiver keeps its timings (bench/ui reads them). */
  stats?: FrameStats;
}

export function createWorkerClient({ onCrash, stats }: WorkerClientOptions = {}): EngineClient {
  // The worker index.html started ahead of the bundle (early-engine.ts), or a new one.
  const early = takeEarlyEngine();
  const worker = early?.worker ?? new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'podscape-engine' });
  // Frames arrive as wire messages on the worker's port, before the results that name
  // them. Listening before Comlink does makes this listener the one that reads (and
  // times) the structured clone.
  // A new large cluster's frame is delivered over tasks of its own (frame-receiver.ts).
  const receiver = new FrameReceiver(stats, (seq) => worker.postMessage({ podscapeAck: seq } satisfies WireAck), laterTask());
  let booted: { resolve(result: LoadResult): void; reject(error: Error): void } | null = null;
  const bootLoad = early?.bootsDefault
    ? new Promise<LoadResult>((resolve, reject) => {
        booted = { resolve, reject };
      })
    : null;
  bootLoad?.catch(() => {}); // observed by whoever takes it
  let bootTaken = false;
  let previewTaken = false;
  const onMessage = (event: MessageEvent<WireMessage | WireBooted | undefined>) => {
    const startedAt = now();
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if ('podscape' in data) receiver.receive(data, startedAt);
    else if ('podscapeBooted' in data && booted) {
      const answer = data.podscapeBooted;
      const boot = booted;
      // After the frames before it have been delivered (at once unless one is split over tasks).
      receiver.inOrder(() => {
        if ('error' in answer) boot.reject(new Error(answer.error));
        else boot.resolve({ scenario: answer.scenario, frame: receiver.frameFor(answer.frame) });
      });
    }
  };
  let crash: (message: string) => void = () => {};
  const crashed = new Promise<never>((_, reject) => {
    crash = (message) => {
      reject(new Error(message));
      booted?.reject(new Error(message));
      onCrash?.(message);
    };
  });
  crashed.catch(() => {}); // observed through every call below
  const onError = (event: ErrorEvent) => crash(`The engine worker stopped: ${event.message || 'it could not be loaded'}`);
  // Adopt the early worker: what it said so far, in order, then listen (all in this task,
  // so no message falls between).
  if (early) {
    early.detach();
    for (const event of early.buffered) {
      if (event.type === 'message') onMessage(event as MessageEvent<WireMessage | WireBooted | undefined>);
      else onError(event as ErrorEvent);
    }
  }
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  const remote = wrap<WireEngineApi>(worker);

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
    async resync() {
      await call(() => remote.resync());
    },
    takeBootLoad() {
      if (bootTaken || !bootLoad) return null;
      bootTaken = true;
      return Promise.race([ready.then(() => bootLoad), crashed]);
    },
    takeBootPreview() {
      if (previewTaken || !bootLoad) return null;
      previewTaken = true;
      return readBootPreview();
    },
    close() {
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
