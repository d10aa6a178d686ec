/**
 * What a kubelet does to its Node object when it registers: well-known
 * labels, a size when the scenario gives none; and the object a rebooting
 * machine registers again after its Node was deleted.
 */
import type { Node } from '../model/types';
import { deepClone } from '../store/clone';
import { isObj } from '../model/is-object';

/** What a kubelet reports when a scenario gives a node no size. */
const DEFAULT_NODE_RESOURCES = { cpu: '4', memory: '16Gi', 'ephemeral-storage': '100Gi', pods: '110' };


/** The well-known labels a kubelet's initialNode carries (pkg/kubelet/kubelet_node_status.go). */
export function kubeletDefaultLabels(name: string): Record<string, string> {
  return { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' };
}

/**
 * What the kubelet adds when it registers a node: well-known labels and a size if none is given.
 * `labels` false: a Node created by someone else for a machine whose kubelet has registered before
 * (Simulation.addNode): that kubelet labels a Node only when it registers (updateDefaultLabels), so
 * the object keeps the labels it was given until the kubelet process starts again.
 */
export function withNodeDefaults(input: Node, labels = true): Node {
  const node = deepClone(input);
  const name = node.metadata.name!;
  if (labels) node.metadata.labels = { ...kubeletDefaultLabels(name), ...(node.metadata.labels ?? {}) };
  if (!isObj(node.status)) node.status = {};
  const st = node.status;
  if (!st.capacity && !st.allocatable) {
    st.capacity = { ...DEFAULT_NODE_RESOURCES };
    st.allocatable = { ...DEFAULT_NODE_RESOURCES };
  } else if (!st.allocatable) st.allocatable = { ...st.capacity };
  else if (!st.capacity) st.capacity = { ...st.allocatable };
  if (st.capacity!.pods === undefined) st.capacity!.pods = '110';
  if (st.allocatable!.pods === undefined) st.allocatable!.pods = '110';
  return node;
}

/** A Node object as a booting kubelet registers it again: same name, labels, size; no controller taints, no conditions. */
export function reRegistered(last: Node): Node {
  const taints = (last.spec?.taints ?? []).filter((t) => !t.key.startsWith('node.kubernetes.io/'));
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: last.metadata.name, labels: { ...(last.metadata.labels ?? {}) }, annotations: last.metadata.annotations ? { ...last.metadata.annotations } : undefined },
    spec: taints.length > 0 ? { taints: deepClone(taints) } : {},
    status: { capacity: deepClone(last.status?.capacity), allocatable: deepClone(last.status?.allocatable) },
  };
  if (last.status?.nodeInfo) node.status!.nodeInfo = deepClone(last.status.nodeInfo);
  return withNodeDefaults(deepClone(node));
}

/**
 * The API server's TaintNodesAtCreation admission (plugin/pkg/admission/nodetaint): a Node
 * created through the API gets `node.kubernetes.io/not-ready:NoSchedule` unless it has that
 * taint already, so nothing is scheduled there before the node lifecycle controller has seen
 * it Ready (it removes the taint then). Not applied to a scenario's initial nodes, which
 * describe a running cluster.
 */
export function withCreationTaints(input: Node): Node {
  const node = deepClone(input);
  const taints = node.spec?.taints ?? [];
  if (taints.some((t) => t.key === 'node.kubernetes.io/not-ready' && t.effect === 'NoSchedule')) return node;
  node.spec = { ...(node.spec ?? {}), taints: [...taints, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] };
  return node;
}
