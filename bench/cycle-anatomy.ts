/**
 * Where a scheduling cycle's time goes inside a node-kill recovery, with
 * counts: wraps the scheduler's phases (PreFilter and each plugin's, the
 * Filter chunks, PreScore and each plugin's, Score, Reserve, Bind) and
 * counts per cycle the nodes evaluated, found and rejected, the Filter
 * chunks, the seeded draws, the score cache's computed and reused nodes and
 * PodTopologySpread's per-slot path.
 *
 *   npx tsx bench/cycle-anatomy.ts [nodes=2000] [kill=20] [--warm W] [--runs R] [--no-fill] [--toggle shape-verdicts|slot-verdicts|filter-scan|spread-fold|typed-walk|same-plan|pts9|via-pod] [--hot]
 *
 * ANATOMY_MAX=1 adds each row's largest calls (a collection landing in a call shows there);
 * ANATOMY_VIA=1 also times the snapshot's posting lookups PodTopologySpread's PreScore makes.
 *
 * Timings are wall µs (performance.now around each phase; a wrapper adds
 * ~0.1–0.2 µs): the MEDIAN per call is the figure to read on a shared
 * machine (the mean takes in the collections and the moments this process
 * was not running). `--toggle F` flips the shortcut F every cycle — an
 * in-process A/B, both modes seeing the same kill, the same heap and the same
 * machine moments — and reports the Filter pass per mode. `--hot` re-runs
 * each cycle's Filter pass twice right after it (the node-evaluation counter
 * restored, a fresh Diagnosis: the same result) and reports the second re-run
 * next to the pass itself: what the pass costs with its data in the CPU's
 * caches, as in issue 2's load, against what it costs in the recovery; and
 * likewise PodTopologySpread's PreScore (its posting walk, the per-slot
 * domains, the hostname scratch); the rows of the phases around the re-runs
 * (PreScore, prioritizeNodes, scheduleOne, …) then include them.
 */
import { performance } from 'node:perf_hooks';
import { Rng } from '../src/engine/random/rng';
import type { Diagnosis } from '../src/engine/scheduler/framework/fit-error';
import { NodeToStatus } from '../src/engine/scheduler/framework/interfaces';
import { Framework } from '../src/engine/scheduler/framework/runtime';
import { FILTER_SCAN, FusedFilter } from '../src/engine/scheduler/fused/filter-kernel';
import { FusedScore } from '../src/engine/scheduler/fused/score-kernel';
import { SCORE_FILL } from '../src/engine/scheduler/fused/score-cache';
import { FilterRejectionLog } from '../src/engine/scheduler/fused/rejection-log';
import { COLUMN_FILL, SHAPE_VERDICTS } from '../src/engine/scheduler/fused/verdict-cache';
import { PodTopologySpreadPlugin } from '../src/engine/scheduler/plugins/pod-topology-spread/pod-topology-spread';
import { SpreadColumns } from '../src/engine/scheduler/plugins/pod-topology-spread/columns';
import { PositionIndex } from '../src/engine/scheduler/plugins/helpers/node-columns';
import { SLOT_SCORING } from '../src/engine/scheduler/plugins/pod-topology-spread/scoring';
import { SLOT_VERDICTS, TaintTolerationPlugin } from '../src/engine/scheduler/plugins/taint-toleration/taint-toleration';
import { SPREAD_FOLD } from '../src/engine/scheduler/plugins/pod-topology-spread/score-fold';
import { TYPED_WALK } from '../src/engine/scheduler/plugins/pod-topology-spread/slot-scoring';
import { SAME_PLAN } from '../src/engine/scheduler/plugins/pod-topology-spread/pod-topology-spread';
import { LabelIndex, POSTINGS_VIA_POD } from '../src/engine/scheduler/framework/label-index';
import { Snapshot } from '../src/engine/scheduler/framework/snapshot';
import { Scheduler } from '../src/engine/scheduler/schedule-one';
import { recoveryRig } from './sim.bench';

const args = process.argv.slice(2);
const valueOf = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const warm = Number(valueOf('--warm') ?? 1);
/** `pts9`: the three PodTopologySpread shortcuts of branch pts9 together (fold, typed posting walk, shared plan). */
const pts9 = {
  set enabled(on: boolean) {
    SPREAD_FOLD.enabled = TYPED_WALK.enabled = SAME_PLAN.enabled = on;
  },
  get enabled() {
    return SPREAD_FOLD.enabled;
  },
};
const toggles: Record<string, { enabled: boolean }> = { 'shape-verdicts': SHAPE_VERDICTS, 'slot-verdicts': SLOT_VERDICTS, 'filter-scan': FILTER_SCAN, 'spread-fold': SPREAD_FOLD, 'typed-walk': TYPED_WALK, 'same-plan': SAME_PLAN, pts9, 'via-pod': POSTINGS_VIA_POD };
const toggleName = valueOf('--toggle');
const toggle = toggleName !== undefined ? toggles[toggleName] : undefined;
if (toggleName !== undefined && toggle === undefined) throw new Error(`--toggle: one of ${Object.keys(toggles).join(', ')}`);
const [nodes = 2000, kills = 20] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')).map(Number);

/** Each call's duration per label (ms), and counts per label. */
const durations = new Map<string, number[]>();
const counts = new Map<string, number>();
const record = (k: string, ms: number) => {
  let a = durations.get(k);
  if (a === undefined) durations.set(k, (a = []));
  a.push(ms);
};
const count = (k: string, v: number) => counts.set(k, (counts.get(k) ?? 0) + v);
let on = false;
/** True while --hot re-runs a phase: the wrapped parts inside it are not timed again. */
let rerun = false;
let cycleNo = 0;
const mode = () => (toggle === undefined ? '' : toggle.enabled ? ' [on]' : ' [off]');

type Fn = (...a: unknown[]) => unknown;
/** Times `name` on `proto` under `label` (per call), while `on`. */
function wrap(proto: object, name: string, label: string, byMode = false): void {
  const p = proto as Record<string, Fn>;
  const orig = p[name];
  p[name] = function (this: unknown, ...a: unknown[]) {
    if (!on || rerun) return orig.apply(this, a);
    const t0 = performance.now();
    const r = orig.apply(this, a);
    record(byMode ? label + mode() : label, performance.now() - t0);
    return r;
  };
}

wrap(Scheduler.prototype, 'scheduleOne', 'scheduleOne', true);
wrap(Scheduler.prototype, 'schedulePod', 'schedulePod (Filter + Score + host selection)', true);
wrap(Scheduler.prototype, 'findNodesThatFitPod', 'findNodesThatFitPod (PreFilter + Filter)', true);
wrap(Scheduler.prototype, 'prioritizeNodes', 'prioritizeNodes (PreScore + Score)', true);
wrap(Framework.prototype, 'runPreFilterPlugins', 'PreFilter');
// Per-chunk wrappers would tax the chunk loop more than the one-call scan: not under --toggle.
if (toggle === undefined) {
  wrap(Framework.prototype, 'runFilterPluginsOnSlots', 'Filter chunk');
  wrap(FusedFilter.prototype, 'scan', 'Filter scan (whole pass)');
  wrap(FusedFilter.prototype, 'handOn', 'Filter kernel handOn');
}
wrap(Framework.prototype, 'runPreScorePlugins', 'PreScore', true);
wrap(Framework.prototype, 'runScorePlugins', 'Score (+ NormalizeScore, weights)', true);
wrap(Framework.prototype, 'runReservePlugins', 'Reserve');
wrap(Framework.prototype, 'runBindPlugins', 'Bind (store write and its watchers)', true);
// (Not in an A/B: the wrappers would weigh on one mode only.)
if (toggle === undefined) {
  wrap(PodTopologySpreadPlugin.prototype, 'constraintsFor', 'PTS constraintsFor');
  wrap(PodTopologySpreadPlugin.prototype, 'scoreAll', 'PTS scoreAll');
  wrap(PodTopologySpreadPlugin.prototype, 'normalizeScore', 'PTS normalizeScore');
  // PreScore's parts (SpreadColumns: the plan, the posting lookup, the per-slot domains, the hostname scratch).
  for (const m of ['plan', 'sparsePods', 'slotDomains', 'hostScratch']) wrap(SpreadColumns.prototype, m, `PTS columns.${m}`);
  wrap(PositionIndex.prototype, 'of', 'PTS positions.of');
  wrap(PositionIndex.prototype, 'bySlotOf', 'PTS positions.bySlotOf');
  if (process.env.ANATOMY_VIA) {
    wrap(Snapshot.prototype, 'podsWithLabelOf', 'PTS snapshot.podsWithLabelOf');
    wrap(LabelIndex.prototype, 'viaPod', 'PTS labels.viaPod');
    wrap(Snapshot.prototype, 'sync', 'PTS snapshot.sync');
  }
}
// One call per tainted node: its wrapper's cost would swamp an A/B of the verdicts.
if (toggle === undefined) wrap(TaintTolerationPlugin.prototype, 'filter', 'TaintToleration filter (per tainted node)');

// Each PreFilter and PreScore plugin, wrapped on the framework's instances at its first cycle.
const wrappedFrameworks = new WeakSet<Framework>();
const origPreFilter = Framework.prototype.runPreFilterPlugins;
Framework.prototype.runPreFilterPlugins = function (this: Framework, ...a: Parameters<Framework['runPreFilterPlugins']>) {
  if (on && !wrappedFrameworks.has(this)) {
    wrappedFrameworks.add(this);
    for (const pl of this.preFilterPlugins) wrap(pl, 'preFilter', `PreFilter ${pl.name}`);
    for (const pl of this.preScorePlugins) wrap(pl, 'preScore', `PreScore ${pl.name}`, pl.name === 'PodTopologySpread');
  }
  return origPreFilter.apply(this, a);
};

// Counts: draws, nodes evaluated / found / rejected, chunks.
let inCycle = false;
const origNext = Rng.prototype.nextUint32;
Rng.prototype.nextUint32 = function (this: Rng) {
  if (inCycle) count('seeded draws', 1);
  return origNext.call(this);
};
const origScheduleOne = Scheduler.prototype.scheduleOne;
Scheduler.prototype.scheduleOne = function (this: Scheduler, ...a: Parameters<Scheduler['scheduleOne']>) {
  inCycle = on;
  if (on) {
    count('cycles', 1);
    if (toggle !== undefined) toggle.enabled = (cycleNo++ & 1) === 0;
  }
  try {
    return origScheduleOne.apply(this, a);
  } finally {
    inCycle = false;
  }
};
const origFit = Scheduler.prototype.findNodesThatFitPod;
Scheduler.prototype.findNodesThatFitPod = function (this: Scheduler, ...a: Parameters<Scheduler['findNodesThatFitPod']>) {
  const before = this.nodeEvaluations;
  const r = origFit.apply(this, a);
  if (on) {
    count('nodes evaluated', this.nodeEvaluations - before);
    count('nodes found feasible', r.nodes.length);
    count('nodes rejected', a[3].nodeToStatus.size);
  }
  return r;
};
const origChunk = Framework.prototype.runFilterPluginsOnSlots;
if (toggle === undefined) {
  Framework.prototype.runFilterPluginsOnSlots = function (this: Framework, ...a: Parameters<Framework['runFilterPluginsOnSlots']>) {
    if (on) count('Filter chunks (kernel calls of the chunk loop)', 1);
    return origChunk.apply(this, a);
  };
}
// Rejections the Diagnosis expanded from the scan's compact log (only when read: failed cycles, preemption).
const origReplay = FilterRejectionLog.prototype.replay;
FilterRejectionLog.prototype.replay = function (this: FilterRejectionLog, ...a: Parameters<FilterRejectionLog['replay']>) {
  if (on) count('rejections expanded from the compact log', this.count);
  return origReplay.apply(this, a);
};
// The scan's chunks (one kernel call for all of them), read from the kernels' counters.
const filterKernels = new Set<FusedFilter>();
const origScan = FusedFilter.prototype.scan;
FusedFilter.prototype.scan = function (this: FusedFilter, ...a: Parameters<FusedFilter['scan']>) {
  filterKernels.add(this);
  return origScan.apply(this, a);
};
const scanCounts = () => {
  let scans = 0;
  let chunks = 0;
  let computed = 0;
  let reused = 0;
  let filled = 0;
  let fills = 0;
  for (const k of filterKernels) {
    scans += k.scans;
    chunks += k.scanChunks;
    computed += k.verdicts.computed;
    reused += k.verdicts.reused;
    filled += k.verdicts.filled;
    fills += k.verdicts.fills;
  }
  return { scans, chunks, computed, reused, filled, fills };
};
const scoreKernels = new Set<FusedScore>();
const origScore = FusedScore.prototype.score;
FusedScore.prototype.score = function (this: FusedScore, ...a: Parameters<FusedScore['score']>) {
  scoreKernels.add(this);
  return origScore.apply(this, a);
};
const cacheCounts = () => {
  let computed = 0;
  let reused = 0;
  let filled = 0;
  let fills = 0;
  for (const k of scoreKernels) {
    computed += k.cache.computed;
    reused += k.cache.reused;
    filled += k.cache.filled;
    fills += k.cache.fills;
  }
  return { computed, reused, filled, fills };
};

if (args.includes('--no-fill')) COLUMN_FILL.enabled = SCORE_FILL.enabled = false;
const runs = Number(valueOf('--runs') ?? 1);
const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(kills);
if (args.includes('--hot')) {
  const proto = Scheduler.prototype as unknown as Record<string, Fn>;
  const pass = proto.findNodesThatPassFilters;
  proto.findNodesThatPassFilters = function (this: Scheduler, ...a: unknown[]) {
    if (!on) return pass.apply(this, a);
    let t0 = performance.now();
    const r = pass.apply(this, a);
    record('Filter pass, in the recovery', performance.now() - t0);
    const evaluations = this.nodeEvaluations;
    rerun = true;
    for (let i = 0; i < 2; i++) {
      const d: Diagnosis = { nodeToStatus: new NodeToStatus(), preFilterMsg: '', postFilterMsg: '', unschedulablePlugins: new Set() };
      t0 = performance.now();
      pass.apply(this, [a[0], a[1], a[2], d, ...a.slice(4)]);
      if (i === 1) record('Filter pass, re-run at once (hot)', performance.now() - t0);
      this.nodeEvaluations = evaluations;
    }
    rerun = false;
    return r;
  };
  // PodTopologySpread's PreScore, likewise: run again twice at once (the same state written: the
  // arena and scratch are reused, the caches already hold what the first run put in them).
  const pts = PodTopologySpreadPlugin.prototype as unknown as Record<string, Fn>;
  const preScore = pts.preScore;
  pts.preScore = function (this: PodTopologySpreadPlugin, ...a: unknown[]) {
    if (!on) return preScore.apply(this, a);
    let t0 = performance.now();
    const r = preScore.apply(this, a);
    record('PTS preScore, in the recovery', performance.now() - t0);
    rerun = true;
    for (let i = 0; i < 2; i++) {
      t0 = performance.now();
      preScore.apply(this, a);
      if (i === 1) record('PTS preScore, re-run at once (hot)', performance.now() - t0);
    }
    rerun = false;
    return r;
  };
}
const cache0 = cacheCounts();
const scan0 = scanCounts();
const slot0 = SLOT_SCORING.taken;
const fold0 = SPREAD_FOLD.taken;
on = true;
const fig = kill(kills);
for (let r = 1; r < runs; r++) {
  const f = kill(kills);
  fig.wallMs += f.wallMs;
  fig.rebound += f.rebound;
}
on = false;
if (toggle !== undefined) toggle.enabled = true;

const cycles = counts.get('cycles') ?? 0;
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
console.log(`${runs} kill(s) of ${kills} of ${nodes} nodes: ${fig.wallMs.toFixed(0)} ms wall, ${fig.rebound} rebound, ${cycles} cycles${toggle ? ` (${toggleName} flipped every cycle)` : ''}`);
console.log(`  ${'phase'.padEnd(48)} ${'median µs'.padStart(10)} ${'p90 µs'.padStart(8)} ${'mean µs/cycle'.padStart(14)} ${'calls'.padStart(7)}`);
for (const k of [...durations.keys()].sort()) {
  const a = sorted(durations.get(k)!);
  const sum = a.reduce((s, x) => s + x, 0);
  const row = [(a[a.length >> 1] * 1000).toFixed(1).padStart(10), (a[Math.floor(a.length * 0.9)] * 1000).toFixed(1).padStart(8), ((sum / cycles) * 1000).toFixed(1).padStart(14), String(a.length).padStart(7)];
  if (process.env.ANATOMY_MAX) row.push(`max ${(a[a.length - 1] * 1000).toFixed(0)} top3 ${a.slice(-3).map((x) => (x * 1000).toFixed(0)).join('/')}`);
  console.log(`  ${k.padEnd(48)} ${row.join(' ')}`);
}
const scan1 = scanCounts();
count('Filter scans (one kernel call each)', scan1.scans - scan0.scans);
count('Filter chunks inside the scans', scan1.chunks - scan0.chunks);
count('Filter verdicts computed (shape verdicts)', scan1.computed - scan0.computed);
count('Filter verdicts read as kept (shape verdicts)', scan1.reused - scan0.reused);
count('Filter verdicts computed by column fills', scan1.filled - scan0.filled);
count('Filter column fills', scan1.fills - scan0.fills);
for (const k of ['nodes evaluated', 'nodes found feasible', 'nodes rejected', 'Filter chunks (kernel calls of the chunk loop)', 'Filter scans (one kernel call each)', 'Filter chunks inside the scans', 'Filter verdicts computed (shape verdicts)', 'Filter verdicts read as kept (shape verdicts)', 'Filter verdicts computed by column fills', 'Filter column fills', 'rejections expanded from the compact log', 'seeded draws']) console.log(`  ${k.padEnd(48)} ${((counts.get(k) ?? 0) / cycles).toFixed(1).padStart(10)} per cycle`);
console.log(`  PodTopologySpread's per-slot path in ${SLOT_SCORING.taken - slot0} of ${cycles} cycles, folded into the Score loop in ${SPREAD_FOLD.taken - fold0}`);
const cache1 = cacheCounts();
console.log(`  score cache per cycle: ${((cache1.computed - cache0.computed) / cycles).toFixed(1)} nodes computed, ${((cache1.reused - cache0.reused) / cycles).toFixed(1)} read; ${cache1.fills - cache0.fills} fills (${cache1.filled - cache0.filled} values)`);
