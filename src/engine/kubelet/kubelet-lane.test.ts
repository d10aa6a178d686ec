/**
 * The kubelets' pod timers (start after podStartDelay, containers stopped, run-duration
 * over) as items of one shared clock lane (KUBELET_LANE) against a clock timer each, in
 * lockstep. Random kills, restores (reboots restart pods in place and finish the ones
 * deleted meanwhile), drains, cordons, deletes (graceful and forced), node deletions and
 * re-additions, scales, and pods that complete after a run-duration give the same writes
 * (with virtual times and resourceVersions), events and final objects with the lane on and
 * off.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject, Pod } from '../model/types';
import { nodeCommands } from '../testing/node-commands';
import { recordedRun, type RecordedRun, type Step } from '../testing/recorded-run';
import { createSimulation } from '../sim/simulation';
import { barePod, deployment, node, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { KUBELET_LANE } from './kubelet-manager';
import { RUN_DURATION_ANNOTATION } from './pod-status';

const NODES = ['worker-1', 'worker-2', 'worker-3'];

function finite(name: string, nodeName: string, runFor: string): Pod {
  const p = barePod(name, nodeName);
  p.metadata.annotations = { [RUN_DURATION_ANNOTATION]: runFor };
  p.spec.restartPolicy = 'Never';
  return p;
}

/** §10's cluster (Deployment, DaemonSet, StatefulSet, a bare pod) plus pods that complete, and a long grace period. */
function cluster(): KubeObject[] {
  const slow = barePod('slow', 'worker-3');
  slow.spec.terminationGracePeriodSeconds = 90;
  return [
    ...section10Cluster(),
    deployment('api', 3),
    finite('batch-1', 'worker-1', '45s'),
    finite('batch-2', 'worker-2', '3m'),
    finite('batch-3', 'worker-3', '0s'),
    slow,
  ];
}

const POD_NAMES = ['debug', 'batch-1', 'batch-2', 'slow', 'db-0', 'db-1'];

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.oneof(fc.integer({ min: 0, max: 40 }).map((s) => s * 1000), fc.integer({ min: 1, max: 400 }).map((s) => s * 1000 + (s % 3) * 250)),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...NODES).map(f), ['killNode', 'killNode', 'restoreNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.integer({ min: 0, max: 5 }).map((r): Command => ({ action: 'scale', kind: 'StatefulSet', namespace: 'default', name: 'db', replicas: r })),
    fc.tuple(fc.constantFrom(...POD_NAMES), fc.boolean()).map(([name, force]): Command => ({ action: 'deletePod', namespace: 'default', name, force })),
    fc.constantFrom(...NODES).map((n): Command => ({ action: 'deleteNode', node: n })),
    fc.constantFrom(...NODES).map((n): Command => ({ action: 'addNode', object: node(n) })),
  ),
});

/**
 * recordedRun with control-plane overrides: pod timers due at the same instant as other
 * timers (a zero start delay runs at the binding's instant; delays equal to the monitor
 * period land on its passes), so that their order among same-time timers shows in the writes.
 */
function recordedWith(controlPlane: Record<string, number>, steps: readonly Step[]): RecordedRun {
  const sim = createSimulation({ seed: 13, controlPlane });
  sim.load(cluster());
  const writes: string[] = [];
  sim.store.watch((e) => writes.push(`${sim.time} ${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion ?? ''}`));
  for (const s of steps) {
    sim.advanceBy(s.wait);
    if (s.command) {
      try {
        sim.dispatch(s.command);
      } catch (e) {
        writes.push(`refused: ${(e as Error).message}`);
      }
    }
  }
  return { writes, events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()), time: sim.time };
}

describe('kubelet pod timers: one shared lane, in lockstep with a clock timer each', () => {
  afterEach(() => {
    KUBELET_LANE.enabled = true;
  });

  const run = (steps: Step[], lane: boolean) => {
    KUBELET_LANE.enabled = lane;
    return recordedRun(cluster(), steps, { seed: 13, recordSettling: true });
  };

  it('a kill, a restore before the eviction and one after it: same writes, events and objects', () => {
    const steps: Step[] = [
      { wait: 1000, command: { action: 'killNode', node: 'worker-1' } },
      { wait: 60_000, command: { action: 'restoreNode', node: 'worker-1' } },
      { wait: 1000, command: { action: 'deletePod', namespace: 'default', name: 'slow' } },
      { wait: 5000, command: { action: 'killNode', node: 'worker-2' } },
      { wait: 400_000, command: { action: 'restoreNode', node: 'worker-2' } },
      { wait: 200_000, command: null },
    ];
    const a = run(steps, true);
    const b = run(steps, false);
    // The run exercises every pod timer: starts, restarts after a reboot, graceful stops, completions.
    expect(a.events).toContain('"SandboxChanged"');
    expect(a.events).toContain('"Killing"');
    expect(a.objects).toContain('"phase":"Succeeded"');
    expect(a).toEqual(b);
  });

  it('random commands: same writes, events and objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
        const all = [...steps, { wait: 300_000, command: null }];
        expect(run(all, true)).toEqual(run(all, false));
      }),
      { numRuns: 30, seed: 71 },
    );
  });

  it('an --until cut with pod timers pending: same writes and objects at the cut', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 2500 }), (steps, last) => {
        // The run stops while starts and stops are pending (podStartDelay, containerStopDelay).
        const all = [...steps, { wait: last, command: null }];
        expect(run(all, true)).toEqual(run(all, false));
      }),
      { numRuns: 20, seed: 73 },
    );
  });

  it('random commands with pod timers tied to other timers (zero delays, delays of one monitor period): same writes, events and objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 5000), fc.constantFrom(0, 5000, 20_000), (steps, start, stop) => {
        const all = [...steps, { wait: 300_000, command: null }];
        const cp = { podStartDelay: start, containerStopDelay: stop };
        KUBELET_LANE.enabled = true;
        const a = recordedWith(cp, all);
        KUBELET_LANE.enabled = false;
        const b = recordedWith(cp, all);
        expect(a).toEqual(b);
      }),
      { numRuns: 25, seed: 79 },
    );
  });
});
