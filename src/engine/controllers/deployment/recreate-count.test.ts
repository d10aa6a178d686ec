/**
 * The Deployment controller skips a deleted pod's ReplicaSet and Deployment lookups while no
 * stored Deployment is anything but a rolling update (COUNT_RECREATES), and its status write
 * reads the Deployment from the queue slot (SLOT_OBJECTS, also covered by
 * workload/slot-objects.test.ts). Random kills, drains, scales, strategy changes between
 * Recreate and RollingUpdate, and Deployments removed and re-applied give the same writes
 * (with what they wrote), events and objects with the count on and off.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject } from '../../model/types';
import { createSimulation } from '../../sim/simulation';
import { nodeCommands } from '../../testing/node-commands';
import { deployment, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { COUNT_RECREATES } from './deployment-controller';

afterEach(() => {
  COUNT_RECREATES.enabled = true;
});

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

/** `name` with a strategy and a template version (a new version starts a rollout: Recreate waits for the old pods to go). */
const withStrategy = (name: string, replicas: number, recreate: boolean, v: number): KubeObject => {
  const d = deployment(name, replicas);
  const spec = d.spec as { template: { metadata: { labels: Record<string, string> } } };
  return {
    ...d,
    spec: {
      ...d.spec,
      strategy: recreate ? { type: 'Recreate' } : { type: 'RollingUpdate' },
      template: { ...spec.template, metadata: { labels: { app: name, v: String(v) } } },
    },
  };
};

type Op = { command: Command } | { remove: string } | null;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant(null),
  ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'uncordon']).map((a) => a.map((command): Op => ({ command }))),
  fc.record({ name: fc.constantFrom('web', 'api'), r: fc.integer({ min: 0, max: 6 }) }).map(({ name, r }): Op => ({ command: { action: 'scale', kind: 'Deployment', namespace: 'default', name, replicas: r } })),
  fc
    .record({ name: fc.constantFrom('web', 'api'), r: fc.integer({ min: 1, max: 5 }), recreate: fc.boolean(), v: fc.integer({ min: 1, max: 3 }) })
    .map(({ name, r, recreate, v }): Op => ({ command: { action: 'apply', object: withStrategy(name, r, recreate, v) } })),
  fc.constantFrom('web', 'api').map((name): Op => ({ remove: name })),
);

function run(steps: readonly { wait: number; op: Op }[], on: boolean) {
  COUNT_RECREATES.enabled = on;
  const sim = createSimulation({ seed: 17 });
  const writes: string[] = [];
  sim.store.watch((e) => {
    const o = e.object as KubeObject & { spec?: unknown; status?: unknown };
    const what = e.kind === 'Deployment' || e.kind === 'ReplicaSet' ? ` ${JSON.stringify(o.spec)} ${JSON.stringify(o.status)}` : '';
    writes.push(`${sim.time} ${e.type} ${e.kind} ${o.metadata.name} ${o.metadata.resourceVersion ?? ''}${what}`);
  });
  sim.load([...section10Cluster().filter((o) => o.kind !== 'Deployment'), withStrategy('web', 4, false, 1), deployment('api', 2)]);
  sim.advanceTo(40_000);
  for (const s of steps) {
    sim.advanceBy(s.wait);
    if (s.op === null) continue;
    if ('remove' in s.op) sim.store.remove('Deployment', 'default', s.op.remove);
    else {
      try {
        sim.dispatch(s.op.command);
      } catch (e) {
        writes.push(`refused: ${(e as Error).message}`);
      }
    }
  }
  return { writes, events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()) };
}

describe('Deployment controller: deleted pods while no Deployment is a Recreate one', () => {
  it('a Recreate rollout waits for its old pods (the wake-up the count must not lose)', () => {
    const steps = [
      { wait: 1000, op: { command: { action: 'apply', object: withStrategy('web', 4, true, 2) } } as Op },
      { wait: 120_000, op: null },
    ];
    const a = run(steps, true);
    expect(a).toEqual(run(steps, false));
    const pods = JSON.parse(a.objects).filter((o: KubeObject) => o.kind === 'Pod' && o.metadata.labels?.v === '2');
    expect(pods.length).toBe(4);
  });

  it('a Deployment removed and re-applied as Recreate, then rolled out during a kill (the count must take in the re-apply)', () => {
    const steps = [
      { wait: 1000, op: { remove: 'web' } as Op },
      { wait: 1000, op: { command: { action: 'apply', object: withStrategy('web', 4, true, 1) } } as Op },
      { wait: 60_000, op: { command: { action: 'killNode', node: 'worker-2' } } as Op },
      { wait: 1000, op: { command: { action: 'apply', object: withStrategy('web', 3, true, 2) } } as Op },
      { wait: 400_000, op: { command: { action: 'restoreNode', node: 'worker-2' } } as Op },
      { wait: 1000, op: { command: { action: 'apply', object: withStrategy('web', 5, true, 3) } } as Op },
      { wait: 120_000, op: null },
    ];
    expect(run(steps, true)).toEqual(run(steps, false));
  });

  it('random kills, drains, scales, strategy changes, removals and re-applies: same writes, events and objects', () => {
    const stepArb = fc.record({ wait: fc.integer({ min: 0, max: 120 }).map((s) => s * 1000 + 1), op: opArb });
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
        const all = [...steps, { wait: 400_000, op: null }];
        expect(run(all, true)).toEqual(run(all, false));
      }),
      { numRuns: 40, seed: 3031 },
    );
  });
});
