/**
 * NodeName mirrors upstream's nodename plugin (Filter): a pod that names a
 * node in spec.nodeName fits only that node. The scheduler never queues such
 * pods; the filter matters when filters are run by hand (drag feasibility).
 */
import type { FilterPlugin, PluginFactory, RejectNode } from '../../framework/interfaces';
import type { CycleState } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { NodeTable } from '../../framework/node-table';
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

  /** filter() over a batch: a pod that names no node passes everywhere. */
  filterAll(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, reject: RejectNode): number {
    if (pod.nodeName === '') return n;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      const ni = table.infos[slot]!;
      const s = this.filter(state, pod, ni);
      if (s === null) slots[kept++] = slot;
      else reject(ni, s);
    }
    return kept;
  }
}

export const nodeNameFactory: PluginFactory = {
  create: () => new NodeNamePlugin(),
};
