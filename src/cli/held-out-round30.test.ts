/**
 * Held-out timelines (round 30): a flapping node, a restore during rate-limited tainting, a
 * Parallel StatefulSet and a node deleted with Terminating pods, each a scenario in
 * ./run-cases played through `podscape run FILE --until T --output json` and checked against
 * upstream (the upstream source is named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));
const on = (d: Doc, prefix: string, node: string) => owned(d, prefix).filter((p) => p.spec?.nodeName === node);
const created = (p: Obj) => ts(p.metadata.creationTimestamp);
const marks = (d: Doc) => events(d, 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking for deletion'));
const cancels = (d: Doc) => events(d, 'TaintManagerEviction').filter((e) => e.message.startsWith('Cancelling deletion'));
const noExecute = (n: Obj | undefined) => n?.spec?.taints?.find((t) => t.effect === 'NoExecute');

describe('a node that flaps: back inside the grace, lost again, back before eviction, lost a third time (node-flap.yaml)', () => {
  const d = () => run('node-flap.yaml', '700s');
  const mid = () => run('node-flap.yaml', '190s');

  it('the 30 s outage leaves no trace in the control plane; the second is NotReady 50–55 s after the kubelet last renewed (60–70 s)', () => {
    const row = one(d(), 'NodeNotReady', 'Node//worker-3');
    expect(row.count).toBe(2);
    expect(row.firstTime).toBeGreaterThan(s(60 + 50));
    expect(row.firstTime).toBeLessThanOrEqual(s(70 + 55));
    const [pod] = on(mid(), 'web-', 'worker-3');
    expect(one(d(), 'NodeNotReady', `Pod/default/${pod.metadata.name}`)).toMatchObject({ type: 'Warning', count: 2, message: 'Node is not ready' });
    expect(noExecute(obj(mid(), 'Node', 'worker-3'))?.key).toBe('node.kubernetes.io/unreachable');
  });

  it('the return at 200 s removes the taints and cancels the queued deletion; nothing was replaced', () => {
    const [cancel] = cancels(d());
    expect(cancel).toMatchObject({ time: s(200), type: 'Normal', source: 'taint-eviction-controller' });
    expect(cancels(d())).toHaveLength(1);
    const pod = cancel.message.replace('Cancelling deletion of Pod default/', '');
    // Each kubelet start is a new process with an empty event cache: one row per return.
    expect(events(d(), 'SandboxChanged', `Pod/default/${pod}`).map((e) => [e.time, e.count])).toEqual([
      [s(60), 1],
      [s(200), 1],
    ]);
    expect(owned(mid(), 'web-')).toHaveLength(3);
  });

  it('the third loss is counted afresh: deletion 300 s after the new taint, not after the first one', () => {
    const row = one(d(), 'NodeNotReady', 'Node//worker-3');
    expect(row.lastTime).toBeGreaterThan(s(250 + 50));
    expect(row.lastTime).toBeLessThanOrEqual(s(260 + 55));
    const [mark] = marks(d());
    expect(marks(d())).toHaveLength(1);
    expect(mark.time - row.lastTime).toBeGreaterThanOrEqual(s(300));
    expect(mark.time - row.lastTime).toBeLessThanOrEqual(s(306));
    const fresh = owned(d(), 'web-').filter((p) => created(p) > s(0));
    expect(fresh).toHaveLength(1);
    expect(created(fresh[0])).toBe(Math.floor(mark.time / 1000) * 1000);
    expect(fresh[0].spec?.nodeName).not.toBe('worker-3');
  });
});

describe('a node restored while the NoExecute tainting of a three-node loss is rate limited (restore-during-rate-limit.yaml)', () => {
  const d = () => run('restore-during-rate-limit.yaml', '450s');
  const taintAt = (n: string) => ts(noExecute(obj(d(), 'Node', n))?.timeAdded);

  it('the three go NotReady together; the zone stays Normal (3 of 10) and taints one node each 10 s', () => {
    for (const n of ['n-01', 'n-02', 'n-03']) expect(one(d(), 'NodeNotReady', `Node//${n}`).time).toBe(s(70));
    expect(taintAt('n-01')).toBe(s(75));
    expect(taintAt('n-02')).toBe(s(85));
  });

  it('n-03, back at 75 s before its turn, is never tainted NoExecute and keeps its pod; the other two pods are deleted 300 s after their own taint', () => {
    expect(obj(d(), 'Node', 'n-03')?.spec?.taints ?? []).toEqual([]);
    const kept = on(d(), 'web-', 'n-03');
    expect(kept).toHaveLength(1);
    expect(kept[0].metadata.deletionTimestamp).toBeUndefined();
    expect(condition(kept[0], 'Ready')?.status).toBe('True');
    expect(marks(d()).map((e) => e.time)).toEqual([s(375.1), s(385.1)]);
    for (const n of ['n-01', 'n-02']) expect(on(d(), 'web-', n).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(owned(d(), 'web-').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(10);
  });
});

describe('a Parallel StatefulSet scaled up while one of its pods is on a dead node (statefulset-parallel-dead-node.yaml)', () => {
  const held = () => run('statefulset-parallel-dead-node.yaml', '400s');
  const d = () => run('statefulset-parallel-dead-node.yaml', '700s');

  it('Parallel does not wait for the NotReady pod: db-3 and db-4 created at 100 s, off the dead node', () => {
    expect(obj(held(), 'Pod', 'db-0')?.spec?.nodeName).toBe('worker-3');
    for (const n of ['db-3', 'db-4']) {
      const p = obj(held(), 'Pod', n)!;
      expect(created(p)).toBe(s(100));
      expect(p.spec?.nodeName).not.toBe('worker-3');
    }
  });

  it('db-0 Terminating on the dead node is not replaced; status counts it in replicas only', () => {
    const db0 = obj(held(), 'Pod', 'db-0')!;
    expect(db0.metadata.deletionTimestamp).toBeDefined();
    expect(condition(db0, 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
    expect(owned(held(), 'db-')).toHaveLength(5);
    expect(obj(held(), 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 5, readyReplicas: 4, currentReplicas: 4, updatedReplicas: 4 });
  });

  it('after the return db-0 is created again under its name and runs', () => {
    const db0 = obj(d(), 'Pod', 'db-0')!;
    expect(created(db0)).toBeGreaterThanOrEqual(s(500));
    expect(db0.metadata.deletionTimestamp).toBeUndefined();
    expect(db0.status?.phase).toBe('Running');
    const row = events(d(), 'SuccessfulCreate', 'StatefulSet/default/db').find((e) => e.message === 'create Pod db-0 in StatefulSet db successful');
    expect(row).toMatchObject({ count: 2, firstTime: 0 });
    expect(obj(d(), 'StatefulSet', 'db')?.status).toMatchObject({ replicas: 5, readyReplicas: 5 });
  });
});

describe('kubectl delete node on a dead node whose pods are already Terminating (delete-node-terminating.yaml)', () => {
  const before = () => run('delete-node-terminating.yaml', '399s');
  const d = () => run('delete-node-terminating.yaml', '520s');

  it('before the delete: web and db pods Terminating there, the DaemonSet pod not marked', () => {
    const there = pods(before()).filter((p) => p.spec?.nodeName === 'worker-3');
    expect(there).toHaveLength(3);
    const agent = there.find((p) => p.metadata.name.startsWith('agent-'))!;
    expect(agent.metadata.deletionTimestamp).toBeUndefined();
    for (const p of there.filter((q) => q !== agent)) expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(marks(before())).toHaveLength(2);
  });

  it('RemovingNode at the delete; PodGC force-deletes all three 40–60 s later, with no event and no Cancelling row', () => {
    expect(one(d(), 'RemovingNode', 'Node//worker-3')).toMatchObject({ time: s(400), message: 'Node worker-3 event: Removing Node worker-3 from Controller' });
    expect(pods(d()).filter((p) => p.spec?.nodeName === 'worker-3')).toEqual([]);
    expect(cancels(d())).toEqual([]);
    const db2 = obj(d(), 'Pod', 'db-2')!;
    expect(created(db2)).toBeGreaterThanOrEqual(s(440));
    expect(created(db2)).toBeLessThanOrEqual(s(460));
    expect(db2.spec?.nodeName).toBeDefined();
  });

  it('the DaemonSet wants two pods and does not replace the third; web has three running', () => {
    expect(obj(d(), 'DaemonSet', 'agent')?.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2 });
    expect(owned(d(), 'agent-')).toHaveLength(2);
    expect(owned(d(), 'web-').filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
  });
});
