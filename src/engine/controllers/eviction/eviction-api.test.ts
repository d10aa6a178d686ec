import { describe, expect, it } from 'vitest';
import { fromTimestamp } from '../../clock/time';
import type { KubeObject, Pod, PodDisruptionBudget } from '../../model/types';
import { createSimulation } from '../../sim/simulation';
import { createKubeletManager } from '../../kubelet/kubelet-manager';
import { createDisruptionController } from '../disruption/disruption-controller';
import { createStatefulSetController } from '../statefulset/statefulset-controller';
import { createSchedulerComponent } from '../../scheduler/scheduler-component';
import { barePod, node, pdb, statefulSet } from '../node-lifecycle/cluster-fixture';
import { evictPod, MULTIPLE_PDBS_MESSAGE, TOO_MANY_REQUESTS_MESSAGE } from './eviction-api';

const s = (x: number) => x * 1000;

function setup(objects: KubeObject[]) {
  const sim = createSimulation({
    seed: 11,
    components: [createKubeletManager(), createDisruptionController(), createStatefulSetController(), createSchedulerComponent()],
  });
  sim.load([node('w1'), node('w2'), ...objects]);
  sim.advanceTo(s(20));
  return sim;
}

const pod = (sim: ReturnType<typeof setup>, name: string) => sim.store.get<Pod>('Pod', 'default', name);
const budget = (sim: ReturnType<typeof setup>, name: string) => sim.store.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', name)!;

describe('Eviction API', () => {
  it('answers 404 for a missing pod', () => {
    const sim = setup([]);
    expect(evictPod(sim.ctx, 'default', 'nope')).toEqual({ ok: false, code: 404, message: 'pods "nope" not found' });
  });

  it('deletes a pod no budget covers, with DisruptionTarget EvictionByEvictionAPI and its own grace period', () => {
    const sim = setup([barePod('free', 'w1')]);
    expect(evictPod(sim.ctx, 'default', 'free')).toEqual({ ok: true });
    const p = pod(sim, 'free')!;
    expect(fromTimestamp(p.metadata.deletionTimestamp)).toBe(s(50));
    expect(p.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
  });

  it('refuses with 429 when the budget allows no disruption, naming what it needs', () => {
    const sim = setup([statefulSet('db', 3), pdb('db-pdb', 'db', { minAvailable: 3 })]);
    expect(evictPod(sim.ctx, 'default', 'db-1')).toEqual({
      ok: false,
      code: 429,
      message: TOO_MANY_REQUESTS_MESSAGE,
      cause: 'The disruption budget db-pdb needs 3 healthy pods and has 3 currently',
    });
    expect(TOO_MANY_REQUESTS_MESSAGE).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(pod(sim, 'db-1')!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('decrements disruptionsAllowed and records the pod in disruptedPods; the controller then counts it out', () => {
    const sim = setup([statefulSet('db', 3), pdb('db-pdb', 'db', { minAvailable: 1 })]);
    expect(budget(sim, 'db-pdb').status).toMatchObject({ disruptionsAllowed: 2 });
    expect(evictPod(sim.ctx, 'default', 'db-2')).toEqual({ ok: true });
    expect(budget(sim, 'db-pdb').status).toMatchObject({ disruptionsAllowed: 1, disruptedPods: { 'db-2': '2026-01-01T00:00:20Z' } });
    expect(evictPod(sim.ctx, 'default', 'db-1')).toEqual({ ok: true });
    expect(budget(sim, 'db-pdb').status!.disruptionsAllowed).toBe(0);
    expect(budget(sim, 'db-pdb').status!.conditions).toMatchObject([{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' }]);
    expect(evictPod(sim.ctx, 'default', 'db-0')).toMatchObject({ ok: false, code: 429 });
    sim.advanceTo(sim.time);
    // Terminating pods leave disruptedPods and the healthy count.
    expect(budget(sim, 'db-pdb').status).toMatchObject({ currentHealthy: 1, disruptionsAllowed: 0 });
    expect(budget(sim, 'db-pdb').status!.disruptedPods).toBeUndefined();
  });

  it('answers 500 when more than one budget covers the pod', () => {
    const sim = setup([statefulSet('db', 2), pdb('one', 'db', { minAvailable: 1 }), pdb('two', 'db', { maxUnavailable: 1 })]);
    expect(evictPod(sim.ctx, 'default', 'db-0')).toEqual({ ok: false, code: 500, message: MULTIPLE_PDBS_MESSAGE });
  });

  it('deletes Pending and terminating pods without looking at budgets', () => {
    const waiting = barePod('waiting');
    waiting.metadata.labels = { app: 'db' };
    waiting.spec.nodeSelector = { disk: 'none-has-this' };
    const sim = setup([statefulSet('db', 2), pdb('all', 'db', { minAvailable: 2 }), waiting]);
    // "waiting" cannot be scheduled: Pending, and an unbound pod is removed at once by the delete.
    expect(pod(sim, 'waiting')!.status?.phase).toBe('Pending');
    expect(evictPod(sim.ctx, 'default', 'waiting')).toEqual({ ok: true });
    expect(pod(sim, 'waiting')).toBeUndefined();
    expect(evictPod(sim.ctx, 'default', 'db-0')).toMatchObject({ ok: false, code: 429 });
    sim.dispatch({ action: 'deletePod', namespace: 'default', name: 'db-0' });
    expect(evictPod(sim.ctx, 'default', 'db-0')).toEqual({ ok: true });
  });

  it('lets an unready pod go without using the budget while the budget is healthy', () => {
    const sim = setup([statefulSet('db', 3), pdb('db-pdb', 'db', { minAvailable: 2 })]);
    const p = pod(sim, 'db-0')!;
    sim.store.update<Pod>({ ...p, status: { ...p.status, conditions: p.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const } : c)) } });
    sim.advanceTo(sim.time);
    expect(budget(sim, 'db-pdb').status).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    expect(evictPod(sim.ctx, 'default', 'db-0')).toEqual({ ok: true });
    expect(budget(sim, 'db-pdb').status!.disruptedPods).toBeUndefined();
    expect(evictPod(sim.ctx, 'default', 'db-1')).toMatchObject({ ok: false, code: 429 });
  });
});
