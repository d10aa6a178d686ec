/**
 * The recorder's holders by store object number (`BY_OBJECT_NUMBER`) against one map by
 * reference, in whole simulations: random kills, restores, drains, scales, pod deletes and
 * bare pods re-created under a name whose earlier pod had events (their events must
 * aggregate with the earlier pod's, as upstream's correlator keys by name) give the same
 * writes, events (counts and times) and objects either way.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject } from '../model/types';
import { nodeCommands } from '../testing/node-commands';
import { recordedRun, type Step } from '../testing/recorded-run';
import { barePod, deployment, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { BY_OBJECT_NUMBER } from './recorder';

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const BARE = ['solo-1', 'solo-2'];

const cluster = (): KubeObject[] => [...section10Cluster(), deployment('api', 4), barePod('solo-1', 'worker-1'), barePod('solo-2')];

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.integer({ min: 0, max: 6 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'api', replicas: r })),
    fc.constantFrom(...BARE).map((name): Command => ({ action: 'deletePod', namespace: 'default', name, force: true })),
    fc.tuple(fc.constantFrom(...BARE), fc.constantFrom(undefined, ...WORKERS)).map(([name, node]): Command => ({ action: 'apply', object: barePod(name, node) })),
  ),
});

describe('event recorder by object number, in lockstep with one map by reference', () => {
  afterEach(() => {
    BY_OBJECT_NUMBER.enabled = true;
  });

  const run = (steps: Step[]) => recordedRun(cluster(), steps, { seed: 5, recordSettling: true });

  it('a re-created pod aggregates with its predecessor (the runs exercise the hand-over)', () => {
    const r = run([
      { wait: 1000, command: { action: 'deletePod', namespace: 'default', name: 'solo-2', force: true } },
      { wait: 1000, command: { action: 'apply', object: barePod('solo-2') } },
      { wait: 60_000, command: null },
    ]);
    const scheduled = JSON.parse(r.events).filter((e: { reason: string; object: string }) => e.reason === 'Scheduled' && e.object === 'Pod/default/solo-2');
    expect(scheduled.length).toBeGreaterThan(0);
  });

  it('random commands: same writes, events and objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
        BY_OBJECT_NUMBER.enabled = true;
        const a = run(steps);
        BY_OBJECT_NUMBER.enabled = false;
        const b = run(steps);
        expect(a).toEqual(b);
      }),
      { numRuns: 30, seed: 71 },
    );
  });
});
