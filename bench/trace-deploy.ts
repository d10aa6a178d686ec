/**
 * Why each Deployment sync of one recovery runs (the watch events about that Deployment and
 * its ReplicaSets since its previous sync, with the status fields they changed), whether it took
 * the quiet path, and what it wrote. The rig's kills before the traced one: WARM (default 1;
 * 3 puts the traced kill past the Deployments' progress deadline, as in the bench's later
 * kills). OFF=1 turns off the note right after a sync's own status write.
 *
 *   [WARM=3] [OFF=1] npx tsx bench/trace-deploy.ts [nodes=1000] [kills=10]
 */
import { SyncQueue } from '../src/engine/controllers/workload/sync-queue';
import { QUIET_AFTER_WRITE, QuietResyncs } from '../src/engine/controllers/deployment/quiet-resyncs';
if (process.env.OFF) QUIET_AFTER_WRITE.enabled = false;
import type { WatchEvent } from '../src/engine/sim/contracts';
import { recoveryRig, timedRegion } from './sim.bench';

const [nodes = 1000, kills = 10] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
let counting = false;
let quietHit = false;
const qp = QuietResyncs.prototype as unknown as { isQuiet: (k: string, d: unknown) => boolean; has: (k: string) => boolean };
const isQuiet0 = qp.isQuiet;
qp.isQuiet = function (k, d) {
  const r = isQuiet0.call(this, k, d);
  if (r) quietHit = true;
  return r;
};
const has0 = qp.has;
qp.has = function (k) {
  const r = has0.call(this, k);
  if (r) quietHit = true;
  return r;
};
const { placed, kill } = recoveryRig(nodes);
const store = placed.sim.store;
/** key → what happened since its last sync. */
const since = new Map<string, string[]>();
const note = (key: string, what: string) => {
  let l = since.get(key);
  if (!l) since.set(key, (l = []));
  l.push(what);
};
let writesInSync: string[] | null = null;
const diffKeys = (a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined) => {
  const out: string[] = [];
  const ks = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const k of ks) if (JSON.stringify(a?.[k]) !== JSON.stringify(b?.[k])) out.push(k);
  return out.join(',');
};
store.watch((e: WatchEvent) => {
  if (!counting) return;
  const o = e.object as { metadata: { namespace?: string; name?: string; ownerReferences?: { kind: string; name: string; controller?: boolean }[] }; status?: Record<string, unknown>; spec?: unknown };
  if (writesInSync) writesInSync.push(`${e.kind} ${e.type}`);
  if (e.kind === 'Deployment') note(`${o.metadata.namespace}/${o.metadata.name}`, `D ${e.type} ${diffKeys((e.old as typeof o)?.status, o.status)}`);
  if (e.kind === 'ReplicaSet') {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller);
    if (ref) note(`${o.metadata.namespace}/${ref.name}`, `RS ${e.type} ${diffKeys((e.old as typeof o)?.status, o.status)}`);
  }
});
const reasons = new Map<string, number>();
let runs = 0;
const sq = SyncQueue.prototype as unknown as { run: (slot: { key: string; due: number }, at: number) => void; label: string };
const sqRun = sq.run;
sq.run = function (slot, at) {
  if (!counting || this.label !== 'deployment-controller' || slot.due !== at) return sqRun.call(this, slot, at);
  runs++;
  quietHit = false;
  writesInSync = [];
  const before = (since.get(slot.key) ?? []).join(' | ') || '(nothing)';
  since.delete(slot.key);
  sqRun.call(this, slot, at);
  const w = writesInSync.join(',') || 'no write';
  writesInSync = null;
  const k = `${quietHit ? 'QUIET' : 'FULL'} ${w} <= ${before}`;
  reasons.set(k, (reasons.get(k) ?? 0) + 1);
};
for (let i = 0; i < Number(process.env.WARM ?? 1); i++) kill(kills);
timedRegion.enter = () => (counting = true);
timedRegion.leave = () => (counting = false);
const fig = kill(kills);
console.log(`kill ${kills} of ${nodes}: ${fig.rebound} rebound, ${fig.recoveryVirtualS} s virtual; ${runs} deployment syncs run by the clock`);
for (const [k, v] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${String(v).padStart(6)}  ${k.slice(0, 300)}`);
