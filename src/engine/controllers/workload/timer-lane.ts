/**
 * A sync queue's timers, kept out of the clock's heap (Clock.addLane): each takes its
 * sequence number from the clock when scheduled, so the clock runs it exactly where a
 * clock timer scheduled at that moment would run. A min-heap on (time, sequence) in
 * parallel arrays: a recovery schedules thousands of these, and the clock's heap of
 * timer objects, shared with every other component, is costlier to walk.
 *
 * The item being run stays at the root until the run schedules its first item or ends:
 * a run that schedules again (a stuck Deployment re-queues itself on every sync) puts the
 * new item in the root's place with one sift-down instead of a pop and a push. Sequence
 * numbers are unique, so the heap's order is total and items come out in the same order
 * whatever its layout.
 *
 * After a run the lane goes on by itself through the items the clock would run next and
 * whose owner can run them without a clock step (`quick`): each still takes its place by
 * (time, sequence), checked against every other timer (Clock.laneMayRun).
 */
import { SeqHeap } from '../../clock/seq-heap';
import { oneShotTime } from '../../clock/virtual-clock';
import type { Clock, TimerLane, VirtualTime } from '../../sim/contracts';

/** Tests turn the in-place replacement off to compare against a pop before each run. */
export const LANE_REPLACE = { enabled: true };

/** Tests turn the lane's own loop over quick items off (each then takes a clock step). */
export const LANE_QUICK = { enabled: true };

/**
 * Runs an item without the clock's `now` (its time is `at`), when it is one the owner can
 * run that way (a superseded sync queue timer, a quiet resync); false, having done nothing,
 * otherwise.
 */
export type QuickRun<T> = (item: T, at: VirtualTime) => boolean;

export class KeyTimerLane<T = string> implements TimerLane {
  private readonly heap = new SeqHeap<T>();
  /** Whether the root is the item running now (logically removed: replaced by the next `at`, else popped after the run). */
  private stale = false;

  constructor(
    private readonly clock: Clock & Required<Pick<Clock, 'takeSeq' | 'addLane'>>,
    readonly label: string,
    private readonly run: (item: T, at: VirtualTime) => void,
    private readonly quick?: QuickRun<T>,
  ) {
    clock.addLane(this);
  }

  /** Schedules `run(item, at)` at `at` (not before now), as `clock.at` would. */
  at(at: VirtualTime, item: T): void {
    const time = oneShotTime(at, this.clock.now, this.label);
    const seq = this.clock.takeSeq();
    if (this.stale) {
      this.stale = false;
      this.heap.siftDown(0, time, seq, item);
      return;
    }
    this.heap.push(time, seq, item);
  }

  headTime(): VirtualTime {
    if (this.stale) this.dropStale();
    return this.heap.length > 0 ? this.heap.times[0] : Infinity;
  }

  headSeq(): number {
    if (this.stale) this.dropStale();
    return this.heap.seqs[0];
  }

  /** `<label> <key>` of the earliest item (a sync queue's items are slots with a key), for the clock's runaway error. */
  headLabel(): string {
    if (this.heap.length === 0) return this.label;
    const item: unknown = this.heap.items[0];
    const key = typeof item === 'string' ? item : (item as { key?: unknown } | null)?.key;
    return typeof key === 'string' ? `${this.label} ${key}` : this.label;
  }

  runHead(): void {
    const at = this.heap.times[0];
    const item = this.heap.items[0];
    if (!LANE_REPLACE.enabled) {
      this.heap.popHead();
      this.run(item, at);
      return;
    }
    this.stale = true;
    try {
      this.run(item, at);
    } finally {
      if (this.stale) this.dropStale();
    }
    if (this.quick !== undefined && LANE_QUICK.enabled) this.runQuick(this.quick);
  }

  /**
   * Runs the following items that the clock would run next anyway (Clock.laneMayRun) and that
   * the owner can run without a clock step, in order, until one is neither: a stuck
   * Deployment's quiet resyncs follow one another ten a second with nothing in between.
   */
  private runQuick(quick: QuickRun<T>): void {
    const clock = this.clock;
    const may = clock.laneMayRun;
    if (may === undefined) return;
    const { times, seqs, items } = this.heap;
    while (times.length > 0) {
      const at = times[0];
      if (!may.call(clock, this, at, seqs[0])) return;
      this.stale = true;
      let ran = false;
      try {
        ran = quick(items[0], at);
      } finally {
        if (!ran) this.stale = false;
        else if (this.stale) this.dropStale();
      }
      if (!ran) return;
    }
  }

  private dropStale(): void {
    this.stale = false;
    this.heap.popHead();
  }
}
