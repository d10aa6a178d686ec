/**
 * Inclusive time of chosen component methods during steady-state node-kill recoveries:
 * wraps each method of each component's prototype named on the command line (or a default
 * set: the kill's fixed costs outside the scheduler and the workload controllers) with a
 * high-resolution timer counted only inside the measured region, runs W unmeasured kills,
 * then R measured ones, and prints ms per kill and µs per call. The wrappers cost ~0.1 µs
 * a call and stop V8 inlining the method into its callers: compare figures of one run.
 *
 *   npx tsx bench/time-parts.ts [nodes=2000] [kills=1] [--warm W=4] [--runs R=10] [Component.method …]
 */
import { recoveryRig, timedRegion } from './sim.bench';
import { benchArgs } from './args';

const args = process.argv.slice(2);
const cli = benchArgs(['--warm', '--runs'], args);
const opt = cli.number;
const warm = opt('--warm', 4);
const runs = opt('--runs', 10);
const free = cli.positional;
const [nodes = 2000, kills = 1] = free.filter((a) => /^\d+$/.test(a)).map(Number);
const named = free.filter((a) => !/^\d+$/.test(a));
const DEFAULT = [
  'node-lifecycle-controller.monitorNodeHealth',
  'node-lifecycle-controller.handleDisruption',
  'node-lifecycle-controller.updateNode',
  'node-lifecycle-controller.markPodsNotReady',
  'node-lifecycle-controller.onWatch',
  'node-lifecycle-controller.noExecuteTaintingPass',
  'node-lifecycle-controller.noSchedulePass',
  'kubelet.onWatch',
  'kubelet.flush',
  'kubelet.onPower',
  'pod-garbage-collector.onWatch',
  'pod-garbage-collector.gc',
  'taint-eviction-controller.onWatch',
  'Kubelet.syncPod',
  'Kubelet.admit',
  'Kubelet.startContainers',
  'Kubelet.powerOff',
];
const wanted = named.length > 0 ? named : DEFAULT;

const { placed, kill } = recoveryRig(nodes);
let on = false;
const ns = new Map<string, number>();
const calls = new Map<string, number>();
const each = new Map<string, number[]>();
// Component prototypes by name, and the per-node Kubelet's as `Kubelet`.
const protos: [string, Record<string, unknown>][] = placed.sim.components.map((c) => [c.name, Object.getPrototypeOf(c) as Record<string, unknown>]);
const manager = placed.sim.components.find((c) => c.name === 'kubelet') as unknown as { kubeletOf(n: string): object | undefined };
const someKubelet = manager.kubeletOf(placed.sim.store.list('Node')[0].metadata.name!);
if (someKubelet) protos.push(['Kubelet', Object.getPrototypeOf(someKubelet) as Record<string, unknown>]);
for (const [name, proto] of protos) {
  for (const w of wanted) {
    const [comp, method] = w.split('.');
    if (comp !== name || typeof proto[method] !== 'function') continue;
    const f = proto[method] as (...a: unknown[]) => unknown;
    proto[method] = function (this: unknown, ...a: unknown[]) {
      if (!on) return f.apply(this, a);
      const t0 = process.hrtime.bigint();
      try {
        return f.apply(this, a);
      } finally {
        ns.set(w, (ns.get(w) ?? 0) + Number(process.hrtime.bigint() - t0));
        calls.set(w, (calls.get(w) ?? 0) + 1);
        if (!each.has(w)) each.set(w, []);
        each.get(w)!.push(Number(process.hrtime.bigint() - t0));
      }
    };
  }
}
// Watch handlers were bound at start (arrow functions calling the method), so they see the wrappers.
for (let i = 0; i < warm; i++) kill(kills);
timedRegion.enter = () => (on = true);
timedRegion.leave = () => (on = false);
let wall = 0;
let cpu = 0;
let pods = 0;
for (let r = 0; r < runs; r++) {
  const f = kill(kills);
  wall += f.wallMs;
  cpu += f.cpuMs;
  pods += f.rebound;
}
console.log(`${runs} kills of ${kills} of ${nodes} nodes: ${(wall / runs).toFixed(1)} ms wall, ${(cpu / runs).toFixed(1)} ms cpu per kill, ${(pods / runs).toFixed(1)} pods per kill`);
for (const w of wanted) {
  const t = ns.get(w) ?? 0;
  const n = calls.get(w) ?? 0;
  const xs = (each.get(w) ?? [0]).sort((a, b) => a - b);
  const med = xs[xs.length >> 1] / 1000;
  const max = xs[xs.length - 1] / 1000;
  console.log(`${(t / 1e6 / runs).toFixed(3).padStart(8)} ms/kill ${String(Math.round(n / runs)).padStart(6)} calls/kill ${(n ? t / n / 1000 : 0).toFixed(2).padStart(8)} µs/call (median ${med.toFixed(1)}, max ${max.toFixed(0)})  ${w}`);
}
