/**
 * The event recorder in node-kill recoveries, in-process A/B: two rigs of the same cluster in
 * one process, one whose recorder files stored objects' events by the store's object number
 * (`BY_OBJECT_NUMBER`, the default) and one keyed by reference only; kills alternate between
 * them. Per kill: events recorded, the recorder's time in `event` (each call timed; calls over
 * 2 ms dropped as the process being descheduled), its median per call, the map's size, and
 * the kill's main-thread CPU.
 *
 *   npx tsx bench/recorder-cost.ts [nodes=1000] [kill=10] [warm=2] [pairs=4] [--all]
 *
 * `--all`: the "by-ref" rig also runs with the pod ledger's slots by number (BY_NUMBER) and the
 * Deployment controller's Recreate count (COUNT_RECREATES) off, switched around each of its kills
 * (both are exact either way and may change between kills): the A/B of branch ctrl9's shortcuts.
 */
import { performance } from 'node:perf_hooks';
import { BY_OBJECT_NUMBER, EventRecorder } from '../src/engine/events/recorder';
import { COUNT_RECREATES } from '../src/engine/controllers/deployment/deployment-controller';
import { BY_NUMBER } from '../src/engine/controllers/replicaset/pod-ledger';
import { recoveryRig } from './sim.bench';

const [nodes = 1000, kill = 10, warm = 2, pairs = 4] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const proto = EventRecorder.prototype as unknown as { event: (...a: unknown[]) => void };
const event = proto.event;
let times: number[] = [];
let dropped = 0;
proto.event = function (this: EventRecorder, ...a: unknown[]) {
  const t0 = performance.now();
  event.apply(this, a);
  const dt = performance.now() - t0;
  if (dt > 2) dropped++;
  else times.push(dt);
};
BY_OBJECT_NUMBER.enabled = true;
const on = recoveryRig(nodes);
BY_OBJECT_NUMBER.enabled = false;
const off = recoveryRig(nodes);
BY_OBJECT_NUMBER.enabled = true;
const rows: Record<string, string | number>[] = [];
const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};
for (let i = 0; i < warm + pairs; i++) {
  for (const [name, rig] of i % 2 === 0 ? ([['numbers', on], ['by-ref', off]] as const) : ([['by-ref', off], ['numbers', on]] as const)) {
    times = [];
    dropped = 0;
    const all = process.argv.includes('--all') && name === 'by-ref';
    BY_NUMBER.enabled = COUNT_RECREATES.enabled = !all;
    const f = rig.kill(kill);
    BY_NUMBER.enabled = COUNT_RECREATES.enabled = true;
    if (i < warm) continue;
    const rec = rig.placed.sim.recorder as unknown as { byRef: Map<string, unknown> };
    const sum = times.reduce((s, x) => s + x, 0);
    rows.push({
      mode: name,
      pods: f.target,
      events: times.length,
      'event µs/pod': +((sum * 1000) / f.target).toFixed(1),
      'median µs/call': +(median(times) * 1000).toFixed(2),
      dropped,
      'map size': rec.byRef.size,
      cpuMs: +f.cpuMs.toFixed(1),
      'cpu µs/pod': +((f.cpuMs * 1000) / f.target).toFixed(0),
    });
  }
}
console.table(rows);
for (const m of ['numbers', 'by-ref']) {
  const r = rows.filter((x) => x.mode === m);
  console.log(m, 'median event µs/pod', median(r.map((x) => x['event µs/pod'] as number)), 'median cpu µs/pod', median(r.map((x) => x['cpu µs/pod'] as number)));
}
