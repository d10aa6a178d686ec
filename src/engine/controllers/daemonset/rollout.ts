/**
 * DaemonSet status and rolling updates, after upstream's
 * pkg/controller/daemon/{daemon_controller.go (updateDaemonSetStatus), update.go (rollingUpdate)}.
 */
import type { KubeObject, LabelSelector, Node, Pod, PodTemplateSpec } from '../../model/types';
import { createdAt, generationOf, isPodAvailable, isPodReady } from '../workload/pods';
import { intOrPercent } from '../workload/template';
import { nodeShouldRunDaemonPod, type CompiledDaemonTemplate } from './daemon-pods';

export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Where apps/v1 keeps the DaemonSet's templateGeneration (bumped by the API server on template changes). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** GetTemplateGeneration: the annotation when present (a DaemonSet from a real cluster), else metadata.generation. */
export function templateGeneration(ds: DaemonSet): string {
  const a = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return typeof a === 'string' && a !== '' ? a : String(generationOf(ds));
}

/** IsPodUpdated: the pod carries the current template's hash, or its template generation. */
export function isPodUpdated(ds: DaemonSet, pod: Pod, hash: string): boolean {
  const labels = pod.metadata.labels;
  return labels?.[CONTROLLER_REVISION_HASH] === hash || labels?.[TEMPLATE_GENERATION_LABEL] === templateGeneration(ds);
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
  [k: string]: unknown;
}

export interface DaemonSet extends KubeObject {
  spec: {
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    [k: string]: unknown;
  };
  status?: DaemonSetStatus;
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const sa = !!a.spec.nodeName;
  const sb = !!b.spec.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ta = createdAt(a);
  const tb = createdAt(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/**
 * rollingUpdate without surge: the old pods to delete now, within
 * maxUnavailable (unavailable old pods always qualify); the core loop then
 * creates their replacements once they are gone.
 */
export function oldPodsToDelete(ds: DaemonSet, t: CompiledDaemonTemplate, nodes: Node[], byNode: Map<string, Pod[]>, hash: string, now: number): Pod[] {
  const minReady = ds.spec.minReadySeconds ?? 0;
  let desired = 0;
  for (const n of nodes) if (nodeShouldRunDaemonPod(n, t).shouldRun) desired++;
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  let maxUnavailable = intOrPercent(ru?.maxUnavailable, desired, true, 1);
  if (maxUnavailable === 0 && intOrPercent(ru?.maxSurge, desired, true, 0) === 0) maxUnavailable = 1;
  let numUnavailable = 0;
  const allowed: Pod[] = [];
  const candidates: Pod[] = [];
  for (const node of [...byNode.keys()].sort()) {
    let newPod: Pod | undefined;
    let oldPod: Pod | undefined;
    let ok = true;
    for (const p of byNode.get(node)!) {
      if (p.metadata.deletionTimestamp) continue;
      const updated = isPodUpdated(ds, p, hash);
      if (updated ? newPod : oldPod) ok = false;
      if (updated) newPod = p;
      else oldPod = p;
    }
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
      numUnavailable++;
    } else if (newPod) {
      if (!isPodAvailable(newPod, minReady, now)) numUnavailable++;
    } else if (oldPod) {
      if (!isPodAvailable(oldPod, minReady, now)) {
        allowed.push(oldPod);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) {
        candidates.push(oldPod);
      }
    }
  }
  const room = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
  return [...allowed, ...candidates.slice(0, room)];
}

/** updateDaemonSetStatus: desired/current/ready/available/updated counts over the nodes, and misscheduled pods. */
export function calculateStatus(ds: DaemonSet, t: CompiledDaemonTemplate, nodes: Node[], byNode: Map<string, Pod[]>, hash: string, now: number): DaemonSetStatus {
  const minReady = ds.spec.minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of nodes) {
    const pods = byNode.get(node.metadata.name ?? '');
    const scheduled = !!pods && pods.length > 0;
    if (nodeShouldRunDaemonPod(node, t).shouldRun) {
      desired++;
      if (!scheduled) continue;
      current++;
      const pod = [...pods].sort(byCreationAndPhase)[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (isPodUpdated(ds, pod, hash)) updated++;
    } else if (scheduled) misscheduled++;
  }
  const status: DaemonSetStatus = {
    ...(ds.status ?? {}),
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: generationOf(ds),
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
  return status;
}
