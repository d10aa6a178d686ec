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

/** The pods of one node for an update: the current-hash one and the other, unless there are several of either (findUpdatedPodsOnNode). */
function updatedPodsOnNode(ds: DaemonSet, pods: readonly Pod[], hash: string): { ok: boolean; newPod?: Pod; oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(ds, p, hash)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { ok: true, newPod, oldPod };
}

/** maxSurge against the nodes that should run a pod (updatedDesiredNodeCounts: rounded up). */
export function maxSurgeOf(ds: DaemonSet, desired: number): number {
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return 0;
  return intOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxSurge, desired, true, 0);
}

/**
 * rollingUpdate (update.go): without maxSurge, the old pods to delete now (oldPodsToDelete); with
 * it, the surge path. A node whose old pod is unavailable gets its new pod at once (or loses the old
 * one if it should no longer run one); up to maxSurge minus the new pods not yet available nodes
 * with an available old pod get a new pod beside it; an old pod goes once the new pod on its node
 * is available; an available old pod on a node that should no longer run one goes only while more
 * pods are available than desired. Upstream takes the surge candidates in map order (random); here
 * in node-name order.
 */
export function rollingUpdate(ds: DaemonSet, t: CompiledDaemonTemplate, nodes: Node[], byNode: Map<string, Pod[]>, hash: string, now: number): { remove: Pod[]; create: string[] } {
  let desired = 0;
  const shouldRun = new Map<string, boolean>();
  for (const n of nodes) {
    const run = nodeShouldRunDaemonPod(n, t).shouldRun;
    shouldRun.set(n.metadata.name ?? '', run);
    if (run) desired++;
  }
  const maxSurge = maxSurgeOf(ds, desired);
  if (maxSurge === 0) return { remove: oldPodsToDelete(ds, t, nodes, byNode, hash, now), create: [] };
  const minReady = ds.spec.minReadySeconds ?? 0;
  const remove: Pod[] = [];
  const shouldNotRun: Pod[] = [];
  const allowed: string[] = [];
  const candidates: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const node of [...byNode.keys()].sort()) {
    const { ok, newPod, oldPod } = updatedPodsOnNode(ds, byNode.get(node)!, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod ? isPodAvailable(oldPod, minReady, now) : newPod && isPodAvailable(newPod, minReady, now)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      const run = shouldRun.get(node) === true;
      if (!isPodAvailable(oldPod, minReady, now)) {
        if (run) allowed.push(node);
        else remove.push(oldPod);
      } else if (run) candidates.push(node);
      else shouldNotRun.push(oldPod);
    } else if (!isPodAvailable(newPod, minReady, now)) {
      numSurge++;
    } else {
      remove.push(oldPod);
    }
  }
  const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
  for (const p of shouldNotRun.slice(0, Math.max(0, deletable))) remove.push(p);
  const room = Math.min(Math.max(0, maxSurge - numSurge), candidates.length);
  return { remove, create: [...allowed, ...candidates.slice(0, room)] };
}

/**
 * podsShouldBeOnNode with maxSurge, for a node running more than one pod: the oldest pod of the
 * current hash and the oldest other one may both stay while the new one is not available yet and
 * the old one is ready; every other pod goes (the old one too once it is not ready or the new one
 * is available).
 */
export function surgeExcess(ds: DaemonSet, running: readonly Pod[], hash: string, now: number): Pod[] {
  const out: Pod[] = [];
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of [...running].sort(byCreationAndPhase)) {
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH] === hash) {
      if (!oldestNew) {
        oldestNew = pod;
        continue;
      }
    } else if (!oldestOld) {
      oldestOld = pod;
      continue;
    }
    out.push(pod);
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec.minReadySeconds ?? 0, now))) out.push(oldestOld);
  return out;
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
