/**
 * Export as KWOK fake Nodes (kwok.sigs.k8s.io, "Manage Nodes and Pods"): the cluster's
 * nodes, with their names, labels, taints, capacity and allocatable, as Node objects a
 * KWOK controller takes over (annotation `kwok.x-k8s.io/node: fake`, label `type: kwok`,
 * the `kwok.x-k8s.io/node=fake:NoSchedule` taint that keeps real pods off them), so the
 * same cluster shape can be replayed against a real kube-scheduler at scale. Pods meant
 * for these nodes need a toleration of that taint.
 */
import type { KubeObject, Node } from '../../engine/model/types';
import { toYamlStream } from './yaml-out';

export const KWOK_ANNOTATION = 'kwok.x-k8s.io/node';
export const KWOK_TAINT = { key: 'kwok.x-k8s.io/node', value: 'fake', effect: 'NoSchedule' } as const;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function kwokNode(node: Node): Node {
  const name = node.metadata.name ?? '';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/os': 'linux',
    ...(isObj(node.metadata.labels) ? (node.metadata.labels as Record<string, string>) : {}),
    'kubernetes.io/hostname': name,
    type: 'kwok',
  };
  const hasRole = Object.keys(labels).some((k) => k.startsWith('node-role.kubernetes.io/'));
  if (!hasRole) {
    labels['kubernetes.io/role'] = 'agent';
    labels['node-role.kubernetes.io/agent'] = '';
  }
  const annotations: Record<string, string> = { 'node.alpha.kubernetes.io/ttl': '0', [KWOK_ANNOTATION]: 'fake' };
  const taints = (Array.isArray(node.spec?.taints) ? node.spec.taints : []).filter((t) => !(isObj(t) && t.key === KWOK_TAINT.key));
  const status = isObj(node.status) ? node.status : {};
  const info = isObj(status.nodeInfo) ? (status.nodeInfo as Record<string, unknown>) : {};
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { annotations, labels, name },
    spec: { taints: [...taints.map((t) => ({ ...t })), { ...KWOK_TAINT }] },
    status: {
      allocatable: { ...(status.allocatable ?? {}) },
      capacity: { ...(status.capacity ?? status.allocatable ?? {}) },
      nodeInfo: {
        architecture: typeof info.architecture === 'string' ? info.architecture : 'amd64',
        bootID: '',
        containerRuntimeVersion: '',
        kernelVersion: '',
        kubeProxyVersion: 'fake',
        kubeletVersion: 'fake',
        machineID: '',
        operatingSystem: typeof info.operatingSystem === 'string' ? info.operatingSystem : 'linux',
        osImage: '',
        systemUUID: '',
      },
      phase: 'Running',
    },
  } as Node;
}

export function kwokNodeObjects(objects: readonly KubeObject[]): Node[] {
  return objects.filter((o): o is Node => o.kind === 'Node').map(kwokNode);
}

export function exportKwokNodes(objects: readonly KubeObject[]): string {
  const nodes = kwokNodeObjects(objects);
  return toYamlStream(
    nodes,
    `KWOK fake Nodes exported from Podscape (${nodes.length}): apply to a cluster running the KWOK controller.\nPods meant for them need a toleration of kwok.x-k8s.io/node=fake:NoSchedule.`,
  );
}
