/**
 * Counted work of a recovery instead of its wall time: the instructions (and, with --cache,
 * callgrind's simulated cache misses) that a warmed kill executes, taken under
 * `valgrind --tool=callgrind`, so that whole-kill A/B comparisons resolve on a loaded VM
 * where wall time spreads by ±25 % and more.
 *
 *   npx tsx bench/kill-instructions.ts [nodes=5000] [--kills 1,1,1,50] [--warm W=3]
 *       [--runs R=3] [--idle S] [--cache] [--base COMMIT] [--json]
 *
 * Each run is one process: this file bundled by esbuild (one .mjs, no tsx loader) and run by
 * `node` under callgrind with instrumentation off; bench/sim.bench.ts's recovery rig is built
 * (`nodes` Deployments × 30 pods on `nodes` nodes), W warm-up 1-node kills run, then each kill
 * of --kills runs with instrumentation switched on by the process itself (`vgdb … instrumentation
 * on`) right after the rig's full collection and off again as the kill ends, and callgrind dumps
 * the kill's counts. Only the kills are instrumented, so a run costs about 5–10× the native
 * setup plus ~100× the measured kills (on the shared 2-core VM at load ~15: 200 nodes ~3 min;
 * 1,000 nodes ~15 min, ~23 min with a 50-node kill; 5,000 nodes ~35 min to its first kill;
 * at load ~7 a 1,000-node run with six 1-node kills took 4 min).
 * Compare `Ir.js` (see split below): runs of one build agree to ~±0.2 % there, while the
 * compilers' share moves by up to ~±7 % between runs.
 *   --idle S   also counts S virtual seconds with nothing killed, before the kills (the
 *              steady cluster's periodic work over the span a 1-node kill takes: S=350).
 *   --cache    callgrind's cache simulation too (about 2× slower instrumented): D1 and LL
 *              misses, and an estimate Ir + 10·L1 misses + 100·LL misses (callgrind's own).
 *   --off NAME A/B of performance switches (comma-separated names): runs alternate between
 *              the switches off and on, in one bundle (the environment turns them off),
 *              off first; prints each side's medians and on ÷ off.
 *   --node-flags 'F …'  more node/V8 flags for the measured process (e.g. '--no-flush-bytecode').
 *   --base C   A/B: runs alternate between this tree and commit C's `src/` (exported with
 *              `git archive` into a temporary directory; the bench files are this tree's),
 *              base first; prints each side's medians and their ratio.
 *
 * V8 runs with `--single-threaded` (compilation and GC on the main thread, at points fixed by
 * the program, not by helper threads' timing) and fixed random and hash seeds, so the same build
 * gives nearly the same count each run; the spread is printed. Instructions weigh a cache miss
 * like any other instruction, so a change that only moves memory traffic shows in --cache's
 * miss counts, not in Ir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recoveryRig, timedRegion } from './sim.bench';
import { collectGarbage } from './gc';
import { benchArgs } from './args';

const cli = benchArgs(['--kills', '--warm', '--runs', '--idle', '--base', '--off', '--node-flags']);
const opt = cli.number;
const argv = cli.argv;
const str = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** Asks this process's own valgrind gdbserver to run a callgrind monitor command. */
function monitor(...command: string[]): void {
  execFileSync('vgdb', [`--pid=${process.pid}`, ...command], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Under callgrind: builds the rig, warms it up, and runs the measured regions, each dumped. */
function child(): void {
  const nodes = Number(cli.positional[0] ?? 5000);
  const kills = (str('--kills') ?? '1').split(',').map(Number);
  const idle = opt('--idle', 0);
  const { placed, kill } = recoveryRig(nodes);
  for (let i = 0; i < opt('--warm', 3); i++) kill(1);
  const on = (label: string) => () => {
    monitor('zero');
    monitor('instrumentation', 'on');
    void label;
  };
  const off = (label: string) => () => {
    monitor('dump', label);
    monitor('instrumentation', 'off');
  };
  // The fixed cost of switching on and dumping (the vgdb calls' own return paths).
  collectGarbage();
  on('empty')();
  off('empty')();
  if (idle > 0) {
    collectGarbage();
    on('idle')();
    for (let s = 0; s < idle; s++) placed.sim.advanceBy(1000);
    off('idle')();
  }
  kills.forEach((count, i) => {
    timedRegion.enter = on(`kill${i}`);
    timedRegion.leave = off(`kill${i}`);
    const f = kill(count);
    timedRegion.enter = timedRegion.leave = () => {};
    console.log(JSON.stringify({ kill: i, count, rebound: f.rebound, virtualS: f.recoveryVirtualS, events: f.events, writes: f.writes }));
  });
}

interface Counts {
  [event: string]: number;
}

/** The event totals of one callgrind dump file. */
function totals(file: string): Counts {
  const text = readFileSync(file, 'utf8');
  const events = /^events: (.*)$/m.exec(text)![1].trim().split(/\s+/);
  const sums = /^(?:summary|totals): (.*)$/m.exec(text)![1].trim().split(/\s+/).map(Number);
  const c: Counts = {};
  events.forEach((e, i) => (c[e] = sums[i] ?? 0));
  Object.assign(c, split(file));
  if (c.D1mr !== undefined) {
    const l1 = (c.I1mr ?? 0) + c.D1mr + (c.D1mw ?? 0);
    const ll = (c.ILmr ?? 0) + (c.DLmr ?? 0) + (c.DLmw ?? 0);
    c.L1m = l1;
    c.LLm = ll;
    c.CEst = c.Ir + 10 * l1 + 100 * ll;
  }
  return c;
}

/**
 * The dump's instructions by where they ran (callgrind_annotate's self cost per function):
 * `Ir.compile` V8's optimizing compilers (TurboFan, Maglev; with --single-threaded they run on
 * the main thread, in a normal run on helper threads), `Ir.gc` the collector, and `Ir.js` the
 * rest: the program itself (JIT code without symbols, V8's builtins: interpreter, inline
 * caches) and the runtime and libc it calls.
 */
function split(file: string): Counts {
  const out = execFileSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let compile = 0;
  let gc = 0;
  let all = 0;
  for (const line of out.split('\n')) {
    const m = /^\s*([\d,]+) \([ \d.]+%\)\s+(.*)$/.exec(line);
    if (!m || m[2].includes('PROGRAM TOTALS')) continue;
    const n = Number(m[1].replace(/,/g, ''));
    const fn = m[2];
    all += n;
    if (/compiler::|maglev::|turboshaft::|Pipeline|OptimizedCompilationJob/.test(fn)) compile += n;
    else if (/Scaveng|MarkCompact|Marking|Marker|Sweep|Evacuat|Heap::|heap::|RememberedSet|SlotSet|cppgc/.test(fn)) gc += n;
  }
  return { 'Ir.compile': compile, 'Ir.gc': gc, 'Ir.js': all - compile - gc };
}

async function bundle(dir: string, srcRoot: string | null): Promise<string> {
  const { build } = await import('esbuild');
  const here = fileURLToPath(import.meta.url);
  const repoSrc = resolve(dirname(here), '../src');
  const out = join(dir, 'child.mjs');
  await build({
    entryPoints: [here],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    external: ['esbuild'],
    logLevel: 'error',
    // A base commit's `src/` is exported under the temporary directory, where no `node_modules`
    // lies above it: its packages (yaml) resolve from this tree's.
    nodePaths: [resolve(dirname(here), '../node_modules')],
    // CommonJS dependencies (yaml) require node's builtins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: [
      {
        name: 'engine-src',
        setup(b) {
          if (srcRoot) {
            // This tree's bench files, the base commit's engine.
            b.onResolve({ filter: /^\.\.?\// }, (a) => {
              const p = resolve(a.resolveDir, a.path);
              if (!p.startsWith(repoSrc + '/')) return undefined;
              return { path: resolveTs(join(srcRoot, p.slice(repoSrc.length + 1))) };
            });
          }
          // Every performance switch (`export const NAME = { enabled: true }`) can be turned
          // off from the environment (KILL_INSTRUCTIONS_OFF=NAME,NAME), for --off.
          b.onLoad({ filter: /\/src\/engine\/.*\.ts$/ }, (a) => {
            let text = readFileSync(a.path, 'utf8');
            for (const m of text.matchAll(/^export const ([A-Z][A-Z0-9_]*) = \{ enabled: true/gm)) {
              text += `\nif ((process.env.KILL_INSTRUCTIONS_OFF ?? '').split(',').includes('${m[1]}')) ${m[1]}.enabled = false;\n`;
            }
            return { contents: text, loader: 'ts' };
          });
        },
      },
    ],
  });
  // Run through a link: node names the main module by the link in process.argv[1] and by its
  // real path in import.meta.url, so bench/sim.bench.ts's own `main` check stays false in the bundle.
  const link = join(dir, 'run.mjs');
  symlinkSync(out, link);
  return link;
}

function resolveTs(p: string): string {
  for (const c of [p, `${p}.ts`, `${p}.tsx`, join(p, 'index.ts')]) {
    try {
      readFileSync(c);
      return c;
    } catch {
      /* next */
    }
  }
  return p;
}

interface Run {
  side: string;
  regions: Map<string, Counts>;
  kills: unknown[];
}

function runChild(script: string, dir: string, side: string, r: number, env: Record<string, string>): Run {
  const nodes = cli.positional[0] ?? '5000';
  const outDir = join(dir, `${side}-${r}`);
  mkdirSync(outDir);
  const args = [
    '--tool=callgrind',
    '--instr-atstart=no',
    `--callgrind-out-file=${join(outDir, 'cg.out')}`,
    ...(argv.includes('--cache') ? ['--cache-sim=yes'] : []),
    'node',
    '--single-threaded',
    '--random-seed=1',
    '--hash-seed=1',
    '--max-old-space-size=8192',
    ...(str('--node-flags') ?? '').split(' ').filter(Boolean),
    script,
    '--child',
    nodes,
    '--kills',
    str('--kills') ?? '1,1,1,50',
    '--warm',
    String(opt('--warm', 3)),
    '--idle',
    String(opt('--idle', 0)),
  ];
  const res = spawnSync('valgrind', args, { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } });
  if (res.status !== 0) throw new Error(`valgrind run failed (${res.status}):\n${res.stderr.split('\n').slice(-30).join('\n')}`);
  const regions = new Map<string, Counts>();
  const dumps = readdirSync(outDir).filter((f) => /^cg\.out\.\d+$/.test(f));
  // In the order they were dumped.
  dumps.sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  for (const f of dumps) {
    const text = readFileSync(join(outDir, f), 'utf8');
    const label = /^desc: Trigger: Client Request: (.*)$/m.exec(text)?.[1] ?? /^desc: Trigger: (.*)$/m.exec(text)?.[1] ?? f;
    regions.set(label.replace(/^.*dump\s*/, '').trim(), totals(join(outDir, f)));
  }
  const kills = res.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  return { side, regions, kills };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number) => (x / 1e6).toFixed(2);

async function parent(): Promise<void> {
  const runs = opt('--runs', 3);
  const base = str('--base');
  const dir = mkdtempSync(join(tmpdir(), 'kill-instructions-'));
  try {
    const off = str('--off');
    if (base && off) throw new Error('kill-instructions: --base and --off compare different things; give one');
    /** The sides compared: the reference first. */
    const scripts: [string, string, Record<string, string>][] = [];
    if (base) {
      const srcDir = join(dir, 'base');
      mkdirSync(srcDir);
      const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
      execFileSync('sh', ['-c', `git -C '${repo}' archive '${base}' src | tar -x -C '${srcDir}'`]);
      const bdir = join(dir, 'bundle-base');
      mkdirSync(bdir);
      scripts.push(['base', await bundle(bdir, join(srcDir, 'src')), {}]);
    }
    const hdir = join(dir, 'bundle-head');
    mkdirSync(hdir);
    const head = await bundle(hdir, null);
    if (off) scripts.push([`off`, head, { KILL_INSTRUCTIONS_OFF: off }]);
    scripts.push([off ? 'on' : 'head', head, {}]);
    const [ref, main] = [scripts[0][0], scripts[scripts.length - 1][0]];
    const all: Run[] = [];
    for (let r = 0; r < runs; r++) {
      for (const [side, script, env] of scripts) {
        const t0 = Date.now();
        const run = runChild(script, dir, side, r, env);
        all.push(run);
        const line = [...run.regions].map(([l, c]) => `${l} ${fmt(c.Ir)}M`).join(', ');
        process.stderr.write(`  ${side} run ${r + 1}: ${line} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
      }
    }
    const labels = [...new Set(all.flatMap((r) => [...r.regions.keys()]))];
    const events = [...new Set(all.flatMap((r) => [...r.regions.values()].flatMap((c) => Object.keys(c))))].filter((e) => ['Ir', 'Ir.js', 'Ir.gc', 'Ir.compile', 'L1m', 'LLm', 'CEst'].includes(e));
    const summary: Record<string, Record<string, Record<string, number>>> = {};
    for (const [side] of scripts) {
      summary[side] = {};
      for (const l of labels) {
        for (const e of events) {
          const xs = all.filter((r) => r.side === side).map((r) => r.regions.get(l)?.[e]).filter((x): x is number => x !== undefined);
          if (xs.length === 0) continue;
          const m = median(xs);
          summary[side][`${l}.${e}`] = { median: m, min: Math.min(...xs), max: Math.max(...xs), spreadPct: m ? (100 * (Math.max(...xs) - Math.min(...xs))) / m : 0, runs: xs.length };
        }
      }
    }
    const kills = all.find((r) => r.side === main)?.kills ?? [];
    if (argv.includes('--json')) {
      console.log(JSON.stringify({ nodes: Number(cli.positional[0] ?? 5000), kills, summary }, null, 1));
      return;
    }
    console.log(`kills (${main}, first run): ${kills.map((k) => JSON.stringify(k)).join('\n  ')}`);
    console.log(`region.event            ${scripts.map(([s]) => `${s} median (min–max, spread)`.padEnd(40)).join('')}${ref !== main ? `${main} ÷ ${ref}` : ''}`);
    for (const key of Object.keys(summary[main])) {
      const cells = scripts.map(([s]) => {
        const v = summary[s][key];
        return v ? `${fmt(v.median)}M (${fmt(v.min)}–${fmt(v.max)}, ±${(v.spreadPct / 2).toFixed(2)} %)`.padEnd(40) : ''.padEnd(40);
      });
      const ratio = ref !== main && summary[ref][key]?.median ? (summary[main][key].median / summary[ref][key].median).toFixed(4) : '';
      console.log(`${key.padEnd(24)}${cells.join('')}${ratio}`);
    }
  } finally {
    if (!argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

if (argv.includes('--child')) child();
else await parent();
