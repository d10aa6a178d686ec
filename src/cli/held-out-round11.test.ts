/**
 * Held-out timelines (round 11): what rounds 9 and 10 left, each a scenario in ./run-cases
 * played through `podscape run FILE --until T --output json` and checked as an outside
 * reviewer would against upstream (shared/reference/lifecycle.md §n, and upstream source where
 * the reference is silent, named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, sec, ts, type Doc, type Obj } from './held-out';

const COMBINED = '(combined from similar events): ';

describe("client-go's event correlator: similar events combined, the spam filter (tools/record/events_cache.go)", () => {
  const d = () => run('similar-events.yaml', '3m');
  const rows = (reason: string, object: string) => events(d(), reason, object);
  const rsNames = () => d().objects.filter((o) => o.kind === 'ReplicaSet').sort((a, b) => ts(a.metadata.creationTimestamp) - ts(b.metadata.creationTimestamp)).map((o) => o.metadata.name);

  it('writes the first nine `Created pod` events of a ReplicaSet as rows of their own and the rest as one combined row with the newest message', () => {
    const [old, current] = rsNames();
    const created = rows('SuccessfulCreate', `ReplicaSet/default/${old}`);
    expect(created).toHaveLength(10);
    for (const e of created.slice(0, 9)) expect(e).toMatchObject({ count: 1, firstTime: 0, lastTime: 0, source: 'replicaset-controller', type: 'Normal' });
    expect(new Set(created.slice(0, 9).map((e) => e.message)).size).toBe(9);
    expect(created[9]).toMatchObject({ count: 6, firstTime: 0, lastTime: 0 });
    expect(created[9].message).toMatch(new RegExp(`^\\(combined from similar events\\): Created pod: ${old}-[a-z0-9]{5}$`));
    // The new ReplicaSet: 7 pods at 60 s, 8 more at 61–62 s; the 10th (at 61 s) opens the combined row.
    const made = rows('SuccessfulCreate', `ReplicaSet/default/${current}`);
    expect(made).toHaveLength(10);
    expect(made.slice(0, 9).every((e) => !e.message.startsWith(COMBINED) && e.count === 1)).toBe(true);
    expect(made[9]).toMatchObject({ count: 6, firstTime: s(61), lastTime: s(62) });
    const newest = pods(d())
      .filter((p) => p.metadata.ownerReferences?.[0]?.name === current)
      .sort((a, b) => ts(a.metadata.creationTimestamp) - ts(b.metadata.creationTimestamp) || 0)
      .at(-1)!;
    expect(made[9].message).toBe(`${COMBINED}Created pod: ${newest.metadata.name}`);
  });

  it('stops writing the old ReplicaSet\'s events after 25 (the spam filter): five of its 15 deletions leave no row', () => {
    const [old] = rsNames();
    const deleted = rows('SuccessfulDelete', `ReplicaSet/default/${old}`);
    // 15 creations spent 15 of the 25 tokens: 9 rows, then the 10th similar event combined, then nothing.
    expect(deleted).toHaveLength(10);
    expect(deleted.slice(0, 9).every((e) => e.count === 1 && e.message.startsWith('Deleted pod: '))).toBe(true);
    expect(deleted[9]).toMatchObject({ count: 1, firstTime: s(61) });
    expect(deleted[9].message.startsWith(`${COMBINED}Deleted pod: ${old}-`)).toBe(true);
    expect(deleted.filter((e) => e.firstTime >= s(62))).toEqual([]);
    // ... although all 15 pods went.
    expect(pods(d()).filter((p) => p.metadata.ownerReferences?.[0]?.name === old)).toEqual([]);
    expect(obj(d(), 'ReplicaSet', old)?.status).toMatchObject({ replicas: 0 });
  });

  it('leaves what stays under the thresholds alone: the Deployment\'s eight scaling steps, and the scheduler\'s events (events.k8s.io, no aggregator)', () => {
    const scaling = rows('ScalingReplicaSet', 'Deployment/default/web');
    expect(scaling).toHaveLength(8);
    expect(scaling.every((e) => !e.message.startsWith(COMBINED))).toBe(true);
    const scheduled = events(d(), 'Scheduled');
    expect(scheduled).toHaveLength(30);
    expect(scheduled.every((e) => e.count === 1 && e.message.startsWith('Successfully assigned default/web-'))).toBe(true);
  });
});

/** A condition as it reads in the output, with its times as virtual ms. */
const cond = (o: Obj | undefined, type: string) => {
  const c = condition(o, type);
  return c && { ...c, lastTransitionTime: ts(c.lastTransitionTime), lastUpdateTime: ts((c as { lastUpdateTime?: string }).lastUpdateTime) };
};

describe('status fields through a node loss: Node, Pod, Deployment, ReplicaSet, PodDisruptionBudget (§1.2, §3.1, §5.3)', () => {
  const at = (until: string) => run('status-node-loss.yaml', until);
  const notReadyAt = () => one(at('90s'), 'NodeNotReady', 'Node//worker-2').firstTime;
  const lost = (d: Doc) => pods(d).filter((p) => p.spec?.nodeName === 'worker-2');
  const rsName = (d: Doc) => d.objects.find((o) => o.kind === 'ReplicaSet')!.metadata.name;

  it('before the grace period runs out nothing has changed: 6 available, both budgets allow one disruption', () => {
    const d = at('60s');
    expect(obj(d, 'Deployment', 'web')?.status).toMatchObject({ replicas: 6, updatedReplicas: 6, readyReplicas: 6, availableReplicas: 6, unavailableReplicas: 0 });
    expect(cond(obj(d, 'Deployment', 'web'), 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    for (const name of ['web-max', 'web-min']) {
      expect(obj(d, 'PodDisruptionBudget', name)?.status).toMatchObject({ currentHealthy: 6, desiredHealthy: 5, disruptionsAllowed: 1, expectedPods: 6 });
      expect(cond(obj(d, 'PodDisruptionBudget', name), 'DisruptionAllowed')).toMatchObject({ status: 'True', reason: 'SufficientPods' });
    }
    expect(cond(obj(d, 'Node', 'worker-2'), 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
  });

  it('at NotReady: Node conditions Unknown, the lost pods Ready=False, Deployment Available=False, both budgets at 0', () => {
    const d = at('90s');
    const T = notReadyAt();
    // Last Lease renewal in (20 s, 30 s]; Unknown in the first monitor pass after 50 s.
    expect(T).toBeGreaterThanOrEqual(s(70));
    expect(T).toBeLessThanOrEqual(s(85));
    const node = obj(d, 'Node', 'worker-2');
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = cond(node, type)!;
      expect(c, type).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: T });
      // The controller keeps the kubelet's last heartbeat.
      expect(ts((condition(node, type) as { lastHeartbeatTime?: string }).lastHeartbeatTime)).toBeLessThanOrEqual(s(30));
    }
    expect(lost(d)).toHaveLength(2);
    for (const p of lost(d)) {
      expect(p.status?.phase).toBe('Running');
      expect(cond(p, 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: T });
      expect(condition(p, 'Ready')?.reason).toBeUndefined();
      expect(cond(p, 'ContainersReady')).toMatchObject({ status: 'True' });
      expect(one(d, 'NodeNotReady', `Pod/default/${p.metadata.name}`)).toMatchObject({ type: 'Warning', message: 'Node is not ready', source: 'node-controller', firstTime: T });
    }
    const web = obj(d, 'Deployment', 'web');
    expect(web?.status).toMatchObject({ replicas: 6, updatedReplicas: 6, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 2, terminatingReplicas: 0 });
    // SetDeploymentCondition filters the old condition out and appends the new one.
    expect(web?.status?.conditions?.map((c) => c.type)).toEqual(['Progressing', 'Available']);
    expect(cond(web, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastTransitionTime: T, lastUpdateTime: T });
    expect(cond(web, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName(d)}" has successfully progressed.`, lastTransitionTime: 0 });
    expect(obj(d, 'ReplicaSet', rsName(d))?.status).toMatchObject({ replicas: 6, fullyLabeledReplicas: 6, readyReplicas: 4, availableReplicas: 4 });
    for (const name of ['web-max', 'web-min']) {
      const pdb = obj(d, 'PodDisruptionBudget', name);
      expect(pdb?.status, name).toMatchObject({ currentHealthy: 4, desiredHealthy: 5, disruptionsAllowed: 0, expectedPods: 6 });
      expect(cond(pdb, 'DisruptionAllowed')).toMatchObject({ status: 'False', reason: 'InsufficientPods', message: '', lastTransitionTime: T });
    }
    // Nothing is created or deleted at NotReady.
    expect(events(d, 'SuccessfulCreate').filter((e) => e.firstTime > 0)).toEqual([]);
  });

  it('after the evictions and replacements: 6 available again with 2 terminating; the integer minAvailable budget expects 8 pods', () => {
    const d = at('7m');
    const T = notReadyAt();
    const evicted = events(d, 'TaintManagerEviction');
    expect(evicted.map((e) => e.object).sort()).toEqual(lost(d).map((p) => `Pod/default/${p.metadata.name}`).sort());
    const E = evicted[0].firstTime;
    // NoExecute taint one monitor pass after NotReady, then the 300 s default toleration.
    expect(E - T).toBeGreaterThanOrEqual(s(305));
    expect(E - T).toBeLessThanOrEqual(s(310.2));
    for (const p of lost(d)) {
      expect(ts(p.metadata.deletionTimestamp)).toBe(sec(E + s(30)));
      expect(cond(p, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: sec(E) });
    }
    const web = obj(d, 'Deployment', 'web');
    expect(web?.status).toMatchObject({ replicas: 6, updatedReplicas: 6, readyReplicas: 6, availableReplicas: 6, unavailableReplicas: 0, terminatingReplicas: 2 });
    const back = cond(web, 'Available')!;
    expect(back).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    // Available again once a replacement is Ready (started ~1 s after its creation at E).
    expect(back.lastTransitionTime - E).toBeGreaterThan(0);
    expect(back.lastTransitionTime - E).toBeLessThanOrEqual(s(2));
    expect(obj(d, 'ReplicaSet', rsName(d))?.status).toMatchObject({ replicas: 6, readyReplicas: 6, availableReplicas: 6, terminatingReplicas: 2 });
    expect(obj(d, 'PodDisruptionBudget', 'web-max')?.status).toMatchObject({ currentHealthy: 6, desiredHealthy: 5, disruptionsAllowed: 1, expectedPods: 6 });
    expect(obj(d, 'PodDisruptionBudget', 'web-min')?.status).toMatchObject({ currentHealthy: 6, desiredHealthy: 5, disruptionsAllowed: 1, expectedPods: 8 });
    for (const name of ['web-max', 'web-min']) {
      expect(cond(obj(d, 'PodDisruptionBudget', name), 'DisruptionAllowed')).toMatchObject({ status: 'True', reason: 'SufficientPods', lastTransitionTime: back.lastTransitionTime });
    }
  });
});

describe('rollouts that cannot finish while a node is dead: Recreate, and progressDeadlineSeconds (deployment recreate.go, progress.go)', () => {
  const at = (until: string) => run('recreate-progress-deadline.yaml', until);
  const rsOf = (d: Doc, deploy: string) =>
    d.objects
      .filter((o) => o.kind === 'ReplicaSet' && o.metadata.ownerReferences?.some((r) => r.name === deploy))
      .sort((a, b) => ts(a.metadata.creationTimestamp) - ts(b.metadata.creationTimestamp));
  const STUCK = 'rec-77849bc7dd-srdhm';

  it('Recreate: scales the old ReplicaSet to 0 at once and creates no new one while an old pod is Terminating on the dead node', () => {
    const d = at('140s');
    const [old, ...others] = rsOf(d, 'rec');
    expect(others).toEqual([]);
    expect(events(d, 'ScalingReplicaSet', 'Deployment/default/rec').map((e) => [e.firstTime, e.message])).toEqual([
      [0, `Scaled up replica set ${old.metadata.name} from 0 to 3`],
      [s(40), `Scaled down replica set ${old.metadata.name} from 3 to 0`],
    ]);
    expect(events(d, 'SuccessfulDelete', `ReplicaSet/default/${old.metadata.name}`)).toHaveLength(3);
    const left = pods(d).filter((p) => p.metadata.name.startsWith('rec-'));
    expect(left.map((p) => [p.metadata.name, p.spec?.nodeName, p.status?.phase, ts(p.metadata.deletionTimestamp)])).toEqual([[STUCK, 'worker-2', 'Running', s(70)]]);
    const rec = obj(d, 'Deployment', 'rec');
    expect(rec?.status).toMatchObject({ observedGeneration: 2, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0, terminatingReplicas: 1 });
    expect(cond(rec, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', lastTransitionTime: s(40) });
    // No new ReplicaSet yet: Progressing still speaks of the old one, as at creation.
    expect(cond(rec, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${old.metadata.name}" has successfully progressed.`, lastTransitionTime: 0, lastUpdateTime: s(1) });
    expect(obj(d, 'ReplicaSet', old.metadata.name)?.status).toMatchObject({ replicas: 0, terminatingReplicas: 1 });
  });

  it('Recreate: force-deleting that pod lets the rollout go on in the same instant; Progressing keeps its first transition time', () => {
    const d = at('160s');
    const [old, fresh] = rsOf(d, 'rec');
    expect(obj(d, 'Pod', STUCK)).toBeUndefined();
    // The taint manager had the pod's eviction queued: a deletion cancels it, with its event.
    expect(one(d, 'TaintManagerEviction', `Pod/default/${STUCK}`)).toMatchObject({ firstTime: s(150), message: `Cancelling deletion of Pod default/${STUCK}` });
    expect(ts(fresh.metadata.creationTimestamp)).toBe(s(150));
    expect(events(d, 'ScalingReplicaSet', 'Deployment/default/rec').map((e) => [e.firstTime, e.message])).toEqual([
      [0, `Scaled up replica set ${old.metadata.name} from 0 to 3`],
      [s(40), `Scaled down replica set ${old.metadata.name} from 3 to 0`],
      [s(150), `Scaled up replica set ${fresh.metadata.name} from 0 to 3`],
    ]);
    const made = pods(d).filter((p) => p.metadata.ownerReferences?.[0]?.name === fresh.metadata.name);
    expect(made).toHaveLength(3);
    for (const p of made) {
      expect(p.status?.phase).toBe('Running');
      expect(p.spec?.nodeName).not.toBe('worker-2');
    }
    const rec = obj(d, 'Deployment', 'rec');
    expect(rec?.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0, terminatingReplicas: 0 });
    expect(cond(rec, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: s(151) });
    expect(cond(rec, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${fresh.metadata.name}" has successfully progressed.`, lastTransitionTime: 0, lastUpdateTime: s(151) });
  });

  it('progressDeadlineSeconds 60: Progressing False ProgressDeadlineExceeded 60–61 s after the last progress, Available as the pods say', () => {
    const d = at('140s');
    const [, fresh] = rsOf(d, 'stuck');
    const stuck = obj(d, 'Deployment', 'stuck');
    const progressing = cond(stuck, 'Progressing')!;
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${fresh.metadata.name}" has timed out progressing.` });
    expect(progressing.lastTransitionTime).toBeGreaterThan(s(100));
    expect(progressing.lastTransitionTime).toBeLessThanOrEqual(s(101));
    expect(progressing.lastUpdateTime).toBe(progressing.lastTransitionTime);
    // Nothing more is tried: the surge pod stays Pending, the old pods stay.
    expect(stuck?.status).toMatchObject({ replicas: 3, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 2 });
    // One old pod is on worker-2: unavailable from NotReady on (maxUnavailable rounds 25 % of 2 down to 0).
    const T = one(d, 'NodeNotReady', 'Node//worker-2').firstTime;
    expect(cond(stuck, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', lastTransitionTime: T });
    expect(events(d, 'ScalingReplicaSet', 'Deployment/default/stuck').map((e) => e.message)).toEqual([
      `Scaled up replica set ${rsOf(d, 'stuck')[0].metadata.name} from 0 to 2`,
      `Scaled up replica set ${fresh.metadata.name} from 0 to 1`,
    ]);
    // Still timed out 40 s later: the condition is not rewritten while nothing moves.
    expect(cond(obj(at('160s'), 'Deployment', 'stuck'), 'Progressing')).toMatchObject({ reason: 'ProgressDeadlineExceeded', lastUpdateTime: progressing.lastUpdateTime });
  });
});

describe('Job status through activeDeadlineSeconds with a pod on a dead node, and a Job that completes (K12)', () => {
  const at = (until: string) => run('job-deadline-dead-node.yaml', until);
  const jobPods = (d: Doc, job: string) => pods(d).filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === 'Job' && r.name === job));
  const DEADLINE = 'Job was active longer than specified deadline';

  it('at the deadline deletes its active pods, counts them failed and sets FailureTarget; no Failed condition while one is Terminating on the dead node', () => {
    const d = at('100s');
    const deleted = events(d, 'SuccessfulDelete', 'Job/default/deadline');
    expect(deleted).toHaveLength(2);
    for (const e of deleted) expect(e.firstTime).toBe(s(45));
    const stuck = jobPods(d, 'deadline').filter((p) => p.metadata.deletionTimestamp);
    expect(stuck.map((p) => [p.spec?.nodeName, p.status?.phase, ts(p.metadata.deletionTimestamp)])).toEqual([['worker-2', 'Running', s(75)]]);
    expect(deleted.map((e) => e.message)).toContain(`Deleted pod: ${stuck[0].metadata.name}`);
    const job = obj(d, 'Job', 'deadline');
    expect(job?.status).toMatchObject({ active: 0, succeeded: 3, failed: 2, terminating: 1, ready: 0 });
    expect(job?.status?.conditions?.map((c) => c.type)).toEqual(['FailureTarget']);
    expect(cond(job, 'FailureTarget')).toMatchObject({ status: 'True', reason: 'DeadlineExceeded', message: DEADLINE, lastTransitionTime: s(45) });
    expect(events(d, 'DeadlineExceeded')).toEqual([]);
    expect(job?.status?.completionTime).toBeUndefined();
  });

  it('once the node is back and the pod gone: Failed (DeadlineExceeded) and its Warning event, within seconds; no completionTime', () => {
    const d = at('230s');
    expect(jobPods(d, 'deadline').filter((p) => p.metadata.deletionTimestamp)).toEqual([]);
    const job = obj(d, 'Job', 'deadline');
    expect(job?.status).toMatchObject({ active: 0, succeeded: 3, failed: 2, terminating: 0 });
    const failed = cond(job, 'Failed')!;
    expect(failed).toMatchObject({ status: 'True', reason: 'DeadlineExceeded', message: DEADLINE });
    expect(failed.lastTransitionTime).toBeGreaterThan(s(200));
    expect(failed.lastTransitionTime).toBeLessThanOrEqual(s(205));
    expect(cond(job, 'FailureTarget')).toMatchObject({ lastTransitionTime: s(45) });
    expect(one(d, 'DeadlineExceeded', 'Job/default/deadline')).toMatchObject({ type: 'Warning', source: 'job-controller', message: DEADLINE, firstTime: failed.lastTransitionTime });
    expect(job?.status?.completionTime).toBeUndefined();
    // Nothing was created after the deadline.
    expect(events(d, 'SuccessfulCreate', 'Job/default/deadline').filter((e) => e.firstTime >= s(45))).toEqual([]);
  });

  it('parallelism 2, completions 3: two pods, then one; SuccessCriteriaMet and Complete with completionTime, Normal Completed', () => {
    const d = at('100s');
    expect(events(d, 'SuccessfulCreate', 'Job/default/steady').map((e) => e.firstTime)).toEqual([0, 0, s(12)]);
    const job = obj(d, 'Job', 'steady');
    expect(job?.status).toMatchObject({ active: 0, succeeded: 3, failed: 0, terminating: 0, ready: 0, completionTime: '2026-01-01T00:00:24Z' });
    // syncJob sets an empty UncountedTerminatedPods before its first status write; it serialises as {}.
    expect(job?.status?.uncountedTerminatedPods).toEqual({});
    expect(obj(d, 'Job', 'deadline')?.status?.uncountedTerminatedPods).toEqual({});
    expect(job?.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    for (const type of ['SuccessCriteriaMet', 'Complete']) {
      expect(cond(job, type)).toMatchObject({ status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastTransitionTime: s(24) });
    }
    expect(one(d, 'Completed', 'Job/default/steady')).toMatchObject({ type: 'Normal', message: 'Job completed', firstTime: s(24) });
  });
});

describe('a Parallel StatefulSet, and graceful vs force deletion on a dead and a live node (§2.5, §3.3; K11, K6)', () => {
  const at = (until: string) => run('statefulset-parallel-delete.yaml', until);
  const CREATE = (n: number) => `create Pod db-${n} in StatefulSet db successful`;

  it('Parallel: all three pods in the first sync; a graceful delete on the dead node leaves db-0 Terminating and makes no second db-0', () => {
    const d = at('110s');
    const created = events(d, 'SuccessfulCreate', 'StatefulSet/default/db');
    expect(created.map((e) => [e.message, e.firstTime, e.count])).toEqual([0, 1, 2].map((n) => [CREATE(n), 0, 1]));
    const db0 = obj(d, 'Pod', 'db-0')!;
    expect([db0.spec?.nodeName, db0.status?.phase, ts(db0.metadata.deletionTimestamp), db0.metadata.deletionGracePeriodSeconds]).toEqual(['worker-2', 'Running', s(130), 30]);
    // No kubelet: no Killing; printed as kubectl prints a graceful delete.
    expect(events(d, 'Killing', 'Pod/default/db-0')).toEqual([]);
    expect(d.kubectl.filter((l) => l.time === s(100)).map((l) => l.text)).toEqual(['pod "db-0" deleted']);
    // replicas counts the Terminating pod; current/updated do not; ready/available only Running and Ready ones.
    expect(obj(d, 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 3, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 2 });
  });

  it('a force delete frees the name at once: the queued taint eviction is cancelled with its event, db-0 is created again and stays Pending', () => {
    const d = at('140s');
    expect(d.kubectl.filter((l) => l.time === s(120)).map((l) => l.text)).toEqual([
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
      'pod "db-0" force deleted',
    ]);
    expect(one(d, 'TaintManagerEviction', 'Pod/default/db-0')).toMatchObject({ type: 'Normal', source: 'taint-eviction-controller', firstTime: s(120), message: 'Cancelling deletion of Pod default/db-0' });
    const again = events(d, 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message === CREATE(0))!;
    expect(again).toMatchObject({ count: 2, firstTime: 0, lastTime: s(120) });
    const db0 = obj(d, 'Pod', 'db-0')!;
    expect(ts(db0.metadata.creationTimestamp)).toBe(s(120));
    expect(db0.metadata.uid).not.toBe(obj(at('110s'), 'Pod', 'db-0')!.metadata.uid);
    expect(db0.spec?.nodeName).toBeUndefined();
    const why = "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
    expect(cond(db0, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: why, lastTransitionTime: s(120) });
    expect(events(d, 'FailedScheduling', 'Pod/default/db-0')[0]).toMatchObject({ firstTime: s(120), message: why });
    expect(obj(d, 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 3, readyReplicas: 2, availableReplicas: 2, currentReplicas: 3, updatedReplicas: 3 });
  });

  it('a graceful delete on a live node: Killing at once, the pod gone when its container has exited', () => {
    expect(one(at('140s'), 'Killing', 'Pod/default/solo')).toMatchObject({ firstTime: s(130), message: 'Stopping container c', source: 'kubelet' });
    expect(obj(at('140s'), 'Pod', 'solo')).toBeUndefined();
    expect(obj(at('110s'), 'Pod', 'solo')?.status?.phase).toBe('Running');
  });
});
