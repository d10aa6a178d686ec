/**
 * Splits the cold first kill into the JIT's share and the cluster's: optionally runs
 * 1-node kills on a small rig first (same code, other data: V8 compiles and optimizes
 * the recovery path there), then builds the measured rig and prints main-thread CPU ms
 * of its successive 1-node kills. Kill 0 of the measured rig with a pre-warmed process
 * is the cost of the cluster's own cold state (tables filled at the first cycles);
 * without, it also holds the compilation.
 *
 *   npx tsx bench/cold-split.ts [nodes=2000] [kills=4] [--prewarm N] [--prewarm-kills K=4] [--profile TOP]
 *
 * `--profile TOP` samples every measured kill and prints the TOP functions by what the
 * first kill spends more than the last (self and inclusive ms: first, last, difference).
 */
import { readFileSync } from 'node:fs';
import { profileKills, sampleStacks, type Profile, type ProfileNode } from './cpu-profile';
import { Snapshot } from '../src/engine/scheduler/framework/snapshot';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const [nodes = 2000, kills = 4] = positional.map(Number);
const prewarm = opt('--prewarm', 0);
const prewarmKills = opt('--prewarm-kills', 4);
const top = opt('--profile', 0);

function mainThreadNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

let main0 = 0;
let mainMs = 0;
timedRegion.enter = () => (main0 = mainThreadNs());
timedRegion.leave = () => (mainMs = (mainThreadNs() - main0) / 1e6);

// The scheduler's load-time preparation (Snapshot.prepare, part of KubeScheduler.loaded), timed.
let prepareMs = 0;
const proto = Snapshot.prototype as { prepare?: () => void };
const prepare = proto.prepare;
if (prepare !== undefined) {
  proto.prepare = function (this: Snapshot) {
    const t0 = mainThreadNs();
    prepare.call(this);
    prepareMs += (mainThreadNs() - t0) / 1e6;
  };
}

if (prewarm > 0) {
  const small = recoveryRig(prewarm);
  for (let i = 0; i < prewarmKills; i++) small.kill(1);
}
prepareMs = 0;
const { kill } = recoveryRig(nodes);
const preparedMs = prepareMs;
const out: string[] = [];
const profiler = top > 0 ? profileKills(100) : null;
const profiles: Profile[] = [];
if (profiler !== null) {
  // profileKills hooked timedRegion: time the main thread inside its hooks.
  const enter = timedRegion.enter;
  const leave = timedRegion.leave;
  timedRegion.enter = () => {
    enter();
    main0 = mainThreadNs();
  };
  timedRegion.leave = () => {
    mainMs = (mainThreadNs() - main0) / 1e6;
    leave();
  };
}
for (let i = 0; i < kills; i++) {
  const f = kill(1);
  const p = profiler?.latest();
  if (p) profiles.push(p);
  out.push(`kill ${i}: ${f.rebound} pods, main ${mainMs.toFixed(1)} ms, cpu ${f.cpuMs.toFixed(1)} ms, wall ${f.wallMs.toFixed(1)} ms`);
}
if (profiles.length > 1) report(profiles[0], profiles[profiles.length - 1]);
console.log(`${nodes} nodes${prewarm > 0 ? `, code warmed on ${prewarm} nodes × ${prewarmKills} kills` : ', cold process'}; Snapshot.prepare at load: ${prepare === undefined ? 'none' : `${preparedMs.toFixed(1)} ms of main thread`}`);
for (const l of out) console.log(l);

/** Inclusive and self ms per function in the first kill, and the first minus the last (what the cold kill adds). */
function report(first: Profile, last: Profile): void {
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  const tally = (profile: Profile) => {
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    let total = 0;
    for (const { stack, us } of sampleStacks(profile, label)) {
      total += us;
      self.set(stack[0], (self.get(stack[0]) ?? 0) + us);
      for (const l of new Set(stack)) incl.set(l, (incl.get(l) ?? 0) + us);
    }
    return { self, incl, total };
  };
  const a = tally(first);
  const b = tally(last);
  for (const kind of ['self', 'incl'] as const) {
    console.log(`${kind} ms: first kill (${(a.total / 1000).toFixed(1)} sampled), last (${(b.total / 1000).toFixed(1)}), difference`);
    const rows: [string, number, number][] = [...a[kind]].map(([name, us]) => [name, us, b[kind].get(name) ?? 0]);
    rows.sort((x, y) => y[1] - y[2] - (x[1] - x[2]));
    for (const [name, ua, ub] of rows.slice(0, top)) {
      console.log(`${(ua / 1000).toFixed(2).padStart(8)} ${(ub / 1000).toFixed(2).padStart(8)} ${((ua - ub) / 1000).toFixed(2).padStart(8)}  ${name}`);
    }
  }
}
