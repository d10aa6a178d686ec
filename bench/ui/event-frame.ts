/**
 * What a full frame's events cost (issue 4), engine side, no browser: loads a large
 * scenario into the engine host, then measures the load frame's events and the whole
 * history as JSON bytes and as a structured clone (what the page reads), and the
 * worker's cost of a page of the log (EngineApi.events). Usage:
 * `npx tsx bench/ui/event-frame.ts [nodes] [pods]` (default 1,000 / 30,000).
 */
import { createEngineHost, createManualTicker } from '../../src/worker/engine-host';
import { largeScenario } from './scenario-gen';

const [nodes = 1000, pods = 30_000] = process.argv.slice(2).map(Number);
const host = createEngineHost({ ticker: createManualTicker() });
const t0 = performance.now();
const { frame } = host.load(largeScenario({ nodes, pods }));
const loadMs = performance.now() - t0;
host.step(5000); // the containers start
const all = host.snapshot()!.events;

const cloneMs = (value: unknown) => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    structuredClone(value);
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b)[2];
};
const timed = (run: () => unknown) => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    run();
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b)[2];
};
const kb = (value: unknown) => (JSON.stringify(value).length / 1024).toFixed(1);
console.log(`${nodes} nodes / ${pods} pods: load ${loadMs.toFixed(0)} ms; ${all.length} events after 5 s`);
console.log(`load frame events: ${frame.events.length} (eventCount ${frame.eventCount}), ${kb(frame.events)} KB JSON, clone ${cloneMs(frame.events).toFixed(2)} ms`);
console.log(`every event (what a full frame carried before): ${kb(all)} KB JSON, clone ${cloneMs(all).toFixed(1)} ms`);
host.events({ offset: 0, limit: 200 }); // builds the order once
console.log(`events() first page ${timed(() => host.events({ offset: 0, limit: 200 })).toFixed(2)} ms, page 50 ${timed(() => host.events({ offset: 10_000, limit: 200 })).toFixed(2)} ms, reason filter ${timed(() => host.events({ offset: 0, limit: 200, reason: 'Scheduled' })).toFixed(1)} ms, text filter ${timed(() => host.events({ offset: 0, limit: 200, text: 'app-0042' })).toFixed(1)} ms`);
