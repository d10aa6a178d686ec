/**
 * `kubectl apply` (client-side apply): the last-applied annotation, the three-way merge onto an
 * existing object (three-way.ts), the server's metadata and the status kept, and what the API
 * server refuses on an update (a pod's immutable fields, the immutable selectors and Job and
 * StatefulSet fields).
 */
import { goJsonLabelSelector, goJsonStringMap, goString } from '../model/go-format';
import { labelSelectorAsSelector, SelectorError } from '../model/labels';
import type { KubeObject, LabelSelector, Pod } from '../model/types';
import { deepClone, deepEqual } from '../store/clone';
import { CONTROLLER_UID_LABEL, defaulted, JOB_NAME_LABEL } from '../store/workload-admission';
import { isObj } from '../model/is-object';
import { admitPodUpdate, type AdmissionConfig } from '../store/pod-admission';
import { scopeOf } from '../store/resources';
import { schemaOf, threeWayMerge } from './three-way';


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

/**
 * The annotation's value: the manifest as kubectl encodes it (GetModifiedConfiguration: annotations
 * without itself, `{}` when none; keys sorted; a newline). A namespaced object without a namespace
 * gets `default`, as kubectl's resource builder sets the namespace on the object before encoding it.
 */
export function lastAppliedOf(applied: KubeObject): string {
  const o = deepClone(applied) as KubeObject & { status?: unknown };
  const annotations = { ...((o.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  o.metadata = { ...o.metadata, annotations };
  if (!o.metadata.namespace && scopeOf(o.kind ?? '') === 'Namespaced') o.metadata.namespace = 'default';
  return `${JSON.stringify(sortKeys(o))}\n`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
}

/** The previous manifest, from the live object's last-applied annotation (undefined when it has none or it does not parse). */
export function lastAppliedIn(o: KubeObject): KubeObject | undefined {
  const raw = (o.metadata.annotations as Record<string, string> | undefined)?.[LAST_APPLIED];
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObj(parsed) ? (parsed as KubeObject) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The object with the annotation kubectl apply writes on create (`kubectl apply` of a new object,
 * or `kubectl create --save-config`): its own manifest. A copy; the input is not written.
 */
export function withLastApplied(o: KubeObject): KubeObject {
  const c = deepClone(o);
  c.metadata = { ...c.metadata, annotations: { ...((c.metadata.annotations as Record<string, string> | undefined) ?? {}), [LAST_APPLIED]: lastAppliedOf(o) } };
  return c;
}

/**
 * Whether a scenario's object stands for one `kubectl apply` created, so that it gets the
 * last-applied annotation when loaded: a plain manifest. Not a Node (its kubelet registers it), an
 * object a controller owns, or one exported from a live cluster (`kubectl get -o yaml`: it has a uid,
 * resourceVersion, creationTimestamp or managedFields, and keeps the annotations it has, the
 * last-applied one included or not).
 */
export function loadsAsApplied(o: KubeObject): boolean {
  if (o.kind === 'Node' || !isObj(o.metadata)) return false;
  const m = o.metadata as Record<string, unknown>;
  if (['uid', 'resourceVersion', 'creationTimestamp', 'managedFields'].some((k) => m[k] !== undefined && m[k] !== null)) return false;
  if ((m.annotations as Record<string, unknown> | undefined)?.[LAST_APPLIED] !== undefined) return false;
  const owners = Array.isArray(m.ownerReferences) ? m.ownerReferences : [];
  return !owners.some((r) => isObj(r) && r.controller === true);
}

/**
 * `kubectl apply` onto an existing object (client-side apply, the default): the three-way merge of
 * three-way.ts with the last-applied annotation as the original and the manifest, with its new
 * annotation, as the modified; the server's metadata and the status stay. Then what the API server
 * checks on an update: a Pod accepts only the updates ValidatePodUpdate accepts, a StatefulSet's and
 * a Job's immutable fields, the apps selectors. Returns the merged object, or kubectl's error.
 * `admission`: the pod admission defaults (DefaultTolerationSeconds, …), run on a copy before a Pod
 * update is checked, as the API server admits before it validates.
 */
export function mergeApplied(existing: KubeObject, applied: KubeObject, admission?: AdmissionConfig): KubeObject | string {
  const kind = existing.kind!;
  const original = lastAppliedIn(existing);
  const modified = deepClone(applied) as KubeObject & { status?: unknown };
  delete modified.status;
  const meta = { ...modified.metadata };
  for (const k of SERVER_META) delete meta[k];
  // kubectl's resource builder sets the namespace on the object before it computes the patch.
  if (!meta.namespace && existing.metadata.namespace) meta.namespace = existing.metadata.namespace;
  meta.annotations = { ...((meta.annotations as Record<string, string> | undefined) ?? {}), [LAST_APPLIED]: lastAppliedOf(applied) };
  modified.metadata = meta;
  const live = deepClone(existing) as KubeObject & { status?: unknown };
  delete live.status;
  const merged = threeWayMerge(live as unknown as Record<string, unknown>, original as unknown as Record<string, unknown> | undefined, modified as unknown as Record<string, unknown>, schemaOf(kind)) as unknown as KubeObject;
  return finishUpdate(existing, merged, admission);
}

/**
 * An update of `existing` to `next` as the API server stores it (apply's merge, a `kubectl patch`):
 * the server's metadata and the status kept, and the update refused (kubectl's error) where it
 * changes an immutable field (a pod's spec, the apps selectors, a Job's or StatefulSet's fields).
 */
export function finishUpdate(existing: KubeObject, next: KubeObject, admission?: AdmissionConfig): KubeObject | string {
  const kind = existing.kind!;
  const merged = next as KubeObject & { status?: unknown; spec?: Record<string, unknown> };
  // The server's metadata is its own, whatever the manifests say.
  const mergedMeta = { ...(isObj(merged.metadata) ? merged.metadata : {}) } as KubeObject['metadata'];
  for (const k of SERVER_META) {
    if (existing.metadata[k] === undefined) delete mergedMeta[k];
    else mergedMeta[k] = deepClone(existing.metadata[k]);
  }
  // Empty label and annotation maps are not stored (omitempty).
  for (const k of ['labels', 'annotations'] as const) if (isObj(mergedMeta[k]) && Object.keys(mergedMeta[k] as object).length === 0) delete mergedMeta[k];
  merged.metadata = mergedMeta;
  if ('status' in existing) merged.status = deepClone(existing.status);
  else delete merged.status;
  if (kind === 'Node' && isObj(merged.spec)) {
    // NodeSpec fields are omitempty: `unschedulable: false` is not stored.
    if (merged.spec.unschedulable === false) delete merged.spec.unschedulable;
    if (Object.keys(merged.spec).length === 0) delete merged.spec;
  }
  const immutable = selectorChange(existing, merged) ?? statefulSetSpecChange(existing, merged);
  if (immutable !== undefined) return immutable;
  if (kind === 'Job') {
    const spec = jobSpecUpdate(existing, merged.spec);
    if (typeof spec === 'string') return spec;
    merged.spec = spec;
    return merged;
  }
  if (kind !== 'Pod') return merged;
  const spec = podSpecUpdate(existing as Pod, merged as unknown as Pod, admission);
  if (typeof spec === 'string') return spec;
  (merged as unknown as Pod).spec = spec;
  return merged;
}

/**
 * ValidatePodUpdate on the merged spec: the spec to store, or kubectl's `The Pod "x" is invalid: …`.
 * Changeable: the containers' and init containers' images, activeDeadlineSeconds, tolerations (only
 * additions; an existing one may change only its tolerationSeconds), scheduling gates (only
 * removals) and, while gated, nodeSelector (only additions). A manifest that leaves nodeName empty
 * keeps the binding.
 */
function podSpecUpdate(existing: Pod, merged: Pod, admission?: AdmissionConfig): Pod['spec'] | string {
  const oldSpec = existing.spec;
  if (!isObj(merged.spec)) return oldSpec;
  const spec = { ...merged.spec } as Pod['spec'];
  if (!spec.nodeName && oldSpec.nodeName) spec.nodeName = oldSpec.nodeName;
  // Compared as the API server sees it: after admission (a copy; the store admits the real write).
  const admitted = deepClone({ ...merged, spec }) as Pod;
  // (DefaultTolerationSeconds puts back the not-ready and unreachable tolerations a manifest leaves out.)
  if (admission && Array.isArray(spec.containers)) admitPodUpdate(admitted, admission);
  const newSpec = admitted.spec;
  // Gates may only go; a gated pod's nodeSelector may only grow. Their causes come before the spec's Forbidden.
  const causes = gatedPodUpdate(oldSpec, newSpec, spec);
  const oldTols = oldSpec.tolerations ?? [];
  const newTols = newSpec.tolerations ?? [];
  const kept = (o: (typeof oldTols)[number]) => newTols.some((t) => deepEqual({ ...o, tolerationSeconds: t.tolerationSeconds }, t));
  if (!oldTols.every(kept)) causes.push({ field: 'spec.tolerations', message: 'Forbidden: existing toleration can not be modified except its tolerationSeconds' });
  const forbiddenCause = { field: 'spec', message: `Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)` };
  const skip = new Set(['tolerations', 'activeDeadlineSeconds', 'schedulingGates', ...(gated(oldSpec) ? ['nodeSelector'] : [])]);
  const keys = new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)]);
  for (const k of keys) {
    if (skip.has(k)) continue;
    const before = (oldSpec as Record<string, unknown>)[k];
    const after = (newSpec as Record<string, unknown>)[k];
    if (k === 'containers' || k === 'initContainers') {
      const olds = (before ?? []) as Pod['spec']['containers'];
      const news = (after ?? []) as Pod['spec']['containers'];
      // Everything but the image must stay.
      if (olds.length !== news.length || olds.some((c, i) => !deepEqual(semantic({ ...c, image: undefined }), semantic({ ...news[i], image: undefined })))) return invalidObject(existing, [...causes, forbiddenCause]);
      continue;
    }
    if (!deepEqual(semantic(before), semantic(after))) return invalidObject(existing, [...causes, forbiddenCause]);
  }
  if (causes.length > 0) return invalidObject(existing, causes);
  return spec;
}

const gated = (spec: Pod['spec']): boolean => Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0;

/**
 * ValidatePodUpdate's rules for scheduling gates (validateOnlyDeletedSchedulingGates) and, while
 * the stored pod is gated, its nodeSelector (validateNodeSelectorMutation), on the merged spec
 * `newSpec`: writes the gates and selector to store into `spec` and returns the causes of a refusal.
 */
function gatedPodUpdate(oldSpec: Pod['spec'], newSpec: Pod['spec'], spec: Pod['spec']): { field: string; message: string }[] {
  const causes: { field: string; message: string }[] = [];
  const olds = new Set((oldSpec.schedulingGates ?? []).map((g) => g.name));
  const news = Array.isArray(newSpec.schedulingGates) ? newSpec.schedulingGates : [];
  news.forEach((g, i) => {
    if (!olds.has(g?.name)) causes.push({ field: `spec.schedulingGates[${i}].name`, message: `Forbidden: only deletion is allowed, but found new scheduling gate '${g?.name}'` });
  });
  if (news.length > 0) spec.schedulingGates = deepClone(news);
  else delete spec.schedulingGates;
  if (gated(oldSpec)) {
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
 * undefined. `merged`: the object after the three-way merge, so a field no manifest named keeps its
 * stored value, and one an earlier manifest named and this one leaves out is cleared and defaulted
 * again (podManagementPolicy OrderedReady, …) before the comparison.
 */
function statefulSetSpecChange(existing: KubeObject, merged: KubeObject): string | undefined {
  if (existing.kind !== 'StatefulSet') return undefined;
  const before = (existing as { spec?: unknown }).spec;
  const after = (merged as { spec?: unknown }).spec;
  if (!isObj(after)) return undefined;
  // Both as the API server defaults them (the stored one already is, unless the caller built it).
  const old = defaulted('StatefulSet', isObj(before) ? before : {});
  const next = defaulted('StatefulSet', after);
  for (const k of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (STATEFULSET_MUTABLE.has(k)) continue;
    if (!deepEqual(semantic(next[k]), semantic(old[k]))) {
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
 * `mergedSpec`: the spec after the three-way merge, so a field no manifest named keeps its stored
 * value, the template keeps the labels the registry generated, and a field an earlier manifest named
 * and this one leaves out is cleared (and defaulted again).
 * Checked: completions immutable (an Indexed Job may change it when the new completions equal the
 * new parallelism, ElasticIndexedJob), the selector immutable and, without manualSelector, still
 * selecting the generated labels, the template immutable except, while the Job is suspended and
 * has never started, its labels, annotations, nodeSelector, tolerations, schedulingGates and node
 * affinity; completionMode, podFailurePolicy, backoffLimitPerIndex, managedBy and successPolicy
 * immutable. A struct value is shown as `core.PodTemplateSpec{…}` (kubectl prints the whole
 * value with Go's %#v, defaulted fields and all, which this engine would only approximate).
 */
function jobSpecUpdate(existing: KubeObject, mergedSpec: unknown): Record<string, unknown> | string {
  const stored = (existing as { spec?: unknown }).spec;
  const oldSpec = defaulted('Job', isObj(stored) ? stored : {});
  if (!isObj(mergedSpec)) return oldSpec;
  const next: Record<string, unknown> = { ...mergedSpec };
  const oldTpl = isObj(oldSpec.template) ? oldSpec.template : {};
  const oldLabels = isObj(oldTpl.metadata) && isObj(oldTpl.metadata.labels) ? (oldTpl.metadata.labels as Record<string, string>) : {};
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
