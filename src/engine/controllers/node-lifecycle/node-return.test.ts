/**
 * lifecycle.md §10A resolution variants: worker-2 comes back before the
 * 300 s tolerations expire (deletions cancelled, pods restart in place), after
 * them (the kubelet finishes the Terminating pods and the StatefulSet recreates
 * its pod), or within the grace period (no trace in the control plane).
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../model/types';
import { fromTimestamp } from '../../clock/time';
import { eventsOf, fullSimulation, lastRenewal, podsOn, section10Cluster, taintOf } from './cluster-fixture';

const s = (x: number) => x * 1000;

function outage(downFor: number) {
  const sim = fullSimulation(1);
  sim.load(section10Cluster());
  sim.advanceTo(s(40));
  const before = podsOn(sim, 'worker-2').map((p) => p.metadata.name!);
  sim.dispatch({ action: 'killNode', node: 'worker-2' });
  const L = lastRenewal(sim, 'worker-2');
  sim.advanceTo(L + downFor);
  const R = sim.time;
  const result = sim.dispatch({ action: 'restoreNode', node: 'worker-2' });
  expect(result.ok).toBe(true);
  return { sim, before, L, R };
}

const after = (sim: ReturnType<typeof fullSimulation>, t: number) => sim.events().filter((e) => e.lastTime >= t);

describe('§10A worker-2 returns', () => {
  it('boots with Starting, NodeAllocatableEnforced, NodeHas*, Rebooted and NodeReady, and renews its Lease again', () => {
    const { sim, R } = outage(s(100));
    sim.advanceTo(R + s(1));
    // A new kubelet process has an empty event correlator (client-go keeps it in the process): every
    // boot event is a new row, and the first boot's rows stay as they were.
    const boot = after(sim, R).filter((e) => e.object === 'Node//worker-2' && e.source === 'kubelet');
    expect(boot.map((e) => e.reason).sort()).toEqual(['NodeAllocatableEnforced', 'NodeHasNoDiskPressure', 'NodeHasSufficientMemory', 'NodeHasSufficientPID', 'NodeReady', 'Rebooted', 'Starting']);
    // Registration (a fresh Node object) and the first update against the node controller's
    // Unknown conditions both record the pressure events (nodestatus setters): one row, count 2.
    for (const e of boot) expect(e).toMatchObject({ firstTime: R, lastTime: R, count: e.reason.startsWith('NodeHas') ? 2 : 1 });
    const first = sim.events().filter((e) => e.object === 'Node//worker-2' && e.source === 'kubelet' && e.firstTime === 0);
    expect(first.map((e) => e.reason).sort()).toEqual(['NodeAllocatableEnforced', 'NodeHasNoDiskPressure', 'NodeHasSufficientMemory', 'NodeHasSufficientPID', 'NodeReady', 'Starting']);
    for (const e of first) expect(e).toMatchObject({ lastTime: 0, count: 1 });
    expect(boot.find((e) => e.reason === 'Rebooted')).toMatchObject({ type: 'Warning' });
    expect(boot.find((e) => e.reason === 'Rebooted')!.message).toMatch(/^Node worker-2 has been rebooted, boot id: [0-9a-f-]{36}$/);
    expect(boot.find((e) => e.reason === 'Starting')!.message).toBe('Starting kubelet.');
    expect(boot.find((e) => e.reason === 'NodeAllocatableEnforced')!.message).toBe('Updated Node Allocatable limit across pods');
    expect(lastRenewal(sim, 'worker-2')).toBe(R);
    sim.advanceTo(R + s(10));
    expect(lastRenewal(sim, 'worker-2')).toBe(R + s(10));
  });

  it('before the tolerations expire: taints go, pending deletions are cancelled, pods restart in place', () => {
    const { sim, before, R } = outage(s(100));
    expect(taintOf(sim, 'worker-2', 'node.kubernetes.io/unreachable', 'NoSchedule')).toBeUndefined();
    sim.advanceTo(R + s(5));
    expect(taintOf(sim, 'worker-2', 'node.kubernetes.io/unreachable', 'NoExecute')).toBeUndefined();
    const cancels = eventsOf(sim, 'TaintManagerEviction');
    expect(cancels.map((e) => e.message).sort()).toEqual(
      before.filter((n) => !n.startsWith('node-agent')).map((n) => `Cancelling deletion of Pod default/${n}`).sort(),
    );
    for (const e of cancels) expect(e.firstTime - R).toBeLessThanOrEqual(s(5));
    sim.advanceTo(R + s(400));
    expect(eventsOf(sim, 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking'))).toHaveLength(0);
    const pods = podsOn(sim, 'worker-2');
    expect(pods.map((p) => p.metadata.name).sort()).toEqual([...before].sort());
    for (const p of pods) {
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect((p.status?.containerStatuses as { restartCount: number }[])[0].restartCount).toBe(1);
    }
    expect(eventsOf(sim, 'SandboxChanged')).toHaveLength(5);
  });

  it('after the tolerations expire: Terminating pods are finished within seconds, db is recreated, debug is gone', () => {
    const { sim, before, R } = outage(s(400));
    const db = before.find((n) => n.startsWith('db-'))!;
    const agent = before.find((n) => n.startsWith('node-agent'))!;
    const oldUids = new Set(podsOn(sim, 'worker-2').map((p) => p.metadata.uid));
    sim.advanceTo(R + s(3));
    const left = podsOn(sim, 'worker-2').filter((p) => oldUids.has(p.metadata.uid)).map((p) => p.metadata.name);
    expect(left).toEqual([agent]);
    expect(sim.store.get<Pod>('Pod', 'default', 'debug')).toBeUndefined();
    // No cancellation for pods whose deletion already happened.
    expect(eventsOf(sim, 'TaintManagerEviction').filter((e) => e.message.startsWith('Cancelling'))).toHaveLength(0);
    sim.advanceTo(R + s(30));
    const recreated = eventsOf(sim, 'SuccessfulCreate', 'StatefulSet/').filter((e) => e.message === `create Pod ${db} in StatefulSet db successful` && e.lastTime >= R);
    expect(recreated).toHaveLength(1);
    const newDb = sim.store.get<Pod>('Pod', 'default', db)!;
    expect(newDb.status?.phase).toBe('Running');
    expect(newDb.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    const agentPod = sim.store.get<Pod>('Pod', 'default', agent)!;
    expect(agentPod.spec.nodeName).toBe('worker-2');
    expect((agentPod.status?.containerStatuses as { restartCount: number }[])[0].restartCount).toBe(1);
    expect(agentPod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    const web = sim.store.list<Pod>('Pod').filter((p) => p.metadata.name!.startsWith('web-'));
    expect(web).toHaveLength(6);
    expect(web.every((p) => p.spec.nodeName !== 'worker-2')).toBe(true);
  });

  it('within the grace period: no condition change and no control-plane event at all', () => {
    const { sim, R, L } = outage(s(30));
    sim.advanceTo(R + s(120));
    const cp = sim.events().filter((e) => e.lastTime > L && ['node-controller', 'taint-eviction-controller'].includes(e.source));
    expect(cp).toHaveLength(0);
    expect(sim.snapshot().nodes.find((n) => n.name === 'worker-2')!.ready).toBe('True');
    expect(taintOf(sim, 'worker-2', 'node.kubernetes.io/unreachable', 'NoSchedule')).toBeUndefined();
  });

  it('keeps the Ready condition transition and heartbeat consistent after the return', () => {
    const { sim, R } = outage(s(100));
    sim.advanceTo(R + s(6));
    const node = sim.store.get<Node>('Node', undefined, 'worker-2')!;
    const ready = node.status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(fromTimestamp(ready.lastTransitionTime)).toBe(R);
    expect(fromTimestamp(ready.lastHeartbeatTime)).toBe(R);
  });
});
