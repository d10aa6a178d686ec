/**
 * The default scenario's first frame, made at build time (the cold load, issue 4): what
 * the page would rebuild from the worker's boot load (index.html names the worker
 * `BOOT_DEFAULT_WORKER_NAME`; engine.worker.ts loads `DEFAULT_SCENARIO` with
 * `DEFAULT_PREPARSED`), so the page can draw the cluster before the worker has
 * compiled and settled it (ui/bridge/boot-preview.ts). The build serves it as
 * `scenarios/default.yaml?boot-frame` (build/boot-frame-plugin.ts); boot-frame.test.ts
 * proves it equals what the page receives from a fresh engine host.
 */
import type { LoadResult } from '../protocol/engine-api';
import { decodeFrame, type FramePacket } from '../protocol/frame-codec';
import { createEngineHost, createManualTicker } from './engine-host';
import { assertJsonExact, preparseScenario, type PreparsedScenario } from './preparsed-scenario';
import { createWireHost } from './wire-host';

/**
 * What a page receives from a fresh engine host (as in the worker) that loads `text`:
 * the load's summary and the frame rebuilt from the wire packet it posted.
 */
export function receiveBootLoad(text: string, file: string, preparsed?: PreparsedScenario): LoadResult {
  const host = createEngineHost({ ticker: createManualTicker(), preparsed });
  const packets: FramePacket[] = [];
  const wire = createWireHost(host, (message) => {
    if (message.podscape === 'frame') packets.push(message.packet);
  });
  const { scenario, frame: ref } = wire.load(text, file);
  const packet = packets.at(-1);
  if (packets.length !== 1 || packet?.kind !== 'full' || packet.frame.seq !== ref.frameSeq) {
    throw new Error(`${file}: the load posted ${packets.length} frames, not one full frame ${ref.frameSeq}`);
  }
  return { scenario, frame: decodeFrame(null, packet) };
}

/** The boot load as the worker makes it (parsed ahead of time, as the build does), as JSON. */
export function bootFrameJson(text: string, file: string): string {
  const result = receiveBootLoad(text, file, { text, json: preparseScenario(text, file) });
  assertJsonExact(result, file);
  return JSON.stringify(result);
}
