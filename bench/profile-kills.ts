/**
 * CPU profile of several successive node-kill recoveries, aggregated: builds the bench's
 * cluster (recoveryRig), runs W unprofiled kills, then profiles the next R kills of
 * `kills` nodes each and prints inclusive and self time per function, summed over the R
 * profiled kills (a 1-node kill is ~25 ms: one profile holds too few samples).
 *
 *   npx tsx bench/profile-kills.ts [nodes=5000] [kills=1] [--warm W=3] [--runs R=8] [--no-inline] [--self]
 */
import { setFlagsFromString } from 'node:v8';
import { profileKills, sampleStacks, type ProfileNode } from './cpu-profile';
import { recoveryRig } from './sim.bench';
import { benchArgs } from './args';

const args = process.argv.slice(2);
if (args.includes('--no-inline')) setFlagsFromString('--no-turbo-inlining');
const cli = benchArgs(['--warm', '--runs'], args);
const opt = cli.number;
const warm = opt('--warm', 3);
const runs = opt('--runs', 8);
const [nodes = 5000, kills = 1] = cli.positional.map(Number);

const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(kills);

const profiler = profileKills(100);

const inclusive = new Map<string, number>();
const self = new Map<string, number>();
let total = 0;
let wall = 0;
let pods = 0;
let virtualS = 0;
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
for (let r = 0; r < runs; r++) {
  const fig = kill(kills);
  wall += fig.wallMs;
  pods += fig.rebound;
  virtualS += fig.recoveryVirtualS;
  const profile = profiler.latest();
  if (!profile) throw new Error('no profile');
  for (const { stack, us } of sampleStacks(profile, label)) {
    total += us;
    self.set(stack[0], (self.get(stack[0]) ?? 0) + us);
    for (const l of new Set(stack)) inclusive.set(l, (inclusive.get(l) ?? 0) + us);
  }
}
console.log(`${runs} kills of ${kills} of ${nodes} nodes: ${(wall / runs).toFixed(1)} ms wall each, ${pods} pods, ${virtualS} virtual s; ${(total / 1000 / runs).toFixed(1)} ms sampled per kill`);
const show = args.includes('--self') ? self : inclusive;
for (const [name, us] of [...show].sort((a, b) => b[1] - a[1]).slice(0, 70)) {
  console.log(`${(us / 1000 / runs).toFixed(2).padStart(8)} ms/kill ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
}
