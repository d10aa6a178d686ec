import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { deletePod } from '../../sim/api';
import { Harness, podTemplate } from '../workload/testing';
import { createReplicaSetController, type ReplicaSet } from './replicaset-controller';

function rs(name: string, replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }), ...extra },
  };
}

const ownedBy = (h: Harness, name: string) => h.pods((p) => p.metadata.ownerReferences?.[0]?.name === name);
const active = (h: Harness, name: string) => ownedBy(h, name).filter((p) => !p.metadata.deletionTimestamp);

function setup(nodes = ['n1', 'n2', 'n3'], seed = 1) {
  return new Harness({ nodes, seed, components: [createReplicaSetController()] });
}

describe('ReplicaSet controller', () => {
  it('creates the replicas with generated names, a controller reference and SuccessfulCreate events', () => {
    const h = setup();
    h.create(rs('web', 3));
    h.advance(0);
    const pods = ownedBy(h, 'web');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([
        expect.objectContaining({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', controller: true, uid: h.get('ReplicaSet', 'web').metadata.uid }),
      ]);
      expect(p.metadata.labels).toEqual({ app: 'web' });
    }
    const created = h.events({ reason: 'SuccessfulCreate' });
    expect(created.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(created.every((e) => e.source === 'replicaset-controller' && e.object === 'ReplicaSet/default/web' && e.type === 'Normal')).toBe(true);
    h.advance(2000);
    expect(h.get<ReplicaSet>('ReplicaSet', 'web').status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      terminatingReplicas: 0,
      observedGeneration: 1,
    });
  });

  it('replaces a pod in the same virtual millisecond it gets a deletionTimestamp, while the old one is Terminating', () => {
    const h = setup();
    h.create(rs('web', 3));
    h.advance(5000);
    const victim = ownedBy(h, 'web').find((p) => p.spec.nodeName === 'n2')!;
    h.killNode('n2'); // the delete can never complete
    const t = h.clock.now + 1234;
    h.clock.at(t, 'delete', () => deletePod(h.ctx, victim));
    h.advance(1234);
    const created = h.events({ reason: 'SuccessfulCreate' });
    expect(created).toHaveLength(4);
    expect(created[3].firstTime).toBe(t);
    expect(active(h, 'web')).toHaveLength(3);
    expect(h.get<Pod>('Pod', victim.metadata.name!).metadata.deletionTimestamp).toBeDefined();
    const status = h.get<ReplicaSet>('ReplicaSet', 'web').status!;
    expect(status.replicas).toBe(3);
    expect(status.terminatingReplicas).toBe(1);
    h.advance(10_000);
    expect(h.get<ReplicaSet>('ReplicaSet', 'web').status).toMatchObject({ replicas: 3, readyReplicas: 3, terminatingReplicas: 1 });
  });

  it.each([
    { what: 'Failed', phase: 'Failed' as const },
    { what: 'Succeeded', phase: 'Succeeded' as const },
  ])('replaces a $what pod (inactive) without deleting it', ({ phase }) => {
    const h = setup();
    h.create(rs('web', 2));
    h.advance(3000);
    const [first] = ownedBy(h, 'web');
    h.setPhase(first, phase);
    h.advance(0);
    expect(active(h, 'web').filter((p) => p.status?.phase !== phase)).toHaveLength(2);
    expect(h.get<Pod>('Pod', first.metadata.name!).status?.phase).toBe(phase);
    expect(h.events({ reason: 'SuccessfulDelete' })).toHaveLength(0);
  });

  it('scales down, deleting unscheduled, then pending, then not-ready pods first, with SuccessfulDelete events', () => {
    const h = setup(['n1']);
    h.create(rs('web', 2));
    h.advance(3000); // 2 running and ready on n1
    h.killNode('n1'); // new pods stay Pending on n1 or unscheduled
    h.store.update({ ...h.get<ReplicaSet>('ReplicaSet', 'web'), spec: { ...h.get<ReplicaSet>('ReplicaSet', 'web').spec, replicas: 3 } });
    h.advance(0);
    const pending = ownedBy(h, 'web').find((p) => p.status?.phase === 'Pending')!;
    expect(pending).toBeDefined();
    const running = ownedBy(h, 'web').filter((p) => p.status?.phase === 'Running');
    h.markNotReady(running[1]);
    h.store.update({ ...h.get<ReplicaSet>('ReplicaSet', 'web'), spec: { ...h.get<ReplicaSet>('ReplicaSet', 'web').spec, replicas: 1 } });
    h.advance(0);
    const deleted = h.events({ reason: 'SuccessfulDelete' }).map((e) => e.message);
    expect(deleted).toEqual([`Deleted pod: ${pending.metadata.name}`, `Deleted pod: ${running[1].metadata.name}`]);
    expect(active(h, 'web').map((p) => p.metadata.name)).toEqual([running[0].metadata.name]);
  });

  it('adopts a matching orphan and releases a pod whose labels stop matching', () => {
    const h = setup();
    h.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: podTemplate({}).spec });
    h.create(rs('web', 2));
    h.advance(0);
    const stray = h.get<Pod>('Pod', 'stray');
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true });
    expect(active(h, 'web')).toHaveLength(2);
    h.store.update({ ...stray, metadata: { ...stray.metadata, labels: { app: 'other' } } });
    h.advance(0);
    expect(h.get<Pod>('Pod', 'stray').metadata.ownerReferences).toBeUndefined();
    expect(active(h, 'web')).toHaveLength(2);
  });

  it('counts only pods carrying every template label as fullyLabeled', () => {
    const h = setup();
    const r = rs('web', 2);
    r.spec.template = podTemplate({ app: 'web', tier: 'front' });
    h.create(r);
    h.advance(0);
    const p = ownedBy(h, 'web')[0];
    h.store.update({ ...p, metadata: { ...p.metadata, labels: { app: 'web' } } });
    h.advance(0);
    expect(h.get<ReplicaSet>('ReplicaSet', 'web').status).toMatchObject({ replicas: 2, fullyLabeledReplicas: 1 });
  });

  it('reports pods available only minReadySeconds after they became Ready, and resyncs then', () => {
    const h = setup();
    h.create(rs('web', 2, { minReadySeconds: 10 }));
    h.advance(1000); // pods Ready at t=1000
    expect(h.get<ReplicaSet>('ReplicaSet', 'web').status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    h.advance(10_000); // exactly minReadySeconds later: not yet (upstream compares strictly)
    expect(h.get<ReplicaSet>('ReplicaSet', 'web').status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    h.advance(1);
    expect(h.get<ReplicaSet>('ReplicaSet', 'web').status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });

  it('bumps observedGeneration when the spec changes', () => {
    const h = setup();
    h.create(rs('web', 1));
    h.advance(0);
    const cur = h.get<ReplicaSet>('ReplicaSet', 'web');
    h.store.update({ ...cur, spec: { ...cur.spec, replicas: 2 } });
    h.advance(0);
    expect(h.get<ReplicaSet>('ReplicaSet', 'web').status?.observedGeneration).toBe(2);
  });

  it('records FailedCreate when the API server refuses a pod, and retries with backoff until it is accepted', () => {
    const h = setup();
    const r = rs('web', 2);
    r.spec.template!.spec.priorityClassName = 'gold';
    h.create(r);
    h.advance(0);
    const failed = h.events({ reason: 'FailedCreate' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ type: 'Warning', source: 'replicaset-controller' });
    // Priority admission runs before the name is generated: the error names the generateName.
    expect(failed[0].message).toBe('Error creating: pods "web-" is forbidden: no PriorityClass with name gold was found');
    h.advance(1000); // retries after 5, 10, 20 … ms
    // The same message each time, so one row counts the tries (at 0, 5, 15, 35, 75, 155, 315, 635 ms).
    const retries = h.events({ reason: 'FailedCreate' }).map((e) => [e.count, e.firstTime, e.lastTime]);
    expect(retries).toEqual([[8, 0, 635]]);
    h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'gold' }, value: 1000 });
    h.advance(2000);
    expect(active(h, 'web')).toHaveLength(2);
    expect(active(h, 'web')[0].spec.priority).toBe(1000);
  });

  it('creates in slowStartBatch batches of 1, 2, 4: every create of the refused batch is tried, the next batch is not', () => {
    const h = setup();
    // Quota admission reads status: room for 3 pods in the namespace.
    h.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: '3' } }, status: { hard: { pods: '3' }, used: { pods: '0' } } });
    h.create(rs('web', 7));
    h.advance(0);
    // Batch 1 (1 pod) and batch 2 (2 pods) succeed; batch 3 (min(4, 4) = 4 pods) is refused four times; no fourth batch.
    // A second sync at the same instant (upstream: queued by the created pods' add events) tries one more
    // (a batch of 1): five refusals in all, where stopping at the first refusal would give two.
    expect(active(h, 'web')).toHaveLength(3);
    const failed = h.events({ reason: 'FailedCreate' });
    expect(failed).toHaveLength(5);
    for (const e of failed) expect(e.message).toMatch(/^Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3$/);
    expect(h.get<ReplicaSet>('ReplicaSet', 'web').status?.conditions).toEqual([expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: failed[0].message.replace('Error creating: ', '') })]);
  });

  it('every ReplicaSet reaches its replica count after any sequence of pod deletions and node losses', () => {
    type Op = { kind: 'delete'; pick: number; force: boolean } | { kind: 'kill' | 'restore'; node: number } | { kind: 'wait'; ms: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(), force: fc.boolean() }),
      fc.record({ kind: fc.constantFrom('kill' as const, 'restore' as const), node: fc.nat(3) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 5000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
        const nodes = ['n0', 'n1', 'n2', 'n3'];
        const h = setup(nodes, seed);
        const sets = [rs('a', 3), rs('b', 1), rs('c', 5)];
        for (const s of sets) h.create(s);
        h.advance(2000);
        for (const o of ops) {
          if (o.kind === 'wait') h.advance(o.ms);
          else if (o.kind === 'kill') h.killNode(nodes[o.node]);
          else if (o.kind === 'restore') h.restoreNode(nodes[o.node]);
          else {
            const pods = h.pods();
            if (pods.length === 0) continue;
            const del = o as Extract<Op, { kind: 'delete' }>;
            const victim = pods[del.pick % pods.length];
            deletePod(h.ctx, victim, del.force ? { gracePeriodSeconds: 0 } : {});
            h.advance(0);
          }
        }
        h.advance(0);
        for (const s of sets) {
          const name = s.metadata.name!;
          expect(active(h, name).length).toBe(s.spec.replicas);
          expect(h.get<ReplicaSet>('ReplicaSet', name).status?.replicas).toBe(s.spec.replicas);
        }
      }),
      { numRuns: 60 },
    );
  });
});
