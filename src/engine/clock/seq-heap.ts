/**
 * A min-heap on (time, sequence) in parallel arrays, for the clock lanes (Clock.addLane)
 * that keep their own timers: the sync queues' KeyTimerLane and taint eviction's
 * EvictionLane. Sequence numbers are unique, so the order is total and items come out in
 * the same order whatever the heap's layout. The arrays are read directly by the lanes
 * (the root is index 0); only the methods below reorder them.
 */
export class SeqHeap<T> {
  readonly times: number[] = [];
  readonly seqs: number[] = [];
  readonly items: T[] = [];

  get length(): number {
    return this.items.length;
  }

  /** Adds (time, seq, item), sifting it up from the end. */
  push(time: number, seq: number, item: T): void {
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

  /** Removes the root. */
  popHead(): void {
    const { times, seqs, items } = this;
    const time = times.pop()!;
    const seq = seqs.pop()!;
    const item = items.pop()!;
    if (times.length > 0) this.siftDown(0, time, seq, item);
  }

  /** Places (time, seq, item) at `i` (a hole: the root to replace it) and moves it down to its place. */
  siftDown(i: number, time: number, seq: number, item: T): void {
    const { times, seqs, items } = this;
    const n = times.length;
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
