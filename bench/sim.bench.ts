/**
 * Simulation benchmarks (issue 3):
 *
 * - Node-kill recovery. N nodes (bench/cluster-gen's mixed sizes, zones and
 *   taints) run N Deployments × 30 replicas (5,000 × 30 = 150,000 pods at
 *   full size; 500 × 30 with --quick), settled: every pod bound and Running.
 *   By default the pods are placed directly (each Deployment's ReplicaSet and
 *   its pods loaded already bound, first-fit over the untainted nodes; the
 *   controllers find nothing to do and the kubelets start the pods);
 *   `--placement scheduler` has the simulation create and schedule them.
 *   Then K nodes lose power at once and the simulation runs until every pod
 *   on them has been evicted and has a bound replacement: the 50 s grace
 *   period, the rate-limited NoExecute tainting and the 300 s
 *   tolerationSeconds pass in virtual time only. Measured: wall ms of the
 *   recovery's compute (from the killNode commands to the last replacement
 *   bound), pods evicted and rebound, Kubernetes events recorded (counting
 *   repeats) and store writes per wall second, and the virtual time taken.
 *   The killed nodes are then restored and the cluster settles (unmeasured)
 *   before the next run, so every run starts from a settled cluster in the
 *   same simulation, on nodes not killed before. Each size runs `repeats`
 *   times (median reported) unless a run took longer than `repeatBelowMs`; a
 *   run longer than `budgetMs` is stopped, reported incomplete with a
 *   projection, and ends the recovery benchmark. Setup is reported
 *   separately (sim.recovery.setup).
 * - Scenario speed: scenarios/default.yaml (no timeline: its pods get
 *   scheduled, then heartbeats) and the power-loss run case (a node killed at
 *   60 s, evictions at ~6 min) played for 10 virtual minutes: the
 *   virtual/real speed ratio (median of 3).
 *
 * `runSimBenches` returns `{ "<benchmark>": { "<metric>": number } }`.
 * Run alone: `npx tsx bench/sim.bench.ts [--quick] [--json] [--nodes N] [--kills 1,50,500]
 *   [--repeats R] [--budget S] [--repeat-below S] [--no-scenarios]
 *   [--placement direct|scheduler] [--no-default-spread] [--warmup K]`
 * (--no-default-spread runs PodTopologySpread without its system default
 * constraints, to see what the rest of the recovery costs. --warmup K runs K
 * 1-node kills after the setup, before the measured ones (default 3, as JMH
 * runs warm-up iterations): the directly placed cluster never ran the
 * recovery's code, so the first kills of a process include V8 compiling it —
 * most of a 1-node kill's time; see docs/performance-log.md. The first of them is
 * reported on its own as sim.recovery.kill1.cold (one run, never hidden);
 * --warmup 0 measures the process's first kills as kill 1, as before.)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { collectGarbage } from './gc';
import type { KubeObject, Node, Pod, Workload } from '../src/engine/model/types';
import { Rng } from '../src/engine/random/rng';
import type { WatchEvent } from '../src/engine/sim/contracts';
import { createSimulation, type Simulation } from '../src/engine/sim/simulation';
import { parseManifests } from '../src/scenario/parse';
import { readScenario } from '../src/scenario/scenario';
import { makeNodes } from './cluster-gen';
import { computeHash } from '../src/engine/controllers/workload/template';
import { podRequests } from '../src/engine/model/pod-requests';
import { resourceFromList } from '../src/engine/model/resource';

export type SimFigures = Record<string, number>;

export interface RecoveryConfig {
  nodes: number;
  deployments: number;
  replicas: number;
  /** Node counts to kill, each from a settled cluster. */
  kills: { name: string; count: number; targetMs?: number }[];
  repeats: number;
  /** A recovery still running after this much wall time is stopped and reported incomplete (0: no limit). */
  budgetMs: number;
  /** A size whose run took longer than this is not repeated. */
  repeatBelowMs: number;
  seed: number;
  /**
   * How the pods get placed: `scheduler` loads the Deployments and lets the
   * simulation create and schedule every pod; `direct` loads each
   * Deployment's ReplicaSet (named and labelled with the pod-template-hash,
   * as the Deployment controller would) and its pods already bound, spread
   * over the untainted nodes first-fit, so the controllers find nothing to do
   * and the kubelets start the pods.
   */
  placement: 'scheduler' | 'direct';
  /** A KubeSchedulerConfiguration for the simulation (diagnosis: e.g. without default spreading). */
  schedulerConfiguration?: unknown;
  /**
   * 1-node kills after the setup, before the measured ones (the JIT's warm-up, as JMH's
   * warm-up iterations; default DEFAULT_WARMUP_KILLS). The first is reported on its own
   * as sim.recovery.kill1.cold; 0 measures the process's first kills (the old figure).
   */
  warmupKills?: number;
}

/**
 * Warm-up kills by default. Kill 0 of a process compiles the recovery's code (the setup
 * never ran it) and deoptimizes ~70 times on objects of shapes the setup did not make;
 * kill 1 still re-optimizes a little; from kill 2 on the deoptimizations stop (docs/
 * performance-log.md, branches kill1 and kill2), so the measured kills are the steady state.
 */
export const DEFAULT_WARMUP_KILLS = 3;
/** The first warm-up kill: the cold figure. */
const COLD_KILL = { name: 'sim.recovery.kill1.cold', count: 1, targetMs: 8 };

/** PodTopologySpread without system default constraints (`--no-default-spread`, for diagnosis). */
const NO_DEFAULT_SPREAD = {
  apiVersion: 'kubescheduler.config.k8s.io/v1',
  kind: 'KubeSchedulerConfiguration',
  profiles: [{ schedulerName: 'default-scheduler', pluginConfig: [{ name: 'PodTopologySpread', args: { defaultingType: 'List', defaultConstraints: [] } }] }],
};

const CPU = ['100m', '250m', '500m', '1'];
const MEM = ['128Mi', '256Mi', '512Mi', '1Gi'];

function deployments(n: number, replicas: number, rng: Rng): Workload[] {
  const out: Workload[] = [];
  for (let i = 0; i < n; i++) {
    const app = `d-${String(i).padStart(5, '0')}`;
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: 'default' },
      spec: {
        replicas,
        selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app } },
          spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: CPU[rng.intn(4)], memory: MEM[rng.intn(4)] } } }] },
        },
      },
    });
  }
  return out;
}

/**
 * Each Deployment's ReplicaSet and pods, bound first-fit to the nodes without
 * a NoSchedule taint: a deployment's pods go to consecutive nodes (a cursor
 * that moves one node per pod), within allocatable cpu, memory and pods.
 */
function directlyPlaced(nodes: Node[], deps: Workload[]): KubeObject[] {
  const eligible = nodes.filter((n) => !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule'));
  const free = eligible.map((n) => {
    const a = resourceFromList(n.status?.allocatable);
    return { cpu: a.milliCPU, mem: a.memory, pods: a.allowedPodNumber };
  });
  const out: KubeObject[] = [];
  let cursor = 0;
  for (const d of deps) {
    const name = d.metadata.name!;
    const hash = computeHash(d.spec.template);
    const rsName = `${name}-${hash}`;
    const labels = { ...(d.spec.template!.metadata?.labels ?? {}), 'pod-template-hash': hash };
    const template = { ...d.spec.template!, metadata: { ...(d.spec.template!.metadata ?? {}), labels } };
    const replicas = d.spec.replicas ?? 1;
    out.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: 'default',
        labels,
        annotations: { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas, selector: { matchLabels: labels }, template },
    } as KubeObject);
    const req = podRequests({ spec: template.spec } as Pod);
    for (let j = 0; j < replicas; j++) {
      let placed = -1;
      for (let tries = 0; tries < eligible.length; tries++) {
        const k = (cursor + tries) % eligible.length;
        const f = free[k];
        if (f.cpu >= req.milliCPU && f.mem >= req.memory && f.pods >= 1) {
          placed = k;
          break;
        }
      }
      if (placed < 0) throw new Error(`direct placement: no room for a pod of ${name}`);
      const f = free[placed];
      f.cpu -= req.milliCPU;
      f.mem -= req.memory;
      f.pods -= 1;
      cursor = placed + 1;
      out.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rsName}-${j.toString(36).padStart(5, '0')}`,
          namespace: 'default',
          labels,
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, controller: true, blockOwnerDeletion: true }],
        },
        spec: { ...structuredClone(template.spec), nodeName: eligible[placed].metadata.name },
      } as Pod);
    }
  }
  return out;
}

/** Counts what the store sees: running pods, bindings, evictions of pods on a set of nodes. */
class Counters {
  running = 0;
  bindings = 0;
  evictedOn = 0;
  readonly watched = new Set<string>();

  handle = (e: WatchEvent): void => {
    if (e.kind !== 'Pod') return;
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    const wasRunning = old?.status?.phase === 'Running';
    const isRunning = e.type !== 'DELETED' && pod.status?.phase === 'Running';
    if (e.type === 'DELETED') {
      if (pod.status?.phase === 'Running') this.running--;
    } else if (isRunning !== wasRunning) this.running += isRunning ? 1 : -1;
    if (e.type === 'MODIFIED' && !old?.spec.nodeName && pod.spec.nodeName) this.bindings++;
    const node = pod.spec.nodeName;
    if (node && this.watched.has(node)) {
      const gone = e.type === 'DELETED' && !(pod.metadata.deletionTimestamp);
      const marked = e.type === 'MODIFIED' && !old?.metadata.deletionTimestamp && pod.metadata.deletionTimestamp;
      if (gone || marked) this.evictedOn++;
    }
  };
}

const addCount = (s: number, e: { count: number }) => s + e.count;
const occurrences = (sim: Simulation) => sim.recorder.all().reduce(addCount, 0);
const writes = (sim: Simulation) => Number(sim.store.resourceVersion);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

export interface PlacedCluster {
  sim: Simulation;
  counters: Counters;
  pods: number;
  setupMs: number;
  placedVirtualS: number;
}

/** Builds the cluster and runs the simulation until every pod is Running, then 30 s more. */
export function placedCluster(c: RecoveryConfig, log: (m: string) => void = () => {}): PlacedCluster {
  const t0 = performance.now();
  const rng = new Rng(c.seed);
  const nodes = makeNodes(c.nodes, rng);
  const deps = deployments(c.deployments, c.replicas, rng);
  const objects: KubeObject[] = [...nodes, ...deps, ...(c.placement === 'direct' ? directlyPlaced(nodes, deps) : [])];
  const sim = createSimulation({ seed: c.seed, schedulerConfiguration: c.schedulerConfiguration });
  const counters = new Counters();
  sim.store.watch(counters.handle);
  sim.load(objects);
  const pods = c.deployments * c.replicas;
  while (counters.running < pods) {
    sim.advanceBy(1000);
    if (sim.time > 30 * 60_000) throw new Error(`setup: only ${counters.running} of ${pods} pods Running after 30 virtual minutes`);
  }
  const placedVirtualS = sim.time / 1000;
  sim.advanceBy(30_000);
  const setupMs = performance.now() - t0;
  log(`  placed ${pods} pods on ${c.nodes} nodes (${c.placement}): ${round(setupMs / 1000, 1)} s wall (${placedVirtualS} s virtual), heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB\n`);
  return { sim, counters, pods, setupMs, placedVirtualS };
}

export interface KillFigures {
  wallMs: number;
  /** CPU time of the process (all threads) over the same span: steadier than wall time on a shared machine. */
  cpuMs: number;
  /** Whether every evicted pod had a bound replacement before the budget ran out. */
  complete: boolean;
  /** Pods on the killed nodes when they went down (what must be evicted and replaced). */
  target: number;
  killed: number;
  evicted: number;
  rebound: number;
  recoveryVirtualS: number;
  events: number;
  writes: number;
}

/** Called around the measured part of a recovery (profiling scripts hook a CPU profiler here). */
export const timedRegion = { enter: (): void => {}, leave: (): void => {} };

/**
 * The profiling tools' rig (bench/*-recovery.ts): the bench's cluster at `nodes` nodes
 * (as many Deployments × 30 replicas, placed directly, seed 42) and `kill(count)`, a
 * killAndRecover whose picks all come from one seeded generator.
 */
export function recoveryRig(nodes: number, placement: 'direct' | 'scheduler' = 'direct'): { placed: PlacedCluster; kill: (count: number) => KillFigures } {
  const placed = placedCluster({ nodes, deployments: nodes, replicas: 30, seed: 42, placement, kills: [], repeats: 1, budgetMs: 0, repeatBelowMs: 0 });
  const rng = new Rng(7);
  const used = new Set<string>();
  return { placed, kill: (count) => killAndRecover(placed, count, rng, used) };
}

/**
 * Kills `count` nodes not killed before (seeded pick among the nodes holding
 * pods), runs until every pod evicted from them has a bound replacement,
 * then restores them and lets the cluster settle (unmeasured).
 */
export function killAndRecover(p: PlacedCluster, count: number, rng: Rng, used: Set<string>, budgetMs = 0): KillFigures {
  const { sim, counters } = p;
  // A plain loop: arrows made per call are compiled again once their closures are collected
  // (315 ms of compile thread between two kills in round 23's trace, beside the next kill).
  const candidates: string[] = [];
  for (const n of sim.store.list<Node>('Node')) {
    const name = n.metadata.name!;
    if (!used.has(name) && sim.store.podsOnNode(name).length > 0) candidates.push(name);
  }
  const killed: string[] = [];
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const j = rng.intn(candidates.length);
    killed.push(candidates[j]);
    candidates[j] = candidates[candidates.length - 1];
    candidates.pop();
  }
  for (const n of killed) used.add(n);
  counters.watched.clear();
  for (const n of killed) counters.watched.add(n);
  const target = killed.reduce((s, n) => s + (sim.store.podsOnNode(n) as Pod[]).filter((x) => !x.metadata.deletionTimestamp).length, 0);
  counters.evictedOn = 0;
  const bind0 = counters.bindings;
  const ev0 = occurrences(sim);
  const w0 = writes(sim);
  const t0 = sim.time;
  const limit = t0 + 4 * 3600_000;

  // The setup's and the previous run's garbage is collected before the clock starts.
  collectGarbage();
  timedRegion.enter();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (const n of killed) sim.dispatch({ action: 'killNode', node: n });
  let complete = true;
  while (counters.evictedOn < target || counters.bindings - bind0 < target) {
    sim.advanceBy(1000);
    if (sim.time > limit || (budgetMs > 0 && performance.now() - start > budgetMs)) {
      complete = false;
      break;
    }
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  timedRegion.leave();

  const fig: KillFigures = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    complete,
    target,
    killed: killed.length,
    evicted: counters.evictedOn,
    rebound: counters.bindings - bind0,
    recoveryVirtualS: (sim.time - t0) / 1000,
    events: occurrences(sim) - ev0,
    writes: writes(sim) - w0,
  };
  if (!complete) {
    if (sim.time > limit) throw new Error(`recovery of ${count} killed nodes incomplete after 4 virtual hours: evicted ${fig.evicted}/${target}, rebound ${fig.rebound}`);
    return fig; // out of budget: the cluster is left mid-recovery
  }
  // Unmeasured: power the nodes back on and let their Terminating pods go and their taints clear.
  for (const n of killed) sim.dispatch({ action: 'restoreNode', node: n });
  sim.advanceBy(120_000);
  return fig;
}

export function runRecovery(c: RecoveryConfig, log: (m: string) => void = () => {}): Record<string, SimFigures> {
  const placed = placedCluster(c, log);
  const rng = new Rng(c.seed ^ 0x2545f491);
  const used = new Set<string>();
  const runs = new Map<string, KillFigures[]>();
  // The process's first recovery, reported on its own (sim.recovery.kill1.cold): the
  // directly placed cluster never ran the recovery's code, so this kill includes V8
  // compiling it. It is also the first warm-up kill.
  const warmups = c.warmupKills ?? DEFAULT_WARMUP_KILLS;
  for (let i = 0; i < warmups; i++) {
    const f = killAndRecover(placed, 1, rng, used, c.budgetMs);
    log(`  warm-up kill 1${i === 0 ? ' (cold: the process\'s first recovery)' : ''}: ${round(f.wallMs, 1)} ms wall, ${f.rebound} pods (not in the kill-1 figure)\n`);
    if (i === 0) runs.set(COLD_KILL.name, [f]);
  }
  // Size by size, each run from the settled cluster the previous one left; a run out of
  // budget leaves the cluster mid-recovery and ends the benchmark.
  let stopped = false;
  for (const k of c.kills) {
    if (stopped) break;
    for (let r = 0; r < c.repeats; r++) {
      const f = killAndRecover(placed, k.count, rng, used, c.budgetMs);
      log(`  kill ${k.count}: ${round(f.wallMs, 1)} ms wall, ${f.evicted} evicted, ${f.rebound} rebound of ${f.target}, ${f.recoveryVirtualS} s virtual${f.complete ? '' : ' (out of budget: incomplete)'}\n`);
      if (!runs.has(k.name)) runs.set(k.name, []);
      runs.get(k.name)!.push(f);
      if (!f.complete) stopped = true;
      if (!f.complete || f.wallMs > c.repeatBelowMs) break;
    }
  }
  const out: Record<string, SimFigures> = {};
  for (const k of warmups > 0 ? [COLD_KILL, ...c.kills] : c.kills) {
    const fs = runs.get(k.name);
    if (!fs) continue;
    const wallMs = median(fs.map((f) => f.wallMs));
    const done = fs.every((f) => f.complete);
    // Out of budget: a rough projection, scaling the time by the share of pods replaced.
    const projected = done ? wallMs : fs[0].wallMs * (fs[0].target / Math.max(1, fs[0].rebound));
    const fig: SimFigures = {
      wallMs: round(wallMs, 1),
      cpuMs: round(median(fs.map((f) => f.cpuMs)), 1),
      complete: done ? 1 : 0,
      ...(done ? {} : { projectedWallMs: Math.round(projected) }),
      ...(k.targetMs !== undefined ? { targetMs: k.targetMs, ratioToTarget: round(projected / k.targetMs, 2) } : {}),
      killed: k.count,
      evicted: median(fs.map((f) => f.evicted)),
      rebound: median(fs.map((f) => f.rebound)),
      podsToReplace: median(fs.map((f) => f.target)),
      recoveryVirtualS: median(fs.map((f) => f.recoveryVirtualS)),
      eventsPerSec: Math.round(median(fs.map((f) => f.events / (f.wallMs / 1000)))),
      writesPerSec: Math.round(median(fs.map((f) => f.writes / (f.wallMs / 1000)))),
      runs: fs.length,
      wallMsMin: round(Math.min(...fs.map((f) => f.wallMs)), 1),
      wallMsMax: round(Math.max(...fs.map((f) => f.wallMs)), 1),
      nodes: c.nodes,
      pods: placed.pods,
    };
    out[k.name] = fig;
  }
  out['sim.recovery.setup'] = {
    nodes: c.nodes,
    pods: placed.pods,
    deployments: c.deployments,
    replicas: c.replicas,
    setupMs: Math.round(placed.setupMs),
    scheduledPlacement: c.placement === 'scheduler' ? 1 : 0,
    warmupKills: c.warmupKills ?? DEFAULT_WARMUP_KILLS,
    placedVirtualS: placed.placedVirtualS,
    heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
  return out;
}

/** Plays a scenario file for `virtualMs`; the median of `repeats` runs (each a fresh simulation). */
export function runScenarioSpeed(file: string, virtualMs: number, repeats: number): SimFigures {
  const manifests = parseManifests(readFileSync(file, 'utf8'), file);
  const walls: number[] = [];
  let events = 0;
  for (let r = 0; r < repeats; r++) {
    const { objects, scenario, timeline } = readScenario(manifests);
    const start = performance.now();
    const sim = createSimulation({ seed: scenario.seed, controlPlane: scenario.controlPlane, schedulerConfiguration: scenario.schedulerConfiguration });
    sim.load(objects, timeline);
    sim.advanceTo(virtualMs);
    walls.push(performance.now() - start);
    events = occurrences(sim);
  }
  const wallMs = median(walls);
  return { virtualS: virtualMs / 1000, wallMs: round(wallMs, 1), speedRatio: Math.round(virtualMs / wallMs), events, runs: repeats };
}

export interface SimBenchOptions {
  quick: boolean;
  log?: (m: string) => void;
  /** Overrides (the standalone runner's flags): cluster size, kill counts, repeats, whether to play the scenarios. */
  nodes?: number;
  kills?: number[];
  repeats?: number;
  scenarios?: boolean;
  placement?: 'scheduler' | 'direct';
  noDefaultSpread?: boolean;
  /** Wall-time cap of one recovery (default 120 s; 0: none). */
  budgetMs?: number;
  /** Sizes whose run took longer are not repeated (default 20 s). */
  repeatBelowMs?: number;
  /** 1-node warm-up kills before the measured ones (default DEFAULT_WARMUP_KILLS; the first is reported as sim.recovery.kill1.cold). */
  warmupKills?: number;
}

/** The issue's targets, for 1 node, 1 % and 10 % of the nodes (set for the full size). */
function killSpec(count: number, nodes: number): { name: string; count: number; targetMs?: number } {
  if (count === 1) return { name: 'sim.recovery.kill1', count, targetMs: 8 };
  if (count * 100 === nodes) return { name: 'sim.recovery.kill1pct', count, targetMs: 50 };
  if (count * 10 === nodes) return { name: 'sim.recovery.kill10pct', count, targetMs: 400 };
  return { name: `sim.recovery.kill${count}`, count };
}

/**
 * Every simulation benchmark: full size (5,000 nodes, 5,000 Deployments × 30
 * = 150,000 pods; kill 1, 50, 500) or `quick` (500 nodes, 500 × 30 = 15,000
 * pods; kill 1, 5, 50). The targets are for the full size.
 */
export function runSimBenches(o: SimBenchOptions): Record<string, SimFigures> {
  const log = o.log ?? (() => {});
  const nodes = o.nodes ?? (o.quick ? 500 : 5000);
  const counts = o.kills ?? [1, nodes / 100, nodes / 10];
  const config: RecoveryConfig = {
    nodes,
    deployments: nodes,
    replicas: 30,
    kills: counts.map((count) => killSpec(count, nodes)),
    repeats: o.repeats ?? 3,
    budgetMs: o.budgetMs ?? 120_000,
    repeatBelowMs: o.repeatBelowMs ?? 20_000,
    seed: 42,
    placement: o.placement ?? 'direct',
    schedulerConfiguration: o.noDefaultSpread ? NO_DEFAULT_SPREAD : undefined,
    warmupKills: o.warmupKills,
  };
  log(`running sim.recovery (${config.deployments} Deployments × ${config.replicas} on ${nodes} nodes; kill ${counts.join(', ')} nodes, ${config.repeats} times each)…\n`);
  const results = runRecovery(config, log);
  if (o.scenarios ?? true) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    log('running sim.scenario.default (10 virtual minutes)…\n');
    results['sim.scenario.default'] = runScenarioSpeed(`${root}scenarios/default.yaml`, 10 * 60_000, 3);
    log('running sim.scenario.power-loss (10 virtual minutes)…\n');
    results['sim.scenario.power-loss'] = runScenarioSpeed(`${root}src/cli/run-cases/power-loss.yaml`, 10 * 60_000, 3);
  }
  return results;
}

/** The figures as a table (one per metric set). */
export function simTable(results: Record<string, SimFigures>): string {
  const groups: [string, string[]][] = [
    ['recovery', ['wallMs', 'cpuMs', 'complete', 'projectedWallMs', 'targetMs', 'ratioToTarget', 'killed', 'podsToReplace', 'evicted', 'rebound', 'recoveryVirtualS', 'eventsPerSec', 'writesPerSec', 'wallMsMin', 'wallMsMax', 'runs']],
    ['setup', ['nodes', 'pods', 'deployments', 'replicas', 'scheduledPlacement', 'warmupKills', 'setupMs', 'placedVirtualS', 'heapMB', 'rssMB']],
    ['scenario', ['virtualS', 'wallMs', 'speedRatio', 'events', 'runs']],
  ];
  const out: string[] = [];
  for (const [group, cols] of groups) {
    const names = Object.keys(results).filter((n) => (group === 'recovery' ? /^sim\.recovery\.kill/.test(n) : n.startsWith(`sim.${group === 'setup' ? 'recovery.setup' : 'scenario'}`)));
    if (names.length === 0) continue;
    const rows = names.map((n) => [n, ...cols.map((c) => (results[n][c] === undefined ? '–' : String(results[n][c])))]);
    const header = ['benchmark', ...cols];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    out.push('', line(header), ...rows.map(line));
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const json = argv.includes('--json');
  const results = runSimBenches({
    quick: argv.includes('--quick'),
    log: json ? undefined : (m) => process.stderr.write(m),
    nodes: flag('--nodes') ? Number(flag('--nodes')) : undefined,
    kills: flag('--kills') ? flag('--kills')!.split(',').map(Number) : undefined,
    repeats: flag('--repeats') ? Number(flag('--repeats')) : undefined,
    scenarios: !argv.includes('--no-scenarios'),
    placement: flag('--placement') as 'scheduler' | 'direct' | undefined,
    noDefaultSpread: argv.includes('--no-default-spread'),
    budgetMs: flag('--budget') ? Number(flag('--budget')) * 1000 : undefined,
    repeatBelowMs: flag('--repeat-below') ? Number(flag('--repeat-below')) * 1000 : undefined,
    warmupKills: flag('--warmup') ? Number(flag('--warmup')) : undefined,
  });
  process.stdout.write(json ? JSON.stringify(results) + '\n' : simTable(results) + '\n');
}
