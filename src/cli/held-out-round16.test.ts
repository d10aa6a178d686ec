/**
 * Held-out timelines (round 16), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (shared/reference/lifecycle.md §n, and
 * upstream source where the reference is silent, named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { events, obj, pods, run, s, ts } from './held-out';

type Meta = { finalizers?: string[]; deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
const meta = (o: { metadata: unknown } | undefined) => o?.metadata as Meta | undefined;

describe('Foreground deletion of a DaemonSet, a StatefulSet and a Job with a pod on a dead node', () => {
  const at = (until: string) => run('foreground-workloads.yaml', until);
  const podsOf = (until: string, prefix: string) => pods(at(until)).filter((p) => p.metadata.name.startsWith(`${prefix}-`));

  it('kubectl prints the three deletions; each owner keeps deletionTimestamp 20 s and the foregroundDeletion finalizer', () => {
    const d = at('80s');
    expect(d.kubectl.filter((l) => l.action === 'delete').map((l) => [l.time, l.text])).toEqual([
      [s(20), 'daemonset.apps "agent" deleted'],
      [s(20), 'statefulset.apps "db" deleted'],
      [s(20), 'job.batch "batch" deleted'],
    ]);
    for (const [kind, name] of [['DaemonSet', 'agent'], ['StatefulSet', 'db'], ['Job', 'batch']]) {
      const m = meta(obj(d, kind, name));
      expect(m, `${kind} ${name}`).toMatchObject({ finalizers: ['foregroundDeletion'], deletionGracePeriodSeconds: 0 });
      expect(ts(m!.deletionTimestamp)).toBe(s(20));
    }
    // Only the pods on the dead node are left, Terminating with the pods' 30 s grace.
    expect(pods(d).map((p) => [p.metadata.name.replace(/-[a-z0-9]{5}$/, ''), p.spec?.nodeName, ts(p.metadata.deletionTimestamp)]).sort()).toEqual([
      ['agent', 'worker-2', s(50)],
      ['batch', 'worker-2', s(50)],
      ['db-1', 'worker-2', s(50)],
    ]);
  });

  it('the DaemonSet controller writes no status for a DaemonSet being deleted (syncDaemonSet returns first)', () => {
    const before = obj(at('19s'), 'DaemonSet', 'agent')!.status;
    expect(before).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2 });
    // The pod on worker-1 gone and worker-2 NotReady change nothing in it.
    expect(obj(at('80s'), 'DaemonSet', 'agent')!.status).toEqual(before);
  });

  it('the StatefulSet creates nothing again but still writes its status', () => {
    const d = at('80s');
    expect(events(d, 'SuccessfulCreate', 'StatefulSet/default/db').map((e) => [e.time, e.message, e.count])).toEqual([
      [0, 'create Pod db-0 in StatefulSet db successful', 1],
      [s(1), 'create Pod db-1 in StatefulSet db successful', 1],
    ]);
    expect(podsOf('80s', 'db').map((p) => p.metadata.name)).toEqual(['db-1']);
    // computeReplicaStatus: replicas counts the Terminating db-1; current/updated skip it; not ready since NotReady.
    expect(obj(d, 'StatefulSet', 'db')!.status).toMatchObject({ replicas: 1, readyReplicas: 0, currentReplicas: 0, updatedReplicas: 0, availableReplicas: 0 });
  });

  it('the Job creates no replacement (manageJob needs job.DeletionTimestamp == nil) and counts both deleted pods as failed', () => {
    const d = at('80s');
    expect(events(d, 'SuccessfulCreate', 'Job/default/batch').map((e) => e.time)).toEqual([0, 0]);
    expect(podsOf('80s', 'batch').map((p) => [p.spec?.nodeName, !!p.metadata.deletionTimestamp])).toEqual([['worker-2', true]]);
    expect(obj(d, 'Job', 'batch')!.status).toMatchObject({ active: 0, ready: 0, failed: 2, succeeded: 0, terminating: 1 });
    expect(events(d, 'BackoffLimitExceeded')).toEqual([]);
  });

  it('worker-2 back at 120 s: its kubelet finishes the three pods and the three owners go with them', () => {
    const d = at('121s');
    expect(pods(d)).toEqual([]);
    for (const [kind, name] of [['DaemonSet', 'agent'], ['StatefulSet', 'db'], ['Job', 'batch']]) expect(obj(d, kind, name), `${kind} ${name}`).toBeUndefined();
    expect(events(d, 'SuccessfulCreate').filter((e) => e.lastTime > s(2))).toEqual([]);
  });
});
