/**
 * Pod admission on create and update copies what it changes: random cluster runs never
 * write an object after it was stored (a template's spec is never the pod's).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import { deployment, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { objectsWrittenAfterStored, type Step } from '../testing/recorded-run';

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'cordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.constant<Command>({ action: 'apply', object: deployment('api', 3) }),
    fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'debug' }),
  ),
});

describe('pod admission writes', () => {
  it('random runs: no object is written after it was stored (owners, templates and pods included)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        expect(objectsWrittenAfterStored(section10Cluster(), steps, 5)).toEqual([]);
      }),
      { numRuns: 15, seed: 59 },
    );
  });
});
