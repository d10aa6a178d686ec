/**
 * Held-out timelines (round 16), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (shared/reference/lifecycle.md §n, and
 * upstream source where the reference is silent, named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { events, obj, pods, run, runEdited, s, ts } from './held-out';

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

describe('StatefulSet rolling update with maxUnavailable (the MaxUnavailableStatefulSet gate turned on, as in v1.37), started as `kubectl rollout restart` does', () => {
  const at = (until: string) => run('statefulset-max-unavailable.yaml', until);
  const deletes = (set: string) => events(at('40s'), 'SuccessfulDelete', `StatefulSet/default/${set}`).map((e) => [e.time, e.message]);
  /** When each ordinal was last created (the create rows fold the second creation into the first: same message). */
  const recreated = (set: string) => Object.fromEntries(events(at('40s'), 'SuccessfulCreate', `StatefulSet/default/${set}`).map((e) => [e.message.split(' ')[2], [e.count, e.lastTime]]));

  it('the restartedAt apply configures all three; the template annotation is on every new pod', () => {
    const d = at('40s');
    expect(d.kubectl.map((l) => [l.time, l.text])).toEqual([
      [s(10), 'statefulset.apps/db configured'],
      [s(10), 'statefulset.apps/par configured'],
      [s(10), 'statefulset.apps/one configured'],
      [s(30), 'statefulset.apps/one configured'],
    ]);
    const restarted = pods(d)
      .filter((p) => !p.metadata.name.startsWith('one-'))
      .map((p) => (p.metadata as { annotations?: Record<string, string> }).annotations?.['kubectl.kubernetes.io/restartedAt']);
    expect(restarted).toHaveLength(8);
    expect(new Set(restarted)).toEqual(new Set(['2026-01-01T00:00:10Z']));
  });

  it('OrderedReady, maxUnavailable 2: db-3 and db-2 deleted together, recreated in order, then db-1 and db-0 together', () => {
    expect(deletes('db')).toEqual([
      [s(10), 'delete Pod db-3 in StatefulSet db successful'],
      [s(10), 'delete Pod db-2 in StatefulSet db successful'],
      [s(13), 'delete Pod db-1 in StatefulSet db successful'],
      [s(13), 'delete Pod db-0 in StatefulSet db successful'],
    ]);
    // Both gone at 11 s: db-2 first, db-3 once db-2 is Running and Ready; db-0 then db-1 the same way.
    expect(recreated('db')).toEqual({ 'db-0': [2, s(14)], 'db-1': [2, s(15)], 'db-2': [2, s(11)], 'db-3': [2, s(12)] });
    const mid = obj(at('10500ms'), 'StatefulSet', 'db')!.status!;
    expect(mid).toMatchObject({ currentReplicas: 2, updatedReplicas: 0 });
    expect(mid.updateRevision).not.toBe(mid.currentRevision);
    expect(pods(at('10500ms')).filter((p) => p.metadata.name.startsWith('db-') && p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort()).toEqual(['db-2', 'db-3']);
  });

  it('Parallel, maxUnavailable 50% of 4 = 2: two deleted, both recreated at once, then the other two', () => {
    expect(deletes('par')).toEqual([
      [s(10), 'delete Pod par-3 in StatefulSet par successful'],
      [s(10), 'delete Pod par-2 in StatefulSet par successful'],
      [s(12), 'delete Pod par-1 in StatefulSet par successful'],
      [s(12), 'delete Pod par-0 in StatefulSet par successful'],
    ]);
    expect(recreated('par')).toEqual({ 'par-0': [2, s(13)], 'par-1': [2, s(13)], 'par-2': [2, s(11)], 'par-3': [2, s(11)] });
  });

  it('maxUnavailable 40% of 3 rounds down to 1: one pod at a time, highest ordinal first', () => {
    expect(deletes('one').filter(([t]) => (t as number) < s(30))).toEqual([
      [s(10), 'delete Pod one-2 in StatefulSet one successful'],
      [s(12), 'delete Pod one-1 in StatefulSet one successful'],
      [s(14), 'delete Pod one-0 in StatefulSet one successful'],
    ]);
  });

  it('with the gate the API server keeps maxUnavailable and defaults it to 1 (SetDefaults_StatefulSet), after partition', () => {
    expect(obj(at('40s'), 'StatefulSet', 'par')!.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: '50%' } });
    const gateOn = runEdited('foreground-workloads.yaml', (t) => t.replace(/^spec:\n/m, 'spec:\n  controlPlane: {maxUnavailableStatefulSet: true}\n'), '19s');
    expect(obj(gateOn, 'StatefulSet', 'db')!.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } });
  });

  it('without the gate (v1.36, the default): maxUnavailable dropped on write (dropDisabledFields), one pod at a time, partition the only default', () => {
    const off = runEdited('statefulset-max-unavailable.yaml', (t) => t.replace('  controlPlane: {maxUnavailableStatefulSet: true}\n', ''), '40s');
    for (const name of ['db', 'par', 'one']) expect(obj(off, 'StatefulSet', name)!.spec?.updateStrategy, name).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    // The v1.36 rolling update: the highest ordinal not yet updated, and only once every higher one is Running and Ready.
    const deleted = (set: string) => events(off, 'SuccessfulDelete', `StatefulSet/default/${set}`).filter((e) => e.time < s(30)).map((e) => [e.time, e.message.split(' ')[2]]);
    expect(deleted('db')).toEqual([[s(10), 'db-3'], [s(12), 'db-2'], [s(14), 'db-1'], [s(16), 'db-0']]);
    expect(deleted('par')).toEqual([[s(10), 'par-3'], [s(12), 'par-2'], [s(14), 'par-1'], [s(16), 'par-0']]);
    expect(obj(run('foreground-workloads.yaml', '19s'), 'StatefulSet', 'db')!.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  });

  it('every set ends on its new revision, all replicas current, updated and ready', () => {
    for (const [name, n] of [['db', 4], ['par', 4], ['one', 3]] as const) {
      const st = obj(at('40s'), 'StatefulSet', name)!.status!;
      // `one` was applied twice (the restart, then the rollback).
      expect(st, name).toMatchObject({ replicas: n, readyReplicas: n, availableReplicas: n, currentReplicas: n, updatedReplicas: n, observedGeneration: name === 'one' ? 3 : 2 });
      expect(st.currentRevision).toBe(st.updateRevision);
    }
  });
});

describe("a Node's spec.unschedulable set by kubectl apply instead of cordon, then set back to false", () => {
  const at = (until: string) => run('node-unschedulable-apply.yaml', until);
  const node = (until: string) => obj(at(until), 'Node', 'worker-2')!;
  const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
  const annotations = (o: { metadata: unknown }) => (o.metadata as { annotations?: Record<string, string> }).annotations ?? {};
  const labels = (o: { metadata: unknown }) => (o.metadata as { labels?: Record<string, string> }).labels ?? {};

  it("kubectl: the missing last-applied annotation warning (stderr) on the first apply only, `node/worker-2 configured` both times", () => {
    expect(at('60s').kubectl.map((l) => [l.time, l.stream, l.text])).toEqual([
      [
        s(10),
        'stderr',
        'Warning: resource nodes/worker-2 is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.',
      ],
      [s(10), 'stdout', 'node/worker-2 configured'],
      [s(20), 'stdout', 'pod/pinned created'],
      [s(40), 'stdout', 'node/worker-2 configured'],
    ]);
  });

  it('the patch keeps what the manifest does not name: the kubelet labels, the status; it adds the last-applied annotation', () => {
    const n = node('15s');
    expect(labels(n)).toEqual({ 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'worker-2', 'kubernetes.io/os': 'linux' });
    expect(JSON.parse(annotations(n)[LAST_APPLIED])).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { annotations: {}, labels: { 'kubernetes.io/hostname': 'worker-2' }, name: 'worker-2' },
      spec: { unschedulable: true },
    });
    expect(n.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it("cordon's consequences: the unschedulable taint at once, NodeNotSchedulable from the kubelet within 10 s, the scheduler's `were unschedulable`", () => {
    expect(node('15s').spec).toEqual({ unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:10Z' }] });
    const d = at('60s');
    const notSched = events(d, 'NodeNotSchedulable', 'Node//worker-2');
    expect(notSched.map((e) => [e.source, e.message])).toEqual([['kubelet', 'Node worker-2 status is now: NodeNotSchedulable']]);
    expect(notSched[0].time).toBeGreaterThan(s(10));
    expect(notSched[0].time).toBeLessThanOrEqual(s(20));
    expect(events(d, 'FailedScheduling', 'Pod/default/pinned').map((e) => [e.time, e.message])).toEqual([
      [s(20), "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."],
    ]);
    // The web pod already there keeps running.
    expect(pods(d).filter((p) => p.spec?.nodeName === 'worker-2' && p.metadata.name.startsWith('web-')).map((p) => [p.status?.phase, p.metadata.deletionTimestamp])).toEqual([['Running', undefined]]);
    expect(events(d, 'Killing')).toEqual([]);
  });

  it('unschedulable: false at 40 s: taint gone, the waiting pod binds there at once, NodeSchedulable within 10 s; false is not stored (omitempty)', () => {
    expect(node('60s').spec ?? {}).toEqual({});
    const d = at('60s');
    expect(events(d, 'Scheduled', 'Pod/default/pinned').map((e) => [e.time, e.message])).toEqual([[s(40), 'Successfully assigned default/pinned to worker-2']]);
    const sched = events(d, 'NodeSchedulable', 'Node//worker-2');
    expect(sched).toHaveLength(1);
    expect(sched[0].time).toBeGreaterThan(s(40));
    expect(sched[0].time).toBeLessThanOrEqual(s(50));
    expect(JSON.parse(annotations(node('60s'))[LAST_APPLIED]).spec).toEqual({ unschedulable: false });
  });
});

describe('a finished Deployment scaled up past what the cluster holds: no ProgressDeadlineExceeded (isCompleteDeployment)', () => {
  const d = () => run('scale-up-full-cluster.yaml', '5m');

  it('scaled 2 → 4 at 20 s; the two new pods Pending with the Insufficient cpu FitError', () => {
    const rs = d().objects.find((o) => o.kind === 'ReplicaSet')!.metadata.name;
    expect(events(d(), 'ScalingReplicaSet', 'Deployment/default/up').map((e) => [e.time, e.message])).toEqual([
      [0, `Scaled up replica set ${rs} from 0 to 2`],
      [s(20), `Scaled up replica set ${rs} from 2 to 4`],
    ]);
    const pending = pods(d()).filter((p) => !p.spec?.nodeName);
    expect(pending.map((p) => p.status?.phase)).toEqual(['Pending', 'Pending']);
    for (const p of pending) {
      expect(events(d(), 'FailedScheduling', `Pod/default/${p.metadata.name}`).map((e) => [e.time, e.message])).toEqual([
        [s(20), '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.'],
      ]);
    }
  });

  it('at 5 min: Progressing still True NewReplicaSetAvailable (last updated at 1 s), Available False since 20 s, 4 replicas, 2 available', () => {
    const dep = obj(d(), 'Deployment', 'up')!;
    expect(dep.status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 2 });
    const progressing = dep.status?.conditions?.find((c) => c.type === 'Progressing') as unknown as Record<string, string>;
    expect(progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: '2026-01-01T00:00:01Z' });
    expect(dep.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
      lastTransitionTime: '2026-01-01T00:00:20Z',
    });
    expect(d().events.filter((e) => e.message.includes('timed out progressing') || e.reason === 'ProgressDeadlineExceeded')).toEqual([]);
  });
});

describe('ControllerRevisions of StatefulSets and DaemonSets (`kubectl get controllerrevisions`)', () => {
  type CR = { metadata: { name: string; labels: Record<string, string>; creationTimestamp: string; ownerReferences: Record<string, unknown>[] }; revision: number; data: { spec: { template: Record<string, unknown> } } };
  const revisions = (d: ReturnType<typeof run>, owner: string) =>
    (d.objects.filter((o) => o.kind === 'ControllerRevision' && o.metadata.ownerReferences?.[0]?.name === owner) as unknown as CR[]).sort((a, b) => a.revision - b.revision);

  it('a StatefulSet: revision 1 at creation, 2 at the template change, named as the pods\' controller-revision-hash and status.updateRevision', () => {
    const d = run('statefulset-max-unavailable.yaml', '40s');
    const set = obj(d, 'StatefulSet', 'db')!;
    const crs = revisions(d, 'db');
    expect(crs.map((r) => [r.revision, r.metadata.creationTimestamp])).toEqual([
      [1, '2026-01-01T00:00:00Z'],
      [2, '2026-01-01T00:00:10Z'],
    ]);
    const [first, second] = crs;
    expect(second.metadata.name).toBe(set.status!.updateRevision);
    expect(new Set(pods(d).filter((p) => p.metadata.name.startsWith('db-')).map((p) => ((p.metadata as { labels?: Record<string, string> }).labels ?? {})['controller-revision-hash']))).toEqual(new Set([second.metadata.name]));
    for (const r of crs) {
      expect(r.metadata.labels).toEqual({ app: 'db', 'controller.kubernetes.io/hash': r.metadata.name.slice('db-'.length) });
      expect(r.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(r.data.spec.template.$patch).toBe('replace');
    }
    expect(first.data.spec.template.metadata).toEqual({ labels: { app: 'db' } });
    expect(second.data.spec.template.metadata).toEqual({ labels: { app: 'db' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:10Z' } });
  });

  it('a rollback to the first template raises its revision to 3 instead of creating another', () => {
    const d = run('statefulset-max-unavailable.yaml', '40s');
    const crs = revisions(d, 'one');
    expect(crs.map((r) => [r.metadata.creationTimestamp, r.revision])).toEqual([
      ['2026-01-01T00:00:10Z', 2],
      ['2026-01-01T00:00:00Z', 3],
    ]);
    expect(crs[1].data.spec.template.metadata).toEqual({ labels: { app: 'one' } });
    expect(obj(d, 'StatefulSet', 'one')!.status).toMatchObject({ updateRevision: crs[1].metadata.name, currentRevision: crs[1].metadata.name, updatedReplicas: 3 });
  });

  it('a DaemonSet: `<ds>-<hash>` labelled controller-revision-hash as its pods; gone with the DaemonSet in a foreground deletion', () => {
    const d = run('foreground-workloads.yaml', '19s');
    const [cr, ...rest] = revisions(d, 'agent');
    expect(rest).toEqual([]);
    const hashes = new Set(pods(d).filter((p) => p.metadata.name.startsWith('agent-')).map((p) => ((p.metadata as { labels?: Record<string, string> }).labels ?? {})['controller-revision-hash']));
    expect(hashes.size).toBe(1);
    const [hash] = hashes;
    expect(cr.metadata.name).toBe(`agent-${hash}`);
    expect(cr.revision).toBe(1);
    expect(cr.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': hash });
    expect(revisions(d, 'db')).toHaveLength(1);
    // The collector deletes them with the other dependents (background: they own nothing).
    expect(run('foreground-workloads.yaml', '80s').objects.filter((o) => o.kind === 'ControllerRevision')).toEqual([]);
  });
});
