/**
 * In-process A/B of the Filter scan's verdicts kept per pod shape
 * (fused/verdict-cache.ts, SHAPE_VERDICTS) on issue 2's load: the 150,000-pod
 * load of bench/engine.bench.ts (default profile, adaptive percentage), the
 * switch set per cycle by a mixed bit of the pod's index (not its parity: the constraints mix
 * makes its pods by index modulo 20), and the median cycle time per mode (wall µs:
 * the median leaves out collections and the moments the process was not
 * running). Node evaluations are the same in both modes by construction; the
 * run checks that every pod lands where a run with the switch left on puts it.
 *
 *   npx tsx bench/load-verdicts-ab.ts [plain|constraints] [pods=150000] [nodes=5000]
 */
import { performance } from 'node:perf_hooks';
import { PodInfo } from '../src/engine/scheduler/framework/pod-info';
import { resolveConfig } from '../src/engine/scheduler/framework/config';
import { inTreeRegistry } from '../src/engine/scheduler/plugins/registry';
import { StaticCluster } from '../src/engine/scheduler/batch';
import { Scheduler } from '../src/engine/scheduler/schedule-one';
import { SHAPE_VERDICTS } from '../src/engine/scheduler/fused/verdict-cache';
import { Rng } from '../src/engine/random/rng';
import { makeNodes, makePods, type PodMix } from './cluster-gen';

const [mix = 'plain', podsArg = '150000', nodesArg = '5000'] = process.argv.slice(2);

function load(toggle: boolean): { on: number[]; off: number[]; placed: (string | null)[]; evaluations: number } {
  const rng = new Rng(1);
  const nodes = makeNodes(Number(nodesArg), rng);
  const pods = makePods(Number(podsArg), mix as PodMix, rng);
  const registry = inTreeRegistry();
  const config = resolveConfig({ percentageOfNodesToScore: 0 }, registry);
  const cluster = new StaticCluster(nodes);
  const s = new Scheduler(config, registry, { snapshot: cluster.snapshot, listers: cluster, cluster, rng: new Rng(1) });
  const on: number[] = [];
  const off: number[] = [];
  const placed: (string | null)[] = [];
  for (let i = 0; i < pods.length; i++) {
    // A mixed bit of the index, not its parity: the constraints mix makes pods by i % 20, so parity would compare two pod kinds.
    const mode = !toggle || (Math.imul(i, 0x9e3779b1) & 0x40000000) === 0;
    SHAPE_VERDICTS.enabled = mode;
    const t0 = performance.now();
    placed.push(s.scheduleOne(new PodInfo(pods[i], i)).nodeName);
    (mode ? on : off).push((performance.now() - t0) * 1000);
  }
  SHAPE_VERDICTS.enabled = true;
  return { on, off, placed, evaluations: s.nodeEvaluations };
}

const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const ab = load(true);
const ref = load(false);
const same = ab.placed.every((n, i) => n === ref.placed[i]) && ab.evaluations === ref.evaluations;
console.log(`${mix}, ${podsArg} pods on ${nodesArg} nodes: median cycle µs, kept verdicts ${med(ab.on).toFixed(2)} / columns ${med(ab.off).toFixed(2)} (${ab.on.length} / ${ab.off.length} cycles); all on: ${med(ref.on).toFixed(2)}; same placements and evaluations as all on: ${same}`);
