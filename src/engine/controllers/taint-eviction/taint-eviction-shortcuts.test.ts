/**
 * The taint eviction controller's shortcuts against the plain computation, in lockstep:
 * the toleration verdict reused by the identity of the taints and tolerations lists (a
 * node's pods share the admission's default list), and the writes it and the pod verbs
 * (graceful delete, bind) hand to the store to keep (`update(obj, { take: true })`), and
 * the pending deletions kept in one clock lane rather than a clock timer each.
 * Random kills, restores, drains, cordons, scales and deletes in a cluster whose pods
 * tolerate the NoExecute taints in different ways give the same writes (with
 * resourceVersions), events and objects with each shortcut on and off.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject, Pod, Toleration } from '../../model/types';
import { REMEMBER_DEADLINE } from '../../sim/api';
import { TAKE_FRESH } from '../../store/object-store';
import { nodeCommands } from '../../testing/node-commands';
import { objectsWrittenAfterStored, recordedRun, type Step } from '../../testing/recorded-run';
import { barePod, deployment, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { EVICTION_LANE } from './eviction-lane';
import { REUSE_VERDICT } from './taint-eviction-controller';

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';

function tolerating(name: string, node: string, tolerations: Toleration[]): Pod {
  const p = barePod(name, node);
  p.spec.tolerations = tolerations;
  return p;
}

/** §10's cluster plus bare pods that tolerate the node taints forever, briefly, or not at all (other taints only). */
function cluster(): KubeObject[] {
  const web = deployment('api', 4);
  (web.spec as { template: { spec: { tolerations?: Toleration[] } } }).template.spec.tolerations = [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 }];
  return [
    ...section10Cluster(),
    web,
    tolerating('forever', 'worker-1', [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute' }, { key: NOT_READY, operator: 'Exists', effect: 'NoExecute' }]),
    tolerating('brief', 'worker-1', [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }]),
    tolerating('any', 'worker-3', [{ operator: 'Exists' }]),
    tolerating('now', 'worker-3', [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }]),
  ];
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.integer({ min: 0, max: 6 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'api', replicas: r })),
    fc.constantFrom(...['debug', 'forever', 'brief']).map((name): Command => ({ action: 'deletePod', namespace: 'default', name })),
  ),
});

describe('taint eviction and pod verb shortcuts, in lockstep with the plain computation', () => {
  afterEach(() => {
    REUSE_VERDICT.enabled = true;
    TAKE_FRESH.enabled = true;
    REMEMBER_DEADLINE.enabled = true;
    EVICTION_LANE.enabled = true;
  });

  const run = (steps: Step[]) => recordedRun(cluster(), steps, { seed: 9, recordSettling: true });

  it('a kill evicts each kind of pod as it tolerates the taint (the cluster exercises every verdict)', () => {
    const r = run([{ wait: 1000, command: { action: 'killNode', node: 'worker-1' } }, { wait: 400_000, command: null }, { wait: 1000, command: { action: 'killNode', node: 'worker-3' } }, { wait: 400_000, command: null }]);
    const evictions = JSON.parse(r.events).filter((e: { reason: string }) => e.reason === 'TaintManagerEviction').map((e: { object: string }) => e.object);
    expect(evictions).toContain('Pod/default/brief');
    expect(evictions).toContain('Pod/default/now');
    expect(evictions).not.toContain('Pod/default/forever');
    expect(evictions).not.toContain('Pod/default/any');
  });

  it('random commands: same writes, events and objects with the verdict reused and computed per pod', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        REUSE_VERDICT.enabled = true;
        const a = run(steps);
        REUSE_VERDICT.enabled = false;
        const b = run(steps);
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 41 },
    );
  });

  it('random commands: same writes, events and objects with taken and copied updates', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        TAKE_FRESH.enabled = true;
        const a = run(steps);
        TAKE_FRESH.enabled = false;
        const b = run(steps);
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 43 },
    );
  });

  it('random commands: same writes, events and objects with the deletion deadline remembered and formatted per delete', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        REMEMBER_DEADLINE.enabled = true;
        const a = run(steps);
        REMEMBER_DEADLINE.enabled = false;
        const b = run(steps);
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 61 },
    );
  });

  it('random commands: same writes, events and objects with the pending deletions in one clock lane and as a clock timer each', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        EVICTION_LANE.enabled = true;
        const a = run(steps);
        EVICTION_LANE.enabled = false;
        const b = run(steps);
        expect(a).toEqual(b);
      }),
      { numRuns: 25, seed: 67 },
    );
  });

  it('random commands: no stored object is written after it was stored (taken writes share nothing with the previous version)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        expect(objectsWrittenAfterStored(cluster(), steps, 9)).toEqual([]);
      }),
      { numRuns: 15, seed: 47 },
    );
  });
});
