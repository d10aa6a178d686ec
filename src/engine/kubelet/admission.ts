/**
 * The kubelet's admission of a pod bound to its node (kubernetes/kubernetes
 * pkg/kubelet/lifecycle/predicate.go, with the scheduler's AdmissionCheck):
 * under memory pressure the eviction manager's check (a BestEffort pod that does not tolerate
 * node.kubernetes.io/memory-pressure is refused, `Evicted`), then the `kubernetes.io/os` label, then resource fit against the node's
 * allocatable minus what the kubelet already admitted (pod count, cpu, memory,
 * ephemeral-storage, extended resources), node affinity / nodeSelector, node
 * name, host ports, and untolerated NoExecute taints. Only the first failure is
 * reported, as upstream does.
 *
 * Simplifications: extended resources the node does not advertise are ignored
 * (as upstream's removeMissingExtendedResources does); no device plugins, no
 * OS field, no SupplementalGroupsPolicy.
 */
import { CompiledNodeSelector, nodeView, selectorFromSet } from '../model/labels';
import { storedPodRequests } from '../model/pod-requests-cache';
import { QuantityError } from '../model/quantity';
import { CPU, EPHEMERAL_STORAGE, MEMORY, PODS, Resource, resourceFromList } from '../model/resource';
import { findMatchingUntoleratedTaint } from '../model/taints';
import type { Node, Pod } from '../model/types';
import { isBestEffort } from '../model/quota-usage';

export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const REASON_TAINTS = "node(s) had taints that the pod didn't tolerate";

/** One host port a pod holds: protocol/port and the IP it binds. */
export interface HostPortUse {
  protocol: string;
  port: number;
  ip: string;
}

/** What the kubelet has admitted on its node so far. */
export interface AdmittedPods {
  count: number;
  requested: Resource;
  ports: readonly HostPortUse[];
  /** The node's allocatable, if the caller has it parsed already. */
  allocatable?: Resource;
  /** The kubelet's eviction manager sees memory pressure (eviction-manager.ts). */
  memoryPressure?: boolean;
}

/** The eviction manager's admit message under memory pressure (helpers.go nodeConditionMessageFmt). */
export const MEMORY_PRESSURE_ADMIT_MESSAGE = 'The node had condition: [MemoryPressure]. ';
const MEMORY_PRESSURE_TAINT = [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' as const }];

/**
 * The eviction manager's Admit, the first admit handler: under memory pressure only a pod that
 * is critical, not BestEffort, or tolerates the memory-pressure taint is admitted.
 */
function evictionAdmit(pod: Pod): AdmitResult | undefined {
  if ((pod.spec.priority ?? 0) >= 2_000_000_000 || !isBestEffort(pod)) return undefined;
  if (!findMatchingUntoleratedTaint(MEMORY_PRESSURE_TAINT, pod.spec.tolerations, () => true)) return undefined;
  return { admit: false, reason: 'Evicted', message: MEMORY_PRESSURE_ADMIT_MESSAGE };
}

export type AdmitResult = { admit: true } | { admit: false; reason: string; message: string };

const OUT_OF: Record<string, string> = { [CPU]: 'OutOfcpu', [MEMORY]: 'OutOfmemory', [EPHEMERAL_STORAGE]: 'OutOfephemeral-storage', [PODS]: 'OutOfpods' };

/**
 * The requests of a stored pod as the kubelet counts them (0 for a malformed quantity,
 * which validation rejects earlier): parsed once per template content and shared, so
 * read-only.
 */
export function admissionRequests(pod: Pod): Resource {
  try {
    return storedPodRequests(pod).requests;
  } catch (e) {
    if (e instanceof QuantityError) return new Resource();
    throw e;
  }
}

export function hostPortsOf(pod: Pod): HostPortUse[] {
  const out: HostPortUse[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p && typeof p.hostPort === 'number' && p.hostPort > 0) out.push({ protocol: p.protocol ?? 'TCP', port: p.hostPort, ip: p.hostIP || '0.0.0.0' });
    }
  }
  return out;
}

const portsConflict = (a: HostPortUse, b: HostPortUse) =>
  a.protocol === b.protocol && a.port === b.port && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');

function insufficient(name: string, requested: number, used: number, capacity: number): AdmitResult {
  return {
    admit: false,
    reason: OUT_OF[name] ?? `OutOf${name}`,
    message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
  };
}

const predicate = (name: string, desc: string): AdmitResult => ({ admit: false, reason: name, message: `Predicate ${name} failed: ${desc}` });

/**
 * The first reason the kubelet on `node` rejects `pod`, or admit. `requests`
 * and `ports` are the pod's (admissionRequests, hostPortsOf) when the caller has them.
 */
export function admit(pod: Pod, node: Node, admitted: AdmittedPods, requests = admissionRequests(pod), ports = hostPortsOf(pod)): AdmitResult {
  const pressure = admitted.memoryPressure ? evictionAdmit(pod) : undefined;
  if (pressure) return pressure;
  const podOS = pod.metadata.labels?.['kubernetes.io/os'];
  if (podOS !== undefined && podOS !== (node.metadata.labels?.['kubernetes.io/os'] ?? 'linux')) {
    return {
      admit: false,
      reason: 'PodOSSelectorNodeLabelDoesNotMatch',
      message: "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label",
    };
  }
  const fit = fits(requests, node, admitted);
  if (fit) return fit;
  if (!matchesRequiredAffinity(pod, node)) return predicate('NodeAffinity', REASON_NODE_AFFINITY);
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata.name) return predicate('NodeName', REASON_NODE_NAME);
  if (ports.some((p) => admitted.ports.some((u) => portsConflict(p, u)))) return predicate('NodePorts', REASON_NODE_PORTS);
  if (findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, (t) => t.effect === 'NoExecute')) {
    return predicate('TaintToleration', REASON_TAINTS);
  }
  return { admit: true };
}

/** noderesources.Fits as AdmissionCheck runs it: the first insufficient resource, if any. */
function fits(req: Resource, node: Node, admitted: AdmittedPods): AdmitResult | undefined {
  const alloc = admitted.allocatable ?? resourceFromList(node.status?.allocatable);
  if (admitted.count + 1 > alloc.allowedPodNumber) return insufficient(PODS, 1, admitted.count, alloc.allowedPodNumber);
  const used = admitted.requested;
  const scalars = [...(req.scalar?.keys() ?? [])].filter((n) => (req.scalar!.get(n) ?? 0) > 0 && alloc.scalar?.has(n)).sort();
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && scalars.length === 0) return undefined;
  for (const name of [CPU, MEMORY, EPHEMERAL_STORAGE]) {
    const r = req.get(name);
    if (r > 0 && r > alloc.get(name) - used.get(name)) return insufficient(name, r, used.get(name), alloc.get(name));
  }
  for (const name of scalars) {
    const r = req.get(name);
    if (r > alloc.get(name) - used.get(name)) return insufficient(name, r, used.get(name), alloc.get(name));
  }
  return undefined;
}

/** Tests turn off the answer for pods without a nodeSelector or required node affinity, to compare with the full match. */
export const NO_AFFINITY_FAST = { enabled: true };

/** Whether a nodeSelector selects every node (absent, or an object without entries: selectorFromSet's EVERYTHING). */
function selectsAll(set: unknown): boolean {
  if (set === undefined || set === null) return true;
  if (typeof set !== 'object') return false;
  for (const k in set) if (Object.prototype.hasOwnProperty.call(set, k)) return false;
  return true;
}

/** component-helpers' RequiredNodeAffinity: nodeSelector AND the required terms. */
export function matchesRequiredAffinity(pod: Pod, node: Node): boolean {
  // Most pods have neither: every node matches, and no view or selector is built for the answer.
  if (NO_AFFINITY_FAST.enabled && pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution === undefined && selectsAll(pod.spec.nodeSelector)) return true;
  const view = nodeView(node);
  if (!selectorFromSet(pod.spec.nodeSelector).matches(view.labels)) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return new CompiledNodeSelector(required).match(view);
}
