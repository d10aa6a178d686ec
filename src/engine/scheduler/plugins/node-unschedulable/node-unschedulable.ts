/**
 * NodeUnschedulable mirrors upstream's nodeunschedulable plugin (Filter): a
 * cordoned node (spec.unschedulable) rejects pods unless they tolerate the
 * node.kubernetes.io/unschedulable:NoSchedule taint. Queueing hints are omitted.
 */
import type { FilterPlugin, PluginFactory, RejectNode } from '../../framework/interfaces';
import type { CycleState } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import { F_UNSCHEDULABLE, type NodeTable } from '../../framework/node-table';
import type { PodInfo } from '../../framework/pod-info';
import { unresolvable, type MaybeStatus } from '../../framework/status';
import { tolerationsTolerateTaint } from '../../../model/taints';
import type { Taint } from '../../../model/types';
import { NodeUnschedulable } from '../names';

export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** The taint a cordoned node implicitly carries, for the toleration check. */
const UNSCHEDULABLE_TAINT: Taint = Object.freeze({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });

export class NodeUnschedulablePlugin implements FilterPlugin {
  readonly name = NodeUnschedulable;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    if (!nodeInfo.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return unresolvable(REASON_UNSCHEDULABLE);
  }

  /** filter() over a batch: only cordoned nodes (a table flag) can fail, and not for a pod that tolerates them. */
  filterAll(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, reject: RejectNode): number {
    if (table.count(F_UNSCHEDULABLE) === 0) return n;
    if (tolerationsTolerateTaint(pod.pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return n;
    const flags = table.flags;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      if ((flags[slot] & F_UNSCHEDULABLE) === 0) {
        slots[kept++] = slot;
        continue;
      }
      const ni = table.infos[slot]!;
      const s = this.filter(state, pod, ni);
      if (s === null) slots[kept++] = slot;
      else reject(ni, s);
    }
    return kept;
  }
}

export const nodeUnschedulableFactory: PluginFactory = {
  create: () => new NodeUnschedulablePlugin(),
};
