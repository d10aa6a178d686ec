/**
 * Picks the engine client for the page: the worker client wherever there is a Worker;
 * otherwise the in-process client, loaded on demand so that the engine stays out of
 * the initial bundle.
 */
import { ENGINE_CALLS, type EngineClient } from './engine-client';
import { createWorkerClient, type WorkerClientOptions } from './worker-client';

export function createBrowserClient(options: WorkerClientOptions = {}): EngineClient {
  if (typeof Worker === 'function') return createWorkerClient(options);
  const loading = import('./in-process-client').then((m) => m.createInProcessClient());
  const calls = Object.fromEntries(
    ENGINE_CALLS.map((name) => [name, async (...args: unknown[]) => ((await loading)[name] as (...a: unknown[]) => Promise<unknown>)(...args)]),
  ) as Pick<EngineClient, (typeof ENGINE_CALLS)[number]>;
  return {
    ...calls,
    subscribe: async (listener) => (await loading).subscribe(listener),
    close: () => void loading.then((client) => client.close()),
  };
}
