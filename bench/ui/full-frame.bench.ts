/**
 * A full frame of a large cluster on the wire, in Node (issue 4: "a full frame at 30,000
 * pods costs ≤ 1 ms on the main thread"): the real load frame of bench/ui's generated
 * cluster, encoded as the worker does, then what the page pays for it — the structured
 * clone (V8's, as postMessage uses; buffers transferred), split by part, and the decode
 * — and what the store does next (the cluster index). Medians of 9.
 * Usage: npx tsx bench/ui/full-frame.bench.ts [nodes] [pods] (the engine's load takes
 * ~15 s at 1,000 / 30,000; the frame is cached in the OS temp dir by size).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Frame } from '../../src/protocol/engine-api';
import { decodeFrame, encodeFrame, framePacketTransfer } from '../../src/protocol/frame-codec';
import { indexFrame, EMPTY_INDEX } from '../../src/ui/store/cluster-index';
import { createEngineHost, createManualTicker } from '../../src/worker/engine-host';
import { largeScenario } from './scenario-gen';
import { row as printRow, time } from './micro-time';

const [nodes = 1000, pods = 30_000] = process.argv.slice(2).map(Number);
const cache = join(tmpdir(), `podscape-full-frame-${nodes}x${pods}.v8`);
let frame: Frame;
if (existsSync(cache)) {
  frame = deserialize(readFileSync(cache)) as Frame;
} else {
  const host = createEngineHost({ ticker: createManualTicker() });
  frame = host.load(largeScenario({ nodes, pods })).frame;
  writeFileSync(cache, serialize(frame));
}

const row = (label: string, ms: number) => printRow(label, ms, 64);
const kb = (value: unknown) => `${(JSON.stringify(value).length / 1024).toFixed(0)} KB`;

console.log(`${frame.nodes.length} nodes, ${frame.pods.length} pods, ${frame.workloads.length} workloads, ${frame.queue.length} queued, ${frame.events.length} events; medians of 9`);
const clone = (value: unknown, transfer: Transferable[] = []) => {
  const t = performance.now();
  structuredClone(value, { transfer: transfer as Transferable[] });
  return performance.now() - t;
};
row(`nodes: clone (${kb(frame.nodes)})`, time(() => clone(frame.nodes)));
row(`workloads: clone (${kb(frame.workloads)})`, time(() => clone(frame.workloads)));
row(`events: clone (${kb(frame.events)})`, time(() => clone(frame.events)));
row('worker: encode the full frame', time(() => void encodeFrame(null, frame)));
row('the full frame: structured clone, buffers transferred', time(() => {
  const packet = encodeFrame(null, frame);
  return clone({ podscape: 'frame', packet }, framePacketTransfer(packet));
}));
row('the full frame: decode on the client', time(() => {
  const packet = structuredClone(encodeFrame(null, frame));
  const t = performance.now();
  decodeFrame(null, packet);
  return performance.now() - t;
}));
row('clone + decode (the bench\'s "full frame")', time(() => {
  const packet = encodeFrame(null, frame);
  const t = performance.now();
  decodeFrame(null, structuredClone(packet, { transfer: framePacketTransfer(packet) }));
  return performance.now() - t;
}));
row('store: the cluster index of the decoded frame', time(() => {
  const decoded = decodeFrame(null, structuredClone(encodeFrame(null, frame)));
  const t = performance.now();
  indexFrame(EMPTY_INDEX, decoded);
  return performance.now() - t;
}));
row('store: the index, then one node and one pod read (a DOM card view)', time(() => {
  const decoded = decodeFrame(null, structuredClone(encodeFrame(null, frame)));
  const t = performance.now();
  const index = indexFrame(EMPTY_INDEX, decoded);
  void index.nodes.get(frame.nodes[0].name);
  void index.pods.get(frame.pods[0].uid);
  return performance.now() - t;
}));
