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

setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean;
const holey = new Function('a', 'return %HasHoleyElements(a)') as (a: unknown) => boolean;
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
});
