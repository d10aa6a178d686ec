/**
 * Counts probes of large Maps (get, has, set, delete on a Map of at least --min entries,
 * 10,000 by default) during one node-kill recovery, per replaced pod, by the engine file and
 * function that made them (the first src/engine frame of the stack). A count, independent of
 * machine load: what the cold lookups of 150,000-key maps keyed by name or uid cost is the
 * cache misses each probe takes, so fewer probes is the figure to compare.
 *
 *   npx tsx bench/map-probes.ts [nodes=1000] [kills=10] [--min 10000]
 *
 * A warm-up kill runs first (not counted). Counting slows the measured kill by the stack
 * captures: its wall and CPU figures mean nothing.
 */
import { recoveryRig, timedRegion } from './sim.bench';

const args = process.argv.slice(2);
const minAt = args.indexOf('--min');
const min = minAt >= 0 ? Number(args[minAt + 1]) : 10_000;
const [nodes = 1000, kills = 10] = args.filter((a, i) => !a.startsWith('--') && (minAt < 0 || i !== minAt + 1)).map(Number);

let counting = false;
const probes = new Map<string, number>();
let total = 0;
const proto = Map.prototype as unknown as Record<'get' | 'has' | 'set' | 'delete', (this: Map<unknown, unknown>, ...a: unknown[]) => unknown>;
for (const op of ['get', 'has', 'set', 'delete'] as const) {
  const original = proto[op];
  proto[op] = function (this: Map<unknown, unknown>, ...a: unknown[]) {
    if (counting && this.size >= min) {
      counting = false; // the bookkeeping's own map calls are not counted
      total++;
      const frames = (new Error().stack ?? '').split('\n').slice(2);
      const at = frames.find((f) => f.includes('/src/engine/')) ?? frames[0] ?? '';
      const where = `${op} ${at.replace(/^\s*at\s*/, '').replace(/\(.*\/src\//, '(').replace(/:\d+\)$/, ')')}`;
      probes.set(where, (probes.get(where) ?? 0) + 1);
      counting = true;
    }
    return original.apply(this, a);
  };
}

const { kill } = recoveryRig(nodes);
kill(kills);
timedRegion.enter = () => (counting = true);
timedRegion.leave = () => (counting = false);
const fig = kill(kills);
const pods = Math.max(1, fig.rebound);
console.log(`kill ${kills} of ${nodes}: ${fig.rebound} pods replaced; probes of Maps with >= ${min} entries: ${total} (${(total / pods).toFixed(2)} per replaced pod)`);
for (const [k, v] of [...probes].sort((a, b) => b[1] - a[1])) console.log(`${String(v).padStart(8)} ${(v / pods).toFixed(2).padStart(7)}/pod  ${k}`);
