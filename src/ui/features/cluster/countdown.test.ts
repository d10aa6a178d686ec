import { describe, expect, it } from 'vitest';
import { formatCountdown, formatSeconds, nodeDeadline, type DeadlineInput } from './countdown';

describe('formatCountdown', () => {
  it('rounds up to whole seconds, never below zero', () => {
    expect([0, 1, 999, 1000, 7_000, 59_001, 299_900, 3_723_000, -5].map(formatCountdown)).toEqual([
      '0:00',
      '0:01',
      '0:01',
      '0:01',
      '0:07',
      '1:00',
      '5:00',
      '1:02:03',
      '0:00',
    ]);
  });
});

describe('formatSeconds', () => {
  it('writes seconds, minutes, or both', () => {
    expect([0, 50, 60, 90, 300].map(formatSeconds)).toEqual(['0 s', '50 s', '1 min', '1 min 30 s', '5 min']);
  });
});

describe('nodeDeadline', () => {
  const base: DeadlineInput = {
    time: 20_000,
    powered: false,
    status: 'Ready',
    lastHeartbeat: 10_000,
    readyUnknownAt: 60_000,
    evictionAt: null,
    taintedAt: null,
    earliestToleration: 300,
    terminating: false,
  };

  it('is nothing for a healthy node', () => {
    expect(nodeDeadline({ ...base, powered: true, readyUnknownAt: null })).toBeNull();
  });

  it('counts down to Ready=Unknown from the last heartbeat, then names the eviction delay', () => {
    const d = nodeDeadline(base)!;
    expect(d.until).toEqual({ at: 60_000, from: 10_000, label: 'Ready → Unknown in' });
    expect(d.title).toBe('Powered off: heartbeats stopped');
    expect(d.detail).toContain('5 min after the NoExecute unreachable taint');
    expect(nodeDeadline({ ...base, earliestToleration: 0 })!.detail).toContain('evicted at once');
    expect(nodeDeadline({ ...base, earliestToleration: null })!.detail).toContain('No pod here will be evicted');
  });

  it('then counts down to the eviction from when the taint was added', () => {
    const d = nodeDeadline({ ...base, time: 70_000, status: 'Unknown', readyUnknownAt: null, taintedAt: 65_000, evictionAt: 365_000 })!;
    expect(d.until).toEqual({ at: 365_000, from: 65_000, label: 'Eviction in' });
  });

  it('says what is left once the pods are evicted, or while the taint is still coming', () => {
    const after = { ...base, time: 400_000, status: 'Unknown' as const, readyUnknownAt: null };
    expect(nodeDeadline({ ...after, taintedAt: 65_000, terminating: true })).toMatchObject({ title: 'Pods evicted', until: null });
    expect(nodeDeadline({ ...after, taintedAt: 65_000 })).toMatchObject({ title: 'Unreachable', until: null, detail: 'No eviction pending: what is left here tolerates the taint.' });
    // Nothing left at all (the pods force-deleted, as after an out-of-service taint): no "what is left".
    expect(nodeDeadline({ ...after, taintedAt: 65_000, empty: true })).toMatchObject({ title: 'Unreachable', until: null, detail: 'No eviction pending: no pod is left here.' });
    expect(nodeDeadline({ ...after, time: 61_000, taintedAt: null })).toMatchObject({ title: 'Ready is Unknown', until: null });
  });
});
