/**
 * Where a recovery cycle's Bind goes: the `Scheduled` event, the store's
 * part of the pod update, and each watcher's handler for the bound pod's
 * MODIFIED event (with `--fine`, the parts of the scheduler's), plus
 * PodTopologySpread's PreScore and its posting lookup; median wall µs per
 * call in the measured kills (the mean takes in the collections).
 *
 *   npx tsx bench/bind-anatomy.ts [nodes=5000] [kill=1] [--warm W] [--runs R] [--fine] [--toggle]
 *
 * `--toggle` flips POSTINGS_VIA_POD every scheduling cycle (an in-process
 * A/B: both modes see the same kills, heap and machine moments).
 */
import { performance } from 'node:perf_hooks';
import { EventRecorder } from '../src/engine/events/recorder';
import { DefaultBinderPlugin } from '../src/engine/scheduler/plugins/default-binder/default-binder';
import { ObjectStore } from '../src/engine/store/object-store';
import { FanOut } from '../src/engine/store/fan-out';
import { recoveryRig } from './sim.bench';
import { PodTopologySpreadPlugin } from '../src/engine/scheduler/plugins/pod-topology-spread/pod-topology-spread';
import { SpreadColumns } from '../src/engine/scheduler/plugins/pod-topology-spread/columns';
import { Scheduler } from '../src/engine/scheduler/schedule-one';
import { LabelIndex, POSTINGS_VIA_POD } from '../src/engine/scheduler/framework/label-index';
import { Snapshot } from '../src/engine/scheduler/framework/snapshot';
import { SchedulerInformers } from '../src/engine/scheduler/informers';
import { SchedulingQueue } from '../src/engine/scheduler/queue/scheduling-queue';

const args = process.argv.slice(2);
const valueOf = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const warm = Number(valueOf('--warm') ?? 3);
const runs = Number(valueOf('--runs') ?? 4);
const [nodes = 5000, kills = 1] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')).map(Number);

const durations = new Map<string, number[]>();
const record = (k: string, ms: number) => {
  let a = durations.get(k);
  if (a === undefined) durations.set(k, (a = []));
  a.push(ms);
};
let on = false;
let inBind = false;
type Fn = (...a: unknown[]) => unknown;
function wrap(proto: object, name: string, label: string): void {
  const p = proto as Record<string, Fn>;
  const orig = p[name];
  p[name] = function (this: unknown, ...a: unknown[]) {
    if (!on || !inBind) return orig.apply(this, a);
    const t0 = performance.now();
    const r = orig.apply(this, a);
    record(label + mode(), performance.now() - t0);
    return r;
  };
}
/** `--toggle`: POSTINGS_VIA_POD flipped every scheduling cycle (an in-process A/B), the timed parts labelled by mode. */
const toggle = args.includes('--toggle');
const mode = () => (toggle ? (POSTINGS_VIA_POD.enabled ? ' [on]' : ' [off]') : '');
let cycleNo = 0;
const origScheduleOne = Scheduler.prototype.scheduleOne;
Scheduler.prototype.scheduleOne = function (this: Scheduler, ...a: Parameters<Scheduler['scheduleOne']>) {
  if (on && toggle) POSTINGS_VIA_POD.enabled = (cycleNo++ & 1) === 0;
  return origScheduleOne.apply(this, a);
};
/** Times `name` on `proto` under `label` (and the mode) in every measured call, in a binding or not. */
function wrapAlways(proto: object, name: string, label: string): void {
  const p = proto as Record<string, Fn>;
  const orig = p[name];
  p[name] = function (this: unknown, ...a: unknown[]) {
    if (!on) return orig.apply(this, a);
    const t0 = performance.now();
    const r = orig.apply(this, a);
    record(label + mode(), performance.now() - t0);
    return r;
  };
}
wrapAlways(PodTopologySpreadPlugin.prototype, 'preScore', 'PreScore PodTopologySpread');
wrapAlways(SpreadColumns.prototype, 'sparsePods', 'PreScore PodTopologySpread: sparsePods');
const origBind = DefaultBinderPlugin.prototype.bind;
DefaultBinderPlugin.prototype.bind = function (this: DefaultBinderPlugin, ...a: Parameters<DefaultBinderPlugin['bind']>) {
  inBind = true;
  const t0 = performance.now();
  try {
    return origBind.apply(this, a);
  } finally {
    if (on) record('Bind (whole)' + mode(), performance.now() - t0);
    inBind = false;
  }
};
wrap(EventRecorder.prototype, 'event', 'recorder.event (Scheduled)');
wrap(ObjectStore.prototype, 'update', 'store.update (incl. delivery)');
wrap(FanOut.prototype, 'emit', 'delivery (emit)');
if (args.includes('--fine')) {
  wrap(Snapshot.prototype, 'sync', '    snapshot sync (files pods assumed since the last sync)');
  wrap(LabelIndex.prototype, 'index', '      LabelIndex.index');
  wrap(SchedulerInformers.prototype, 'forgetPending', '    informers.forgetPending');
  wrap(SchedulerInformers.prototype, 'assumedPodInfo', '    informers.assumedPodInfo');
  wrap(SchedulingQueue.prototype, 'assignedPodAdded', '    queue.assignedPodAdded');
}
const origWatch = ObjectStore.prototype.watch;
ObjectStore.prototype.watch = function (this: ObjectStore, handler, ...rest) {
  const site = (new Error().stack ?? '').split('\n')[2]?.trim().replace(/^at /, '').replace(/\(.*\/src\//, '(').slice(0, 70) ?? '?';
  const timed = (e: Parameters<typeof handler>[0]) => {
    if (!on || !inBind) return handler(e);
    const t0 = performance.now();
    handler(e);
    record(`  watcher ${e.kind} ${e.type} ${site}`, performance.now() - t0);
  };
  return origWatch.call(this, timed, ...rest);
};

const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(kills);
on = true;
let rebound = 0;
for (let r = 0; r < runs; r++) rebound += kill(kills).rebound;
on = false;
POSTINGS_VIA_POD.enabled = true;
const binds = [...durations.keys()].filter((k) => k.startsWith('Bind (whole)')).reduce((n, k) => n + durations.get(k)!.length, 0);
console.log(`${runs} kill(s) of ${kills} of ${nodes} nodes: ${rebound} rebound, ${binds} binds`);
console.log(`  ${'part'.padEnd(84)} ${'median µs'.padStart(10)} ${'p90 µs'.padStart(8)} ${'mean µs/bind'.padStart(13)} ${'calls'.padStart(7)}`);
for (const k of [...durations.keys()].sort()) {
  const a = [...durations.get(k)!].sort((x, y) => x - y);
  const sum = a.reduce((s, x) => s + x, 0);
  console.log(`  ${k.padEnd(84)} ${(a[a.length >> 1] * 1000).toFixed(1).padStart(10)} ${(a[Math.floor(a.length * 0.9)] * 1000).toFixed(1).padStart(8)} ${((sum / binds) * 1000).toFixed(1).padStart(13)} ${String(a.length).padStart(7)}`);
}
