/**
 * NodePorts mirrors upstream's nodeports plugin (PreFilter, Filter): a pod's
 * host ports must be free on the node. The ports come from PodInfo.hostPorts
 * (hostIP defaulted to 0.0.0.0, protocol to TCP); queueing hints are omitted.
 */
import type { CycleState, StateData } from '../../framework/cycle-state';
import type { FilterPlugin, PluginFactory, PreFilterOutcome, PreFilterPlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { HostPort, PodInfo } from '../../framework/pod-info';
import { errorStatus, SKIP, unschedulable, type MaybeStatus } from '../../framework/status';
import { NodePorts } from '../names';

export const REASON_PORTS_IN_USE = "node(s) didn't have free ports for the requested pod ports";

export const PRE_FILTER_STATE_KEY = 'PreFilter' + NodePorts;

const SKIP_OUTCOME: PreFilterOutcome = Object.freeze({ status: SKIP });
const OK_OUTCOME: PreFilterOutcome = Object.freeze({ status: null });

/** The host ports the pod wants. */
class PreFilterState implements StateData {
  constructor(readonly ports: readonly HostPort[]) {}
  clone(): StateData {
    return this; // not affected by adding or removing pods
  }
}

export class NodePortsPlugin implements PreFilterPlugin, FilterPlugin {
  readonly name = NodePorts;

  preFilter(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[]): PreFilterOutcome {
    if (pod.hostPorts.length === 0) return SKIP_OUTCOME;
    state.write(PRE_FILTER_STATE_KEY, new PreFilterState(pod.hostPorts));
    return OK_OUTCOME;
  }

  preFilterExtensions(): null {
    return null;
  }

  /** Unschedulable (not unresolvable): evicting the pod holding the port can help. */
  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state.tryRead<PreFilterState>(PRE_FILTER_STATE_KEY);
    // Upstream has no fallback here: Filter without PreFilter is an error.
    if (s === undefined) return errorStatus(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
    const used = nodeInfo.usedPorts;
    if (used.size === 0) return null;
    for (const p of s.ports) {
      if (used.conflicts(p)) return unschedulable(REASON_PORTS_IN_USE);
    }
    return null;
  }
}

export const nodePortsFactory: PluginFactory = {
  create: () => new NodePortsPlugin(),
};
