/**
 * A restarted process's events open new rows (EventRecorder.restarted): client-go's event
 * correlator, which folds an identical event into the earlier one, keeps its cache in the
 * recording process (tools/record: the broadcaster's EventCorrelator), so a kubelet that boots
 * again writes new Event objects for what its previous life already reported. Checked on the
 * recorder alone (short lists and objects with more than SCAN_LIMIT distinct events, filed by
 * store number or by reference), and in a whole simulation: a node back from a power loss.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { fullSimulation, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { EventRecorder } from './recorder';

const node: KubeObject = { kind: 'Node', metadata: { name: 'worker-2' } };
const pod: KubeObject = { kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'u1' } };

describe('EventRecorder.restarted', () => {
  it("starts new rows for the restarted source's events only, and leaves the old rows as they were", () => {
    const clock = new VirtualClock();
    const r = new EventRecorder(clock);
    r.event(node, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet');
    r.event(node, 'Normal', 'RegisteredNode', 'Node worker-2 event: Registered Node worker-2 in Controller', 'node-controller');
    clock.advanceTo(5000);
    r.event(node, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet');
    expect(r.all().map((e) => [e.reason, e.count])).toEqual([['Starting', 2], ['RegisteredNode', 1]]);
    r.restarted(node, 'kubelet');
    clock.advanceTo(9000);
    r.event(node, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet');
    r.event(node, 'Normal', 'RegisteredNode', 'Node worker-2 event: Registered Node worker-2 in Controller', 'node-controller');
    r.event(node, 'Normal', 'Starting', 'Starting kubelet.', 'kubelet');
    expect(r.all().map((e) => [e.reason, e.count, e.firstTime, e.lastTime])).toEqual([
      ['Starting', 2, 0, 5000],
      ['RegisteredNode', 2, 0, 9000],
      ['Starting', 2, 9000, 9000],
    ]);
  });

  it('does the same for an object with more distinct events than the scan limit (kept by message)', () => {
    const clock = new VirtualClock();
    const r = new EventRecorder(clock);
    for (let i = 0; i < 40; i++) r.event(pod, 'Normal', 'Pulled', `image ${i}`, i % 2 === 0 ? 'kubelet' : 'other');
    r.restarted(pod, 'kubelet');
    clock.advanceTo(1000);
    for (let i = 0; i < 40; i++) r.event(pod, 'Normal', 'Pulled', `image ${i}`, i % 2 === 0 ? 'kubelet' : 'other');
    const all = r.all();
    expect(all).toHaveLength(60);
    for (let i = 0; i < 40; i++) expect(all[i]).toMatchObject({ message: `image ${i}`, count: i % 2 === 0 ? 1 : 2, lastTime: i % 2 === 0 ? 0 : 1000 });
    for (let i = 40; i < 60; i++) expect(all[i]).toMatchObject({ message: `image ${(i - 40) * 2}`, source: 'kubelet', count: 1, firstTime: 1000 });
  });

  it('is a no-op for an object without events, and for another UID of that name', () => {
    const clock = new VirtualClock();
    const r = new EventRecorder(clock);
    r.restarted(node, 'kubelet');
    r.event(pod, 'Normal', 'Started', 'Started container c', 'kubelet');
    r.restarted({ ...pod, metadata: { ...pod.metadata, uid: 'u2' } }, 'kubelet');
    r.event(pod, 'Normal', 'Started', 'Started container c', 'kubelet');
    expect(r.all().map((e) => e.count)).toEqual([2]);
  });
});

describe('a kubelet that boots again (power back on worker-2)', () => {
  it("writes new rows for its Node's boot events and for the restarted pods' container events; other sources still aggregate", () => {
    const sim = fullSimulation(1);
    sim.load(section10Cluster());
    sim.advanceTo(40_000);
    sim.dispatch({ action: 'killNode', node: 'worker-2' });
    sim.advanceTo(160_000);
    const R = sim.time;
    expect(sim.dispatch({ action: 'restoreNode', node: 'worker-2' }).ok).toBe(true);
    sim.advanceTo(R + 30_000);
    const ev = sim.events();
    const rows = (object: string, reason: string) => ev.filter((e) => e.object === object && e.reason === reason);
    for (const reason of ['Starting', 'NodeAllocatableEnforced', 'NodeHasSufficientMemory', 'NodeReady']) {
      const r = rows('Node//worker-2', reason);
      expect(r.map((e) => [e.count, e.firstTime, e.lastTime]), reason).toEqual([
        [1, 0, 0],
        // The new kubelet records NodeHasSufficientMemory at registration and again in its first
        // update against the node controller's Unknown (nodestatus setters): one row, count 2.
        [reason === 'NodeHasSufficientMemory' ? 2 : 1, R, R],
      ]);
    }
    // debug restarted in place: its Pulled/Created/Started are new rows after the reboot.
    for (const reason of ['Pulled', 'Created', 'Started']) {
      const r = rows('Pod/default/debug', reason);
      expect(r).toHaveLength(2);
      expect(r.map((e) => e.count)).toEqual([1, 1]);
      expect(r[1].firstTime).toBeGreaterThanOrEqual(R);
    }
    // The node controller's NodeNotReady row on the pod is not the kubelet's: untouched.
    expect(rows('Pod/default/debug', 'NodeNotReady')).toHaveLength(1);
  });
});
