/**
 * The Web Worker entry: the only file that touches `self`. It runs the engine host on
 * animation-frame ticks and exposes it through Comlink (ui/bridge/worker-client.ts
 * wraps it); frames go out as wire messages on the worker's own port, in order with
 * the calls' results (worker/wire-host.ts).
 */
import { expose } from 'comlink';
import { createEngineHost, wallClockReplayBudget } from './engine-host';
import { createFrameTicker } from './ticker';
import { createWireHost } from './wire-host';
import { BOOT_DEFAULT_WORKER_NAME, type WireAck, type WireBooted } from '../protocol/engine-api';
import { DEFAULT_PREPARSED, DEFAULT_SCENARIO } from './default-scenario';

// The default scenario, parsed at build time, loads without the YAML parser and validation.
// A share link, an autosave or an undo replays within a wall-clock budget (session.ts REPLAY_LIMIT_MS).
const host = createEngineHost({ ticker: createFrameTicker(), preparsed: DEFAULT_PREPARSED, replayBudget: wallClockReplayBudget() });
// Frames transfer their pod columns' buffers instead of cloning them.
const wire = createWireHost(host, (message, transfer = []) => self.postMessage(message, { transfer }));
// Acknowledgements come as plain messages (Comlink ignores messages it did not send).
self.addEventListener('message', (event: MessageEvent<Partial<WireAck> | undefined>) => {
  if (typeof event.data?.podscapeAck === 'number') wire.ack(event.data.podscapeAck);
});

function boot(): WireBooted {
  try {
    return { podscapeBooted: wire.load(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file) };
  } catch (error) {
    return { podscapeBooted: { error: error instanceof Error ? error.message : String(error) } };
  }
}
expose(wire, self);
// The page's early start names the worker so when it opens the default scenario.
if (self.name === BOOT_DEFAULT_WORKER_NAME) self.postMessage(boot());
