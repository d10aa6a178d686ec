/**
 * `kubectl apply` onto an existing object, simplified: the applied fields
 * replace the stored ones, the server's metadata and the status stay, and a
 * pod accepts only the updates the API server accepts.
 */
import { goJsonLabelSelector, goJsonStringMap, goString } from '../model/go-format';
import { labelSelectorAsSelector, SelectorError } from '../model/labels';
import type { KubeObject, LabelSelector, Pod } from '../model/types';
import { deepClone, deepEqual } from '../store/clone';
import { CONTROLLER_UID_LABEL, defaulted, JOB_NAME_LABEL } from '../store/workload-admission';
import { isObj } from '../model/is-object';


const SERVER_META = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields'];

/** The object without the metadata the server owns (for "unchanged" checks). */
export function stripServerFields(o: KubeObject): KubeObject {
  const c = deepClone(o);
  for (const k of SERVER_META) delete c.metadata[k];
  return c;
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * kubectl's warning when the live object has no last-applied annotation (cli-runtime/kubectl apply: created by a
 * kubelet or by `kubectl create`, not by apply); the patch then adds the annotation.
 */
export function missingLastAppliedWarning(resource: string, name: string): string {
  return `Warning: resource ${resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;
}

/** The annotation's value: the manifest as kubectl encodes it (GetModifiedConfiguration: annotations without itself, `{}` when none; keys sorted; a newline). */
export function lastAppliedOf(applied: KubeObject): string {
  const o = deepClone(applied) as KubeObject & { status?: unknown };
  const annotations = { ...((o.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  o.metadata = { ...o.metadata, annotations };
  return `${JSON.stringify(sortKeys(o))}\n`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
}

/**
 * `kubectl apply` onto a Node: a three-way merge (kubectl's client-side apply) with the last-applied annotation as the
 * original. A key of metadata.labels, metadata.annotations or spec that the manifest names is set; one the previous
 * manifest named and this one does not is removed; the rest (the kubelet's labels, the node controller's taints, the
 * status) is kept. A Node registered by its kubelet has no annotation, so nothing is removed on the first apply. The
 * patch adds the annotation. `spec.unschedulable: false` is not stored (omitempty).
 * Simplified: the spec's keys are merged at the top level only (a named `taints` list replaces the live one, as its
 * strategic-merge patch does).
 */
function nodeApplied(existing: KubeObject, applied: KubeObject): KubeObject {
  const next = deepClone(existing) as KubeObject & { spec?: Record<string, unknown> };
  let last: (KubeObject & { spec?: Record<string, unknown> }) | undefined;
  try {
    const raw = (existing.metadata.annotations as Record<string, string> | undefined)?.[LAST_APPLIED];
    if (raw !== undefined) last = JSON.parse(raw) as KubeObject;
  } catch {
    last = undefined;
  }
  const threeWay = (live: Record<string, unknown> | undefined, want: unknown, before: unknown): Record<string, unknown> => {
    const out = { ...(live ?? {}) };
    const w = isObj(want) ? want : {};
    if (isObj(before)) for (const k of Object.keys(before)) if (!(k in w)) delete out[k];
    for (const [k, v] of Object.entries(w)) out[k] = deepClone(v);
    return out;
  };
  for (const field of ['labels', 'annotations'] as const) {
    const merged = threeWay(existing.metadata[field] as Record<string, unknown> | undefined, applied.metadata[field], last?.metadata?.[field]);
    if (Object.keys(merged).length > 0) next.metadata[field] = merged as Record<string, string>;
    else delete next.metadata[field];
  }
  const spec = threeWay(next.spec, (applied as { spec?: unknown }).spec, last?.spec);
  if (spec.unschedulable === false) delete spec.unschedulable;
  if (Object.keys(spec).length > 0) next.spec = spec;
  else delete next.spec;
  next.metadata.annotations = { ...((next.metadata.annotations as Record<string, string> | undefined) ?? {}), [LAST_APPLIED]: lastAppliedOf(applied) };
  return next;
}

/** Pod spec fields an update may change (upstream allows few; see ValidatePodUpdate). */
const POD_MUTABLE = new Set(['containers', 'initContainers', 'tolerations', 'activeDeadlineSeconds', 'terminationGracePeriodSeconds', 'schedulingGates']);

/**
 * `kubectl apply` on an existing object, simplified: the applied fields
 * replace the stored ones; metadata the server owns and the status are kept.
 * Pods allow only the updates the API server allows. Returns the merged
 * object, or an error message.
 */
export function mergeApplied(existing: KubeObject, applied: KubeObject): KubeObject | string {
  const kind = existing.kind!;
  if (kind === 'Node') return nodeApplied(existing, applied);
  const merged: KubeObject = { ...deepClone(existing), ...deepClone(applied) };
  const meta = { ...deepClone(existing.metadata) };
  for (const [k, v] of Object.entries(applied.metadata)) if (!SERVER_META.includes(k)) meta[k] = deepClone(v);
  merged.metadata = meta;
  if ('status' in existing) merged.status = deepClone(existing.status);
  else delete merged.status;
  const immutable = selectorChange(existing, merged) ?? statefulSetSpecChange(existing, applied);
  if (immutable !== undefined) return immutable;
  if (kind === 'Job') {
    const spec = jobSpecUpdate(existing, applied);
    if (typeof spec === 'string') return spec;
    (merged as { spec?: unknown }).spec = spec;
    return merged;
  }
  if (kind !== 'Pod') return merged;

  const oldSpec = (existing as Pod).spec;
  const newSpec = (applied as Pod).spec;
  if (!isObj(newSpec)) return merged;
  const spec = deepClone(oldSpec);
  // Gates may only go; a gated pod's nodeSelector may only grow. Their causes come before the spec's Forbidden.
  const causes = gatedPodUpdate(oldSpec, newSpec, spec);
  const forbiddenCause = { field: 'spec', message: `Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)` };
  const forbidden = invalidObject(existing, [...causes, forbiddenCause]);
  for (const [k, v] of Object.entries(newSpec)) {
    if (k === 'nodeName' && (v === undefined || v === '' || v === oldSpec.nodeName)) continue;
    if (k === 'schedulingGates' || (k === 'nodeSelector' && gated(oldSpec))) continue;
    if (!POD_MUTABLE.has(k)) {
      if (!deepEqual(v, oldSpec[k])) return forbidden;
      continue;
    }
    if (k === 'containers' || k === 'initContainers') {
      const olds = (oldSpec[k] ?? []) as Pod['spec']['containers'];
      const news = (v ?? []) as Pod['spec']['containers'];
      if (olds.length !== news.length || olds.some((c, i) => c.name !== news[i]?.name)) return forbidden;
      spec[k] = olds.map((c, i) => ({ ...deepClone(c), image: news[i].image ?? c.image }));
    } else if (k === 'tolerations') {
      const olds = oldSpec.tolerations ?? [];
      const add = ((v ?? []) as NonNullable<Pod['spec']['tolerations']>).filter((t) => !olds.some((o) => deepEqual(o, t)));
      spec.tolerations = [...deepClone(olds), ...deepClone(add)];
    } else if (k === 'terminationGracePeriodSeconds') {
      if (v !== oldSpec.terminationGracePeriodSeconds) return forbidden;
    } else spec[k] = deepClone(v);
  }
  if (causes.length > 0) return invalidObject(existing, causes);
  (merged as Pod).spec = spec;
  return merged;
}

const gated = (spec: Pod['spec']): boolean => Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0;

/**
 * ValidatePodUpdate's rules for scheduling gates (validateOnlyDeletedSchedulingGates) and, while
 * the stored pod is gated, its nodeSelector (validateNodeSelectorMutation): writes what may change
 * into `spec` and returns the causes of a refusal.
 */
function gatedPodUpdate(oldSpec: Pod['spec'], newSpec: Pod['spec'], spec: Pod['spec']): { field: string; message: string }[] {
  const causes: { field: string; message: string }[] = [];
  if ('schedulingGates' in newSpec) {
    const olds = new Set((oldSpec.schedulingGates ?? []).map((g) => g.name));
    const news = Array.isArray(newSpec.schedulingGates) ? newSpec.schedulingGates : [];
    news.forEach((g, i) => {
      if (!olds.has(g?.name)) causes.push({ field: `spec.schedulingGates[${i}].name`, message: `Forbidden: only deletion is allowed, but found new scheduling gate '${g?.name}'` });
    });
    if (news.length > 0) spec.schedulingGates = deepClone(news);
    else delete spec.schedulingGates;
  }
  if (gated(oldSpec) && 'nodeSelector' in newSpec) {
    const before = oldSpec.nodeSelector ?? {};
    const after = (isObj(newSpec.nodeSelector) ? newSpec.nodeSelector : {}) as Record<string, string>;
    if (Object.entries(before).some(([k, v]) => after[k] !== v)) {
      causes.push({ field: 'spec.nodeSelector', message: `Invalid value: ${goJsonStringMap(newSpec.nodeSelector)}: only additions to spec.nodeSelector are allowed (no mutations or deletions)` });
    } else if (Object.keys(after).length > 0) spec.nodeSelector = { ...after };
    else delete spec.nodeSelector;
  }
  return causes;
}

/**
 * Kinds whose `spec.selector` an update may not change: their registry strategies add
 * ValidateImmutableField(spec.selector) for every group/version but the two old beta ones
 * (pkg/registry/apps/{deployment,replicaset,daemonset}/strategy.go).
 */
const IMMUTABLE_SELECTOR = new Set(['Deployment', 'ReplicaSet', 'DaemonSet']);
const MUTABLE_SELECTOR_VERSIONS = new Set(['extensions/v1beta1', 'apps/v1beta1']);

/**
 * The cause an update that changes an immutable selector gets, or undefined. The registry
 * strategies append it after the spec's own validation errors, so an update failing both
 * lists both (see `updateCauses`).
 */
export function selectorChangeCause(existing: KubeObject, merged: KubeObject): { field: string; message: string } | undefined {
  const kind = existing.kind!;
  if (!IMMUTABLE_SELECTOR.has(kind) || MUTABLE_SELECTOR_VERSIONS.has(String(merged.apiVersion ?? ''))) return undefined;
  const before = (existing as { spec?: { selector?: unknown } }).spec?.selector;
  const after = (merged as { spec?: { selector?: unknown } }).spec?.selector;
  // apiequality.Semantic treats nil and empty maps and slices alike.
  if (deepEqual(semantic(before), semantic(after))) return undefined;
  return { field: 'spec.selector', message: `Invalid value: ${goJsonLabelSelector(after)}: field is immutable` };
}

/** The Invalid error kubectl prints for a changed selector, or undefined. */
function selectorChange(existing: KubeObject, merged: KubeObject): string | undefined {
  const cause = selectorChangeCause(existing, merged);
  return cause && invalidObject(existing, [cause]);
}

/** A value with empty maps and lists dropped (as nil). */
function semantic(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(semantic);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const y = semantic(x);
    if (y !== undefined) out[k] = y;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}


/**
 * StatefulSet spec fields an update may change (ValidateStatefulSetUpdate in
 * pkg/apis/apps/validation: every other field of the spec is put back to the old value and the
 * specs compared with apiequality.Semantic).
 */
const STATEFULSET_MUTABLE = new Set(['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']);

/**
 * The Forbidden error kubectl prints when an apply changes a StatefulSet's selector, serviceName,
 * volumeClaimTemplates, podManagementPolicy or any other field outside STATEFULSET_MUTABLE, or
 * undefined. A field the applied spec leaves out is taken as unchanged: the API server defaults it
 * before validating (podManagementPolicy OrderedReady, …), so leaving it out changes nothing
 * (simplified: kubectl's three-way merge would clear a field that an earlier apply set).
 */
function statefulSetSpecChange(existing: KubeObject, applied: KubeObject): string | undefined {
  if (existing.kind !== 'StatefulSet') return undefined;
  const before = (existing as { spec?: unknown }).spec;
  const after = (applied as { spec?: unknown }).spec;
  if (!isObj(after)) return undefined;
  // The stored spec as the store defaults it (it already is, unless the caller built it).
  const old = defaulted('StatefulSet', isObj(before) ? before : {});
  for (const [k, v] of Object.entries(after)) {
    if (STATEFULSET_MUTABLE.has(k) || v === undefined) continue;
    if (!deepEqual(semantic(v), semantic(old[k]))) {
      return invalidObject(existing, [{ field: 'spec', message: `Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden` }]);
    }
  }
  return undefined;
}

/** Template fields a suspended Job that never started may change (validatePodTemplateUpdate, AllowMutableSchedulingDirectives). */
const JOB_SCHEDULING_DIRECTIVES = ['nodeSelector', 'tolerations', 'schedulingGates'];

/** Go's %v of a *int32 field: the number, or null. */
const goInt = (v: unknown) => (v === undefined || v === null ? 'null' : String(v));

/**
 * An `apply` onto a Job (ValidateJobSpecUpdate and validateGeneratedSelector in
 * pkg/apis/batch/validation/validation.go, validationOptionsForJob in
 * pkg/registry/batch/job/strategy.go): the spec the update would store, or kubectl's refusal
 * `The Job "x" is invalid: …` (invalidObject: several causes as `* ` lines).
 *
 * A field the applied spec leaves out keeps its stored value, and the template keeps the
 * generated labels the manifest leaves out, as kubectl's three-way merge keeps what the server
 * set (simplified: a field an earlier apply set and this one drops is kept, not cleared).
 * Checked: completions immutable (an Indexed Job may change it when the new completions equal the
 * new parallelism, ElasticIndexedJob), the selector immutable and, without manualSelector, still
 * selecting the generated labels, the template immutable except, while the Job is suspended and
 * has never started, its labels, annotations, nodeSelector, tolerations, schedulingGates and node
 * affinity; completionMode, podFailurePolicy, backoffLimitPerIndex, managedBy and successPolicy
 * immutable. A struct value is shown as `core.PodTemplateSpec{…}` (kubectl prints the whole
 * value with Go's %#v, defaulted fields and all, which this engine would only approximate).
 */
function jobSpecUpdate(existing: KubeObject, applied: KubeObject): Record<string, unknown> | string {
  const stored = (existing as { spec?: unknown }).spec;
  const oldSpec = defaulted('Job', isObj(stored) ? stored : {});
  const given = (applied as { spec?: unknown }).spec;
  if (!isObj(given)) return oldSpec;
  const next: Record<string, unknown> = { ...oldSpec };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) next[k] = deepClone(v);
  const oldTpl = isObj(oldSpec.template) ? oldSpec.template : {};
  const oldLabels = isObj(oldTpl.metadata) && isObj(oldTpl.metadata.labels) ? (oldTpl.metadata.labels as Record<string, string>) : {};
  if (isObj(given.template)) {
    // The generated labels stay unless the manifest sets them.
    const tpl = next.template as Record<string, unknown>;
    const meta = isObj(tpl.metadata) ? tpl.metadata : {};
    const labels = { ...(isObj(meta.labels) ? meta.labels : {}) };
    for (const k of [CONTROLLER_UID_LABEL, JOB_NAME_LABEL, 'controller-uid', 'job-name']) if (k in oldLabels && !(k in labels)) labels[k] = oldLabels[k];
    if (Object.keys(labels).length > 0) next.template = { ...tpl, metadata: { ...meta, labels } };
  }
  const spec = defaulted('Job', next);
  const errs: string[] = [];
  const name = existing.metadata.name ?? '';
  const uid = existing.metadata.uid ?? '';

  // validateGeneratedSelector (ValidateJob runs before the update checks).
  if (spec.manualSelector !== true && isObj(spec.selector)) {
    const expected: Record<string, string> = { 'controller-uid': uid, 'job-name': name };
    // RequirePrefixedLabels: when the stored template has both prefixed labels.
    if (CONTROLLER_UID_LABEL in oldLabels && JOB_NAME_LABEL in oldLabels) Object.assign(expected, { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name });
    let matches = true;
    try {
      matches = labelSelectorAsSelector(spec.selector as LabelSelector, 'spec.selector').matches(expected);
    } catch (e) {
      if (!(e instanceof SelectorError)) throw e;
    }
    if (!matches) errs.push(`spec.selector: Invalid value: ${goJsonLabelSelector(spec.selector)}: \`selector\` not auto-generated`);
  }
  // validateCompletions.
  if (!deepEqual(spec.completions ?? null, oldSpec.completions ?? null)) {
    if (spec.completionMode !== 'Indexed') errs.push(`spec.completions: Invalid value: ${goInt(spec.completions)}: field is immutable`);
    else if (spec.completions !== undefined && spec.completions !== null && spec.completions !== spec.parallelism) {
      errs.push(`spec.completions: Invalid value: ${goInt(spec.completions)}: can only be modified in tandem with spec.parallelism`);
    }
  }
  if (!deepEqual(semantic(spec.selector), semantic(oldSpec.selector))) errs.push(`spec.selector: Invalid value: ${goJsonLabelSelector(spec.selector)}: field is immutable`);
  // validatePodTemplateUpdate.
  const newTpl = isObj(spec.template) ? spec.template : {};
  let before: Record<string, unknown> = oldTpl;
  const status = (existing as { status?: { startTime?: unknown } }).status;
  if (oldSpec.suspend === true && !status?.startTime) {
    const oldPodSpec: Record<string, unknown> = isObj(oldTpl.spec) ? { ...oldTpl.spec } : {};
    const newPodSpec = isObj(newTpl.spec) ? newTpl.spec : {};
    for (const k of JOB_SCHEDULING_DIRECTIVES) {
      if (newPodSpec[k] === undefined) delete oldPodSpec[k];
      else oldPodSpec[k] = newPodSpec[k];
    }
    const oldAff = isObj(oldPodSpec.affinity) ? { ...oldPodSpec.affinity } : undefined;
    const newAff = isObj(newPodSpec.affinity) ? newPodSpec.affinity : undefined;
    if (newAff === undefined && oldAff !== undefined) {
      delete oldAff.nodeAffinity;
      if (Object.keys(oldAff).length === 0) delete oldPodSpec.affinity;
      else oldPodSpec.affinity = oldAff;
    } else if (newAff !== undefined) {
      const aff: Record<string, unknown> = { ...(oldAff ?? {}) };
      if (newAff.nodeAffinity === undefined) delete aff.nodeAffinity;
      else aff.nodeAffinity = newAff.nodeAffinity;
      oldPodSpec.affinity = aff;
    }
    const oldMeta = isObj(oldTpl.metadata) ? { ...oldTpl.metadata } : {};
    const newMeta = isObj(newTpl.metadata) ? newTpl.metadata : {};
    for (const k of ['labels', 'annotations']) {
      if (newMeta[k] === undefined) delete oldMeta[k];
      else oldMeta[k] = newMeta[k];
    }
    before = { ...oldTpl, metadata: oldMeta, spec: oldPodSpec };
  }
  if (!deepEqual(semantic(newTpl), semantic(before))) errs.push('spec.template: Invalid value: core.PodTemplateSpec{…}: field is immutable');
  if ((spec.completionMode ?? 'NonIndexed') !== (oldSpec.completionMode ?? 'NonIndexed')) errs.push(`spec.completionMode: Invalid value: ${goString(spec.completionMode)}: field is immutable`);
  const structs: [string, string][] = [
    ['podFailurePolicy', 'batch.PodFailurePolicy{…}'],
    ['successPolicy', 'batch.SuccessPolicy{…}'],
  ];
  for (const [k, shown] of structs) {
    if (!deepEqual(semantic(spec[k]), semantic(oldSpec[k]))) errs.push(`spec.${k}: Invalid value: ${spec[k] === undefined || spec[k] === null ? 'null' : shown}: field is immutable`);
  }
  if (!deepEqual(spec.backoffLimitPerIndex ?? null, oldSpec.backoffLimitPerIndex ?? null)) errs.push(`spec.backoffLimitPerIndex: Invalid value: ${goInt(spec.backoffLimitPerIndex)}: field is immutable`);
  if (!deepEqual(spec.managedBy ?? null, oldSpec.managedBy ?? null)) errs.push(`spec.managedBy: Invalid value: ${spec.managedBy === undefined || spec.managedBy === null ? 'null' : goString(spec.managedBy)}: field is immutable`);

  if (errs.length === 0) return spec;
  // utilerrors.NewAggregate drops repeated messages.
  const unique = [...new Set(errs)];
  return invalidObject(existing, unique.map((message) => ({ field: '', message })));
}

/**
 * kubectl's line for the API server's 422 (cmdutil.CheckErr on an Invalid status): `The <Kind>
 * "<name>" is invalid: <field>: <message>`, or one `* <field>: <message>` line per cause when
 * there are several.
 */
export function invalidObject(o: KubeObject, errs: readonly { field: string; message: string }[]): string {
  const causes = errs.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  const head = `The ${o.kind ?? 'object'} ${JSON.stringify(o.metadata?.name ?? '')} is invalid: `;
  return causes.length === 1 ? head + causes[0] : [head, ...causes.map((c) => `* ${c}`)].join('\n');
}

/**
 * kubectl's line when its REST mapper does not know the kind (cli-runtime resource/mapper.go,
 * printed by CheckErr with `error: `). A timeline has no file name: it reads as `kubectl apply -f -`.
 */
export function unmappedKind(o: KubeObject, why: string): string {
  const name = JSON.stringify(o.metadata?.name ?? '');
  const ns = JSON.stringify(o.metadata?.namespace ?? '');
  return `error: resource mapping not found for name: ${name} namespace: ${ns} from "STDIN": ${why}\nensure CRDs are installed first`;
}
