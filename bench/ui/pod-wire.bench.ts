/**
 * The pod layer on the wire, in Node (V8's structured clone, as postMessage uses):
 * 30,000 pods on 1,000 nodes as PodFrame objects vs as pod-table columns transferred,
 * and the client's work after it. Medians of 9; the page adds nothing to these but the
 * message hop. Usage: npx tsx bench/ui/pod-wire.bench.ts [pods] [nodes]
 */
import { node, pod } from '../../src/protocol/frame-fixtures';
import { decodeFrame, encodeFrame, framePacketTransfer } from '../../src/protocol/frame-codec';
import { encodePods, PodTable, podTableTransfer } from '../../src/protocol/pod-table';
import { packRows, podRowsTransfer, unpackRows } from '../../src/protocol/pod-rows';
import type { PodFrame } from '../../src/protocol/engine-api';
import { row as printRow, time } from './micro-time';

const [podCount = 30_000, nodeCount = 1_000] = process.argv.slice(2).map(Number);
const nodes = Array.from({ length: nodeCount }, (_, i) => node(`node-${String(i).padStart(4, '0')}`));
const app = (i: number) => `app-${String(Math.floor(i / 30)).padStart(4, '0')}`;
const pods: PodFrame[] = Array.from({ length: podCount }, (_, i) =>
  pod(`${app(i)}-7d9f8c6b5-${i.toString(36).padStart(5, 'x')}`, nodes[i % nodeCount].name, {
    uid: `0b6f${String(i).padStart(8, '0')}-1c2d-4e5f-8a9b-${String(i * 7919).padStart(12, '0')}`,
    owner: { kind: 'ReplicaSet', name: `${app(i)}-7d9f8c6b5` },
    requests: { cpu: 250, memory: 268_435_456 },
  }),
);

const row = (label: string, ms: number) => printRow(label, ms, 58);

console.log(`${podCount} pods on ${nodeCount} nodes, medians of 9`);
row('structured clone of the PodFrame objects (before)', time(() => void structuredClone(pods)));
row('worker: encode the columns', time(() => void encodePods(pods, nodes)));
row('structured clone of the columns, buffers transferred', time(() => {
  const packet = encodePods(pods, nodes);
  const t = performance.now();
  structuredClone(packet, { transfer: podTableTransfer(packet) });
  return performance.now() - t;
}));
const packet = encodePods(pods, nodes);
row('client: the pod table from the columns', time(() => void PodTable.fromPacket(packet, nodes)));
row('client: every PodFrame object built (what the page no longer does)', time(() => void PodTable.fromPacket(packet, nodes).toArray()));
const table = PodTable.fromPacket(packet, nodes);
const changed = (k: number) => Array.from({ length: k }, (_, j): [number, PodFrame] => [j * Math.floor(podCount / k), { ...pods[j * Math.floor(podCount / k)], phase: 'Failed' }]);
row('client: a diff of 30 changed pods into a new table', time(() => void table.applyDiff({ changed: changed(30), added: [], removed: [], length: podCount }, nodes)));
row('client: a diff adding one pod and removing one', time(() => void table.applyDiff({ changed: [], added: [[5, pods[5]]], removed: [7], length: podCount }, nodes)));
// Every pod changing at once (all containers starting): objects vs columns.
const all = { changed: pods.map((p, i): [number, PodFrame] => [i, { ...p, phase: 'Failed' }]), added: [], removed: [], length: podCount };
row('every pod changed: structured clone of the objects', time(() => void structuredClone(all)));
row('every pod changed: clone of the columns, transferred', time(() => {
  const rows = packRows({ ...all, changed: all.changed.slice() }, nodes);
  const t = performance.now();
  structuredClone(rows, { transfer: podRowsTransfer(rows) });
  return performance.now() - t;
}));
const rows = packRows({ ...all, changed: all.changed.slice() }, nodes);
row('every pod changed: client writes the columns into the table', time(() => void table.applyDiff({ changed: [], added: [], removed: [], length: podCount }, nodes, unpackRows(rows, nodes))));
// The codec end to end for a full frame without events (another part of issue 4 keeps them in the worker).
const workloads = Array.from({ length: podCount / 30 }, (_, i) => ({ kind: 'Deployment' as const, namespace: 'default', name: app(i * 30), desired: 30, ready: 30, available: 30, selector: `app=${app(i * 30)}`, scalable: true }));
const frame = { seq: 1, time: 0, playing: false, speed: 1 as const, reset: true, nodes, pods, queue: [], events: [], eventsReplace: true, eventCount: 0, workloads };
row('full frame without events, before: structured clone', time(() => void structuredClone({ kind: 'full', frame })));
row('full frame without events: structured clone, pods transferred', time(() => {
  const full = encodeFrame(null, frame);
  const t = performance.now();
  structuredClone(full, { transfer: framePacketTransfer(full) });
  return performance.now() - t;
}));
row('full frame without events: decode on the client', time(() => {
  const full = encodeFrame(null, frame);
  const t = performance.now();
  decodeFrame(null, full);
  return performance.now() - t;
}));
