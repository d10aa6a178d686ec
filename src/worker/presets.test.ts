/**
 * The built-in presets load through the real engine, and what each one's paragraph
 * teaches is what the engine does: these checks follow the gallery text claim by claim.
 */
import { describe, expect, it } from 'vitest';
import type { Frame, PodFrame } from '../protocol/engine-api';
import { ownedBy } from '../scenario/lessons/goals';
import { readinessCommand } from '../scenario/lessons/readiness-probes';
import { quotaObjects } from '../scenario/lessons/resource-quota';
import { PRESETS } from '../scenario/presets';
import { livePods as live, livePodsOf as of, startPreset as start } from './lesson-play';

const nodesOf = (pods: PodFrame[]) => pods.map((p) => p.nodeName);
const countBy = (values: (string | null)[]) => {
  const counts: Record<string, number> = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  return counts;
};
const pendingMessages = (f: Frame) => f.queue.map((q) => q.message ?? '');

describe.each(PRESETS.map((p) => [p.id, p] as const))('preset %s', (id, preset) => {
  it('loads, and the index matches the file (name, title, timing overrides)', () => {
    const { scenario, frame } = start(id);
    expect(scenario.name).toBe(id);
    expect(preset.file).toBe(`presets/${id}.yaml`);
    expect(preset.text).toMatch(/^kind: Scenario$/m);
    expect(scenario.title).toBe(preset.title);
    expect(scenario.timingOverrides.length > 0).toBe(preset.shortenedTimings);
    expect(frame.nodes.length).toBeGreaterThan(0);
    expect(preset.paragraph.length).toBeGreaterThan(40);
    expect(preset.lesson.length).toBeGreaterThan(20);
  });
});

describe('what the presets teach', () => {
  it('node-failure: worker-2 turns Unknown, web is replaced elsewhere, the bare pod is not', () => {
    const { host, frame } = start('node-failure');
    expect(nodesOf(of(frame, 'web'))).toContain('worker-2');
    host.dispatch({ action: 'killNode', node: 'worker-2' });
    let f = host.step(40_000);
    expect(f.nodes.find((n) => n.name === 'worker-2')!.status).toBe('Ready');
    f = host.step(20_000);
    const w2 = f.nodes.find((n) => n.name === 'worker-2')!;
    expect(w2.status).toBe('Unknown');
    expect(w2.taints.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');
    f = host.step(60_000);
    expect(of(f, 'web')).toHaveLength(3);
    expect(of(f, 'web').every((p) => p.phase === 'Running' && p.nodeName !== 'worker-2')).toBe(true);
    expect(f.pods.find((p) => p.name === 'scratch')!.deletionTimestamp).not.toBeNull();
    expect(f.pods.filter((p) => p.name.startsWith('scratch'))).toHaveLength(1);
    expect(f.events.some((e) => e.reason === 'TaintManagerEviction')).toBe(true);
  });

  it('drain-pdb: the second eviction waits, and never fewer than 3 web pods are available', () => {
    const { host, frame } = start('drain-pdb');
    expect(countBy(nodesOf(of(frame, 'web')))['worker-2']).toBe(2);
    host.step(5_000);
    expect(host.dispatch({ action: 'drain', node: 'worker-2', ignoreDaemonSets: true }).ok).toBe(true);
    let onWorker2 = 2;
    const seen: number[] = [];
    const trace: number[] = [];
    for (let t = 0; t < 30; t++) {
      const f = host.step(1_000);
      const web = f.pods.filter((p) => ownedBy(p, 'web'));
      seen.push(web.filter((p) => p.ready && p.deletionTimestamp === null).length);
      onWorker2 = web.filter((p) => p.nodeName === 'worker-2' && p.deletionTimestamp === null).length;
      trace.push(onWorker2);
    }
    // One eviction at once: the second is refused until the replacement is Running, then retried 5 s later.
    expect(trace.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(onWorker2).toBe(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(3);
  });

  it('taints-tolerations: inference may use gpu-1, trainer stays Pending for the taint', () => {
    const { host } = start('taints-tolerations');
    const frame = host.step(2_000);
    expect(of(frame, 'inference').every((p) => p.phase === 'Running')).toBe(true);
    expect(of(frame, 'trainer')[0].nodeName).toBeNull();
    expect(pendingMessages(frame)).toEqual([expect.stringMatching(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint\(s\), 2 Insufficient cpu\./)]);
  });

  it('taints-tolerations: a NoExecute taint on gpu-1 evicts a pod without a toleration at once, inference (60 s) a minute later', () => {
    const { host } = start('taints-tolerations');
    host.step(5_000);
    // A bare pod placed on gpu-1 that tolerates only the gpu taint.
    const probe = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe', namespace: 'default' }, spec: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }], nodeSelector: { 'kubernetes.io/hostname': 'gpu-1' }, containers: [{ name: 'probe', image: 'busybox:1.37', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } };
    expect(host.dispatch({ action: 'apply', object: probe }).ok).toBe(true);
    const f = host.step(5_000);
    expect(f.pods.find((p) => p.name === 'probe')).toMatchObject({ nodeName: 'gpu-1', phase: 'Running' });
    expect(of(f, 'inference').map((p) => p.nodeName)).toEqual(['gpu-1', 'gpu-1']);
    const taintedAt = f.time;
    const taints = [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }, { key: 'nvidia.com/driver-upgrade', value: 'true', effect: 'NoExecute' }];
    expect(host.dispatch({ action: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'gpu-1' }, spec: { taints } } }).ok).toBe(true);
    host.step(59_000);
    const evictions = () => host.snapshot()!.events.filter((e) => e.reason === 'TaintManagerEviction').map((e) => [e.object.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, ''), e.firstTime - taintedAt]);
    expect(evictions()).toEqual([['Pod/default/probe', 0]]);
    host.step(2_000);
    expect(evictions()).toEqual([['Pod/default/probe', 0], ['Pod/default/inference', 60_000], ['Pod/default/inference', 60_000]]);
  });

  it('node-affinity: db only on SSD nodes, cache in zone-a, analytics Pending', () => {
    const { frame } = start('node-affinity');
    expect(new Set(nodesOf(of(frame, 'db')))).toEqual(new Set(['worker-3', 'worker-4']));
    expect(nodesOf(of(frame, 'cache')).every((n) => n === 'worker-1' || n === 'worker-2')).toBe(true);
    expect(frame.queue.map((q) => q.name)).toEqual(['analytics']);
    expect(pendingMessages(frame)[0]).toContain("4 node(s) didn't match Pod's node affinity/selector");
  });

  it('node-affinity: analytics has a nodeSelector and a required zone; a zone-a node labelled ssd takes it; zone-a cordoned, cache runs in zone-b; an unlabelled node keeps its pods, new ones avoid it', () => {
    const { host } = start('node-affinity');
    host.step(5_000);
    expect(host.getObject('Pod', 'default', 'analytics')).toMatchObject({ spec: { nodeSelector: { disktype: 'ssd' }, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a'] }] }] } } } } });
    // An SSD in zone-b alone does not do: both must match.
    const labels = (name: string, zone: string, extra: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone, ...extra } } });
    expect(host.dispatch({ action: 'apply', object: labels('worker-1', 'zone-a', { disktype: 'hdd' }) }).ok).toBe(true);
    expect(host.step(5_000).queue.map((q) => q.name)).toEqual(['analytics']);
    expect(host.dispatch({ action: 'apply', object: labels('worker-1', 'zone-a', { disktype: 'ssd' }) }).ok).toBe(true);
    let f = host.step(5_000);
    expect(f.pods.find((p) => p.name === 'analytics')).toMatchObject({ nodeName: 'worker-1', phase: 'Running' });
    // A preference never keeps a pod Pending.
    host.dispatch({ action: 'cordon', node: 'worker-1' });
    host.dispatch({ action: 'cordon', node: 'worker-2' });
    host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'cache', replicas: 6 });
    f = host.step(5_000);
    expect(f.queue).toEqual([]);
    expect(countBy(nodesOf(of(f, 'cache')).map((n) => (n === 'worker-3' || n === 'worker-4' ? 'zone-b' : 'zone-a')))).toEqual({ 'zone-a': 3, 'zone-b': 3 });
    // IgnoredDuringExecution: worker-4 relabelled disktype=hdd, its db pod stays; a new db pod does not go there.
    const dbOn4 = of(f, 'db').find((p) => p.nodeName === 'worker-4')!;
    expect(host.dispatch({ action: 'apply', object: labels('worker-4', 'zone-b', { disktype: 'hdd' }) }).ok).toBe(true);
    host.dispatch({ action: 'uncordon', node: 'worker-1' });
    host.dispatch({ action: 'uncordon', node: 'worker-2' });
    f = host.step(300_000);
    expect(of(f, 'db').find((p) => p.uid === dbOn4.uid)).toMatchObject({ nodeName: 'worker-4', phase: 'Running' });
    host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'db', replicas: 6 });
    f = host.step(5_000);
    expect(countBy(nodesOf(of(f, 'db')))).toEqual({ 'worker-1': 2, 'worker-3': 3, 'worker-4': 1 });
  });

  it('failover-timing: upstream timings; api leaves 85 s and web 5m55s after a kill at a heartbeat, node-agent never; a node back in time keeps its pods', () => {
    const { host, frame, scenario } = start('failover-timing');
    const workload = (p: PodFrame) => (p.owner?.kind === 'ReplicaSet' ? p.owner.name.replace(/-[a-z0-9]+$/, '') : p.owner?.name);
    expect(scenario.timingOverrides).toEqual([]);
    for (const node of ['worker-1', 'worker-2', 'worker-3']) {
      expect(frame.pods.filter((p) => p.nodeName === node).map(workload).sort()).toEqual(['api', 'node-agent', 'web']);
    }
    host.step(1_000);
    const tolerations = (w: string) => ((host.getObject('Deployment', 'default', w) as unknown as { spec: { template: { spec: { tolerations?: unknown[] } } } }).spec.template.spec.tolerations);
    expect(tolerations('api')).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
    expect(tolerations('web')).toBeUndefined();
    // Killed at 10 s, right at a Lease renewal (and worker-3 too, restored after 2 minutes).
    const { host: h } = start('failover-timing');
    let f = h.step(10_000);
    expect(f.nodes.map((n) => n.lastHeartbeat)).toEqual([10_000, 10_000, 10_000]);
    h.dispatch({ action: 'killNode', node: 'worker-2' });
    h.dispatch({ action: 'killNode', node: 'worker-3' });
    f = h.step(49_000);
    expect(f.nodes.find((n) => n.name === 'worker-2')!.status).toBe('Ready');
    f = h.step(71_000);
    const w2 = f.nodes.find((n) => n.name === 'worker-2')!;
    expect([w2.status, Math.round((w2.unreachableTaintedAt! - 10_000) / 1_000)]).toEqual(['Unknown', 55]);
    h.dispatch({ action: 'restoreNode', node: 'worker-3' });
    h.step(400_000);
    f = h.snapshot()!;
    const evicted = f.events.filter((e) => e.reason === 'TaintManagerEviction').map((e) => [e.object.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, ''), e.message.split(' ')[0], Math.round((e.firstTime - 10_000) / 1_000)]);
    // worker-3's web pod: its deletion cancelled on the controller's first pass after the node is Ready.
    expect(evicted).toEqual([
      ['Pod/default/api', 'Marking', 85],
      ['Pod/default/api', 'Marking', 85],
      ['Pod/default/web', 'Cancelling', 125],
      ['Pod/default/web', 'Marking', 355],
    ]);
    expect(f.pods.filter((p) => p.nodeName === 'worker-2' && p.deletionTimestamp === null).map((p) => [p.owner?.kind, p.phase])).toEqual([['DaemonSet', 'Running']]);
    // worker-3 came back within the 300 s: its web and node-agent pods are the same pods as before.
    const before3 = frame.pods.filter((p) => p.nodeName === 'worker-3' && workload(p) !== 'api').map((p) => p.uid).sort();
    expect(f.pods.filter((p) => before3.includes(p.uid)).map((p) => [p.nodeName, p.phase, p.deletionTimestamp])).toEqual(Array(2).fill(['worker-3', 'Running', null]));
    expect(of(f, 'web').filter((p) => p.phase === 'Running')).toHaveLength(3);
    expect(of(f, 'api').filter((p) => p.phase === 'Running')).toHaveLength(3);
  });

  it('pod-anti-affinity: one cache pod per node, the fourth Pending until a node is added', () => {
    const { host, frame } = start('pod-anti-affinity');
    expect(countBy(nodesOf(of(frame, 'cache')))).toEqual({ 'worker-1': 1, 'worker-2': 1, 'worker-3': 1, null: 1 });
    expect(pendingMessages(frame)[0]).toContain("3 node(s) didn't match pod anti-affinity rules");
    host.dispatch({ action: 'addNode', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-4' }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } } });
    expect(host.step(2_000).queue).toEqual([]);
  });

  it('topology-spread: 2 pods per zone; with zone-c dead the replacements stay Pending', () => {
    const { host, frame } = start('topology-spread');
    const zone = (f: Frame, node: string | null) => f.nodes.find((n) => n.name === node)?.zone ?? null;
    expect(countBy(of(frame, 'web').map((p) => zone(frame, p.nodeName)))).toEqual({ 'zone-a': 2, 'zone-b': 2, 'zone-c': 2 });
    host.dispatch({ action: 'killNode', node: 'worker-c1' });
    const f = host.step(180_000);
    expect(f.queue).toHaveLength(2);
    for (const m of pendingMessages(f)) expect(m).toContain("5 node(s) didn't match pod topology spread constraints");
  });

  it('resource-pressure: four api pods fit, the fifth waits for cpu; scaling to 4 empties the queue', () => {
    const { host, frame } = start('resource-pressure');
    expect(countBy(nodesOf(of(frame, 'api')))).toEqual({ 'worker-1': 2, 'worker-2': 2, null: 1 });
    expect(pendingMessages(frame)[0]).toMatch(/^0\/2 nodes are available: 2 Insufficient cpu\./);
    const free = frame.nodes.reduce((sum, n) => sum + n.allocatable.cpu - n.requested.cpu, 0);
    expect(free).toBe(1200);
    host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'api', replicas: 4 });
    expect(host.step(1_000).queue).toEqual([]);
  });

  it('priority-preemption: payments preempts a batch pod and the recreated batch pod waits', () => {
    const { host } = start('priority-preemption');
    expect(of(host.step(2_000), 'batch').every((p) => p.phase === 'Running')).toBe(true);
    const f = host.step(13_000);
    const payments = f.pods.find((p) => p.name === 'payments')!;
    expect(payments.nodeName).not.toBeNull();
    expect(payments.phase).toBe('Running');
    expect(f.events.some((e) => e.reason === 'Preempted')).toBe(true);
    expect(f.queue.map((q) => q.name)).toEqual([expect.stringMatching(/^batch-/)]);
    expect(pendingMessages(f)[0]).toContain('No preemption victims found for incoming pod');
  });

  it('workload-kinds: web and the Job pod are replaced, db-0 waits Terminating, the DaemonSet pod stays, the bare pod is not replaced', () => {
    const { host, frame } = start('workload-kinds');
    expect(nodesOf(of(frame, 'web'))).toEqual(['worker-2']);
    expect(nodesOf(of(frame, 'report'))).toEqual(['worker-2']);
    expect(frame.pods.find((p) => p.name === 'db-0')!.nodeName).toBe('worker-2');
    expect(frame.pods.find((p) => p.name === 'debug')).toMatchObject({ nodeName: 'worker-2', owner: null });
    host.dispatch({ action: 'killNode', node: 'worker-2' });
    const f = host.step(180_000);
    expect(of(f, 'web').map((p) => [p.phase, p.nodeName !== 'worker-2'])).toEqual([['Running', true]]);
    expect(of(f, 'report').map((p) => [p.phase, p.nodeName !== 'worker-2'])).toEqual([['Running', true]]);
    expect(f.pods.filter((p) => p.name.startsWith('debug'))).toEqual([expect.objectContaining({ name: 'debug', deletionTimestamp: expect.any(String) })]);
    const db = f.pods.filter((p) => p.name === 'db-0');
    expect(db).toHaveLength(1);
    expect(db[0]).toMatchObject({ nodeName: 'worker-2', deletionTimestamp: expect.any(String) });
    const daemon = f.pods.filter((p) => ownedBy(p, 'node-exporter'));
    expect(daemon.find((p) => p.nodeName === 'worker-2')?.deletionTimestamp).toBeNull();
    // Force-deleting the old pod lets the StatefulSet recreate db-0 elsewhere.
    host.dispatch({ action: 'deletePod', namespace: 'default', name: 'db-0', force: true });
    const g = host.step(10_000);
    expect(g.pods.filter((p) => p.name === 'db-0').map((p) => [p.phase, p.nodeName !== 'worker-2'])).toEqual([['Running', true]]);
    // Back on: the Terminating pods go, and nothing recreates the bare pod.
    host.dispatch({ action: 'restoreNode', node: 'worker-2' });
    const h = host.step(30_000);
    expect(h.pods.filter((p) => p.deletionTimestamp !== null)).toEqual([]);
    expect(h.pods.filter((p) => p.name.startsWith('debug'))).toEqual([]);
  });

  it('zone-outage: a lost zone is evicted a node per 10 s and 30 s after its taint; 3 of zone-a\'s 4 lost are not evicted; every node lost: no NoExecute taint, no eviction', () => {
    const { host, frame } = start('zone-outage');
    const zones = countBy(frame.nodes.map((n) => n.zone));
    expect(zones).toEqual({ 'zone-a': 4, 'zone-b': 2, 'zone-c': 2 });
    expect(countBy(nodesOf(of(frame, 'web')))).toEqual(Object.fromEntries(frame.nodes.map((n) => [n.name, 1])));
    const noExecute = (f: Frame, node: string) => f.nodes.find((n) => n.name === node)!.taints.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute');
    const evicted = (f: Frame) => f.pods.filter((p) => p.deletionTimestamp !== null);
    host.step(5_000);
    for (const n of ['worker-c1', 'worker-c2']) host.dispatch({ action: 'killNode', node: n });
    let f = host.step(120_000);
    const [t1, t2] = ['worker-c1', 'worker-c2'].map((n) => f.nodes.find((x) => x.name === n)!.unreachableTaintedAt!).sort((a, b) => a - b);
    expect(t2 - t1).toBe(10_000);
    // Each pod is deleted 30 s after its node's taint (the default toleration, shortened).
    const deletedAt = (podNode: string) => {
      const pod = evicted(f).find((p) => p.nodeName === podNode)!;
      return f.events.find((e) => e.reason === 'TaintManagerEviction' && e.object === `Pod/default/${pod.name}`)!.firstTime;
    };
    expect(['worker-c1', 'worker-c2'].map((n) => deletedAt(n) - f.nodes.find((x) => x.name === n)!.unreachableTaintedAt!)).toEqual([30_000, 30_000]);
    expect(of(f, 'web').filter((p) => p.phase === 'Running')).toHaveLength(8);
    for (const n of ['worker-a1', 'worker-a2', 'worker-a3']) host.dispatch({ action: 'killNode', node: n });
    f = host.step(300_000);
    for (const n of ['worker-a1', 'worker-a2', 'worker-a3']) {
      expect(f.nodes.find((x) => x.name === n)!.status).toBe('Unknown');
      expect(noExecute(f, n)).toBe(false);
    }
    expect(evicted(f)).toHaveLength(2);
    for (const n of ['worker-a4', 'worker-b1', 'worker-b2']) host.dispatch({ action: 'killNode', node: n });
    f = host.step(300_000);
    expect(f.nodes.filter((n) => noExecute(f, n.name))).toEqual([]);
    expect(evicted(f)).toHaveLength(2);
    // Until a node is Ready again: then the fully lost zones are evicted.
    host.dispatch({ action: 'restoreNode', node: 'worker-b1' });
    f = host.step(120_000);
    expect(evicted(f).length).toBeGreaterThan(2);
  });

  it('statefulset-identity: one pod at a time; db-0 and db-1 stay Terminating unreplaced; deleteNode frees db-0 in 40–80 s; db-3 waits for db-1; force delete frees db-1 at once', () => {
    const { host } = start('statefulset-identity');
    const db = (f: Frame) => f.pods.filter((p) => ownedBy(p, 'db'));
    // A stepped frame carries only its new events; the snapshot carries them all.
    const created = (name: string) => host.snapshot()!.events.filter((e) => e.reason === 'SuccessfulCreate' && e.message === `create Pod ${name} in StatefulSet db successful`);
    let f = host.step(5_000);
    expect(db(f).map((p) => [p.name, p.phase])).toEqual([['db-0', 'Running']]);
    f = host.step(30_000);
    expect(db(f).map((p) => [p.name, p.phase, p.nodeName])).toEqual([
      ['db-0', 'Running', 'worker-1'],
      ['db-1', 'Running', 'worker-4'],
      ['db-2', 'Running', 'worker-2'],
    ]);
    host.dispatch({ action: 'killNode', node: 'worker-1' });
    host.dispatch({ action: 'killNode', node: 'worker-4' });
    f = host.step(300_000);
    expect(db(f).map((p) => [p.name, p.deletionTimestamp !== null])).toEqual([['db-0', true], ['db-1', true], ['db-2', false]]);
    expect(created('db-0')[0].count).toBe(1);
    host.dispatch({ action: 'deleteNode', node: 'worker-1' });
    host.dispatch({ action: 'scale', kind: 'StatefulSet', namespace: 'default', name: 'db', replicas: 4 });
    host.step(39_000);
    expect(created('db-0')[0].count).toBe(1);
    f = host.step(42_000);
    expect(created('db-0')[0].count).toBe(2);
    expect(db(f).find((p) => p.name === 'db-0')).toMatchObject({ phase: 'Running', deletionTimestamp: null, nodeName: expect.not.stringMatching(/^worker-1$/) });
    f = host.step(120_000);
    expect(db(f).map((p) => p.name)).toEqual(['db-0', 'db-1', 'db-2']);
    host.dispatch({ action: 'deletePod', namespace: 'default', name: 'db-1', force: true });
    f = host.step(20_000);
    expect(db(f).map((p) => [p.name, p.phase, p.nodeName !== 'worker-4'])).toEqual([
      ['db-0', 'Running', true],
      ['db-1', 'Running', true],
      ['db-2', 'Running', true],
      ['db-3', 'Running', true],
    ]);
  });

  it('non-graceful-shutdown: db one per node, web on every worker; worker-1 off: both its pods evicted 80–90 s later, web replaced, db-0 Terminating for good; the out-of-service taint frees it within 20 s, recreated on worker-2; back on, worker-1 takes pods only untainted', () => {
    const { host } = start('non-graceful-shutdown');
    const created = (name: string) => host.snapshot()!.events.find((e) => e.reason === 'SuccessfulCreate' && e.message === `create Pod ${name} in StatefulSet db successful`)!;
    let f = host.step(5_000);
    expect(f.nodes.map((n) => n.name)).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4']);
    expect(new Set(nodesOf(of(f, 'db'))).size).toBe(3);
    expect(countBy(nodesOf(of(f, 'web')))).toEqual({ 'worker-1': 1, 'worker-2': 1, 'worker-3': 1, 'worker-4': 1 });
    expect(f.pods.filter((p) => p.nodeName === 'worker-1').map((p) => p.name)).toEqual(['db-0', expect.stringMatching(/^web-/)]);
    const killedAt = f.time;
    host.dispatch({ action: 'killNode', node: 'worker-1' });
    f = host.step(79_000);
    expect(f.pods.filter((p) => p.nodeName === 'worker-1' && p.deletionTimestamp !== null)).toEqual([]);
    f = host.step(11_000);
    const evicted = host.snapshot()!.events.filter((e) => e.reason === 'TaintManagerEviction');
    expect(evicted).toHaveLength(2);
    for (const e of evicted) expect(e.firstTime - killedAt).toBeGreaterThanOrEqual(80_000);
    expect(of(f, 'web').map((p) => p.phase)).toEqual(['Running', 'Running', 'Running', 'Running']);
    f = host.step(600_000);
    expect(f.pods.find((p) => p.name === 'db-0')).toMatchObject({ nodeName: 'worker-1', deletionTimestamp: expect.any(String) });
    expect(created('db-0').count).toBe(1);
    const taintedAt = f.time;
    // As kubectl taint would: the node's own taints kept, the out-of-service one added.
    const current = f.nodes.find((n) => n.name === 'worker-1')!.taints.map(({ key, effect }) => ({ key, effect }));
    host.dispatch({ action: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, spec: { taints: [...current, { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } } });
    f = host.step(20_000);
    expect(f.pods.filter((p) => p.nodeName === 'worker-1')).toEqual([]);
    expect(created('db-0').count).toBe(2);
    expect(created('db-0').lastTime - taintedAt).toBeLessThanOrEqual(20_000);
    f = host.step(2_000);
    expect(f.pods.find((p) => p.name === 'db-0')).toMatchObject({ nodeName: 'worker-2', phase: 'Running' });
    host.dispatch({ action: 'restoreNode', node: 'worker-1' });
    host.step(10_000);
    host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 8 });
    f = host.step(5_000);
    expect(f.nodes.find((n) => n.name === 'worker-1')!.status).toBe('Ready');
    expect(f.pods.filter((p) => p.nodeName === 'worker-1')).toEqual([]);
    expect(of(f, 'web')).toHaveLength(8);
    host.dispatch({ action: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, spec: { taints: [] } } });
    host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 9 });
    f = host.step(5_000);
    expect(f.pods.filter((p) => p.nodeName === 'worker-1').map((p) => p.phase)).toEqual(['Running']);
  });

  it('rolling-update: a new image gets one surge pod, Pending for cpu, and no old pod goes; maxUnavailable 1 or a new node lets it finish; the old image reuses the old ReplicaSet', () => {
    const deployment = (image: string, maxUnavailable: number) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 4,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable } },
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '400m', memory: '256Mi' } } }] } },
      },
    });
    const owners = (f: Frame) => countBy(live(f).map((p) => p.owner?.name ?? null));
    for (const unblock of ['maxUnavailable', 'addNode'] as const) {
      const { host, frame } = start('rolling-update');
      expect(countBy(nodesOf(of(frame, 'web')))).toEqual({ 'worker-1': 2, 'worker-2': 2 });
      expect(frame.nodes.map((n) => n.allocatable.cpu - n.requested.cpu)).toEqual([200, 200]);
      const oldRs = of(frame, 'web')[0].owner!.name;
      host.step(5_000);
      host.dispatch({ action: 'apply', object: deployment('nginx:1.30', 0) });
      let f = host.step(120_000);
      const surge = of(f, 'web').filter((p) => p.owner!.name !== oldRs);
      expect(surge.map((p) => p.nodeName)).toEqual([null]);
      expect(pendingMessages(f)[0]).toMatch(/^0\/2 nodes are available: 2 Insufficient cpu\./);
      expect(of(f, 'web').filter((p) => p.owner!.name === oldRs && p.phase === 'Running')).toHaveLength(4);
      const newRs = surge[0].owner!.name;
      if (unblock === 'maxUnavailable') host.dispatch({ action: 'apply', object: deployment('nginx:1.30', 1) });
      else host.dispatch({ action: 'addNode', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-3' }, status: { allocatable: { cpu: '1', memory: '2Gi', pods: '110' } } } });
      f = host.step(30_000);
      expect(owners(f)).toEqual({ [newRs]: 4 });
      expect(of(f, 'web').every((p) => p.phase === 'Running')).toBe(true);
      host.dispatch({ action: 'apply', object: deployment('nginx:1.29', 1) });
      f = host.step(30_000);
      expect(owners(f)).toEqual({ [oldRs]: 4 });
    }
  });

  it('readiness-probes: web:1.1 (readiness fail) gets one pod, Running and never Ready, and no old pod goes; web:1.0 rolls back to the same ReplicaSet; web:1.2 (ready after 20 s) replaces the old pods one per Ready', () => {
    const { host, frame } = start('readiness-probes');
    const owners = (f: Frame) => countBy(live(f).map((p) => p.owner?.name ?? null));
    const [oldRs] = Object.keys(owners(frame));
    expect(owners(frame)).toEqual({ [oldRs]: 4 });
    let f = host.step(5_000);
    expect(of(f, 'web').every((p) => p.phase === 'Running' && p.ready)).toBe(true);
    expect(host.dispatch(readinessCommand('example.com/web:1.1', 'fail')).ok).toBe(true);
    f = host.step(120_000);
    const broken = of(f, 'web').filter((p) => p.owner?.name !== oldRs);
    expect(broken.map((p) => [p.phase, p.ready])).toEqual([['Running', false]]);
    expect(of(f, 'web').filter((p) => p.owner?.name === oldRs && p.ready)).toHaveLength(4);
    expect(f.events.some((e) => e.reason === 'Unhealthy' && e.message === 'Readiness probe failed: HTTP probe failed with statuscode: 500')).toBe(true);
    expect(host.dispatch(readinessCommand('example.com/web:1.0')).ok).toBe(true);
    f = host.step(10_000);
    expect(owners(f)).toEqual({ [oldRs]: 4 });
    expect(host.dispatch(readinessCommand('example.com/web:1.2', 'pass-after=20s')).ok).toBe(true);
    // One new pod at a time: after 45 s one is Ready and one more is on its way, 3 old pods left.
    f = host.step(45_000);
    expect(of(f, 'web').filter((p) => p.owner?.name === oldRs)).toHaveLength(3);
    expect(of(f, 'web').filter((p) => p.owner?.name !== oldRs).map((p) => p.ready).sort()).toEqual([false, true]);
    f = host.step(80_000);
    expect(of(f, 'web').filter((p) => p.owner?.name === oldRs)).toHaveLength(0);
    expect(of(f, 'web').filter((p) => p.ready)).toHaveLength(4);
  });

  it('resource-quota: team/web scaled to 6 under a 1-core quota gets 4 pods and FailedCreate (exceeded quota), nothing Pending; a quota of 2 lets the ReplicaSet create the rest; a pod without requests is refused until a LimitRange fills them in', () => {
    const { host } = start('resource-quota');
    const team = (f: Frame, w: string) => live(f).filter((p) => ownedBy(p, w, 'team'));
    let f = host.step(5_000);
    expect(team(f, 'web').map((p) => [p.phase, p.requests.cpu])).toEqual([['Running', 250], ['Running', 250]]);
    expect(host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'team', name: 'web', replicas: 6 }).ok).toBe(true);
    f = host.step(20_000);
    expect(team(f, 'web')).toHaveLength(4);
    expect(f.queue).toEqual([]);
    expect(f.events.some((e) => e.reason === 'FailedCreate' && e.object.startsWith('ReplicaSet/team/web-') && e.message.includes('exceeded quota: compute'))).toBe(true);
    expect(host.dispatch({ action: 'apply', object: quotaObjects.quota.object }).ok).toBe(true);
    // The ReplicaSet's back-off after 20 s of refusals: its next try is about 20 s away (client-go's 5 ms doubling).
    f = host.step(30_000);
    expect(team(f, 'web').filter((p) => p.ready)).toHaveLength(6);
    expect(host.dispatch({ action: 'apply', object: quotaObjects.worker.object }).ok).toBe(true);
    f = host.step(10_000);
    expect(team(f, 'worker')).toEqual([]);
    expect(host.dispatch({ action: 'apply', object: quotaObjects.limits.object }).ok).toBe(true);
    f = host.step(20_000);
    expect(team(f, 'worker').map((p) => [p.phase, p.requests.cpu])).toEqual([['Running', 100]]);
  });

  it('crash-loop: api exits 1 after 5 s and is restarted in place (same pod, same node) at 7, 23, 49, 95, 181, 347 and 653 s, BackOff, never rescheduled; web stays healthy; a replacement crashes too; api:1.1 replaces them', () => {
    type Container = { state: { waiting?: { reason: string } }; lastState: { terminated?: { exitCode: number; startedAt: string; finishedAt: string } } };
    const { host, frame } = start('crash-loop');
    const api = (f: Frame) => of(f, 'api');
    const placed = api(frame).map((p) => [p.uid, p.nodeName]);
    expect(placed.every(([, node]) => node !== null)).toBe(true);
    const restartedAt: number[] = [];
    const name = api(frame)[0].name;
    let last = 0;
    let f = frame;
    for (let t = 1; t <= 700; t++) {
      f = host.step(1_000);
      const restarts = f.pods.find((p) => p.name === name)!.restarts ?? 0;
      if (restarts > last) restartedAt.push(t);
      last = restarts;
    }
    // The first restart at once, then 10 s, 20 s, 40 s, 80 s, 160 s and 300 s (the cap) after each 5 s run.
    expect(restartedAt).toEqual([7, 23, 49, 95, 181, 347, 653]);
    expect(api(f).map((p) => [p.uid, p.nodeName])).toEqual(placed);
    const obj = host.getObject('Pod', 'default', name) as unknown as { spec: { restartPolicy: string }; status: { containerStatuses: Container[] } };
    expect(obj.spec.restartPolicy).toBe('Always');
    const { exitCode, startedAt, finishedAt } = obj.status.containerStatuses[0].lastState.terminated!;
    expect([exitCode, Date.parse(finishedAt) - Date.parse(startedAt)]).toEqual([1, 5_000]);
    const all = host.snapshot()!;
    expect(all.events.filter((e) => e.reason === 'BackOff' && e.type === 'Warning').map((e) => e.object).sort()).toEqual(api(f).map((p) => `Pod/default/${p.name}`).sort());
    expect(all.events.filter((e) => e.reason === 'Scheduled' && e.object.startsWith('Pod/default/api-'))).toHaveLength(3);
    expect(all.events.filter((e) => e.reason === 'FailedScheduling')).toEqual([]);
    expect(of(f, 'web').map((p) => [p.phase, p.ready, p.restarts ?? 0])).toEqual([['Running', true, 0], ['Running', true, 0]]);
    // Deleting a pod: its replacement crash-loops the same way.
    host.dispatch({ action: 'deletePod', namespace: 'default', name });
    f = host.step(30_000);
    const fresh = api(f).filter((p) => !placed.some(([uid]) => uid === p.uid));
    expect(fresh.map((p) => [p.restarts, p.containerReason])).toEqual([[2, 'CrashLoopBackOff']]);
    // The fixed template (api:1.1, no exit annotations) replaces every pod.
    const fixed = structuredClone(host.getObject('Deployment', 'default', 'api')) as unknown as { metadata: Record<string, unknown>; spec: { template: { metadata: { annotations?: unknown }; spec: { containers: { image: string }[] } } }; status?: unknown };
    delete fixed.spec.template.metadata.annotations;
    fixed.spec.template.spec.containers[0].image = 'example.com/api:1.1';
    delete fixed.status;
    fixed.metadata = { name: 'api', namespace: 'default' };
    expect(host.dispatch({ action: 'apply', object: fixed as never }).ok).toBe(true);
    f = host.step(30_000);
    const after = api(f);
    expect(after).toHaveLength(3);
    expect(after.every((p) => p.phase === 'Running' && p.ready && (p.restarts ?? 0) === 0 && !placed.some(([uid]) => uid === p.uid))).toBe(true);
    expect(new Set(after.map((p) => p.owner!.name)).size).toBe(1);
    expect(after[0].owner!.name).not.toBe(api(frame)[0].owner!.name);
  });

  it('jobs: migrate (Never, backoffLimit 2) fails 3 pods, each new one 10 s then 20 s after a failure, then BackoffLimitExceeded; OnFailure restarts one pod and gives up at the second restart, deleting it; completions 4 / parallelism 2 with one failing run succeeds', () => {
    const { host } = start('jobs');
    let f = host.step(120_000);
    const all = host.snapshot()!;
    const migrate = f.pods.filter((p) => ownedBy(p, 'migrate'));
    expect(migrate.map((p) => p.phase)).toEqual(['Failed', 'Failed', 'Failed']);
    // Each pod runs 1 s after its creation for 5 s; the next is created 10 s, then 20 s, after that failure.
    const created = all.events.filter((e) => e.reason === 'SuccessfulCreate' && e.object === 'Job/default/migrate').map((e) => e.firstTime);
    expect([created[1] - (created[0] + 6_000), created[2] - (created[1] + 6_000)]).toEqual([10_000, 20_000]);
    expect(all.events.filter((e) => e.reason === 'BackoffLimitExceeded').map((e) => [e.type, e.object])).toEqual([['Warning', 'Job/default/migrate']]);
    expect(host.getObject('Job', 'default', 'migrate')).toMatchObject({ spec: { backoffLimit: 2 }, status: { failed: 3, conditions: expect.arrayContaining([expect.objectContaining({ type: 'Failed', reason: 'BackoffLimitExceeded' })]) } });
    // The same Job with restartPolicy OnFailure.
    const job = (name: string, change: (spec: { completions?: number; parallelism?: number; backoffLimit?: number; template: { metadata: { annotations: Record<string, string> }; spec: { restartPolicy: string } } }) => void) => {
      const copy = structuredClone(host.getObject('Job', 'default', 'migrate')) as unknown as { metadata: unknown; spec: Parameters<typeof change>[0] & { selector?: unknown; template: { metadata: { labels?: unknown } } }; status?: unknown };
      copy.metadata = { name, namespace: 'default' };
      delete copy.status;
      delete copy.spec.selector;
      delete copy.spec.template.metadata.labels;
      change(copy.spec);
      return copy as never;
    };
    expect(host.dispatch({ action: 'apply', object: job('again', (s) => { s.template.spec.restartPolicy = 'OnFailure'; }) }).ok).toBe(true);
    const again = (g: Frame) => g.pods.filter((p) => ownedBy(p, 'again'));
    f = host.step(22_000);
    expect(again(f).map((p) => [p.phase, p.restarts, p.deletionTimestamp])).toEqual([['Running', 1, null]]);
    f = host.step(5_000);
    expect(again(f).every((p) => p.deletionTimestamp !== null)).toBe(true);
    f = host.step(30_000);
    expect(again(f)).toEqual([]);
    expect(host.snapshot()!.events.filter((e) => e.object === 'Job/default/again').map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulDelete', 'BackoffLimitExceeded']);
    // A flaky Job: only the first run fails; completions 4, parallelism 2, the default backoffLimit.
    const flaky = job('flaky', (s) => {
      s.completions = 4;
      s.parallelism = 2;
      delete s.backoffLimit;
      s.template.metadata.annotations['podscape.dev/exit-code-runs'] = '1';
    });
    expect(host.dispatch({ action: 'apply', object: flaky }).ok).toBe(true);
    f = host.step(60_000);
    expect(f.pods.filter((p) => ownedBy(p, 'flaky')).map((p) => p.phase).sort()).toEqual(['Failed', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded']);
    expect(host.getObject('Job', 'default', 'flaky')).toMatchObject({ status: { succeeded: 4, failed: 1, conditions: expect.arrayContaining([expect.objectContaining({ type: 'Complete', status: 'True' })]) } });
  });

  it('kubelet-admission: web fills worker-1 and worker-2 to 1.6 CPUs, worker-3 cordoned and empty; report and backup Pending from 2 s; report bound to worker-1 fails OutOfcpu, backup bound to worker-3 runs', () => {
    const { host, frame } = start('kubelet-admission');
    expect(frame.nodes.map((n) => [n.name, n.requested.cpu, n.unschedulable])).toEqual([['worker-1', 1600, false], ['worker-2', 1600, false], ['worker-3', 0, true]]);
    expect(frame.pods.filter((p) => !p.owner)).toEqual([]);
    const f = host.step(3_000);
    expect(f.queue.map((q) => [q.name, q.message])).toEqual(
      ['backup', 'report'].map((name) => [name, '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.']),
    );
    expect(host.dispatch({ action: 'bindPod', namespace: 'default', name: 'report', node: 'worker-1' })).toEqual({ ok: true, messages: ['pod/report bound to node/worker-1'] });
    expect(host.dispatch({ action: 'bindPod', namespace: 'default', name: 'backup', node: 'worker-3' }).ok).toBe(true);
    const g = host.step(2_000);
    expect(host.getObject('Pod', 'default', 'report')).toMatchObject({ status: { phase: 'Failed', reason: 'OutOfcpu' } });
    expect(g.pods.find((p) => p.name === 'backup')).toMatchObject({ nodeName: 'worker-3', phase: 'Running' });
    expect(g.nodes.find((n) => n.name === 'worker-3')!.unschedulable).toBe(true);
  });

  it('least- vs most-allocated: 4/3/3 against 8/2/0', () => {
    const spread = (id: string) => Object.values(countBy(nodesOf(of(start(id).frame, 'web')))).sort((a, b) => b - a);
    expect(spread('least-allocated')).toEqual([4, 3, 3]);
    expect(spread('most-allocated')).toEqual([8, 2]);
  });
  it('scheduler-scoring: worker-1 has 1.5 CPUs requested, worker-2 1, worker-3 none, web 0; web goes to worker-3 first, then one per node; a bin-packing Deployment fills worker-1, then worker-2', () => {
    const { host, frame } = start('scheduler-scoring');
    expect(frame.nodes.map((n) => [n.name, n.allocatable.cpu, n.requested.cpu])).toEqual([['worker-1', 4000, 1500], ['worker-2', 4000, 1000], ['worker-3', 4000, 0]]);
    expect(frame.pods.map((p) => `${p.name}@${p.nodeName}`).sort()).toEqual(['etl@worker-2', 'reports@worker-1']);
    const scale = (name: string, replicas: number) => host.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name, replicas });
    host.step(5_000);
    scale('web', 1);
    expect(nodesOf(of(host.step(2_000), 'web'))).toEqual(['worker-3']);
    scale('web', 3);
    expect(countBy(nodesOf(of(host.step(2_000), 'web')))).toEqual({ 'worker-1': 1, 'worker-2': 1, 'worker-3': 1 });
    // The preset's own web template, on the bin-packing profile, five replicas: 4 × 500m fill worker-1 (2 CPUs used), the fifth goes to worker-2.
    const web = host.getObject('Deployment', 'default', 'web') as unknown as { spec: { template: { spec: Record<string, unknown> } } };
    const packed = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'packed', namespace: 'default' }, spec: { replicas: 5, selector: { matchLabels: { app: 'packed' } }, template: { metadata: { labels: { app: 'packed' } }, spec: { ...web.spec.template.spec, schedulerName: 'bin-packing' } } } };
    expect(host.dispatch({ action: 'apply', object: packed }).ok).toBe(true);
    const f = host.step(3_000);
    expect(countBy(nodesOf(of(f, 'packed')))).toEqual({ 'worker-1': 4, 'worker-2': 1 });
    expect(f.nodes.find((n) => n.name === 'worker-1')!.requested.cpu).toBe(4000);
    // The bin-packing profile leaves BalancedAllocation and PodTopologySpread off; the default profile scores with both.
    const packedPod = of(f, 'packed')[0];
    expect(Object.keys(host.explain(`default/${packedPod.name}`).score['worker-3']).sort()).toEqual(['ImageLocality', 'NodeResourcesFit', 'TaintToleration']);
    expect(Object.keys(host.explain(`default/${of(f, 'web')[0].name}`).score['worker-3'])).toEqual(expect.arrayContaining(['NodeResourcesBalancedAllocation', 'PodTopologySpread']));
  });

  it('daemonsets: log-agent on each worker but not the tainted gpu-1, gpu-plugin only there; a new node gets log-agent at once; cordoned and dead nodes keep theirs; drain needs --ignore-daemonsets and leaves them', () => {
    const { host, frame } = start('daemonsets');
    const gpu = frame.nodes.find((n) => n.name === 'gpu-1')!;
    expect(gpu.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]);
    expect(gpu.labels['nvidia.com/gpu.present']).toBe('true');
    const agents = (f: Frame) => of(f, 'log-agent');
    let f = host.step(5_000);
    expect(nodesOf(agents(f)).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(nodesOf(of(f, 'gpu-plugin'))).toEqual(['gpu-1']);
    expect(host.getObject('DaemonSet', 'default', 'gpu-plugin')).toMatchObject({ spec: { template: { spec: { nodeSelector: { 'nvidia.com/gpu.present': 'true' } } } } });
    // A new node: its log-agent pod is Running within 2 s, and no gpu-plugin (no label).
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-9', labels: { 'kubernetes.io/hostname': 'worker-9' } }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } } };
    expect(host.dispatch({ action: 'addNode', object: node } as never).ok).toBe(true);
    f = host.step(2_000);
    expect(agents(f).find((p) => p.nodeName === 'worker-9')?.phase).toBe('Running');
    expect(of(f, 'gpu-plugin')).toHaveLength(1);
    // Cordoned: the node keeps its pod, and a deleted one comes back there.
    host.dispatch({ action: 'cordon', node: 'worker-2' });
    const before = agents(f).find((p) => p.nodeName === 'worker-2')!;
    host.dispatch({ action: 'deletePod', namespace: 'default', name: before.name });
    f = host.step(5_000);
    const after = agents(f).find((p) => p.nodeName === 'worker-2')!;
    expect(after.name).not.toBe(before.name);
    expect(after.phase).toBe('Running');
    // Dead: worker-3's pod stays bound for 10 minutes, not deleted, not replaced elsewhere.
    const onWorker3 = agents(f).find((p) => p.nodeName === 'worker-3')!;
    host.dispatch({ action: 'killNode', node: 'worker-3' });
    f = host.step(600_000);
    expect(f.pods.find((p) => p.name === onWorker3.name)).toMatchObject({ nodeName: 'worker-3', deletionTimestamp: null });
    expect(agents(f)).toHaveLength(4);
    // Drain: refused without --ignore-daemonsets, then the DaemonSet pod is left.
    const refused = host.dispatch({ action: 'drain', node: 'worker-1' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain('cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
    const onWorker1 = agents(f).find((p) => p.nodeName === 'worker-1')!;
    expect(host.dispatch({ action: 'drain', node: 'worker-1', ignoreDaemonSets: true }).ok).toBe(true);
    f = host.step(30_000);
    expect(f.pods.filter((p) => p.nodeName === 'worker-1' && p.deletionTimestamp === null).map((p) => p.name)).toEqual([onWorker1.name]);
  });
});
