/**
 * Sampling heap profile of one node-kill recovery (bench/sim.bench.ts's measured part):
 * builds the cluster, runs one unprofiled kill to warm up, then samples every allocation
 * of the next (collected ones included) and prints KB allocated per replaced pod by
 * allocating function (self) — where a recovery's garbage comes from.
 *
 *   npx tsx bench/heap-recovery.ts [nodes=1000] [kills=10] [--interval BYTES=4096] [--top N=40]
 */
import { Session } from 'node:inspector';
import { Rng } from '../src/engine/random/rng';
import { killAndRecover, placedCluster, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const [nodes = 1000, kills = 10] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))).map(Number);
const interval = Number(flag('--interval') ?? 4096);
const top = Number(flag('--top') ?? 40);

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const placed = placedCluster({ nodes, deployments: nodes, replicas: 30, seed: 42, placement: 'direct', kills: [], repeats: 1, budgetMs: 0, repeatBelowMs: 0 });
const rng = new Rng(7);
const used = new Set<string>();
killAndRecover(placed, kills, rng, used);

const session = new Session();
session.connect();
let head: HeapNode | undefined;
timedRegion.enter = () =>
  session.post('HeapProfiler.startSampling', { samplingInterval: interval, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
timedRegion.leave = () => session.post('HeapProfiler.stopSampling', (_err, r) => (head = (r as { profile: { head: HeapNode } }).profile.head));
const fig = killAndRecover(placed, kills, rng, used);
if (!head) throw new Error('no profile');

const self = new Map<string, number>();
let total = 0;
const walk = (n: HeapNode) => {
  const f = n.callFrame;
  const label = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  self.set(label, (self.get(label) ?? 0) + n.selfSize);
  total += n.selfSize;
  for (const c of n.children) walk(c);
};
walk(head);
const pods = Math.max(1, fig.rebound);
console.log(`kill ${kills} of ${nodes} nodes: ${fig.rebound} pods replaced; ${(total / 1024 / pods).toFixed(1)} KB allocated per replaced pod`);
for (const [label, size] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(size / 1024 / pods).toFixed(2).padStart(8)} KB  ${label}`);
}
