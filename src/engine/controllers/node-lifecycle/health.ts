/**
 * The node lifecycle controller's health bookkeeping for one node, as
 * upstream's tryUpdateNodeHealth: the controller's own probe time (refreshed
 * when it sees a new Ready heartbeat or a newer Lease renewal), the grace
 * period (startup grace for a node that never posted Ready), and, once
 * `now ≥ probe + grace`, the conditions set to Unknown.
 *
 * Lease renewals come from the kubelets' lease table; a renewal counts as seen
 * by the first monitor pass at or after it (`firstPassAtOrAfter`), which is
 * when a pass over every node would have seen it. Unlike upstream, replacing
 * the saved status on a heartbeat keeps the saved Lease (upstream forgets it,
 * and the next pass refreshes the probe once more).
 */
import { fromTimestamp } from '../../clock/time';
import type { Node, NodeCondition } from '../../model/types';
import type { ControlPlaneConfig, VirtualTime } from '../../sim/contracts';
import { getCondition } from './node-health';

type Status = NodeCondition['status'];

/** What the controller last saw of a node (upstream's nodeHealthData). */
export interface NodeHealth {
  probe: number;
  readyTransition: number;
  /** The Ready condition of the status last saved; undefined when it had none. */
  saved?: NodeCondition;
  /** The renewTime (ms) of the Lease last saved; undefined when none was saved. */
  lease?: number;
}

const UNKNOWN_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export interface HealthInput {
  node: Node;
  health: NodeHealth | undefined;
  now: VirtualTime;
  nowTs: string;
  /** The node's Lease renewTime now, if it has a Lease. */
  renewed: VirtualTime | undefined;
  firstPassAtOrAfter: (t: VirtualTime) => VirtualTime;
  config: Pick<ControlPlaneConfig, 'nodeMonitorGracePeriod' | 'nodeStartupGracePeriod'>;
}

export interface HealthResult {
  health: NodeHealth;
  grace: number;
  /** The Ready status on the node object when the pass started (Unknown when it had none). */
  observed: Status;
  /** The Ready status after this pass, undefined when the node still has no Ready condition. */
  current: Status | undefined;
  /** The conditions to write (the grace is over and Ready changed). */
  conditions?: NodeCondition[];
}

export function evaluateHealth(input: HealthInput): HealthResult {
  const { node, now, nowTs, renewed, config } = input;
  let h = input.health;
  const currentReady = getCondition(node, 'Ready');
  const created = fromTimestamp(node.metadata.creationTimestamp) ?? now;
  let observedCond: NodeCondition;
  let grace: number;
  if (!currentReady) {
    const ts = node.metadata.creationTimestamp;
    observedCond = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: ts, lastTransitionTime: ts };
    grace = config.nodeStartupGracePeriod;
    if (h) h = { ...h, saved: undefined };
    else h = { probe: created, readyTransition: created };
  } else {
    observedCond = { ...currentReady };
    grace = config.nodeMonitorGracePeriod;
  }
  const saved = h?.saved;
  const savedLease = h?.lease;
  if (!h) {
    h = { probe: now, readyTransition: now, saved: currentReady };
  } else if ((!saved && currentReady) || (saved && !currentReady)) {
    h = { probe: now, readyTransition: now, saved: currentReady, lease: savedLease };
  } else if (saved && currentReady && saved.lastHeartbeatTime !== currentReady.lastHeartbeatTime) {
    const transition = saved.lastTransitionTime !== currentReady.lastTransitionTime ? now : h.readyTransition;
    h = { probe: now, readyTransition: transition, saved: currentReady, lease: savedLease };
  } else {
    h = { ...h };
  }
  if (renewed !== undefined && (savedLease === undefined || savedLease < renewed)) {
    h.lease = renewed;
    h.probe = Math.max(h.probe, input.firstPassAtOrAfter(renewed));
  }

  if (now >= h.probe + grace) {
    const conditions = (node.status?.conditions ?? []).slice();
    for (const type of UNKNOWN_CONDITIONS) {
      const i = conditions.findIndex((c) => c && c.type === type);
      if (i < 0) {
        conditions.push({
          type,
          status: 'Unknown',
          reason: 'NodeStatusNeverUpdated',
          message: 'Kubelet never posted node status.',
          lastHeartbeatTime: node.metadata.creationTimestamp,
          lastTransitionTime: nowTs,
        });
      } else if (conditions[i].status !== 'Unknown') {
        conditions[i] = { ...conditions[i], status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: nowTs };
      }
    }
    const ready = conditions.find((c) => c.type === 'Ready')!;
    if (!sameCondition(ready, observedCond)) {
      h.saved = ready;
      h.readyTransition = now;
      return { health: h, grace, observed: observedCond.status, current: ready.status, conditions };
    }
  }
  return { health: h, grace, observed: observedCond.status, current: currentReady?.status };
}

/** Semantic equality of two node conditions (the fields a condition has). */
function sameCondition(a: NodeCondition, b: NodeCondition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    (a.reason ?? '') === (b.reason ?? '') &&
    (a.message ?? '') === (b.message ?? '') &&
    (a.lastHeartbeatTime ?? '') === (b.lastHeartbeatTime ?? '') &&
    (a.lastTransitionTime ?? '') === (b.lastTransitionTime ?? '')
  );
}
