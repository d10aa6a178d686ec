/**
 * Counts what one node-kill recovery does (timers run by label, store writes by kind
 * and type, watch events, watch handler calls by subscriber and kind): the work per
 * replaced pod, independent of machine load.
 *
 *   npx tsx bench/count-recovery.ts [nodes=500] [kills=1]
 */
import { VirtualClock } from '../src/engine/clock/virtual-clock';
import { SyncQueue } from '../src/engine/controllers/workload/sync-queue';
import { EvictionLane } from '../src/engine/controllers/taint-eviction/eviction-lane';
import type { WatchEvent, WatchInterest } from '../src/engine/sim/contracts';
import { ObjectStore } from '../src/engine/store/object-store';
import { recoveryRig, timedRegion } from './sim.bench';

const [nodes = 500, kills = 1] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const timers = new Map<string, number>();
const timerCpu = new Map<string, number>();
let counting = false;
const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const proto = VirtualClock.prototype as unknown as { schedule: (time: number, label: string, run: () => void, period: number) => unknown };
const schedule = proto.schedule;
proto.schedule = function (time, label, run, period) {
  const name = label.replace(/ [^ ]*\/[^ ]*$/, ' <key>').replace(/^kubelet [^:]+:/, 'kubelet <node>:').replace(/^drain [^:]+:/, 'drain <node>:');
  return schedule.call(this, time, label, () => {
    if (!counting) return run();
    timers.set(name, (timers.get(name) ?? 0) + 1);
    const c0 = cpuNow();
    run();
    timerCpu.set(name, (timerCpu.get(name) ?? 0) + cpuNow() - c0);
  }, period);
};
// Taint eviction's pending deletions run from a clock lane, not as clock timers: counted by lane.
const laneProto = EvictionLane.prototype as unknown as { runHead: () => void; headTime: () => number };
const laneRunHead = laneProto.runHead;
laneProto.runHead = function (this: { headTime: () => number; label: string }) {
  if (!counting || this.headTime() === Infinity) return laneRunHead.call(this);
  const name = this.label === 'taint-eviction: delete pod' ? 'taint-eviction: delete pod <key> (lane)' : `${this.label} (lane)`;
  timers.set(name, (timers.get(name) ?? 0) + 1);
  const c0 = cpuNow();
  laneRunHead.call(this);
  timerCpu.set(name, (timerCpu.get(name) ?? 0) + cpuNow() - c0);
};
const queueRuns = new Map<string, number>();
const keysSeen = new Map<string, Set<string>>();
const queueCpu = new Map<string, number>();
const sq = SyncQueue.prototype as unknown as { run: (slot: { key: string; due: number }, at: number) => void; label: string };
const sqRun = sq.run;
sq.run = function (slot, at) {
  const key = slot.key;
  if (counting) {
    const kind = `${this.label} ${slot.due === at ? 'sync' : 'superseded'}`;
    queueRuns.set(kind, (queueRuns.get(kind) ?? 0) + 1);
    if (!keysSeen.has(kind)) keysSeen.set(kind, new Set());
    keysSeen.get(kind)!.add(key);
    const c0 = cpuNow();
    sqRun.call(this, slot, at);
    queueCpu.set(kind, (queueCpu.get(kind) ?? 0) + cpuNow() - c0);
    return;
  }
  return sqRun.call(this, slot, at);
};
// Superseded timers and quiet resyncs that the lane runs in its own loop (no clock step, so not
// timed: a cpuUsage call costs ~3 µs, more than such a run).
const sqQuick = (SyncQueue.prototype as unknown as { quick: (slot: { key: string; due: number }, at: number) => boolean }).quick;
(SyncQueue.prototype as unknown as { quick: typeof sqQuick }).quick = function (this: { label: string }, slot, at) {
  const due = slot.due === at;
  const ran = sqQuick.call(this, slot, at);
  if (counting && ran) {
    const kind = `${this.label} ${due ? 'quiet sync' : 'superseded'} (lane loop)`;
    queueRuns.set(kind, (queueRuns.get(kind) ?? 0) + 1);
    if (!keysSeen.has(kind)) keysSeen.set(kind, new Set());
    keysSeen.get(kind)!.add(slot.key);
  }
  return ran;
};
// Watch handler calls (the store's delivery fan-out), counted per handler's component.
const handlerCalls = new Map<string, number>();
const storeProto = ObjectStore.prototype as unknown as { watch: (h: (e: WatchEvent) => void, kinds?: readonly string[], interest?: WatchInterest) => () => void };
const storeWatch = storeProto.watch;
storeProto.watch = function (h, kinds, interest) {
  const who = (new Error().stack?.split('\n')[2] ?? '').replace(/^.*\/(src|bench)\//, '').replace(/:\d+\)?$/, '');
  return storeWatch.call(this, (e) => {
    if (counting) handlerCalls.set(`${who} <- ${e.kind}`, (handlerCalls.get(`${who} <- ${e.kind}`) ?? 0) + 1);
    h(e);
  }, kinds, interest);
};
const { placed, kill } = recoveryRig(nodes);
const writes = new Map<string, number>();
placed.sim.store.watch((e: WatchEvent) => {
  if (counting) writes.set(`${e.kind} ${e.type}`, (writes.get(`${e.kind} ${e.type}`) ?? 0) + 1);
});
kill(kills);
timedRegion.enter = () => (counting = true);
timedRegion.leave = () => (counting = false);
const fig = kill(kills);
console.log(`kill ${kills} of ${nodes}: ${fig.wallMs.toFixed(1)} ms wall, ${fig.cpuMs.toFixed(1)} ms cpu, ${fig.rebound} rebound, ${fig.recoveryVirtualS} s virtual, ${fig.events} events`);
const show = (title: string, m: Map<string, number>) => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1])) console.log(`${String(v).padStart(9)} ${(v / Math.max(1, fig.rebound)).toFixed(1).padStart(8)}/pod  ${k}`);
};
show('timers run:', timers);
console.log('timer CPU (ms, inclusive):');
for (const [k, v] of [...timerCpu].sort((a, b) => b[1] - a[1])) console.log(`${(v / 1000).toFixed(1).padStart(9)} ms  ${k}`);
show('watch events:', writes);
show(`watch handler calls (${[...handlerCalls.values()].reduce((x, y) => x + y, 0)}):`, handlerCalls);
show('queue runs:', queueRuns);
for (const [k, v] of keysSeen) console.log(`${k}: ${v.size} keys, ${((queueCpu.get(k) ?? 0) / 1000).toFixed(1)} ms cpu`);
console.log(`clock heap: ${(placed.sim.clock as unknown as { heap: unknown[] }).heap.length}, pending ${placed.sim.clock.pending}`);
