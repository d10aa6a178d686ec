/**
 * The Web Worker entry: the only file that touches `self`. It runs the engine host on
 * animation-frame ticks and exposes it through Comlink (ui/bridge/worker-client.ts
 * wraps it).
 */
import { expose } from 'comlink';
import { createEngineHost } from './engine-host';
import { createFrameTicker } from './ticker';

expose(createEngineHost({ ticker: createFrameTicker() }), self);
