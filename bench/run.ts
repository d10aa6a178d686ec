/**
 * `npm run bench`: runs the benchmarks and prints a table of figures with
 * their targets; `npm run -s bench -- --json` prints the same figures as one
 * JSON object. `--quick` runs smaller sizes (for a smoke check); `--no-sim`
 * skips the simulation benchmarks (bench/sim.bench.ts); `--no-ui` skips the UI
 * benchmarks in headless Chromium (bench/ui/ui.bench.ts; `--ui-port N`, default 4191; 4190 is on the browsers' list of blocked ports);
 * `--only-ui` runs just those; `--ui-sizes 1000x30000,300x9000` picks the cluster sizes;
 * `--ui-load-sizes 5000x150000` (the default without --quick or --ui-sizes; `none` skips it)
 * the sizes whose load alone is measured.
 * `--repeats N` runs each engine benchmark N times and reports the run with the median
 * pods/s (with the min and max).
 */
import { runEngine, type EngineFigures, type EngineRun } from './engine.bench';
import { runSimBenches, simTable } from './sim.bench';
import { runUiBenches, uiTable } from './ui/ui.bench';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');

const NODES = quick ? 500 : 5000;
const PODS = quick ? 15000 : 150000;
// 100 % scoring visits every node for every pod: a slice of the pods is enough for a rate.
const PODS_FULL = quick ? 3000 : 30000;

interface Bench {
  name: string;
  run: EngineRun;
  target?: { podsPerSec: number };
}

const benches: Bench[] = [
  { name: 'engine.plain.adaptive', run: { nodes: NODES, pods: PODS, mix: 'plain', percentage: 0, seed: 42 }, target: { podsPerSec: 50000 } },
  { name: 'engine.plain.100pct', run: { nodes: NODES, pods: PODS_FULL, mix: 'plain', percentage: 100, seed: 42 }, target: { podsPerSec: 6000 } },
  { name: 'engine.constraints.adaptive', run: { nodes: NODES, pods: PODS, mix: 'constraints', percentage: 0, seed: 42 } },
  { name: 'engine.constraints.100pct', run: { nodes: NODES, pods: PODS_FULL, mix: 'constraints', percentage: 100, seed: 42 } },
];

const onlyUi = args.has('--only-ui');
const results: Record<string, EngineFigures & { targetPodsPerSec?: number; ratioToTarget?: number; runs?: number; podsPerSecMin?: number; podsPerSecMax?: number }> = {};
const repeatsArg = process.argv.indexOf('--repeats');
const repeats = repeatsArg > 0 ? Math.max(1, Number(process.argv[repeatsArg + 1]) || 1) : 1;
/** The run with the median pods/s of `runs` (its other figures come with it). */
const medianRun = (runs: EngineFigures[]) => [...runs].sort((a, b) => a.podsPerSec - b.podsPerSec)[(runs.length - 1) >> 1];
for (const b of onlyUi ? [] : benches) {
  const runs: EngineFigures[] = [];
  for (let r = 0; r < repeats; r++) {
    if (!json) process.stderr.write(`running ${b.name} (${b.run.pods} pods on ${b.run.nodes} nodes)${repeats > 1 ? ` ${r + 1}/${repeats}` : ''}…\n`);
    runs.push(runEngine(b.run));
  }
  const f = medianRun(runs);
  results[b.name] = {
    ...f,
    ...(repeats > 1 ? { runs: repeats, podsPerSecMin: Math.min(...runs.map((x) => x.podsPerSec)), podsPerSecMax: Math.max(...runs.map((x) => x.podsPerSec)) } : {}),
    ...(b.target ? { targetPodsPerSec: b.target.podsPerSec, ratioToTarget: Math.round((f.podsPerSec / b.target.podsPerSec) * 100) / 100 } : {}),
  };
}

const sim = args.has('--no-sim') || onlyUi ? {} : runSimBenches({ quick, log: json ? undefined : (m) => process.stderr.write(m) });

const argv = process.argv.slice(2);
const uiPort = Number(argv[argv.indexOf('--ui-port') + 1] || 4191);
const sizesArg = argv.includes('--ui-sizes') ? argv[argv.indexOf('--ui-sizes') + 1] : undefined;
const uiSizes = sizesArg?.split(',').map((s) => {
  const [nodes, pods] = s.split('x').map(Number);
  return { nodes, pods };
});
const loadSizesArg = argv.includes('--ui-load-sizes') ? argv[argv.indexOf('--ui-load-sizes') + 1] : undefined;
const uiLoadSizes =
  loadSizesArg === undefined
    ? undefined
    : loadSizesArg === 'none'
      ? []
      : loadSizesArg.split(',').map((s) => {
          const [nodes, pods] = s.split('x').map(Number);
          return { nodes, pods };
        });
const ui = args.has('--no-ui')
  ? {}
  : await runUiBenches({ quick, port: argv.includes('--ui-port') ? uiPort : 4191, build: !args.has('--no-build'), sizes: uiSizes, loadSizes: uiLoadSizes, log: json ? undefined : (m) => process.stderr.write(m) });

if (json) {
  process.stdout.write(JSON.stringify({ ...results, ...sim, ...ui }) + '\n');
} else {
  const cols = ['podsPerSec', 'targetPodsPerSec', 'ratioToTarget', 'podsPerCpuSec', 'runs', 'podsPerSecMin', 'podsPerSecMax', 'scheduled', 'unschedulable', 'nodeEvalsPerPod', 'cycleP50us', 'cycleP99us', 'wallMs', 'cpuMs', 'setupMs', 'heapMB', 'rssPeakMB'] as const;
  const rows = Object.entries(results).map(([name, r]) => [name, ...cols.map((c) => (r[c] === undefined ? '–' : String(r[c])))]);
  const header = ['benchmark', ...cols];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  if (rows.length > 0) {
    console.log(line(header));
    for (const r of rows) console.log(line(r));
  }
  if (Object.keys(sim).length > 0) console.log(simTable(sim));
  if (Object.keys(ui).length > 0) console.log(uiTable(ui));
}
