/**
 * Held-out timelines (round 32, ctl32): a ReplicationController losing a node beside a
 * ReplicaSet (run-cases/rc-node-loss.yaml), and the quota-refusal retries of a ReplicaSet at
 * client-go's back-off times (run-cases/quota-scale-up.yaml). Expected values from upstream:
 * pkg/controller/replication (the ReplicaSet controller through a conversion adapter),
 * core/v1 SetDefaults_ReplicationController, client-go util/workqueue.
 */
import { describe, expect, it } from 'vitest';
import { events, obj, pods, run, s, type Doc } from './held-out';

const podsOf = (d: Doc, kind: string, name: string) =>
  pods(d).filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === kind && r.name === name));

describe('a ReplicationController and a ReplicaSet lose a node (rc-node-loss.yaml)', () => {
  const d = () => run('rc-node-loss.yaml', '430s');

  it('the API server defaults the RC\'s selector and labels from its template', () => {
    const rc = obj(d(), 'ReplicationController', 'web')!;
    expect(rc.spec?.selector).toEqual({ app: 'web' });
    expect((rc.metadata as { labels?: unknown }).labels).toEqual({ app: 'web' });
  });

  it('its pods are owned by the RC (core/v1 controller reference), created from source replication-controller', () => {
    const rcUid = (obj(d(), 'ReplicationController', 'web')!.metadata.uid);
    const web = podsOf(d(), 'ReplicationController', 'web');
    expect(web.length).toBeGreaterThan(0);
    for (const p of web) {
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: rcUid, controller: true, blockOwnerDeletion: true }]);
    }
    const created = events(d(), 'SuccessfulCreate', 'ReplicationController/default/web');
    expect(created.every((e) => e.source === 'replication-controller')).toBe(true);
    expect(created.map((e) => e.message).sort()).toEqual(web.map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it('replaces its evicted pod at the same instant as the ReplicaSet replaces its own', () => {
    const rcGone = podsOf(d(), 'ReplicationController', 'web').filter((p) => p.metadata.deletionTimestamp);
    const rsGone = podsOf(d(), 'ReplicaSet', 'api').filter((p) => p.metadata.deletionTimestamp);
    expect(rcGone.length).toBeGreaterThan(0);
    expect(rsGone.length).toBeGreaterThan(0);
    const rcEvict = events(d(), 'TaintManagerEviction').filter((e) => rcGone.some((p) => e.object === `Pod/default/${p.metadata.name}`));
    const rsEvict = events(d(), 'TaintManagerEviction').filter((e) => rsGone.some((p) => e.object === `Pod/default/${p.metadata.name}`));
    const t = rsEvict[0].time;
    expect(rcEvict.every((e) => e.time === t) && rsEvict.every((e) => e.time === t)).toBe(true);
    const later = (kind: string, name: string) => events(d(), 'SuccessfulCreate', `${kind}/default/${name}`).filter((e) => e.time > 0 && e.time < s(420));
    expect(later('ReplicationController', 'web').map((e) => e.time)).toEqual(rcGone.map(() => t));
    expect(later('ReplicaSet', 'api').map((e) => e.time)).toEqual(rsGone.map(() => t));
  });

  it('kubectl scale rc: replicationcontroller/web scaled; one more pod; the v1 status (no terminatingReplicas)', () => {
    expect(d().kubectl.filter((k) => k.action === 'scale').map((k) => [k.time, k.text])).toEqual([[s(420), 'replicationcontroller/web scaled']]);
    expect(events(d(), 'SuccessfulCreate', 'ReplicationController/default/web').filter((e) => e.time === s(420))).toHaveLength(1);
    const status = obj(d(), 'ReplicationController', 'web')!.status;
    // The pod left on the dead node is terminating: not counted, and the v1 status has no field for it.
    expect(status).toEqual({ replicas: 4, fullyLabeledReplicas: 4, readyReplicas: 4, availableReplicas: 4, observedGeneration: 2 });
    expect(obj(d(), 'ReplicaSet', 'api')!.status?.terminatingReplicas).toBe(2);
  });
});

describe('quota refusals retry at client-go\'s back-off (quota-scale-up.yaml)', () => {
  it('a pod event during the back-off syncs at once and the 5 ms retry still comes: 20 s ×3, then 20.005, 20.025 … 20.625 s', () => {
    const d = run('quota-scale-up.yaml', '30s');
    const failed = events(d, 'FailedCreate').filter((e) => e.count === 1);
    // Two from the scale's sync (its second batch), one from the sync the new pod's binding queues
    // (Add while the 5 ms AddAfter waits); then 5 ms × 2^n after the n-th failure (n = 2, 3, …).
    expect(failed.map((e) => e.time)).toEqual([s(20), s(20), s(20), s(20.005), s(20.025), s(20.065), s(20.145), s(20.305), s(20.625)]);
    // Past ten similar events the recorder combines them: 21 s (the new pod's Ready event, an Add:
    // the waiting 21.265 s retry stays), 21.265 s, then 21.265 + 2.56 = 23.825 and 23.825 + 5.12 = 28.945 s.
    const combined = events(d, 'FailedCreate').find((e) => e.count > 1)!;
    expect([combined.firstTime, combined.lastTime, combined.count]).toEqual([s(21), s(28.945), 4]);
  });
});
