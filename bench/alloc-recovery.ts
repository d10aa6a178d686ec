/**
 * Allocation profile of one node-kill recovery (bench/sim.bench.ts's measured part only):
 * builds the cluster, runs one unprofiled kill to warm up, then samples every allocation
 * of the next (collected ones included) and prints bytes allocated per function, self and
 * inclusive. Allocation drives the young-generation collections that dominate short kills.
 *
 *   npx tsx bench/alloc-recovery.ts [nodes=500] [kills=5] [--focus NAME] [--interval BYTES=256]
 *
 * `--interval` is the sampler's mean bytes between samples (larger: cheaper, coarser).
 * `--out FILE` also writes the raw sampling profile (a .heapprofile DevTools opens).
 * `--live` samples only what is still alive when the kill ends (what the young
 * generation's collections had to copy and promote), by allocating function.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { recoveryRig, timedRegion } from './sim.bench';

interface SamplingNode {
  id: number;
  selfSize: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children: SamplingNode[];
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const focus = flag('--focus');
const interval = Number(flag('--interval') ?? 256);
const out = flag('--out');
const live = args.includes('--live');
const [nodes = 500, kills = 5] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--') && args[i - 1] !== '--live')).map(Number);

const { kill } = recoveryRig(nodes);
kill(kills);

const session = new Session();
session.connect();
let head: SamplingNode | undefined;
session.post('HeapProfiler.enable');
timedRegion.enter = () =>
  session.post('HeapProfiler.startSampling', { samplingInterval: interval, includeObjectsCollectedByMajorGC: !live, includeObjectsCollectedByMinorGC: !live });
timedRegion.leave = () => session.post('HeapProfiler.stopSampling', (_err, result) => (head = (result as unknown as { profile: { head: SamplingNode } }).profile.head));
const fig = kill(kills);
if (!head) throw new Error('no profile');
if (out !== undefined) writeFileSync(out, JSON.stringify({ head }));

const label = (n: SamplingNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
function walk(n: SamplingNode, stack: string[]): void {
  const l = label(n);
  const s = [...stack, l];
  if (n.selfSize > 0) {
    const cut = focus === undefined ? s : s.slice(s.findIndex((x) => x.includes(focus)));
    if (focus === undefined || s.some((x) => x.includes(focus))) {
      total += n.selfSize;
      self.set(l, (self.get(l) ?? 0) + n.selfSize);
      for (const x of new Set(cut)) inclusive.set(x, (inclusive.get(x) ?? 0) + n.selfSize);
    }
  }
  for (const c of n.children) walk(c, s);
}
walk(head, []);
const kb = (b: number) => (b / 1024).toFixed(0).padStart(9);
console.log(`kill ${kills} of ${nodes} nodes: ${fig.rebound} rebound, ${fig.recoveryVirtualS} s virtual; ${kb(total)} KB sampled${focus ? ` under ${focus}` : ''} (${(total / 1024 / Math.max(1, fig.rebound)).toFixed(1)} KB per pod)`);
console.log('inclusive KB:');
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${kb(v)}  ${k}`);
console.log('self KB:');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${kb(v)}  ${k}`);
