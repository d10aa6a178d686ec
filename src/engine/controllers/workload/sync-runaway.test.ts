/**
 * The sync queue's per-key runaway guard (sync-queue.ts MAX_SYNCS_PER_KEY_PER_INSTANT): a key
 * that syncs again and again at one virtual instant (its sync re-queues it with no delay, as a
 * Deployment sync that misses its own write does) makes the clock's advance throw an error
 * naming the controller, the key and the instant, after exactly the bound; a key re-queued at
 * the bound and not beyond, or at advancing times, runs on. Both with the queue's timer lane
 * and with plain clock timers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock';
import { MAX_SYNCS_PER_KEY_PER_INSTANT, SYNC_LANE, SYNC_RUNAWAY, SyncQueue } from './sync-queue';

afterEach(() => {
  SYNC_RUNAWAY.max = MAX_SYNCS_PER_KEY_PER_INSTANT;
  SYNC_LANE.enabled = true;
});

/** A queue whose sync of `spin` re-queues it at once up to `times` times at 90 s; `calm` syncs once. */
function spinning(times: number) {
  const clock = new VirtualClock();
  let runs = 0;
  const q: SyncQueue = new SyncQueue(clock, 'demo-controller', (key) => {
    if (key !== 'default/spin') return;
    runs++;
    if (runs < times) q.enqueue(key);
  });
  clock.at(90_000, 'start', () => {
    q.enqueue('default/calm');
    q.enqueue('default/spin');
  });
  return { clock, q, runs: () => runs };
}

describe.each([true, false])('SyncQueue runaway guard (timer lane %s)', (lane) => {
  it('throws naming the controller, the key and the instant after the bound', () => {
    SYNC_LANE.enabled = lane;
    const { clock, runs } = spinning(Infinity);
    expect(() => clock.advanceTo(100_000)).toThrow(
      `demo-controller: key "default/spin" synced more than ${MAX_SYNCS_PER_KEY_PER_INSTANT} times at 90000 ms (1m30s) without time advancing; ` +
        'its controller keeps re-queuing it at the same instant (does a sync miss its own write?)',
    );
    expect(runs()).toBe(MAX_SYNCS_PER_KEY_PER_INSTANT);
  });

  it('lets a key sync exactly the bound at one instant, and counts per instant', () => {
    SYNC_LANE.enabled = lane;
    SYNC_RUNAWAY.max = 50;
    const a = spinning(50);
    a.clock.advanceTo(100_000);
    expect(a.runs()).toBe(50);
    const b = spinning(51);
    expect(() => b.clock.advanceTo(100_000)).toThrow('key "default/spin" synced more than 50 times at 90000 ms');
  });

  it('counts per instant: three syncs at each of 100 instants pass a bound of 3', () => {
    SYNC_LANE.enabled = lane;
    SYNC_RUNAWAY.max = 3;
    const clock = new VirtualClock();
    let runs = 0;
    const q: SyncQueue = new SyncQueue(clock, 'demo-controller', (key) => {
      runs++;
      if (runs < 300) q.enqueue(key, runs % 3 === 0 ? 1 : 0);
    });
    q.enqueue('default/tick');
    clock.advanceTo(1000);
    expect(runs).toBe(300);
  });
});
