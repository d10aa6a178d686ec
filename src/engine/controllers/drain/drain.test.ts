/**
 * lifecycle.md §10B: `kubectl drain worker-2` on the §10 cluster, with and
 * without flags, with a PodDisruptionBudget on db, and on a dead node.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../model/types';
import { deployment, eventsOf, fullSimulation, pdb, podsOn, section10Cluster, taintOf } from '../node-lifecycle/cluster-fixture';
import { drainLog, isDraining, startDrain, stopDrain } from './drain';

const s = (x: number) => x * 1000;
const FLAGS = { ignoreDaemonSets: true, force: true };

function cluster(extra: KubeObject[] = []) {
  const sim = fullSimulation(1);
  sim.load([...section10Cluster(), ...extra]);
  sim.advanceTo(s(40));
  const on = podsOn(sim, 'worker-2').map((p) => p.metadata.name!);
  const db = on.find((n) => n.startsWith('db-'))!;
  const agent = on.find((n) => n.startsWith('node-agent'))!;
  const web = on.filter((n) => n.startsWith('web-'));
  return { sim, on, db, agent, web };
}

function drain(sim: ReturnType<typeof fullSimulation>, flags: { ignoreDaemonSets?: boolean; force?: boolean; deleteEmptyDirData?: boolean } = {}) {
  const r = startDrain(sim.ctx, { action: 'drain', node: 'worker-2', ...flags });
  sim.advanceTo(sim.time);
  return r;
}

const log = (sim: ReturnType<typeof fullSimulation>, from = 0) => drainLog(sim.ctx).filter((l) => l.time >= from);

describe('§10B kubectl drain worker-2', () => {
  it('--ignore-daemonsets --force: cordons, warns, evicts four pods in parallel, then drained', () => {
    const { sim, db, agent, web } = cluster();
    const t0 = sim.time;
    const r = drain(sim, FLAGS);
    expect(r).toEqual({
      ok: true,
      messages: [
        'node/worker-2 cordoned',
        `Warning: deleting Pods that declare no controller: default/debug; ignoring DaemonSet-managed Pods: default/${agent}`,
        `evicting pod default/${db}`,
        'evicting pod default/debug',
        ...web.map((w) => `evicting pod default/${w}`),
      ],
    });
    expect(taintOf(sim, 'worker-2', 'node.kubernetes.io/unschedulable', 'NoSchedule')).toBeDefined();
    // The ReplicaSet replaces the web pods at once, elsewhere.
    const creates = eventsOf(sim, 'SuccessfulCreate', 'ReplicaSet/').filter((e) => e.firstTime === t0);
    expect(creates).toHaveLength(2);
    sim.advanceTo(t0 + s(5));
    const lines = log(sim, t0).map((l) => l.text);
    expect(lines.filter((l) => l.endsWith(' evicted')).sort()).toEqual([db, 'debug', ...web].map((n) => `pod/${n} evicted`).sort());
    const drained = log(sim, t0).find((l) => l.text === 'node/worker-2 drained')!;
    expect(drained.time - t0).toBeGreaterThanOrEqual(s(1));
    expect(drained.time - t0).toBeLessThanOrEqual(s(3));
    expect(isDraining(sim.ctx, 'worker-2')).toBe(false);
    // DisruptionTarget on the evicted pods, and the kubelet stopped them.
    expect(eventsOf(sim, 'Killing').map((e) => e.object).sort()).toEqual([db, 'debug', ...web].map((n) => `Pod/default/${n}`).sort());
    sim.advanceTo(t0 + s(15));
    expect(eventsOf(sim, 'NodeNotSchedulable')).toMatchObject([{ object: 'Node//worker-2', source: 'kubelet' }]);
    expect(eventsOf(sim, 'NodeNotSchedulable')[0].firstTime - t0).toBeLessThanOrEqual(s(10));
    // Settled: only the DaemonSet pod on worker-2; web 6/6 and the db pod elsewhere; debug gone.
    expect(podsOn(sim, 'worker-2').map((p) => p.metadata.name)).toEqual([agent]);
    const pods = sim.store.list<Pod>('Pod');
    expect(pods.filter((p) => p.metadata.name!.startsWith('web-') && p.status?.phase === 'Running')).toHaveLength(6);
    const newDb = sim.store.get<Pod>('Pod', 'default', db)!;
    expect(newDb.spec.nodeName).not.toBe('worker-2');
    expect(newDb.status?.phase).toBe('Running');
    expect(sim.store.get('Pod', 'default', 'debug')).toBeUndefined();
  });

  it('without flags: fails listing the DaemonSet and unmanaged pods, evicts nothing, leaves the node cordoned', () => {
    const { sim, agent, on } = cluster();
    const r = drain(sim);
    const a = `cannot delete Pods that declare no controller (use --force to override): default/debug`;
    const b = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/${agent}`;
    expect(r).toEqual({
      ok: false,
      error: [
        'node/worker-2 cordoned',
        `error: unable to drain node "worker-2" due to error: [${a}, ${b}], continuing command...`,
        'There are pending nodes to be drained:',
        ' worker-2',
        a,
        b,
      ].join('\n'),
    });
    expect(sim.store.get('Node', undefined, 'worker-2')!.spec).toMatchObject({ unschedulable: true });
    sim.advanceTo(sim.time + s(10));
    for (const n of on) expect(sim.store.get<Pod>('Pod', 'default', n)!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('with a PDB minAvailable 3 on db: 429, retried every 5 s forever', () => {
    const { sim, db } = cluster([pdb('db-pdb', 'db', { minAvailable: 3 })]);
    const t0 = sim.time;
    const r = drain(sim, FLAGS);
    const refusal = `error when evicting pods/"${db}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
    expect(r.ok && r.messages).toContain(refusal);
    sim.advanceTo(t0 + s(120));
    const tries = log(sim, t0).filter((l) => l.text === refusal);
    expect(tries.map((l) => l.time - t0)).toEqual(Array.from({ length: 25 }, (_, i) => s(5 * i)));
    expect(tries.every((l) => l.stream === 'stderr')).toBe(true);
    expect(log(sim, t0).filter((l) => l.text === `evicting pod default/${db}`)).toHaveLength(25);
    expect(log(sim, t0).some((l) => l.text === 'node/worker-2 drained')).toBe(false);
    expect(isDraining(sim.ctx, 'worker-2')).toBe(true);
    expect(sim.store.get<Pod>('Pod', 'default', db)!.metadata.deletionTimestamp).toBeUndefined();
    expect(stopDrain(sim.ctx, 'worker-2')).toBe(true);
    sim.advanceTo(t0 + s(200));
    expect(log(sim, t0 + s(121))).toHaveLength(0);
  });

  it('with a PDB minAvailable 2 on db: the eviction is allowed (3 healthy > 2) and the drain completes', () => {
    const { sim, db } = cluster([pdb('db-pdb', 'db', { minAvailable: 2 })]);
    const t0 = sim.time;
    drain(sim, FLAGS);
    sim.advanceTo(t0 + s(5));
    expect(log(sim, t0).some((l) => l.text.startsWith('error when evicting'))).toBe(false);
    expect(log(sim, t0).map((l) => l.text)).toContain(`pod/${db} evicted`);
    expect(log(sim, t0).map((l) => l.text)).toContain('node/worker-2 drained');
  });

  it('on a dead node: evictions succeed (web replaced at once) but the pods never go, so the drain waits', () => {
    const { sim, web } = cluster();
    sim.dispatch({ action: 'killNode', node: 'worker-2' });
    sim.advanceTo(sim.time + s(100));
    const t0 = sim.time;
    const r = drain(sim, FLAGS);
    expect(r.ok).toBe(true);
    expect(eventsOf(sim, 'SuccessfulCreate', 'ReplicaSet/').filter((e) => e.lastTime === t0)).toHaveLength(2);
    sim.advanceTo(t0 + s(600));
    for (const w of web) expect(sim.store.get<Pod>('Pod', 'default', w)!.metadata.deletionTimestamp).toBeDefined();
    expect(log(sim, t0).some((l) => l.text === 'node/worker-2 drained')).toBe(false);
    expect(isDraining(sim.ctx, 'worker-2')).toBe(true);
  });

  it('says "already cordoned", and drains an empty node at once', () => {
    const { sim } = cluster();
    sim.dispatch({ action: 'cordon', node: 'cp-1' });
    expect(startDrain(sim.ctx, { action: 'drain', node: 'cp-1' })).toEqual({ ok: true, messages: ['node/cp-1 already cordoned', 'node/cp-1 drained'] });
  });

  it('refuses pods with emptyDir unless --delete-emptydir-data (whose warning upstream then drops)', () => {
    const cache = deployment('cache', 3);
    cache.spec.template!.spec.volumes = [{ name: 'scratch', emptyDir: {} }];
    const { sim } = cluster([cache]);
    const local = podsOn(sim, 'worker-2').filter((p) => p.metadata.name!.startsWith('cache-')).map((p) => `default/${p.metadata.name}`);
    expect(local.length).toBeGreaterThan(0);
    const r = drain(sim, FLAGS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(', ')}`);
    const r2 = drain(sim, { ...FLAGS, deleteEmptyDirData: true });
    expect(r2.ok).toBe(true);
    expect(r2.ok && r2.messages!.some((m) => m.includes('local storage'))).toBe(false);
    expect(r2.ok && r2.messages).toEqual(expect.arrayContaining(local.map((p) => `evicting pod ${p}`)));
  });
});
