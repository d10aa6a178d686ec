/**
 * CPU profile of one node-kill recovery (bench/sim.bench.ts's measured part only):
 * builds the cluster, runs one unprofiled kill to warm up, then profiles the next and
 * prints inclusive time per function (what a phase costs, callees included).
 *
 *   npx tsx bench/profile-recovery.ts [nodes=500] [kills=5] [--no-inline] [--warm W]
 *
 * `--warm W` runs W unprofiled kills first instead of one (the JIT's steady state:
 * the first kills of a process run largely unoptimized code).
 *
 * `--no-inline` turns off V8's inlining so that time lands on the function that
 * spends it (slower overall; use it for attribution, not for figures). The raw
 * profile is written to /tmp/podscape-recovery.cpuprofile, or to the file
 * given with `--out FILE` (open it in DevTools).
 */
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { profileKills, sampleStacks, type ProfileNode } from './cpu-profile';
import { recoveryRig } from './sim.bench';

const args = process.argv.slice(2);
if (args.includes('--no-inline')) setFlagsFromString('--no-turbo-inlining');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : '/tmp/podscape-recovery.cpuprofile';
const warmAt = args.indexOf('--warm');
const warm = warmAt >= 0 ? Number(args[warmAt + 1]) : 1;
const [nodes = 500, kills = 5] = args.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1) && (warmAt < 0 || i !== warmAt + 1)).map(Number);

const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(kills);

const profiler = profileKills(200);
const fig = kill(kills);
const profile = profiler.latest();
if (!profile) throw new Error('no profile');
writeFileSync(out, JSON.stringify(profile));

const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`;
const inclusive = new Map<string, number>();
let total = 0;
for (const { stack, us } of sampleStacks(profile, label)) {
  total += us;
  for (const l of new Set(stack)) inclusive.set(l, (inclusive.get(l) ?? 0) + us);
}
console.log(`kill ${kills} of ${nodes} nodes: ${fig.wallMs.toFixed(1)} ms wall, ${fig.evicted} evicted, ${fig.rebound} rebound, ${fig.recoveryVirtualS} s virtual; ${(total / 1000).toFixed(0)} ms sampled`);
for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 50)) {
  console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
}
