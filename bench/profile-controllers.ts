/**
 * Where the Deployment and ReplicaSet controllers' time goes in node-kill recoveries: CPU
 * profiles of R kills after W warm-up kills (as profile-kills.ts), and for every sample under
 * one of the controllers' entry points (their sync and watch handlers) the leaf function,
 * split by whether the sample is inside the store's watch delivery (other components' handlers
 * of the controller's own writes) or not.
 *
 *   npx tsx bench/profile-controllers.ts [nodes=2000] [kills=1] [--warm W=3] [--runs R=8] [--no-inline] [--top N=40]
 *     [--focus NAME] [--clamp US=300]
 *
 * Each sample counts for at most US µs: on a loaded machine the gap before a sample is often
 * the process being descheduled, which a sampling profile charges to whatever ran next.
 */
import { setFlagsFromString } from 'node:v8';
import { profileKills, sampleStacks, type ProfileNode } from './cpu-profile';
import { recoveryRig } from './sim.bench';
import { benchArgs } from './args';

const args = process.argv.slice(2);
if (args.includes('--no-inline')) setFlagsFromString('--no-turbo-inlining');
const cli = benchArgs(['--warm', '--runs', '--top', '--focus', '--clamp'], args);
const opt = cli.number;
const warm = opt('--warm', 3);
const runs = opt('--runs', 8);
const top = opt('--top', 40);
const [nodes = 2000, kills = 1] = cli.positional.map(Number);

const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(kills);
const profiler = profileKills(100);
/** Sample gaps are clamped to this (`--clamp US`, default 300): see below. */
const CLAMP_US = opt('--clamp', 300);

const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const AREA = /^(sync|onEvent|quick|run|runHead|runQuick) (deployment|replicaset|workload)\//;
const entries = new Map<string, number>();
const leaves = new Map<string, number>();
/** `--focus NAME`: inclusive time of every function under entries whose label starts with NAME. */
const focusAt = args.indexOf('--focus');
const focus = focusAt >= 0 ? args[focusAt + 1] : undefined;
const under = new Map<string, number>();
let total = 0;
let area = 0;
let pods = 0;
let wall = 0;
for (let r = 0; r < runs; r++) {
  const fig = kill(kills);
  pods += fig.rebound;
  wall += fig.wallMs;
  const profile = profiler.latest();
  if (!profile) throw new Error('no profile');
  for (const { stack, us: raw } of sampleStacks(profile, label)) {
    // A long gap between samples is the process descheduled (a loaded machine), not the function's time.
    const us = Math.min(raw, CLAMP_US);
    total += us;
    // The outermost controller entry (deepest index) of the stack, if any.
    let entry = -1;
    for (let i = stack.length - 1; i >= 0; i--) {
      if (AREA.test(stack[i]) && (/(deployment|replicaset)\//.test(stack[i]) || /^runQuick /.test(stack[i]))) {
        entry = i;
        break;
      }
    }
    if (entry < 0) continue;
    area += us;
    const inEmit = stack.slice(0, entry).some((l) => l.startsWith('emit store/'));
    const key = `${stack[entry].replace(/:\d+$/, '')}${inEmit ? ' > [store delivery]' : ''}`;
    entries.set(key, (entries.get(key) ?? 0) + us);
    if (!inEmit) leaves.set(stack[0], (leaves.get(stack[0]) ?? 0) + us);
    if (focus !== undefined && stack[entry].startsWith(focus)) for (const l of new Set(stack.slice(0, entry + 1))) under.set(l, (under.get(l) ?? 0) + us);
  }
}
const ms = (us: number) => (us / 1000 / runs).toFixed(2).padStart(8);
console.log(`${runs} kills of ${kills} of ${nodes} nodes: ${(wall / runs).toFixed(1)} ms wall each, ${(pods / runs).toFixed(0)} pods each; ${ms(total)} ms sampled per kill, ${ms(area)} under the controllers (${((100 * area) / total).toFixed(1)} %)`);
console.log('per kill, by entry point:');
for (const [k, us] of [...entries].sort((a, b) => b[1] - a[1])) console.log(`${ms(us)} ms  ${k}`);
console.log('per kill, leaf functions outside the store delivery:');
for (const [k, us] of [...leaves].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ms  ${k}`);
if (focus !== undefined) {
  console.log(`per kill, inclusive under ${focus}:`);
  for (const [k, us] of [...under].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ms  ${k}`);
}
