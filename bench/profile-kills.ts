/**
 * CPU profile of several successive node-kill recoveries, aggregated: builds the bench's
 * cluster (recoveryRig), runs W unprofiled kills, then profiles the next R kills of
 * `kills` nodes each and prints inclusive and self time per function, summed over the R
 * profiled kills (a 1-node kill is ~25 ms: one profile holds too few samples).
 *
 *   npx tsx bench/profile-kills.ts [nodes=5000] [kills=1] [--warm W=3] [--runs R=8] [--no-inline] [--self]
 */
import { Session } from 'node:inspector';
import { setFlagsFromString } from 'node:v8';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
if (args.includes('--no-inline')) setFlagsFromString('--no-turbo-inlining');
const opt = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const warm = opt('--warm', 3);
const runs = opt('--runs', 8);
const positional = args.filter((a, i) => !a.startsWith('--') && !['--warm', '--runs'].includes(args[i - 1]));
const [nodes = 5000, kills = 1] = positional.map(Number);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(kills);

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 100 });
let profile: Profile | undefined;
timedRegion.enter = () => session.post('Profiler.start');
timedRegion.leave = () => session.post('Profiler.stop', (_err, result) => (profile = (result as { profile: Profile }).profile));

const inclusive = new Map<string, number>();
const self = new Map<string, number>();
let total = 0;
let wall = 0;
let pods = 0;
let virtualS = 0;
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
for (let r = 0; r < runs; r++) {
  profile = undefined;
  const fig = kill(kills);
  wall += fig.wallMs;
  pods += fig.rebound;
  virtualS += fig.recoveryVirtualS;
  if (!profile) throw new Error('no profile');
  const p: Profile = profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (let i = 0; i < p.samples.length; i++) {
    const stack: string[] = [];
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) stack.push(label(byId.get(id)!));
    if (stack.some((l) => l.startsWith('post node:inspector'))) continue;
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    self.set(stack[0], (self.get(stack[0]) ?? 0) + dt);
    for (const l of new Set(stack)) inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
  }
}
console.log(`${runs} kills of ${kills} of ${nodes} nodes: ${(wall / runs).toFixed(1)} ms wall each, ${pods} pods, ${virtualS} virtual s; ${(total / 1000 / runs).toFixed(1)} ms sampled per kill`);
const show = args.includes('--self') ? self : inclusive;
for (const [name, us] of [...show].sort((a, b) => b[1] - a[1]).slice(0, 70)) {
  console.log(`${(us / 1000 / runs).toFixed(2).padStart(8)} ms/kill ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
}
