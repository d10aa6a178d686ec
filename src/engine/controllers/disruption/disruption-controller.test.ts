import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, PodDisruptionBudget } from '../../model/types';
import { deletePod } from '../../sim/api';
import { createSimulation } from '../../sim/simulation';
import { createKubeletManager } from '../../kubelet/kubelet-manager';
import { createDeploymentController } from '../deployment/deployment-controller';
import { createReplicaSetController } from '../replicaset/replicaset-controller';
import { createStatefulSetController } from '../statefulset/statefulset-controller';
import { createDaemonSetController } from '../daemonset/daemonset-controller';
import { createSchedulerComponent } from '../../scheduler/scheduler-component';
import { barePod, daemonSet, deployment, eventsOf, node, pdb, statefulSet } from '../node-lifecycle/cluster-fixture';
import { createDisruptionController } from './disruption-controller';
import { formatLabelSelector, scaledValue } from './pdb';

const s = (x: number) => x * 1000;

function setup(objects: KubeObject[]) {
  const sim = createSimulation({
    seed: 9,
    components: [
      createKubeletManager(),
      createDisruptionController(),
      createReplicaSetController(),
      createDeploymentController(),
      createStatefulSetController(),
      createDaemonSetController(),
      createSchedulerComponent(),
    ],
  });
  sim.load([node('w1'), node('w2'), ...objects]);
  sim.advanceTo(s(30));
  return sim;
}

const status = (sim: ReturnType<typeof setup>, name: string) => sim.store.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', name)!.status!;

describe('disruption controller', () => {
  it('minAvailable as a number: expectedPods = matching pods, desiredHealthy = N', () => {
    const sim = setup([statefulSet('db', 3), pdb('db-pdb', 'db', { minAvailable: 2 })]);
    expect(status(sim, 'db-pdb')).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, observedGeneration: 1 });
    expect(status(sim, 'db-pdb').conditions).toMatchObject([{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }]);
  });

  it('minAvailable 3 of 3 allows nothing (InsufficientPods)', () => {
    const sim = setup([statefulSet('db', 3), pdb('db-pdb', 'db', { minAvailable: 3 })]);
    expect(status(sim, 'db-pdb')).toMatchObject({ currentHealthy: 3, desiredHealthy: 3, disruptionsAllowed: 0 });
    expect(status(sim, 'db-pdb').conditions).toMatchObject([{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' }]);
  });

  it('percentages and maxUnavailable scale from the owner (Deployment through its ReplicaSet), rounding up', () => {
    const sim = setup([
      deployment('web', 5),
      pdb('pct', 'web', { minAvailable: '50%' }),
      statefulSet('db', 3),
      pdb('max', 'db', { maxUnavailable: '34%' }),
    ]);
    expect(status(sim, 'pct')).toMatchObject({ expectedPods: 5, desiredHealthy: 3, currentHealthy: 5, disruptionsAllowed: 2 });
    // 34 % of 3 = 1.02 → 2 unavailable allowed → desiredHealthy 1.
    expect(status(sim, 'max')).toMatchObject({ expectedPods: 3, desiredHealthy: 1, disruptionsAllowed: 2 });
  });

  it('counts only Ready, non-terminating pods as healthy', () => {
    const sim = setup([statefulSet('db', 3), pdb('db-pdb', 'db', { minAvailable: 1 })]);
    deletePod(sim.ctx, sim.store.get<Pod>('Pod', 'default', 'db-0')!);
    sim.advanceTo(sim.time);
    expect(status(sim, 'db-pdb')).toMatchObject({ currentHealthy: 2, expectedPods: 3 });
  });

  it('fails safe for pods whose controller has no scale (DaemonSet with a percentage)', () => {
    const sim = setup([daemonSet('agent'), pdb('agent-pdb', 'agent', { maxUnavailable: 1 })]);
    expect(status(sim, 'agent-pdb')).toMatchObject({ disruptionsAllowed: 0 });
    const [cond] = status(sim, 'agent-pdb').conditions as { type: string; status: string; reason: string; message: string }[];
    expect(cond).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed' });
    expect(cond.message).toBe('daemonsets.apps does not implement the scale subresource');
    expect(eventsOf(sim, 'CalculateExpectedPodCountFailed')[0].message).toBe('Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource');
  });

  it('warns about unmanaged pods and reports a budget with no pods', () => {
    const sim = setup([barePod('solo', 'w1'), pdb('solo-pdb', 'solo', { maxUnavailable: 0 }), pdb('empty', 'nothing', { minAvailable: 1 })]);
    expect(eventsOf(sim, 'UnmanagedPods')[0].message).toBe(
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: solo,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
    expect(eventsOf(sim, 'NoPods', 'PodDisruptionBudget/default/empty')).toMatchObject([{ type: 'Normal', message: 'No matching pods found' }]);
    expect(status(sim, 'empty')).toMatchObject({ expectedPods: 0, disruptionsAllowed: 0 });
  });

  it('forgets a disrupted pod that was not deleted after 2 minutes, with NotDeleted', () => {
    const sim = setup([statefulSet('db', 3), pdb('db-pdb', 'db', { minAvailable: 1 })]);
    const p = sim.store.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'db-pdb')!;
    sim.store.update<PodDisruptionBudget>({ ...p, status: { ...p.status, disruptionsAllowed: 1, disruptedPods: { 'db-1': sim.ctx.timestamp() } } });
    sim.advanceTo(sim.time + s(1));
    expect(status(sim, 'db-pdb')).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1, disruptedPods: { 'db-1': sim.ctx.timestamp(s(30)) } });
    sim.advanceTo(s(30) + s(120));
    expect(status(sim, 'db-pdb').disruptedPods).toBeUndefined();
    expect(status(sim, 'db-pdb')).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 2 });
    expect(eventsOf(sim, 'NotDeleted')).toMatchObject([
      { object: 'Pod/default/db-1', type: 'Warning', message: "Pod was expected by PDB default/default to be deleted but it wasn't", firstTime: s(150) },
    ]);
  });

  it('helpers: int-or-percent rounds up; selectors print as Go prints them', () => {
    expect(scaledValue('50%', 5)).toBe(3);
    expect(scaledValue(2, 5)).toBe(2);
    expect(() => scaledValue('3', 5)).toThrow(/not a percentage/);
    expect(formatLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] })).toBe(
      '&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[a b],},},}',
    );
  });
});
