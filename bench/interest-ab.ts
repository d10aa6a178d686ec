/**
 * In-process A/B of delivery by interest (store/watch-interest.ts): one cluster, warm-up
 * kills, then kills alternating with WATCH_INTEREST on and off (which goes first alternates
 * too), each measured as sim.bench.ts measures a kill. Prints per kill: pods replaced,
 * watch handler calls per pod, main-thread CPU ms (Linux schedstat) and per pod, process CPU
 * ms, wall ms; then the medians per pod of each mode.
 *
 *   npx tsx bench/interest-ab.ts [nodes=1000] [kills=10] [pairs=4] [--warm W]
 */
import { readFileSync } from 'node:fs';
import type { WatchEvent, WatchInterest } from '../src/engine/sim/contracts';
import { ObjectStore } from '../src/engine/store/object-store';
import { WATCH_INTEREST } from '../src/engine/store/watch-interest';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
const warmAt = args.indexOf('--warm');
const warm = warmAt >= 0 ? Number(args[warmAt + 1]) : 2;
const [nodes = 1000, kills = 10, pairs = 4] = args.filter((a, i) => !a.startsWith('--') && (warmAt < 0 || i !== warmAt + 1)).map(Number);

function mainThreadNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

// Handler calls, counted (one increment per call: a counting wrapper around every handler).
let calls = 0;
let counting = false;
const proto = ObjectStore.prototype as unknown as { watch: (h: (e: WatchEvent) => void, kinds?: readonly string[], interest?: WatchInterest) => () => void };
const watch = proto.watch;
proto.watch = function (h, kinds, interest) {
  return watch.call(this, (e) => {
    if (counting) calls++;
    h(e);
  }, kinds, interest);
};

const { placed, kill } = recoveryRig(nodes);
/** Flips the switch; a subscription made and dropped makes the store rebuild its delivery tables. */
const setInterest = (on: boolean) => {
  WATCH_INTEREST.enabled = on;
  placed.sim.store.watch(() => {})();
};
for (let i = 0; i < warm; i++) kill(kills);
let main0 = NaN;
let mainMs = NaN;
timedRegion.enter = () => {
  counting = true;
  calls = 0;
  main0 = mainThreadNs();
};
timedRegion.leave = () => {
  mainMs = (mainThreadNs() - main0) / 1e6;
  counting = false;
};
const per: Record<'on' | 'off', { us: number[]; calls: number[] }> = { on: { us: [], calls: [] }, off: { us: [], calls: [] } };
for (let p = 0; p < pairs; p++) {
  const order: Array<'on' | 'off'> = p % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
  for (const mode of order) {
    setInterest(mode === 'on');
    const f = kill(kills);
    const pods = Math.max(1, f.rebound);
    per[mode].us.push((1000 * mainMs) / pods);
    per[mode].calls.push(calls / pods);
    console.log(`${mode.padEnd(3)} kill ${kills}: ${f.rebound} pods, ${(calls / pods).toFixed(1)} handler calls/pod, main ${mainMs.toFixed(0)} ms (${((1000 * mainMs) / pods).toFixed(0)} µs/pod), cpu ${f.cpuMs.toFixed(0)} ms, wall ${f.wallMs.toFixed(0)} ms`);
  }
}
setInterest(true);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const mode of ['on', 'off'] as const) {
  console.log(`${mode}: median ${median(per[mode].us).toFixed(0)} µs main-thread CPU per pod, ${median(per[mode].calls).toFixed(1)} handler calls per pod`);
}
console.log(`on / off: ${(median(per.on.us) / median(per.off.us)).toFixed(3)}`);
