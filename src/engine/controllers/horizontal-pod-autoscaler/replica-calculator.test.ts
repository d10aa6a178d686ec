/**
 * The replica calculation against upstream's arithmetic (replica_calculator.go; the cases follow
 * replica_calculator_test.go's shapes: 3 pods at 1 cpu request, usages in millicores).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { toTimestamp } from '../../clock/time';
import { groupPods, MetricError, rawResourceReplicas, resourceReplicas } from './replica-calculator';
import { milliOf } from './usage';

const MIN = 60_000;

function pod(name: string, o: { phase?: string; ready?: boolean; startedAt?: number; readyAt?: number; request?: string | null; deleting?: boolean } = {}): Pod {
  const started = o.startedAt ?? -10 * MIN;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(o.deleting ? { deletionTimestamp: toTimestamp(0) } : {}) },
    spec: { nodeName: 'n1', containers: [{ name: 'app', image: 'x', resources: o.request === null ? {} : { requests: { cpu: o.request ?? '1' } } }] },
    status: {
      phase: (o.phase ?? 'Running') as 'Running',
      startTime: toTimestamp(started),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: toTimestamp(o.readyAt ?? started + 2_000) }],
    },
  } as unknown as Pod;
}

const run = (pods: Pod[], usage: Record<string, number>, current: number, target = 50, now = 0) =>
  resourceReplicas({ currentReplicas: current, pods, metrics: new Map(Object.entries(usage)), resource: 'cpu', now }, target, milliOf);

describe('resourceReplicas (Utilization)', () => {
  it('scales to ceil(ratio × ready pods): 3 pods at 1 cpu using 800m against 50 % → 160 % → 5', () => {
    const p = run([pod('a'), pod('b'), pod('c')], { a: 800, b: 800, c: 800 }, 3);
    expect(p).toEqual({ replicas: 5, utilization: 80, average: 800 });
  });

  it('keeps the count within the 0.1 tolerance (54 % of 50 % is a ratio of 1.08) and moves past it (56 % → 1.12 → 4)', () => {
    expect(run([pod('a'), pod('b'), pod('c')], { a: 540, b: 540, c: 540 }, 3).replicas).toBe(3);
    expect(run([pod('a'), pod('b'), pod('c')], { a: 560, b: 560, c: 560 }, 3).replicas).toBe(4);
  });

  it('truncates utilization to a whole percent before the ratio (upstream divides integers)', () => {
    // 1000 of 3000 = 33.3 % → 33; 33/50 = 0.66 → ceil(1.98) = 2.
    expect(run([pod('a'), pod('b'), pod('c')], { a: 1000, b: 0, c: 0 }, 3)).toMatchObject({ replicas: 2, utilization: 33 });
  });

  it('on a scale-down counts a missing pod at 100 % of its request', () => {
    // Ready a, b at 100m (10 %): ratio 0.2. c missing → 100 %: (100+100+1000)/3000 = 40 % → 0.8 → ceil(2.4) = 3 (= current: stays).
    expect(run([pod('a'), pod('b'), pod('c')], { a: 100, b: 100 }, 3).replicas).toBe(3);
    // Four pods, two missing: (100+100+1000+1000)/4000 = 55 % → ratio 1.1 — within tolerance: no change.
    expect(run([pod('a'), pod('b'), pod('c'), pod('d')], { a: 100, b: 100 }, 4).replicas).toBe(4);
  });

  it('on a scale-up counts a missing pod at 0 and an unready pod at 0', () => {
    // a, b at 900m (90 %): ratio 1.8; c missing at 0 → 60 % → 1.2 → ceil(3.6) = 4.
    expect(run([pod('a'), pod('b'), pod('c')], { a: 900, b: 900 }, 3).replicas).toBe(4);
    // c unready (Ready False) with a sample: dropped, then counted at 0 on the way up.
    expect(run([pod('a'), pod('b'), pod('c', { ready: false })], { a: 900, b: 900, c: 900 }, 3).replicas).toBe(4);
  });

  it('keeps the count when filling in would reverse the direction', () => {
    // a at 600 (60 %, ratio 1.2, up); b, c missing count 0: 600/3000 = 20 % → 0.4 (down): stays 3.
    expect(run([pod('a'), pod('b'), pod('c')], { a: 600 }, 3).replicas).toBe(3);
  });

  it('names the container without a request, as upstream', () => {
    expect(() => run([pod('a', { request: null })], { a: 100 }, 1)).toThrow(new MetricError('missing request for cpu in container app of Pod a'));
  });

  it('has no metrics at all → unable to get metrics; only unready samples → did not receive metrics', () => {
    expect(() => run([pod('a')], {}, 1)).toThrow('unable to get metrics for resource cpu: no metrics returned from resource metrics API');
    expect(() => run([pod('a', { phase: 'Pending' })], { a: 100 }, 1)).toThrow('did not receive metrics for targeted pods (pods might be unready)');
  });
});

describe('groupPods (cpu)', () => {
  const now = 10 * MIN;
  it('within the 5 min initialization period a pod Ready for less than one 15 s window is unready; after it, only a pod never Ready since start', () => {
    const fresh = pod('fresh', { startedAt: now - MIN, readyAt: now - 10_000 });
    const settled = pod('settled', { startedAt: now - MIN, readyAt: now - 20_000 });
    const oldUnready = pod('old', { startedAt: now - 6 * MIN, ready: false, readyAt: now - 6 * MIN + 10_000 });
    const flapped = pod('flapped', { startedAt: now - 6 * MIN, ready: false, readyAt: now - 2 * MIN });
    const deleting = pod('gone', { deleting: true });
    const g = groupPods([fresh, settled, oldUnready, flapped, deleting], new Map([['fresh', 1], ['settled', 1], ['old', 1], ['flapped', 1], ['gone', 1]]), 'cpu', now);
    expect([...g.unready].sort()).toEqual(['fresh', 'old']);
    expect(g.readyPodCount).toBe(2); // settled, and flapped (it was Ready once: its sample counts)
    expect([...g.ignored]).toEqual(['gone']);
    // Memory ignores readiness.
    expect(groupPods([fresh, oldUnready], new Map([['fresh', 1], ['old', 1]]), 'memory', now).readyPodCount).toBe(2);
  });
});

describe('rawResourceReplicas (AverageValue)', () => {
  it('divides the average by the target, and fills a missing pod with the target on a scale-down', () => {
    const pods = [pod('a'), pod('b'), pod('c')];
    const up = rawResourceReplicas({ currentReplicas: 3, pods, metrics: new Map([['a', 600], ['b', 600], ['c', 600]]), resource: 'cpu', now: 0 }, 300);
    expect(up).toEqual({ replicas: 6, average: 600 });
    // a, b at 60 (ratio 0.2); c missing → 300: 420/3/300 = 0.46 → ceil(1.4) = 2.
    const down = rawResourceReplicas({ currentReplicas: 3, pods, metrics: new Map([['a', 60], ['b', 60]]), resource: 'cpu', now: 0 }, 300);
    expect(down.replicas).toBe(2);
  });
});
