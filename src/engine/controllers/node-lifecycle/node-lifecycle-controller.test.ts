import { describe, expect, it } from 'vitest';
import { fromTimestamp } from '../../clock/time';
import { createKubeletManager } from '../../kubelet/kubelet-manager';
import type { Node, Pod } from '../../model/types';
import { startRenewing } from '../../kubelet/lease-table';
import type { Component, SimContext } from '../../sim/contracts';
import { createSimulation } from '../../sim/simulation';
import { barePod, eventsOf, node, taintOf } from './cluster-fixture';
import { createNodeLifecycleController } from './node-lifecycle-controller';

const s = (x: number) => x * 1000;

/** A stand-in kubelet for some nodes only: Ready once, and Lease renewals from then on. */
function heartbeats(names: string[]): Component {
  return {
    name: 'fake-kubelets',
    start(ctx: SimContext) {
      ctx.clock.after(0, 'fake kubelets', () => {
        for (const n of names) {
          const node = ctx.store.get<Node>('Node', undefined, n)!;
          const ts = ctx.timestamp();
          ctx.store.update<Node>({ ...node, status: { ...node.status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: ts, lastTransitionTime: ts }] } });
          startRenewing(ctx, n);
        }
      });
    },
  };
}

function sim(withKubelet = true) {
  const components = withKubelet ? [createKubeletManager(), createNodeLifecycleController()] : [createNodeLifecycleController()];
  return createSimulation({ seed: 7, components });
}

describe('node lifecycle controller', () => {
  it('records RegisteredNode for each node at its first pass and RemovingNode after a delete', () => {
    const x = sim();
    x.load([node('a'), node('b')]);
    x.advanceTo(0);
    expect(eventsOf(x, 'RegisteredNode').map((e) => [e.object, e.message, e.source])).toEqual([
      ['Node//a', 'Node a event: Registered Node a in Controller', 'node-controller'],
      ['Node//b', 'Node b event: Registered Node b in Controller', 'node-controller'],
    ]);
    x.advanceTo(s(12));
    x.dispatch({ action: 'deleteNode', node: 'b' });
    x.advanceTo(s(16));
    const [removing] = eventsOf(x, 'RemovingNode');
    expect(removing).toMatchObject({ object: 'Node//b', message: 'Node b event: Removing Node b from Controller', firstTime: s(15) });
  });

  it('gives a node that never posted status the 60 s startup grace, then NodeStatusNeverUpdated', () => {
    // A second, healthy node keeps the zone out of full disruption.
    const x = createSimulation({ seed: 7, components: [heartbeats(['healthy']), createNodeLifecycleController()] });
    x.load([node('healthy'), node('silent')]);
    x.advanceTo(s(59));
    expect(x.store.get<Node>('Node', undefined, 'silent')!.status?.conditions).toBeUndefined();
    x.advanceTo(s(66));
    const conds = x.store.get<Node>('Node', undefined, 'silent')!.status!.conditions!;
    expect(conds.map((c) => c.type)).toEqual(['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']);
    for (const c of conds) {
      expect(c).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
      expect(fromTimestamp(c.lastTransitionTime)).toBe(s(60));
    }
    // The observed condition was already "Unknown", so no NodeNotReady transition, and tainting starts at once.
    expect(eventsOf(x, 'NodeNotReady')).toHaveLength(0);
    expect(fromTimestamp(taintOf(x, 'silent', 'node.kubernetes.io/unreachable', 'NoExecute')?.timeAdded)).toBe(s(60.1));
  });

  it('keeps the unschedulable NoSchedule taint in step with cordon and uncordon at once', () => {
    const x = sim();
    x.load([node('a')]);
    x.advanceTo(s(3));
    x.dispatch({ action: 'cordon', node: 'a' });
    expect(taintOf(x, 'a', 'node.kubernetes.io/unschedulable', 'NoSchedule')).toMatchObject({ timeAdded: x.ctx.timestamp(s(3)) });
    x.advanceTo(s(4));
    x.dispatch({ action: 'uncordon', node: 'a' });
    expect(taintOf(x, 'a', 'node.kubernetes.io/unschedulable', 'NoSchedule')).toBeUndefined();
  });

  it('maps condition changes to NoSchedule taints and swaps not-ready for unreachable at once', () => {
    const x = createSimulation({ seed: 7, components: [heartbeats(['healthy']), createNodeLifecycleController()] });
    x.load([node('healthy'), node('a')]);
    x.advanceTo(s(1));
    const set = (conditions: NonNullable<Node['status']>['conditions']) => {
      const n = x.store.get<Node>('Node', undefined, 'a')!;
      x.store.update<Node>({ ...n, status: { ...n.status, conditions } });
      x.advanceTo(x.time);
    };
    const hb = x.ctx.timestamp(s(1));
    set([
      { type: 'Ready', status: 'False', reason: 'KubeletNotReady', lastHeartbeatTime: hb, lastTransitionTime: hb },
      { type: 'MemoryPressure', status: 'True', lastHeartbeatTime: hb, lastTransitionTime: hb },
    ]);
    const keys = () => (x.store.get<Node>('Node', undefined, 'a')!.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
    expect(keys()).toEqual(['node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule']);
    // The pass after the one that first sees Ready=False queues it; the not-ready NoExecute taint follows.
    x.advanceTo(s(11));
    expect(keys()).toContain('node.kubernetes.io/not-ready:NoExecute');
    const hb2 = x.ctx.timestamp(s(11));
    set([{ type: 'Ready', status: 'Unknown', lastHeartbeatTime: hb2, lastTransitionTime: hb2 }]);
    x.advanceTo(s(15));
    expect(keys()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  });

  it('marks a pod bound to a node already known not ready as not ready', () => {
    const x = sim();
    x.load([node('a'), node('b')]);
    x.advanceTo(s(10));
    x.store.create(barePod('early', 'a'));
    x.advanceTo(s(12));
    x.dispatch({ action: 'killNode', node: 'a' });
    x.advanceTo(s(70));
    expect(eventsOf(x, 'NodeNotReady', 'Pod/default/early')).toHaveLength(1);
    x.store.create({ ...barePod('late', 'a'), status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } } as Pod);
    x.advanceTo(x.time);
    const late = x.store.get<Pod>('Pod', 'default', 'late')!;
    expect(late.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(eventsOf(x, 'NodeNotReady', 'Pod/default/late')).toMatchObject([{ type: 'Warning', message: 'Node is not ready' }]);
  });

  it('keeps a node healthy on Lease renewals alone (its status is not posted again)', () => {
    const x = sim();
    x.load([node('a'), node('b')]);
    x.advanceTo(s(900));
    expect(eventsOf(x, 'NodeNotReady')).toHaveLength(0);
    const ready = x.store.get<Node>('Node', undefined, 'a')!.status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(fromTimestamp(ready.lastHeartbeatTime)).toBe(0);
    x.dispatch({ action: 'killNode', node: 'a' });
    x.advanceTo(s(960));
    expect(eventsOf(x, 'NodeNotReady', 'Node//a')).toMatchObject([{ firstTime: s(950) }]);
  });
});
