/**
 * What a kill's virtual time costs when nothing is killed: the per-kill fixed cost of the
 * steady nodes (lease renewals, node lifecycle's monitor passes, pod GC passes, the
 * controllers' periodic work) measured apart from the per-pod work.
 *
 * Builds bench/sim.bench.ts's recovery rig, runs W warm-up 1-node kills, then alternates R
 * times: an idle span of S virtual seconds advanced in 1 s steps as the bench does (no
 * kill), and a 1-node kill. Prints process CPU ms of each idle span and kill (medians),
 * and the callbacks the clock ran during the idle spans by label (per span).
 *
 *   npx tsx bench/idle-cost.ts [nodes=2000] [--warm W=3] [--runs R=5] [--span S=350]
 */
import { readFileSync } from 'node:fs';
import { VirtualClock } from '../src/engine/clock/virtual-clock';
import { collectGarbage } from './gc';
import type { KubeObject } from '../src/engine/model/types';
import { ObjectStore } from '../src/engine/store/object-store';
import { recoveryRig, timedRegion } from './sim.bench';
import { benchArgs } from './args';

const cli = benchArgs(['--warm', '--runs', '--span']);
const opt = cli.number;
const nodes = Number(cli.positional[0] ?? 2000);
const warm = opt('--warm', 3);
const runs = opt('--runs', 5);
const span = opt('--span', 350);

let counting = false;
let timing = false;
const calls = new Map<string, number>();
/** Per kill: label → [calls, cpu ms]. */
let killParts = new Map<string, [number, number]>();
const killPartsAll: Map<string, [number, number]>[] = [];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let depth = 0;
const timed = (name: string, run: () => void) => {
  if (!timing || depth > 0) return run();
  depth++;
  const c0 = cpu();
  try {
    run();
  } finally {
    depth--;
    const e = killParts.get(name) ?? [0, 0];
    e[0]++;
    e[1] += cpu() - c0;
    killParts.set(name, e);
  }
};
const proto = VirtualClock.prototype as unknown as { schedule: (time: number, label: string, run: () => void, period: number) => unknown; addLane: (l: { label: string; runHead: () => void }) => void };
const schedule = proto.schedule;
proto.schedule = function (time, label, run, period) {
  const name = label.replace(/ [^ ]*\/[^ ]*/g, ' <key>').replace(/^kubelet [^:]+:/, 'kubelet <node>:');
  return schedule.call(this, time, label, () => {
    if (counting) calls.set(name, (calls.get(name) ?? 0) + 1);
    timed(name, run);
  }, period);
};
// Store writes of nodes and leases (their fan-out included), timed apart from the callbacks they run in.
const storeProto = ObjectStore.prototype as unknown as { update: (o: KubeObject, opts?: unknown) => KubeObject };
const storeUpdate = storeProto.update;
storeProto.update = function (o, opts) {
  if (!timing || (o.kind !== 'Node' && o.kind !== 'Lease')) return storeUpdate.call(this, o, opts);
  const c0 = cpu();
  const r = storeUpdate.call(this, o, opts);
  const name = `(write) update ${o.kind}`;
  const e = killParts.get(name) ?? [0, 0];
  e[0]++;
  e[1] += cpu() - c0;
  killParts.set(name, e);
  return r;
};
const addLane = proto.addLane;
proto.addLane = function (lane) {
  const runHead = lane.runHead.bind(lane);
  lane.runHead = () => timed(`lane ${lane.label}`, runHead);
  return addLane.call(this, lane);
};
/** The main thread's CPU ms so far (Linux: the first field of its schedstat), or NaN. */
function mainThreadMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const { placed, kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(1);
const idle: number[] = [];
const kills: number[] = [];
const killsMain: number[] = [];
for (let r = 0; r < runs; r++) {
  collectGarbage();
  counting = true;
  const c0 = cpu();
  for (let s = 0; s < span; s++) placed.sim.advanceBy(1000);
  idle.push(cpu() - c0);
  counting = false;
  killParts = new Map();
  let m0 = 0;
  timedRegion.enter = () => {
    timing = true;
    m0 = mainThreadMs();
  };
  timedRegion.leave = () => {
    timing = false;
    killsMain.push(mainThreadMs() - m0);
  };
  const f = kill(1);
  timedRegion.enter = timedRegion.leave = () => {};
  killPartsAll.push(killParts);
  kills.push(f.cpuMs);
}
console.log(`${nodes} nodes: idle ${span} s: ${idle.map((x) => x.toFixed(1)).join(' / ')} ms cpu (median ${median(idle).toFixed(1)}); 1-node kills: ${kills.map((x) => x.toFixed(1)).join(' / ')} ms cpu (median ${median(kills).toFixed(1)}), of which on the main thread ${killsMain.map((x) => x.toFixed(1)).join(' / ')} (median ${median(killsMain).toFixed(1)})`);
console.log('callbacks per idle span:');
for (const [k, v] of [...calls].sort((a, b) => b[1] - a[1])) console.log(`${(v / runs).toFixed(1).padStart(10)}  ${k}`);
console.log('kills: callbacks and cpu ms by label (median over kills; the timing adds ~3 µs per callback):');
const labels = new Set(killPartsAll.flatMap((m) => [...m.keys()]));
const rows = [...labels].map((l) => [l, median(killPartsAll.map((m) => m.get(l)?.[0] ?? 0)), median(killPartsAll.map((m) => m.get(l)?.[1] ?? 0))] as const);
for (const [l, n, ms] of rows.sort((a, b) => b[2] - a[2])) console.log(`${String(n).padStart(8)} ${ms.toFixed(2).padStart(9)} ms  ${l}`);
