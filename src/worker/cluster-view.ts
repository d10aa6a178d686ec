/**
 * Builds the ClusterView the UI draws from the loaded objects and the scheduler's
 * placements. Pure: no engine state, no I/O.
 */
import type { KubeObject, Pod } from '../engine/model/types';
import type { ClusterView, NodeView, PendingPodView, PodPhase } from '../protocol/engine-api';

/** One pod as the scheduler left it: bound to `nodeName`, or pending with `message`. */
export interface ScheduledPod {
  namespace: string;
  name: string;
  nodeName: string | null;
  message: string;
}

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * `scheduled` holds the scheduler's results for the pods it tried (the pending ones).
 * Pods the input already binds (`spec.nodeName`) keep their node and phase and come
 * first; a scheduler result for the same pod wins.
 */
export function buildClusterView(objects: readonly KubeObject[], scheduled: readonly ScheduledPod[]): ClusterView {
  const nodes = new Map<string, NodeView>();
  const pods = new Map<string, ScheduledPod & { phase?: PodPhase }>();
  for (const object of objects) {
    if (object.kind === 'Node' && object.metadata.name) {
      nodes.set(object.metadata.name, nodeView(object.metadata.name, object.metadata.labels ?? {}));
    } else if (object.kind === 'Pod' && (object as Pod).spec?.nodeName) {
      const { metadata, spec, status } = object as Pod;
      const namespace = metadata.namespace ?? 'default';
      const name = metadata.name ?? '';
      pods.set(`${namespace}/${name}`, { namespace, name, nodeName: spec.nodeName!, message: '', phase: status?.phase });
    }
  }
  for (const pod of scheduled) {
    const key = `${pod.namespace}/${pod.name}`;
    pods.set(key, { ...pod, phase: pods.get(key)?.phase });
  }

  const pending: PendingPodView[] = [];
  for (const { namespace, name, nodeName, message, phase } of pods.values()) {
    const node = nodeName === null ? undefined : nodes.get(nodeName);
    if (node) {
      node.pods.push({ namespace, name, phase: phase ?? 'Running' });
    } else {
      pending.push({ namespace, name, message: nodeName === null ? message : `node "${nodeName}" not found` });
    }
  }
  return { nodes: [...nodes.values()], pending };
}

function nodeView(name: string, labels: Record<string, string>): NodeView {
  const roles = Object.keys(labels)
    .filter((key) => key.startsWith(ROLE_LABEL_PREFIX) && key.length > ROLE_LABEL_PREFIX.length)
    .map((key) => key.slice(ROLE_LABEL_PREFIX.length))
    .sort();
  return { name, roles, zone: labels[ZONE_LABEL] ?? null, pods: [] };
}
