/**
 * An EngineClient that runs the engine host on the calling thread: for unit tests (with
 * a manual ticker) and as the fallback where there is no Worker. The only UI file that
 * may import src/worker.
 */
import { createEngineHost, createFrameTicker, type Ticker } from '../../worker/engine-host';
import { ENGINE_PROTOCOL_VERSION } from '../../protocol/engine-api';
import { guarded, type EngineClient } from './engine-client';

/** Tests drive the clock by hand: `createInProcessClient({ ticker: createManualTicker() })`. */
export { createManualTicker, type ManualTicker } from '../../worker/engine-host';

export function createInProcessClient({ ticker = createFrameTicker() }: { ticker?: Ticker } = {}): EngineClient {
  const host = createEngineHost({ ticker });
  host.hello(ENGINE_PROTOCOL_VERSION);
  // async: a throw inside the host becomes a rejection, as it does across the worker.
  return {
    load: async (yamlText, file) => host.load(yamlText, file),
    dispatch: async (command) => host.dispatch(command),
    play: async () => host.play(),
    pause: async () => host.pause(),
    setSpeed: async (speed) => host.setSpeed(speed),
    step: async (ms) => host.step(ms),
    snapshot: async () => host.snapshot(),
    explain: async (podKey, nodes) => host.explain(podKey, nodes),
    getObject: async (kind, namespace, name) => host.getObject(kind, namespace, name),
    exportState: async () => host.exportState(),
    loadSession: async (session) => host.loadSession(session),
    exportSession: async () => host.exportSession(),
    stateHash: async () => host.stateHash(),
    subscribe: async (listener) => {
      const id = host.subscribe(guarded(listener));
      return () => host.unsubscribe(id);
    },
    close: () => host.pause(),
  };
}
