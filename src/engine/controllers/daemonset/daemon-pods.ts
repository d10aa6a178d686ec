/**
 * What a DaemonSet's pods look like and where they belong, after upstream's
 * pkg/controller/daemon/util/daemonset_util.go and NodeShouldRunDaemonPod:
 * the daemon tolerations, the per-node required affinity, and the
 * "should run" (NoSchedule + NoExecute) / "should continue running"
 * (NoExecute only) checks.
 */
import { CompiledNodeSelector, nodeView, selectorFromSet } from '../../model/labels';
import { findMatchingUntoleratedTaint } from '../../model/taints';
import type { Affinity, Node, Pod, PodSpec, PodTemplateSpec, Toleration } from '../../model/types';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

const OBJECT_NAME_FIELD = 'metadata.name';

/**
 * AddOrUpdateTolerationInPodSpec: a toleration with the same key, operator, value and effect is
 * replaced in place by `t` (so a template's own `unreachable:NoExecute` with tolerationSeconds
 * becomes the daemon's toleration without seconds); an identical one leaves the list as it is;
 * otherwise `t` is appended.
 */
function addToleration(list: Toleration[], t: Toleration): void {
  const matches = (x: Toleration) =>
    (x.key ?? '') === (t.key ?? '') && (x.operator ?? '') === (t.operator ?? '') && (x.value ?? '') === (t.value ?? '') && (x.effect ?? '') === (t.effect ?? '');
  let updated = false;
  for (let i = 0; i < list.length; i++) {
    if (!matches(list[i])) continue;
    if (list[i].tolerationSeconds === t.tolerationSeconds) return;
    list[i] = { ...t };
    updated = true;
  }
  if (!updated) list.push(t);
}

/** AddOrUpdateDaemonPodTolerations: never evicted for node loss, scheduled despite pressure and cordons. */
export function addDaemonTolerations(spec: PodSpec): void {
  const list = [...(spec.tolerations ?? [])];
  addToleration(list, { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' });
  addToleration(list, { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' });
  addToleration(list, { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addToleration(list, { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addToleration(list, { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addToleration(list, { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork === true) addToleration(list, { key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
  spec.tolerations = list;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: one required term, matchFields metadata.name In [node]. */
export function pinToNode(affinity: Affinity | undefined, node: string): Affinity {
  const term = { matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In' as const, values: [node] }] };
  const a: Affinity = { ...(affinity ?? {}) };
  a.nodeAffinity = { ...(a.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } };
  return a;
}

/** util.GetTargetNodeName: spec.nodeName, or the node named by the pinning affinity of a pod not yet scheduled. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t?.matchFields ?? []) {
      if (f.key === OBJECT_NAME_FIELD && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** The daemon pod template as the controller checks it against nodes (NewPod): template spec plus daemon tolerations. */
export interface CompiledDaemonTemplate {
  readonly nodeName: string | undefined;
  readonly tolerations: Toleration[];
  readonly matchesNode: (node: Node) => boolean;
}

export function compileDaemonTemplate(template: PodTemplateSpec | undefined): CompiledDaemonTemplate {
  const spec: PodSpec = { ...(template?.spec ?? { containers: [] }) };
  addDaemonTolerations(spec);
  const labelSel = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? selectorFromSet(spec.nodeSelector) : null;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const nodeSel = required ? new CompiledNodeSelector(required) : null;
  return {
    nodeName: spec.nodeName || undefined,
    tolerations: spec.tolerations ?? [],
    matchesNode: (node) => {
      const v = nodeView(node);
      if (labelSel && !labelSel.matches(v.labels)) return false;
      return nodeSel ? nodeSel.match(v) : true;
    },
  };
}

/**
 * NodeShouldRunDaemonPod: whether a daemon pod should be started on the node
 * (node name and affinity match, no untolerated NoSchedule/NoExecute taint),
 * and whether an existing one may keep running (only NoExecute taints count).
 */
export function nodeShouldRunDaemonPod(node: Node, t: CompiledDaemonTemplate): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const name = node.metadata.name ?? '';
  if (t.nodeName && t.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  if (!t.matchesNode(node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  const blocking = findMatchingUntoleratedTaint(taints, t.tolerations, (x) => x.effect === 'NoExecute' || x.effect === 'NoSchedule');
  if (!blocking) return { shouldRun: true, shouldContinueRunning: true };
  const evicting = findMatchingUntoleratedTaint(taints, t.tolerations, (x) => x.effect === 'NoExecute');
  return { shouldRun: false, shouldContinueRunning: !evicting };
}
