/**
 * Where a recovery's store writes spend their time: wall µs per watch handler call, by
 * subscriber and event kind, and the store's own share of its writes (create, update,
 * remove minus the handlers they deliver to). Times one warmed kill with performance.now
 * around every handler and every write (~0.1 µs each, so the totals read a little high).
 *
 *   npx tsx bench/handler-cost.ts [nodes=1000] [kills=10] [--warm W] [--no-interest]
 */
import { performance } from 'node:perf_hooks';
import type { WatchEvent, WatchInterest } from '../src/engine/sim/contracts';
import { ObjectStore } from '../src/engine/store/object-store';
import { WATCH_INTEREST } from '../src/engine/store/watch-interest';
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
// --no-interest: every watcher of a kind sees every event of it (delivery by interest off), to compare.
if (args.includes('--no-interest')) WATCH_INTEREST.enabled = false;
const warmAt = args.indexOf('--warm');
const warm = warmAt >= 0 ? Number(args[warmAt + 1]) : 2;
const [nodes = 1000, kills = 10] = args.filter((a, i) => !a.startsWith('--') && (warmAt < 0 || i !== warmAt + 1)).map(Number);

let counting = false;
const calls = new Map<string, number>();
const spent = new Map<string, number>();
let handlerMs = 0;
const writeMs = new Map<string, number>();
const writeCalls = new Map<string, number>();
let depth = 0;

type AnyFn = (...a: unknown[]) => unknown;
const proto = ObjectStore.prototype as unknown as Record<string, AnyFn>;
const watch = proto.watch;
proto.watch = function (this: unknown, ...a: unknown[]) {
  const [h, kinds, interest] = a as [(e: WatchEvent) => void, readonly string[] | undefined, WatchInterest | undefined];
  const who = (new Error().stack?.split('\n')[2] ?? '').replace(/^.*\/(src|bench)\//, '').replace(/:\d+\)?$/, '');
  return watch.call(this, (e: WatchEvent) => {
    if (!counting) return h(e);
    const t = performance.now();
    h(e);
    const dt = performance.now() - t;
    const k = `${who} <- ${e.kind} ${e.type}`;
    calls.set(k, (calls.get(k) ?? 0) + 1);
    spent.set(k, (spent.get(k) ?? 0) + dt);
    handlerMs += dt;
  }, kinds, interest);
} as AnyFn;
for (const verb of ['create', 'update', 'remove']) {
  const f = proto[verb];
  proto[verb] = function (this: unknown, ...a: unknown[]) {
    if (!counting || depth > 0) return f.apply(this, a);
    const kind = verb === 'remove' ? (a[0] as string) : (a[0] as { kind: string }).kind;
    const k = `${verb} ${kind}`;
    depth++;
    const h0 = handlerMs;
    const t = performance.now();
    try {
      return f.apply(this, a);
    } finally {
      const own = performance.now() - t - (handlerMs - h0);
      depth--;
      writeMs.set(k, (writeMs.get(k) ?? 0) + own);
      writeCalls.set(k, (writeCalls.get(k) ?? 0) + 1);
    }
  } as AnyFn;
}

const { kill } = recoveryRig(nodes);
for (let i = 0; i < warm; i++) kill(kills);
timedRegion.enter = () => (counting = true);
timedRegion.leave = () => (counting = false);
const fig = kill(kills);
const pods = Math.max(1, fig.rebound);
console.log(`kill ${kills} of ${nodes}: ${fig.wallMs.toFixed(1)} ms wall, ${fig.cpuMs.toFixed(1)} ms cpu, ${fig.rebound} pods`);
const total = [...spent.values()].reduce((x, y) => x + y, 0);
console.log(`handlers: ${total.toFixed(1)} ms (${((1000 * total) / pods).toFixed(1)} µs per pod)`);
for (const [k, v] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  const n = calls.get(k) ?? 1;
  console.log(`${v.toFixed(1).padStart(9)} ms ${((1000 * v) / n).toFixed(2).padStart(8)} µs/call ${(n / pods).toFixed(1).padStart(6)}/pod  ${k}`);
}
const own = [...writeMs.values()].reduce((x, y) => x + y, 0);
console.log(`store's own work in writes (outermost only, handlers excluded): ${own.toFixed(1)} ms (${((1000 * own) / pods).toFixed(1)} µs per pod)`);
for (const [k, v] of [...writeMs].sort((a, b) => b[1] - a[1])) {
  const n = writeCalls.get(k) ?? 1;
  console.log(`${v.toFixed(1).padStart(9)} ms ${((1000 * v) / n).toFixed(2).padStart(8)} µs/call ${(n / pods).toFixed(1).padStart(6)}/pod  ${k}`);
}
