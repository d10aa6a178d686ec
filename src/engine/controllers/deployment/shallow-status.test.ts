import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject } from '../../model/types';
import { createSimulation } from '../../sim/simulation';
import { recordedRun, type Step } from '../../testing/recorded-run';
import { nodeCommands } from '../../testing/node-commands';
import { deployment, section10Cluster, WORKERS } from '../node-lifecycle/cluster-fixture';
import { SHALLOW_STATUS } from './replica-sets';

/** `app` with a template version, a replica count, paused or not and a progress deadline. */
function web(replicas: number, version: number, paused: boolean, deadline?: number): KubeObject {
  const d = deployment('app', replicas);
  const spec = d.spec as { template: { spec: { containers: { image: string; resources: unknown }[] } } };
  spec.template.spec.containers[0].image = `app:${version}`;
  // Version 3 does not fit anywhere: its rollout gets stuck and, with a deadline, times out.
  if (version === 3) spec.template.spec.containers[0].resources = { requests: { cpu: '5', memory: '128Mi' } };
  return { ...d, spec: { ...d.spec, paused, ...(deadline ? { progressDeadlineSeconds: deadline } : {}) } };
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 300 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 9 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'app', replicas: r })),
    fc
      .tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.constantFrom(undefined, 60, 200))
      .map(([r, v, p, dl]): Command => ({ action: 'apply', object: web(r, v, p, dl) })),
  ),
});

/** recordedRun's record, optionally with every Deployment's status frozen as it is written (a write into it in place throws). */
function run(objects: KubeObject[], steps: Step[], freeze: boolean) {
  const sim = createSimulation({ seed: 5 });
  sim.load(objects);
  const writes: string[] = [];
  sim.store.watch((e) => {
    writes.push(`${sim.time} ${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion ?? ''}`);
    if (freeze && e.kind === 'Deployment') deepFreeze((e.object as { status?: unknown }).status);
  });
  for (const s of steps) {
    sim.advanceBy(s.wait);
    if (s.command) {
      try {
        sim.dispatch(s.command);
      } catch (e) {
        if (e instanceof TypeError) throw e;
        writes.push(`refused: ${(e as Error).message}`);
      }
    }
  }
  return { writes, events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()) };
}

function deepFreeze(o: unknown): void {
  if (typeof o !== 'object' || o === null || Object.isFrozen(o)) return;
  Object.freeze(o);
  for (const v of Object.values(o)) deepFreeze(v);
}

describe('a Deployment sync works on a shallow copy of the status and shares its conditions', () => {
  afterEach(() => {
    SHALLOW_STATUS.enabled = true;
  });

  it('nothing writes into a stored status or its conditions: runs with every written status frozen go through unchanged', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
        const objects = [...section10Cluster(), web(6, 1, false, 120)];
        expect(run(objects, steps, true)).toEqual(run(objects, steps, false));
      }),
      { numRuns: 15, seed: 99 },
    );
  });

  it('random rollouts, pauses, scales, stuck and timed-out rollouts, kills and drains: same writes, events and objects as deep copies', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
        const objects = [...section10Cluster(), web(6, 1, false, 120)];
        SHALLOW_STATUS.enabled = true;
        const a = recordedRun(objects, steps, { seed: 5, recordSettling: true });
        SHALLOW_STATUS.enabled = false;
        const b = recordedRun(objects, steps, { seed: 5, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 15, seed: 98 },
    );
  });
});
