/**
 * CPU time of a series of node-kill recoveries in one process (bench/sim.bench.ts's
 * killAndRecover: the cluster set up once, then each kill measured after a full GC),
 * for comparing two builds by alternated runs on a shared machine, where wall time
 * says little. Prints, per kill: pods replaced, CPU ms of the process (all threads,
 * V8's GC helpers included), CPU ms of the main thread (Linux schedstat), wall ms.
 *
 *   npx tsx bench/cpu-recovery.ts [nodes=1000] [kills=1,1,1,1,10,10,10]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { recoveryRig, timedRegion } from './sim.bench';

const [nodesArg, killsArg] = process.argv.slice(2);
const nodes = Number(nodesArg ?? 1000);
const kills = (killsArg ?? '1,1,1,1,10,10,10').split(',').map(Number);
/** The main thread's CPU ns so far (Linux: the first field of its schedstat), or NaN. */
function mainThreadNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

const { kill } = recoveryRig(nodes);
let main0 = NaN;
let mainMs = NaN;
timedRegion.enter = () => (main0 = mainThreadNs());
timedRegion.leave = () => (mainMs = (mainThreadNs() - main0) / 1e6);
const rows: string[] = [];
for (const k of kills) {
  const t = performance.now();
  const f = kill(k);
  rows.push(`kill ${k}\t${f.rebound} pods\tcpu ${f.cpuMs.toFixed(0)} ms\tmain ${mainMs.toFixed(0)} ms\twall ${f.wallMs.toFixed(0)} ms\t(${(performance.now() - t).toFixed(0)} ms with settling)`);
  console.log(rows[rows.length - 1]);
}
