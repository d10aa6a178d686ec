/**
 * The scheduler's FailedScheduling through the events.k8s.io series cache (series.ts;
 * k8s.io/client-go tools/events/event_broadcaster.go), as EventRecorder applies it once
 * `correlate()` is on.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { EventRecorder } from './recorder';

const pod = (rv: string): KubeObject => ({ kind: 'Pod', metadata: { name: 'big', namespace: 'default', uid: 'p1', resourceVersion: rv } });
const S = 1000;

function setup(correlate = true) {
  const clock = new VirtualClock();
  const r = new EventRecorder(clock);
  if (correlate) r.correlate();
  const fail = (rv: string, message = '0/3 nodes are available: 3 Insufficient cpu.') => r.event(pod(rv), 'Warning', 'FailedScheduling', message, 'default-scheduler');
  const rows = () => r.all().map((e) => [e.message, e.count, e.firstTime / S, e.lastTime / S]);
  return { clock, r, fail, rows };
}

describe('FailedScheduling through the events.k8s.io series cache', () => {
  it('writes the second isomorphic event at once as a series of 2 with the first note, and only caches later ones', () => {
    const { clock, fail, rows } = setup();
    fail('7', 'first');
    clock.advanceTo(10 * S);
    fail('7', 'second');
    expect(rows()).toEqual([['first', 2, 0, 10]]);
    clock.advanceTo(20 * S);
    fail('7', 'third');
    clock.advanceTo(359 * S);
    expect(rows()).toEqual([['first', 2, 0, 10]]);
  });

  it('starts a new row for a new resourceVersion of the object, even with the same message', () => {
    const { clock, fail, rows } = setup();
    fail('7');
    clock.advanceTo(5 * S);
    fail('8');
    expect(rows().map((x) => x[1])).toEqual([1, 1]);
  });

  it('finishSeries (every 6 min from 0) writes a series quiet for more than 6 min and forgets it; a later event starts a new row', () => {
    const { clock, fail, rows } = setup();
    fail('7');
    clock.advanceTo(100 * S);
    fail('7');
    clock.advanceTo(200 * S);
    fail('7');
    // Tick 360: 200 is not before 0. Tick 720: 200 < 360 → written with count 3, forgotten.
    clock.advanceTo(719 * S);
    expect(rows()).toEqual([['0/3 nodes are available: 3 Insufficient cpu.', 2, 0, 100]]);
    clock.advanceTo(720 * S);
    expect(rows()[0]).toEqual(['0/3 nodes are available: 3 Insufficient cpu.', 3, 0, 200]);
    clock.advanceTo(800 * S);
    fail('7');
    expect(rows().map((x) => [x[1], x[2]])).toEqual([
      [3, 0],
      [1, 800],
    ]);
  });

  it('forgets a single event created more than 6 min before a finish tick, so an isomorphic one after it is a new row', () => {
    const { clock, fail, rows } = setup();
    clock.advanceTo(10 * S);
    fail('7');
    clock.advanceTo(719 * S);
    fail('7');
    expect(rows().map((x) => x[1])).toEqual([2]);
    const other = setup();
    other.clock.advanceTo(10 * S);
    other.fail('7');
    other.clock.advanceTo(720 * S);
    other.fail('7');
    expect(other.rows().map((x) => x[1])).toEqual([1, 1]);
  });

  it('refreshExistingEventSeries (every 30 min) writes a series that is still being observed', () => {
    const { clock, fail, rows } = setup();
    for (let t = 1500; t <= 1900; t += 100) {
      clock.advanceTo(t * S);
      fail('7');
    }
    // 1500 created, 1600 a series of 2 (written), 1700 → 3 (cached); the refresh at 1800 writes 3 before
    // that instant's event (→ 4), 1900 → 5, both cached.
    expect(rows()).toEqual([['0/3 nodes are available: 3 Insufficient cpu.', 3, 1500, 1700]]);
  });

  it('is off on a bare recorder (identical events fold into one row as before)', () => {
    const { clock, fail, rows } = setup(false);
    fail('7');
    clock.advanceTo(5 * S);
    fail('8');
    fail('8');
    expect(rows()).toEqual([['0/3 nodes are available: 3 Insufficient cpu.', 3, 0, 5]]);
  });
});
