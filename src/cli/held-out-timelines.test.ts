/**
 * Held-out timelines (round 9): whole scenarios in ./run-cases played through
 * `podscape run FILE --until T --output json`, checked as an outside reviewer
 * would check them against upstream behaviour (shared/reference/lifecycle.md,
 * with its sources): the virtual times within upstream's own windows, the
 * event reasons, types, sources and messages, and who is replaced, who waits
 * and who is lost. Each case varies one of the worked timelines of §10A/§10B:
 * Job pods, a StatefulSet pod whose Node is then deleted, pods with their own
 * tolerationSeconds, a node back before and after the tolerations expire,
 * cordon then power loss, drains with a PDB and with a bare pod, DaemonSet
 * status on a NotReady node, partially disrupted zones of different sizes,
 * and `--until` cut in the middle of a grace period.
 *
 * Times: the kill happens at 60 s; L is worker-2's last Lease renewal (its
 * Lease's renewTime), N the NodeNotReady event, T the NoExecute taint's
 * timeAdded, E the taint manager's eviction.
 */
import { describe, expect, it } from 'vitest';
import { fromTimestamp } from '../engine/clock/time';
import { condition, events, obj, one, pods, run, s, sec, ts, type Doc, type Obj } from './held-out';

const podsOn = (d: Doc, node: string) => pods(d).filter((p) => p.spec?.nodeName === node);
const ownerKind = (p: Obj) => p.metadata.ownerReferences?.[0]?.kind ?? 'none';
const lastRenewal = (d: Doc, node: string) => fromTimestamp((obj(d, 'Lease', node)?.spec as { renewTime?: string }).renewTime)!;
const taint = (d: Doc, node: string, key: string, effect: string) => obj(d, 'Node', node)?.spec?.taints?.find((t) => t.key === key && t.effect === effect);

/** N, T for worker-2 in a run where it lost power, checked against the reference's windows. */
function lossTimes(d: Doc, node = 'worker-2') {
  const L = lastRenewal(d, node);
  const N = one(d, 'NodeNotReady', `Node//${node}`).firstTime;
  // §1.2: Unknown in the first monitor pass after the 50 s grace (window 50–55 s after the renewal).
  expect(N - L).toBeGreaterThanOrEqual(s(50));
  expect(N - L).toBeLessThanOrEqual(s(55));
  const noExecute = taint(d, node, 'node.kubernetes.io/unreachable', 'NoExecute');
  const T = noExecute ? ts(noExecute.timeAdded) : NaN;
  return { L, N, T };
}

describe('a Job on a node that loses power (§3.4: TerminatingOrFailed, backoffLimit 6)', () => {
  const d = () => run('job-dead-node.yaml', '8m');

  it('marks the Job pod not ready at N, evicts it 300 s after the NoExecute taint, and the Job replaces it within its 1 s batch', () => {
    const doc = d();
    const { N, T } = lossTimes(doc);
    const [gone] = pods(doc).filter((p) => p.spec?.nodeName === 'worker-2');
    const name = gone.metadata.name;
    expect(one(doc, 'NodeNotReady', `Pod/default/${name}`)).toMatchObject({ type: 'Warning', message: 'Node is not ready', source: 'node-controller', firstTime: N });
    // timeAdded shows whole seconds (metav1.Time) of an instant 5–5.1 s after N.
    expect(T).toBeGreaterThanOrEqual(sec(N + s(5)));
    expect(T).toBeLessThanOrEqual(N + s(5.1));
    const E = one(doc, 'TaintManagerEviction', `Pod/default/${name}`);
    expect(E).toMatchObject({ type: 'Normal', message: `Marking for deletion Pod default/${name}`, source: 'taint-eviction-controller' });
    expect(E.firstTime - T).toBeGreaterThanOrEqual(s(300));
    expect(E.firstTime - T).toBeLessThanOrEqual(s(300.1));
    // The 10 s backoff counts from the pod's finish time (its Ready=False transition at N), long past: replaced at once.
    const created = events(doc, 'SuccessfulCreate', 'Job/default/crunch');
    const late = created.filter((e) => e.firstTime > s(60));
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ type: 'Normal', source: 'job-controller' });
    expect(late[0].firstTime - E.firstTime).toBeGreaterThanOrEqual(0);
    expect(late[0].firstTime - E.firstTime).toBeLessThanOrEqual(s(1.1));
    const replacement = late[0].message.replace('Created pod: ', '');
    expect(obj(doc, 'Pod', replacement)?.spec?.nodeName).toMatch(/^worker-[13]$/);
  });

  it('leaves the old pod Terminating (phase Running, DisruptionTarget DeletionByTaintManager); the Job counts it failed and terminating', () => {
    const doc = d();
    const [old] = podsOn(doc, 'worker-2');
    const E = events(doc, 'TaintManagerEviction')[0].firstTime;
    expect(old.status?.phase).toBe('Running');
    expect(ts(old.metadata.deletionTimestamp)).toBe(sec(E + s(30)));
    expect(old.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(condition(old, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(obj(doc, 'Job', 'crunch')?.status).toMatchObject({ active: 3, failed: 1, terminating: 1, succeeded: 0 });
    expect(events(doc, 'BackoffLimitExceeded')).toEqual([]);
  });
});

describe('a StatefulSet pod on a dead node whose Node is then deleted (§2.4 PodGC, §3.3)', () => {
  const d = () => run('statefulset-node-deleted.yaml', '10m');

  it('evicts db-2 at T + 300 s and creates no db-2 while the old one is Terminating', () => {
    const doc = run('statefulset-node-deleted.yaml', '6m59s');
    const { T } = lossTimes(doc);
    const db = obj(doc, 'Pod', 'db-2')!;
    expect(db.spec?.nodeName).toBe('worker-2');
    expect(ts(db.metadata.deletionTimestamp)).toBe(T + s(300) + s(30));
    const createDb2 = events(doc, 'SuccessfulCreate', 'StatefulSet/default/db').filter((e) => e.message === 'create Pod db-2 in StatefulSet db successful');
    expect(createDb2).toHaveLength(1);
    expect(createDb2[0].count).toBe(1);
  });

  it('RemovingNode at the next monitor pass; PodGC force-deletes the orphans 40–80 s after the delete; db-2 is created again under its name; the DaemonSet pod is not replaced', () => {
    const doc = d();
    const D = s(420);
    const removing = one(doc, 'RemovingNode', 'Node//worker-2');
    expect(removing).toMatchObject({ type: 'Normal', source: 'node-controller', message: 'Node worker-2 event: Removing Node worker-2 from Controller' });
    expect(removing.firstTime - D).toBeGreaterThanOrEqual(0);
    expect(removing.firstTime - D).toBeLessThanOrEqual(s(5));
    expect(obj(doc, 'Node', 'worker-2')).toBeUndefined();
    expect(podsOn(doc, 'worker-2')).toEqual([]);
    const [again] = events(doc, 'SuccessfulCreate', 'StatefulSet/default/db').filter((e) => e.message === 'create Pod db-2 in StatefulSet db successful');
    expect(again.count).toBe(2);
    expect(again.lastTime - D).toBeGreaterThanOrEqual(s(40));
    expect(again.lastTime - D).toBeLessThanOrEqual(s(80));
    // Same name, new object: the anti-affinity leaves it nowhere to go (2 workers hold db-0 and db-1, cp-1 is tainted).
    const db2 = obj(doc, 'Pod', 'db-2')!;
    expect(db2.spec?.nodeName).toBeUndefined();
    expect(db2.metadata.deletionTimestamp).toBeUndefined();
    const failed = events(doc, 'FailedScheduling', 'Pod/default/db-2');
    expect(failed[0].message).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint\(s\), 2 node\(s\) didn't match pod anti-affinity rules\./);
    expect(failed[0].firstTime).toBe(again.lastTime);
    // The DaemonSet keeps 2 pods: nothing replaces the one PodGC removed.
    const agents = pods(doc).filter((p) => ownerKind(p) === 'DaemonSet');
    expect(agents.map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-3']);
    expect(obj(doc, 'DaemonSet', 'node-agent')?.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0 });
    expect(events(doc, 'SuccessfulCreate', 'DaemonSet/default/node-agent').every((e) => e.lastTime === 0)).toBe(true);
  });
});

describe('pods with their own NoExecute tolerationSeconds (§2.1, §2.2)', () => {
  const d = () => run('toleration-seconds.yaml', '8m');
  const at = (doc: Doc, pod: string) => events(doc, 'TaintManagerEviction', `Pod/default/${pod}`).map((e) => e.firstTime);

  it('evicts tolerationSeconds 0 at T, 30 at T + 30 s, the default 300 at T + 300 s, and never one that tolerates everything', () => {
    const doc = d();
    const { T } = lossTimes(doc);
    // T (timeAdded) has whole seconds; the evictions keep the queue tick's fraction.
    expect(at(doc, 'tol-0').map(sec)).toEqual([T]);
    expect(at(doc, 'tol-30').map(sec)).toEqual([T + s(30)]);
    expect(at(doc, 'tol-default').map(sec)).toEqual([T + s(300)]);
    // Its own not-ready toleration (10 s) does not match the unreachable taint; admission added the 300 s one.
    expect(at(doc, 'tol-not-ready-only').map(sec)).toEqual([T + s(300)]);
    expect(at(doc, 'tol-forever')).toEqual([]);
    expect(obj(doc, 'Pod', 'tol-forever')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('DefaultTolerationSeconds admission adds only the missing 300 s tolerations', () => {
    const doc = d();
    const tol = (pod: string) => obj(doc, 'Pod', pod)?.spec?.tolerations;
    expect(tol('tol-forever')).toEqual([{ operator: 'Exists' }]);
    expect(tol('tol-30')).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(tol('tol-not-ready-only')).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });
});

describe('the node comes back (§6, §10A resolution variants)', () => {
  it('at 260 s (before the tolerations expire): pending deletions cancelled, taints gone, every pod restarts in place', () => {
    const doc = run('restore-after-200s.yaml', '9m');
    const R = s(260);
    for (const e of events(doc, 'TaintManagerEviction')) {
      expect(e.message).toMatch(/^Cancelling deletion of Pod default\//);
      expect(e.firstTime - R).toBeGreaterThanOrEqual(0);
      expect(e.firstTime - R).toBeLessThanOrEqual(s(5));
    }
    // The four pods with 300 s tolerations had a pending deletion; the DaemonSet pod tolerates forever.
    expect(events(doc, 'TaintManagerEviction').map((e) => e.object.split('/')[2].replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual(['db-2', 'debug', 'web-88f55bcbd', 'web-88f55bcbd']);
    expect(one(doc, 'Rebooted', 'Node//worker-2')).toMatchObject({ type: 'Warning', source: 'kubelet' });
    expect(obj(doc, 'Node', 'worker-2')?.spec?.taints ?? []).toEqual([]);
    const on2 = podsOn(doc, 'worker-2');
    expect(on2).toHaveLength(5);
    for (const p of on2) {
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(p.status?.phase).toBe('Running');
      expect(condition(p, 'Ready')?.status).toBe('True');
      expect((p.status?.containerStatuses as { restartCount: number }[])[0].restartCount).toBe(1);
    }
    // Nothing was replaced: no pod was created after the start.
    expect(doc.events.filter((e) => e.reason === 'SuccessfulCreate' && e.lastTime > s(10))).toEqual([]);
  });

  it('at 460 s (after they expired): Terminating pods finish, db-2 is created again, debug is gone, web stays where its replacements went', () => {
    const doc = run('restore-after-400s.yaml', '9m');
    const R = s(460);
    const E = events(doc, 'TaintManagerEviction').map((e) => e.firstTime);
    expect(E).toHaveLength(4);
    expect(obj(doc, 'Pod', 'debug')).toBeUndefined();
    const db2 = obj(doc, 'Pod', 'db-2')!;
    expect(db2.metadata.deletionTimestamp).toBeUndefined();
    const again = events(doc, 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message === 'create Pod db-2 in StatefulSet db successful')!;
    expect(again.count).toBe(2);
    expect(again.lastTime - R).toBeGreaterThanOrEqual(0);
    expect(again.lastTime - R).toBeLessThanOrEqual(s(5));
    const on2 = podsOn(doc, 'worker-2').map((p) => ownerKind(p)).sort();
    expect(on2.filter((k) => k === 'ReplicaSet')).toEqual([]);
    expect(on2).toContain('DaemonSet');
    expect(obj(doc, 'Deployment', 'web')?.status).toMatchObject({ replicas: 6, readyReplicas: 6, availableReplicas: 6 });
    expect(obj(doc, 'DaemonSet', 'node-agent')?.status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3, numberMisscheduled: 0 });
    expect(obj(doc, 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 3, readyReplicas: 3 });
  });
});

describe('cordon, then power loss', () => {
  it('keeps the unschedulable taint next to the unreachable ones; the kubelet said NodeNotSchedulable within 10 s; evictions as without the cordon', () => {
    const doc = run('cordon-then-kill.yaml', '9m');
    const { T } = lossTimes(doc);
    const sched = one(doc, 'NodeNotSchedulable', 'Node//worker-2');
    expect(sched).toMatchObject({ type: 'Normal', source: 'kubelet', message: 'Node worker-2 status is now: NodeNotSchedulable' });
    expect(sched.firstTime - s(20)).toBeGreaterThan(0);
    expect(sched.firstTime - s(20)).toBeLessThanOrEqual(s(10));
    const node = obj(doc, 'Node', 'worker-2')!;
    expect(node.spec?.unschedulable).toBe(true);
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unschedulable:NoSchedule',
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    expect(ts(taint(doc, 'worker-2', 'node.kubernetes.io/unschedulable', 'NoSchedule')?.timeAdded)).toBe(s(20));
    expect(condition(node, 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const evicted = events(doc, 'TaintManagerEviction');
    expect(evicted).toHaveLength(4);
    for (const e of evicted) expect(sec(e.firstTime)).toBe(T + s(300));
    // The two web replacements went elsewhere (cordoned and unreachable), at once.
    const created = events(doc, 'SuccessfulCreate').filter((e) => e.object.startsWith('ReplicaSet/') && e.firstTime > s(10));
    expect(created).toHaveLength(2);
    for (const c of created) expect(obj(doc, 'Pod', c.message.replace('Created pod: ', ''))?.spec?.nodeName).not.toBe('worker-2');
  });

  it('the DaemonSet pod stays on the NotReady node, Running and not ready, never evicted or replaced; the node leaves the desired set (§3.2)', () => {
    const doc = run('cordon-then-kill.yaml', '9m');
    const agent = podsOn(doc, 'worker-2').find((p) => ownerKind(p) === 'DaemonSet')!;
    expect(agent.metadata.deletionTimestamp).toBeUndefined();
    expect(agent.status?.phase).toBe('Running');
    expect(condition(agent, 'Ready')?.status).toBe('False');
    expect(obj(doc, 'DaemonSet', 'node-agent')?.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberMisscheduled: 1, numberUnavailable: 0 });
    expect(pods(doc).filter((p) => ownerKind(p) === 'DaemonSet')).toHaveLength(3);
    // Before the unreachable NoSchedule taint (cordon alone) the desired set is unchanged.
    expect(obj(run('cordon-then-kill.yaml', '1m'), 'DaemonSet', 'node-agent')?.status).toMatchObject({ desiredNumberScheduled: 3, numberMisscheduled: 0 });
  });
});

describe('kubectl drain (§5.2, §5.3, §10B variants)', () => {
  it('a bare pod: without flags the drain fails, cordoned, nothing evicted; with --ignore-daemonsets --force it is evicted and never recreated', () => {
    const doc = run('drain-bare-pod.yaml', '3m');
    const at30 = doc.kubectl.filter((l) => l.time === s(30)).map((l) => `${l.stream}: ${l.text}`);
    expect(at30[0]).toBe('stdout: node/worker-2 cordoned');
    const agent = podsOn(doc, 'worker-2').find((p) => ownerKind(p) === 'DaemonSet')!.metadata.name;
    expect(at30).toContain('stderr: cannot delete Pods that declare no controller (use --force to override): default/debug');
    expect(at30).toContain(`stderr: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/${agent}`);
    expect(at30).toContain('stderr: There are pending nodes to be drained:');
    expect(at30.some((l) => l.includes('evicting pod'))).toBe(false);
    const killedAt = events(doc, 'Killing').map((e) => e.firstTime);
    expect(killedAt.every((t) => t === s(60))).toBe(true);
    const at60 = doc.kubectl.filter((l) => l.time >= s(60)).map((l) => l.text);
    expect(at60[0]).toBe('node/worker-2 already cordoned');
    expect(at60[1]).toMatch(/^Warning: /);
    expect(at60[1]).toContain('deleting Pods that declare no controller: default/debug');
    expect(at60[1]).toContain(`ignoring DaemonSet-managed Pods: default/${agent}`);
    expect(at60.filter((l) => l.startsWith('evicting pod ')).sort()).toEqual(
      ['db-2', 'debug', ...podsOn(run('drain-bare-pod.yaml', '1m'), 'worker-2').filter((p) => ownerKind(p) === 'ReplicaSet').map((p) => p.metadata.name)].map((n) => `evicting pod default/${n}`).sort(),
    );
    const drained = doc.kubectl.find((l) => l.text === 'node/worker-2 drained')!;
    expect(drained.time - s(60)).toBeGreaterThanOrEqual(s(1));
    expect(drained.time - s(60)).toBeLessThanOrEqual(s(3));
    expect(obj(doc, 'Pod', 'debug')).toBeUndefined();
    expect(podsOn(doc, 'worker-2').map(ownerKind)).toEqual(['DaemonSet']);
    // db-2 is back, elsewhere, soon after the old one is gone.
    const db2 = obj(doc, 'Pod', 'db-2')!;
    expect(db2.spec?.nodeName).not.toBe('worker-2');
    expect(events(doc, 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message.includes('db-2'))!.lastTime).toBeLessThanOrEqual(s(62));
  });

  it('a PDB with maxUnavailable 0: 429 retried every 5 s; relaxed to 1 at 62 s, the next retry evicts one, the other waits for the replacement, then drained', () => {
    const doc = run('drain-pdb-relaxed.yaml', '3m');
    const lines = doc.kubectl;
    const retries = lines.filter((l) => l.stream === 'stderr' && l.text.includes('(will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.'));
    const webPods = [...new Set(retries.map((l) => /pods\/"([^"]+)"/.exec(l.text)![1]))].sort();
    expect(webPods).toHaveLength(2);
    // Both refused at 30, 35, … 60; the budget changed at 62; at 65 one goes, the other is refused once more.
    const times = (pod: string) => retries.filter((l) => l.text.includes(`pods/"${pod}"`)).map((l) => l.time / 1000);
    const [a, b] = webPods.map(times).sort((x, y) => x.length - y.length);
    expect(a).toEqual([30, 35, 40, 45, 50, 55, 60]);
    expect(b).toEqual([30, 35, 40, 45, 50, 55, 60, 65]);
    expect(lines.find((l) => l.action === 'apply')).toMatchObject({ time: s(62), text: 'poddisruptionbudget.policy/web configured' });
    const evicted = lines.filter((l) => /^pod\/web-.* evicted$/.test(l.text)).map((l) => l.time / 1000);
    expect(evicted).toEqual([67, 72]);
    expect(lines.filter((l) => l.text === 'node/worker-2 drained').map((l) => l.time / 1000)).toEqual([72]);
    // The unprotected pods went at once.
    expect(lines.filter((l) => l.text === 'pod/db-2 evicted' || l.text === 'pod/debug evicted').map((l) => l.time / 1000)).toEqual([32, 32]);
    // No event for a refused eviction; the web replacements were created as each eviction succeeded.
    const created = events(doc, 'SuccessfulCreate').filter((e) => e.object.startsWith('ReplicaSet/') && e.firstTime > s(10)).map((e) => e.firstTime / 1000);
    expect(created).toEqual([65, 70]);
  });
});

describe('zones partially disrupted (§1.2 zone states; the large-cluster threshold is the zone size)', () => {
  it('a 52-node zone with 29 lost taints one node per 100 s (secondary rate 0.01); a 6-node zone with 4 lost taints none, in a 58-node cluster', () => {
    const doc = run('zones-partial-disruption.yaml', '12m');
    const tainted = doc.objects
      .filter((o) => o.kind === 'Node')
      .map((n) => ({ name: n.metadata.name, t: n.spec?.taints?.find((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute') }))
      .filter((x) => x.t !== undefined);
    expect(tainted.every((x) => x.name.startsWith('a-'))).toBe(true);
    const times = tainted.map((x) => ts(x.t!.timeAdded)).sort((x, y) => x - y);
    const N = events(doc, 'NodeNotReady').filter((e) => e.object.startsWith('Node/'));
    expect(N).toHaveLength(33);
    const n0 = N[0].firstTime;
    expect(N.every((e) => e.firstTime === n0)).toBe(true);
    // The zone became PartialDisruption in the pass that saw the nodes Unknown; the first node queued a pass later
    // took the token the healthy limiter still had, then one per 100 s.
    expect(times[0]).toBeGreaterThanOrEqual(sec(n0 + s(5)));
    expect(times[0]).toBeLessThanOrEqual(n0 + s(5.1));
    expect(times.slice(1).map((t, i) => t - times[i])).toEqual(times.slice(1).map(() => s(100)));
    expect(times.length).toBe(Math.floor((s(720) - times[0]) / s(100)) + 1);
    // Every lost node has the NoSchedule unreachable taint; only the tainted nodes' pods are evicted, 300 s later.
    const evictions = events(doc, 'TaintManagerEviction').map((e) => sec(e.firstTime)).sort((x, y) => x - y);
    expect(evictions).toEqual(times.filter((t) => t + s(300) <= s(720)).map((t) => t + s(300)));
    for (const b of ['b-1', 'b-2', 'b-3', 'b-4']) expect(taint(doc, b, 'node.kubernetes.io/unreachable', 'NoSchedule')).toBeDefined();
  });
});

describe('--until cut in the middle of a grace period', () => {
  it('inside the node-monitor grace period: nothing visible yet', () => {
    const doc = run('power-loss.yaml', '1m49s');
    expect(events(doc, 'NodeNotReady')).toEqual([]);
    expect(condition(obj(doc, 'Node', 'worker-2'), 'Ready')?.status).toBe('True');
    expect(doc.time).toBe(s(109));
  });

  it('inside the pods\' termination grace period on a dead node: Terminating objects with their deadline; and the deadline passing changes nothing', () => {
    const mid = run('power-loss.yaml', '7m');
    const E = events(mid, 'TaintManagerEviction')[0].firstTime;
    expect(E).toBeLessThan(s(420));
    const terminating = pods(mid).filter((p) => p.metadata.deletionTimestamp);
    // Every pod of worker-2 but the DaemonSet's (here debug runs on another worker).
    expect(terminating.map((p) => p.metadata.name).sort()).toEqual(podsOn(mid, 'worker-2').filter((p) => ownerKind(p) !== 'DaemonSet').map((p) => p.metadata.name).sort());
    expect(terminating).toHaveLength(3);
    for (const p of terminating) {
      expect(ts(p.metadata.deletionTimestamp)).toBe(sec(E + s(30)));
      expect(ts(p.metadata.deletionTimestamp)).toBeGreaterThanOrEqual(s(420));
      expect(p.status?.phase).toBe('Running');
    }
    const later = run('power-loss.yaml', '10m');
    expect(pods(later).filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort()).toEqual(terminating.map((p) => p.metadata.name).sort());
  });

  it('inside a drain\'s graceful termination: evicted pods still exist with deletionTimestamp = eviction + 30 s, killed but not yet gone', () => {
    const doc = run('drain-bare-pod.yaml', '60500ms');
    expect(doc.time).toBe(60_500);
    const evicting = doc.kubectl.filter((l) => l.text.startsWith('evicting pod '));
    expect(evicting).toHaveLength(4);
    for (const l of evicting) {
      const p = obj(doc, 'Pod', l.text.split('/')[1])!;
      expect(ts(p.metadata.deletionTimestamp)).toBe(s(90));
      expect(condition(p, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    }
    expect(doc.kubectl.some((l) => l.text.endsWith(' evicted') || l.text.endsWith(' drained'))).toBe(false);
    expect(events(doc, 'Killing')).toHaveLength(4);
  });
});

describe('several nodes lost (§1.2 rate-limited tainting and disruption modes)', () => {
  it('two of four nodes: NotReady together, NoExecute taints 10 s apart (0.1 node/s, burst 1), evictions 300 s after each', () => {
    const doc = run('two-nodes-lost.yaml', '9m');
    const N = events(doc, 'NodeNotReady').filter((e) => e.object.startsWith('Node/'));
    expect(N.map((e) => e.object).sort()).toEqual(['Node//worker-1', 'Node//worker-2']);
    expect(N[0].firstTime).toBe(N[1].firstTime);
    const T = ['worker-1', 'worker-2'].map((n) => ts(taint(doc, n, 'node.kubernetes.io/unreachable', 'NoExecute')?.timeAdded)).sort((a, b) => a - b);
    expect(T[0]).toBeGreaterThanOrEqual(sec(N[0].firstTime + s(5)));
    expect(T[0]).toBeLessThanOrEqual(N[0].firstTime + s(5.1));
    expect(T[1] - T[0]).toBe(s(10));
    const byTime = new Map<number, number>();
    for (const e of events(doc, 'TaintManagerEviction')) byTime.set(sec(e.firstTime), (byTime.get(sec(e.firstTime)) ?? 0) + 1);
    expect([...byTime.keys()].sort((a, b) => a - b)).toEqual([T[0] + s(300), T[1] + s(300)]);
    // Everything but the DaemonSet pods of the two nodes went.
    const lost = ['worker-1', 'worker-2'].flatMap((n) => podsOn(doc, n)).filter((p) => ownerKind(p) !== 'DaemonSet');
    expect([...byTime.values()].reduce((a, b) => a + b, 0)).toBe(lost.length);
  });

  it('every node: master disruption mode, no NoExecute taint and no eviction; one node back leaves a partially disrupted small zone (rate 0): still none', () => {
    const doc = run('every-node-lost.yaml', '13m');
    const N = events(doc, 'NodeNotReady').filter((e) => e.object.startsWith('Node/'));
    expect(N).toHaveLength(4);
    expect(events(doc, 'TaintManagerEviction')).toEqual([]);
    for (const n of ['cp-1', 'worker-1', 'worker-2', 'worker-3']) expect(taint(doc, n, 'node.kubernetes.io/unreachable', 'NoExecute')).toBeUndefined();
    for (const n of ['cp-1', 'worker-1', 'worker-2']) expect(taint(doc, n, 'node.kubernetes.io/unreachable', 'NoSchedule')).toBeDefined();
    expect(condition(obj(doc, 'Node', 'worker-3'), 'Ready')?.status).toBe('True');
    expect(pods(doc).filter((p) => p.metadata.deletionTimestamp)).toEqual([]);
    // Pods are still marked not ready on the dead nodes (that is not an eviction).
    expect(events(doc, 'NodeNotReady').filter((e) => e.object.startsWith('Pod/') && e.type === 'Warning').length).toBe(pods(run('every-node-lost.yaml', '1m')).length);
  });
});
