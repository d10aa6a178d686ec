/**
 * Taint eviction's pending deletions as one clock lane (Clock.addLane) instead of a clock
 * timer per pod: a tainted node's pass schedules one deletion per pod, and each took a
 * timer object, a label string, a closure and a place in the clock's heap, which every
 * component shares. Each item takes its sequence number from the clock when scheduled
 * (Clock.takeSeq), so the clock runs it exactly where a timer scheduled at that moment
 * would run: same time, same place among the timers of that time.
 *
 * Cancelling marks the item; a cancelled item at the head is dropped before the lane
 * answers `headTime` / `headSeq`, so the clock never sees it (`peek` and the order of
 * turns are what they were with cancelled clock timers, which the clock drops the same
 * way). A min-heap on (time, sequence) in parallel arrays.
 */
import { oneShotTime } from '../../clock/virtual-clock';
import type { Clock, TimerLane, VirtualTime } from '../../sim/contracts';

/** Tests turn the lane off (a clock timer per pending deletion, as before) to compare the two. */
export const EVICTION_LANE = { enabled: true };

/** An item of the lane: the lane reads only `cancelled`. */
export interface LaneItem {
  cancelled: boolean;
}

export class EvictionLane<T extends LaneItem> implements TimerLane {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];

  constructor(
    private readonly clock: Clock & Required<Pick<Clock, 'takeSeq' | 'addLane'>>,
    readonly label: string,
    private readonly run: (item: T) => void,
  ) {
    clock.addLane(this);
  }

  /** Schedules `run(item)` at `at` (not before now), as `clock.at` would; cancel by setting `item.cancelled`. */
  at(at: VirtualTime, item: T): void {
    const time = oneShotTime(at, this.clock.now, this.label);
    const seq = this.clock.takeSeq();
    const { times, seqs, items } = this;
    let i = times.length;
    times.push(time);
    seqs.push(seq);
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p] < time || (times[p] === time && seqs[p] < seq)) break;
      times[i] = times[p];
      seqs[i] = seqs[p];
      items[i] = items[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  /** How many items wait, cancelled ones not yet dropped included (tests). */
  get size(): number {
    return this.items.length;
  }

  headTime(): VirtualTime {
    this.dropCancelled();
    return this.times.length > 0 ? this.times[0] : Infinity;
  }

  headSeq(): number {
    this.dropCancelled();
    return this.seqs[0];
  }

  runHead(): void {
    this.dropCancelled();
    if (this.items.length === 0) return;
    const item = this.items[0];
    this.popHead();
    this.run(item);
  }

  private dropCancelled(): void {
    while (this.items.length > 0 && this.items[0].cancelled) this.popHead();
  }

  private popHead(): void {
    const { times, seqs, items } = this;
    const time = times.pop()!;
    const seq = seqs.pop()!;
    const item = items.pop()!;
    const n = times.length;
    if (n === 0) return;
    // Sift (time, seq, item) down from the root through a hole.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (times[r] < times[l] || (times[r] === times[l] && seqs[r] < seqs[l])) ? r : l;
      if (time < times[c] || (time === times[c] && seq < seqs[c])) break;
      times[i] = times[c];
      seqs[i] = seqs[c];
      items[i] = items[c];
      i = c;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }
}
