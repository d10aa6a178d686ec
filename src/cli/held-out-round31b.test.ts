/**
 * Held-out timelines (round 31, second part): graceful termination with a force delete, a node
 * loss mid-termination and a drained Job; ResourceQuota with a terminating pod, a scale-up past
 * the quota and LimitRange defaults; each a scenario in ./run-cases played through
 * `podscape run FILE --until T --output json` and checked against upstream (sources in each
 * fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));
const created = (p: Obj) => ts(p.metadata.creationTimestamp);
const running = (p: Obj | undefined) => (p?.status?.containerStatuses as { state: { running?: unknown } }[] | undefined)?.[0]?.state.running !== undefined;
const used = (d: Doc, name: string) => (obj(d, 'ResourceQuota', name)?.status as { used?: Record<string, string> } | undefined)?.used;
const forbidden = (name: string, rest: string) => new RegExp(`^Error creating: pods "${name}-[a-z0-9]{5}" is forbidden: ${rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('a StatefulSet pod stuck in its grace period, then force-deleted (sigterm-force-delete-statefulset.yaml)', () => {
  const d = () => run('sigterm-force-delete-statefulset.yaml', '60s');

  it('after kubectl delete, db-0 is Terminating, still Running and Ready, and the StatefulSet creates nothing', () => {
    const db0 = obj(run('sigterm-force-delete-statefulset.yaml', '29s'), 'Pod', 'db-0')!;
    expect([db0.metadata.deletionTimestamp, db0.metadata.deletionGracePeriodSeconds]).toEqual(['2026-01-01T00:01:20Z', 60]);
    expect(created(db0)).toBe(0);
    expect([db0.status?.phase, condition(db0, 'Ready')?.status, running(db0)]).toEqual(['Running', 'True', true]);
    expect(one(d(), 'Killing', 'Pod/default/db-0')).toMatchObject({ time: s(20), message: 'Stopping container db' });
  });

  it('the force delete frees the name: db-0 created again at 30 s, running at 31 s', () => {
    expect(d().kubectl.filter((k) => k.time === s(30)).map((k) => [k.stream, k.text])).toEqual([
      ['stderr', 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.'],
      ['stdout', 'pod "db-0" force deleted'],
    ]);
    const db0 = obj(d(), 'Pod', 'db-0')!;
    expect([created(db0), db0.metadata.deletionTimestamp, ts(condition(db0, 'Ready')?.lastTransitionTime)]).toEqual([s(30), undefined, s(31)]);
    const row = events(d(), 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message === 'create Pod db-0 in StatefulSet db successful');
    expect(row).toMatchObject({ count: 2, firstTime: 0, lastTime: s(30) });
  });
});

describe('a node lost while a pod on it is terminating (sigterm-node-kill-mid-termination.yaml)', () => {
  const d = () => run('sigterm-node-kill-mid-termination.yaml', '440s');

  it('nothing confirms the deletion: slow stays Terminating long past its deletionTimestamp', () => {
    const slow = obj(d(), 'Pod', 'slow')!;
    expect([slow.metadata.deletionTimestamp, slow.metadata.deletionGracePeriodSeconds, slow.status?.phase]).toEqual(['2026-01-01T00:01:20Z', 60, 'Running']);
    expect(running(slow)).toBe(true);
  });

  it('NodeNotReady marks both not ready; the taint manager marks both, keeping slow\'s earlier deletion time', () => {
    for (const p of ['slow', 'bystander']) {
      expect(one(d(), 'NodeNotReady', `Pod/default/${p}`)).toMatchObject({ time: s(80), type: 'Warning', message: 'Node is not ready' });
      expect(one(d(), 'TaintManagerEviction', `Pod/default/${p}`)).toMatchObject({ time: s(385.1), message: `Marking for deletion Pod default/${p}` });
      const pod = obj(d(), 'Pod', p);
      expect([condition(pod, 'Ready')?.status, ts(condition(pod, 'Ready')?.lastTransitionTime)]).toEqual(['False', s(80)]);
      expect(condition(pod, 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
    }
    expect(obj(d(), 'Pod', 'slow')?.metadata.deletionTimestamp).toBe('2026-01-01T00:01:20Z');
    expect(obj(d(), 'Pod', 'bystander')?.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:06:55Z', deletionGracePeriodSeconds: 30 });
  });

  it('only the kubelet\'s return finishes them', () => {
    expect(pods(run('sigterm-node-kill-mid-termination.yaml', '449s'))).toHaveLength(2);
    expect(pods(run('sigterm-node-kill-mid-termination.yaml', '452s'))).toEqual([]);
  });
});

describe('a drained Job pod that exits 0 on SIGTERM completes its Job (job-sigterm-exit0-drained.yaml)', () => {
  const d = () => run('job-sigterm-exit0-drained.yaml', '60s');

  it('graceful: succeeded 1 and Complete at 22 s, the Ignore rule never consulted', () => {
    const job = obj(d(), 'Job', 'graceful')!;
    expect(job.status).toMatchObject({ succeeded: 1, failed: 0, active: 0 });
    expect([condition(job, 'Complete')?.reason, ts(condition(job, 'Complete')?.lastTransitionTime)]).toEqual(['CompletionsReached', s(22)]);
    expect(one(d(), 'Completed', 'Job/default/graceful')).toMatchObject({ time: s(22), message: 'Job completed' });
    expect(events(d(), 'SuccessfulCreate', 'Job/default/graceful')).toHaveLength(1);
  });

  it('plain: exits 143, fails the Job (BackoffLimitExceeded)', () => {
    const job = obj(d(), 'Job', 'plain')!;
    expect(job.status).toMatchObject({ succeeded: 0, failed: 1 });
    expect(condition(job, 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(events(d(), 'Completed', 'Job/default/plain')).toEqual([]);
  });
});

describe('a replacement refused by quota while its predecessor terminates (quota-terminating-replacement.yaml)', () => {
  const d = () => run('quota-terminating-replacement.yaml', '80s');
  const rsName = () => owned(d(), 'web-')[0].metadata.ownerReferences![0].name;

  it('the terminating pod is still charged: the replacement is refused at 20 s and on each retry', () => {
    const failed = events(d(), 'FailedCreate', `ReplicaSet/team/${rsName()}`);
    expect(failed[0]).toMatchObject({ time: s(20), type: 'Warning' });
    for (const e of failed) expect(e.message).toMatch(/exceeded quota: pods, requested: pods=1, used: pods=3, limited: pods=3$/);
    expect(failed[0].message).toMatch(forbidden('web-[a-z0-9]+', 'exceeded quota: pods, requested: pods=1, used: pods=3, limited: pods=3'));
    // The rate limiter's back-off: 5 ms, doubling.
    expect(failed.slice(1, 4).map((e) => e.time - s(20))).toEqual([5, 15, 35]);
    const mid = run('quota-terminating-replacement.yaml', '49s');
    expect(owned(mid, 'web-')).toHaveLength(3);
    expect(used(mid, 'pods')).toEqual({ pods: '3' });
    expect(condition(obj(mid, 'ReplicaSet', rsName()), 'ReplicaFailure')?.reason).toBe('FailedCreate');
  });

  it('the replacement is created when the old pod is gone at 50 s, and ReplicaFailure is dropped', () => {
    const fresh = owned(d(), 'web-').filter((p) => created(p) > 0);
    expect(fresh.map(created)).toEqual([s(50)]);
    expect(owned(d(), 'web-')).toHaveLength(3);
    expect(used(d(), 'pods')).toEqual({ pods: '3' });
    expect(condition(obj(d(), 'ReplicaSet', rsName()), 'ReplicaFailure')).toBeUndefined();
  });
});

describe('a Deployment scaled past its namespace\'s pod quota (quota-scale-up.yaml)', () => {
  const d = () => run('quota-scale-up.yaml', '110s');
  const rsName = () => owned(d(), 'web-')[0].metadata.ownerReferences![0].name;
  const EXCEEDED = 'exceeded quota: compute, requested: pods=1, used: pods=4, limited: pods=4';

  it('slowStartBatch: batch 1 creates the 4th pod, batch 2 is refused twice', () => {
    const at20 = d().events.filter((e) => e.time === s(20) && e.object === `ReplicaSet/team/${rsName()}`);
    expect(at20.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(1);
    const failed = at20.filter((e) => e.reason === 'FailedCreate');
    // Two from the sync's second batch; one more from the sync the new pod's events queue at once.
    expect(failed).toHaveLength(3);
    for (const e of failed) expect(e.message).toMatch(forbidden('web-[a-z0-9]+', EXCEEDED));
    expect(new Set(failed.map((e) => e.message)).size).toBe(3);
  });

  it('ReplicaFailure on the ReplicaSet and the Deployment; nothing more until the quota frees', () => {
    const mid = run('quota-scale-up.yaml', '59s');
    expect(owned(mid, 'web-')).toHaveLength(3);
    const rsCond = condition(obj(mid, 'ReplicaSet', rsName()), 'ReplicaFailure');
    expect([rsCond?.status, rsCond?.reason, ts(rsCond?.lastTransitionTime)]).toEqual(['True', 'FailedCreate', s(20)]);
    expect(rsCond?.message).toMatch(new RegExp(`^pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: ${EXCEEDED}$`));
    const depCond = condition(obj(mid, 'Deployment', 'web'), 'ReplicaFailure');
    expect([depCond?.status, depCond?.reason, depCond?.message]).toEqual(['True', 'FailedCreate', rsCond?.message]);
  });

  it('deleting the bare pod is not the ReplicaSet\'s event: its next back-off retry creates a 4th web pod; the other two stay refused', () => {
    const fresh = owned(d(), 'web-').filter((p) => created(p) > s(20));
    expect(fresh).toHaveLength(1);
    // Not at the deletion (60 s) but at the back-off's next retry: client-go's 5 ms × 2^n after the
    // 13 failed syncs at 20 s (2), 20.005 … 20.625 s (6), 21 s (the pod's Ready event), 21.265,
    // 23.825, 28.945, 39.185 and 59.665 s; the 14th waits 5 ms × 2^13 = 40.96 s (round 32).
    const later = events(d(), 'SuccessfulCreate', `ReplicaSet/team/${rsName()}`).filter((e) => e.time > s(20));
    expect(later.map((e) => e.message)).toEqual([`Created pod: ${fresh[0].metadata.name}`]);
    const at = later[0].time;
    expect(at).toBe(s(59.665 + 40.96));
    expect(owned(d(), 'web-')).toHaveLength(4);
    expect(used(d(), 'compute')).toEqual({ pods: '4' });
    expect(events(d(), 'FailedCreate').at(-1)!.lastTime).toBeGreaterThan(at);
  });
});

describe('LimitRange defaults feed a quota that asks for requests and limits (limit-range-quota-deployment.yaml)', () => {
  const d = () => run('limit-range-quota-deployment.yaml', '30s');

  it('each pod gets the defaults and the annotation; the template keeps none', () => {
    const web = owned(d(), 'web-');
    expect(web).toHaveLength(4);
    for (const p of web) {
      expect((p.spec as unknown as { containers: { resources: unknown }[] }).containers[0].resources).toEqual({ limits: { cpu: '400m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } });
      expect((p.metadata as { annotations?: Record<string, string> }).annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
    }
    const rs = d().objects.find((o) => o.kind === 'ReplicaSet')!;
    expect(JSON.stringify(rs.spec?.template)).not.toContain('resources');
  });

  it('quota charges the defaulted values; the 5th pod exceeds both resources', () => {
    expect(used(d(), 'compute')).toEqual({ 'limits.memory': '512Mi', 'requests.cpu': '1' });
    const failed = events(d(), 'FailedCreate');
    expect(failed[0].time).toBe(s(10));
    expect(failed[0].message).toMatch(
      forbidden('web-[a-z0-9]+', 'exceeded quota: compute, requested: limits.memory=128Mi,requests.cpu=250m, used: limits.memory=512Mi,requests.cpu=1, limited: limits.memory=512Mi,requests.cpu=1'),
    );
    expect(failed.every((e) => !e.message.includes('must specify'))).toBe(true);
  });
});
