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
import { SeqHeap } from '../../clock/seq-heap';
import { oneShotTime } from '../../clock/virtual-clock';
import type { Clock, TimerLane, VirtualTime } from '../../sim/contracts';

/** Tests turn the lane off (a clock timer per pending deletion, as before) to compare the two. */
export const EVICTION_LANE = { enabled: true };

/** An item of the lane: the lane reads only `cancelled`. */
export interface LaneItem {
  cancelled: boolean;
}

export class EvictionLane<T extends LaneItem> implements TimerLane {
  private readonly heap = new SeqHeap<T>();

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
    this.heap.push(time, seq, item);
  }

  /** How many items wait, cancelled ones not yet dropped included (tests). */
  get size(): number {
    return this.heap.length;
  }

  headTime(): VirtualTime {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap.times[0] : Infinity;
  }

  headSeq(): number {
    this.dropCancelled();
    return this.heap.seqs[0];
  }

  runHead(): void {
    this.dropCancelled();
    if (this.heap.length === 0) return;
    const item = this.heap.items[0];
    this.heap.popHead();
    this.run(item);
  }

  private dropCancelled(): void {
    const { items } = this.heap;
    while (items.length > 0 && items[0].cancelled) this.heap.popHead();
  }
}
