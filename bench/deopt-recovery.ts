/**
 * V8 deoptimizations per node-kill recovery: successive kills in one process
 * (bench/sim.bench.ts's recoveryRig), each measured span bracketed by marker
 * lines on stdout, so that `--trace-deopt` output can be attributed to a kill.
 * Prints per kill: pods replaced, CPU ms of the process and of the main thread.
 *
 *   stdbuf -oL node --import tsx --trace-deopt bench/deopt-recovery.ts [nodes=1000] [kills=1,1,1,1,1] > /tmp/deopt.log
 *   npx tsx bench/deopt-recovery.ts --summary /tmp/deopt.log   (deopts per kill, by function and reason)
 *
 * V8 writes its trace through C stdio, the markers go straight to file descriptor 1,
 * hence line buffering (`stdbuf -oL`) for the two to interleave in order.
 */
import { readFileSync, writeSync } from 'node:fs';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
if (args[0] === '--summary') summarize(readFileSync(args[1], 'utf8'));
else run(Number(args[0] ?? 1000), (args[1] ?? '1,1,1,1,1').split(',').map(Number));

function mainThreadNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

function run(nodes: number, kills: number[]): void {
  const { kill } = recoveryRig(nodes);
  let n = 0;
  let main0 = 0;
  let mainMs = 0;
  timedRegion.enter = () => {
    writeSync(1, `=== kill ${n} start\n`);
    main0 = mainThreadNs();
  };
  timedRegion.leave = () => {
    mainMs = (mainThreadNs() - main0) / 1e6;
    writeSync(1, `=== kill ${n} end\n`);
  };
  for (const k of kills) {
    const f = kill(k);
    writeSync(1, `=== kill ${n}: ${k} nodes, ${f.rebound} pods, cpu ${f.cpuMs.toFixed(0)} ms, main ${mainMs.toFixed(0)} ms, wall ${f.wallMs.toFixed(0)} ms\n`);
    n++;
  }
}

/** Deopts inside each measured span, counted by function and reason. */
function summarize(log: string): void {
  let inKill: string | null = null;
  const per = new Map<string, Map<string, number>>();
  for (const line of log.split('\n')) {
    const m = /^=== kill (\d+) (start|end)$/.exec(line);
    if (m) {
      inKill = m[2] === 'start' ? m[1] : null;
      continue;
    }
    if (line.startsWith('=== kill')) console.log(line);
    if (inKill === null) continue;
    // [bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x…<JSFunction name (sfi = …)>, …
    const b = /\[bailout \(kind: ([^,]+), reason: ([^)]*)\): begin\. deoptimizing [^<]*<JSFunction ([^ >]*)/.exec(line);
    if (!b) continue;
    const key = `${b[3]} (${b[1]}: ${b[2]})`;
    if (!per.has(inKill)) per.set(inKill, new Map());
    const c = per.get(inKill)!;
    c.set(key, (c.get(key) ?? 0) + 1);
  }
  for (const [k, c] of per) {
    const total = [...c.values()].reduce((s, v) => s + v, 0);
    console.log(`kill ${k}: ${total} deopts`);
    for (const [key, v] of [...c].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${String(v).padStart(4)}  ${key}`);
  }
}
