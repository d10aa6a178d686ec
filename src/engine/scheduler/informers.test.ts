import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject } from '../model/types';
import { deployment, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { recordedRun, type Step } from '../testing/recorded-run';
import { REUSE_POD_INFO } from './informers';

/** §10's cluster plus a Deployment whose pods request more and prefer to avoid each other (affinity terms). */
function cluster(): KubeObject[] {
  const apart = deployment('apart', 4);
  const tpl = apart.spec.template!;
  tpl.spec = {
    ...tpl.spec,
    containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '300m', memory: '256Mi' } } }],
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'apart' } } } }] } },
  };
  return [...section10Cluster(), apart];
}

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 9 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.integer({ min: 0, max: 6 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'apart', replicas: r })),
    fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'debug' }),
  ),
});

describe('the scheduler informers reuse a bound pod PodInfo on its updates', () => {
  afterEach(() => {
    REUSE_POD_INFO.enabled = true;
  });

  it('random kills, restores, drains, cordons and scales: the same writes, events and objects as building each PodInfo afresh', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        REUSE_POD_INFO.enabled = true;
        const a = recordedRun(cluster(), steps, { seed: 11, recordSettling: true });
        REUSE_POD_INFO.enabled = false;
        const b = recordedRun(cluster(), steps, { seed: 11, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 42 },
    );
  });
});
