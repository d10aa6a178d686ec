/**
 * The Web Worker entry: the only file that touches `self`. It runs the engine host on
 * animation-frame ticks and exposes it through Comlink (ui/bridge/worker-client.ts
 * wraps it); frames go out as wire messages on the worker's own port, in order with
 * the calls' results (worker/wire-host.ts).
 */
import { expose } from 'comlink';
import { createEngineHost } from './engine-host';
import { createFrameTicker } from './ticker';
import { createWireHost } from './wire-host';
import type { WireAck, WireBoot, WireBooted } from '../protocol/engine-api';
import { DEFAULT_SCENARIO } from './default-scenario';

const wire = createWireHost(createEngineHost({ ticker: createFrameTicker() }), (message, transfer = []) => self.postMessage(message, { transfer }));
// Acknowledgements and the page's early load come as plain messages (Comlink ignores
// messages it did not send).
self.addEventListener('message', (event: MessageEvent<Partial<WireAck & WireBoot> | undefined>) => {
  if (typeof event.data?.podscapeAck === 'number') wire.ack(event.data.podscapeAck);
  else if (event.data?.podscapeBoot === 'default') self.postMessage(boot());
});

function boot(): WireBooted {
  try {
    return { podscapeBooted: wire.load(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file) };
  } catch (error) {
    return { podscapeBooted: { error: error instanceof Error ? error.message : String(error) } };
  }
}
expose(wire, self);
