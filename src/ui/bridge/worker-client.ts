/**
 * The engine in a Web Worker: the only file that creates the Worker. It wraps the
 * worker's EngineApi with Comlink, checks the protocol version before any call (a
 * mismatch means a stale bundle), and turns a worker that dies into rejected calls
 * and an `onCrash` report rather than a silent hang.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import { ENGINE_PROTOCOL_VERSION, type EngineApi } from '../../protocol/engine-api';
import { ENGINE_CALLS, guarded, type EngineClient } from './engine-client';

export interface WorkerClientOptions {
  /** Called once if the worker fails to start or dies. */
  onCrash?: (message: string) => void;
}

export function createWorkerClient({ onCrash }: WorkerClientOptions = {}): EngineClient {
  const worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'podscape-engine' });
  const remote = wrap<EngineApi>(worker);

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
    async subscribe(listener) {
      const id = await call(() => remote.subscribe(proxy(guarded(listener))));
      return () => void remote.unsubscribe(id).catch(() => {});
    },
    close() {
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
