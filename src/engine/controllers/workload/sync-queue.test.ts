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

/** A queue whose syncs log their time; `fail(now)` says whether the sync at `now` fails (then AddRateLimited, else Forget). */
function failingQueue(fail: (now: number) => boolean) {
  const clock = new VirtualClock();
  const synced: number[] = [];
  const q: SyncQueue = new SyncQueue(clock, 'test', (key) => {
    synced.push(clock.now);
    if (fail(clock.now)) q.enqueueRateLimited(key);
    else q.forget(key);
  });
  return { clock, synced, q };
}

describe('SyncQueue: Add beside AddAfter (client-go delaying_queue.go and queue.go)', () => {
  it('a direct Add during a rate-limited back-off syncs at once and the retry still comes at its time', () => {
    const { clock, synced, q } = failingQueue(() => true);
    q.enqueue('k');
    clock.advanceTo(3);
    // The retry waits for 5 ms (failure 0); a pod event at 3 ms queues the key directly.
    q.enqueue('k');
    clock.advanceTo(200);
    // Failure 1 at 3 ms asks for 3 + 10 = 13 ms: the waiting 5 ms is earlier and stays.
    // 5 ms: failure 2 → 5 + 20 = 25; then 25 + 40 = 65, 65 + 80 = 145.
    expect(synced).toEqual([0, 3, 5, 25, 65, 145]);
  });

  it('an Add of a key already queued does nothing (one sync for many events at one instant)', () => {
    const { clock, synced, q } = failingQueue(() => false);
    for (let i = 0; i < 5; i++) q.enqueue('k');
    clock.advanceTo(10);
    expect(synced).toEqual([0]);
  });

  it('an AddAfter of a waiting key keeps the earlier time, in either order', () => {
    const a = failingQueue(() => false);
    a.q.enqueue('k', 100);
    a.q.enqueue('k', 50);
    a.clock.advanceTo(1000);
    const b = failingQueue(() => false);
    b.q.enqueue('k', 50);
    b.q.enqueue('k', 100);
    b.clock.advanceTo(1000);
    expect([a.synced, b.synced]).toEqual([[50], [50]]);
  });

  it('an AddAfter of a queued key waits beside it: a sync now and one at its time', () => {
    const { clock, synced, q } = failingQueue(() => false);
    q.enqueue('k');
    q.enqueue('k', 100);
    q.enqueue('k', 300);
    clock.advanceTo(1000);
    expect(synced).toEqual([0, 100]);
  });

  it('a delayed add that comes due while the key is queued at that instant folds into it', () => {
    const { clock, synced, q } = failingQueue(() => false);
    // The event's timer is scheduled first, so it runs first at 5 ms: the key is then queued once.
    clock.at(5, 'event', () => q.enqueue('k'));
    q.enqueue('k', 5);
    clock.advanceTo(100);
    expect(synced).toEqual([5]);
  });

  it('an Add while the key syncs queues one more sync after it, at that instant', () => {
    const clock = new VirtualClock();
    const synced: number[] = [];
    const q: SyncQueue = new SyncQueue(clock, 'test', (key) => {
      synced.push(clock.now);
      if (synced.length === 1) {
        q.enqueue(key);
        q.enqueue(key);
        q.enqueueRateLimited(key);
      }
    });
    q.enqueue('k', 7);
    clock.advanceTo(100);
    expect(synced).toEqual([7, 7, 12]);
  });

  it('Forget after a success resets the back-off: the next failure waits 5 ms again', () => {
    let ok = false;
    const { clock, synced, q } = failingQueue(() => !ok);
    q.enqueue('k');
    clock.advanceTo(40); // failures at 0, 5, 15, 35 (next due 75)
    ok = true;
    clock.advanceTo(80); // 75 succeeds: Forget
    ok = false;
    q.enqueue('k');
    clock.advanceTo(200);
    expect(synced).toEqual([0, 5, 15, 35, 75, 80, 85, 95, 115, 155]);
  });
});
