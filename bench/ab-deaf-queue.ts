/**
 * In-process A/B of the scheduling queue's SKIP_WHEN_DEAF (a flag that may change between
 * kills: it keeps no state): alternated node kills in one recovery rig with the skip on and
 * off, main-thread CPU ms of each kill's recovery (process.cpuUsage is process-wide: the
 * compiler's and GC's threads count too), medians per side.
 *
 *   npx tsx bench/ab-deaf-queue.ts [nodes=2000] [kills=20] [--pairs P=4]
 *
 * One warm-up kill runs first with the skip on (not reported).
 */
import { SKIP_WHEN_DEAF } from '../src/engine/scheduler/queue/scheduling-queue';
import { recoveryRig } from './sim.bench';

const args = process.argv.slice(2);
const pairsAt = args.indexOf('--pairs');
const pairs = pairsAt >= 0 ? Number(args[pairsAt + 1]) : 4;
const [nodes = 2000, kills = 20] = args.filter((a, i) => !a.startsWith('--') && (pairsAt < 0 || i !== pairsAt + 1)).map(Number);

const { kill } = recoveryRig(nodes);
kill(kills);
const on: number[] = [];
const off: number[] = [];
for (let i = 0; i < pairs; i++) {
  for (const enabled of i % 2 === 0 ? [true, false] : [false, true]) {
    SKIP_WHEN_DEAF.enabled = enabled;
    const fig = kill(kills);
    (enabled ? on : off).push(fig.cpuMs / fig.rebound);
    console.log(`skip ${enabled ? 'on ' : 'off'}: ${fig.rebound} pods, ${fig.cpuMs.toFixed(1)} ms cpu, ${((fig.cpuMs / fig.rebound) * 1000).toFixed(1)} µs cpu per replaced pod`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`median µs cpu per replaced pod: skip on ${(median(on) * 1000).toFixed(1)}, off ${(median(off) * 1000).toFixed(1)}`);
