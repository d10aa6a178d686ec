/**
 * Deployment helpers after upstream's pkg/controller/deployment/util/deployment_util.go:
 * defaults, maxSurge/maxUnavailable fenceposts, replica-set arithmetic and conditions.
 */
import type { KubeObject, LabelSelector, PodTemplateSpec } from '../../model/types';
import { createdAt } from '../workload/pods';
import { canonicalJson, intOrPercent } from '../workload/template';
import type { ReplicaSet } from '../replicaset/replicaset-controller';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

export const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

// Condition reasons (deployment_util.go).
export const REPLICASET_UPDATED = 'ReplicaSetUpdated';
export const NEW_REPLICASET_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_REPLICASET = 'FoundNewReplicaSet';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';
export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';

export interface DeploymentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
  [k: string]: unknown;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  terminatingReplicas?: number;
  collisionCount?: number;
  conditions?: DeploymentCondition[];
  [k: string]: unknown;
}

export interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    strategy?: {
      type?: 'RollingUpdate' | 'Recreate';
      rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
    };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
    paused?: boolean;
    [k: string]: unknown;
  };
  status?: DeploymentStatus;
}

export const replicasOf = (o: { spec: { replicas?: number } }): number => o.spec.replicas ?? 1;
/** An RS's spec.replicas (a missing field counts as upstream's default 1). */
export const rsReplicas = (rs: ReplicaSet): number => rs.spec.replicas ?? 1;

export const isRollingUpdate = (d: Deployment): boolean => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
export const revisionHistoryLimit = (d: Deployment): number => d.spec.revisionHistoryLimit ?? 10;
export const progressDeadlineSeconds = (d: Deployment): number => d.spec.progressDeadlineSeconds ?? 600;
/** HasProgressDeadline: MaxInt32 means "no deadline". */
export const hasProgressDeadline = (d: Deployment): boolean => progressDeadlineSeconds(d) !== 2147483647;

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 → unavailable 1. */
export function resolveFenceposts(d: Deployment): [surge: number, unavailable: number] {
  const ru = d.spec.strategy?.rollingUpdate;
  const desired = replicasOf(d);
  const surge = intOrPercent(ru?.maxSurge, desired, true, '25%');
  let unavailable = intOrPercent(ru?.maxUnavailable, desired, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d)[0] : 0;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(resolveFenceposts(d)[1], replicasOf(d));
}

export function sumSpecReplicas(rss: (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (let i = 0; i < rss.length; i++) {
    const rs = rss[i];
    n += rs ? rsReplicas(rs) : 0;
  }
  return n;
}
function sumStatus(rss: (ReplicaSet | undefined)[], f: 'replicas' | 'readyReplicas' | 'availableReplicas' | 'terminatingReplicas'): number {
  let n = 0;
  for (let i = 0; i < rss.length; i++) n += (rss[i]?.status?.[f] as number | undefined) ?? 0;
  return n;
}
export const sumActualReplicas = (rss: (ReplicaSet | undefined)[]) => sumStatus(rss, 'replicas');
export const sumReadyReplicas = (rss: (ReplicaSet | undefined)[]) => sumStatus(rss, 'readyReplicas');
export const sumAvailableReplicas = (rss: (ReplicaSet | undefined)[]) => sumStatus(rss, 'availableReplicas');
export const sumTerminatingReplicas = (rss: (ReplicaSet | undefined)[]) => sumStatus(rss, 'terminatingReplicas');

/** FilterActiveReplicaSets: spec.replicas > 0. */
export const activeReplicaSets = (rss: (ReplicaSet | undefined)[]): ReplicaSet[] =>
  rss.filter((rs): rs is ReplicaSet => !!rs && rsReplicas(rs) > 0);

/** ReplicaSetsByCreationTimestamp: older first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = createdAt(a);
  const tb = createdAt(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, then older. */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number =>
  rsReplicas(a) !== rsReplicas(b) ? rsReplicas(b) - rsReplicas(a) : byCreation(a, b);
/** ReplicaSetsBySizeNewer: larger first, then newer. */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number =>
  rsReplicas(a) !== rsReplicas(b) ? rsReplicas(b) - rsReplicas(a) : byCreation(b, a);

export function revisionOf(o: KubeObject): number {
  const v = o.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

/** ReplicaSetsByRevision: lower revision first, then older. */
export const byRevision = (a: ReplicaSet, b: ReplicaSet): number =>
  revisionOf(a) !== revisionOf(b) ? revisionOf(a) - revisionOf(b) : byCreation(a, b);

function annotationInt(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}
export const desiredReplicasAnnotation = (rs: ReplicaSet) => annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
export const maxReplicasAnnotation = (rs: ReplicaSet) => annotationInt(rs, MAX_REPLICAS_ANNOTATION);

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return !a || a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

const templateKeys = new WeakMap<PodTemplateSpec, string>();

/** Canonical JSON of a template without its pod-template-hash label, cached per template object. */
function templateKey(t: PodTemplateSpec | undefined): string {
  if (!t) return '{}';
  let k = templateKeys.get(t);
  if (k === undefined) {
    const labels = { ...(t.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    const metadata = { ...(t.metadata ?? {}), labels: Object.keys(labels).length > 0 ? labels : undefined };
    k = canonicalJson({ ...t, metadata });
    templateKeys.set(t, k);
  }
  return k;
}

/** EqualIgnoreHash: pod templates equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/**
 * FindNewReplicaSet: the oldest ReplicaSet whose template matches the Deployment's — the
 * first match in a stable sort by creation, i.e. the least by byCreation, earlier in the
 * list on ties (found without sorting a copy).
 */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  let found: ReplicaSet | undefined;
  for (const rs of rsList) {
    if (!equalIgnoreHash(rs.spec.template, d.spec.template)) continue;
    if (found === undefined || byCreation(rs, found) < 0) found = rs;
  }
  return found;
}

/** FindActiveOrLatest: the only active RS, or the newest when none is active; undefined with several. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sorted = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...sorted, newRS]);
  if (active.length === 0) return newRS ?? sorted[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** IsSaturated: the new RS owns every desired replica and all are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  return (
    desired !== undefined &&
    rsReplicas(rs) === replicasOf(d) &&
    desired === replicasOf(d) &&
    ((rs.status?.availableReplicas as number | undefined) ?? 0) === replicasOf(d)
  );
}

/** GetProportion / getReplicaSetFraction: this RS's share of a scaling event. */
export function getProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = maxReplicasAnnotation(rs) ?? (d.status?.replicas ?? 0);
  if (annotated === 0) return 0;
  // integer.RoundToInt32: round half away from zero.
  const size = (rsReplicas(rs) * deploymentReplicas) / annotated;
  const rounded = size < 0 ? -Math.round(-size) : Math.round(size);
  return rounded - rsReplicas(rs);
}

/** DeploymentComplete: every desired replica is updated and available, no old pods, generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus | undefined): boolean {
  const r = replicasOf(d);
  return (
    (s?.updatedReplicas ?? 0) === r &&
    (s?.replicas ?? 0) === r &&
    (s?.availableReplicas ?? 0) === r &&
    (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

/** DeploymentProgressing: new pods scaled up or ready/available, or old pods scaled down. */
export function deploymentProgressing(old: DeploymentStatus | undefined, next: DeploymentStatus): boolean {
  const o = old ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (o.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (o.availableReplicas ?? 0)
  );
}

export function getCondition(s: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  const cs = s?.conditions;
  if (!cs) return undefined;
  for (let i = 0; i < cs.length; i++) if (cs[i].type === type) return cs[i];
  return undefined;
}

/** SetDeploymentCondition: no change for the same status and reason; keeps lastTransitionTime when only the reason moves. */
export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = { ...c };
  if (cur && cur.status === c.status) next.lastTransitionTime = cur.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  if (s.conditions) s.conditions = s.conditions.filter((x) => x.type !== type);
}

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** `setCondition(s, newCondition(…))`, without building the condition when setCondition would keep the current one. */
export function setNewCondition(s: DeploymentStatus, type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: string): void {
  const cur = getCondition(s, type);
  if (cur && cur.status === status && cur.reason === reason) return;
  setCondition(s, newCondition(type, status, reason, message, now));
}
