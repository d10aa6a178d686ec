/**
 * NodeName mirrors upstream's nodename plugin (Filter): a pod that names a
 * node in spec.nodeName fits only that node. The scheduler never queues such
 * pods; the filter matters when filters are run by hand (drag feasibility).
 */
import type { FilterPlugin, PluginFactory } from '../../framework/interfaces';
import type { CycleState } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { unresolvable, type MaybeStatus } from '../../framework/status';
import { NodeName } from '../names';

export const REASON_NODE_NAME_MISMATCH = "node(s) didn't match the requested node name";

export class NodeNamePlugin implements FilterPlugin {
  readonly name = NodeName;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const wanted = pod.nodeName;
    if (wanted === '' || wanted === nodeInfo.name) return null;
    return unresolvable(REASON_NODE_NAME_MISMATCH);
  }
}

export const nodeNameFactory: PluginFactory = {
  create: () => new NodeNamePlugin(),
};
