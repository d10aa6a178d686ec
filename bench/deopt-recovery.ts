/**
 * V8 deoptimizations per node-kill recovery: successive kills in one process
 * (bench/sim.bench.ts's recoveryRig), each measured span bracketed by marker
 * lines on stdout, so that `--trace-deopt` output can be attributed to a kill.
 * Prints per kill: pods replaced, CPU ms of the process and of the main thread.
 *
 *   stdbuf -oL node --import tsx --trace-deopt bench/deopt-recovery.ts [nodes=1000] [kills=1,1,1,1,1] [--scheduled] > /tmp/deopt.log
 *     (--scheduled: the cluster placed by the simulation's controllers, scheduler and kubelets
 *     instead of loaded as bound pods, so that its pods have the shapes those components make)
 *   npx tsx bench/deopt-recovery.ts --summary /tmp/deopt.log   (deopts per kill, by function and reason)
 *
 *   stdbuf -oL node --import tsx --trace-opt --trace-deopt bench/deopt-recovery.ts 200 1,1,…(15) > /tmp/opt.log
 *   npx tsx bench/deopt-recovery.ts --timeline /tmp/opt.log [fromKill=3]
 *     per kill from `fromKill` on: what was thrown away between the previous kill and this one
 *     (the full collection before each kill: "weak objects", "code dependencies"), and in the
 *     kill every TurboFan compile, marked `first` (the function's first optimized code in the
 *     process), `again` (compiled before, its code since thrown away: the reason given) or
 *     `osr`, and every deoptimization with its reason; then totals over those kills.
 *
 * V8 writes its trace through C stdio, the markers go straight to file descriptor 1,
 * hence line buffering (`stdbuf -oL`) for the two to interleave in order.
 */
import { readFileSync, writeSync } from 'node:fs';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
if (args[0] === '--summary') summarize(readFileSync(args[1], 'utf8'));
else if (args[0] === '--timeline') timeline(readFileSync(args[1], 'utf8'), Number(args[2] ?? 3), args[3] ? readFileSync(args[3], 'utf8') : undefined);
else run(Number(args[0] ?? 1000), (args[1] ?? '1,1,1,1,1').split(',').map(Number), args.includes('--scheduled') ? 'scheduler' : 'direct');

function mainThreadNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

function run(nodes: number, kills: number[], placement: 'direct' | 'scheduler'): void {
  const { kill } = recoveryRig(nodes, placement);
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

/**
 * Compiles and code thrown away, per kill and per gap between kills, from `--trace-opt
 * --trace-deopt` output. Functions are told apart by their SharedFunctionInfo's address
 * (names repeat: `update`, `on`, anonymous arrows), which V8's compactor can move; a moved
 * one shows as a `first` compile under its name again, so `first` counts are upper bounds.
 */
function timeline(log: string, from: number, codeLog?: string): void {
  // `--log-code --logfile=F`: code-creation lines name each function's source position and its
  // SharedFunctionInfo (untagged), which places the anonymous ones.
  const sources = new Map<string, string>();
  for (const m of (codeLog ?? '').matchAll(/^code-creation,JS,[^,]*,[^,]*,[^,]*,[^,]*,([^,]*),0x([0-9a-f]+),/gm)) {
    sources.set(tagged(m[2]), m[1].trim().replace(/^.*?\/(src|bench)\//, '$1/'));
  }
  const compiled = new Map<string, number>(); // sfi → optimized compiles so far
  const lost = new Map<string, string>(); // sfi → why its last code was thrown away
  const names = new Map<string, string>();
  const ms = new Map<string, number>(); // sfi → its last compile's time (ms, on the compiling thread)
  const closures = new Map<string, string>(); // sfi → the closure last optimized
  const where_ = (sfi: string) => (names.get(sfi) === '(anonymous)' && sources.has(sfi) ? ` at ${sources.get(sfi)}` : '');
  let segment = 'setup';
  let kill = -1;
  let lines: string[] = [];
  const totals = new Map<string, number>();
  const compileMs = new Map<string, number>();
  const count = (k: string) => totals.set(k, (totals.get(k) ?? 0) + 1);
  const flush = () => {
    if (kill >= from && lines.length > 0) console.log(`${segment}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    lines = [];
  };
  const fn = /<JSFunction ([^ >]*) ?\(sfi = (0x[0-9a-f]+)\)>/;
  for (const line of log.split('\n')) {
    const m = /^=== kill (\d+) (start|end)$/.exec(line);
    if (m) {
      flush();
      kill = Number(m[1]) + (m[2] === 'end' ? 1 : 0);
      segment = m[2] === 'start' ? `kill ${m[1]}` : `between kill ${m[1]} and ${Number(m[1]) + 1}`;
      continue;
    }
    const where = segment.startsWith('kill') ? 'kill' : 'between';
    const took = /^\[completed compiling .*\(sfi = (0x[0-9a-f]+)\)>.* - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]$/.exec(line);
    if (took) {
      ms.set(took[1], Number(took[2]) + Number(took[3]) + Number(took[4]));
      continue;
    }
    const done = /^\[completed optimizing .*?\(target (\w+)\)( OSR)?\]$/.exec(line);
    if (done) {
      const f = fn.exec(line);
      if (!f) continue;
      const [, name, sfi] = f;
      names.set(sfi, name || '(anonymous)');
      const n = compiled.get(sfi) ?? 0;
      compiled.set(sfi, n + 1);
      const closure = /<JSFunction/.test(line) ? /(0x[0-9a-f]+) <JSFunction/.exec(line)![1] : '';
      // Never thrown away but compiled again for another closure of the same function: the
      // earlier closures died and the collector cleared their code (a closure made per call).
      const why = lost.get(sfi) ?? (closures.has(sfi) && closures.get(sfi) !== closure ? 'new closure, the code of dead ones collected' : 'not seen thrown away');
      closures.set(sfi, closure);
      const kind = done[2] ? 'osr' : n === 0 ? 'first' : `again (${why})`;
      lost.delete(sfi);
      const t = ms.get(sfi);
      lines.push(`opt ${kind}: ${names.get(sfi)}${t === undefined ? '' : ` (${t.toFixed(1)} ms)`}${where_(sfi)}`);
      if (kill >= from) {
        const k = `${where} opt ${kind.startsWith('again') ? 'again' : kind}`;
        count(k);
        compileMs.set(k, (compileMs.get(k) ?? 0) + (t ?? 0));
      }
      continue;
    }
    const at = /^\s+;;; deoptimize at <(.*)>$/.exec(line); // --trace-deopt-verbose: where, in tsx's output
    if (at && lines.length > 0 && lines[lines.length - 1].startsWith('deopt ')) {
      lines[lines.length - 1] += ` at ${at[1].replace(/^file:\/\/.*?\/src\//, 'src/')}`;
      continue;
    }
    const bail = /^\[bailout \(kind: ([^,]+), reason: ([^)]*)\): begin\./.exec(line);
    if (bail) {
      const f = fn.exec(line);
      if (!f) continue;
      const [, name, sfi] = f;
      lost.set(sfi, `${bail[1]}: ${bail[2]}, in ${segment}`);
      lines.push(`deopt ${bail[1]}, ${bail[2]}: ${name || '(anonymous)'}`);
      if (kill >= from) count(`${where} deopt ${bail[2]}`);
      continue;
    }
    const dep = /^\[marking dependent code .*?\((0x[0-9a-f]+) <SharedFunctionInfo ?([^>]*)>\).*reason: (.*)\]$/.exec(line);
    if (dep) {
      const [, sfi, name, reason] = dep;
      lost.set(sfi, `${reason}, in ${segment}`);
      lines.push(`thrown away, ${reason}: ${name || '(anonymous)'}`);
      if (kill >= from) count(`${where} thrown away: ${reason}`);
    }
  }
  flush();
  console.log(`totals from kill ${from} on:`);
  for (const [k, v] of [...totals].sort()) console.log(`  ${String(v).padStart(5)}  ${k}${compileMs.has(k) ? `, ${compileMs.get(k)!.toFixed(1)} ms compiling` : ''}`);
}

/** The tagged address V8's traces print for an untagged one from its log. */
function tagged(hex: string): string {
  return `0x${(BigInt(`0x${hex}`) + 1n).toString(16)}`;
}
