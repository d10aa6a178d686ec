/**
 * PrioritySort mirrors upstream's queuesort plugin (QueueSort): higher
 * spec.priority first, then the earlier queue timestamp. Virtual time can give
 * two pods the same timestamp, so arrival order (PodInfo.seq) breaks that tie.
 */
import type { PluginFactory, QueuedPodInfo, QueueSortPlugin } from '../../framework/interfaces';
import { PrioritySort } from '../names';

export class PrioritySortPlugin implements QueueSortPlugin {
  readonly name = PrioritySort;

  /** Whether `a` should leave the active queue before `b`. */
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const p1 = a.podInfo.priority;
    const p2 = b.podInfo.priority;
    if (p1 !== p2) return p1 > p2;
    if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
    // Upstream timestamps are nanosecond wall-clock times and practically never
    // tie; our millisecond virtual clock does, so fall back to arrival order.
    return a.podInfo.seq < b.podInfo.seq;
  }
}

export const prioritySortFactory: PluginFactory = {
  create: () => new PrioritySortPlugin(),
};
