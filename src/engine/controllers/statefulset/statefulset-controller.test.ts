import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { deletePod } from '../../sim/api';
import { isPodReady } from '../workload/pods';
import { Harness, podTemplate } from '../workload/testing';
import { createStatefulSetController, parentAndOrdinal, type StatefulSet } from './statefulset-controller';

function sts(name: string, replicas: number, extra: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }, 'postgres:16'), ...extra },
  };
}

function setup(nodes = ['worker-1', 'worker-2', 'worker-3']) {
  return new Harness({ nodes, components: [createStatefulSetController()] });
}

const names = (h: Harness) => h.pods().map((p) => p.metadata.name);
const status = (h: Harness, name = 'db') => h.get<StatefulSet>('StatefulSet', name).status!;
const created = (h: Harness) => h.events({ reason: 'SuccessfulCreate' }).map((e) => [e.firstTime, e.message]);

function setSpec(h: Harness, patch: Partial<StatefulSet['spec']>, name = 'db') {
  const cur = h.get<StatefulSet>('StatefulSet', name);
  h.store.update<StatefulSet>({ ...cur, spec: { ...cur.spec, ...patch } });
}

describe('StatefulSet controller', () => {
  it('creates <set>-0, -1, -2 in order, each once its predecessor is Running and Ready (OrderedReady)', () => {
    const h = setup();
    h.create(sts('db', 3));
    h.advance(0);
    expect(names(h)).toEqual(['db-0']);
    h.advance(999);
    expect(names(h)).toEqual(['db-0']);
    h.advance(1);
    expect(names(h)).toEqual(['db-0', 'db-1']);
    h.advance(1000);
    expect(names(h)).toEqual(['db-0', 'db-1', 'db-2']);
    expect(created(h)).toEqual([
      [0, 'create Pod db-0 in StatefulSet db successful'],
      [1000, 'create Pod db-1 in StatefulSet db successful'],
      [2000, 'create Pod db-2 in StatefulSet db successful'],
    ]);
    expect(h.events({ reason: 'SuccessfulCreate' })[0]).toMatchObject({ source: 'statefulset-controller', object: 'StatefulSet/default/db', type: 'Normal' });
    const p = h.get<Pod>('Pod', 'db-1');
    expect(p.metadata.labels).toMatchObject({ app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(p.metadata.labels?.['controller-revision-hash']).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(p.spec.hostname).toBe('db-1');
    expect(p.spec.subdomain).toBe('db');
    expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'db', controller: true });
    h.advance(1000);
    const rev = p.metadata.labels?.['controller-revision-hash'];
    expect(status(h)).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
      availableReplicas: 3,
    });
  });

  it('creates every pod at once with Parallel', () => {
    const h = setup();
    h.create(sts('db', 3, { podManagementPolicy: 'Parallel' }));
    h.advance(0);
    expect(names(h)).toEqual(['db-0', 'db-1', 'db-2']);
  });

  it.each(['OrderedReady', 'Parallel'] as const)(
    '%s: waits while db-1 is Terminating on a dead node and recreates it the instant the object is removed',
    (policy) => {
      const h = setup();
      h.create(sts('db', 3, { podManagementPolicy: policy }));
      h.advance(5000);
      const db1 = h.get<Pod>('Pod', 'db-1');
      h.killNode(db1.spec.nodeName!);
      h.markNotReady(db1);
      h.advance(0);
      expect(status(h)).toMatchObject({ replicas: 3, readyReplicas: 2 });
      deletePod(h.ctx, db1); // the taint manager's eviction: graceful, never completes on a dead node
      h.advance(600_000);
      expect(h.get<Pod>('Pod', 'db-1').metadata.uid).toBe(db1.metadata.uid);
      expect(h.get<Pod>('Pod', 'db-1').metadata.deletionTimestamp).toBeDefined();
      expect(h.events({ reason: 'SuccessfulCreate' })).toHaveLength(3);
      // replicas counts the Terminating pod; current/updated do not.
      expect(status(h)).toMatchObject({ replicas: 3, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2 });
      // Force delete (or PodGC): the object goes, and a new db-1 appears in the same millisecond.
      const t = h.clock.now + 500;
      h.clock.at(t, 'force', () => deletePod(h.ctx, h.get<Pod>('Pod', 'db-1'), { gracePeriodSeconds: 0 }));
      h.advance(500);
      const fresh = h.get<Pod>('Pod', 'db-1');
      expect(fresh.metadata.uid).not.toBe(db1.metadata.uid);
      // The recorder aggregates the repeated message: count 2, last seen at t.
      expect(h.events({ reason: 'SuccessfulCreate', message: 'create Pod db-1 in StatefulSet db successful' })).toEqual([expect.objectContaining({ count: 2, lastTime: t })]);
      h.advance(1000);
      expect(status(h)).toMatchObject({ replicas: 3, readyReplicas: 3 });
    },
  );

  it('OrderedReady blocks scale-up behind a Terminating pod; Parallel only holds that ordinal', () => {
    for (const policy of ['OrderedReady', 'Parallel'] as const) {
      const h = setup();
      h.create(sts('db', 2, { podManagementPolicy: policy }));
      h.advance(5000);
      const db0 = h.get<Pod>('Pod', 'db-0');
      h.killNode(db0.spec.nodeName!);
      deletePod(h.ctx, db0);
      setSpec(h, { replicas: 4 });
      h.advance(5000);
      expect(names(h)).toEqual(policy === 'OrderedReady' ? ['db-0', 'db-1'] : ['db-0', 'db-1', 'db-2', 'db-3']);
    }
  });

  it('deletes a Failed pod and creates it again once the object is gone', () => {
    const h = setup();
    h.create(sts('db', 2));
    h.advance(3000);
    const db0 = h.get<Pod>('Pod', 'db-0');
    h.setPhase(db0, 'Failed');
    h.advance(0);
    expect(h.events({ reason: 'SuccessfulDelete' }).map((e) => e.message)).toEqual(['delete Pod db-0 in StatefulSet db successful']);
    const again = h.get<Pod>('Pod', 'db-0');
    expect(again.metadata.uid).not.toBe(db0.metadata.uid);
    expect(again.status?.phase).toBe('Pending');
  });

  it('scales down from the highest ordinal, one pod at a time with OrderedReady', () => {
    const h = setup();
    h.create(sts('db', 4));
    h.advance(10_000);
    setSpec(h, { replicas: 1 });
    h.advance(0);
    expect(h.events({ reason: 'SuccessfulDelete' }).map((e) => e.message)).toEqual(['delete Pod db-3 in StatefulSet db successful']);
    h.advance(1000); // the fake kubelet removes a terminating pod after 1 s
    h.advance(1000);
    h.advance(1000);
    expect(h.events({ reason: 'SuccessfulDelete' }).map((e) => [e.firstTime, e.message])).toEqual([
      [10_000, 'delete Pod db-3 in StatefulSet db successful'],
      [11_000, 'delete Pod db-2 in StatefulSet db successful'],
      [12_000, 'delete Pod db-1 in StatefulSet db successful'],
    ]);
    expect(names(h)).toEqual(['db-0']);
    expect(status(h)).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });

  it('rolls a template change from the highest ordinal down, waiting for each pod to be Ready', () => {
    const h = setup();
    h.create(sts('db', 3));
    h.advance(10_000);
    const oldRev = status(h).updateRevision;
    setSpec(h, { template: podTemplate({ app: 'db' }, 'postgres:17') });
    const order: string[] = [];
    h.store.watch((e) => {
      if (e.kind === 'Pod' && e.type === 'DELETED') order.push(e.object.metadata.name!);
    });
    for (let i = 0; i < 100; i++) {
      h.advance(100);
      expect(h.pods((p) => !isPodReady(p) || !!p.metadata.deletionTimestamp).length).toBeLessThanOrEqual(1);
    }
    expect(order).toEqual(['db-2', 'db-1', 'db-0']);
    expect(h.pods().map((p) => p.spec.containers[0].image)).toEqual(['postgres:17', 'postgres:17', 'postgres:17']);
    const s = status(h);
    expect(s.updateRevision).not.toBe(oldRev);
    expect(s).toMatchObject({ currentRevision: s.updateRevision, currentReplicas: 3, updatedReplicas: 3 });
  });

  it('honours a rolling update partition and OnDelete', () => {
    const h = setup();
    h.create(sts('db', 3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    h.advance(10_000);
    setSpec(h, { template: podTemplate({ app: 'db' }, 'postgres:17') });
    h.advance(10_000);
    expect(h.pods().map((p) => p.spec.containers[0].image)).toEqual(['postgres:16', 'postgres:16', 'postgres:17']);
    expect(status(h)).toMatchObject({ updatedReplicas: 1, currentReplicas: 2 });

    const o = setup();
    o.create(sts('db', 2, { updateStrategy: { type: 'OnDelete' } }));
    o.advance(10_000);
    setSpec(o, { template: podTemplate({ app: 'db' }, 'postgres:17') }, 'db');
    o.advance(10_000);
    expect(o.pods().map((p) => p.spec.containers[0].image)).toEqual(['postgres:16', 'postgres:16']);
    deletePod(o.ctx, o.get<Pod>('Pod', 'db-1'));
    o.advance(3000);
    expect(o.pods().map((p) => p.spec.containers[0].image)).toEqual(['postgres:16', 'postgres:17']);
  });

  it('starts ordinals at spec.ordinals.start', () => {
    const h = setup();
    h.create(sts('db', 2, { ordinals: { start: 5 }, podManagementPolicy: 'Parallel' }));
    h.advance(0);
    expect(names(h)).toEqual(['db-5', 'db-6']);
  });

  it('reports FailedCreate when a pod of that name exists but is not its own', () => {
    const h = setup();
    h.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-0', labels: { app: 'other' } }, spec: podTemplate({}).spec });
    h.create(sts('db', 1));
    h.advance(0);
    expect(h.events({ reason: 'FailedCreate' })).toEqual([
      expect.objectContaining({ type: 'Warning', message: 'create Pod db-0 in StatefulSet db failed error: pods "db-0" already exists' }),
    ]);
  });

  it.each([
    ['db-0', ['db', 0]],
    ['web-db-12', ['web-db', 12]],
    ['db', [undefined, -1]],
    ['db-x', [undefined, -1]],
  ])('parses %s into parent and ordinal', (name, want) => {
    expect(parentAndOrdinal({ metadata: { name } })).toEqual(want);
  });

  it('a set name of 53 bytes or more: its pods\' labels (and from 62 bytes their hostname) are too long, and the API server refuses each pod (FailedCreate)', () => {
    const fine = 'a'.repeat(52);
    const long = 'b'.repeat(53);
    const longest = 'c'.repeat(62);
    const h = setup();
    for (const n of [fine, long, longest]) h.store.create(sts(n, 1));
    h.advance(0);
    expect(names(h)).toEqual([`${fine}-0`]);
    const failed = h.events({ reason: 'FailedCreate' }).map((e) => e.message);
    expect(failed).toContainEqual(
      expect.stringMatching(new RegExp(`^create Pod ${long}-0 in StatefulSet ${long} failed error: Pod "${long}-0" is invalid: metadata\\.labels: Invalid value: "${long}-[0-9a-z]+": must be no more than 63 bytes$`)),
    );
    const three = failed.find((m) => m.startsWith(`create Pod ${longest}-0 `))!;
    // Three causes: the pod-name label, the revision label and the hostname, in brackets.
    expect(three).toContain(`is invalid: [metadata.labels: Invalid value: "${longest}-0": must be no more than 63 bytes, `);
    expect(three).toContain(`spec.hostname: Invalid value: "${longest}-0": must be no more than 63 bytes]`);
    expect(three.match(/Invalid value/g)).toHaveLength(3);
  });
});
