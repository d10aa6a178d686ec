import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject, Pod } from '../../model/types';
import { recordedRun, type Step } from '../../testing/recorded-run';
import { makePod } from '../../testing/builders';
import { deployment, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { SETTLED_POD_UPDATES, samePodForSync } from './replicaset-controller';
import { nodeCommands } from '../../testing/node-commands';

/** Every write and event of a run, with the shortcut on or off. */
function run(objects: KubeObject[], steps: Step[], skip: boolean) {
  SETTLED_POD_UPDATES.skip = skip;
  return recordedRun(objects, steps, { seed: 9, recordSettling: true });
}

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const slowWeb = (replicas: number, minReadySeconds: number): KubeObject => {
  const d = deployment('slow', replicas);
  return { ...d, spec: { ...d.spec, minReadySeconds } } as KubeObject;
};

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 0, max: 200 }).map((s) => s * 1000 + 1),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'uncordon']),
    fc.integer({ min: 0, max: 9 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.integer({ min: 0, max: 5 }).map((i): Command => ({ action: 'deletePod', namespace: 'default', name: `db-${i % 3}` })),
  ),
});

describe('ReplicaSet controller: pod changes no sync can see', () => {
  afterEach(() => {
    SETTLED_POD_UPDATES.skip = true;
  });

  it('tells which pod changes a sync reads', () => {
    const base = makePod('p').owner('ReplicaSet', 'rs').label('app', 'a').phase('Pending').obj();
    const bound: Pod = { ...base, spec: { ...base.spec, nodeName: 'n1' } };
    const running: Pod = { ...bound, status: { ...bound.status, phase: 'Running' } };
    const ready: Pod = { ...running, status: { ...running.status, conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(samePodForSync(base, bound)).toBe(true);
    expect(samePodForSync(bound, running)).toBe(true);
    expect(samePodForSync(running, ready)).toBe(false);
    expect(samePodForSync(running, { ...running, metadata: { ...running.metadata, labels: { app: 'b' } } })).toBe(false);
    expect(samePodForSync(running, { ...running, metadata: { ...running.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } })).toBe(false);
    expect(samePodForSync(running, { ...running, status: { ...running.status, phase: 'Succeeded' } })).toBe(false);
    expect(samePodForSync(running, { ...running, metadata: { ...running.metadata, ownerReferences: [] } })).toBe(false);
  });

  it('random kills, restores, drains, scales and deletions: same writes, events and objects as syncing on every change', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 20 }), (steps, minReady) => {
        const objects = [...section10Cluster(), slowWeb(3, minReady)];
        expect(run(objects, steps, true)).toEqual(run(objects, steps, false));
      }),
      { numRuns: 30, seed: 777 },
    );
  });
});
