import { describe, expect, it } from 'vitest';
import type { Pod } from '../engine/model/types';
import kubectlList from './fixtures/kubectl-get-nodes-pods-deployments.yaml?raw';
import { loadScenario } from './load-scenario';
import { missingOwners } from './missing-owners';

describe('owners an import leaves out', () => {
  it('names the ReplicaSet of `kubectl get nodes,pods,deployments` (not printed) and the Deployment that makes its own', () => {
    const { summary } = loadScenario(kubectlList, 'kubectl.yaml');
    expect(summary.missingOwners).toEqual([
      { kind: 'ReplicaSet', namespace: 'shop', name: 'checkout-7d9f8b6c5d', dependents: ['Pod/checkout-7d9f8b6c5d-x2kqp', 'Pod/checkout-7d9f8b6c5d-m8w4t'], deployment: 'checkout' },
    ]);
  });

  it('the collector deletes the pods whose owner is absent, and the Deployment runs only its own (no doubled pods)', () => {
    const { sim } = loadScenario(kubectlList, 'kubectl.yaml');
    const checkout = () => sim.store.list<Pod>('Pod', 'shop').filter((p) => p.metadata.labels?.app === 'checkout');
    const names = (pods: Pod[]) => pods.map((p) => p.metadata.name).sort();
    // At time 0 the imported pods are deleting (they ran on nodes: graceful) and the Deployment's own two exist.
    expect(names(checkout().filter((p) => p.metadata.deletionTimestamp))).toEqual(['checkout-7d9f8b6c5d-m8w4t', 'checkout-7d9f8b6c5d-x2kqp']);
    const own = checkout().filter((p) => !p.metadata.deletionTimestamp);
    expect(own).toHaveLength(2);
    for (const p of own) expect(p.metadata.name).not.toMatch(/^checkout-7d9f8b6c5d-/);
    sim.advanceBy(60_000);
    expect(names(checkout())).toEqual(names(own));
  });

  it('is absent when every owner is in the input, and ignores owners the simulation does not run', () => {
    const pod = (name: string, owner?: { kind: string; name: string; controller?: boolean }, namespace = 'default') => ({
      kind: 'Pod',
      metadata: { name, namespace, labels: { app: 'x' }, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', controller: true, ...owner }] } : {}) },
    });
    const rs = { kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' } };
    expect(missingOwners([rs, pod('a', { kind: 'ReplicaSet', name: 'web-1' }), pod('b')])).toEqual([]);
    // Same name, other namespace: missing. A custom owner: not ours. Not the controller: not an owner that makes pods.
    expect(missingOwners([rs, pod('c', { kind: 'ReplicaSet', name: 'web-1' }, 'other'), pod('d', { kind: 'Widget', name: 'legacy' }), pod('e', { kind: 'Job', name: 'j', controller: false })])).toEqual([
      { kind: 'ReplicaSet', namespace: 'other', name: 'web-1', dependents: ['Pod/c'] },
    ]);
    // A ReplicationController is run since round 32: the collector deletes pods naming an absent one.
    expect(missingOwners([pod('f', { kind: 'ReplicationController', name: 'legacy' })])).toEqual([{ kind: 'ReplicationController', namespace: 'default', name: 'legacy', dependents: ['Pod/f'] }]);
    // A Job whose CronJob is absent: the garbage collector deletes it (round 31 runs CronJobs).
    const job = { kind: 'Job', metadata: { name: 'nightly-29453761', namespace: 'default', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', controller: true }] } };
    expect(missingOwners([job as never])).toEqual([{ kind: 'CronJob', namespace: 'default', name: 'nightly', dependents: ['Job/nightly-29453761'] }]);
  });
});
