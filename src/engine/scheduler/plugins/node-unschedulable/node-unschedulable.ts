/**
 * NodeUnschedulable mirrors upstream's nodeunschedulable plugin (Filter): a
 * cordoned node (spec.unschedulable) rejects pods unless they tolerate the
 * node.kubernetes.io/unschedulable:NoSchedule taint. Queueing hints are omitted.
 */
import type { FilterPlugin, PluginFactory } from '../../framework/interfaces';
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
}

export const nodeUnschedulableFactory: PluginFactory = {
  create: () => new NodeUnschedulablePlugin(),
};
