/**
 * An EngineClient that runs the engine host on the calling thread: for unit tests (with
 * a manual ticker) and as the fallback where there is no Worker. The only UI file that
 * may import src/worker. Frames take the same wire as from the worker (a full frame,
 * then diffs, rebuilt by a FrameReceiver), without the copy.
 */
import { createEngineHost, createFrameTicker, createWireHost, wallClockReplayBudget, type ReplayBudget, type Ticker } from '../../worker/engine-host';
import { ENGINE_PROTOCOL_VERSION } from '../../protocol/engine-api';
import type { EngineClient } from './engine-client';
import { FrameReceiver, frameCalls } from './frame-receiver';

/**
 * Tests drive the clock by hand: `createInProcessClient({ ticker: createManualTicker() })`, and may
 * give a fake wall clock for the load and replay budget (`budget`).
 */
export { createManualTicker, type ManualTicker } from '../../worker/engine-host';

export function createInProcessClient({ ticker = createFrameTicker(), budget = wallClockReplayBudget() }: { ticker?: Ticker; budget?: ReplayBudget } = {}): EngineClient {
  let host: ReturnType<typeof createWireHost> | null = null;
  const receiver = new FrameReceiver(undefined, (seq) => host?.ack(seq));
  host = createWireHost(createEngineHost({ ticker, replayBudget: budget }), (message) => receiver.receive(message));
  host.hello(ENGINE_PROTOCOL_VERSION);
  // async: a throw inside the host becomes a rejection, as it does across the worker.
  return {
    ...frameCalls(
      {
        load: async (yamlText, file) => host.load(yamlText, file),
        loadSession: async (session) => host.loadSession(session),
        step: async (ms) => host.step(ms),
        snapshot: async () => host.snapshot(),
      },
      receiver,
    ),
    dispatch: async (command) => host.dispatch(command),
    play: async () => host.play(),
    pause: async () => host.pause(),
    setSpeed: async (speed) => host.setSpeed(speed),
    events: async (query) => host.events(query),
    explain: async (podKey, nodes) => host.explain(podKey, nodes),
    getObject: async (kind, namespace, name) => host.getObject(kind, namespace, name),
    listObjects: async (kind, namespace, ownerUid) => host.listObjects(kind, namespace, ownerUid),
    exportState: async () => host.exportState(),
    exportSession: async () => host.exportSession(),
    stateHash: async () => host.stateHash(),
    exportManifests: async (kind) => host.exportManifests(kind),
    subscribe: async (listener) => receiver.subscribe(listener),
    close: () => host.pause(),
  };
}
