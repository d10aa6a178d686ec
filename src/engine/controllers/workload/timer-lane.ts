/**
 * A sync queue's timers, kept out of the clock's heap (Clock.addLane): each takes its
 * sequence number from the clock when scheduled, so the clock runs it exactly where a
 * clock timer scheduled at that moment would run. A min-heap on (time, sequence) in
 * parallel arrays: a recovery schedules thousands of these, and the clock's heap of
 * timer objects, shared with every other component, is costlier to walk.
 */
import { oneShotTime } from '../../clock/virtual-clock';
import type { Clock, TimerLane, VirtualTime } from '../../sim/contracts';

export class KeyTimerLane implements TimerLane {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly keys: string[] = [];

  constructor(
    private readonly clock: Clock & Required<Pick<Clock, 'takeSeq' | 'addLane'>>,
    readonly label: string,
    private readonly run: (key: string, at: VirtualTime) => void,
  ) {
    clock.addLane(this);
  }

  /** Schedules `run(key, at)` at `at` (not before now), as `clock.at` would. */
  at(at: VirtualTime, key: string): void {
    const time = oneShotTime(at, this.clock.now, this.label);
    const seq = this.clock.takeSeq();
    const { times, seqs, keys } = this;
    let i = times.length;
    times.push(time);
    seqs.push(seq);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p] < time || (times[p] === time && seqs[p] < seq)) break;
      times[i] = times[p];
      seqs[i] = seqs[p];
      keys[i] = keys[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    keys[i] = key;
  }

  headTime(): VirtualTime {
    return this.times.length > 0 ? this.times[0] : Infinity;
  }

  headSeq(): number {
    return this.seqs[0];
  }

  runHead(): void {
    const at = this.times[0];
    const key = this.keys[0];
    this.popHead();
    this.run(key, at);
  }

  private popHead(): void {
    const { times, seqs, keys } = this;
    const time = times.pop()!;
    const seq = seqs.pop()!;
    const key = keys.pop()!;
    const n = times.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (times[r] < times[l] || (times[r] === times[l] && seqs[r] < seqs[l])) ? r : l;
      if (time < times[c] || (time === times[c] && seq < seqs[c])) break;
      times[i] = times[c];
      seqs[i] = seqs[c];
      keys[i] = keys[c];
      i = c;
    }
    times[i] = time;
    seqs[i] = seq;
    keys[i] = key;
  }
}
