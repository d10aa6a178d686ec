/** An EngineClient that runs the engine host on the main thread. */
import { createEngineHost } from '../../worker/engine-host';
import type { EngineClient } from './engine-client';

export function createInProcessClient(): EngineClient {
  const host = createEngineHost();
  return {
    // async: a throw inside the host becomes a rejection, as it will across a worker.
    load: async (yamlText, file) => host.load(yamlText, file),
  };
}
