/**
 * Time spent by the Deployment and ReplicaSet controllers in one node-kill recovery, by part:
 * their sync queue runs (less the store's watch delivery inside them, which is other
 * components' work), and their watch handlers. Each call is timed with performance.now();
 * calls longer than 2 ms are dropped and counted (on a shared machine those are the process
 * being descheduled mid-call), so the sums are robust to load, unlike a sampling profile.
 *
 *   npx tsx bench/controller-cost.ts [nodes=1000] [kills=10] [warm=3] [reps=3]
 */
import { performance } from 'node:perf_hooks';
import { SyncQueue } from '../src/engine/controllers/workload/sync-queue';
import type { WatchEvent, WatchInterest } from '../src/engine/sim/contracts';
import { ObjectStore } from '../src/engine/store/object-store';
import { recoveryRig, timedRegion } from './sim.bench';

const [nodes = 1000, kills = 10, warm = 3, reps = 3] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const OUTLIER_MS = 2;
let counting = false;
const sums = new Map<string, { ms: number; calls: number; dropped: number }>();
const add = (k: string, ms: number) => {
  let s = sums.get(k);
  if (!s) sums.set(k, (s = { ms: 0, calls: 0, dropped: 0 }));
  if (ms > OUTLIER_MS) s.dropped++;
  else {
    s.ms += ms;
    s.calls++;
  }
};
/** Time inside store delivery during the current queue run (subtracted from it). */
let emitMs = 0;
let inRun = 0;
const proto = SyncQueue.prototype as unknown as {
  run: (slot: unknown, at: number) => void;
  quick: (slot: unknown, at: number) => boolean;
  label: string;
};
const run0 = proto.run;
proto.run = function (slot, at) {
  if (!counting || inRun > 0) return run0.call(this, slot, at);
  inRun++;
  emitMs = 0;
  const t = performance.now();
  try {
    return run0.call(this, slot, at);
  } finally {
    const all = performance.now() - t;
    inRun--;
    add(`${this.label} queue runs, own`, all - emitMs);
    add(`${this.label} queue runs, store delivery inside`, emitMs);
  }
};
const quick0 = proto.quick;
proto.quick = function (slot, at) {
  if (!counting) return quick0.call(this, slot, at);
  const t = performance.now();
  const r = quick0.call(this, slot, at);
  add(`${this.label} lane-loop runs`, performance.now() - t);
  return r;
};
const sp = ObjectStore.prototype as unknown as { flush: () => void; watch: (h: (e: WatchEvent) => void, kinds?: readonly string[], interest?: WatchInterest) => () => void };
const flush0 = sp.flush;
let inFlush = 0;
sp.flush = function () {
  if (!counting || inRun === 0 || inFlush > 0) return flush0.call(this);
  inFlush++;
  const t = performance.now();
  try {
    return flush0.call(this);
  } finally {
    inFlush--;
    emitMs += performance.now() - t;
  }
};
const watch0 = sp.watch;
sp.watch = function (h, kinds, interest) {
  const who = (new Error().stack?.split('\n')[2] ?? '').replace(/^.*\/controllers\//, '').replace(/:\d+:\d+\)?$/, '');
  if (!/^(deployment|replicaset)\//.test(who)) return watch0.call(this, h, kinds, interest);
  return watch0.call(this, (e) => {
    if (!counting) return h(e);
    const t = performance.now();
    h(e);
    add(`${who} watch handler <- ${e.kind}`, performance.now() - t);
  }, kinds, interest);
};
const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(kills);
timedRegion.enter = () => (counting = true);
timedRegion.leave = () => (counting = false);
let pods = 0;
for (let i = 0; i < reps; i++) pods += kill(kills).rebound;
let total = 0;
console.log(`${reps} × kill ${kills} of ${nodes} nodes after ${warm} warm-up kills: ${pods} pods replaced`);
for (const [k, s] of [...sums].sort((a, b) => b[1].ms - a[1].ms)) {
  if (!k.includes('store delivery')) total += s.ms;
  console.log(`${s.ms.toFixed(1).padStart(9)} ms ${((1000 * s.ms) / pods).toFixed(1).padStart(7)} µs/pod ${String(s.calls).padStart(8)} calls (${s.dropped} over ${OUTLIER_MS} ms dropped)  ${k}`);
}
console.log(`controllers' own time: ${total.toFixed(1)} ms, ${((1000 * total) / pods).toFixed(1)} µs per replaced pod`);
