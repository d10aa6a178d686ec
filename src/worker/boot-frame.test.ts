import { describe, expect, it } from 'vitest';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the build's boot frame of the bundled file (JSON text), not code from another layer
import bootJson from '../../scenarios/default.yaml?boot-frame';
import { PRESETS } from '../scenario/presets';
import { bootFrameJson, receiveBootLoad } from './boot-frame';
import { DEFAULT_PREPARSED, DEFAULT_SCENARIO } from './default-scenario';
import { createEngineHost, createManualTicker } from './engine-host';
import type { Frame, WireMessage } from '../protocol/engine-api';
import { decodeFrame } from '../protocol/frame-codec';
import { createWireHost } from './wire-host';

/**
 * What the page holds after the worker's boot load, as engine.worker.ts makes it: every
 * message it posts decoded in order, as ui/bridge/frame-receiver.ts does.
 */
function workerBoot() {
  const host = createEngineHost({ ticker: createManualTicker(), preparsed: DEFAULT_PREPARSED });
  let held: Frame | null = null;
  const wire = createWireHost(host, (message: WireMessage) => {
    if (message.podscape === 'frame') held = decodeFrame(held, message.packet);
  });
  const { scenario, frame } = wire.load(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
  expect(held!.seq).toBe(frame.frameSeq);
  return { scenario, frame: held! };
}

describe('the default scenario’s boot frame made at build time', () => {
  const built = JSON.parse(bootJson) as ReturnType<typeof workerBoot>;

  it('is what the worker’s boot load gives the page: same summary, same frame, same seq', () => {
    const live = workerBoot();
    expect(JSON.stringify(built)).toBe(JSON.stringify(live));
    expect(built).toEqual(JSON.parse(JSON.stringify(live)));
    expect(built.frame.seq).toBe(1);
    expect(built.frame).toMatchObject({ time: 0, playing: false, reset: true, eventsReplace: true });
    // The cluster is there: every node, the bound and the pending pods, the events.
    expect(built.frame.nodes.map((n) => n.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(built.frame.pods.length).toBeGreaterThan(10);
    expect(built.frame.queue.length).toBeGreaterThan(0);
    expect(built.frame.events.length).toBe(built.frame.eventCount);
    expect(built.scenario).toMatchObject({ file: DEFAULT_SCENARIO.file, name: 'default', seed: 42 });
  });

  it('is the plugin’s bootFrameJson of the file, and a load of the text without the preparsed import gives the same', () => {
    expect(bootJson).toBe(bootFrameJson(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file));
    expect(JSON.stringify(receiveBootLoad(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file))).toBe(bootJson);
  });

  it('differs for another scenario (it is made from the file, not fixed)', () => {
    const other = PRESETS.find((p) => p.text !== DEFAULT_SCENARIO.text)!;
    expect(bootFrameJson(other.text, 'other.yaml')).not.toBe(bootJson);
  });
});
