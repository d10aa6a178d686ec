/**
 * lifecycle.md §10A: worker-2 loses power under a Deployment, a DaemonSet, a
 * StatefulSet and a bare pod, with every component running. Times are
 * checked against the windows of the reference, counted from worker-2's last
 * Lease renewal.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../model/types';
import { fromTimestamp } from '../../clock/time';
import { eventsOf, fullSimulation, lastRenewal, podsOn, section10Cluster, taintOf } from './cluster-fixture';

const s = (ms: number) => ms * 1000;

function killWorker2() {
  const sim = fullSimulation(1);
  sim.load(section10Cluster());
  sim.advanceTo(s(40));
  const before = podsOn(sim, 'worker-2').map((p) => p.metadata.name!);
  sim.dispatch({ action: 'killNode', node: 'worker-2' });
  const L = lastRenewal(sim, 'worker-2');
  return { sim, before, L };
}

const kind = (p: Pod) => p.metadata.ownerReferences?.find((r) => r.controller)?.kind ?? 'none';

describe('§10A worker-2 loses power', () => {
  it('places the §10 cluster with five pods on worker-2 (two web, one agent, one db, debug)', () => {
    const { before, sim } = killWorker2();
    expect(before).toHaveLength(5);
    const kinds = podsOn(sim, 'worker-2').map(kind).sort();
    expect(kinds).toEqual(['DaemonSet', 'ReplicaSet', 'ReplicaSet', 'StatefulSet', 'none']);
  });

  it('changes nothing visible before the grace period', () => {
    const { sim, L } = killWorker2();
    sim.advanceTo(L + s(49.9));
    expect(eventsOf(sim, 'NodeNotReady')).toHaveLength(0);
    expect(sim.snapshot().nodes.find((n) => n.name === 'worker-2')!.ready).toBe('True');
    expect(podsOn(sim, 'worker-2').every((p) => p.status?.phase === 'Running')).toBe(true);
  });

  it('marks the node Unknown and its pods not ready 50–55 s after the last renewal', () => {
    const { sim, L } = killWorker2();
    sim.advanceTo(L + s(56));
    const [nodeEvent] = eventsOf(sim, 'NodeNotReady', 'Node//worker-2');
    expect(nodeEvent).toMatchObject({ type: 'Normal', source: 'node-controller', message: 'Node worker-2 status is now: NodeNotReady' });
    const t = nodeEvent.firstTime - L;
    expect(t).toBeGreaterThanOrEqual(s(50));
    expect(t).toBeLessThanOrEqual(s(55));

    const node = sim.store.get<Node>('Node', undefined, 'worker-2')!;
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(node.status!.conditions!.find((c) => c.type === type)).toMatchObject({
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
      });
    }
    const podEvents = eventsOf(sim, 'NodeNotReady').filter((e) => e.object.startsWith('Pod/'));
    expect(podEvents).toHaveLength(5);
    for (const e of podEvents) expect(e).toMatchObject({ type: 'Warning', message: 'Node is not ready', source: 'node-controller', firstTime: nodeEvent.firstTime });
    for (const p of podsOn(sim, 'worker-2')) {
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
      // Only the Ready condition changes: container statuses still say ready (kubectl shows 1/1).
      expect((p.status?.containerStatuses as { ready: boolean }[])[0].ready).toBe(true);
    }
    const noSchedule = taintOf(sim, 'worker-2', 'node.kubernetes.io/unreachable', 'NoSchedule');
    expect(fromTimestamp(noSchedule?.timeAdded)).toBe(nodeEvent.firstTime);
  });

  it('adds the NoExecute unreachable taint one monitor period later (55–60 s)', () => {
    const { sim, L } = killWorker2();
    sim.advanceTo(L + s(61));
    const notReadyAt = eventsOf(sim, 'NodeNotReady', 'Node//worker-2')[0].firstTime;
    const taint = taintOf(sim, 'worker-2', 'node.kubernetes.io/unreachable', 'NoExecute');
    const added = fromTimestamp(taint?.timeAdded)!;
    expect(added - notReadyAt).toBeGreaterThan(s(5));
    expect(added - notReadyAt).toBeLessThanOrEqual(s(5.1));
    expect(added - L).toBeGreaterThanOrEqual(s(55));
    expect(added - L).toBeLessThanOrEqual(s(60));
    expect(eventsOf(sim, 'TaintManagerEviction')).toHaveLength(0);
  });

  it('evicts the four pods with 300 s tolerations at ≈355–361 s; the DaemonSet pod stays', () => {
    const { sim, L, before } = killWorker2();
    sim.advanceTo(L + s(354));
    expect(eventsOf(sim, 'TaintManagerEviction')).toHaveLength(0);
    sim.advanceTo(L + s(362));
    const evictions = eventsOf(sim, 'TaintManagerEviction');
    const agent = before.find((n) => n.startsWith('node-agent'))!;
    expect(evictions.map((e) => e.object.split('/')[2]).sort()).toEqual(before.filter((n) => n !== agent).sort());
    for (const e of evictions) {
      expect(e.firstTime - L).toBeGreaterThanOrEqual(s(355));
      expect(e.firstTime - L).toBeLessThanOrEqual(s(361));
      expect(e).toMatchObject({ type: 'Normal', source: 'taint-eviction-controller', message: `Marking for deletion Pod default/${e.object.split('/')[2]}` });
    }
    const at = evictions[0].firstTime;
    for (const p of podsOn(sim, 'worker-2')) {
      if (p.metadata.name === agent) {
        expect(p.metadata.deletionTimestamp).toBeUndefined();
        expect(p.status?.phase).toBe('Running');
        continue;
      }
      expect(p.status?.phase).toBe('Running');
      expect(fromTimestamp(p.metadata.deletionTimestamp)).toBe(at + s(30));
      expect(p.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
    }
  });

  it('replaces the web pods at once on the other workers; db and debug wait forever', () => {
    const { sim, L, before } = killWorker2();
    sim.advanceTo(L + s(362));
    const at = eventsOf(sim, 'TaintManagerEviction')[0].firstTime;
    const creates = eventsOf(sim, 'SuccessfulCreate', 'ReplicaSet/').filter((e) => e.firstTime === at);
    expect(creates).toHaveLength(2);
    sim.advanceTo(L + s(1200));
    const pods = sim.store.list<Pod>('Pod');
    const web = pods.filter((p) => p.metadata.name!.startsWith('web-') && !p.metadata.deletionTimestamp);
    expect(web).toHaveLength(6);
    for (const p of web) {
      expect(p.spec.nodeName).not.toBe('worker-2');
      expect(p.status?.phase).toBe('Running');
    }
    // Every evicted pod is still there, Terminating, on the dead node: nothing can finish it.
    const stuck = before.filter((n) => !n.startsWith('node-agent'));
    for (const name of stuck) {
      const p = sim.store.get<Pod>('Pod', 'default', name)!;
      expect(p.spec.nodeName).toBe('worker-2');
      expect(p.metadata.deletionTimestamp).toBeDefined();
    }
    const db = stuck.find((n) => n.startsWith('db-'))!;
    expect(eventsOf(sim, 'SuccessfulCreate', 'StatefulSet/').filter((e) => e.message.includes(`Pod ${db} `) && e.firstTime > L)).toHaveLength(0);
    expect(pods.filter((p) => p.metadata.name === 'debug')).toHaveLength(1);
    // PodGC leaves them alone: the Node object exists and has no out-of-service taint.
    expect(pods.filter((p) => p.status?.phase === 'Failed')).toHaveLength(0);
    expect(sim.store.list<Pod>('Pod').filter((p) => p.metadata.name!.startsWith('node-agent'))).toHaveLength(3);
  });

  it('admin deletes Node worker-2: RemovingNode, then PodGC removes its pods 40–60 s later; db comes back elsewhere', () => {
    const { sim, L, before } = killWorker2();
    sim.advanceTo(L + s(100));
    const D = sim.time;
    sim.dispatch({ action: 'deleteNode', node: 'worker-2' });
    sim.advanceTo(D + s(5));
    expect(eventsOf(sim, 'RemovingNode')).toMatchObject([{ object: 'Node//worker-2', message: 'Node worker-2 event: Removing Node worker-2 from Controller', source: 'node-controller' }]);
    sim.advanceTo(D + s(39));
    expect(sim.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === 'worker-2')).toHaveLength(5);
    sim.advanceTo(D + s(61));
    expect(sim.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === 'worker-2')).toHaveLength(0);
    sim.advanceTo(D + s(70));
    const db = before.find((n) => n.startsWith('db-'))!;
    const newDb = sim.store.get<Pod>('Pod', 'default', db)!;
    expect(newDb.spec.nodeName).not.toBe('worker-2');
    expect(newDb.status?.phase).toBe('Running');
    expect(sim.store.get('Pod', 'default', 'debug')).toBeUndefined();
    expect(sim.store.list<Pod>('Pod').filter((p) => p.metadata.name!.startsWith('node-agent'))).toHaveLength(2);
  });

  it('out-of-service taint: every pod goes at once (DaemonSet pod too), PodGC force-deletes them at its next pass', () => {
    const { sim, L, before } = killWorker2();
    sim.advanceTo(L + s(400));
    const n = sim.store.get<Node>('Node', undefined, 'worker-2')!;
    sim.store.update<Node>({ ...n, spec: { ...n.spec, taints: [...(n.spec?.taints ?? []), { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } });
    const O = sim.time;
    sim.advanceTo(O);
    const agent = before.find((x) => x.startsWith('node-agent'))!;
    expect(eventsOf(sim, 'TaintManagerEviction', `Pod/default/${agent}`)).toMatchObject([{ firstTime: O }]);
    sim.advanceTo(O + s(20));
    expect(sim.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === 'worker-2')).toHaveLength(0);
    sim.advanceTo(O + s(30));
    const db = before.find((x) => x.startsWith('db-'))!;
    expect(sim.store.get<Pod>('Pod', 'default', db)!.status?.phase).toBe('Running');
  });

  it('is deterministic: same seed, same events and objects', () => {
    const run = () => {
      const { sim, L } = killWorker2();
      sim.advanceTo(L + s(400));
      return JSON.stringify({ events: sim.events(), objects: sim.objects() });
    };
    expect(run()).toBe(run());
  });
});
