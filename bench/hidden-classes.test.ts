/**
 * V8 hidden classes that must not change while a simulation runs (bench/deopt-recovery.ts
 * found each of these as "wrong map" deoptimizations in node-kill recoveries). Uses V8's
 * natives syntax, enabled at run time for the functions compiled here.
 */
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/engine/clock/virtual-clock';
import { SyncQueue } from '../src/engine/controllers/workload/sync-queue';
import { packedMap } from '../src/engine/scheduler/plugins/helpers/packed';
import { FilterRejectionLog, KEEP_LOG_MAPS } from '../src/engine/scheduler/fused/rejection-log';
import type { NodeInfo } from '../src/engine/scheduler/framework/node-info';
import { unschedulable } from '../src/engine/scheduler/framework/status';
import { DeploymentRun } from '../src/engine/controllers/deployment/replica-sets';
import type { Deployment } from '../src/engine/controllers/deployment/util';
import type { ReplicaSet } from '../src/engine/controllers/replicaset/replicaset-controller';
import { updatePodCondition } from '../src/engine/controllers/node-lifecycle/pod-conditions';
import { runningStatus, terminatedStatus } from '../src/engine/kubelet/pod-status';
import { isPodReady } from '../src/engine/sim/api';
import type { SimContext } from '../src/engine/sim/contracts';
import type { Pod } from '../src/engine/model/types';

setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean;
const holey = new Function('a', 'return %HasHoleyElements(a)') as (a: unknown) => boolean;
const optimizationStatus = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
const fullCollection = new Function('%CollectGarbage(0)') as () => void;
/** V8's OptimizationStatus bit for TurboFan code. */
const TURBOFANNED = 1 << 6;
/**
 * Whether `f`, optimized by TurboFan on what `call` passes it, keeps that code once every object
 * `call` made is garbage and full collections have run (V8 retains a map no object has for a
 * couple of collections, then frees it and throws away the code that embeds it), and `call`
 * runs again on new objects made the same way.
 */
function keepsOptimizedCode(f: unknown, call: () => void): boolean {
  new Function('f', 'call', '%PrepareFunctionForOptimization(f); call(); call(); %OptimizeFunctionOnNextCall(f); call();')(f, call);
  if (!(optimizationStatus(f) & TURBOFANNED)) throw new Error('not optimized: the check below would say nothing');
  for (let i = 0; i < 8; i++) fullCollection();
  call();
  return (optimizationStatus(f) & TURBOFANNED) !== 0;
}
/** Calls `f(...args)` from optimized code: twice for feedback, then optimized. */
const optimized = new Function('f', 'args', '%PrepareFunctionForOptimization(f); f(...args); f(...args); %OptimizeFunctionOnNextCall(f); return f(...args);') as <A extends unknown[], T>(f: (...args: A) => T, args: A) => T;

describe('hidden classes that stay put', () => {
  it('a SyncQueue keeps its map when the token bucket refills by a fraction', () => {
    const clock = new VirtualClock();
    const fresh = new SyncQueue(clock, 'q', () => {});
    const used = new SyncQueue(clock, 'q', () => {});
    for (let i = 0; i < 150; i++) used.enqueueRateLimited(`k${i}`); // past the burst
    clock.advanceTo(50); // half a token back: a fractional refill
    used.enqueueRateLimited('k0');
    expect(haveSameMap(fresh, used)).toBe(true);
  });

  it('packedMap gives packed arrays when optimized too (Array.prototype.map does not)', () => {
    const xs = [1, 2, 3];
    const f = (x: number) => ({ x });
    const interpreted = packedMap(xs, f);
    const fromOptimized = optimized(packedMap<number, { x: number }>, [xs, f]);
    expect(holey(interpreted)).toBe(false);
    expect(holey(fromOptimized)).toBe(false);
    expect(haveSameMap(interpreted, fromOptimized)).toBe(true);
  });

  it('the kept FilterRejectionLog has the map of the logs a scan makes, so that map outlives them', () => {
    // Fields as scan fills them: NodeInfos, a rejection log, counts, names, fresh statuses (or none).
    const nodes = [{ name: 'n1' }, { name: 'n2' }] as unknown as NodeInfo[];
    const make = (fresh: boolean) =>
      new FilterRejectionLog(nodes, new Int32Array([0, 33, 1, 64, 2]), 2, 1, ['NodeUnschedulable', 'TaintToleration'], fresh ? [unschedulable('x')] : null, 2);
    expect(haveSameMap(KEEP_LOG_MAPS, make(false))).toBe(true);
    expect(haveSameMap(KEEP_LOG_MAPS, make(true))).toBe(true);
    expect(haveSameMap(KEEP_LOG_MAPS, optimized(make, [true]))).toBe(true);
  });

  it('DeploymentRun.cur keeps its optimized code between syncs (no run outlives one; KEEP_RUN_MAPS)', () => {
    // Seen failing without KEEP_RUN_MAPS: the code was thrown away ("weak objects"), as in
    // bench/deopt-recovery.ts's traces between kills.
    const rs = (uid: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: uid, namespace: 'default', uid }, spec: { replicas: 1 } }) as unknown as ReplicaSet;
    const d = { metadata: { name: 'web', namespace: 'default', annotations: { a: 'b' } }, spec: {}, status: { replicas: 1 } } as unknown as Deployment;
    const ctx = {} as SimContext;
    const sync = () => {
      const run = new DeploymentRun(ctx, d, [rs('a'), rs('b')]);
      run.requeueAfter = 5;
      run.cur(rs('b'));
    };
    expect(keepsOptimizedCode(DeploymentRun.prototype.cur, sync)).toBe(true);
  });

  it("isPodReady keeps its optimized code after a dead node's NotReady pods are gone (KEEP_CONDITION_MAPS)", () => {
    // The node lifecycle controller's copy (markPodsNotReady), then updatePodCondition's.
    // Seen failing without KEEP_CONDITION_MAPS ("weak objects": the copies' maps were freed).
    const pod = { metadata: { name: 'p', namespace: 'default', generation: 1 }, spec: { containers: [{ name: 'c', image: 'i' }] } } as unknown as Pod;
    const running = { ...pod, status: runningStatus(pod, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0, false) };
    const ready = running.status.conditions!.find((c) => c.type === 'Ready')!;
    const markNotReady = () => {
      const r = updatePodCondition(running.status.conditions, { ...ready, status: 'False' }, '2026-01-01T00:01:00Z');
      isPodReady({ ...running, status: { ...running.status, conditions: r.conditions } });
    };
    expect(keepsOptimizedCode(isPodReady, markNotReady)).toBe(true);
  });

  it("isPodReady keeps its optimized code after the last terminated pod is gone (KEEP_REASON_MAPS)", () => {
    // A kubelet condition with a reason (Ready=False PodCompleted) adds a field to the
    // literal's map: a transition V8 holds weakly, alive only while such a pod is.
    const pod = { metadata: { name: 'p', namespace: 'default', generation: 1 }, spec: { containers: [{ name: 'c', image: 'i' }] } } as unknown as Pod;
    const running = { ...pod, status: runningStatus(pod, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0, false) };
    const stop = () => isPodReady({ ...running, status: terminatedStatus(running, '2026-01-01T00:05:00Z', 'completed') });
    expect(keepsOptimizedCode(isPodReady, stop)).toBe(true);
  });
});
