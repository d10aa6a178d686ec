/**
 * Node helpers the node lifecycle controller shares with nobody else:
 * well-known taint keys, the condition → taint map, zone keys and zone
 * states (upstream's ComputeZoneState), and taint edits that stamp
 * `timeAdded` as controllerutil.SwapNodeControllerTaint does.
 */
import type { Node, NodeCondition, Taint } from '../../model/types';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** Nodes with this label are left out of zone disruption counts. */
export const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

export const UNREACHABLE_NOEXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_NOEXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };

/** condition type → condition status → taint key (effect NoSchedule). */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};

/** Taint keys that stand for a node condition. */
const CONDITION_TAINT_KEYS = new Set([
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_MEMORY_PRESSURE,
  TAINT_DISK_PRESSURE,
  TAINT_PID_PRESSURE,
]);

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

export function getCondition(node: Node | undefined, type: string): NodeCondition | undefined {
  const conds = node?.status?.conditions;
  if (!Array.isArray(conds)) return undefined;
  for (const c of conds) if (c && c.type === type) return c;
  return undefined;
}

/** Status of the Ready condition, or undefined when the kubelet never posted one. */
export function readyStatus(node: Node | undefined): NodeCondition['status'] | undefined {
  return getCondition(node, 'Ready')?.status;
}

/** nodetopology.GetZoneKey: region and zone labels (GA, then beta); "" without zone labels. */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

export function isExcludedFromDisruption(node: Node): boolean {
  const l = node.metadata.labels;
  return !!l && Object.prototype.hasOwnProperty.call(l, LABEL_EXCLUDE_DISRUPTION);
}

/** ComputeZoneState from the number of Ready and not-Ready nodes of a zone. */
export function computeZoneState(ready: number, notReady: number, unhealthyZoneThreshold: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyZoneThreshold) return 'PartialDisruption';
  return 'Normal';
}

/** The NoSchedule taints a node should carry for its conditions and spec.unschedulable. */
export function desiredNoScheduleTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = c && CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

/** The NoSchedule taints the controller manages (condition taints and unschedulable). */
export function managedNoScheduleTaints(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter(
    (t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)),
  );
}

/** Taint identity for set operations: key and effect (taintutils.TaintSetDiff compares both). */
const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

export function taintExists(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return !!taints && taints.some((x) => same(x, t));
}

/** taintutils.TaintSetDiff: what to add to `current` and what to remove from it to reach `desired`. */
export function taintSetDiff(desired: readonly Taint[], current: readonly Taint[]): { add: Taint[]; remove: Taint[] } {
  return {
    add: desired.filter((t) => !current.some((c) => same(c, t))),
    remove: current.filter((c) => !desired.some((t) => same(c, t))),
  };
}

/**
 * The node's taints after adding `add` (stamped with `timeAdded`, replacing a
 * taint with the same key and effect) and removing `remove`; undefined when
 * nothing changes.
 */
export function swapTaints(node: Node, add: readonly Taint[], remove: readonly Taint[], timeAdded: string): Taint[] | undefined {
  const before = node.spec?.taints ?? [];
  let out = before.filter((t) => !remove.some((r) => same(r, t)));
  let changed = out.length !== before.length;
  for (const a of add) {
    const stamped: Taint = { ...a, timeAdded };
    const i = out.findIndex((t) => same(t, a));
    if (i >= 0) {
      if (out[i].value === a.value && out[i].timeAdded === timeAdded) continue;
      out = out.slice();
      out[i] = stamped;
    } else {
      out = [...out, stamped];
    }
    changed = true;
  }
  return changed ? out : undefined;
}
