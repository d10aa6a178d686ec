/**
 * The rate-limited NoExecute tainting and zone states of the node lifecycle
 * controller: two nodes lost (one per 10 s), every node lost (master
 * disruption mode: no NoExecute taint at all), a partially disrupted large
 * zone (0.01/s) and small zone (0/s), and a fully disrupted zone next to a
 * healthy one (normal rate again).
 */
import { describe, expect, it } from 'vitest';
import { fromTimestamp } from '../../clock/time';
import { createKubeletManager } from '../../kubelet/kubelet-manager';
import { createSimulation } from '../../sim/simulation';
import { createTaintEvictionController } from '../taint-eviction/taint-eviction-controller';
import { barePod, eventsOf, node, taintOf } from './cluster-fixture';
import { createNodeLifecycleController } from './node-lifecycle-controller';
import { RateLimitedTimedQueue, TokenBucket } from './rate-limited-queue';

const s = (x: number) => x * 1000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';

function cluster(names: string[], zoneOf: (i: number) => string | undefined = () => undefined) {
  const sim = createSimulation({ seed: 3, components: [createKubeletManager(), createNodeLifecycleController(), createTaintEvictionController()] });
  sim.load(names.map((n, i) => {
    const z = zoneOf(i);
    return node(n, { labels: z ? { 'topology.kubernetes.io/zone': z } : {} });
  }));
  sim.advanceTo(s(30));
  return sim;
}

const names = (n: number, prefix = 'n') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
const noExecuteAt = (sim: ReturnType<typeof cluster>, n: string) => fromTimestamp(taintOf(sim, n, UNREACHABLE, 'NoExecute')?.timeAdded);

describe('rate-limited NoExecute tainting', () => {
  it('taints two nodes lost together about 10 s apart (one token per 10 s, burst 1)', () => {
    const sim = cluster(names(5));
    sim.dispatch({ action: 'killNode', node: 'n-01' });
    sim.dispatch({ action: 'killNode', node: 'n-03' });
    sim.advanceTo(s(150));
    const a = noExecuteAt(sim, 'n-01')!;
    const b = noExecuteAt(sim, 'n-03')!;
    expect(Math.abs(b - a)).toBeGreaterThanOrEqual(s(10));
    expect(Math.abs(b - a)).toBeLessThanOrEqual(s(10.2));
    // Both observed Unknown in the same pass.
    expect(eventsOf(sim, 'NodeNotReady', 'Node//').map((e) => e.firstTime)).toEqual([expect.any(Number), expect.any(Number)]);
    const [x, y] = eventsOf(sim, 'NodeNotReady', 'Node//');
    expect(x.firstTime).toBe(y.firstTime);
    expect(Math.min(a, b) - x.firstTime).toBeLessThanOrEqual(s(5.1));
  });

  it('adds no NoExecute taint when every node is lost (master disruption mode), and keeps the pods', () => {
    const sim = cluster(names(4));
    sim.store.create(barePod('p', 'n-00'));
    sim.advanceTo(s(40));
    for (const n of names(4)) sim.dispatch({ action: 'killNode', node: n });
    sim.advanceTo(s(1000));
    for (const n of names(4)) {
      expect(taintOf(sim, n, UNREACHABLE, 'NoSchedule')).toBeDefined();
      expect(taintOf(sim, n, UNREACHABLE, 'NoExecute')).toBeUndefined();
    }
    expect(eventsOf(sim, 'NodeNotReady', 'Node//')).toHaveLength(4);
    expect(eventsOf(sim, 'TaintManagerEviction')).toHaveLength(0);
    expect(sim.store.get('Pod', 'default', 'p')!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('removes NoExecute taints already added when the last zone goes fully down', () => {
    const sim = cluster(names(3));
    sim.dispatch({ action: 'killNode', node: 'n-00' });
    sim.advanceTo(s(100));
    expect(taintOf(sim, 'n-00', UNREACHABLE, 'NoExecute')).toBeDefined();
    sim.dispatch({ action: 'killNode', node: 'n-01' });
    sim.dispatch({ action: 'killNode', node: 'n-02' });
    sim.advanceTo(s(300));
    for (const n of names(3)) expect(taintOf(sim, n, UNREACHABLE, 'NoExecute')).toBeUndefined();
  });

  it('stops tainting a partially disrupted small zone (≤ 50 nodes → rate 0)', () => {
    const sim = cluster(names(6));
    for (const n of names(4)) sim.dispatch({ action: 'killNode', node: n });
    sim.advanceTo(s(600));
    for (const n of names(4)) {
      expect(taintOf(sim, n, UNREACHABLE, 'NoSchedule')).toBeDefined();
      expect(taintOf(sim, n, UNREACHABLE, 'NoExecute')).toBeUndefined();
    }
  });

  it('taints a partially disrupted large zone at the secondary rate (one per 100 s)', () => {
    const all = names(60);
    const sim = cluster(all);
    for (const n of all.slice(0, 40)) sim.dispatch({ action: 'killNode', node: n });
    sim.advanceTo(s(400));
    const times = all.slice(0, 40).map((n) => noExecuteAt(sim, n)).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times.length).toBeLessThanOrEqual(4);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(s(100));
    expect(times[1] - times[0]).toBeLessThanOrEqual(s(100.2));
  });

  it('taints a fully disrupted zone at the normal rate while another zone is healthy', () => {
    const sim = cluster(names(6), (i) => (i < 3 ? 'zone-a' : 'zone-b'));
    for (const n of names(3)) sim.dispatch({ action: 'killNode', node: n });
    sim.advanceTo(s(150));
    const times = names(3).map((n) => noExecuteAt(sim, n)!).sort((a, b) => a - b);
    expect(times.every((t) => t !== undefined)).toBe(true);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(s(10));
    expect(times[1] - times[0]).toBeLessThanOrEqual(s(10.2));
    expect(times[2] - times[1]).toBeLessThanOrEqual(s(10.2));
  });

  it('leaves master disruption mode when a node is Ready again: a drained limiter, so the queued node waits 10 s', () => {
    const sim = cluster(names(2));
    for (const n of names(2)) sim.dispatch({ action: 'killNode', node: n });
    sim.advanceTo(s(200));
    expect(taintOf(sim, 'n-01', UNREACHABLE, 'NoExecute')).toBeUndefined();
    sim.dispatch({ action: 'restoreNode', node: 'n-00' });
    const back = sim.time;
    sim.advanceTo(back + s(60));
    // One Ready node and one not: a Normal zone. The dead node sat in the queue all along;
    // the new 0.1/s limiter starts drained (the old one never had a token), so it waits one period.
    const t = noExecuteAt(sim, 'n-01')!;
    expect(t - back).toBeGreaterThanOrEqual(s(10));
    expect(t - back).toBeLessThanOrEqual(s(15.2));
    expect(taintOf(sim, 'n-00', UNREACHABLE, 'NoSchedule')).toBeUndefined();
  });
});

describe('RateLimitedTimedQueue', () => {
  it('admits one value per token and keeps processed values from being re-added', () => {
    const q = new RateLimitedTimedQueue(0.1, 0);
    expect(q.add('a', 'u1', 0)).toBe(true);
    expect(q.add('b', 'u2', 0)).toBe(true);
    expect(q.add('a', 'u1', 0)).toBe(false);
    const done: string[] = [];
    q.tryProcess(100, (v) => (done.push(v), { done: true }));
    expect(done).toEqual(['a']);
    q.tryProcess(9_999, (v) => (done.push(v), { done: true }));
    expect(done).toEqual(['a']);
    q.tryProcess(10_100, (v) => (done.push(v), { done: true }));
    expect(done).toEqual(['a', 'b']);
    expect(q.add('a', 'u1', 20_000)).toBe(false);
    expect(q.remove('a')).toBe(true);
    expect(q.add('a', 'u1', 20_000)).toBe(true);
  });

  it('retries a value wait + 1 ms later and never admits with rate 0', () => {
    const q = new RateLimitedTimedQueue(1000, 0);
    q.add('a', '', 0);
    let calls = 0;
    q.tryProcess(0, () => (calls++, { done: false, wait: 50 }));
    q.tryProcess(40, () => (calls++, { done: true }));
    expect(calls).toBe(1);
    q.tryProcess(51, () => (calls++, { done: true }));
    expect(calls).toBe(2);
    const never = new RateLimitedTimedQueue(0, 0);
    never.add('x', '', 0);
    never.tryProcess(1e9, () => ({ done: true }));
    expect(never.pending).toBe(true);
  });

  it('starts a swapped limiter drained when the old one had no token', () => {
    const q = new RateLimitedTimedQueue(0.1, 0);
    q.add('a', '', 0);
    q.add('b', '', 0);
    q.tryProcess(0, () => ({ done: true }));
    q.swapLimiter(1, 500);
    const seen: string[] = [];
    q.tryProcess(600, (v) => (seen.push(v), { done: true }));
    expect(seen).toEqual([]);
    q.tryProcess(1_500, (v) => (seen.push(v), { done: true }));
    expect(seen).toEqual(['b']);
    const b = new TokenBucket(0.5, 1, 0);
    expect([b.tryAccept(0), b.tryAccept(1_000), b.tryAccept(2_000)]).toEqual([true, false, true]);
  });
});
