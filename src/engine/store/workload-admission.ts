/**
 * The API server's defaults for the workload kinds' specs (apps/v1 and batch/v1
 * SetDefaults_Deployment, _ReplicaSet, _DaemonSet, _StatefulSet, _Job), applied by the store
 * on create and on every update that brings another spec, so `kubectl get -o yaml`'s fields
 * (strategy, revisionHistoryLimit, progressDeadlineSeconds, podManagementPolicy, backoffLimit…)
 * are in the stored object as on a real cluster. The controllers read the same defaults when a
 * field is missing, so nothing they decide changes.
 *
 * Not applied: the pod template's own defaults (dnsPolicy, imagePullPolicy,
 * terminationMessagePath, …), since the pod-template-hash is computed from the template as
 * stored and would move every generated pod name. A Job's generated selector and labels are
 * written by prepareJobCreate once the object has its uid (registry/batch/job/strategy.go).
 * Copy-on-write: a spec that needs a default is replaced by a copy, never written in place.
 */
import type { KubeObject } from '../model/types';
import { deepEqual } from './clone';
import { isObj } from '../model/is-object';

const unset = (v: unknown) => v === undefined || v === null;

type Spec = Record<string, unknown>;

/** Workload kinds with spec defaults. */
const DEFAULTED = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicationController']);

/** Feature gates that change a workload's stored spec (absent: off, as in v1.36). */
export interface WorkloadGates {
  maxUnavailableStatefulSet?: boolean;
}

/** Writes the kind's spec defaults into `obj` (a new spec object when one is missing); `storedSpec`: the stored version's spec, already defaulted. */
export function admitWorkload(obj: KubeObject, storedSpec?: unknown, gates: WorkloadGates = {}): void {
  const kind = obj.kind!;
  if (!DEFAULTED.has(kind)) return;
  const spec = (obj as { spec?: unknown }).spec;
  if (kind === 'ReplicationController') defaultRcLabels(obj, spec);
  // A status write carries the stored spec itself.
  if (!isObj(spec) || spec === storedSpec) return;
  let next = defaulted(kind, spec, gates);
  // dropDisabledFields (registry/apps/statefulset/strategy.go): with the gate off, a maxUnavailable the stored
  // object does not already use is dropped.
  if (kind === 'StatefulSet' && !gates.maxUnavailableStatefulSet && !unset(maxUnavailableOf(next)) && unset(maxUnavailableOf(storedSpec))) next = withoutMaxUnavailable(next);
  if (next === spec) return;
  // An update whose spec, once defaulted, is the stored one keeps the stored object (handlers compare specs by identity).
  (obj as { spec?: unknown }).spec = isObj(storedSpec) && deepEqual(next, storedSpec) ? storedSpec : next;
}

/** The template's labels when it has any (SetDefaults_ReplicationController reads them). */
function templateLabels(spec: unknown): Record<string, unknown> | undefined {
  if (!isObj(spec) || !isObj(spec.template) || !isObj(spec.template.metadata) || !isObj(spec.template.metadata.labels)) return undefined;
  const labels = spec.template.metadata.labels;
  return Object.keys(labels).length > 0 ? labels : undefined;
}

/** core/v1 SetDefaults_ReplicationController: an empty selector becomes the template's labels; replicas 1. */
function rcDefaults(spec: Spec): Spec {
  const labels = templateLabels(spec);
  const emptySelector = !isObj(spec.selector) || Object.keys(spec.selector).length === 0;
  if (!unset(spec.replicas) && (!emptySelector || labels === undefined)) return spec;
  const next: Spec = { ...spec };
  if (unset(next.replicas)) next.replicas = 1;
  if (emptySelector && labels !== undefined) next.selector = { ...labels };
  return next;
}

/** SetDefaults_ReplicationController's other half: an RC without labels gets its template's. */
function defaultRcLabels(obj: KubeObject, spec: unknown): void {
  const labels = templateLabels(spec);
  const meta = obj.metadata;
  if (labels === undefined || (isObj(meta.labels) && Object.keys(meta.labels).length > 0)) return;
  // In place: the store holds this metadata object (it adds the uid and timestamps to it next).
  meta.labels = { ...(labels as Record<string, string>) };
}

function maxUnavailableOf(spec: unknown): unknown {
  if (!isObj(spec) || !isObj(spec.updateStrategy) || !isObj(spec.updateStrategy.rollingUpdate)) return undefined;
  return spec.updateStrategy.rollingUpdate.maxUnavailable;
}

function withoutMaxUnavailable(spec: Spec): Spec {
  const us = spec.updateStrategy as Spec;
  const { maxUnavailable: _dropped, ...rest } = us.rollingUpdate as Spec;
  return { ...spec, updateStrategy: { ...us, rollingUpdate: rest } };
}

/** `spec` with the kind's defaults (itself when it has them all; a copy otherwise). */
export function defaulted(kind: string, spec: Spec, gates: WorkloadGates = {}): Spec {
  switch (kind) {
    case 'Deployment':
      return deploymentDefaults(spec);
    case 'ReplicaSet':
      return unset(spec.replicas) ? { ...spec, replicas: 1 } : spec;
    case 'ReplicationController':
      return rcDefaults(spec);
    case 'DaemonSet':
      return daemonSetDefaults(spec);
    case 'StatefulSet':
      return statefulSetDefaults(spec, gates.maxUnavailableStatefulSet === true);
    default:
      return jobDefaults(spec);
  }
}

function deploymentDefaults(spec: Spec): Spec {
  const strategy = isObj(spec.strategy) ? spec.strategy : {};
  const type = strategy.type || 'RollingUpdate';
  const ru = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : undefined;
  const needsRu = type === 'RollingUpdate' && (ru === undefined || unset(ru.maxUnavailable) || unset(ru.maxSurge));
  if (!unset(spec.replicas) && strategy.type && !needsRu && !unset(spec.revisionHistoryLimit) && !unset(spec.progressDeadlineSeconds)) return spec;
  const next: Spec = { ...spec };
  if (unset(next.replicas)) next.replicas = 1;
  if (!strategy.type || needsRu) {
    const s: Spec = { ...strategy, type };
    if (needsRu) s.rollingUpdate = { ...ru, maxUnavailable: ru?.maxUnavailable ?? '25%', maxSurge: ru?.maxSurge ?? '25%' };
    next.strategy = s;
  }
  if (unset(next.revisionHistoryLimit)) next.revisionHistoryLimit = 10;
  if (unset(next.progressDeadlineSeconds)) next.progressDeadlineSeconds = 600;
  return next;
}

function daemonSetDefaults(spec: Spec): Spec {
  const us = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  const type = us.type || 'RollingUpdate';
  const ru = isObj(us.rollingUpdate) ? us.rollingUpdate : undefined;
  const needsRu = type === 'RollingUpdate' && (ru === undefined || unset(ru.maxUnavailable) || unset(ru.maxSurge));
  if (us.type && !needsRu && !unset(spec.revisionHistoryLimit)) return spec;
  const next: Spec = { ...spec };
  if (!us.type || needsRu) {
    const s: Spec = { ...us, type };
    if (needsRu) s.rollingUpdate = { ...ru, maxUnavailable: ru?.maxUnavailable ?? 1, maxSurge: ru?.maxSurge ?? 0 };
    next.updateStrategy = s;
  }
  if (unset(next.revisionHistoryLimit)) next.revisionHistoryLimit = 10;
  return next;
}

function statefulSetDefaults(spec: Spec, maxUnavailableGate: boolean): Spec {
  const us = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  // An unset type becomes RollingUpdate with an (empty, then defaulted) rollingUpdate; a RollingUpdate
  // given without rollingUpdate keeps none.
  const type = us.type || 'RollingUpdate';
  const ru = isObj(us.rollingUpdate) ? us.rollingUpdate : us.type ? undefined : {};
  // SetDefaults_StatefulSet: partition 0 and, with the MaxUnavailableStatefulSet gate (off in v1.36), maxUnavailable 1.
  const needsPartition = type === 'RollingUpdate' && ru !== undefined && (unset(ru.partition) || (maxUnavailableGate && unset(ru.maxUnavailable)));
  const pvc = isObj(spec.persistentVolumeClaimRetentionPolicy) ? spec.persistentVolumeClaimRetentionPolicy : undefined;
  const needsPvc = pvc === undefined || !pvc.whenDeleted || !pvc.whenScaled;
  if (spec.podManagementPolicy && us.type && !needsPartition && !needsPvc && !unset(spec.replicas) && !unset(spec.revisionHistoryLimit)) return spec;
  const next: Spec = { ...spec };
  if (!next.podManagementPolicy) next.podManagementPolicy = 'OrderedReady';
  if (!us.type || needsPartition) {
    const s: Spec = { ...us, type };
    if (ru !== undefined) {
      s.rollingUpdate = maxUnavailableGate ? { ...ru, partition: ru.partition ?? 0, maxUnavailable: ru.maxUnavailable ?? 1 } : { ...ru, partition: ru.partition ?? 0 };
    }
    next.updateStrategy = s;
  }
  if (needsPvc) next.persistentVolumeClaimRetentionPolicy = { ...pvc, whenDeleted: pvc?.whenDeleted || 'Retain', whenScaled: pvc?.whenScaled || 'Retain' };
  if (unset(next.replicas)) next.replicas = 1;
  if (unset(next.revisionHistoryLimit)) next.revisionHistoryLimit = 10;
  return next;
}

function jobDefaults(spec: Spec): Spec {
  const both = unset(spec.completions) && unset(spec.parallelism);
  if (!both && !unset(spec.parallelism) && !unset(spec.backoffLimit) && spec.completionMode && !unset(spec.suspend) && spec.podReplacementPolicy && !unset(spec.manualSelector)) return spec;
  const next: Spec = { ...spec };
  if (both) next.completions = 1;
  if (unset(next.parallelism)) next.parallelism = 1;
  if (unset(next.backoffLimit)) next.backoffLimit = unset(next.backoffLimitPerIndex) ? 6 : 2147483647;
  if (!next.completionMode) next.completionMode = 'NonIndexed';
  if (unset(next.suspend)) next.suspend = false;
  if (!next.podReplacementPolicy) next.podReplacementPolicy = unset(next.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed';
  if (unset(next.manualSelector)) next.manualSelector = false;
  return next;
}

/** The labels upstream's Job registry adds to a Job's template, and the one its generated selector selects. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
const LEGACY_JOB_NAME_LABEL = 'job-name';
const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

/**
 * A Job being created, once it has its uid (registry/batch/job/strategy.go PrepareForCreate →
 * generateSelector): unless `manualSelector` is true, the template gets the labels `job-name` and
 * `batch.kubernetes.io/job-name` (the Job's name) and `controller-uid` and
 * `batch.kubernetes.io/controller-uid` (its uid), each only where absent, and the selector's
 * matchLabels get `batch.kubernetes.io/controller-uid`. Then SetDefaults_Job (run again when
 * the object is read back) gives a Job without labels its template's labels. Copy-on-write.
 */
export function prepareJobCreate(obj: KubeObject): void {
  if (obj.kind !== 'Job') return;
  const spec = (obj as { spec?: unknown }).spec;
  if (!isObj(spec)) return;
  const name = obj.metadata.name ?? '';
  const uid = obj.metadata.uid ?? '';
  const tpl = isObj(spec.template) ? spec.template : undefined;
  let tplLabels = tpl && isObj(tpl.metadata) && isObj(tpl.metadata.labels) ? (tpl.metadata.labels as Record<string, string>) : undefined;
  if (spec.manualSelector !== true) {
    const labels: Record<string, string> = { ...(tplLabels ?? {}) };
    for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
    for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
    const sel = isObj(spec.selector) ? spec.selector : {};
    const matchLabels = isObj(sel.matchLabels) ? sel.matchLabels : {};
    const next: Spec = {
      ...spec,
      selector: { ...sel, matchLabels: CONTROLLER_UID_LABEL in matchLabels ? matchLabels : { ...matchLabels, [CONTROLLER_UID_LABEL]: uid } },
    };
    if (tpl) {
      const meta = isObj(tpl.metadata) ? tpl.metadata : {};
      next.template = { ...tpl, metadata: { ...meta, labels } };
      tplLabels = labels;
    }
    (obj as { spec?: unknown }).spec = next;
  }
  const own = obj.metadata.labels;
  if (tplLabels && (!isObj(own) || Object.keys(own).length === 0)) obj.metadata.labels = { ...tplLabels };
}
