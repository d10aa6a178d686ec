/**
 * The floor under issue 3's recovery targets: what upstream's write chain for one
 * replaced pod costs in plain JavaScript on this machine when every piece is as
 * cheap as it can be while still being an API-shaped write. Nothing here is the
 * engine: a bare Map of 150,000 pod-shaped objects (so the heap and caches are
 * the bench's size), writes that copy the changed object the way an API update
 * does (a new top-level object, metadata with a new resourceVersion, the changed
 * part), an index of pods by node, five watchers that each look up their
 * owner's key in a Map and count, and Event rows aggregated by a string key.
 *
 * The chain per replaced pod is the one `bench/count-recovery.ts` counts in a
 * real recovery (~4.9 pod updates + 1 pod create + 2.8 ReplicaSet and 2.8
 * Deployment status writes, ~4 events); the scheduling cycle is not included
 * (issue 2's bench measures it: ~14–30 µs a pod on this VM).
 *
 * Then the same chain over columns (objects by number, fields in typed arrays, Event
 * rows as numbers): what the writes would cost in a recovery kernel that builds
 * Kubernetes objects only when something reads them. The two figures side by side are
 * the case made in docs/performance.md ("Why the targets are out of this design's reach").
 *
 *   npx tsx bench/write-floor.ts [pods=150000] [replaced=3000] [rounds=7]
 */
export {}; // a module: its names stay out of the global scope (DOM's `event`)
type Obj = {
  kind: string;
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string; labels: Record<string, string>; ownerReferences: { kind: string; name: string; uid: string; controller: boolean }[]; creationTimestamp: string; deletionTimestamp?: string };
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
};

const [podCount = 150_000, replaced = 3000, rounds = 7] = process.argv.slice(2).map(Number);
let rv = 1;
const pods = new Map<string, Obj>();
const byNode = new Map<string, Set<string>>();
const owners = new Map<string, Obj>();
const watcherSeen = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
const eventRows = new Map<string, { count: number; last: number; first: number; message: string }>();

function podObject(i: number, node: string): Obj {
  const rs = `web-${i % 5000}-5d8f7c9b4`;
  return {
    kind: 'Pod',
    metadata: { name: `${rs}-${i.toString(36)}`, namespace: 'default', uid: `uid-${i}`, resourceVersion: String(rv++), labels: { app: `web-${i % 5000}`, 'pod-template-hash': '5d8f7c9b4' }, ownerReferences: [{ kind: 'ReplicaSet', name: rs, uid: `rs-${i % 5000}`, controller: true }], creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { nodeName: node, containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], terminationGracePeriodSeconds: 30, priority: 0, schedulerName: 'default-scheduler' },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }, { type: 'Initialized', status: 'True' }, { type: 'ContainersReady', status: 'True' }], startTime: '2026-01-01T00:00:01Z' },
  };
}

function deliver(o: Obj): void {
  const owner = o.metadata.ownerReferences[0]?.name ?? '';
  for (const seen of watcherSeen) seen.set(owner, (seen.get(owner) ?? 0) + 1);
}

function write(next: Obj, prev: Obj | undefined): Obj {
  const stored: Obj = { ...next, metadata: { ...next.metadata, resourceVersion: String(rv++) } };
  const key = `${stored.metadata.namespace}/${stored.metadata.name}`;
  if (stored.kind === 'Pod') {
    pods.set(key, stored);
    const before = prev?.spec.nodeName as string | undefined;
    const after = stored.spec.nodeName as string | undefined;
    if (before !== after) {
      if (before) byNode.get(before)?.delete(key);
      if (after) (byNode.get(after) ?? byNode.set(after, new Set()).get(after)!).add(key);
    }
  } else owners.set(key, stored);
  deliver(stored);
  return stored;
}

function recordEvent(o: Obj, reason: string, message: string, now: number): void {
  const key = `${o.kind}/${o.metadata.namespace}/${o.metadata.name}/${o.metadata.uid}/${reason}/${message}`;
  const row = eventRows.get(key);
  if (row) {
    row.count++;
    row.last = now;
  } else eventRows.set(key, { count: 1, first: now, last: now, message });
}

function ownerStatus(kind: string, name: string, ready: number): void {
  const key = `default/${name}`;
  const prev = owners.get(key) ?? { kind, metadata: { name, namespace: 'default', uid: `${kind}-${name}`, resourceVersion: '0', labels: {}, ownerReferences: [], creationTimestamp: '' }, spec: {}, status: {} };
  write({ ...prev, status: { ...prev.status, replicas: 30, readyReplicas: ready, availableReplicas: ready, observedGeneration: 1 } }, prev);
}

for (let i = 0; i < podCount; i++) write(podObject(i, `node-${i % 5000}`), undefined);

let next = podCount;
const perPod: number[] = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  let done = 0;
  for (let k = 0; k < replaced; k++) {
    const i = (r * replaced + k * 7919) % podCount;
    const key = `default/web-${i % 5000}-5d8f7c9b4-${i.toString(36)}`;
    let old = pods.get(key);
    if (!old) continue;
    done++;
    const now = 1000 * k;
    const rs = old.metadata.ownerReferences[0].name;
    // node lifecycle: Ready=False; taint eviction: DisruptionTarget, then deletion
    old = write({ ...old, status: { ...old.status, conditions: [{ type: 'Ready', status: 'False' }, ...(old.status.conditions as object[]).slice(1)] } }, old);
    old = write({ ...old, status: { ...old.status, conditions: [...(old.status.conditions as object[]), { type: 'DisruptionTarget', status: 'True' }] } }, old);
    old = write({ ...old, metadata: { ...old.metadata, deletionTimestamp: '2026-01-01T00:06:00Z' } }, old);
    recordEvent(old, 'TaintManagerEviction', `Marking for deletion Pod default/${old.metadata.name}`, now);
    ownerStatus('ReplicaSet', rs, 29);
    ownerStatus('Deployment', rs.slice(0, -11), 29);
    // the ReplicaSet's replacement, the scheduler's bind, the kubelet's start
    const fresh = podObject(next++, '');
    fresh.spec = { ...fresh.spec, nodeName: undefined };
    fresh.status = { phase: 'Pending' };
    let np = write(fresh, undefined);
    recordEvent(np, 'SuccessfulCreate', `Created pod: ${np.metadata.name}`, now);
    np = write({ ...np, spec: { ...np.spec, nodeName: `node-${(i + 17) % 5000}` } }, np);
    recordEvent(np, 'Scheduled', `Successfully assigned default/${np.metadata.name} to node-${(i + 17) % 5000}`, now);
    np = write({ ...np, status: { ...np.status, phase: 'Running', conditions: (old.status.conditions as object[]).slice(0, 4) } }, np);
    recordEvent(np, 'Started', 'Started container app', now);
    ownerStatus('ReplicaSet', rs, 30);
    ownerStatus('Deployment', rs.slice(0, -11), 30);
    ownerStatus('Deployment', rs.slice(0, -11), 30);
    // Not part of the chain: the old pod goes (its node came back), so the heap stays the bench's size.
    pods.delete(key);
    byNode.get(old.spec.nodeName as string)?.delete(key);
  }
  perPod.push(((performance.now() - t0) * 1000) / Math.max(1, done));
}
const sorted = [...perPod].sort((a, b) => a - b);
console.log(`write chain floor: ${sorted.map((x) => x.toFixed(1)).join(' / ')} µs per replaced pod (median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)}; ${podCount} pods stored, ${replaced} replaced per round, 11 writes, 4 events, 5 watchers each)`);

// The same chain over columns: objects by number, fields in typed arrays, a
// resourceVersion counter, watchers counting by owner number, Event rows as numbers
// (reason and object numbers; a message would be formatted when read). What a
// recovery kernel's writes would cost (see docs/performance.md, "What it would take").
{
  const cap = podCount + rounds * replaced + 1;
  const node = new Int32Array(cap);
  const owner = new Int32Array(cap);
  const phase = new Uint8Array(cap);
  const ready = new Uint8Array(cap);
  const disruption = new Uint8Array(cap);
  const deletedAt = new Float64Array(cap);
  const podRv = new Float64Array(cap);
  const alive = new Uint8Array(cap);
  const ownerReady = new Int32Array(5000 * 2);
  const ownerRv = new Float64Array(5000 * 2);
  const seen = Array.from({ length: 5 }, () => new Int32Array(5000 * 2));
  const podsOnNode = new Int32Array(5000);
  const evCap = 1 << 20;
  const evObject = new Int32Array(evCap);
  const evReason = new Uint8Array(evCap);
  const evTime = new Float64Array(evCap);
  const evCount = new Int32Array(evCap);
  let events = 0;
  let crv = 1;
  const deliverNum = (o: number) => {
    for (let w = 0; w < 5; w++) seen[w][o]++;
  };
  const podWrite = (p: number) => {
    podRv[p] = crv++;
    deliverNum(owner[p]);
  };
  const ownerWrite = (o: number, r: number) => {
    ownerReady[o] = r;
    ownerRv[o] = crv++;
    deliverNum(o);
  };
  const record = (obj: number, reason: number, t: number) => {
    const row = events++ & (evCap - 1);
    evObject[row] = obj;
    evReason[row] = reason;
    evTime[row] = t;
    evCount[row] = 1;
  };
  for (let i = 0; i < podCount; i++) {
    node[i] = i % 5000;
    owner[i] = i % 5000;
    phase[i] = 2;
    ready[i] = 1;
    alive[i] = 1;
    podsOnNode[i % 5000]++;
    podWrite(i);
  }
  let nextNum = podCount;
  const colPerPod: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    let done = 0;
    for (let k = 0; k < replaced; k++) {
      const i = (r * replaced + k * 7919) % podCount;
      if (!alive[i]) continue;
      done++;
      const now = 1000 * k;
      const o = owner[i];
      ready[i] = 0;
      podWrite(i);
      disruption[i] = 1;
      podWrite(i);
      deletedAt[i] = now;
      podWrite(i);
      record(i, 1, now);
      ownerWrite(o, 29);
      ownerWrite(5000 + o, 29);
      const n = nextNum++;
      owner[n] = o;
      phase[n] = 0;
      alive[n] = 1;
      podWrite(n);
      record(o, 2, now);
      node[n] = (i + 17) % 5000;
      podsOnNode[node[n]]++;
      podWrite(n);
      record(n, 3, now);
      phase[n] = 2;
      ready[n] = 1;
      podWrite(n);
      record(n, 4, now);
      ownerWrite(o, 30);
      ownerWrite(5000 + o, 30);
      ownerWrite(5000 + o, 30);
      alive[i] = 0;
      podsOnNode[node[i]]--;
    }
    colPerPod.push(((performance.now() - t0) * 1000) / Math.max(1, done));
  }
  const s = [...colPerPod].sort((a, b) => a - b);
  console.log(`the same chain over columns: ${s.map((x) => x.toFixed(2)).join(' / ')} µs per replaced pod (median ${s[Math.floor(s.length / 2)].toFixed(2)})`);
}
