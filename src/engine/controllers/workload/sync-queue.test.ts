import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock';
import { SyncQueue } from './sync-queue';

describe('SyncQueue.enqueueRateLimited', () => {
  it('spends the shared burst of 100 at once, then admits 10 syncs per second across keys', () => {
    const clock = new VirtualClock();
    const synced: number[] = [];
    const q = new SyncQueue(clock, 'test', () => synced.push(clock.now));
    for (let i = 0; i < 120; i++) {
      q.enqueueRateLimited(`k${i}`);
      q.forget(`k${i}`);
    }
    clock.advanceTo(10_000);
    expect(synced).toHaveLength(120);
    // The first 100 only wait out the 5 ms per-item delay; the next 20 are spaced 100 ms apart.
    expect(synced.slice(0, 100).every((t) => t === 5)).toBe(true);
    expect(synced[100]).toBe(100);
    expect(synced[119]).toBe(2000);
  });
  it('backs one key off exponentially while it is not forgotten', () => {
    const clock = new VirtualClock();
    const synced: number[] = [];
    const q = new SyncQueue(clock, 'test', () => synced.push(clock.now));
    q.enqueueRateLimited('k');
    clock.advanceTo(1000);
    q.enqueueRateLimited('k');
    clock.advanceTo(2000);
    q.enqueueRateLimited('k');
    clock.advanceTo(3000);
    expect(synced).toEqual([5, 1010, 2020]);
  });
});
