/**
 * Queueing hints: for each in-tree plugin that can reject a pod, the cluster
 * events it registers and the hint that tells whether one such event may
 * make a pod it rejected schedulable (upstream's EnqueueExtensions /
 * EventsToRegister, QueueingHints GA since v1.34). They live here, beside the
 * queue, rather than in each plugin so the plugins stay cycle-only.
 *
 * Simplified: NodeResourcesFit ignores its args (ignored resources), the
 * node-affinity hint ignores the profile's addedAffinity. A plugin with no
 * entry here (an out-of-tree one) is interested in every event.
 */
import { CompiledNodeSelector, nodeView, selectorFromSet, type Labels } from '../../model/labels';
import { resourceFromList } from '../../model/resource';
import { findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../../model/taints';
import type { KubeObject, Node, Pod, Taint } from '../../model/types';
import { HostPortInfo } from '../framework/node-info';
import type { AffinityTerm, PodInfo } from '../framework/pod-info';
import * as names from '../plugins/names';
import { filterConstraints, type Constraint } from '../plugins/pod-topology-spread/constraints';
import { Action, isWildCard, matchClusterEvents, type ClusterEvent, type EventResource } from './cluster-events';

/** true: the event may make the pod schedulable (Queue); false: QueueSkip. */
export type QueueingHintFn = (pod: PodInfo, oldObj: KubeObject | undefined, newObj: KubeObject | undefined) => boolean;

export interface ClusterEventWithHint {
  readonly event: ClusterEvent;
  /** Absent: always Queue. */
  readonly hint?: QueueingHintFn;
}

const reg = (resource: EventResource, action: number, hint?: QueueingHintFn): ClusterEventWithHint => ({
  event: { resource, action, label: `${resource}/${action}` },
  hint,
});

const asPod = (o: KubeObject | undefined) => o as Pod | undefined;
const asNode = (o: KubeObject | undefined) => o as Node | undefined;
const uidOf = (o: KubeObject) => o.metadata.uid ?? `${o.metadata.namespace ?? 'default'}/${o.metadata.name ?? ''}`;

// ---- NodeResourcesFit ----

/** Whether the pod fits an empty node of this size (upstream isFit). */
function fitsEmptyNode(pod: PodInfo, node: Node): boolean {
  const alloc = resourceFromList(node.status?.allocatable);
  const r = pod.requests;
  if (alloc.allowedPodNumber < 1) return false;
  if (r.milliCPU > alloc.milliCPU || r.memory > alloc.memory || r.ephemeralStorage > alloc.ephemeralStorage) return false;
  if (r.scalar) for (const [name, v] of r.scalar) if (v > alloc.get(name)) return false;
  return true;
}

/** upstream haveAnyRequestedResourcesIncreased. */
function requestedResourceIncreased(pod: PodInfo, oldNode: Node, newNode: Node): boolean {
  const o = resourceFromList(oldNode.status?.allocatable);
  const n = resourceFromList(newNode.status?.allocatable);
  if (n.allowedPodNumber > o.allowedPodNumber) return true;
  const r = pod.requests;
  if (r.milliCPU !== 0 && n.milliCPU > o.milliCPU) return true;
  if (r.memory !== 0 && n.memory > o.memory) return true;
  if (r.ephemeralStorage !== 0 && n.ephemeralStorage > o.ephemeralStorage) return true;
  if (r.scalar) for (const name of r.scalar.keys()) if (n.get(name) > o.get(name)) return true;
  return false;
}

const fitAfterNodeChange: QueueingHintFn = (pod, oldObj, newObj) => {
  const node = asNode(newObj);
  if (!node || !fitsEmptyNode(pod, node)) return false;
  const old = asNode(oldObj);
  return old === undefined || requestedResourceIncreased(pod, old, node);
};

const fitAfterPodEvent: QueueingHintFn = (pod, oldObj, newObj) => {
  const oldPod = asPod(oldObj);
  const newPod = asPod(newObj);
  if (newPod === undefined) {
    // A deleted pod frees room only if it was bound or nominated somewhere.
    return !!(oldPod?.spec.nodeName || oldPod?.status?.nominatedNodeName);
  }
  // A scale down: of the pod itself, or of a pod bound to some node.
  return uidOf(newPod) === pod.uid || !!newPod.spec.nodeName;
};

// ---- TaintToleration, NodeUnschedulable, NodeName, NodeAffinity ----

const doNotSchedule = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
const untolerated = (pod: PodInfo, node: Node) =>
  findMatchingUntoleratedTaint(node.spec?.taints, pod.pod.spec.tolerations, doNotSchedule) !== undefined;

const taintAfterNodeChange: QueueingHintFn = (pod, oldObj, newObj) => {
  const node = asNode(newObj);
  if (!node) return false;
  const old = asNode(oldObj);
  const was = old === undefined ? true : untolerated(pod, old);
  return was && !untolerated(pod, node);
};

const UNSCHEDULABLE_TAINT: Taint = Object.freeze({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });

const unschedulableAfterNodeChange: QueueingHintFn = (pod, oldObj, newObj) => {
  const node = asNode(newObj);
  if (!node) return false;
  const tolerates = tolerationsTolerateTaint(pod.pod.spec.tolerations, UNSCHEDULABLE_TAINT);
  const old = asNode(oldObj);
  const wasSchedulable = old === undefined ? false : old.spec?.unschedulable !== true || tolerates;
  const isSchedulable = node.spec?.unschedulable !== true || tolerates;
  return !wasSchedulable && isSchedulable;
};

/** An update of the pod itself (its tolerations, its gates). */
const selfUpdate: QueueingHintFn = (pod, _oldObj, newObj) => newObj !== undefined && uidOf(newObj) === pod.uid;

type NodeMatcher = (node: Node) => boolean;
const nodeMatchers = new WeakMap<PodInfo, NodeMatcher>();

/** The pod's nodeSelector AND required node affinity (component-helpers' RequiredNodeAffinity). */
function requiredNodeAffinity(pod: PodInfo): NodeMatcher {
  let m = nodeMatchers.get(pod);
  if (m) return m;
  const spec = pod.pod.spec;
  const labelSel = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? selectorFromSet(spec.nodeSelector) : null;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const nodeSel = required ? new CompiledNodeSelector(required) : null;
  m = (node) => {
    const v = nodeView(node);
    if (labelSel !== null && !labelSel.matches(v.labels)) return false;
    return nodeSel === null || nodeSel.match(v);
  };
  nodeMatchers.set(pod, m);
  return m;
}

const affinityAfterNodeChange: QueueingHintFn = (pod, oldObj, newObj) => {
  const node = asNode(newObj);
  if (!node) return false;
  const match = requiredNodeAffinity(pod);
  if (!match(node)) return false;
  const old = asNode(oldObj);
  return old === undefined || !match(old);
};

const nodeNameAfterNodeAdd: QueueingHintFn = (pod, _oldObj, newObj) =>
  !pod.pod.spec.nodeName || newObj?.metadata.name === pod.pod.spec.nodeName;

// ---- NodePorts ----

function hostPortsOf(p: Pod): HostPortInfo {
  const used = new HostPortInfo();
  const sidecars = (p.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...sidecars, ...(p.spec.containers ?? [])]) {
    for (const port of c.ports ?? []) {
      if ((port.hostPort ?? 0) > 0) used.add({ ip: port.hostIP || '0.0.0.0', protocol: port.protocol || 'TCP', port: port.hostPort! });
    }
  }
  return used;
}

const portsAfterPodDelete: QueueingHintFn = (pod, oldObj) => {
  const old = asPod(oldObj);
  if (!old || (!old.spec.nodeName && !old.status?.nominatedNodeName)) return false;
  if (pod.hostPorts.length === 0) return false;
  const used = hostPortsOf(old);
  return pod.hostPorts.some((p) => used.conflicts(p));
};

// ---- PodTopologySpread ----

const hardConstraints = new WeakMap<PodInfo, Constraint[]>();

/** The pod's DoNotSchedule constraints (the system defaults are all ScheduleAnyway). */
function constraintsOf(pod: PodInfo): Constraint[] {
  let c = hardConstraints.get(pod);
  if (c) return c;
  try {
    c = filterConstraints(pod.pod.spec.topologySpreadConstraints ?? [], pod.labels, 'DoNotSchedule');
  } catch {
    c = [];
  }
  hardConstraints.set(pod, c);
  return c;
}

const involvedInSpreading = (other: Pod, pod: PodInfo) =>
  uidOf(other) === pod.uid || (!!other.spec.nodeName && (other.metadata.namespace ?? 'default') === pod.namespace);
const matchesAnyConstraint = (cs: readonly Constraint[], labels: Labels) => cs.some((c) => c.selector.matches(labels));
const nodeHasAllKeys = (labels: Labels, cs: readonly Constraint[]) =>
  cs.every((c) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, c.topologyKey));

const spreadAfterPodChange: QueueingHintFn = (pod, oldObj, newObj) => {
  const oldPod = asPod(oldObj);
  const newPod = asPod(newObj);
  if ((newPod && !involvedInSpreading(newPod, pod)) || (oldPod && !involvedInSpreading(oldPod, pod))) return false;
  const cs = constraintsOf(pod);
  if (newPod && oldPod) {
    if (uidOf(newPod) === pod.uid && cs.some((c) => c.nodeTaintsPolicy === 'Honor')) return true;
    return cs.some((c) => c.selector.matches(oldPod.metadata.labels) !== c.selector.matches(newPod.metadata.labels));
  }
  if (newPod) return matchesAnyConstraint(cs, newPod.metadata.labels);
  return oldPod !== undefined && matchesAnyConstraint(cs, oldPod.metadata.labels);
};

const spreadAfterNodeChange: QueueingHintFn = (pod, oldObj, newObj) => {
  const cs = constraintsOf(pod);
  const oldNode = asNode(oldObj);
  const newNode = asNode(newObj);
  const oldMatch = oldNode !== undefined && nodeHasAllKeys(oldNode.metadata.labels, cs);
  const newMatch = newNode !== undefined && nodeHasAllKeys(newNode.metadata.labels, cs);
  if (oldNode && newNode) {
    if (oldMatch !== newMatch) return true;
    if (!newMatch) return false;
    const ol = oldNode.metadata.labels ?? {};
    const nl = newNode.metadata.labels ?? {};
    if (cs.some((c) => ol[c.topologyKey] !== nl[c.topologyKey])) return true;
    return JSON.stringify(oldNode.spec?.taints ?? []) !== JSON.stringify(newNode.spec?.taints ?? []);
  }
  return newNode ? newMatch : oldMatch;
};

// ---- InterPodAffinity ----

/** upstream podMatchesAllAffinityTerms, with nil namespace labels as upstream's hint passes. */
function matchesAllTerms(terms: readonly AffinityTerm[], p: Pod): boolean {
  if (terms.length === 0) return false;
  const ns = p.metadata.namespace ?? 'default';
  for (const t of terms) {
    if (!(t.namespaces.has(ns) || t.namespaceSelector.matches(undefined))) return false;
    if (!t.selector.matches(p.metadata.labels)) return false;
  }
  return true;
}

const affinityAfterPodChange: QueueingHintFn = (pod, oldObj, newObj) => {
  const oldPod = asPod(oldObj);
  const newPod = asPod(newObj);
  if ((newPod && !newPod.spec.nodeName) || (oldPod && !oldPod.spec.nodeName)) return false;
  const terms = pod.requiredAffinityTerms;
  const anti = pod.requiredAntiAffinityTerms;
  if (newPod && oldPod) {
    if (!matchesAllTerms(terms, oldPod) && matchesAllTerms(terms, newPod)) return true;
    return matchesAllTerms(anti, oldPod) && !matchesAllTerms(anti, newPod);
  }
  if (newPod) return matchesAllTerms(terms, newPod);
  return oldPod !== undefined && matchesAllTerms(anti, oldPod);
};

const podAffinityAfterNodeChange: QueueingHintFn = (pod, _oldObj, newObj) => {
  const labels = newObj?.metadata.labels ?? {};
  const has = (t: AffinityTerm) => Object.prototype.hasOwnProperty.call(labels, t.topologyKey);
  return pod.requiredAffinityTerms.some(has) || pod.requiredAntiAffinityTerms.some(has);
};

// ---- VolumeBinding ----

/** Whether the claim is one the pod uses (a persistentVolumeClaim volume, or `<pod>-<volume>` for an ephemeral one). */
const volumeAfterClaimChange: QueueingHintFn = (pod, _oldObj, newObj) => {
  if (!newObj || (newObj.metadata.namespace ?? 'default') !== pod.namespace) return false;
  const name = newObj.metadata.name;
  for (const v of (pod.pod.spec.volumes ?? []) as Record<string, unknown>[]) {
    const pvc = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (pvc ? pvc.claimName === name : v.ephemeral !== undefined && `${pod.name}-${String(v.name ?? '')}` === name) return true;
  }
  return false;
};

// ---- the table ----

const NODE_ADD_TAINT = Action.Add | Action.UpdateNodeTaint;

export const IN_TREE_EVENTS: ReadonlyMap<string, readonly ClusterEventWithHint[]> = new Map([
  [names.SchedulingGates, [reg('Pod', Action.UpdatePodSchedulingGatesEliminated, selfUpdate)]],
  [names.NodeUnschedulable, [reg('Node', NODE_ADD_TAINT, unschedulableAfterNodeChange), reg('Pod', Action.UpdatePodToleration, selfUpdate)]],
  [names.NodeName, [reg('Node', Action.Add, nodeNameAfterNodeAdd)]],
  [names.TaintToleration, [reg('Node', NODE_ADD_TAINT, taintAfterNodeChange), reg('Pod', Action.UpdatePodToleration, selfUpdate)]],
  [names.NodeAffinity, [reg('Node', Action.Add | Action.UpdateNodeLabel, affinityAfterNodeChange)]],
  [names.NodePorts, [reg('Pod', Action.Delete, portsAfterPodDelete), reg('Node', Action.Add)]],
  [
    names.NodeResourcesFit,
    [
      reg('Pod', Action.Delete | Action.UpdatePodScaleDown, fitAfterPodEvent),
      reg('Node', Action.Add | Action.UpdateNodeAllocatable | Action.UpdateNodeTaint | Action.UpdateNodeLabel, fitAfterNodeChange),
    ],
  ],
  [
    names.PodTopologySpread,
    [
      reg('Pod', Action.Add | Action.UpdatePodLabel | Action.UpdatePodToleration | Action.Delete, spreadAfterPodChange),
      reg('Node', Action.Add | Action.Delete | Action.UpdateNodeLabel | Action.UpdateNodeTaint, spreadAfterNodeChange),
    ],
  ],
  [
    names.InterPodAffinity,
    [
      reg('Pod', Action.Add | Action.UpdatePodLabel | Action.Delete, affinityAfterPodChange),
      reg('Node', Action.Add | Action.UpdateNodeLabel | Action.UpdateNodeTaint, podAffinityAfterNodeChange),
      reg('Namespace', Action.Add | Action.UpdateNamespaceLabel),
    ],
  ],
  // Plugins that never reject a pod (queue sort, scoring, binding, preemption)...
  [names.PrioritySort, []],
  [names.NodeResourcesBalancedAllocation, []],
  [names.ImageLocality, []],
  [names.DefaultPreemption, []],
  [names.DefaultBinder, []],
  [
    names.VolumeBinding,
    [
      reg('PersistentVolumeClaim', Action.Add | Action.UpdateOther, volumeAfterClaimChange),
      reg('PersistentVolume', Action.Add | Action.UpdateOther),
      reg('StorageClass', Action.Add | Action.UpdateOther),
      reg('Node', Action.Add | Action.UpdateNodeLabel | Action.UpdateNodeTaint),
    ],
  ],
  // ...or take no part (no PV topology, volume limits or devices in Podscape).
  [names.VolumeRestrictions, []],
  [names.NodeVolumeLimits, []],
  [names.VolumeZone, []],
  [names.DynamicResources, []],
]);

const WILDCARD: readonly ClusterEventWithHint[] = Object.freeze([reg('*', Action.All)]);

/** The events a plugin registers; an unknown plugin is interested in everything. */
export function eventsToRegister(plugin: string): readonly ClusterEventWithHint[] {
  return IN_TREE_EVENTS.get(plugin) ?? WILDCARD;
}

/** Whether any registration of any of these plugins covers the event (upstream isEventOfInterest). */
export function isEventOfInterest(event: ClusterEvent, plugins: Iterable<string>): boolean {
  if (isWildCard(event)) return true;
  for (const p of plugins) {
    for (const r of eventsToRegister(p)) if (matchClusterEvents(r.event, event)) return true;
  }
  return false;
}
