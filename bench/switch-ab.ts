/**
 * In-process A/B of one engine performance switch (an `export const NAME = { enabled }` in
 * src/engine): two recovery rigs in one process, one built and always run with the switch on,
 * the other with it off (so a switch read only when objects are built is honoured too). Both
 * kill the same seeded node sequence; their kills alternate (on/off, then off/on), so both
 * sides see the same machine. Prints the main thread's CPU µs per replaced pod (Linux
 * schedstat) of each kill and the medians per side.
 *
 *   npx tsx bench/switch-ab.ts NAME [nodes=2000] [kills=20] [--pairs P=3] [--aa] [--off-first]
 *
 * Resolution: on this 2-core VM under the other helpers' load, an A/A run (--aa: both rigs
 * on) read 0.97 with pairs up to 22 % apart, the first-built rig ahead in four of five pairs:
 * run both build orders (--off-first) and read only differences well beyond that spread.
 *
 * One warm-up kill of each rig runs first (not reported).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
const pairsAt = args.indexOf('--pairs');
const pairs = pairsAt >= 0 ? Number(args[pairsAt + 1]) : 3;
/** --aa: both rigs keep the switch on (what the tool reads when nothing differs). */
const aa = args.includes('--aa');
const [name, ...rest] = args.filter((a, i) => !a.startsWith('--') && (pairsAt < 0 || i !== pairsAt + 1));
const [nodes = 2000, kills = 20] = rest.map(Number);
if (!name || !/^[A-Z_]+$/.test(name)) throw new Error('usage: switch-ab.ts NAME [nodes] [kills] [--pairs P]');

/** The engine file that exports the switch. */
function findSwitch(dir: string): string | undefined {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      const hit = findSwitch(p);
      if (hit) return hit;
    } else if (f.endsWith('.ts') && !f.endsWith('.test.ts') && readFileSync(p, 'utf8').includes(`export const ${name} = { enabled`)) return p;
  }
  return undefined;
}
const root = join(import.meta.dirname, '..', 'src', 'engine');
const file = findSwitch(root);
if (!file) throw new Error(`no switch ${name} in src/engine`);
const flag = ((await import(join(root, relative(root, file)))) as Record<string, { enabled: boolean }>)[name];

function mainThreadNs(): number {
  return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
}
let main0 = 0;
let mainMs = 0;
timedRegion.enter = () => (main0 = mainThreadNs());
timedRegion.leave = () => (mainMs = (mainThreadNs() - main0) / 1e6);

// --off-first builds the "off" rig first (the first-built rig read a few per cent faster in A/A runs).
const build = (enabled: boolean) => {
  flag.enabled = enabled || aa;
  return recoveryRig(nodes);
};
const offFirst = args.includes('--off-first');
const first = build(!offFirst);
const second = build(offFirst);
const rigOn = offFirst ? second : first;
const rigOff = offFirst ? first : second;
const run = (enabled: boolean) => {
  flag.enabled = enabled || aa;
  const fig = (enabled ? rigOn : rigOff).kill(kills);
  return { pods: fig.rebound, us: (mainMs * 1000) / fig.rebound };
};
run(true);
run(false);
const on: number[] = [];
const off: number[] = [];
for (let i = 0; i < pairs; i++) {
  for (const enabled of i % 2 === 0 ? [true, false] : [false, true]) {
    const r = run(enabled);
    (enabled ? on : off).push(r.us);
    console.log(`${name} ${enabled ? 'on ' : 'off'}: ${r.pods} pods, ${r.us.toFixed(1)} µs main-thread CPU per replaced pod`);
  }
}
flag.enabled = true;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mOn = median(on);
const mOff = median(off);
console.log(`${name}\tmedian µs per pod: on ${mOn.toFixed(1)}\toff ${mOff.toFixed(1)}\ton/off ${(mOn / mOff).toFixed(3)}\t(${nodes} nodes, kill ${kills}, ${pairs} pairs)`);
