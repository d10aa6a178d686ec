/**
 * The informers' arrival order of pods (the queue's and preemption's last tie-break): a
 * number per pod, given on first sight and dropped with the pod. Kept by the pod's store
 * number (WatchEvent.id, an array slot) instead of a map of every pod's uid (branch maps9).
 */
import type { Pod } from '../model/types';

/**
 * Tests turn off keeping the seqs by store number (a map by uid instead), to compare. Exact
 * for the same reason as the assigned pods by number: a number names one live pod object, as
 * its uid does, and its entry is dropped on the DELETED event, delivered before the number is
 * handed out again.
 */
export const SEQ_BY_NUM = { enabled: true };

const uidOf = (pod: Pod) => pod.metadata.uid ?? `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;

export class PodSeqs {
  /** By uid (SEQ_BY_NUM off). */
  private readonly byUid = new Map<string, number>();
  /** By store number; -1: none yet. */
  readonly byNum: number[] = [];
  private next = 0;

  /** The pod's seq (given now if it has none); `num`: its store number. */
  of(pod: Pod, num: number): number {
    if (SEQ_BY_NUM.enabled) {
      const seqs = this.byNum;
      // Grown one slot at a time: a packed array, never a dictionary.
      while (seqs.length <= num) seqs.push(-1);
      let s = seqs[num];
      if (s < 0) seqs[num] = s = this.next++;
      return s;
    }
    const uid = uidOf(pod);
    let s = this.byUid.get(uid);
    if (s === undefined) this.byUid.set(uid, (s = this.next++));
    return s;
  }

  /** Forgets a deleted pod's seq. */
  forget(pod: Pod, num: number): void {
    if (SEQ_BY_NUM.enabled) {
      if (num < this.byNum.length) this.byNum[num] = -1;
    } else this.byUid.delete(uidOf(pod));
  }
}
