import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject } from '../../model/types';
import { recordedRun, type Step } from '../../testing/recorded-run';
import { deployment, node, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { tracedSyncs } from './traced-syncs';
import { QUIET_AFTER_WRITE, QUIET_RESYNCS } from './quiet-resyncs';
import { nodeCommands } from '../../testing/node-commands';


/**
 * The run as recordedRun records it, plus every sync (label, key, virtual time), whether the
 * queue ran it with a clock step (`run`) or in its lane's own loop (`quick`): the quiet resyncs'
 * own timing (the shared token bucket, the per-key backoff) must not change either.
 */
function runWithSyncs(objects: KubeObject[], steps: Step[], quiet: boolean, afterWrite = quiet) {
  const { result, syncs } = tracedSyncs(() => run(objects, steps, quiet, afterWrite));
  return { ...result, syncs };
}

/** Every write and event of a run, with the quiet resyncs (and the note right after a sync's own status write) on or off. */
function run(objects: KubeObject[], steps: Step[], quiet: boolean, afterWrite = quiet) {
  QUIET_RESYNCS.enabled = quiet;
  QUIET_AFTER_WRITE.enabled = afterWrite;
  return recordedRun(objects, steps, { seed: 3, recordSettling: false });
}

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.constant<Command>({ action: 'apply', object: { ...deployment('web', 6), spec: { ...deployment('web', 6).spec, progressDeadlineSeconds: 120 } } }),
  ),
});

/** A Deployment whose pods fit one to a node, with a short progress deadline: scaled past the nodes, its rollout gets stuck and times out. */
function hog(replicas: number, version = 1): KubeObject {
  const d = deployment('hog', replicas);
  const spec = d.spec as { template: { spec: { containers: { image: string; resources: unknown }[] } } };
  spec.template.spec.containers[0].image = `hog:${version}`;
  spec.template.spec.containers[0].resources = { requests: { cpu: '3', memory: '128Mi' } };
  return { ...d, spec: { ...d.spec, progressDeadlineSeconds: 120 } };
}

const lateStepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 300 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'api', replicas: r })),
    fc.integer({ min: 0, max: 5 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'hog', replicas: r })),
    fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 })).map(([r, v]): Command => ({ action: 'apply', object: hog(r, v) })),
  ),
});

describe('quiet Deployment resyncs', () => {
  afterEach(() => {
    QUIET_RESYNCS.enabled = true;
    QUIET_AFTER_WRITE.enabled = true;
  });

  it('a Deployment that lost pods to a dead node: same writes, events and objects as full syncs', () => {
    const steps: Step[] = [{ wait: 1000, command: { action: 'killNode', node: 'worker-2' } }, { wait: 900_000, command: null }];
    const a = run(section10Cluster(), steps, true);
    const b = run(section10Cluster(), steps, false);
    expect(a.writes.length).toBeGreaterThan(20);
    expect(a).toEqual(b);
  });

  it('several Deployments sharing the rate limiter through kills and restores: same syncs at the same times', () => {
    const objects = [...section10Cluster(), deployment('api', 4), deployment('cache', 3)];
    const steps: Step[] = [
      // Past the progress deadline (600 s after the rollouts), when lost pods make the resyncs rate-limited.
      { wait: 610_000, command: { action: 'killNode', node: 'worker-2' } },
      { wait: 200_000, command: { action: 'killNode', node: 'worker-3' } },
      { wait: 250_000, command: { action: 'restoreNode', node: 'worker-2' } },
      { wait: 400_000, command: null },
    ];
    const a = runWithSyncs(objects, steps, true);
    expect(a.syncs.filter((s) => s.includes('deployment-controller')).length).toBeGreaterThan(1000);
    expect(a).toEqual(runWithSyncs(objects, steps, false));
  });

  it('random kills, restores, cordons, scales and template changes: same writes, events and objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (steps, extraNode) => {
        const objects = [...section10Cluster(), ...(extraNode ? [node('worker-4')] : [])];
        expect(run(objects, steps, true)).toEqual(run(objects, steps, false));
      }),
      { numRuns: 25, seed: 4242 },
    );
  });

  it('a sync noted quiet right after its own status write: the same syncs at the same times as with one more full sync', () => {
    const objects = [...section10Cluster(), deployment('api', 4), deployment('cache', 3)];
    const steps: Step[] = [
      { wait: 610_000, command: { action: 'killNode', node: 'worker-2' } },
      { wait: 30_000, command: { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'api', replicas: 7 } },
      { wait: 200_000, command: { action: 'killNode', node: 'worker-3' } },
      { wait: 250_000, command: { action: 'restoreNode', node: 'worker-2' } },
      { wait: 400_000, command: null },
    ];
    const a = runWithSyncs(objects, steps, true, true);
    expect(a.syncs.filter((s) => s.includes('deployment-controller')).length).toBeGreaterThan(1000);
    expect(a).toEqual(runWithSyncs(objects, steps, true, false));
  });

  it('a status write less than a second before a stuck rollout times out is not noted quiet (the next sync times it out)', () => {
    // The rollout to hog:2 cannot place its surge pod; the node kill's NotReady pods make the
    // Deployment write its status ~700 ms before the progress deadline, re-queued rate-limited.
    const steps: Step[] = [
      { wait: 600_000, command: { action: 'apply', object: hog(3, 2) } },
      { wait: 70_501, command: { action: 'killNode', node: 'worker-1' } },
      { wait: 300_000, command: null },
    ];
    const objects = [...section10Cluster(), hog(3)];
    const a = runWithSyncs(objects, steps, true, true);
    expect(a.objects).toContain('ProgressDeadlineExceeded');
    expect(a).toEqual(runWithSyncs(objects, steps, true, false));
  });

  it('random kills, restores, cordons, scales and template changes past the progress deadline: the note after a write changes nothing', () => {
    fc.assert(
      fc.property(fc.array(lateStepArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (steps, extraNode) => {
        const objects = [...section10Cluster(), deployment('api', 3), hog(2), ...(extraNode ? [node('worker-4')] : [])];
        const late: Step[] = [{ wait: 600_000, command: null }, ...steps];
        expect(runWithSyncs(objects, late, true, true)).toEqual(runWithSyncs(objects, late, true, false));
      }),
      { numRuns: 25, seed: 777 },
    );
  });
});
