import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject } from '../../model/types';
import type { Step } from '../../testing/recorded-run';
import { nodeCommands } from '../../testing/node-commands';
import { deployment, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { REUSE_CUR_WITH } from './rollout';
import { writtenRun } from './written-run';

/** Every write with what it wrote, every event and the final objects, with the reuse on or off. */
function run(objects: KubeObject[], steps: Step[], reuse: boolean) {
  REUSE_CUR_WITH.enabled = reuse;
  return writtenRun(objects, steps, 13);
}

/** `web` at version `v` (a rollout on each change), with the given surge and unavailability. */
const web = (replicas: number, v: number, surge: number | string, unavailable: number | string): KubeObject => {
  const d = deployment('web', replicas);
  const spec = d.spec as { template: { metadata: { labels: Record<string, string> } } };
  return {
    ...d,
    spec: {
      ...d.spec,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
      template: { ...spec.template, metadata: { labels: { app: 'web', v: String(v) } } },
    },
  };
};

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 0, max: 90 }).map((s) => s * 1000 + 1),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom('worker-1', 'worker-2', 'worker-3').map(f), ['killNode', 'restoreNode', 'drain', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc
      .record({ r: fc.integer({ min: 1, max: 8 }), v: fc.integer({ min: 1, max: 3 }), s: fc.constantFrom<number | string>(0, 1, 2, '25%'), u: fc.constantFrom<number | string>(0, 1, '50%') })
      .map(({ r, v, s, u }): Command => ({ action: 'apply', object: web(r, v, s, u) })),
  ),
});

describe('rolling updates with the ReplicaSet list reused while nothing was written', () => {
  afterEach(() => {
    REUSE_CUR_WITH.enabled = true;
  });

  it('a rolling update one pod at a time: same writes (with what they wrote), events and objects', () => {
    const objects = section10Cluster();
    const steps: Step[] = [
      { wait: 1000, command: { action: 'apply', object: web(6, 1, 1, 0) } },
      { wait: 60_000, command: { action: 'apply', object: web(6, 2, 1, 0) } },
      { wait: 120_000, command: { action: 'apply', object: web(6, 3, 2, 1) } },
      { wait: 120_000, command: null },
    ];
    const a = run(objects, steps, true);
    expect(a.writes.filter((w) => w.includes(' Deployment web ')).length).toBeGreaterThan(10);
    expect(a).toEqual(run(objects, steps, false));
  });

  it('random rollouts (surge and unavailability), scales, kills, restores and drains: same writes, events and objects as building it each time', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
        const objects = [...section10Cluster(), deployment('api', 3)];
        const a = run(objects, steps, true);
        expect(a).toEqual(run(objects, steps, false));
      }),
      { numRuns: 40, seed: 5151 },
    );
  });
});
