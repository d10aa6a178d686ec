/**
 * NodeUnschedulable mirrors upstream's nodeunschedulable plugin (Filter): a
 * cordoned node (spec.unschedulable) rejects pods unless they tolerate the
 * node.kubernetes.io/unschedulable:NoSchedule taint. Queueing hints are omitted.
 */
import type { FilterPlugin, PluginFactory, RejectNode } from '../../framework/interfaces';
import type { CycleState } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
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

  /** The same verdicts as filter(), in a tight loop the engine can inline. */
  filterAll(state: CycleState, pod: PodInfo, nodes: NodeInfo[], n: number, reject: RejectNode): number {
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const ni = nodes[i];
      const s = this.filter(state, pod, ni);
      if (s === null) nodes[kept++] = ni;
      else reject(ni, s);
    }
    return kept;
  }
}

export const nodeUnschedulableFactory: PluginFactory = {
  create: () => new NodeUnschedulablePlugin(),
};
