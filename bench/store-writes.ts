/**
 * The store's own cost per write in a recovery's write mix, without the engine's handlers:
 * a store of `pods` pods in 5,000 ReplicaSets and Deployments, watched by 13 handlers that
 * return at once (nine subscribed to the kinds the engine's components take, four to every
 * kind, as the scheduler, the ReplicaSet and Deployment controllers and the bench do), then
 * rounds of "replaced pods": per pod, a create, a bind, the kubelet's Running status, two
 * ReplicaSet and two Deployment status writes, the evicted pod's condition and deletion
 * writes and its removal, each write after a `get` as the engine's writers do.
 * Prints µs of main-thread CPU per replaced pod for each round and the median.
 *
 *   npx tsx bench/store-writes.ts [pods=150000] [rounds=7] [perRound=20000] [--profile=FILE] [--toggle=NAME]
 *
 * `--profile=FILE` writes a CPU profile of the rounds (not the set-up) to FILE.
 * `--toggle=NAME` turns one of the store's shortcuts (TAKE_FRESH, DEFAULTS_IN_PLACE,
 * REMEMBER_LAST_ENTRY) off in every other round and prints the medians with it on and
 * off: an A/B comparison in one process, which a loaded machine disturbs far less than
 * two processes run one after the other.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { VirtualClock } from '../src/engine/clock/virtual-clock';
import type { KubeObject, Pod } from '../src/engine/model/types';
import { Rng } from '../src/engine/random/rng';
import { defaultControlPlaneConfig } from '../src/engine/sim/config';
import type { WatchEvent } from '../src/engine/sim/contracts';
import * as objectStore from '../src/engine/store/object-store';
import { ObjectStore } from '../src/engine/store/object-store';
import * as podAdmission from '../src/engine/store/pod-admission';

const args = process.argv.slice(2);
const [pods = 150_000, rounds = 7, perRound = 20_000] = args.filter((a) => !a.startsWith('--')).map(Number);
const profileTo = args.find((a) => a.startsWith('--profile='))?.slice(10);
const toggleName = args.find((a) => a.startsWith('--toggle='))?.slice(9);
const toggles = { ...objectStore, ...podAdmission } as unknown as Record<string, { enabled: boolean } | undefined>;
const toggle = toggleName === undefined ? undefined : toggles[toggleName];
if (toggleName !== undefined && (toggle === undefined || typeof toggle.enabled !== 'boolean')) throw new Error(`no toggle ${toggleName} in this build`);
// The engine's writers hand over objects they built for the write (bind, the DisruptionTarget condition, the deletion).
const TAKE = { take: true };
const owners = 5000;
const clock = new VirtualClock();
const store = new ObjectStore({ clock, rng: new Rng(1), config: defaultControlPlaneConfig() });
let sink = 0;
const filtered: string[][] = [['Node'], ['Node', 'Pod'], ['Node', 'Pod'], ['Node', 'Pod'], ['Node', 'Lease', 'Pod'], ['PodDisruptionBudget', 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'], ['Pod', 'Node', 'DaemonSet'], ['Pod', 'Job'], ['Pod', 'StatefulSet']];
// With an older store the second argument is ignored: every handler then sees every kind and returns.
for (const kinds of filtered) store.watch((e: WatchEvent) => void (kinds.includes(e.kind) && (sink += e.object.metadata.name!.length)), kinds);
for (let i = 0; i < 4; i++) store.watch((e: WatchEvent) => void (sink += e.kind.length));

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', labels: { app: name.split('-')[0] }, ...extra });
for (let d = 0; d < owners; d++) {
  const dep = store.create<KubeObject>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(`d${d}`, { annotations: { 'deployment.kubernetes.io/revision': '1' } }), spec: { replicas: 30 }, status: { replicas: 30 } } as KubeObject);
  store.create<KubeObject>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta(`d${d}-rs`, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: `d${d}`, uid: dep.metadata.uid, controller: true }] }),
    spec: { replicas: 30 },
    status: { replicas: 30 },
  } as KubeObject);
}
const podOf = (d: number, name: string, rsUid: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta(name, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `d${d}-rs`, uid: rsUid, controller: true }] }) as Pod['metadata'],
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }] },
});
const live: string[][] = Array.from({ length: owners }, () => []);
let serial = 0;
for (let i = 0; i < pods; i++) {
  const d = i % owners;
  const rs = store.get<KubeObject>('ReplicaSet', 'default', `d${d}-rs`)!;
  const p = store.create(podOf(d, `d${d}-p${serial++}`, rs.metadata.uid!), { take: true });
  store.update<Pod>({ ...p, spec: { ...p.spec, nodeName: `n${i % 5000}` }, status: { phase: 'Running' } });
  live[d].push(p.metadata.name!);
}

const rng = new Rng(9);
function replacePod(): void {
  const d = rng.intn(owners);
  const names = live[d];
  const victim = names.splice(rng.intn(names.length), 1)[0];
  const evicted = store.get<Pod>('Pod', 'default', victim)!;
  store.update<Pod>({ ...evicted, metadata: { ...evicted.metadata }, status: { ...evicted.status, conditions: [{ type: 'DisruptionTarget', status: 'True' }] } }, TAKE);
  const old = store.get<Pod>('Pod', 'default', victim)!;
  store.update<Pod>({ ...old, metadata: { ...old.metadata, deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 30 } }, TAKE);
  for (let k = 0; k < 2; k++) {
    const rs = store.get<KubeObject>('ReplicaSet', 'default', `d${d}-rs`)!;
    store.update({ ...rs, status: { replicas: 30, readyReplicas: 29 + k } } as KubeObject);
    const dep = store.get<KubeObject>('Deployment', 'default', `d${d}`)!;
    store.update({ ...dep, metadata: { ...dep.metadata, annotations: { ...dep.metadata.annotations } }, status: { replicas: 30, readyReplicas: 29 + k } } as KubeObject);
  }
  const rs = store.get<KubeObject>('ReplicaSet', 'default', `d${d}-rs`)!;
  const name = `d${d}-p${serial++}`;
  const p = store.create(podOf(d, name, rs.metadata.uid!), { take: true });
  const bound = store.get<Pod>('Pod', 'default', name)!;
  store.update<Pod>({ ...bound, metadata: { ...bound.metadata }, spec: { ...bound.spec, nodeName: `n${rng.intn(5000)}` }, status: { ...bound.status, conditions: [{ type: 'PodScheduled', status: 'True' }] } }, TAKE);
  const running = store.get<Pod>('Pod', 'default', name)!;
  store.update<Pod>({ ...running, status: { ...running.status, phase: 'Running' } });
  store.remove('Pod', 'default', victim);
  names.push(p.metadata.name!);
}

const threadNs = (): number => process.cpuUsage().user * 1000;
const session = new Session();
if (profileTo) {
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
}
const figures: number[] = [];
const off: number[] = [];
for (let r = 0; r < rounds; r++) {
  if (toggle !== undefined) toggle.enabled = r % 2 === 0;
  const t0 = threadNs();
  for (let i = 0; i < perRound; i++) replacePod();
  (toggle !== undefined && r % 2 === 1 ? off : figures).push((threadNs() - t0) / 1000 / perRound);
}
if (toggle !== undefined) {
  toggle.enabled = true;
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`${toggleName} on: ${figures.map((f) => f.toFixed(1)).join(' ')} (median ${med(figures).toFixed(1)}); off: ${off.map((f) => f.toFixed(1)).join(' ')} (median ${med(off).toFixed(1)}); on/off ${(med(figures) / med(off)).toFixed(2)}`);
}
if (profileTo) session.post('Profiler.stop', (_e, r) => writeFileSync(profileTo, JSON.stringify((r as { profile: unknown }).profile)));
const sorted = [...figures].sort((a, b) => a - b);
console.log(`${pods} pods, ${perRound} replaced pods per round (11 writes each): µs of CPU per replaced pod ${figures.map((f) => f.toFixed(1)).join(' ')}; median ${sorted[sorted.length >> 1].toFixed(1)} (sink ${sink % 10})`);
