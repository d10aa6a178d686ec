/**
 * Held-out timelines (round 29): node loss under anti-affinity, preemption, StatefulSets and
 * budgets, each a scenario in ./run-cases played through `podscape run FILE --until T --output
 * json` and checked against upstream (the upstream source is named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));
const on = (d: Doc, prefix: string, node: string) => owned(d, prefix).filter((p) => p.spec?.nodeName === node);
const created = (p: Obj) => ts(p.metadata.creationTimestamp);
const bindTime = (d: Doc, p: Obj) => one(d, 'Scheduled', `Pod/default/${p.metadata.name}`).time;

const ANTI_WAIT =
  "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";

describe('required anti-affinity through a node loss and return (anti-affinity-node-loss.yaml)', () => {
  const d = () => run('anti-affinity-node-loss.yaml', '520s');
  const before = () => run('anti-affinity-node-loss.yaml', '440s');

  it('NotReady 50–55 s after the loss; the lost pod deleted 300 s after the NoExecute taint, replaced at once, and the replacement waits with both reasons', () => {
    const notReady = one(d(), 'NodeNotReady', 'Node//worker-3').time;
    expect(notReady).toBeGreaterThan(s(30 + 50 - 1));
    expect(notReady).toBeLessThanOrEqual(s(30 + 55));
    const marks = events(d(), 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking for deletion'));
    expect(marks).toHaveLength(1);
    expect(marks[0].time - notReady).toBeGreaterThanOrEqual(s(300));
    expect(marks[0].time - notReady).toBeLessThanOrEqual(s(306));
    const [fresh] = owned(d(), 'web-').filter((p) => created(p) > s(60));
    expect(created(fresh)).toBe(Math.floor(marks[0].time / 1000) * 1000);
    const waits = events(d(), 'FailedScheduling', `Pod/default/${fresh.metadata.name}`);
    expect(waits[0]).toMatchObject({ type: 'Warning', source: 'default-scheduler', message: ANTI_WAIT, time: marks[0].time });
  });

  it('before the return: the old pod Terminating on worker-3, the replacement Pending and unnominated', () => {
    const old = on(before(), 'web-', 'worker-3');
    expect(old).toHaveLength(1);
    expect(old[0].metadata.deletionTimestamp).toBeDefined();
    const pending = owned(before(), 'web-').filter((p) => !p.spec?.nodeName);
    expect(pending).toHaveLength(1);
    expect(pending[0].status?.nominatedNodeName).toBeUndefined();
    expect(condition(pending[0], 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: ANTI_WAIT });
  });

  it('back at 450 s: the terminating pod still repels the replacement until the kubelet removes it; then it binds to worker-3', () => {
    const fresh = owned(d(), 'web-').find((p) => created(p) > s(60))!;
    const rows = events(d(), 'FailedScheduling', `Pod/default/${fresh.metadata.name}`).filter((e) => e.time >= s(450));
    for (const e of rows) expect(e.message).toContain("3 node(s) didn't match pod anti-affinity rules");
    expect(fresh.spec?.nodeName).toBe('worker-3');
    expect(bindTime(d(), fresh)).toBeGreaterThanOrEqual(s(450));
    expect(bindTime(d(), fresh)).toBeLessThanOrEqual(s(453));
    const nodes = owned(d(), 'web-').map((p) => p.spec?.nodeName);
    expect(nodes.sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(owned(d(), 'web-').every((p) => !p.metadata.deletionTimestamp)).toBe(true);
  });
});

describe('a higher-priority pod lost with its node preempts on the survivor (preemption-after-node-loss.yaml)', () => {
  const mid = () => run('preemption-after-node-loss.yaml', '135.5s');
  const d = () => run('preemption-after-node-loss.yaml', '240s');
  const apiReplacement = (doc: Doc) => owned(doc, 'api-').find((p) => created(p) > s(60))!;

  it('the api replacement fails with no preemption part in its message, is nominated to worker-1, and the batch pod there is the victim', () => {
    const api = apiReplacement(mid());
    expect(api.status?.nominatedNodeName).toBe('worker-1');
    expect(condition(api, 'PodScheduled')?.message).toBe('0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s).');
    const [victim] = on(mid(), 'batch-', 'worker-1');
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(condition(victim, 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    const pre = one(mid(), 'Preempted', `Pod/default/${victim.metadata.name}`);
    expect(pre).toMatchObject({ type: 'Normal', source: 'default-scheduler', message: `Preempted by pod ${api.metadata.uid} on node worker-1` });
    expect(one(mid(), 'Killing', `Pod/default/${victim.metadata.name}`).message).toBe('Stopping container c');
  });

  it('binds to worker-1 once the victim is gone; the batch replacements find no victim of lower priority and wait', () => {
    const api = apiReplacement(d());
    expect(api.spec?.nodeName).toBe('worker-1');
    expect(on(d(), 'batch-', 'worker-1')).toEqual([]);
    const waiting = owned(d(), 'batch-').filter((p) => !p.spec?.nodeName);
    expect(waiting).toHaveLength(2);
    for (const p of waiting) {
      expect(condition(p, 'PodScheduled')?.message).toContain('preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.');
    }
    expect(events(d(), 'Preempted')).toHaveLength(1);
  });
});

describe('drain of a StatefulSet node under maxUnavailable 1 while another pod of the set is Pending (drain-statefulset-pdb-pending.yaml)', () => {
  const d = () => run('drain-statefulset-pdb-pending.yaml', '120s');
  const early = () => run('drain-statefulset-pdb-pending.yaml', '30s');
  const lines = (doc: Doc) => doc.kubectl.map((l) => `${l.time / 1000} ${l.stream} ${l.text}`);
  const refused = (t: number) => [
    `${t} stdout evicting pod default/db-0`,
    `${t} stderr error when evicting pods/"db-0" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
  ];

  it('the budget counts the Pending db-2 as unhealthy: expected 3, healthy 2, desired 2, no disruption allowed', () => {
    expect(obj(early(), 'PodDisruptionBudget', 'db')?.status).toMatchObject({ expectedPods: 3, currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    expect(obj(early(), 'Pod', 'db-2')?.spec?.nodeName).toBeUndefined();
  });

  it('each eviction is refused every 5 s until db-2 runs on the new worker-3; the next one passes and the node is drained', () => {
    expect(lines(d())).toEqual([
      '20 stdout node/worker-1 cordoned',
      ...refused(20),
      ...refused(25),
      ...refused(30),
      ...refused(35),
      '40 stdout node/worker-3 created',
      ...refused(40),
      '45 stdout evicting pod default/db-0',
      '47 stdout pod/db-0 evicted',
      '47 stdout node/worker-1 drained',
    ]);
    expect(obj(d(), 'Pod', 'db-2')?.spec?.nodeName).toBe('worker-3');
  });

  it('db-0 is created again under its name and waits: worker-1 cordoned, the other two hold a db pod', () => {
    const db0 = obj(d(), 'Pod', 'db-0')!;
    expect(created(db0)).toBeGreaterThan(s(45));
    expect(db0.spec?.nodeName).toBeUndefined();
    expect(condition(db0, 'PodScheduled')?.message).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
    const creates = events(d(), 'SuccessfulCreate', 'StatefulSet/default/db').filter((e) => e.message === 'create Pod db-0 in StatefulSet db successful');
    expect(creates.map((e) => [e.count, e.firstTime])).toEqual([[2, 0]]);
  });
});

describe('an OrderedReady StatefulSet scaled up while one of its pods is on a dead node (statefulset-scale-up-dead-node.yaml)', () => {
  const held = () => run('statefulset-scale-up-dead-node.yaml', '290s');
  const d = () => run('statefulset-scale-up-dead-node.yaml', '340s');

  it('creates nothing while db-1 is not Ready, then Terminating: at 290 s still three pods, db-1 on the dead node', () => {
    expect(owned(held(), 'db-').map((p) => p.metadata.name).sort()).toEqual(['db-0', 'db-1', 'db-2']);
    expect(obj(held(), 'Pod', 'db-1')?.metadata.deletionTimestamp).toBeDefined();
    expect(obj(held(), 'StatefulSet', 'db')?.spec?.replicas).toBe(5);
    expect(events(held(), 'SuccessfulCreate', 'StatefulSet/default/db').every((e) => e.lastTime < s(90))).toBe(true);
  });

  it('after the return: db-1 created again, then db-3 and db-4 one at a time, each after the previous is Ready', () => {
    const t = (n: string) => created(obj(d(), 'Pod', n)!);
    expect(t('db-1')).toBeGreaterThanOrEqual(s(300));
    expect(t('db-3')).toBeGreaterThan(t('db-1'));
    expect(t('db-4')).toBeGreaterThan(t('db-3'));
    for (const n of ['db-1', 'db-3']) {
      const ready = ts(condition(obj(d(), 'Pod', n), 'Ready')?.lastTransitionTime);
      expect(ready).toBeLessThanOrEqual(t(n === 'db-1' ? 'db-3' : 'db-4'));
    }
    expect(owned(d(), 'db-')).toHaveLength(5);
  });
});

describe('the nominated node dies before the victims have gone (nominated-node-dies.yaml)', () => {
  const d = () => run('nominated-node-dies.yaml', '420s');
  const before = () => run('nominated-node-dies.yaml', '320s');
  const urgentRows = (doc: Doc) => events(doc, 'FailedScheduling', 'Pod/default/urgent').map((e) => [e.time, e.message]);

  it('until the flush: urgent stays nominated to the dead worker-2, not retried; the victims Terminating there', () => {
    const urgent = obj(before(), 'Pod', 'urgent')!;
    expect(urgent.spec?.nodeName).toBeUndefined();
    expect(urgent.status?.nominatedNodeName).toBe('worker-2');
    expect(urgentRows(before())).toEqual([[s(10), '0/2 nodes are available: 2 Insufficient cpu.']]);
    const victims = on(before(), 'batch-', 'worker-2');
    expect(victims).toHaveLength(2);
    for (const v of victims) expect(condition(v, 'DisruptionTarget')?.reason).toBe('PreemptionByScheduler');
  });

  it('the 5 min flush (330 s) retries it: preemption again on worker-1, then not eligible while those victims terminate, bound at 331 s', () => {
    expect(urgentRows(d()).slice(1)).toEqual([
      [s(330), '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s).'],
      [s(330), '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s). preemption: not eligible due to a terminating pod on the nominated node.'],
    ]);
    const uid = obj(d(), 'Pod', 'urgent')?.metadata.uid;
    const preempted = events(d(), 'Preempted').map((e) => [e.time, e.message]);
    expect(preempted).toEqual([
      [s(10), `Preempted by pod ${uid} on node worker-2`],
      [s(10), `Preempted by pod ${uid} on node worker-2`],
      [s(330), `Preempted by pod ${uid} on node worker-1`],
      [s(330), `Preempted by pod ${uid} on node worker-1`],
    ]);
    expect(one(d(), 'Scheduled', 'Pod/default/urgent')).toMatchObject({ time: s(331), message: 'Successfully assigned default/urgent to worker-1' });
  });
});
