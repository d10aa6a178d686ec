/**
 * In-process A/B of branch ctrl10's controller shortcuts: one cluster, warm-up kills, then kills
 * alternating with the shortcuts on and off (which goes first alternates too). Per kill: pods
 * replaced, main-thread CPU per pod (Linux schedstat), the ReplicaSet and Deployment
 * controllers' queue runs less the store's watch delivery inside them ("own", as
 * controller-cost.ts: performance.now() per run, runs over 2 ms dropped), and the stored pods'
 * distinct spec objects among the replacements. Then the medians per pod of each mode.
 *
 *   npx tsx bench/ctrl10-ab.ts [nodes=1000] [kills=10] [pairs=4] [--warm W] [--only skeleton]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SHARED_SKELETON } from '../src/engine/controllers/workload/template';
import { SyncQueue } from '../src/engine/controllers/workload/sync-queue';
import { ObjectStore } from '../src/engine/store/object-store';
import type { Pod } from '../src/engine/model/types';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const warm = Number(opt('--warm') ?? 2);
const [nodes = 1000, kills = 10, pairs = 4] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')).map(Number);

const set = (on: boolean) => {
  SHARED_SKELETON.enabled = on;
};

function mainThreadNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

let counting = false;
const own = new Map<string, number>();
let emitMs = 0;
let inRun = 0;
const proto = SyncQueue.prototype as unknown as { run: (slot: unknown, at: number) => void; label: string };
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
    if (all <= 2) own.set(this.label, (own.get(this.label) ?? 0) + all - emitMs);
  }
};
const sp = ObjectStore.prototype as unknown as { flush: () => void };
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

// Pod creates: each store.create of a Pod timed (inclusive of its watch delivery), median per kill.
const createUs: number[] = [];
const cp = ObjectStore.prototype as unknown as { create: (o: { kind?: string }, opts?: unknown) => unknown };
const create0 = cp.create;
cp.create = function (o, opts) {
  if (!counting || o.kind !== 'Pod') return create0.call(this, o, opts);
  const t = performance.now();
  try {
    return create0.call(this, o, opts);
  } finally {
    createUs.push(1000 * (performance.now() - t));
  }
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { placed, kill } = recoveryRig(nodes);
const created: Pod[] = [];
placed.sim.store.watch((e) => {
  if (counting && e.type === 'ADDED' && e.kind === 'Pod') created.push(e.object as Pod);
});
for (let i = 0; i < warm; i++) kill(kills);
let main0 = NaN;
let mainMs = NaN;
timedRegion.enter = () => {
  counting = true;
  own.clear();
  created.length = 0;
  createUs.length = 0;
  main0 = mainThreadNs();
};
timedRegion.leave = () => {
  mainMs = (mainThreadNs() - main0) / 1e6;
  counting = false;
};
type Row = { main: number; rs: number; dep: number; create: number };
const per: Record<'on' | 'off', Row[]> = { on: [], off: [] };
for (let p = 0; p < pairs; p++) {
  const order: Array<'on' | 'off'> = p % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
  for (const mode of order) {
    set(mode === 'on');
    const f = kill(kills);
    const pods = Math.max(1, f.rebound);
    const rs = (1000 * (own.get('replicaset-controller') ?? 0)) / pods;
    const dep = (1000 * (own.get('deployment-controller') ?? 0)) / pods;
    const specs = new Set(created.map((x) => x.spec)).size;
    const create = median(createUs);
    per[mode].push({ main: (1000 * mainMs) / pods, rs, dep, create });
    console.log(
      `${mode.padEnd(3)} kill ${kills}: ${f.rebound} pods (${created.length} created, ${specs} distinct specs), main ${((1000 * mainMs) / pods).toFixed(0)} µs/pod, ` +
        `RS runs own ${rs.toFixed(1)} µs/pod, Deployment runs own ${dep.toFixed(1)} µs/pod, pod create median ${create.toFixed(1)} µs, cpu ${f.cpuMs.toFixed(0)} ms, wall ${f.wallMs.toFixed(0)} ms`,
    );
  }
}
set(true);
const m = (mode: 'on' | 'off', k: keyof Row) => median(per[mode].map((r) => r[k]));
for (const mode of ['on', 'off'] as const) {
  console.log(`${mode}: median main-thread ${m(mode, 'main').toFixed(0)} µs/pod, RS runs own ${m(mode, 'rs').toFixed(1)} µs/pod, Deployment runs own ${m(mode, 'dep').toFixed(1)} µs/pod, pod create median ${m(mode, 'create').toFixed(1)} µs`);
}
console.log(`on / off: main ${(m('on', 'main') / m('off', 'main')).toFixed(3)}, RS own ${(m('on', 'rs') / m('off', 'rs')).toFixed(3)}, Deployment own ${(m('on', 'dep') / m('off', 'dep')).toFixed(3)}, pod create ${(m('on', 'create') / m('off', 'create')).toFixed(3)}`);
