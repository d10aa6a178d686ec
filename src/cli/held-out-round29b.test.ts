/**
 * Held-out timelines (round 29, second part): own tolerations, a dead Node deleted early, an
 * uncordon while dead, and a drain held by a budget because another node is dead. Each is a
 * scenario in ./run-cases played through `podscape run FILE --until T --output json` and
 * checked against upstream (the upstream source is named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));
const on = (d: Doc, prefix: string, node: string) => owned(d, prefix).filter((p) => p.spec?.nodeName === node);
const created = (p: Obj) => ts(p.metadata.creationTimestamp);
const marks = (d: Doc) => events(d, 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking for deletion'));
const cancels = (d: Doc) => events(d, 'TaintManagerEviction').filter((e) => e.message.startsWith('Cancelling deletion'));
const noExecute = (d: Doc, node: string) => obj(d, 'Node', node)?.spec?.taints?.find((t) => t.effect === 'NoExecute');

describe("a DaemonSet template's own node-loss tolerations with seconds (daemonset-own-toleration-seconds.yaml)", () => {
  const d = () => run('daemonset-own-toleration-seconds.yaml', '500s');

  it('the daemon pods carry the controller\'s not-ready/unreachable tolerations without seconds, in the template\'s places', () => {
    for (const p of owned(d(), 'agent-')) {
      const nodeLoss = (p.spec?.tolerations ?? []).filter((t) => t.effect === 'NoExecute');
      expect(nodeLoss).toEqual([
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      ]);
    }
  });

  it('the pod on the dead worker-2 is marked not ready but never deleted or replaced', () => {
    const [p] = on(d(), 'agent-', 'worker-2');
    expect(one(d(), 'NodeNotReady', `Pod/default/${p.metadata.name}`).message).toBe('Node is not ready');
    expect(p.metadata.deletionTimestamp).toBeUndefined();
    expect(marks(d())).toEqual([]);
    expect(owned(d(), 'agent-')).toHaveLength(3);
  });
});

describe('Deployments with their own unreachable tolerationSeconds, 60 and 600, and a return at 250 s (own-toleration-seconds-restore.yaml)', () => {
  const dead = () => run('own-toleration-seconds-restore.yaml', '240s');
  const d = () => run('own-toleration-seconds-restore.yaml', '300s');
  const SPREAD_WAIT =
    "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";

  it("fast's pod is deleted 60 s after the NoExecute taint (not 300 s); slow's is kept", () => {
    const taint = ts(noExecute(dead(), 'worker-2')?.timeAdded);
    const [m] = marks(dead());
    expect(m.message).toMatch(/^Marking for deletion Pod default\/fast-/);
    expect(m.time - taint).toBeGreaterThanOrEqual(s(60));
    expect(m.time - taint).toBeLessThan(s(61.1));
    expect(marks(dead())).toHaveLength(1);
    expect(on(dead(), 'slow-', 'worker-2')[0].metadata.deletionTimestamp).toBeUndefined();
  });

  it("fast's replacement waits: worker-2 tainted, and worker-2 still counts for the spread with 0 pods (nodeTaintsPolicy Ignore)", () => {
    const pending = owned(dead(), 'fast-').filter((p) => !p.spec?.nodeName);
    expect(pending).toHaveLength(1);
    expect(condition(pending[0], 'PodScheduled')?.message).toBe(SPREAD_WAIT);
  });

  it("back at 250 s: slow's deletion cancelled and its pod restarted in place; the old fast pod gone and its replacement on worker-2", () => {
    const slow = on(d(), 'slow-', 'worker-2');
    expect(slow.map((p) => p.metadata.uid)).toEqual(on(dead(), 'slow-', 'worker-2').map((p) => p.metadata.uid));
    expect((slow[0].status?.containerStatuses as { restartCount: number }[])[0].restartCount).toBe(1);
    expect(cancels(d()).map((e) => [e.time, e.object])).toEqual([[s(250), `Pod/default/${slow[0].metadata.name}`]]);
    const fast = on(d(), 'fast-', 'worker-2');
    expect(fast).toHaveLength(1);
    expect(created(fast[0])).toBeGreaterThan(s(100));
    expect(one(d(), 'Scheduled', `Pod/default/${fast[0].metadata.name}`).time).toBeGreaterThanOrEqual(s(250));
    expect(owned(d(), 'fast-')).toHaveLength(3);
  });
});

describe('a dead Node deleted before its pods are evicted (dead-node-deleted-before-eviction.yaml)', () => {
  const d = () => run('dead-node-deleted-before-eviction.yaml', '200s');

  it('RemovingNode at the monitor pass of the delete; no pod is marked for deletion by the taint manager', () => {
    expect(one(d(), 'RemovingNode', 'Node//worker-2')).toMatchObject({ time: s(100), message: 'Node worker-2 event: Removing Node worker-2 from Controller' });
    expect(marks(d())).toEqual([]);
  });

  it('PodGC removes the three orphans 40–80 s after the delete; the taint manager cancels each queued deletion as the pod goes', () => {
    const c = cancels(d());
    expect(c.map((e) => e.object.replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual(['Pod/default/debug', 'Pod/default/report', 'Pod/default/web']);
    const t = c[0].time;
    expect(c.every((e) => e.time === t)).toBe(true);
    expect(t).toBeGreaterThanOrEqual(s(140));
    expect(t).toBeLessThanOrEqual(s(180));
    expect(pods(d()).some((p) => p.spec?.nodeName === 'worker-2')).toBe(false);
    expect(obj(d(), 'Pod', 'debug')).toBeUndefined();
  });

  it('the ReplicaSet replaces its pod at once (Pending: its nodeSelector names the gone node); the Job counts the failure and fails', () => {
    const t = cancels(d())[0].time;
    const [web] = owned(d(), 'web-');
    expect(created(web)).toBe(Math.floor(t / 1000) * 1000);
    expect(condition(web, 'PodScheduled')?.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    );
    const job = obj(d(), 'Job', 'report')!;
    expect(job.status).toMatchObject({ active: 0, failed: 1, succeeded: 0 });
    expect(condition(job, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    const e = one(d(), 'BackoffLimitExceeded', 'Job/default/report');
    expect([e.type, e.source]).toEqual(['Warning', 'job-controller']);
    expect(e.time - t).toBeLessThanOrEqual(s(1));
    expect(owned(d(), 'report-')).toEqual([]);
  });
});

describe('uncordon while the node is dead (uncordon-dead-node.yaml)', () => {
  const dead = () => run('uncordon-dead-node.yaml', '150s');
  const d = () => run('uncordon-dead-node.yaml', '260s');

  it('takes away spec.unschedulable and its taint only; the unreachable taints stay and the replacement still waits', () => {
    const node = obj(dead(), 'Node', 'worker-2')!;
    expect(node.spec?.unschedulable).toBeUndefined();
    expect((node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    const [pending] = owned(dead(), 'web-').filter((p) => !p.spec?.nodeName);
    expect(condition(pending, 'PodScheduled')?.message).toBe(
      "0/2 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    );
  });

  it('back at 200 s: no NodeSchedulable from the new kubelet (it never saw the cordon); the replacement binds to worker-2 within seconds', () => {
    expect(events(d(), 'NodeSchedulable')).toEqual([]);
    const [fresh] = owned(d(), 'web-').filter((p) => created(p) > s(60));
    expect(fresh.spec?.nodeName).toBe('worker-2');
    const bound = one(d(), 'Scheduled', `Pod/default/${fresh.metadata.name}`).time;
    expect(bound).toBeGreaterThanOrEqual(s(200));
    expect(bound).toBeLessThanOrEqual(s(203));
  });
});

describe('a drain held by a budget because another node is dead (drain-while-another-node-dead.yaml)', () => {
  const d = () => run('drain-while-another-node-dead.yaml', '420s');
  const attempts = (doc: Doc) => doc.kubectl.filter((l) => l.text.startsWith('evicting pod ')).map((l) => l.time / 1000);

  it('retries every 5 s from 100 s; every try until the replacement is Ready is refused with the budget message', () => {
    const tries = attempts(d());
    expect(tries[0]).toBe(100);
    expect(tries.every((t, i) => i === 0 || t - tries[i - 1] === 5)).toBe(true);
    const refusals = d().kubectl.filter((l) => l.stream === 'stderr');
    expect(refusals).toHaveLength(tries.length - 1);
    for (const l of refusals) expect(l.text).toMatch(/Cannot evict pod as it would violate the pod's disruption budget\.$/);
  });

  it('the taint manager deletes the dead pod at T + 300 s; the replacement goes to the worker-4 added at 200 s; the next retry evicts', () => {
    const [m] = marks(d());
    const notReady = one(d(), 'NodeNotReady', 'Node//worker-2').time;
    expect(m.time - notReady).toBeGreaterThanOrEqual(s(300));
    expect(m.time - notReady).toBeLessThanOrEqual(s(306));
    const [fresh] = on(d(), 'web-', 'worker-4');
    expect(one(d(), 'Scheduled', `Pod/default/${fresh.metadata.name}`).time).toBe(m.time);
    const evicted = d().kubectl.find((l) => l.text.endsWith(' evicted'))!;
    const lastTry = attempts(d()).at(-1)!;
    expect(lastTry).toBeGreaterThan(m.time / 1000);
    expect(lastTry - m.time / 1000).toBeLessThanOrEqual(5);
    expect(ts(condition(fresh, 'Ready')?.lastTransitionTime)).toBeLessThanOrEqual(s(lastTry));
    expect(d().kubectl.at(-1)?.text).toBe('node/worker-1 drained');
    expect(evicted.time).toBeGreaterThanOrEqual(s(lastTry));
  });

  it("the evicted pod's replacement waits: worker-1 cordoned, worker-2 tainted, worker-3 and worker-4 hold a web pod", () => {
    const waiting = owned(d(), 'web-').filter((p) => !p.spec?.nodeName);
    expect(waiting).toHaveLength(1);
    expect(condition(waiting[0], 'PodScheduled')?.message).toMatch(
      /^0\/4 nodes are available: 1 node\(s\) had untolerated taint\(s\), 1 node\(s\) were unschedulable, 2 node\(s\) didn't match pod anti-affinity rules\./,
    );
    expect(on(d(), 'web-', 'worker-1')).toEqual([]);
  });
});

describe("kubectl drain of a node running Jobs' pods (job-drained.yaml)", () => {
  const mid = () => run('job-drained.yaml', '21.5s');
  const d = () => run('job-drained.yaml', '120s');

  it('each evicted pod counts as failed within the 1 s batch while it terminates; backoffLimit 0 sets FailureTarget, not yet Failed', () => {
    const strict = obj(mid(), 'Job', 'strict')!;
    expect(strict.status).toMatchObject({ active: 0, failed: 1 });
    expect(condition(strict, 'FailureTarget')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: '2026-01-01T00:00:21Z' });
    expect(condition(strict, 'Failed')).toBeUndefined();
    expect(obj(mid(), 'Job', 'retry')?.status).toMatchObject({ active: 0, failed: 1 });
  });

  it('strict fails once its pod has gone, with the Warning event; the drain reports both pods evicted', () => {
    const strict = obj(d(), 'Job', 'strict')!;
    expect(condition(strict, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(one(d(), 'BackoffLimitExceeded', 'Job/default/strict')).toMatchObject({ type: 'Warning', source: 'job-controller', time: s(22) });
    expect(owned(d(), 'strict-')).toEqual([]);
    expect(d().kubectl.map((l) => l.text.replace(/-[a-z0-9]{5}\b/, ''))).toEqual([
      'node/worker-1 cordoned',
      'evicting pod default/by-code',
      'evicting pod default/retry',
      'evicting pod default/strict',
      'evicting pod default/tolerant',
      'pod/by-code evicted',
      'pod/retry evicted',
      'pod/strict evicted',
      'pod/tolerant evicted',
      'node/worker-1 drained',
    ]);
  });

  it('retry (backoffLimit 2) creates its next pod 10 s after the eviction, on worker-2, and goes on running', () => {
    const [next] = owned(d(), 'retry-');
    expect(created(next)).toBe(s(30));
    expect(next.spec?.nodeName).toBe('worker-2');
    expect(obj(d(), 'Job', 'retry')?.status).toMatchObject({ active: 1, failed: 1, succeeded: 0 });
    expect(condition(obj(d(), 'Job', 'retry'), 'Failed')).toBeUndefined();
  });
});

describe('a dead node deleted and replaced by a new one (dead-node-replaced.yaml)', () => {
  const d = () => run('dead-node-replaced.yaml', '240s');
  const waiting = () => run('dead-node-replaced.yaml', '190s');

  it('PodGC removes db-0 and the daemon pod 40–80 s after the delete; db-0 is created again under its name and waits', () => {
    const db0 = obj(waiting(), 'Pod', 'db-0')!;
    expect(created(db0)).toBeGreaterThanOrEqual(s(130));
    expect(created(db0)).toBeLessThanOrEqual(s(170));
    expect(db0.spec?.nodeName).toBeUndefined();
    expect(condition(db0, 'PodScheduled')?.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
    expect(owned(waiting(), 'agent-').map((p) => p.spec?.nodeName)).toEqual(['worker-1']);
    expect(marks(waiting())).toEqual([]);
  });

  it('worker-3 Ready at 201 s: the DaemonSet creates its pod then, and db-0 binds there in the same instant', () => {
    const ready = one(d(), 'NodeReady', 'Node//worker-3').time;
    expect(ready).toBe(s(201));
    const [agent] = on(d(), 'agent-', 'worker-3');
    expect(created(agent)).toBe(ready);
    // The first row is the first db-0's, at 0 s: an event names the object, not its uid.
    const binds = events(d(), 'Scheduled', 'Pod/default/db-0').map((e) => [e.time, e.message]);
    expect(binds).toEqual([
      [0, 'Successfully assigned default/db-0 to worker-2'],
      [ready, 'Successfully assigned default/db-0 to worker-3'],
    ]);
    expect(obj(d(), 'DaemonSet', 'agent')?.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 });
  });

  it("db-0's deletion queued under the new node's not-ready:NoExecute taint is cancelled at the next monitor pass", () => {
    expect(cancels(d()).map((e) => [e.time, e.object])).toEqual([[s(205), 'Pod/default/db-0']]);
    expect(obj(d(), 'Pod', 'db-0')?.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('three of five nodes lost in one zone of two (zone-three-of-five.yaml)', () => {
  const d = () => run('zone-three-of-five.yaml', '900s');
  const taints = (doc: Doc, node: string) => (obj(doc, 'Node', node)?.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);

  it('zone-a (PartialDisruption, a small cluster): only unreachable:NoSchedule, its pods never marked for deletion', () => {
    for (const n of ['a-1', 'a-2', 'a-3']) {
      expect(one(d(), 'NodeNotReady', `Node//${n}`).time).toBe(s(70));
      expect(taints(d(), n)).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
      for (const p of on(d(), 'web-', n)) expect(p.metadata.deletionTimestamp).toBeUndefined();
    }
  });

  it("zone-b (Normal): b-1's NoExecute taint a pass after NotReady, its pod deleted 300 s after it and replaced", () => {
    const notReady = one(d(), 'NodeNotReady', 'Node//b-1').time;
    const taint = ts(obj(d(), 'Node', 'b-1')?.spec?.taints?.find((t) => t.effect === 'NoExecute')?.timeAdded);
    expect(taint - notReady).toBeGreaterThanOrEqual(s(5));
    expect(taint - notReady).toBeLessThanOrEqual(s(5.1));
    const [m] = marks(d());
    expect(marks(d())).toHaveLength(1);
    expect(m.object).toBe(`Pod/default/${on(d(), 'web-', 'b-1')[0].metadata.name}`);
    expect(m.time - taint).toBeGreaterThanOrEqual(s(300));
    expect(m.time - taint).toBeLessThan(s(301));
    expect(owned(d(), 'web-').filter((p) => created(p) === Math.floor(m.time / 1000) * 1000)).toHaveLength(1);
  });
});
