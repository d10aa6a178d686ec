/**
 * For tests: runs `body` while recording every sync the workload sync queues run at its due
 * time, whether the queue ran it with a clock step (`run`) or in its lane's own loop
 * (`quick`), as "<time> <queue label> <key>".
 */
import { SyncQueue } from '../workload/sync-queue';

type Slot = { key: string; due: number };

export function tracedSyncs<T>(body: () => T): { result: T; syncs: string[] } {
  const proto = SyncQueue.prototype as unknown as { run(slot: Slot, at: number): void; quick(slot: Slot, at: number): boolean; label: string };
  const { run: original, quick } = proto;
  const syncs: string[] = [];
  proto.run = function (slot: Slot, at: number) {
    if (slot.due === at) syncs.push(`${at} ${this.label} ${slot.key}`);
    original.call(this, slot, at);
  };
  proto.quick = function (slot: Slot, at: number) {
    const due = slot.due === at;
    const ran = quick.call(this, slot, at);
    if (ran && due) syncs.push(`${at} ${this.label} ${slot.key}`);
    return ran;
  };
  try {
    return { result: body(), syncs };
  } finally {
    proto.run = original;
    proto.quick = quick;
  }
}
