/**
 * Which way the scheduler's informers take each Pod watch event during one node-kill
 * recovery, per replaced pod, with the median wall time of a call of each way
 * (performance.now around every call: a median, so a call during which the process was
 * descheduled does not count; process.cpuUsage is process-wide and counts the compiler's
 * and GC's threads): what a replaced pod costs the scheduler outside its cycle.
 *
 *   npx tsx bench/informer-paths.ts [nodes=1000] [kills=10]
 *
 * A warm-up kill runs first (not counted).
 */
import { performance } from 'node:perf_hooks';
import type { Pod } from '../src/engine/model/types';
import type { WatchEvent } from '../src/engine/sim/contracts';
import { SchedulerInformers } from '../src/engine/scheduler/informers';
import { recoveryRig, timedRegion } from './sim.bench';

const [nodes = 1000, kills = 10] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
let counting = false;
const calls = new Map<string, number>();
const times = new Map<string, number[]>();

/** The way onPod takes `e`, named by what changed (read before the call: the informers' state is not consulted). */
function way(e: WatchEvent): string {
  const pod = e.object as Pod;
  const old = e.old as Pod | undefined;
  if (e.type === 'DELETED') return `DELETED ${pod.spec.nodeName ? 'bound' : 'unbound'}`;
  if (e.type === 'ADDED') return `ADDED ${pod.spec.nodeName ? 'bound' : 'unbound'}`;
  if (!pod.spec.nodeName) return 'MODIFIED unbound';
  if (!old?.spec.nodeName) return 'MODIFIED bound now (binding)';
  const what: string[] = [];
  if (pod.metadata.deletionTimestamp !== old.metadata.deletionTimestamp) what.push('deletionTimestamp');
  if (pod.status?.startTime !== old.status?.startTime) what.push('startTime');
  const dt = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.status;
  if (dt(pod) !== dt(old)) what.push('DisruptionTarget');
  if (pod.status?.phase !== old.status?.phase) what.push(`phase ${pod.status?.phase}`);
  return `MODIFIED bound: ${what.join(' + ') || 'other status'}`;
}

const proto = SchedulerInformers.prototype as unknown as { onPod: (e: WatchEvent, live: boolean) => void };
const onPod = proto.onPod;
proto.onPod = function (this: unknown, e: WatchEvent, live: boolean) {
  if (!counting) return onPod.call(this, e, live);
  const w = way(e);
  const t0 = performance.now();
  onPod.call(this, e, live);
  const t = performance.now() - t0;
  if (!times.has(w)) times.set(w, []);
  times.get(w)!.push(t);
  calls.set(w, (calls.get(w) ?? 0) + 1);
};

const { kill } = recoveryRig(nodes);
kill(kills);
timedRegion.enter = () => (counting = true);
timedRegion.leave = () => (counting = false);
const fig = kill(kills);
const pods = Math.max(1, fig.rebound);
const all = [...calls.values()].reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
let perPod = 0;
for (const [k, v] of calls) perPod += (median(times.get(k)!) * 1000 * v) / pods;
console.log(`kill ${kills} of ${nodes}: ${fig.rebound} pods replaced; informer Pod events ${all} (${(all / pods).toFixed(2)} per replaced pod); sum of medians × calls: ${perPod.toFixed(1)} µs per replaced pod`);
for (const [k, v] of [...calls].sort((a, b) => b[1] - a[1])) {
  console.log(`${String(v).padStart(7)} ${(v / pods).toFixed(2).padStart(6)}/pod ${(median(times.get(k)!) * 1000).toFixed(1).padStart(7)} µs median  ${k}`);
}
