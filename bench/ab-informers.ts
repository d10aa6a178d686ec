/**
 * In-process A/B of the scheduler informers' shortcuts of branch inf10 (RERECORD_IN_PLACE,
 * POSTING_REFS: flags that keep no state, so they may change between kills): alternated
 * warmed node kills in one recovery rig with the shortcuts on and off. For each kill: the wall
 * time (performance.now around every call; process.cpuUsage per call proved far too coarse and
 * costly) spent inside the scheduler informers' `handle` in the timed region (its snapshot, queue and nominator work included),
 * the median wall µs of a `handle` call that re-records a bound pod (in place, or by a new
 * PodInfo and replacePod), and the kill's whole CPU; medians per side, per replaced pod.
 *
 *   npx tsx bench/ab-informers.ts [nodes=2000] [kills=20] [--pairs P=4] [--by-event]
 *
 * One warm-up kill runs first with the shortcuts on (not reported). The sums take in every
 * call a busy machine preempted: the per-call medians are the figures to compare.
 */
import { performance } from 'node:perf_hooks';
import { POSTING_REFS, POSTINGS_BY_SET } from '../src/engine/scheduler/framework/label-index';
import { Snapshot } from '../src/engine/scheduler/framework/snapshot';
import { RERECORD_IN_PLACE, SchedulerInformers } from '../src/engine/scheduler/informers';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
const pairsAt = args.indexOf('--pairs');
const pairs = pairsAt >= 0 ? Number(args[pairsAt + 1]) : 4;
const [nodes = 2000, kills = 20] = args.filter((a, i) => !a.startsWith('--') && (pairsAt < 0 || i !== pairsAt + 1)).map(Number);

let counting = false;
let handleUs = 0;
let depth = 0;
let reRecord = false;
/** Wall µs of each informers.handle call that re-recorded a bound pod (in place or by replacePod). */
let reRecordCalls: number[] = [];
/** Wall µs of each call by what the event is (Pod events by type and binding, else the kind). */
let byWhat = new Map<string, number[]>();
function what(e: { kind: string; type: string; object: { spec?: { nodeName?: string } }; old?: { spec?: { nodeName?: string } } }): string {
  if (e.kind !== 'Pod') return e.kind;
  if (e.type !== 'MODIFIED') return `Pod ${e.type}`;
  const now = !!e.object.spec?.nodeName;
  const was = !!e.old?.spec?.nodeName;
  return `Pod MODIFIED ${was ? 'bound' : 'pending'}->${now ? 'bound' : 'pending'}`;
}
const proto = SchedulerInformers.prototype as unknown as { handle: (e: unknown) => void };
const handle = proto.handle;
proto.handle = function (this: unknown, e: unknown) {
  if (depth > 0 || !counting) return handle.call(this, e);
  depth++;
  reRecord = false;
  const w = performance.now();
  try {
    handle.call(this, e);
  } finally {
    const dw = performance.now() - w;
    handleUs += dw * 1000;
    if (reRecord) reRecordCalls.push(dw * 1000);
    const k = reRecord ? 'Pod re-record' : what(e as Parameters<typeof what>[0]);
    let xs = byWhat.get(k);
    if (xs === undefined) byWhat.set(k, (xs = []));
    xs.push(dw * 1000);
    depth--;
  }
};
let inPlace = 0;
const snapProto = Snapshot.prototype as unknown as Record<'rerecord' | 'replacePod', (...a: unknown[]) => unknown>;
const rerecord = snapProto.rerecord;
snapProto.rerecord = function (this: unknown, ...a: unknown[]) {
  const r = rerecord.apply(this, a);
  if (r) {
    inPlace++;
    reRecord = true;
  }
  return r;
};
const replacePod = snapProto.replacePod;
snapProto.replacePod = function (this: unknown, ...a: unknown[]) {
  reRecord = true;
  return replacePod.apply(this, a);
};
timedRegion.enter = () => (counting = true);
timedRegion.leave = () => (counting = false);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const { kill } = recoveryRig(nodes);
kill(kills);
const sides = { on: [] as number[][], off: [] as number[][] };
for (let i = 0; i < pairs; i++) {
  for (const enabled of i % 2 === 0 ? [true, false] : [false, true]) {
    RERECORD_IN_PLACE.enabled = enabled;
    POSTING_REFS.enabled = enabled;
    POSTINGS_BY_SET.enabled = enabled;
    handleUs = 0;
    inPlace = 0;
    reRecordCalls = [];
    byWhat = new Map();
    const fig = kill(kills);
    const med = median(reRecordCalls);
    const per = [handleUs / fig.rebound, (fig.cpuMs * 1000) / fig.rebound, inPlace / fig.rebound, med, reRecordCalls.length / fig.rebound];
    (enabled ? sides.on : sides.off).push(per);
    if (args.includes('--by-event')) {
      for (const [k, xs] of [...byWhat].sort()) console.log(`  ${k}: ${(xs.length / fig.rebound).toFixed(2)} per replaced pod, median ${median(xs).toFixed(2)} µs, sum ${(xs.reduce((a, b) => a + b, 0) / fig.rebound).toFixed(1)} µs per replaced pod`);
    }
    console.log(
      `shortcuts ${enabled ? 'on ' : 'off'}: ${fig.rebound} pods, informers.handle ${per[0].toFixed(1)} µs wall per replaced pod, kill ${per[1].toFixed(0)} µs cpu per replaced pod, re-record calls ${per[4].toFixed(2)} (in place ${per[2].toFixed(2)}) per replaced pod, median ${per[3].toFixed(2)} µs wall each`,
    );
  }
}
for (const [name, rows] of Object.entries(sides)) {
  console.log(
    `median ${name}: informers.handle ${median(rows.map((r) => r[0])).toFixed(1)} µs wall, kill ${median(rows.map((r) => r[1])).toFixed(0)} µs cpu per replaced pod; a re-record call ${median(rows.map((r) => r[3])).toFixed(2)} µs wall (median of the kills' medians)`,
  );
}
