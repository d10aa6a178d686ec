/**
 * Create-time pod defaults are written into the stored copy's spec itself (the store owns
 * it: a deep copy, or an object built for the call) instead of into a second copy: the
 * stored pods are the same, field for field and in the same order, and random cluster runs
 * make the same writes, events and objects either way; no object is written after it was
 * stored (a template's spec is never the pod's).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import { VirtualClock } from '../clock/virtual-clock';
import type { Pod } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { deployment, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { objectsWrittenAfterStored, recordedRun, type Step } from '../testing/recorded-run';
import { deepClone } from './clone';
import { ObjectStore } from './object-store';
import { DEFAULTS_IN_PLACE } from './pod-admission';

const newStore = () => new ObjectStore({ clock: new VirtualClock(), rng: new Rng(1), config: defaultControlPlaneConfig() });

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

describe('create-time pod defaults written in place', () => {
  afterEach(() => {
    DEFAULTS_IN_PLACE.enabled = true;
  });

  it('store the same pods as defaults written into a copy, for taken and copied creates (property)', () => {
    const specArb = fc.record(
      {
        schedulerName: fc.constantFrom('default-scheduler', 'other'),
        terminationGracePeriodSeconds: fc.constantFrom(0, 10, 30),
        restartPolicy: fc.constantFrom('Always', 'Never'),
        tolerations: fc.array(fc.record({ key: fc.constantFrom('node.kubernetes.io/unreachable', 'x'), operator: fc.constant('Exists'), effect: fc.constantFrom('NoExecute', 'NoSchedule') }), { maxLength: 2 }),
        priority: fc.constantFrom(0, 5),
        nodeName: fc.constant('n1'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(specArb, fc.boolean(), (extra, take) => {
        const pod = (): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c' }], ...deepClone(extra) } as Pod['spec'] });
        DEFAULTS_IN_PLACE.enabled = true;
        const a = newStore().create(pod(), { take });
        DEFAULTS_IN_PLACE.enabled = false;
        const b = newStore().create(pod(), { take });
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      }),
      { numRuns: 300 },
    );
  });

  it('random kills, restores, drains, scales and deletes: same writes, events and objects either way', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        DEFAULTS_IN_PLACE.enabled = true;
        const a = recordedRun(section10Cluster(), steps, { seed: 5, recordSettling: true });
        DEFAULTS_IN_PLACE.enabled = false;
        const b = recordedRun(section10Cluster(), steps, { seed: 5, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 53 },
    );
  });

  it('random runs: no object is written after it was stored (owners, templates and pods included)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        expect(objectsWrittenAfterStored(section10Cluster(), steps, 5)).toEqual([]);
      }),
      { numRuns: 15, seed: 59 },
    );
  });
});
