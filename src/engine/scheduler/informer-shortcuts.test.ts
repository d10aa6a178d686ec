/**
 * Lockstep proof of three shortcuts in the scheduler's informers, over a small
 * full cluster that preempts (a high-priority Deployment on nearly full
 * nodes), binds pending and nominated pods by hand, deletes them, and kills,
 * restores, drains and cordons nodes:
 * - ASSIGNED_NOT_PENDING: a status-only update of a recorded bound pod is
 *   answered before forgetPending's queue and nominator lookups. Checked by
 *   the invariant it rests on (after every watch event, no recorded bound
 *   pod is queued or nominated) and by identical runs with and without it.
 *   The same invariant lets any update of a recorded bound pod skip
 *   forgetPending (store8).
 *   The invariant test also checks, after every watch event, that each
 *   recorded PodInfo's seq is its entry in the informers' seqs and that no
 *   node lists two pods with one key.
 * - ASSIGNED_BY_ID: the assigned pods kept by the store's object number
 *   (WatchEvent.id) instead of by name. Identical runs (with every cycle's
 *   scores) with and without it; store/object-ids.test.ts proves the numbers.
 * - SPEC_FIELDS_REUSE: a bound pod's update takes what its spec gives from
 *   the PodInfo the cycle assumed when the spec fields PodInfo reads are the
 *   very same objects (the binding's `{ ...spec, nodeName }`). Identical runs
 *   with and without it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject } from '../model/types';
import { deployment } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { loose, LOOSE, small, withRequest, WORKERS } from '../testing/small-cluster';
import { recordedRun, type Step } from '../testing/recorded-run';
import { createSimulation } from '../sim/simulation';
import { SPEC_FIELDS_REUSE } from './framework/pod-info';
import { ASSIGNED_BY_ID, ASSIGNED_NOT_PENDING } from './informers';
import { scoredRun } from './scored-run';

function cluster(): KubeObject[] {
  return [
    ...WORKERS.map(small),
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as KubeObject,
    withRequest(deployment('web', 6), '250m'),
    withRequest(deployment('vip', 0), '600m', 'high'),
  ];
}

/** A pending bare pod (too big for any node while the others run, or not), to be bound by hand or deleted. */
const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 120 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.record({ name: fc.constantFrom('web', 'vip'), r: fc.integer({ min: 0, max: 7 }) }).map(({ name, r }): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name, replicas: r })),
    fc.record({ name: fc.constantFrom(...LOOSE), cpu: fc.constantFrom('100m', '700m', '3') }).map(({ name, cpu }): Command => ({ action: 'apply', object: loose(name, cpu) })),
    fc.record({ name: fc.constantFrom(...LOOSE), node: fc.constantFrom(...WORKERS) }).map(({ name, node: n }): Command => ({ action: 'bindPod', namespace: 'default', name, node: n })),
    fc.constantFrom(...LOOSE).map((name): Command => ({ action: 'deletePod', namespace: 'default', name })),
  ),
});

interface SchedulerInternals {
  informers: { assigned: { values(): Iterable<{ key: string; seq: number; uid: string; num: number }> }; seqs: { byNum: number[] } };
  queue: { where(key: string): string | undefined };
  scheduler: {
    nominator: { nominatedNodeOf(key: string): string | undefined; size: number };
    snapshot: { nodeInfoList(): Array<{ name: string; pods: ReadonlyArray<{ key: string }> }> };
  };
}

describe('the scheduler informers shortcuts', () => {
  afterEach(() => {
    ASSIGNED_NOT_PENDING.enabled = true;
    SPEC_FIELDS_REUSE.enabled = true;
    ASSIGNED_BY_ID.enabled = true;
  });

  it('a recorded bound pod is never queued nor nominated, after any watch event', () => {
    let nominations = 0;
    let checks = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 12 }), (steps) => {
        const sim = createSimulation({ seed: 3 });
        sim.load(cluster());
        const s = sim.components.find((c) => c.name === 'kube-scheduler') as unknown as SchedulerInternals;
        const check = () => {
          checks++;
          if (s.scheduler.nominator.size > 0) nominations++;
          for (const pi of s.informers.assigned.values()) {
            const key = pi.key;
            expect(s.queue.where(key), key).toBeUndefined();
            expect(s.scheduler.nominator.nominatedNodeOf(key), key).toBeUndefined();
            expect(pi.seq, key).toBe(s.informers.seqs.byNum[pi.num]);
          }
          for (const ni of s.scheduler.snapshot.nodeInfoList()) {
            const keys = ni.pods.map((p) => p.key);
            expect(new Set(keys).size, ni.name).toBe(keys.length);
          }
        };
        // Registered after the scheduler's watch: runs once the informers handled each event.
        sim.store.watch(check);
        for (const st of steps) {
          sim.advanceBy(st.wait);
          if (st.command) {
            try {
              sim.dispatch(st.command);
            } catch {
              // a refused command changes nothing
            }
          }
        }
      }),
      { numRuns: 40, seed: 17 },
    );
    // The runs did preempt (nominations) and checked many events.
    expect(nominations).toBeGreaterThan(0);
    expect(checks).toBeGreaterThan(2000);
  });

  it('recorded bound pods skip the queue and nominator lookups: the same writes, events and objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 12 }), (steps) => {
        ASSIGNED_NOT_PENDING.enabled = true;
        const a = recordedRun(cluster(), steps, { seed: 3, recordSettling: true });
        ASSIGNED_NOT_PENDING.enabled = false;
        const b = recordedRun(cluster(), steps, { seed: 3, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 25, seed: 23 },
    );
  });

  it('assigned pods by object number: the same writes, events, objects and scores as by name', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 12 }), (steps) => {
        ASSIGNED_BY_ID.enabled = true;
        const a = scoredRun(cluster(), steps, 6);
        ASSIGNED_BY_ID.enabled = false;
        const b = scoredRun(cluster(), steps, 6);
        expect(a).toEqual(b);
      }),
      { numRuns: 25, seed: 37 },
    );
  });

  it('a bound pod PodInfo from the assumed one by spec fields: the same writes, events and objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 12 }), (steps) => {
        SPEC_FIELDS_REUSE.enabled = true;
        const a = recordedRun(cluster(), steps, { seed: 4, recordSettling: true });
        SPEC_FIELDS_REUSE.enabled = false;
        const b = recordedRun(cluster(), steps, { seed: 4, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 25, seed: 29 },
    );
  });
});
