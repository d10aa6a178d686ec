/**
 * What a kubelet writes into its Node and Lease objects (kubernetes/kubernetes
 * pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodestatus/setters.go,
 * component-helpers' lease controller): the four conditions it owns, default
 * capacity and allocatable, the boot ID, and the node Lease in kube-node-lease.
 *
 * Simplifications: a healthy kubelet never reports disk or PID pressure or NotReady, so
 * those conditions are fixed (DiskPressure/PIDPressure False, Ready True); MemoryPressure is
 * True only while the eviction manager (eviction-manager.ts) says so; a node without capacity gets DEFAULT_CAPACITY and a node without
 * allocatable gets its capacity (no kube-reserved / system-reserved / eviction
 * thresholds subtracted).
 */
import { kubeletDefaultLabels } from '../sim/node-registration';
import type { KubeObject, Node, NodeCondition, ResourceList } from '../model/types';
import type { SimContext } from '../sim/contracts';

export const LEASE_NAMESPACE = 'kube-node-lease';
/** nodeStatusReportFrequency: an unchanged status is still posted this often. */
export const NODE_STATUS_REPORT_FREQUENCY = 5 * 60_000;
/** kubelet maxPods default. */
export const DEFAULT_MAX_PODS = '110';
/** What a node that declares no capacity gets. */
export const DEFAULT_CAPACITY: Readonly<ResourceList> = { cpu: '4', memory: '16Gi', 'ephemeral-storage': '100Gi', pods: DEFAULT_MAX_PODS };

interface KubeletCondition {
  type: string;
  status: NodeCondition['status'];
  reason: string;
  message: string;
  /** The event recorded when the condition changes to this status. */
  event: string;
}

/** The conditions a healthy kubelet posts, in the order it posts them. */
export const KUBELET_CONDITIONS: readonly KubeletCondition[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', event: 'NodeReady' },
];

/**
 * The Ready condition of a kubelet whose container runtime has not answered yet: runtime.go's
 * runtimeErrors before the first status check and the initial network error (ErrNetworkUnknown),
 * aggregated as utilerrors prints several errors (`[a, b]`); nodestatus ReadyCondition.
 */
export const STARTING_READY: KubeletCondition = {
  type: 'Ready',
  status: 'False',
  reason: 'KubeletNotReady',
  message: '[container runtime status check may not have completed yet, network state unknown]',
  event: 'NodeNotReady',
};

/** MemoryPressure while the eviction manager observes memory.available below its threshold (eviction-manager.ts; nodestatus MemoryPressureCondition). */
export const MEMORY_PRESSURE: KubeletCondition = {
  type: 'MemoryPressure',
  status: 'True',
  reason: 'KubeletHasInsufficientMemory',
  message: 'kubelet has insufficient memory available',
  event: 'NodeHasInsufficientMemory',
};

/** The kubelet's four conditions: Ready False (STARTING_READY) while its runtime is not up yet, MemoryPressure True under pressure. */
function wanted(starting: boolean, pressure = false): readonly KubeletCondition[] {
  if (!starting && !pressure) return KUBELET_CONDITIONS;
  return KUBELET_CONDITIONS.map((c) => (starting && c.type === 'Ready' ? STARTING_READY : pressure && c.type === 'MemoryPressure' ? MEMORY_PRESSURE : c));
}

/**
 * The node's conditions as the kubelet posts them at `now`: its own four
 * (heartbeat now; transition now when the status changed), others kept.
 * Returns the new list and the events of the conditions that changed.
 * `starting`: the runtime has not answered yet (Ready=False, STARTING_READY).
 */
export function kubeletConditions(node: Node, now: string, starting = false, pressure = false): { conditions: NodeCondition[]; changed: string[] } {
  const existing = Array.isArray(node.status?.conditions) ? node.status!.conditions! : [];
  const changed: string[] = [];
  const mine = new Set(KUBELET_CONDITIONS.map((c) => c.type));
  const out: NodeCondition[] = [];
  for (const want of wanted(starting, pressure)) {
    const cur = existing.find((c) => c && c.type === want.type);
    const same = cur !== undefined && cur.status === want.status;
    if (!same) changed.push(want.event);
    out.push({
      ...(cur ?? {}),
      type: want.type,
      status: want.status,
      lastHeartbeatTime: now,
      lastTransitionTime: same && cur.lastTransitionTime ? cur.lastTransitionTime : now,
      reason: want.reason,
      message: want.message,
    });
  }
  for (const c of existing) if (c && !mine.has(c.type)) out.push(c);
  return { conditions: out, changed };
}

/** Whether the node's conditions differ from what the kubelet would post (ignoring heartbeats). */
export function conditionsDrifted(node: Node, starting = false, pressure = false): boolean {
  const existing = node.status?.conditions ?? [];
  return wanted(starting, pressure).some((want) => {
    const cur = existing.find((c) => c && c.type === want.type);
    return !cur || cur.status !== want.status || cur.reason !== want.reason;
  });
}

/** Capacity and allocatable with the kubelet's defaults filled in. */
export function capacityDefaults(node: Node): { capacity: ResourceList; allocatable: ResourceList } {
  const given = node.status?.capacity;
  const capacity: ResourceList = given && Object.keys(given).length > 0 ? { ...given } : { ...DEFAULT_CAPACITY };
  if (capacity.pods === undefined) capacity.pods = DEFAULT_MAX_PODS;
  const alloc = node.status?.allocatable;
  const allocatable: ResourceList = alloc && Object.keys(alloc).length > 0 ? { ...alloc } : { ...capacity };
  if (allocatable.pods === undefined) allocatable.pods = capacity.pods;
  return { capacity, allocatable };
}

/**
 * setNodeStatus on a Node the running kubelet did not create (its own was deleted, someone else
 * created this one; kubelet_node_status.go tryUpdateNodeStatus, nodestatus/setters.go): MachineInfo
 * writes the machine's capacity and the boot ID, and records Rebooted only against another
 * non-empty boot ID; each pressure setter that finds no condition records its NodeHas* event; the
 * Ready setter records NodeReady only when an existing Ready condition changes (a new one is
 * appended silently). The runtime is up: Ready True. Returns the new status and the events
 * (reasons, in the setters' order).
 */
export function adoptedNodeStatus(
  node: Node,
  machine: { capacity: ResourceList; allocatable: ResourceList },
  bootId: string,
  now: string,
): { status: NonNullable<Node['status']>; events: { type: 'Normal' | 'Warning'; reason: string; message: string }[] } {
  const name = node.metadata.name ?? '';
  const hadReady = (node.status?.conditions ?? []).some((c) => c && c.type === 'Ready');
  const { conditions, changed } = kubeletConditions(node, now);
  const oldInfo = (node.status?.nodeInfo as Record<string, unknown> | undefined) ?? {};
  const oldBootId = typeof oldInfo.bootID === 'string' ? oldInfo.bootID : '';
  const events: { type: 'Normal' | 'Warning'; reason: string; message: string }[] = [];
  if (oldBootId !== '' && oldBootId !== bootId) events.push({ type: 'Warning', reason: 'Rebooted', message: `Node ${name} has been rebooted, boot id: ${bootId}` });
  for (const e of changed) if (e !== 'NodeReady' || hadReady) events.push({ type: 'Normal', reason: e, message: `Node ${name} status is now: ${e}` });
  const status = { ...(node.status ?? {}), capacity: { ...machine.capacity }, allocatable: { ...machine.allocatable }, conditions, nodeInfo: { ...oldInfo, bootID: bootId } };
  return { status, events };
}

/**
 * The node's Lease (coordination.k8s.io/v1) as the kubelet creates it: owned by its Node, or, given
 * only the node's name (the Node is missing), without ownerReferences (setNodeOwnerFunc finds none).
 */
export function newLease(node: Node | string, leaseDurationMs: number, renewTime: string): KubeObject {
  const name = typeof node === 'string' ? node : (node.metadata.name ?? '');
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: LEASE_NAMESPACE,
      ...(typeof node === 'string' ? {} : { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] }),
    },
    spec: { holderIdentity: name, leaseDurationSeconds: Math.round(leaseDurationMs / 1000), renewTime },
  };
}

/** A node object to re-register with after the Node was deleted: labels and capacity, no taints, schedulable. */
export function registrationObject(template: Node): Node {
  const { name, labels, annotations } = template.metadata;
  const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name } };
  if (labels) node.metadata.labels = { ...labels };
  if (annotations) node.metadata.annotations = { ...annotations };
  const status: Node['status'] = {};
  if (template.status?.capacity) status.capacity = { ...template.status.capacity };
  if (template.status?.allocatable) status.allocatable = { ...template.status.allocatable };
  node.status = status;
  return node;
}

/** A boot ID in the form the kubelet reports (a random UUID), from the seeded generator. */
export function newBootId(ctx: SimContext): string {
  const h = () => ctx.rng.nextUint32().toString(16).padStart(8, '0');
  const a = h();
  const b = h();
  const c = h();
  const d = h();
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

/**
 * updateDefaultLabels (kubelet_node_status.go): the metadata of a Node found at registration with
 * the default labels it lacks; the same object when it lacks none. Upstream also overwrites a
 * default label whose value differs; the engine keeps a scenario's own value.
 */
export function withDefaultLabels(meta: Node['metadata'], name: string): Node['metadata'] {
  const labels = meta.labels ?? {};
  const missing = Object.entries(kubeletDefaultLabels(name)).filter(([k]) => !(k in labels));
  return missing.length === 0 ? meta : { ...meta, labels: { ...labels, ...Object.fromEntries(missing) } };
}
