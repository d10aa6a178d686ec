import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../model/types';
import { deletePod } from '../../sim/api';
import type { Component, WatchEvent } from '../../sim/contracts';
import { createSimulation } from '../../sim/simulation';
import { barePod, node } from '../node-lifecycle/cluster-fixture';
import { createPodGCController } from './pod-gc-controller';

const s = (x: number) => x * 1000;

function setup(objects: KubeObject[], gc: Component = createPodGCController()) {
  const sim = createSimulation({ seed: 4, components: [gc] });
  const seen: WatchEvent[] = [];
  sim.store.watch((e) => {
    if (e.kind === 'Pod') seen.push(e);
  });
  sim.load(objects);
  sim.advanceTo(s(1));
  return { sim, seen };
}

const running = (p: Pod): Pod => ({ ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });

describe('pod GC', () => {
  it('force-deletes the pods of a deleted Node 40–60 s later, marked Failed with DeletionByPodGC', () => {
    const { sim, seen } = setup([node('gone'), node('stays'), running(barePod('a', 'gone')), running(barePod('b', 'stays'))]);
    sim.advanceTo(s(12));
    sim.dispatch({ action: 'deleteNode', node: 'gone' });
    sim.advanceTo(s(59));
    expect(sim.store.get('Pod', 'default', 'a')).toBeDefined();
    sim.advanceTo(s(80));
    expect(sim.store.get('Pod', 'default', 'a')).toBeUndefined();
    expect(sim.store.get('Pod', 'default', 'b')).toBeDefined();
    const lastUpdate = seen.filter((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'a').pop()!.object as Pod;
    expect(lastUpdate.status?.phase).toBe('Failed');
    expect(lastUpdate.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
    });
    const removedAt = sim.events().length; // PodGC records no events
    expect(removedAt).toBe(0);
    const del = seen.find((e) => e.type === 'DELETED' && e.object.metadata.name === 'a')!;
    expect(del).toBeDefined();
  });

  it('collects a pod created with a nodeName that never existed, after the quarantine', () => {
    const { sim } = setup([node('real'), running(barePod('lost', 'ghost'))]);
    sim.advanceTo(s(39));
    expect(sim.store.get('Pod', 'default', 'lost')).toBeDefined();
    sim.advanceTo(s(60));
    expect(sim.store.get('Pod', 'default', 'lost')).toBeUndefined();
  });

  it('keeps the pods of a node that comes back during the quarantine', () => {
    const { sim } = setup([node('flaky'), running(barePod('a', 'flaky'))]);
    sim.dispatch({ action: 'deleteNode', node: 'flaky' });
    sim.advanceTo(s(25));
    sim.dispatch({ action: 'addNode', object: node('flaky') });
    sim.advanceTo(s(200));
    expect(sim.store.get('Pod', 'default', 'a')).toBeDefined();
  });

  it('force-deletes terminating pods on a not-Ready node with the out-of-service taint at the next pass', () => {
    const { sim } = setup([node('dead'), running(barePod('t', 'dead')), running(barePod('u', 'dead'))]);
    deletePod(sim.ctx, sim.store.get<Pod>('Pod', 'default', 't')!);
    const n = sim.store.get<Node>('Node', undefined, 'dead')!;
    sim.store.update<Node>({
      ...n,
      spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] },
      status: { ...n.status, conditions: [{ type: 'Ready', status: 'Unknown' }] },
    });
    sim.advanceTo(s(19));
    expect(sim.store.get('Pod', 'default', 't')).toBeDefined();
    sim.advanceTo(s(20));
    expect(sim.store.get('Pod', 'default', 't')).toBeUndefined();
    // Not terminating: left to the taint eviction controller.
    expect(sim.store.get('Pod', 'default', 'u')).toBeDefined();
  });

  it('force-deletes terminating pods that were never scheduled', () => {
    const { sim } = setup([barePod('pending')]);
    const p = sim.store.get<Pod>('Pod', 'default', 'pending')!;
    sim.store.update<Pod>({ ...p, metadata: { ...p.metadata, deletionTimestamp: sim.ctx.timestamp(), deletionGracePeriodSeconds: 30 } });
    sim.advanceTo(s(20));
    expect(sim.store.get('Pod', 'default', 'pending')).toBeUndefined();
  });

  it('deletes the oldest terminated pods above the threshold, evicted ones first', () => {
    const done = (name: string, reason?: string): Pod => ({ ...barePod(name, 'w'), status: { phase: reason ? 'Failed' : 'Succeeded', ...(reason ? { reason } : {}) } });
    const { sim } = setup([node('w'), done('old')], createPodGCController(2));
    sim.advanceTo(s(2));
    sim.store.create(done('mid'));
    sim.advanceTo(s(3));
    sim.store.create(done('new'));
    sim.advanceTo(s(5));
    sim.store.create(done('evicted', 'Evicted'));
    sim.advanceTo(s(20));
    const left = sim.store.list<Pod>('Pod').map((p) => p.metadata.name).sort();
    expect(left).toEqual(['mid', 'new']);
  });
});
