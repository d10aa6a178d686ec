/**
 * Cluster events, as upstream's fwk.ClusterEvent: a resource and a set of
 * action bits. The scheduler turns watch notifications into these (one per
 * scheduling-relevant aspect that changed, as upstream's
 * NodeSchedulingPropertiesChange / PodSchedulingPropertiesChange), and the
 * queue asks the plugins that rejected a pod whether an event may help it.
 */
import { podRequests } from '../../model/pod-requests';
import type { KubeObject, Node, Pod } from '../../model/types';

/** Action bits (upstream fwk.ActionType). */
export const Action = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodToleration: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  /** A pod update none of the specific bits describe (only a plain Update registration sees it). */
  UpdatePodOther: 1 << 11,
  UpdateNamespaceLabel: 1 << 12,
  /** An update of a resource without specific bits (claims, storage classes, volumes). */
  UpdateOther: 1 << 13,
  Update: ((1 << 14) - 1) & ~3,
  All: (1 << 14) - 1,
} as const;

/**
 * `Pod` in a registration matches both AssignedPod and UnscheduledPod events;
 * `*` matches everything.
 */
export type EventResource =
  | 'Node'
  | 'Pod'
  | 'AssignedPod'
  | 'UnscheduledPod'
  | 'Namespace'
  | 'PersistentVolumeClaim'
  | 'PersistentVolume'
  | 'StorageClass'
  | '*';

export interface ClusterEvent {
  readonly resource: EventResource;
  readonly action: number;
  /** For traces and the UI: e.g. `NodeAdd`, `AssignedPodDelete`, `UnschedulableTimeout`. */
  readonly label: string;
}

const ev = (resource: EventResource, action: number, label: string): ClusterEvent => Object.freeze({ resource, action, label });

export const EventNodeAdd = ev('Node', Action.Add, 'NodeAdd');
export const EventNodeDelete = ev('Node', Action.Delete, 'NodeDelete');
export const EventAssignedPodAdd = ev('AssignedPod', Action.Add, 'AssignedPodAdd');
export const EventAssignedPodDelete = ev('AssignedPod', Action.Delete, 'AssignedPodDelete');
export const EventUnscheduledPodDelete = ev('UnscheduledPod', Action.Delete, 'UnscheduledPodDelete');
export const EventNamespaceAdd = ev('Namespace', Action.Add, 'NamespaceAdd');
export const EventNamespaceLabelChange = ev('Namespace', Action.UpdateNamespaceLabel, 'NamespaceUpdateNamespaceLabel');
/** An added or changed claim, volume or storage class (`PersistentVolumeClaimAdd`, `StorageClassUpdate`, …). */
export const storageEvent = (resource: 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass', added: boolean): ClusterEvent =>
  ev(resource, added ? Action.Add : Action.UpdateOther, `${resource}${added ? 'Add' : 'Update'}`);
/** The periodic flush of pods that stayed too long in the unschedulable pool (a wildcard). */
export const EventUnschedulableTimeout = ev('*', Action.All, 'UnschedulableTimeout');
/** Moves a pod regardless of its rejecting plugins (a wildcard). */
export const EventForceActivate = ev('*', Action.All, 'ForceActivate');

export function isWildCard(e: ClusterEvent): boolean {
  return e.resource === '*' && e.action === Action.All;
}

function matchResource(registered: EventResource, coming: EventResource): boolean {
  return (
    registered === '*' ||
    registered === coming ||
    (registered === 'Pod' && (coming === 'AssignedPod' || coming === 'UnscheduledPod'))
  );
}

/** Whether a coming event is the registered one or more specific (upstream MatchClusterEvents). */
export function matchClusterEvents(registered: ClusterEvent, coming: ClusterEvent): boolean {
  if (isWildCard(registered)) return true;
  return matchResource(registered.resource, coming.resource) && (registered.action & coming.action) !== 0;
}

// ---- deriving events from object changes ----

/** Structural equality of plain JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    // undefined and a missing key are the same; so are undefined and null in optional fields.
    return (a === undefined || a === null) && (b === undefined || b === null);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of Object.keys(ao)) if (!deepEqual(ao[k], bo[k])) return false;
  for (const k of Object.keys(bo)) if (!(k in ao) && !deepEqual(undefined, bo[k])) return false;
  return true;
}

const isEmptyMap = (m: Record<string, unknown> | undefined) => m === undefined || Object.keys(m).length === 0;
const sameMap = (a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined) =>
  (isEmptyMap(a) && isEmptyMap(b)) || deepEqual(a, b);

/** Condition type → status only: heartbeat and transition times do not count. */
function conditionStatuses(n: Node): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of n.status?.conditions ?? []) out[c.type] = c.status;
  return out;
}

/** The events a node update raises, one per changed aspect (upstream NodeSchedulingPropertiesChange). */
export function nodeSchedulingPropertiesChange(newNode: Node, oldNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  // Cordon/uncordon counts as a taint change, as upstream's nodeSpecUnschedulableChanged.
  if ((newNode.spec?.unschedulable === true) !== (oldNode.spec?.unschedulable === true)) {
    out.push(ev('Node', Action.UpdateNodeTaint, 'NodeSpecUnschedulableChange'));
  }
  if (!sameMap(newNode.status?.allocatable, oldNode.status?.allocatable)) {
    out.push(ev('Node', Action.UpdateNodeAllocatable, 'NodeAllocatableChange'));
  }
  if (!sameMap(newNode.metadata.labels, oldNode.metadata.labels)) {
    out.push(ev('Node', Action.UpdateNodeLabel, 'NodeLabelChange'));
  }
  if (!deepEqual(newNode.spec?.taints ?? [], oldNode.spec?.taints ?? [])) {
    out.push(ev('Node', Action.UpdateNodeTaint, 'NodeTaintChange'));
  }
  if (!sameMap(conditionStatuses(newNode), conditionStatuses(oldNode))) {
    out.push(ev('Node', Action.UpdateNodeCondition, 'NodeConditionChange'));
  }
  if (!sameMap(newNode.metadata.annotations, oldNode.metadata.annotations)) {
    out.push(ev('Node', Action.UpdateNodeAnnotation, 'NodeAnnotationChange'));
  }
  return out;
}

/** Whether some request of the new pod is lower than before (an in-place scale down). */
function scaledDown(newPod: Pod, oldPod: Pod): boolean {
  const n0 = newPod.spec;
  const o0 = oldPod.spec;
  // Most updates (status, labels) leave the resources alone: skip parsing quantities then.
  if (
    deepEqual(n0.containers, o0.containers) &&
    deepEqual(n0.initContainers, o0.initContainers) &&
    deepEqual(n0.overhead, o0.overhead) &&
    deepEqual(n0.resources, o0.resources)
  ) {
    return false;
  }
  const n = podRequests(newPod);
  const o = podRequests(oldPod);
  if (n.milliCPU < o.milliCPU || n.memory < o.memory || n.ephemeralStorage < o.ephemeralStorage) return true;
  if (o.scalar) for (const [name, v] of o.scalar) if ((n.scalar?.get(name) ?? 0) < v) return true;
  return false;
}

/** The events a pod update raises (upstream PodSchedulingPropertiesChange). */
export function podSchedulingPropertiesChange(newPod: Pod, oldPod: Pod): ClusterEvent[] {
  const resource: EventResource = newPod.spec.nodeName ? 'AssignedPod' : 'UnscheduledPod';
  const out: ClusterEvent[] = [];
  if (!sameMap(newPod.metadata.labels, oldPod.metadata.labels)) out.push(ev(resource, Action.UpdatePodLabel, `${resource}UpdatePodLabel`));
  if (scaledDown(newPod, oldPod)) out.push(ev(resource, Action.UpdatePodScaleDown, `${resource}UpdatePodScaleDown`));
  if ((oldPod.spec.schedulingGates?.length ?? 0) > 0 && (newPod.spec.schedulingGates?.length ?? 0) === 0) {
    out.push(ev(resource, Action.UpdatePodSchedulingGatesEliminated, `${resource}UpdatePodSchedulingGatesEliminated`));
  }
  if (!deepEqual(newPod.spec.tolerations ?? [], oldPod.spec.tolerations ?? [])) {
    out.push(ev(resource, Action.UpdatePodToleration, `${resource}UpdatePodToleration`));
  }
  if (out.length === 0) out.push(ev(resource, Action.UpdatePodOther, `${resource}Update`));
  return out;
}

/** Whether a namespace's labels changed. */
export function namespaceLabelsChanged(newNs: KubeObject, oldNs: KubeObject): boolean {
  return !sameMap(newNs.metadata.labels, oldNs.metadata.labels);
}
