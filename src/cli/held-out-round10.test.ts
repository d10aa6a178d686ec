/**
 * Held-out timelines (round 10): owner reactions that round 9 did not cover, each a scenario
 * in ./run-cases played through `podscape run FILE --until T --output json` and checked as an
 * outside reviewer would against upstream (shared/reference/lifecycle.md §n and
 * scheduler.md, with their sources): Job backoff and BackoffLimitExceeded on kubelet
 * admission failures, kubelet admission on direct binds (OutOfcpu, OutOfpods, NodeAffinity)
 * and a ReplicaSet's replacement loop, DaemonSets on added, tainted and NotReady nodes,
 * StatefulSet OrderedReady creation and scale-down, ReplicaSet scale-down victims,
 * preemption, drain's filters as kubectl prints them and deleting a live Node.
 */
import { describe, expect, it } from 'vitest';
import { KUBELET_REJECTION_DELAY } from '../engine/kubelet/kubelet';
import { condition, events, obj, one, pods, run, s, ts, type Doc } from './held-out';

const ownedBy = (d: Doc, kind: string, name: string) => pods(d).filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === kind && r.name === name));
const created = (d: Doc, owner: string) => events(d, 'SuccessfulCreate', owner).map((e) => ({ at: e.firstTime, pod: e.message.replace(/^(Created pod: |create Pod )/, '').replace(/ in StatefulSet .*$/, '') }));

describe('a Job whose pods the kubelet rejects (§3.4, §4: backoff 10 s doubling, backoffLimit 2)', () => {
  const d = () => run('job-admission-backoff.yaml', '5m');

  it('creates each next pod after the exponential backoff from the last failure, and fails the Job on the third', () => {
    const doc = d();
    const made = created(doc, 'Job/default/pinned');
    // One pod at a time (parallelism 1); the next 10 s after the first failure, the third 20 s after the second.
    expect(made.map((m) => m.at)).toEqual([0, s(10), s(30)]);
    for (const { at, pod } of made) {
      const p = obj(doc, 'Pod', pod)!;
      expect(p.spec?.nodeName).toBe('worker-1');
      expect(p.status).toMatchObject({
        phase: 'Failed',
        reason: 'OutOfcpu',
        message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 6000, used: 0, capacity: 4000",
      });
      const rejected = one(doc, 'OutOfcpu', `Pod/default/${pod}`);
      expect(rejected).toMatchObject({ type: 'Warning', source: 'kubelet', message: "Node didn't have enough resource: cpu, requested: 6000, used: 0, capacity: 4000" });
      expect(rejected.firstTime - at).toBe(KUBELET_REJECTION_DELAY);
    }
    // The third failure exceeds backoffLimit 2: within the Job's 1 s pod-event batch.
    const exceeded = one(doc, 'BackoffLimitExceeded', 'Job/default/pinned');
    expect(exceeded).toMatchObject({ type: 'Warning', source: 'job-controller', message: 'Job has reached the specified backoff limit' });
    expect(exceeded.firstTime - s(30)).toBeGreaterThan(0);
    expect(exceeded.firstTime - s(30)).toBeLessThanOrEqual(s(1.1));
    const job = obj(doc, 'Job', 'pinned')!;
    expect(job.status).toMatchObject({ active: 0, failed: 3, succeeded: 0, terminating: 0 });
    for (const type of ['FailureTarget', 'Failed']) {
      expect(condition(job, type)).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    }
    expect(job.status?.completionTime).toBeUndefined();
  });
});

describe('kubelet admission on pods that bypass the scheduler (§4, K13)', () => {
  const d = () => run('kubelet-admission.yaml', '40s');

  it('rejects a nodeSelector mismatch with NodeAffinity and a pod beyond maxPods with OutOfpods at the bind, and runs those that fit', () => {
    const doc = d();
    expect(obj(doc, 'Pod', 'picky')?.status).toMatchObject({
      phase: 'Failed',
      reason: 'NodeAffinity',
      message: "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    });
    expect(one(doc, 'NodeAffinity', 'Pod/default/picky')).toMatchObject({ type: 'Warning', source: 'kubelet', firstTime: s(20), message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" });
    for (const [i, n] of ['fits-1', 'fits-2', 'fits-3'].entries()) {
      expect(obj(doc, 'Pod', n)?.status?.phase).toBe('Running');
      expect(one(doc, 'Started', `Pod/default/${n}`).firstTime).toBe(s(22 + i));
    }
    // The Failed pod does not count against maxPods: 3 admitted, the 4th is refused.
    expect(obj(doc, 'Pod', 'one-too-many')?.status).toMatchObject({
      phase: 'Failed',
      reason: 'OutOfpods',
      message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3",
    });
    expect(one(doc, 'OutOfpods', 'Pod/default/one-too-many')).toMatchObject({ type: 'Warning', firstTime: s(24) });
    // A scheduler nobody runs: never scheduled, no FailedScheduling.
    expect(events(doc, 'FailedScheduling').filter((e) => !e.object.includes('pinned'))).toEqual([]);
  });

  it('a ReplicaSet pinned by nodeName to a node too small replaces every rejected pod at once: a loop at the kubelet\'s pace', () => {
    const doc = d();
    // Upstream reports ~1,800 pods a minute (kubernetes/kubernetes#130411); here one per KUBELET_REJECTION_DELAY.
    const owned = ownedBy(doc, 'ReplicaSet', 'pinned');
    const made = owned.map((p) => ts(p.metadata.creationTimestamp)).sort((a, b) => a - b);
    expect(made.length).toBeGreaterThan(1000);
    // creationTimestamp has whole seconds (metav1.Time): count the pods of each full second in between.
    const perSecond = new Map<number, number>();
    for (const t of made) perSecond.set(t, (perSecond.get(t) ?? 0) + 1);
    const inner = [...perSecond.entries()].filter(([t]) => t > made[0] && t < made[made.length - 1]).map(([, n]) => n);
    expect(inner.length).toBeGreaterThan(30);
    for (const n of inner) expect([Math.floor(1000 / KUBELET_REJECTION_DELAY), Math.ceil(1000 / KUBELET_REJECTION_DELAY)]).toContain(n);
    // Its events (round 11: client-go's correlator): nine `Created pod` rows, the combined row for
    // the next 16, then nothing: the spam filter's 25 events, with one more per 5 minutes.
    const rows = events(doc, 'SuccessfulCreate', 'ReplicaSet/default/pinned');
    expect(rows).toHaveLength(10);
    // The first pods, one per 30 ms from 0, are the nine rows and then the combined row (from the 10th to the 25th).
    const first = rows.slice(0, 9).map((e) => e.message.replace('Created pod: ', ''));
    for (const name of first) expect(owned.some((p) => p.metadata.name === name)).toBe(true);
    expect(rows.slice(0, 9).map((e) => e.firstTime)).toEqual(rows.slice(0, 9).map((_, i) => i * KUBELET_REJECTION_DELAY));
    expect(rows[9]).toMatchObject({ count: 16, firstTime: 9 * KUBELET_REJECTION_DELAY, lastTime: 24 * KUBELET_REJECTION_DELAY });
    expect(rows[9].message).toMatch(/^\(combined from similar events\): Created pod: pinned-[a-z0-9]{5}$/);
    const live = owned.filter((p) => p.status?.phase !== 'Failed');
    expect(live).toHaveLength(1);
    for (const p of owned.filter((x) => x.status?.phase === 'Failed')) expect(p.status?.reason).toBe('OutOfcpu');
    expect(obj(doc, 'ReplicaSet', 'pinned')?.status).toMatchObject({ replicas: 1, readyReplicas: 0, availableReplicas: 0 });
  });
});

describe('DaemonSets on added, tainted and NotReady nodes (§3.2, K10)', () => {
  const d = () => run('daemonset-nodes.yaml', '10m');

  it('creates a pod on each new node it tolerates once the node is Ready (1 s after it appears), placed by the default scheduler', () => {
    const doc = d();
    const agent = created(doc, 'DaemonSet/default/agent');
    const logs = created(doc, 'DaemonSet/default/logs');
    expect(agent.map((c) => c.at)).toEqual([0, 0, 0, s(31)]);
    expect(logs.map((c) => c.at)).toEqual([0, 0, 0, s(31), s(41)]);
    const nodeOf = (pod: string) => obj(doc, 'Pod', pod)?.spec?.nodeName;
    expect(nodeOf(agent[3].pod)).toBe('worker-4');
    expect(nodeOf(logs[3].pod)).toBe('worker-4');
    expect(nodeOf(logs[4].pod)).toBe('worker-5');
    expect(one(doc, 'Scheduled', `Pod/default/${logs[4].pod}`)).toMatchObject({ source: 'default-scheduler', message: `Successfully assigned default/${logs[4].pod} to worker-5` });
    // Never on the control plane, never an agent on the tainted worker-5.
    expect(pods(doc).filter((p) => p.spec?.nodeName === 'cp-1')).toEqual([]);
    expect(ownedBy(doc, 'DaemonSet', 'agent').filter((p) => p.spec?.nodeName === 'worker-5')).toEqual([]);
  });

  it("keeps the pods on the dead worker-2 (Running, not evicted), drops it from the desired set, and a DaemonSet created later skips it", () => {
    const doc = d();
    for (const ds of ['agent', 'logs']) {
      const [p] = ownedBy(doc, 'DaemonSet', ds).filter((x) => x.spec?.nodeName === 'worker-2');
      expect(p.status?.phase).toBe('Running');
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(condition(p, 'Ready')?.status).toBe('False');
      expect(events(doc, 'TaintManagerEviction', `Pod/default/${p.metadata.name}`)).toEqual([]);
    }
    expect(obj(doc, 'DaemonSet', 'agent')?.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberMisscheduled: 1, numberReady: 3 });
    expect(obj(doc, 'DaemonSet', 'logs')?.status).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4, numberMisscheduled: 1, numberReady: 4 });
    const late = created(doc, 'DaemonSet/default/late');
    expect(late.map((c) => c.at)).toEqual([s(200), s(200), s(200)]);
    expect(late.map((c) => obj(doc, 'Pod', c.pod)?.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-3', 'worker-4']);
    expect(obj(doc, 'DaemonSet', 'late')?.status).toMatchObject({ desiredNumberScheduled: 3, numberMisscheduled: 0 });
  });
});

describe('StatefulSet OrderedReady (§3.3, K11)', () => {
  const d = () => run('statefulset-ordered.yaml', '2m');

  it('creates db-0, db-1, db-2 one at a time, each once the previous one is Running and Ready', () => {
    const doc = d();
    const made = events(doc, 'SuccessfulCreate', 'StatefulSet/default/db');
    expect(made.map((e) => e.message)).toEqual(['db-0', 'db-1', 'db-2'].map((p) => `create Pod ${p} in StatefulSet db successful`));
    expect(made[0].firstTime).toBe(s(10));
    for (let i = 1; i < 3; i++) {
      const ready = one(doc, 'Started', `Pod/default/db-${i - 1}`).firstTime;
      expect(made[i].firstTime).toBe(ready);
    }
    for (const e of made) expect(e).toMatchObject({ type: 'Normal', source: 'statefulset-controller', count: 1 });
  });

  it('scales down from the highest ordinal, the next only once the previous has left the API', () => {
    const doc = d();
    const deleted = events(doc, 'SuccessfulDelete', 'StatefulSet/default/db');
    expect(deleted.map((e) => e.message)).toEqual(['delete Pod db-2 in StatefulSet db successful', 'delete Pod db-1 in StatefulSet db successful']);
    expect(deleted[0].firstTime).toBe(s(40));
    // db-2's container stops 1 s after SIGTERM; the kubelet then removes it, and only then db-1 goes.
    expect(deleted[1].firstTime).toBe(s(41));
    expect(one(doc, 'Killing', 'Pod/default/db-2').firstTime).toBe(s(40));
    expect(pods(doc).map((p) => p.metadata.name)).toEqual(['db-0']);
    expect(obj(doc, 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 1, readyReplicas: 1, currentReplicas: 1 });
  });
});

describe('which pod a ReplicaSet deletes on scale-down (K9 ActivePodsWithRanks)', () => {
  const d = () => run('scale-down-ranking.yaml', '2m');

  it('deletes the pods still Pending first, then the one on the node with more siblings that was Ready for less time', () => {
    const doc = d();
    const rs = events(doc, 'SuccessfulCreate').find((e) => e.object.startsWith('ReplicaSet/default/web-'))!.object;
    const made = created(doc, rs);
    const deleted = events(doc, 'SuccessfulDelete', rs).map((e) => ({ at: e.firstTime, pod: e.message.replace('Deleted pod: ', '') }));
    const at20 = made.filter((m) => m.at === s(20)).map((m) => m.pod);
    expect(at20).toHaveLength(2);
    // At 20.5 s the two new pods are Pending (containers start after 1 s): they go, not the Running ones.
    expect(deleted.filter((x) => x.at === s(20.5)).map((x) => x.pod).sort()).toEqual([...at20].sort());
    for (const p of at20) expect(events(doc, 'Started', `Pod/default/${p}`)).toEqual([]);
    const [at40] = made.filter((m) => m.at === s(40)).map((m) => m.pod);
    expect(deleted.filter((x) => x.at === s(100)).map((x) => x.pod)).toEqual([at40]);
    expect(one(doc, 'Killing', `Pod/default/${at40}`).firstTime).toBe(s(100));
    const left = ownedBy(doc, 'ReplicaSet', rs.split('/')[2]);
    expect(left.map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    for (const e of events(doc, 'ScalingReplicaSet', 'Deployment/default/web').slice(1)) expect(e.message).toMatch(/^Scaled (up|down) replica set web-[a-z0-9]+ from \d to \d$/);
  });
});

describe('preemption (§8.1; scheduler.md §8)', () => {
  const d = () => run('preemption.yaml', '2m');
  const mid = () => run('preemption.yaml', '30500ms');

  it('fails the first cycle, preempts two priority-0 pods on one node, nominates it, and binds there once they are gone', () => {
    const doc = d();
    const critical = obj(doc, 'Pod', 'critical')!;
    const uid = critical.metadata.uid!;
    expect(critical.spec?.priority).toBe(1000);
    // The preemptor's FailedScheduling has no "preemption:" part: PostFilter succeeded.
    expect(one(doc, 'FailedScheduling', 'Pod/default/critical')).toMatchObject({ type: 'Warning', firstTime: s(30), message: '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu.' });
    const preempted = events(doc, 'Preempted');
    expect(preempted).toHaveLength(2);
    const node = /on node (worker-\d)$/.exec(preempted[0].message)![1];
    for (const e of preempted) expect(e).toMatchObject({ type: 'Normal', source: 'default-scheduler', firstTime: s(30), message: `Preempted by pod ${uid} on node ${node}` });
    const victims = preempted.map((e) => e.object.split('/')[2]);
    // Graceful: Killing at once, containers gone 1 s later; the preemptor binds to the nominated node then.
    for (const v of victims) {
      expect(one(doc, 'Killing', `Pod/default/${v}`).firstTime).toBe(s(30));
      expect(obj(doc, 'Pod', v)).toBeUndefined();
    }
    expect(one(doc, 'Scheduled', 'Pod/default/critical')).toMatchObject({ firstTime: s(31), message: `Successfully assigned default/critical to ${node}` });
    expect(critical.spec?.nodeName).toBe(node);
    expect(critical.status?.phase).toBe('Running');
    // The ReplicaSet replaces the victims at once; priority 0 cannot preempt: they stay Pending.
    // (From the pods: the ReplicaSet's 13th and 14th `Created pod` events are in its combined row since round 11.)
    const rs = events(doc, 'SuccessfulCreate').find((e) => e.object.startsWith('ReplicaSet/'))!.object;
    const late = ownedBy(doc, 'ReplicaSet', rs.split('/')[2])
      .filter((p) => ts(p.metadata.creationTimestamp) === s(30))
      .map((p) => ({ pod: p.metadata.name }));
    expect(late).toHaveLength(2);
    for (const { pod } of late) {
      expect(obj(doc, 'Pod', pod)?.spec?.nodeName).toBeUndefined();
      expect(events(doc, 'FailedScheduling', `Pod/default/${pod}`)[0].message).toBe(
        '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
      );
    }
  });

  it('in between: the victims are Terminating with DisruptionTarget PreemptionByScheduler and the preemptor is nominated', () => {
    const doc = mid();
    const critical = obj(doc, 'Pod', 'critical')!;
    expect(critical.spec?.nodeName).toBeUndefined();
    const terminating = pods(doc).filter((p) => p.metadata.deletionTimestamp);
    expect(terminating).toHaveLength(2);
    const node = terminating[0].spec?.nodeName;
    expect(critical.status?.nominatedNodeName).toBe(node);
    expect(condition(critical, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    for (const v of terminating) {
      expect(v.spec?.nodeName).toBe(node);
      expect(ts(v.metadata.deletionTimestamp)).toBe(s(60));
      expect(condition(v, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' });
    }
  });
});

describe("kubectl drain's filters, then deleting a live Node (§5.2, §2.4)", () => {
  const d = () => run('drain-filters-delete-node.yaml', '4m');
  const lines = (doc: Doc, at: number) => doc.kubectl.filter((k) => k.time === s(at)).map((k) => `${k.stream}: ${k.text}`);

  it('refuses emptyDir and bare pods as kubectl prints it, evicts nothing, and leaves the node cordoned', () => {
    const doc = d();
    const first = lines(doc, 30);
    expect(first[0]).toBe('stdout: node/worker-2 cordoned');
    const emptyDir = first.find((l) => l.includes('local storage') && !l.startsWith('stderr: error:'))!;
    expect(emptyDir).toMatch(/^stderr: cannot delete Pods with local storage \(use --delete-emptydir-data to override\): default\/cache-[a-z0-9]{5}$/);
    expect(first).toContain('stderr: cannot delete Pods that declare no controller (use --force to override): default/debug');
    expect(first).toContain('stderr: There are pending nodes to be drained:');
    expect(first).toContain('stderr:  worker-2');
    expect(first.some((l) => /^stderr: error: unable to drain node "worker-2" due to error: \[cannot delete .*, cannot delete .*\], continuing command\.\.\.$/.test(l))).toBe(true);
    expect(first.some((l) => l.includes('evicting'))).toBe(false);
    // One error left: kubectl unwraps it and prints it with "error: ".
    expect(lines(doc, 40)).toEqual([
      'stdout: node/worker-2 already cordoned',
      'stderr: error: unable to drain node "worker-2" due to error: cannot delete Pods that declare no controller (use --force to override): default/debug, continuing command...',
      'stderr: There are pending nodes to be drained:',
      'stderr:  worker-2',
      'stderr: error: cannot delete Pods that declare no controller (use --force to override): default/debug',
    ]);
    // The refused pod is the ReplicaSet's first one, still there.
    expect(obj(doc, 'Pod', emptyDir.split('/').pop()!)).toBeUndefined();
    expect(created(doc, 'ReplicaSet/default/cache')[0].pod).toBe(emptyDir.split('/').pop());
  });

  it('with every flag: the warning line, both evictions, drained 2 s later; the ReplicaSet pod is replaced, debug is not', () => {
    const doc = d();
    const third = lines(doc, 50);
    expect(third[0]).toBe('stdout: node/worker-2 already cordoned');
    const warning = third[1];
    expect(warning.startsWith('stderr: Warning: ')).toBe(true);
    expect(warning.replace('stderr: Warning: ', '').split('; ').sort()).toEqual([
      'deleting Pods that declare no controller: default/debug',
      expect.stringMatching(/^ignoring DaemonSet-managed Pods: default\/node-agent-[a-z0-9]{5}$/),
    ]);
    expect(third.filter((l) => l.startsWith('stdout: evicting pod ')).length).toBe(2);
    expect(lines(doc, 52).slice(-1)).toEqual(['stdout: node/worker-2 drained']);
    expect(obj(doc, 'Pod', 'debug')).toBeUndefined();
    const cacheMade = created(doc, 'ReplicaSet/default/cache');
    expect(cacheMade.map((c) => c.at)).toEqual([0, s(50)]);
  });

  it('deleteNode: RemovingNode, the DaemonSet pod is garbage-collected 40–80 s later and not replaced', () => {
    const doc = d();
    expect(lines(doc, 120)).toEqual(['stdout: node "worker-2" deleted']);
    const removing = one(doc, 'RemovingNode', 'Node//worker-2');
    expect(removing).toMatchObject({ source: 'node-controller', message: 'Node worker-2 event: Removing Node worker-2 from Controller' });
    expect(removing.firstTime - s(120)).toBeLessThanOrEqual(s(5));
    expect(obj(doc, 'Node', 'worker-2')).toBeUndefined();
    const agents = ownedBy(doc, 'DaemonSet', 'node-agent');
    expect(agents.map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-3']);
    const [gone] = events(doc, 'Killing').filter((e) => e.object.startsWith('Pod/default/node-agent-'));
    expect(gone.firstTime - s(120)).toBeGreaterThanOrEqual(s(40));
    expect(gone.firstTime - s(120)).toBeLessThanOrEqual(s(80));
    expect(created(doc, 'DaemonSet/default/node-agent').filter((c) => c.at > 0)).toEqual([]);
    expect(obj(doc, 'DaemonSet', 'node-agent')?.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0 });
  });
});

describe('a rolling update (maxSurge 1, maxUnavailable 1, minReadySeconds 20) while worker-2 loses power', () => {
  const d = () => run('rolling-update-node-loss.yaml', '10m');

  it('keeps within the surge, stalls while the lost pods are unavailable, and finishes 20 s after the evicted pods are replaced', () => {
    const doc = d();
    const scaling = events(doc, 'ScalingReplicaSet', 'Deployment/default/web').map((e) => ({ at: e.firstTime, m: e.message }));
    const parsed = scaling.map(({ at, m }) => {
      const [, dir, rs, from, to] = /^Scaled (up|down) replica set (web-[a-z0-9]+) from (\d+) to (\d+)$/.exec(m)!;
      return { at, dir, rs, from: Number(from), to: Number(to) };
    });
    const oldRs = parsed[0].rs;
    const newRs = parsed.find((p) => p.rs !== oldRs)!.rs;
    // Replay the sizes: old + new never above replicas + maxSurge = 7.
    const size = new Map<string, number>();
    for (const p of parsed) {
      expect(size.get(p.rs) ?? 0).toBe(p.from);
      size.set(p.rs, p.to);
      expect((size.get(oldRs) ?? 0) + (size.get(newRs) ?? 0)).toBeLessThanOrEqual(7);
    }
    expect(size.get(oldRs)).toBe(0);
    expect(size.get(newRs)).toBe(6);
    // The Node goes NotReady within 50–55 s of the kill's last renewal; nothing new lands on it after that.
    const N = one(doc, 'NodeNotReady', 'Node//worker-2').firstTime;
    expect(N - s(70)).toBeGreaterThanOrEqual(s(50));
    expect(N - s(70)).toBeLessThanOrEqual(s(55));
    for (const e of events(doc, 'Scheduled').filter((x) => x.firstTime >= N)) expect(e.message).not.toMatch(/to worker-2$/);
    // The taint manager evicts what is still on worker-2 ~300 s after the NoExecute taint; the last scale-down of
    // the old ReplicaSet comes minReadySeconds after the replacements are Ready, not before.
    const evictions = events(doc, 'TaintManagerEviction');
    expect(evictions.length).toBeGreaterThan(0);
    const E = evictions[0].firstTime;
    expect(E - N).toBeGreaterThanOrEqual(s(305));
    expect(E - N).toBeLessThanOrEqual(s(306));
    const last = parsed[parsed.length - 1];
    expect(last).toMatchObject({ dir: 'down', rs: oldRs, to: 0 });
    const replacements = created(doc, `ReplicaSet/default/${newRs}`).filter((c) => c.at === E);
    expect(replacements.length).toBeGreaterThan(0);
    const readyAt = Math.max(...replacements.map((r) => one(doc, 'Started', `Pod/default/${r.pod}`).firstTime));
    expect(last.at - readyAt).toBeGreaterThanOrEqual(s(20));
    expect(last.at - readyAt).toBeLessThanOrEqual(s(21.1));
    // Between N and E nothing of the old ReplicaSet is scaled away (5 available is the floor).
    expect(parsed.filter((p) => p.at > N && p.at < E)).toEqual([]);
    const dep = obj(doc, 'Deployment', 'web')!;
    expect(dep.status).toMatchObject({ replicas: 6, updatedReplicas: 6, availableReplicas: 6 });
    expect(condition(dep, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    // Whatever was deleted on the dead node stays Terminating; the live pods are all new and elsewhere.
    const live = pods(doc).filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(6);
    for (const p of live) {
      expect(p.metadata.name.startsWith(`${newRs}-`)).toBe(true);
      expect(p.spec?.nodeName).not.toBe('worker-2');
    }
    for (const p of pods(doc).filter((x) => x.metadata.deletionTimestamp)) expect(p.spec?.nodeName).toBe('worker-2');
  });
});

describe('a Job with backoffLimit 0 whose pod is lost with its node (§3.4, K12)', () => {
  const d = () => run('job-backoff-limit-dead-node.yaml', '10m');
  const before = () => run('job-backoff-limit-dead-node.yaml', '8m');

  it('sets FailureTarget and deletes the other pods within the 1 s batch after the eviction, but stays un-Failed while the pod is Terminating', () => {
    const doc = before();
    const [lost] = pods(doc).filter((p) => p.spec?.nodeName === 'worker-2');
    const E = one(doc, 'TaintManagerEviction', `Pod/default/${lost.metadata.name}`).firstTime;
    const deleted = events(doc, 'SuccessfulDelete', 'Job/default/crunch');
    expect(deleted).toHaveLength(2);
    for (const e of deleted) {
      expect(e).toMatchObject({ type: 'Normal', source: 'job-controller' });
      expect(e.firstTime - E).toBeGreaterThan(0);
      expect(e.firstTime - E).toBeLessThanOrEqual(s(1.1));
    }
    const job = obj(doc, 'Job', 'crunch')!;
    expect(condition(job, 'FailureTarget')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(condition(job, 'Failed')).toBeUndefined();
    expect(job.status).toMatchObject({ active: 0, failed: 3, terminating: 1 });
    expect(events(doc, 'BackoffLimitExceeded')).toEqual([]);
    expect(created(doc, 'Job/default/crunch').filter((c) => c.at > 0)).toEqual([]);
    expect(lost.status?.phase).toBe('Running');
    expect(lost.metadata.deletionTimestamp).toBeDefined();
  });

  it('fails the Job, with its Warning event, once the node is back and the pod has finished', () => {
    const doc = d();
    const job = obj(doc, 'Job', 'crunch')!;
    const exceeded = one(doc, 'BackoffLimitExceeded', 'Job/default/crunch');
    expect(exceeded).toMatchObject({ type: 'Warning', source: 'job-controller', message: 'Job has reached the specified backoff limit' });
    expect(exceeded.firstTime - s(500)).toBeGreaterThan(0);
    expect(exceeded.firstTime - s(500)).toBeLessThanOrEqual(s(5));
    expect(condition(job, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
    expect(ts(condition(job, 'Failed')!.lastTransitionTime)).toBe(exceeded.firstTime);
    expect(job.status).toMatchObject({ active: 0, failed: 3, terminating: 0 });
    expect(pods(doc).filter((p) => p.spec?.nodeName === 'worker-2')).toEqual([]);
  });
});

describe("a rebooted kubelet's events (client-go's correlator cache lives in the kubelet process)", () => {
  it('are new rows after restoreNode, not a count of 2 on the first boot rows', () => {
    const doc = run('restore-after-200s.yaml', '5m');
    for (const reason of ['Starting', 'NodeAllocatableEnforced', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeReady']) {
      const rows = events(doc, reason, 'Node//worker-2');
      // Round 17: the new kubelet records the pressure events twice (registration, then its first
      // update against the Unknown conditions), folded into its own row.
      expect(rows.map((e) => [e.count, e.firstTime, e.lastTime]), reason).toEqual([
        [1, 0, 0],
        [reason.startsWith('NodeHas') ? 2 : 1, s(260), s(260)],
      ]);
    }
    // The pods restarted in place: their container events are new rows too; the node controller's are not the kubelet's.
    const started = events(doc, 'Started', 'Pod/default/debug');
    expect(started.map((e) => e.count)).toEqual([1, 1]);
    expect(started[1].firstTime).toBeGreaterThan(s(260));
    expect(one(doc, 'RegisteredNode', 'Node//worker-2').count).toBe(1);
  });
});
