/**
 * Held-out timelines (round 12): what rounds 9–11 left, each a scenario in ./run-cases played
 * through `podscape run FILE --until T --output json` and checked as an outside reviewer would
 * against upstream (shared/reference/lifecycle.md §n, scheduler.md §n, and upstream source where
 * the reference is silent, named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

const M4 =
  '0/4 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, 2 Insufficient cpu. ' +
  'preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.';
const M5 =
  '0/5 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, 2 Insufficient cpu. ' +
  'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
/** At 500 s, while worker-5 still has the not-ready taint it was created with. */
const M5_NOT_READY =
  '0/5 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu, 2 node(s) had untolerated taint(s). ' +
  'preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.';

describe("the scheduling queue and the scheduler's events.k8s.io series (scheduler.md §1, §6, §8; lifecycle.md §7)", () => {
  const at = (until: string) => run('scheduler-queue.yaml', until);
  const failed = (until: string) => events(at(until), 'FailedScheduling', 'Pod/default/big');

  it('fails at once with the sorted FitError and preemption text, and does not retry on a Node update no hint queues for', () => {
    const rows = failed('2m');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'Warning', source: 'default-scheduler', message: M4, count: 1, firstTime: 0, lastTime: 0 });
    const big = obj(at('2m'), 'Pod', 'big');
    expect(condition(big, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: M4 });
  });

  it('a new row for the retry after the pod deletion (the first failure changed the pod\'s resourceVersion), a series of 2 at the 5-minute flush', () => {
    const rows = failed('8m');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ message: M4, count: 1, firstTime: 0, lastTime: 0 });
    const retry = rows[1];
    expect(retry.message).toBe(M4);
    // `tiny` is deleted at 120 s; its container stops within ~1 s, then the object leaves the API.
    expect(retry.firstTime).toBeGreaterThan(s(120));
    expect(retry.firstTime).toBeLessThanOrEqual(s(122));
    // The flush (every 30 s) moves it once it has waited strictly longer than 5 min.
    expect(retry.count).toBe(2);
    expect(retry.lastTime).toBeGreaterThan(retry.firstTime + s(300));
    expect(retry.lastTime).toBeLessThanOrEqual(retry.firstTime + s(330));
  });

  it('after the node added at 500 s: the series counts the attempt in the cache only, the next resourceVersion starts a row with the new message', () => {
    const d = at('11m');
    const rows = failed('11m');
    expect(rows).toHaveLength(4);
    const [first, series, ready, fresh] = rows;
    expect(first).toMatchObject({ message: M4, count: 1 });
    // The 500 s attempt (same resourceVersion, a new message) went into the series: its note is the
    // first one's and the count written is still 2 (later counts wait for refresh/finish). The new
    // node still had TaintNodesAtCreation's not-ready taint then (round 15), so that attempt's
    // PodScheduled=False text counts 2 untolerated taints.
    expect(series.message).toBe(M4);
    expect(series.count).toBe(2);
    expect(series.lastTime).toBeLessThan(s(500));
    expect(condition(obj(at('500500ms'), 'Pod', 'big'), 'PodScheduled')?.message).toBe(M5_NOT_READY);
    // That write changed the resourceVersion: worker-5 turning Ready at 501 s (the taint goes,
    // TaintToleration's hint queues the pod) retries with a key of its own and the 0/5 text; its
    // write changes the resourceVersion again, so `tiny2`'s deletion (600 s) starts another row.
    expect(ready).toMatchObject({ message: M5, count: 1, firstTime: s(501) });
    expect(fresh).toMatchObject({ message: M5, count: 1 });
    expect(fresh.firstTime).toBeGreaterThan(s(600));
    expect(fresh.firstTime).toBeLessThanOrEqual(s(602));
    // Uncordoned at 602 s: inside the 10 s backoff, but the idle scheduler pops backoffQ.
    expect(one(d, 'Scheduled', 'Pod/default/big')).toMatchObject({ firstTime: s(602), message: 'Successfully assigned default/big to worker-1' });
    expect(obj(d, 'Pod', 'big')?.spec?.nodeName).toBe('worker-1');
    const cond = condition(obj(d, 'Pod', 'big'), 'PodScheduled');
    expect(cond?.status).toBe('True');
    expect(ts(cond?.lastTransitionTime)).toBe(s(602));
  });

  it('finishSeries writes the cached count once the series has been quiet for 6 minutes (on its 6-minute loop), not before', () => {
    expect(failed('17m')[1]).toMatchObject({ count: 2 });
    const series = failed('18m')[1];
    expect(series.count).toBe(3);
    expect(series.lastTime).toBe(s(500));
    expect(series.message).toBe(M4);
    expect(failed('18m')).toHaveLength(4);
  });
});

describe('one whole zone lost while another is healthy: PartialDisruption, then FullDisruption back at the normal rate (§1.2)', () => {
  const at = (until: string) => run('zone-full-disruption.yaml', until);
  const noExecute = (d: Doc, node: string) => obj(d, 'Node', node)?.spec?.taints?.find((t) => t.effect === 'NoExecute');
  const notReady = (node: string) => one(at('3m30s'), 'NodeNotReady', `Node//${node}`).firstTime;

  it('taints none of the first three while the small zone is partially disrupted', () => {
    // Unknown in the first monitor pass after the 50 s grace from the last Lease renewal (window 50–55 s).
    for (const n of ['b-1', 'b-2', 'b-3', 'b-4']) {
      const renewed = ts((obj(at('3m30s'), 'Lease', n)?.spec as { renewTime?: string }).renewTime);
      expect(notReady(n) - renewed).toBeGreaterThanOrEqual(s(50));
      expect(notReady(n) - renewed).toBeLessThanOrEqual(s(55));
    }
    expect(notReady('b-2')).toBe(notReady('b-1'));
    expect(notReady('b-4')).toBeGreaterThan(s(140));
    const d = at('2m29s');
    for (const n of ['b-1', 'b-2', 'b-3']) {
      expect(obj(d, 'Node', n)?.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    }
    expect(events(d, 'TaintManagerEviction')).toEqual([]);
  });

  it('once the zone has no Ready node: the first NoExecute taint 10 s after the limiter swap, then one node every 10 s, b-4 last; zone-a untouched', () => {
    const d = at('3m30s');
    const full = notReady('b-4');
    const times = ['b-1', 'b-2', 'b-3'].map((n) => ts(noExecute(d, n)?.timeAdded)).sort((a, b) => a - b);
    const expected = [10, 20, 30].map((x) => full + s(x));
    times.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(expected[i]);
      expect(t).toBeLessThanOrEqual(expected[i] + s(0.1));
    });
    expect(ts(noExecute(d, 'b-4')?.timeAdded)).toBeGreaterThanOrEqual(full + s(40));
    expect(ts(noExecute(d, 'b-4')?.timeAdded)).toBeLessThanOrEqual(full + s(40.1));
    for (const n of ['a-1', 'a-2']) expect(obj(d, 'Node', n)?.spec?.taints ?? []).toEqual([]);
  });

  it('evicts each pod 300 s after its node\'s taint (default tolerations); the healthy zone\'s pods stay', () => {
    const d = at('9m');
    const taints = at('3m30s');
    for (const n of ['b-1', 'b-2', 'b-3', 'b-4']) {
      const e = one(d, 'TaintManagerEviction', `Pod/default/pod-${n}`);
      expect(e.message).toBe(`Marking for deletion Pod default/pod-${n}`);
      const tainted = ts(noExecute(taints, n)?.timeAdded);
      expect(e.firstTime).toBeGreaterThanOrEqual(tainted + s(300));
      expect(e.firstTime).toBeLessThanOrEqual(tainted + s(301));
      expect(obj(d, 'Pod', `pod-${n}`)?.metadata.deletionTimestamp).toBeDefined();
    }
    for (const n of ['a-1', 'a-2']) {
      expect(events(d, 'TaintManagerEviction', `Pod/default/pod-${n}`)).toEqual([]);
      expect(obj(d, 'Pod', `pod-${n}`)?.status?.phase).toBe('Running');
    }
  });
});

describe('a DaemonSet rolling update (maxUnavailable 30 % of 4, rounded up) while one of its nodes is dead (§3.2, K10 update.go)', () => {
  const d = () => run('daemonset-rolling-update.yaml', '5m');
  const rows = (reason: string) => events(d(), reason, 'DaemonSet/default/agent').filter((e) => e.firstTime >= s(200));
  const podName = (e: { message: string }) => e.message.split(': ')[1];
  const agentPods = () => pods(d()).filter((p) => p.metadata.ownerReferences?.[0]?.name === 'agent');
  const image = (p: Obj) => (p.spec?.containers as { image: string }[])[0].image;

  it('deletes the dead node\'s unavailable pod and one available pod at once, then the others one at a time', () => {
    const deleted = rows('SuccessfulDelete');
    const created = rows('SuccessfulCreate');
    expect(deleted).toHaveLength(5);
    expect(created).toHaveLength(4);
    expect(deleted.slice(0, 2).map((e) => e.firstTime)).toEqual([s(200), s(200)]);
    const dead = agentPods().find((p) => p.spec?.nodeName === 'worker-5')!;
    expect(deleted.slice(0, 2).map(podName)).toContain(dead.metadata.name);
    // Each later deletion waits for the previous replacement: the dead node counts as unavailable.
    for (let i = 2; i < 5; i++) expect(deleted[i].firstTime).toBeGreaterThan(created[i - 2].firstTime);
    expect(deleted.every((e) => e.count === 1 && e.message.startsWith('Deleted pod: agent-') && e.source === 'daemonset-controller')).toBe(true);
  });

  it('ends with agent:v2 on the four live workers, the old pod on worker-5 Terminating in phase Running, none created there', () => {
    const byNode = new Map(agentPods().map((p) => [p.spec?.nodeName, p]));
    for (const n of ['worker-1', 'worker-2', 'worker-3', 'worker-4']) {
      expect(image(byNode.get(n)!)).toBe('agent:v2');
      expect(byNode.get(n)!.metadata.deletionTimestamp).toBeUndefined();
    }
    const dead = byNode.get('worker-5')!;
    expect(image(dead)).toBe('agent:v1');
    expect(dead.status?.phase).toBe('Running');
    expect(ts(dead.metadata.deletionTimestamp)).toBe(s(230));
    expect(agentPods()).toHaveLength(5);
    expect(obj(d(), 'DaemonSet', 'agent')?.status).toMatchObject({
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      updatedNumberScheduled: 4,
      numberReady: 4,
      numberAvailable: 4,
      numberUnavailable: 0,
      numberMisscheduled: 1,
      observedGeneration: 2,
    });
  });
});

describe('apply and scale in the middle of a timeline: an immutable selector refused, state kept; a template change rolls out (25 %/25 % of 3)', () => {
  const d = () => run('apply-mid-timeline.yaml', '1m10s');
  const line = (t: number) => d().kubectl.filter((l) => l.time === s(t));
  const rsNames = () =>
    d()
      .objects.filter((o) => o.kind === 'ReplicaSet')
      .sort((a, b) => ts(a.metadata.creationTimestamp) - ts(b.metadata.creationTimestamp))
      .map((o) => o.metadata.name);

  it('refuses a selector change on a Deployment and a DaemonSet with the API server\'s Invalid text, and changes nothing', () => {
    expect(line(30)).toEqual([
      {
        time: s(30),
        action: 'apply',
        stream: 'stderr',
        text: 'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"}}: field is immutable',
      },
    ]);
    expect(line(35)).toEqual([
      {
        time: s(35),
        action: 'apply',
        stream: 'stderr',
        text: 'The DaemonSet "agent" is invalid: spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"In","values":["agent","agent2"]}]}: field is immutable',
      },
    ]);
    const before = run('apply-mid-timeline.yaml', '39s');
    expect(obj(before, 'Deployment', 'web')?.spec?.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(obj(before, 'DaemonSet', 'agent')?.spec?.selector).toEqual({ matchLabels: { app: 'agent' } });
    expect(before.objects.filter((o) => o.kind === 'ReplicaSet')).toHaveLength(1);
    expect(events(before, 'ScalingReplicaSet').filter((e) => e.firstTime >= s(30))).toEqual([]);
    expect(events(before, 'SuccessfulCreate').filter((e) => e.firstTime >= s(30))).toEqual([]);
  });

  it('scales the same ReplicaSet at 40 s, then rolls out with surge 1 and no unavailability from 50 s', () => {
    expect(line(40)).toEqual([{ time: s(40), action: 'scale', stream: 'stdout', text: 'deployment.apps/web scaled' }]);
    expect(line(50)).toEqual([{ time: s(50), action: 'apply', stream: 'stdout', text: 'deployment.apps/web configured' }]);
    const [old, next] = rsNames();
    expect(rsNames()).toHaveLength(2);
    const scaling = events(d(), 'ScalingReplicaSet', 'Deployment/default/web').filter((e) => e.firstTime >= s(40));
    expect(scaling[0]).toMatchObject({ firstTime: s(40), message: `Scaled up replica set ${old} from 2 to 3` });
    expect(scaling[1]).toMatchObject({ firstTime: s(50), message: `Scaled up replica set ${next} from 0 to 1` });
    // maxUnavailable 0: the old ReplicaSet goes down only after a new pod is available.
    expect(scaling[2].message).toBe(`Scaled down replica set ${old} from 3 to 2`);
    expect(scaling[2].firstTime).toBeGreaterThan(s(50));
    const steps = scaling.slice(1).map((e) => e.message.replace(/^\(combined from similar events\): /, ''));
    expect(steps).toEqual([
      `Scaled up replica set ${next} from 0 to 1`,
      `Scaled down replica set ${old} from 3 to 2`,
      `Scaled up replica set ${next} from 1 to 2`,
      `Scaled down replica set ${old} from 2 to 1`,
      `Scaled up replica set ${next} from 2 to 3`,
      `Scaled down replica set ${old} from 1 to 0`,
    ]);
    expect(obj(d(), 'Deployment', 'web')?.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });
});

describe("the spam filter's dropped events still counted (client-go EventCorrelator: eventObserve runs before the filter)", () => {
  // Round 10's pinned ReplicaSet (kubelet-admission.yaml) makes a pod every kubelet round trip;
  // its 26th and later `Created pod` events are dropped until a token comes back (one per 5 min).
  const row = (until: string) => {
    const d = run('kubelet-admission.yaml', until);
    const rows = events(d, 'SuccessfulCreate', 'ReplicaSet/default/pinned');
    // creationTimestamp has whole seconds: count the pods the run holds when cut at exactly t.
    const createdBy = (t: number) => pods(run('kubelet-admission.yaml', `${t}ms`)).filter((p) => p.metadata.ownerReferences?.[0]?.name === 'pinned').length;
    return { rows, combined: rows[9], createdBy };
  };

  it('writes nothing more while no token is left: the combined row keeps the count it had at the 25th event', () => {
    const { rows, combined } = row('40s');
    expect(rows).toHaveLength(10);
    expect(combined.count).toBe(16);
  });

  it('the next accepted event, 5 minutes on, writes the combined row with every similar event observed meanwhile', () => {
    const { rows, combined, createdBy } = row('5m1s');
    expect(rows).toHaveLength(10);
    expect(combined.lastTime).toBeGreaterThan(s(300));
    expect(combined.message).toMatch(/^\(combined from similar events\): Created pod: pinned-[a-z0-9]{5}$/);
    // Nine rows of their own, then every later creation up to that instant in the combined row.
    expect(combined.count).toBe(createdBy(combined.lastTime) - 9);
    expect(rows.slice(0, 9).every((e) => e.count === 1)).toBe(true);
  });
});

describe("the API server's event TTL (kube-apiserver --event-ttl 1h: an Event is deleted an hour after its last write)", () => {
  const at = (until: string) => run('scheduler-queue.yaml', until);

  it('lists only the rows written in the last hour; a series written by finishSeries (18 min) lives an hour from that write', () => {
    const d = at('75m');
    // Everything else was last written by 11 min (the kubelet's and controllers' rows at 0–11 min).
    expect(d.events.every((e) => e.reason === 'FailedScheduling')).toBe(true);
    const rows = events(d, 'FailedScheduling', 'Pod/default/big');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ count: 3, lastTime: s(500), message: M4 });
    expect(at('79m').events).toEqual([]);
  });

  it('keeps a row whose last write is less than an hour ago', () => {
    const d = at('60m');
    expect(events(d, 'Scheduled', 'Pod/default/big')).toHaveLength(1);
    // worker-1..4 registered at 0 s (gone at 60 min sharp), worker-5 at 500 s.
    expect(events(d, 'RegisteredNode').map((e) => e.object)).toEqual(['Node//worker-5']);
    expect(events(d, 'FailedScheduling', 'Pod/default/big')).toHaveLength(3);
  });
});

describe('apply on a StatefulSet (ValidateStatefulSetUpdate) and a command on a missing object (kubectl\'s 404 line)', () => {
  const d = () => run('statefulset-apply.yaml', '1m');
  const line = (t: number) => d().kubectl.filter((l) => l.time === s(t));
  const forbidden =
    "The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

  it('refuses serviceName and podManagementPolicy changes with the Forbidden text and keeps the StatefulSet as it was', () => {
    expect(line(20)).toEqual([{ time: s(20), action: 'apply', stream: 'stderr', text: forbidden }]);
    expect(line(25)).toEqual([{ time: s(25), action: 'apply', stream: 'stderr', text: forbidden }]);
    const before = run('statefulset-apply.yaml', '29s');
    // With the API server's defaults, as `kubectl get statefulset db -o yaml` shows them.
    expect(obj(before, 'StatefulSet', 'db')?.spec).toMatchObject({
      serviceName: 'db',
      replicas: 2,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
    });
  });

  it('takes a replicas change through apply: configured, db-2 created at once', () => {
    expect(line(30)).toEqual([{ time: s(30), action: 'apply', stream: 'stdout', text: 'statefulset.apps/db configured' }]);
    expect(events(d(), 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message === 'create Pod db-2 in StatefulSet db successful')?.firstTime).toBe(s(30));
    expect(pods(d()).map((p) => p.metadata.name).sort()).toEqual(['db-0', 'db-1', 'db-2']);
  });

  it("prints a missing pod's deletion as kubectl prints the server's 404", () => {
    expect(line(40)).toEqual([{ time: s(40), action: 'deletePod', stream: 'stderr', text: 'Error from server (NotFound): pods "nope" not found' }]);
  });
});
