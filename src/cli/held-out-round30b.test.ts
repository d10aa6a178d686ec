/**
 * Held-out timelines (round 30, second part): a maxSurge 0 rollout, pods tolerating every
 * taint, preemptionPolicy Never and a node added under waiting replacements, all after a
 * node loss; each a scenario in ./run-cases played through `podscape run FILE --until T
 * --output json` and checked against upstream (sources in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { condition, events, obj, one, pods, run, s, ts, type Doc, type Obj } from './held-out';

const owned = (d: Doc, prefix: string) => pods(d).filter((p) => p.metadata.name.startsWith(prefix));
const created = (p: Obj) => ts(p.metadata.creationTimestamp);
const marks = (d: Doc) => events(d, 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking for deletion'));
const rsOf = (p: Obj) => p.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet')?.name;

describe('a maxSurge 0 rollout while a node is dead (max-surge-zero-node-loss.yaml)', () => {
  const d = () => run('max-surge-zero-node-loss.yaml', '450s');
  const scaling = (doc: Doc) => events(doc, 'ScalingReplicaSet', 'Deployment/default/web').filter((e) => e.time > 0).map((e) => [e.time / 1000, e.message]);

  it('the unhealthy old pod is cleaned up first (old 3 → 2), then one step each second as new pods become available', () => {
    const oldPod = pods(d()).find((p) => p.spec?.nodeName === 'worker-3')!;
    const oldRs = rsOf(oldPod)!;
    const newRs = owned(d(), 'web-').map(rsOf).find((r) => r !== oldRs)!;
    expect(scaling(d())).toEqual([
      [100, `Scaled down replica set ${oldRs} from 3 to 2`],
      [100, `Scaled up replica set ${newRs} from 0 to 1`],
      [101, `Scaled down replica set ${oldRs} from 2 to 1`],
      [101, `Scaled up replica set ${newRs} from 1 to 2`],
      [102, `Scaled down replica set ${oldRs} from 1 to 0`],
      [102, `Scaled up replica set ${newRs} from 2 to 3`],
    ]);
    // The first deletion is the NotReady pod on the dead node (not-ready ranks first).
    expect(events(d(), 'SuccessfulDelete', `ReplicaSet/default/${oldRs}`)[0]).toMatchObject({ time: s(100), message: `Deleted pod: ${oldPod.metadata.name}` });
    expect(ts(oldPod.metadata.deletionTimestamp)).toBe(s(130));
  });

  it('the deleted pod stays Terminating on the dead node; the taint manager still marks it 300 s after the taint', () => {
    const oldPod = pods(d()).find((p) => p.spec?.nodeName === 'worker-3')!;
    expect(marks(d()).map((e) => [e.time, e.object])).toEqual([[s(375.1), `Pod/default/${oldPod.metadata.name}`]]);
    expect(condition(oldPod, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    expect(obj(d(), 'Deployment', 'web')?.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3, terminatingReplicas: 1 });
  });
});

describe('pods tolerating every taint on a dead node (tolerate-everything.yaml)', () => {
  const d = () => run('tolerate-everything.yaml', '500s');

  it('admission adds no default tolerations to them; web pods get the two 300 s ones', () => {
    for (const p of owned(d(), 'agent-')) expect(p.spec?.tolerations).toEqual([{ operator: 'Exists' }]);
    for (const p of owned(d(), 'web-')) expect(p.spec?.tolerations?.map((t) => t.tolerationSeconds)).toEqual([300, 300]);
  });

  it('only the web pod is marked for deletion and replaced; the agent pod stays on the dead node', () => {
    expect(marks(d()).map((e) => e.object)).toEqual([expect.stringMatching(/^Pod\/default\/web-/)]);
    const stayed = owned(d(), 'agent-').filter((p) => created(p) === 0 && p.spec?.nodeName === 'worker-2');
    expect(stayed).toHaveLength(1);
    expect(stayed[0].metadata.deletionTimestamp).toBeUndefined();
    expect(condition(stayed[0], 'Ready')?.status).toBe('False');
  });

  it('a scale-up binds one new agent pod to the dead node, where it stays Pending with PodScheduled only', () => {
    const fresh = owned(d(), 'agent-').filter((p) => created(p) === s(120));
    expect(fresh.map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-2']);
    const stuck = fresh.find((p) => p.spec?.nodeName === 'worker-2')!;
    expect(stuck.status?.phase).toBe('Pending');
    expect(stuck.status?.conditions?.map((c) => c.type)).toEqual(['PodScheduled']);
    expect(condition(obj(d(), 'Deployment', 'agent'), 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });
});

describe('preemptionPolicy Never for the replacement of a pod lost with its node (preemption-never-node-loss.yaml)', () => {
  const d = () => run('preemption-never-node-loss.yaml', '500s');

  it('the replacement waits, not eligible to preempt; filler keeps running', () => {
    const [fresh] = owned(d(), 'api-').filter((p) => created(p) > 0);
    expect(one(d(), 'FailedScheduling', `Pod/default/${fresh.metadata.name}`)).toMatchObject({
      time: s(375.1),
      type: 'Warning',
      message: '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s). preemption: not eligible due to preemptionPolicy=Never.',
    });
    expect(fresh.status?.nominatedNodeName).toBeUndefined();
    expect(events(d(), 'Preempted')).toEqual([]);
    expect(obj(d(), 'Pod', 'filler')?.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('a node added while replacements wait after a node loss (node-added-while-pending.yaml)', () => {
  const d = () => run('node-added-while-pending.yaml', '560s');
  const fresh = (doc: Doc) => owned(doc, 'web-').filter((p) => created(p) > 0);

  it('both replacements fail at 375.1 s, again when the not-ready node is added, and bind at 501 s when it is Ready', () => {
    expect(fresh(d())).toHaveLength(2);
    for (const p of fresh(d())) {
      const rows = events(d(), 'FailedScheduling', `Pod/default/${p.metadata.name}`).map((e) => [e.time, e.message]);
      expect(rows).toEqual([
        [s(375.1), '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.'],
        [s(500), '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint(s). preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.'],
      ]);
      expect(one(d(), 'Scheduled', `Pod/default/${p.metadata.name}`)).toMatchObject({ time: s(501), message: `Successfully assigned default/${p.metadata.name} to worker-3` });
    }
  });

  it('the first monitor pass tainted worker-3 not-ready:NoExecute; the next removes it and cancels the two queued deletions', () => {
    const rows = events(d(), 'TaintManagerEviction').filter((e) => e.message.startsWith('Cancelling'));
    expect(rows.map((e) => e.time)).toEqual([s(505), s(505)]);
    expect(rows.map((e) => e.object).sort()).toEqual(fresh(d()).map((p) => `Pod/default/${p.metadata.name}`).sort());
    expect(obj(d(), 'Node', 'worker-3')?.spec?.taints ?? []).toEqual([]);
  });
});
