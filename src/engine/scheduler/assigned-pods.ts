/**
 * The informers' assigned pods by the store's object number (WatchEvent.id) instead of by
 * `namespace/name`: a slot of a dense array, where a map of every bound pod's key string
 * (150,000 of them in a full cluster) had to hash and probe a fresh key on every pod event.
 * A number names one live pod of the store at a time (reused only after its DELETED event
 * was delivered, and the informers forget the pod on that event), so a slot holds at most
 * the PodInfo of the pod that has the number now.
 */
import type { PodInfo } from './framework/pod-info';

export class AssignedPods {
  private readonly slots: (PodInfo | undefined)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: number): PodInfo | undefined {
    return id < this.slots.length ? this.slots[id] : undefined;
  }

  set(id: number, pi: PodInfo): void {
    const slots = this.slots;
    // Grown one slot at a time so the array never has holes (a write far past its end would
    // turn it into a dictionary).
    while (slots.length <= id) slots.push(undefined);
    if (slots[id] === undefined) this.count++;
    slots[id] = pi;
  }

  delete(id: number): void {
    if (id < this.slots.length && this.slots[id] !== undefined) {
      this.slots[id] = undefined;
      this.count--;
    }
  }

  /** Every recorded PodInfo, by number (for tests). */
  *values(): IterableIterator<PodInfo> {
    for (const pi of this.slots) if (pi !== undefined) yield pi;
  }
}
