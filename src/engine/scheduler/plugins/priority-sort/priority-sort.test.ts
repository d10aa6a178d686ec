import { describe, expect, it } from 'vitest';
import type { QueuedPodInfo } from '../../framework/interfaces';
import { makePod } from '../../../testing/builders';
import { PrioritySortPlugin, prioritySortFactory } from './priority-sort';

function queued(name: string, priority: number | undefined, timestamp: number, seq = 0): QueuedPodInfo {
  const b = makePod(name).container();
  if (priority !== undefined) b.priority(priority);
  return { podInfo: b.info(seq), timestamp, attempts: 0 };
}

describe('PrioritySort', () => {
  const pl = new PrioritySortPlugin();
  const cases: { name: string; a: QueuedPodInfo; b: QueuedPodInfo; want: boolean }[] = [
    { name: 'higher priority first', a: queued('a', 100, 10), b: queued('b', 1, 5), want: true },
    { name: 'lower priority later', a: queued('a', 1, 5), b: queued('b', 100, 10), want: false },
    { name: 'missing priority counts as 0', a: queued('a', undefined, 1), b: queued('b', 1, 5), want: false },
    { name: 'negative priority below missing', a: queued('a', -5, 1), b: queued('b', undefined, 5), want: false },
    { name: 'equal priority: earlier timestamp first', a: queued('a', 3, 1), b: queued('b', 3, 2), want: true },
    { name: 'equal priority: later timestamp later', a: queued('a', 3, 2), b: queued('b', 3, 1), want: false },
    { name: 'full tie: earlier arrival first', a: queued('a', 0, 7, 1), b: queued('b', 0, 7, 2), want: true },
    { name: 'full tie: later arrival later', a: queued('a', 0, 7, 2), b: queued('b', 0, 7, 1), want: false },
  ];
  it.each(cases)('$name', ({ a, b, want }) => {
    expect(pl.less(a, b)).toBe(want);
  });

  it('is irreflexive', () => {
    const a = queued('a', 1, 1, 1);
    expect(pl.less(a, a)).toBe(false);
  });

  it('sorts a queue by priority, then timestamp', () => {
    const pods = [queued('low-old', 0, 1), queued('high-new', 10, 9), queued('low-new', 0, 5), queued('high-old', 10, 2)];
    pods.sort((x, y) => (pl.less(x, y) ? -1 : pl.less(y, x) ? 1 : 0));
    expect(pods.map((p) => p.podInfo.name)).toEqual(['high-old', 'high-new', 'low-old', 'low-new']);
  });

  it('the factory builds the plugin under its upstream name', () => {
    expect(prioritySortFactory.create(undefined, {} as never).name).toBe('PrioritySort');
  });
});
