/**
 * Where a warmed 1-node kill's process CPU goes besides the main thread: CPU ms per thread
 * (Linux /proc/self/task/<tid>/{comm,schedstat}) over each measured kill, grouped by thread
 * name, and, with `--trace`, V8's GC and optimisation traces turned on for the measured kills
 * only (count the `[…Mark-Compact`, `Scavenge`, `completed optimizing` lines between the
 * `@@ kill` markers printed to stdout).
 *
 *   npx tsx bench/offthread-recovery.ts [nodes=2000] [--warm W=3] [--runs R=5] [--trace]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { recoveryRig, timedRegion } from './sim.bench';
import { benchArgs } from './args';

const cli = benchArgs(['--warm', '--runs']);
const args = cli.argv;
const opt = cli.number;
const nodes = Number(cli.positional[0] ?? 2000);
const warm = opt('--warm', 3);
const runs = opt('--runs', 5);

/** CPU ms per thread so far, keyed by `name tid`. */
function threads(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      out.set(`${tid === String(process.pid) ? 'main' : name} ${tid}`, ns / 1e6);
    } catch {
      // the thread ended
    }
  }
  return out;
}

const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(1);
if (args.includes('--trace')) setFlagsFromString('--trace-gc --trace-opt --trace-deopt');
const byName: Map<string, number>[] = [];
for (let r = 0; r < runs; r++) {
  let t0 = new Map<string, number>();
  timedRegion.enter = () => {
    console.log(`@@ kill ${r} start`);
    t0 = threads();
  };
  timedRegion.leave = () => {
    const t1 = threads();
    const m = new Map<string, number>();
    for (const [k, v] of t1) {
      const name = k.replace(/ \d+$/, '');
      m.set(name, (m.get(name) ?? 0) + v - (t0.get(k) ?? 0));
    }
    byName.push(m);
    console.log(`@@ kill ${r} end`);
  };
  const f = kill(1);
  console.log(`@@ kill ${r}: ${f.rebound} pods, process cpu ${f.cpuMs.toFixed(1)} ms`);
}
const names = new Set(byName.flatMap((m) => [...m.keys()]));
for (const n of names) console.log(`${n.padEnd(18)} ${byName.map((m) => (m.get(n) ?? 0).toFixed(1).padStart(7)).join(' ')} ms`);
