/**
 * Held-out timelines (round 32, life32, second part): memory pressure and OOMKilled meeting a
 * power loss, a drain, kubelet admission, a Job's backoffLimit and a rollout's progress deadline;
 * an unpullable image under activeDeadlineSeconds; a probed pod back from a long power loss.
 * Sources and derivations in each fixture's header.
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));
type CS = { ready: boolean; restartCount: number; state: Record<string, Record<string, unknown>>; lastState: Record<string, Record<string, unknown>> };
const cs = (p: Obj | undefined) => (p?.status?.containerStatuses as CS[] | undefined)?.[0];
const node1 = (d: Doc) => obj(d, 'Node', 'worker-1');
const taints = (d: Doc) => (node1(d)?.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}@${t.timeAdded}`);
const cond = (o: Obj | undefined, type: string) => {
  const c = condition(o, type);
  return [c?.status, c?.reason, c?.lastTransitionTime];
};
const LOW = (available: string, rest = '') => `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${available}. ${rest}`;

describe('a node under memory pressure loses power, then comes back (memory-pressure-node-kill.yaml)', () => {
  const d = () => run('memory-pressure-node-kill.yaml', '300s');

  it('pressure from 10 s, posted and tainted at 20 s; the critical hog is never evicted', () => {
    const early = run('memory-pressure-node-kill.yaml', '59s');
    expect(cond(node1(early), 'MemoryPressure')).toEqual(['True', 'KubeletHasInsufficientMemory', '2026-01-01T00:00:20Z']);
    expect(taints(early)).toEqual(['node.kubernetes.io/memory-pressure:NoSchedule@2026-01-01T00:00:20Z']);
    expect(events(d(), 'Evicted')).toEqual([]);
    expect(events(d(), 'EvictionThresholdMet').map((e) => [e.firstTime, e.lastTime, e.count])[0]).toEqual([s(10), s(50), 5]);
  });

  it('NotReady at 110 s: MemoryPressure Unknown, its taint replaced by the unreachable ones', () => {
    const dead = run('memory-pressure-node-kill.yaml', '120s');
    expect(cond(node1(dead), 'MemoryPressure')).toEqual(['Unknown', 'NodeStatusUnknown', '2026-01-01T00:01:50Z']);
    expect(condition(node1(dead), 'MemoryPressure')?.message).toBe('Kubelet stopped posting node status.');
    expect(taints(dead)).toEqual(['node.kubernetes.io/unreachable:NoSchedule@2026-01-01T00:01:50Z', 'node.kubernetes.io/unreachable:NoExecute@2026-01-01T00:01:55Z']);
  });

  it('back at 200 s: MemoryPressure False from the new kubelet, pressure seen again at 210 s and posted at 220 s', () => {
    expect(one(d(), 'TaintManagerEviction', 'Pod/default/hog')).toMatchObject({ time: s(200), message: 'Cancelling deletion of Pod default/hog' });
    expect(cond(node1(run('memory-pressure-node-kill.yaml', '215s')), 'MemoryPressure')).toEqual(['False', 'KubeletHasSufficientMemory', '2026-01-01T00:03:20Z']);
    expect(events(d(), 'EvictionThresholdMet').map((e) => e.firstTime)).toEqual([s(10), s(210)]);
    expect(events(d(), 'NodeHasInsufficientMemory').map((e) => [e.firstTime, e.lastTime])).toEqual([[s(20), s(20)], [s(220), s(220)]]);
    expect(cond(node1(d()), 'MemoryPressure')).toEqual(['True', 'KubeletHasInsufficientMemory', '2026-01-01T00:03:40Z']);
    expect(taints(d())).toEqual(['node.kubernetes.io/memory-pressure:NoSchedule@2026-01-01T00:03:40Z']);
    expect(cs(obj(d(), 'Pod', 'hog'))).toMatchObject({ restartCount: 1, state: { running: { startedAt: '2026-01-01T00:03:21Z' } } });
  });
});

describe('a drain of a node under memory pressure (memory-pressure-drain.yaml)', () => {
  const d = () => run('memory-pressure-drain.yaml', '340s');
  const msg = LOW('48Mi', 'Container cache was using 1000Mi, request is 900Mi, has larger consumption of memory. ');

  it('one eviction per synchronize: 10 s, then 21 s after the cleanup wait', () => {
    expect(events(d(), 'Evicted').map((e) => [e.time, e.type, e.message])).toEqual([
      [s(10), 'Warning', msg],
      [s(21), 'Warning', msg],
    ]);
    const replacements = owned(run('memory-pressure-drain.yaml', '25s'), 'cache-').filter((p) => ts(p.metadata.creationTimestamp) > 0);
    expect(replacements.map((p) => [ts(p.metadata.creationTimestamp), p.spec?.nodeName])).toEqual([[s(10), 'worker-1'], [s(21), 'worker-2']]);
  });

  it('the drain takes the Failed pods at once and the running one after it exits', () => {
    const lines = d().kubectl.map((k) => [k.time / 1000, k.text.replace(/cache-[a-z0-9]+-[a-z0-9]+/, 'POD')]);
    expect(lines.filter(([, t]) => t === 'pod/POD evicted').map(([time]) => time)).toEqual([30, 30, 32]);
    expect(lines.filter(([, t]) => t === 'evicting pod default/POD')).toHaveLength(3);
    expect(lines.at(-1)).toEqual([32, 'node/worker-1 drained']);
    expect(owned(d(), 'cache-').map((p) => [p.spec?.nodeName, p.status?.phase])).toEqual([['worker-2', 'Running'], ['worker-2', 'Running']]);
  });

  it('MemoryPressure clears 5 min after the threshold was last met (330 s), taking its taint; the cordon stays', () => {
    expect(cond(node1(run('memory-pressure-drain.yaml', '329s')), 'MemoryPressure')[0]).toBe('True');
    expect(cond(node1(d()), 'MemoryPressure')).toEqual(['False', 'KubeletHasSufficientMemory', '2026-01-01T00:05:30Z']);
    expect(taints(d())).toEqual(['node.kubernetes.io/unschedulable:NoSchedule@2026-01-01T00:00:30Z']);
  });
});

describe('pods arriving at a node under memory pressure (besteffort-pressure-admission.yaml)', () => {
  const d = () => run('besteffort-pressure-admission.yaml', '60s');

  it('the BestEffort pod bound by nodeName is rejected by the eviction manager\'s admission', () => {
    expect(obj(d(), 'Pod', 'pinned')?.status).toMatchObject({ phase: 'Failed', reason: 'Evicted', message: 'Pod was rejected: The node had condition: [MemoryPressure]. ' });
    expect(one(d(), 'Evicted', 'Pod/default/pinned')).toMatchObject({ time: s(30), type: 'Warning', message: 'The node had condition: [MemoryPressure]. ' });
  });

  it('the Burstable pod is admitted, then evicted first (lower priority than the critical hog), with no container part', () => {
    expect(cs(obj(run('besteffort-pressure-admission.yaml', '35s'), 'Pod', 'burstable'))?.state.running).toBeDefined();
    expect(one(d(), 'Evicted', 'Pod/default/burstable')).toMatchObject({ time: s(40), message: LOW('58Mi') });
    expect(obj(d(), 'Pod', 'burstable')?.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
    expect(obj(d(), 'Pod', 'hog')?.status?.phase).toBe('Running');
  });

  it('the Deployment\'s BestEffort pod is kept off the tainted node by the scheduler', () => {
    expect(owned(d(), 'free-').map((p) => [p.spec?.nodeName, p.status?.phase])).toEqual([['worker-2', 'Running']]);
  });
});

describe('OOMKilled Job pods under backoffLimit, beside a node loss (oom-job-backoff-node-kill.yaml)', () => {
  const d = () => run('oom-job-backoff-node-kill.yaml', '400s');

  it('Never: three OOMKilled pods 10 s and 20 s apart, then BackoffLimitExceeded', () => {
    expect(events(d(), 'SuccessfulCreate', 'Job/default/oom').map((e) => e.time)).toEqual([0, s(12), s(34)]);
    const done = owned(d(), 'oom-').map((p) => cs(p)?.state.terminated).sort((a, b) => String(a?.finishedAt).localeCompare(String(b?.finishedAt)));
    expect(done.map((t) => [t?.exitCode, t?.reason, t?.finishedAt])).toEqual([
      [137, 'OOMKilled', '2026-01-01T00:00:02Z'],
      [137, 'OOMKilled', '2026-01-01T00:00:14Z'],
      [137, 'OOMKilled', '2026-01-01T00:00:36Z'],
    ]);
    expect(one(d(), 'BackoffLimitExceeded', 'Job/default/oom')).toMatchObject({ time: s(37), type: 'Warning', message: 'Job has reached the specified backoff limit' });
    expect(cond(obj(d(), 'Job', 'oom'), 'Failed')).toEqual(['True', 'BackoffLimitExceeded', '2026-01-01T00:00:37Z']);
  });

  it('OnFailure: one restart before the node dies (1 < 2), so the Job does not fail; the replacement has nowhere to go', () => {
    expect(cs(owned(run('oom-job-backoff-node-kill.yaml', '5s'), 'retry-')[0])?.restartCount).toBe(1);
    expect(condition(obj(d(), 'Job', 'retry'), 'Failed')).toBeUndefined();
    expect(events(d(), 'SuccessfulCreate', 'Job/default/retry').map((e) => e.time)).toEqual([0, s(356.1)]);
    const pending = owned(d(), 'retry-').find((p) => !p.spec?.nodeName)!;
    expect(one(d(), 'FailedScheduling', `Pod/default/${pending.metadata.name}`).message).toContain("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s).");
    expect(obj(d(), 'Job', 'retry')?.status).toMatchObject({ failed: 1, terminating: 1 });
  });
});

describe('a rollout whose new template OOMs, past its progress deadline, then fixed (oom-rollout-deadline.yaml)', () => {
  const d = () => run('oom-rollout-deadline.yaml', '150s');
  const oldRs = () => owned(run('oom-rollout-deadline.yaml', '10s'), 'web-')[0].metadata.ownerReferences![0].name;
  const progressing = (t: string) => cond(obj(run('oom-rollout-deadline.yaml', t), 'Deployment', 'web'), 'Progressing');

  it('the new set stays at 1 (maxUnavailable 0); deadline at 51 s; the revert scales it 1 → 0', () => {
    const scaling = events(d(), 'ScalingReplicaSet').map((e) => [e.time / 1000, e.message.replace(/web-[a-z0-9]+/, (m) => (m === oldRs() ? 'OLD' : 'NEW'))]);
    expect(scaling).toEqual([
      [0, 'Scaled up replica set OLD from 0 to 3'],
      [20, 'Scaled up replica set NEW from 0 to 1'],
      [100, 'Scaled down replica set NEW from 1 to 0'],
    ]);
    expect(progressing('50s')).toEqual(['True', 'ReplicaSetUpdated', '2026-01-01T00:00:00Z']);
    expect(progressing('51s')).toEqual(['False', 'ProgressDeadlineExceeded', '2026-01-01T00:00:51Z']);
    expect(condition(obj(run('oom-rollout-deadline.yaml', '51s'), 'Deployment', 'web'), 'Progressing')?.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
    expect(cond(obj(run('oom-rollout-deadline.yaml', '99s'), 'Deployment', 'web'), 'Available')).toEqual(['True', 'MinimumReplicasAvailable', '2026-01-01T00:00:01Z']);
  });

  it('the new pod: OOMKilled 1 s after each start, restarted at once, then after 10, 20 and 40 s back-offs; never Ready, never probed', () => {
    const fresh = (at: string) => owned(run('oom-rollout-deadline.yaml', at), 'web-').find((p) => p.metadata.ownerReferences![0].name !== oldRs());
    const finished = (at: string) => ts(cs(fresh(at))?.lastState.terminated?.finishedAt as string);
    const [a, b, c] = [finished('30s'), finished('45s'), finished('90s')];
    expect([cs(fresh('30s'))?.restartCount, cs(fresh('45s'))?.restartCount, cs(fresh('90s'))?.restartCount]).toEqual([1, 2, 3]);
    // Each next run starts once the back-off from the last exit has passed, and lasts 1 s.
    expect([b - a, c - b]).toEqual([s(10 + 2), s(20 + 2)]);
    expect(cs(fresh('90s'))).toMatchObject({ ready: false, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } });
    expect(cs(fresh('90s'))?.state.waiting).toMatchObject({ reason: 'CrashLoopBackOff', message: expect.stringMatching(/^back-off 40s restarting failed container=app pod=web-/) });
    expect(events(d(), 'Unhealthy')).toEqual([]);
  });

  it('after the revert: Progressing True NewReplicaSetAvailable at 100 s, 3 of 3 available', () => {
    expect(progressing('101s')).toEqual(['True', 'NewReplicaSetAvailable', '2026-01-01T00:01:40Z']);
    expect(condition(obj(d(), 'Deployment', 'web'), 'Progressing')?.message).toBe(`ReplicaSet "${oldRs()}" has successfully progressed.`);
    expect(obj(d(), 'Deployment', 'web')?.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });
});

describe('a Job whose image cannot be pulled, ended by activeDeadlineSeconds (image-pull-job-deadline.yaml)', () => {
  const d = () => run('image-pull-job-deadline.yaml', '120s');
  const pod = () => `Pod/default/${owned(run('image-pull-job-deadline.yaml', '30s'), 'fetch-')[0].metadata.name}`;

  it('pulls at 1, 11, 31 s with back-off between; the pod stays Pending and never fails by itself', () => {
    expect(one(d(), 'Pulling', pod())).toMatchObject({ count: 3, firstTime: s(1), lastTime: s(31) });
    expect(one(d(), 'BackOff', pod())).toMatchObject({ count: 3, firstTime: s(21), lastTime: s(51) });
    expect(owned(run('image-pull-job-deadline.yaml', '59s'), 'fetch-')[0].status?.phase).toBe('Pending');
  });

  it('at 60 s the pod is deleted and the Job Failed DeadlineExceeded once it is gone', () => {
    expect(one(d(), 'SuccessfulDelete', 'Job/default/fetch')).toMatchObject({ time: s(60), message: `Deleted pod: ${pod().split('/')[2]}` });
    expect(one(d(), 'DeadlineExceeded', 'Job/default/fetch')).toMatchObject({ time: s(62), type: 'Warning', message: 'Job was active longer than specified deadline' });
    const job = obj(d(), 'Job', 'fetch');
    expect(cond(job, 'FailureTarget')).toEqual(['True', 'DeadlineExceeded', '2026-01-01T00:01:00Z']);
    expect(cond(job, 'Failed')).toEqual(['True', 'DeadlineExceeded', '2026-01-01T00:01:02Z']);
    expect(job?.status).toMatchObject({ active: 0, failed: 1 });
    expect(pods(d())).toEqual([]);
  });
});

describe('a probed pod back from a long power loss keeps its image (probe-image-restore.yaml)', () => {
  const d = () => run('probe-image-restore.yaml', '300s');

  it('no second pull; the eviction is cancelled; the dead container shows 255/Unknown', () => {
    expect(one(d(), 'Pulling', 'Pod/default/api').count).toBe(1);
    const pulled = events(d(), 'Pulled', 'Pod/default/api');
    expect(pulled.map((e) => e.time)).toEqual([s(21), s(201)]);
    expect(pulled[0].message).toMatch(/^Successfully pulled image "api:3" in 20s \(20s including waiting\)\./);
    expect(pulled[1].message).toBe('Container image "api:3" already present on machine and can be accessed by the pod');
    expect(one(d(), 'NodeNotReady', 'Pod/default/api').time).toBe(s(110));
    expect(one(d(), 'TaintManagerEviction', 'Pod/default/api')).toMatchObject({ time: s(200), message: 'Cancelling deletion of Pod default/api' });
    expect(cs(obj(d(), 'Pod', 'api'))).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 255, reason: 'Unknown' } } });
  });

  it('Ready again at the first probe after initialDelaySeconds, within one period of jitter', () => {
    const ready = ts(condition(obj(d(), 'Pod', 'api'), 'Ready')?.lastTransitionTime);
    expect(ready).toBeGreaterThanOrEqual(s(206));
    expect(ready).toBeLessThanOrEqual(s(216));
    expect(condition(obj(run('probe-image-restore.yaml', '205s'), 'Pod', 'api'), 'Ready')?.status).toBe('False');
  });
});
