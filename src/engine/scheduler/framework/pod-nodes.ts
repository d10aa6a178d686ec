/**
 * The Snapshot's record of which node each assigned pod is filed on, to find it on removal
 * and replacement: by the pod's store number (PodInfo.num, an array slot) when it has one,
 * else by `namespace/name` (the batch path, tests). A map of 150,000 key strings probed on
 * every pod event became array slots (branch maps9).
 */
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';

/**
 * An assigned pod's node kept by its store number (PodInfo.num) rather than by `namespace/name`.
 * Exact because a number names one live pod object at a time and a key names one too, and
 * the scheduler forgets a pod on its DELETED event, delivered before its number is handed
 * out again and before a pod of the same name can be created (watch delivery is in write
 * order): so the number and the key pick out the same entry in every lookup. Tests turn it
 * off (every pod keyed by name), to compare.
 */
export const POD_NODE_BY_NUM = { enabled: true };

export class PodNodes {
  /** Pods without a store number, by namespace/name. */
  private readonly byKey = new Map<string, NodeInfo>();
  /** Pods with a store number, by that number. */
  private readonly byNum: (NodeInfo | undefined)[] = [];

  /** The node recorded for the pod `key` with store number `num` (-1: none, found by key). */
  find(key: string, num: number): NodeInfo | undefined {
    if (num >= 0 && POD_NODE_BY_NUM.enabled) return num < this.byNum.length ? this.byNum[num] : undefined;
    return this.byKey.get(key);
  }

  get(p: PodInfo): NodeInfo | undefined {
    return this.find(p.key, p.num);
  }

  set(p: PodInfo, ni: NodeInfo): void {
    const num = p.num;
    if (num >= 0 && POD_NODE_BY_NUM.enabled) {
      const slots = this.byNum;
      // Grown one slot at a time so the array never has holes (a write far past its end would make it a dictionary).
      while (slots.length <= num) slots.push(undefined);
      slots[num] = ni;
    } else this.byKey.set(p.key, ni);
  }

  delete(p: PodInfo): void {
    const num = p.num;
    if (num >= 0 && POD_NODE_BY_NUM.enabled) {
      if (num < this.byNum.length) this.byNum[num] = undefined;
    } else this.byKey.delete(p.key);
  }

  /** Each numbered slot that names a node, with its number (for tests). */
  *numbered(): IterableIterator<[number, NodeInfo]> {
    for (let i = 0; i < this.byNum.length; i++) {
      const ni = this.byNum[i];
      if (ni !== undefined) yield [i, ni];
    }
  }
}
