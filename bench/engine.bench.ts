/**
 * Engine throughput: schedule N pods in creation order onto M nodes with the
 * default profile and a fixed seed, untraced, and report pods/s, node
 * evaluations per pod (deterministic), cycle-time percentiles and memory.
 */
import { performance } from 'node:perf_hooks';
import { PodInfo } from '../src/engine/scheduler/framework/pod-info';
import { resolveConfig } from '../src/engine/scheduler/framework/config';
import { inTreeRegistry } from '../src/engine/scheduler/plugins/registry';
import { StaticCluster } from '../src/engine/scheduler/batch';
import { Scheduler } from '../src/engine/scheduler/schedule-one';
import { Rng } from '../src/engine/random/rng';
import { makeNodes, makePods, type PodMix } from './cluster-gen';
import { collectGarbage } from './gc';

export interface EngineRun {
  pods: number;
  nodes: number;
  mix: PodMix;
  percentage: number;
  seed: number;
}

export interface EngineFigures {
  podsPerSec: number;
  scheduled: number;
  unschedulable: number;
  nodeEvalsPerPod: number;
  cycleP50us: number;
  cycleP99us: number;
  wallMs: number;
  /** CPU time of the process (all its threads) over the scheduling loop: steadier than wall time on a shared machine. */
  cpuMs: number;
  /** Pods per CPU second (the loop's CPU time, not wall). */
  podsPerCpuSec: number;
  setupMs: number;
  heapMB: number;
  rssPeakMB: number;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function runEngine(r: EngineRun): EngineFigures {
  const t0 = performance.now();
  const rng = new Rng(r.seed);
  const nodes = makeNodes(r.nodes, rng);
  const pods = makePods(r.pods, r.mix, rng);
  const registry = inTreeRegistry();
  const config = resolveConfig({ percentageOfNodesToScore: r.percentage }, registry);
  const cluster = new StaticCluster(nodes);
  const scheduler = new Scheduler(config, registry, { snapshot: cluster.snapshot, listers: cluster, cluster, rng: new Rng(r.seed) });
  const infos = pods.map((p, i) => new PodInfo(p, i));
  const setupMs = performance.now() - t0;
  const times = new Float64Array(infos.length);
  let scheduled = 0;
  let rssPeak = process.memoryUsage().rss;
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < infos.length; i++) {
    const c0 = performance.now();
    const res = scheduler.scheduleOne(infos[i]);
    times[i] = performance.now() - c0;
    if (res.nodeName !== null) scheduled++;
    if ((i & 8191) === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  times.sort();
  return {
    podsPerSec: Math.round((infos.length / wallMs) * 1000),
    scheduled,
    unschedulable: infos.length - scheduled,
    nodeEvalsPerPod: Math.round((scheduler.nodeEvaluations / infos.length) * 10) / 10,
    cycleP50us: Math.round(quantile(times, 0.5) * 1000),
    cycleP99us: Math.round(quantile(times, 0.99) * 1000),
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(cpuMs),
    podsPerCpuSec: Math.round((infos.length / cpuMs) * 1000),
    setupMs: Math.round(setupMs),
    heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    rssPeakMB: Math.round(rssPeak / 2 ** 20),
  };
}
