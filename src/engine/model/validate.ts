/**
 * Validation of the objects the scheduler reads, with field paths, in the
 * spirit of the API server's validation: what a real cluster would refuse
 * (malformed quantities, negative requests, bad selectors, wrong types)
 * is refused here too, with a message naming the field.
 */
import { validatePodLabelKeys } from './validate-label-keys';
import { PodInfo } from '../scheduler/framework/pod-info';
import { labelSelectorAsSelector, type Selector, SelectorError, selectorFromSet } from './labels';
import { validatePodResources, validateResourceList } from './pod-requests';
import type { KubeObject, LabelSelector, Node, Pod, PriorityClass } from './types';
import { validateTolerations } from './validate-tolerations';
import { validateJobPolicies } from './validate-job-policy';
import { decodeError } from './decode';
import { goJsonStringMap } from './go-format';
import { validateExitAnnotations } from '../kubelet/exit-annotations';
import { validateImagePullAnnotation } from '../kubelet/image-pull';
import { validateUsageAnnotation } from '../kubelet/memory-usage';
import { validateEvictionAnnotation } from '../kubelet/eviction-manager';
import { validateContainerProbes, validateProbeAnnotations } from '../kubelet/probe-spec';
import { isObj } from './is-object';
import { validateCronJob } from '../controllers/cronjob/validate-cronjob';
import { validateHorizontalPodAutoscaler } from '../controllers/horizontal-pod-autoscaler/validate-hpa';
import { validateCpuUsageAnnotation, validateLoadAnnotations } from '../controllers/horizontal-pod-autoscaler/usage';

/** The most replicas (or parallelism, completions …) a workload may ask for: a Podscape cap, no upstream limit past int32. */
export const MAX_PLAYGROUND_COUNT = 100000;
/** The refusal past MAX_PLAYGROUND_COUNT (Podscape's words: the API server has no such limit). */
export const playgroundCountMessage = (v: number) => `Invalid value: ${v}: the playground holds at most ${MAX_PLAYGROUND_COUNT}`;
import { labelsAnnotationsError, nameError } from './validate-names';
import { scopeOf } from '../store/resources';
import { type ValidationGates, validateDaemonSetStrategy, validateDeploymentStrategy, validateProgressDeadline, validateStatefulSetRollingUpdate } from './validate-strategy';

export type { ValidationGates } from './validate-strategy';

export interface ObjectError {
  /** Index of the object in the input list. */
  index: number;
  /** Path inside the object, e.g. `spec.containers[0].resources.requests.cpu`. */
  field: string;
  message: string;
  /** The body does not decode (a wrong JSON type): a 400 BadRequest, not an Invalid object. */
  badRequest?: true;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Splits "path: message" as produced by the resource validators. */
function split(index: number, m: string): ObjectError {
  const i = m.indexOf(': ');
  return i > 0 ? { index, field: m.slice(0, i), message: m.slice(i + 2) } : { index, field: '', message: m };
}

/**
 * `mergeLabels`: a created Pod's labels, for the label-keys check after the merge PrepareForCreate
 * does (validate-label-keys.ts); undefined for a pod template or a Pod from the API (it has a uid:
 * its selectors were merged when it was created).
 */
function validatePod(pod: Pod, index: number, errs: ObjectError[], mergeLabels?: Record<string, string>): void {
  const spec = pod.spec as unknown;
  if (!isObj(spec)) {
    errs.push({ index, field: 'spec', message: 'Required value' });
    return;
  }
  if (spec.containers !== undefined && spec.containers !== null && !Array.isArray(spec.containers)) {
    errs.push({ index, field: 'spec.containers', message: `Invalid value: ${JSON.stringify(spec.containers)}: must be a list of containers` });
    return;
  }
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    errs.push({ index, field: 'spec.containers', message: 'Required value' });
    return;
  }
  // PodInfo (below) reads every container: it is built only when each one is a mapping.
  let malformed = false;
  for (const key of ['containers', 'initContainers'] as const) {
    const list = spec[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      errs.push({ index, field: `spec.${key}`, message: 'Invalid value: must be a list' });
      return;
    }
    list.forEach((c, i) => {
      if (!isObj(c)) {
        errs.push({ index, field: `spec.${key}[${i}]`, message: 'Invalid value: must be a mapping' });
        malformed = true;
      }
      else if (c.image !== undefined && c.image !== null && typeof c.image !== 'string') {
        errs.push({ index, field: `spec.${key}[${i}].image`, message: `Invalid value: ${JSON.stringify(c.image)}: must be a string` });
      }
      for (const p of validateContainerProbes(c, `spec.${key}[${i}]`)) errs.push({ index, ...p });
    });
  }
  if (spec.priority !== undefined && (typeof spec.priority !== 'number' || !Number.isInteger(spec.priority))) {
    errs.push({ index, field: 'spec.priority', message: `Invalid value: ${JSON.stringify(spec.priority)}: must be an integer` });
  }
  for (const f of ['terminationGracePeriodSeconds', 'activeDeadlineSeconds']) {
    const v = spec[f];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      errs.push({ index, field: `spec.${f}`, message: `Invalid value: ${JSON.stringify(v)}: must be a non-negative integer` });
    }
  }
  if (spec.nodeName !== undefined && typeof spec.nodeName !== 'string') {
    errs.push({ index, field: 'spec.nodeName', message: 'Invalid value: must be a string' });
  }
  if (spec.nodeSelector !== undefined && !isObj(spec.nodeSelector)) {
    errs.push({ index, field: 'spec.nodeSelector', message: 'Invalid value: must be a map of label keys to values' });
  }
  for (const p of validateTolerations(spec.tolerations, 'spec.tolerations')) errs.push({ index, ...p });
  (Array.isArray(spec.topologySpreadConstraints) ? spec.topologySpreadConstraints : []).forEach((c: unknown, i: number) => {
    const f = `spec.topologySpreadConstraints[${i}]`;
    if (!isObj(c)) return;
    if (typeof c.maxSkew !== 'number' || !Number.isInteger(c.maxSkew) || c.maxSkew <= 0) {
      errs.push({ index, field: `${f}.maxSkew`, message: `Invalid value: ${JSON.stringify(c.maxSkew)}: must be greater than zero` });
    }
    if (typeof c.topologyKey !== 'string' || c.topologyKey === '') {
      errs.push({ index, field: `${f}.topologyKey`, message: 'Required value: can not be empty' });
    }
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push({ index, field: `${f}.whenUnsatisfiable`, message: `Unsupported value: ${JSON.stringify(c.whenUnsatisfiable)}: supported values: "DoNotSchedule", "ScheduleAnyway"` });
    }
    if (c.minDomains !== undefined && c.minDomains !== null && (typeof c.minDomains !== 'number' || c.minDomains <= 0)) {
      errs.push({ index, field: `${f}.minDomains`, message: `Invalid value: ${JSON.stringify(c.minDomains)}: must be greater than 0` });
    }
  });
  for (const e of validatePodLabelKeys(spec, mergeLabels)) errs.push({ index, ...e });
  const before = errs.length;
  for (const m of validatePodResources(pod, 'spec')) errs.push(split(index, m));
  if (errs.length > before || malformed) return;
  try {
    new PodInfo(pod);
  } catch (e) {
    if (e instanceof SelectorError) {
      errs.push({ index, field: "spec.affinity", message: e.message });
    } else {
      errs.push({ index, field: 'spec', message: (e as Error).message });
    }
  }
}

/**
 * Lists of mappings that the components read (conditions, images, container statuses,
 * owner references): a value of another shape, as a hand-edited or damaged dump may
 * hold, is refused here instead of failing deep inside a controller.
 */
function checkListsOfMappings(o: Record<string, unknown>, fields: readonly string[], index: number, errs: ObjectError[]): void {
  for (const field of fields) {
    const [a, b] = field.split('.');
    const parent = o[a];
    const v = isObj(parent) ? parent[b] : undefined;
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) errs.push({ index, field, message: `Invalid value: ${JSON.stringify(v)}: must be a list` });
    else {
      const bad = v.findIndex((x) => !isObj(x));
      if (bad >= 0) errs.push({ index, field: `${field}[${bad}]`, message: `Invalid value: ${JSON.stringify(v[bad])}: must be a mapping` });
    }
  }
}

function validateNode(node: Node, index: number, errs: ObjectError[]): void {
  const status = node.status as unknown;
  if (status !== undefined && !isObj(status)) {
    errs.push({ index, field: 'status', message: 'Invalid value: must be a mapping' });
    return;
  }
  if (node.spec !== undefined && node.spec !== null && !isObj(node.spec)) {
    errs.push({ index, field: 'spec', message: 'Invalid value: must be a mapping' });
    return;
  }
  checkListsOfMappings(node as unknown as Record<string, unknown>, ['status.conditions', 'status.images', 'status.addresses'], index, errs);
  const images = node.status?.images as unknown;
  if (Array.isArray(images)) {
    images.forEach((img, i) => {
      const names = isObj(img) ? img.names : undefined;
      if (names !== undefined && names !== null && (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))) {
        errs.push({ index, field: `status.images[${i}].names`, message: `Invalid value: ${JSON.stringify(names)}: must be a list of strings` });
      }
    });
  }
  for (const key of ['allocatable', 'capacity'] as const) {
    const list = node.status?.[key];
    if (list !== undefined) for (const m of validateResourceList(list, `status.${key}`)) errs.push(split(index, m));
  }
  const taints = node.spec?.taints as unknown;
  // A null list decodes to an empty one in Go (and in an apply, a null deletes the field).
  if (taints !== undefined && taints !== null) {
    if (!Array.isArray(taints)) errs.push({ index, field: 'spec.taints', message: 'Invalid value: must be a list' });
    else
      taints.forEach((t, i) => {
        if (!isObj(t)) {
          errs.push({ index, field: `spec.taints[${i}]`, message: `Invalid value: ${JSON.stringify(t)}: must be a mapping` });
        } else if (typeof t.key !== 'string' || t.key === '') {
          errs.push({ index, field: `spec.taints[${i}].key`, message: 'Required value' });
        } else if (t.effect === undefined || t.effect === null || t.effect === '') {
          errs.push({ index, field: `spec.taints[${i}].effect`, message: 'Required value' });
        } else if (!EFFECTS.includes(t.effect as string)) {
          errs.push({ index, field: `spec.taints[${i}].effect`, message: `Unsupported value: ${JSON.stringify(t.effect)}: supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"` });
        } else if (taints.slice(0, i).some((u) => isObj(u) && u.key === t.key && u.effect === t.effect)) {
          errs.push({ index, field: `spec.taints[${i}]`, message: `Duplicate value: ${JSON.stringify(t)}: taints must be unique by key and effect pair` });
        }
      });
  }
}

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

const isLabelMap = (v: unknown): v is Record<string, string> => isObj(v) && Object.values(v).every((x) => typeof x === 'string');

/**
 * Whether a workload's selector is well formed and selects its own pod template; if not,
 * the error is pushed. A controller whose selector misses its own pods would create pods
 * for ever, all at one virtual instant.
 */
const hasLabels = (m: unknown) => isObj(m) && Object.keys(m).length > 0;

function selectsTemplate(plainMap: boolean, sel: unknown, meta: unknown, index: number, errs: ObjectError[]): boolean {
  if (!isObj(sel)) return true;
  const labels = isObj(meta) && isObj(meta.labels) ? meta.labels : {};
  let selector: Selector;
  if (plainMap) {
    // A ReplicationController's selector is a plain label map.
    if (!isLabelMap(sel)) {
      errs.push({ index, field: 'spec.selector', message: `Invalid value: ${JSON.stringify(sel)}: must be a map of label keys to string values` });
      return false;
    }
    selector = selectorFromSet(sel);
  } else {
    if (sel.matchLabels !== undefined && sel.matchLabels !== null && !isLabelMap(sel.matchLabels)) {
      errs.push({ index, field: 'spec.selector.matchLabels', message: `Invalid value: ${JSON.stringify(sel.matchLabels)}: must be a map of label keys to string values` });
      return false;
    }
    const exprs = sel.matchExpressions;
    if (exprs !== undefined && exprs !== null) {
      if (!Array.isArray(exprs)) {
        errs.push({ index, field: 'spec.selector.matchExpressions', message: `Invalid value: ${JSON.stringify(exprs)}: must be a list` });
        return false;
      }
      const bad = exprs.findIndex((r) => !isObj(r) || typeof r.key !== 'string' || r.key === '' || typeof r.operator !== 'string' || (r.values !== undefined && r.values !== null && (!Array.isArray(r.values) || r.values.some((x) => typeof x !== 'string'))));
      if (bad >= 0) {
        errs.push({ index, field: `spec.selector.matchExpressions[${bad}]`, message: `Invalid value: ${JSON.stringify(exprs[bad])}: must have a key, an operator and a list of string values` });
        return false;
      }
    }
    try {
      selector = labelSelectorAsSelector(sel as LabelSelector, 'spec.selector');
    } catch (e) {
      if (!(e instanceof SelectorError)) throw e;
      errs.push(split(index, e.message));
      return false;
    }
  }
  if (!selector.matches(labels as Record<string, string>)) {
    errs.push({ index, field: 'spec.template.metadata.labels', message: `Invalid value: ${goJsonStringMap(isObj(meta) ? meta.labels : undefined)}: \`selector\` does not match template \`labels\`` });
    return false;
  }
  return true;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Job's completion-mode checks (validateJobSpec and ValidateJob in pkg/apis/batch/validation/validation.go). */
function validateJobFields(o: KubeObject, spec: Record<string, unknown>, index: number, errs: ObjectError[]): void {
  const mode = spec.completionMode;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  if (mode !== undefined && mode !== null && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errs.push({ index, field: 'spec.completionMode', message: `Unsupported value: ${JSON.stringify(mode)}: supported values: "NonIndexed", "Indexed"` });
  }
  if (mode === 'Indexed') {
    const completions = num(spec.completions);
    if (spec.completions === undefined || spec.completions === null) {
      errs.push({ index, field: 'spec.completions', message: 'Required value: when completion mode is Indexed' });
    } else if (completions !== undefined && completions > 0) {
      // The controller names pod hostnames `<job>-<index>`; the last one must be a DNS label.
      const host = `${o.metadata.name}-${completions - 1}`;
      if (host.length > 63 || !DNS1123_LABEL.test(host)) {
        errs.push({ index, field: 'metadata.name', message: `Invalid value: ${JSON.stringify(o.metadata.name)}: will not able to create pod with invalid DNS label: ${host}` });
      }
    }
    const maxFailed = num(spec.maxFailedIndexes);
    if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
      errs.push({ index, field: 'spec.maxFailedIndexes', message: `Invalid value: ${maxFailed}: must be less than or equal to completions` });
    }
  } else {
    for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      const v = spec[f];
      if (v !== undefined && v !== null) errs.push({ index, field: `spec.${f}`, message: `Invalid value: ${JSON.stringify(v)}: requires indexed completion mode` });
    }
  }
  validateJobPolicies(spec, index, errs);
  // The pod defaults turn an unset restartPolicy into Always.
  const tpl = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : undefined;
  if (tpl) {
    const rp = tpl.restartPolicy;
    const field = 'spec.template.spec.restartPolicy';
    if (rp === undefined || rp === null || rp === '' || rp === 'Always') errs.push({ index, field, message: 'Required value: valid values: "OnFailure", "Never"' });
    else if (rp !== 'OnFailure' && rp !== 'Never') errs.push({ index, field, message: `Unsupported value: ${JSON.stringify(rp)}: supported values: "OnFailure", "Never"` });
    else if (spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null && rp !== 'Never') {
      errs.push({ index, field, message: `Invalid value: ${JSON.stringify(rp)}: only "Never" is supported when podFailurePolicy is specified` });
    }
  }
  if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null && (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null)) {
    errs.push({ index, field: 'spec.backoffLimitPerIndex', message: 'Required value: when maxFailedIndexes is specified' });
  }
}

/** What the API server refuses in a workload before a controller ever sees it. */
/** The `podscape.dev/` annotations that stand in for what a container does (exits, probes, image pulls, memory use), on a pod or a pod template. */
function podAnnotationErrors(metadata: unknown, at: string) {
  return [
    ...validateExitAnnotations(metadata, at),
    ...validateProbeAnnotations(metadata, at),
    ...validateImagePullAnnotation(metadata, at),
    ...validateUsageAnnotation(metadata, at),
    ...validateCpuUsageAnnotation(metadata, at),
  ];
}

function validateWorkload(o: KubeObject, index: number, errs: ObjectError[], gates: ValidationGates): void {
  const spec = (o as { spec?: unknown }).spec;
  if (!isObj(spec)) {
    errs.push({ index, field: 'spec', message: 'Required value' });
    return;
  }
  if (o.kind === 'StatefulSet') validateStatefulSetRollingUpdate(spec, gates, index, errs);
  const COUNTS = ['replicas', 'parallelism', 'completions', 'backoffLimit', 'minReadySeconds'];
  for (const f of [...COUNTS, 'progressDeadlineSeconds', 'revisionHistoryLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    const v = spec[f];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && Number.isInteger(v) && v < 0) {
      // ValidateNonnegativeField's words.
      errs.push({ index, field: `spec.${f}`, message: `Invalid value: ${v}: must be greater than or equal to 0` });
    } else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      errs.push({ index, field: `spec.${f}`, message: `Invalid value: ${JSON.stringify(v)}: must be a non-negative integer` });
    } else if (v > MAX_PLAYGROUND_COUNT && COUNTS.includes(f)) {
      errs.push({ index, field: `spec.${f}`, message: playgroundCountMessage(v) });
    }
  }
  if (o.kind === 'Deployment') {
    validateDeploymentStrategy(spec, index, errs);
    validateProgressDeadline(spec, index, errs);
  } else if (o.kind === 'DaemonSet') validateDaemonSetStrategy(spec, index, errs);
  if (o.kind !== 'ReplicationController') {
    const sel = spec.selector;
    // A Job's selector is generated on create unless manualSelector is true (registry/batch/job/strategy.go).
    const generated = o.kind === 'Job' && spec.manualSelector !== true;
    if (!generated && (!isObj(sel) || (sel.matchLabels === undefined && sel.matchExpressions === undefined))) {
      errs.push({ index, field: 'spec.selector', message: 'Required value' });
    }
  } else if (!hasLabels(spec.selector) && !(isObj(spec.template) && hasLabels(spec.template.metadata && (spec.template.metadata as { labels?: unknown }).labels))) {
    // ValidateReplicationControllerSpec: the selector, defaulted from the template's labels, must not be empty.
    errs.push({ index, field: 'spec.selector', message: 'Required value' });
  }
  if (o.kind === 'Job') validateJobFields(o, spec, index, errs);
  const tpl = spec.template;
  if (!isObj(tpl) || !isObj(tpl.spec)) {
    errs.push({ index, field: 'spec.template.spec', message: 'Required value' });
    return;
  }
  if (!selectsTemplate(o.kind === 'ReplicationController', spec.selector, tpl.metadata, index, errs)) return;
  for (const e of podAnnotationErrors(tpl.metadata, 'spec.template.metadata')) errs.push({ index, ...e });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'template', ...(isObj(tpl.metadata) ? tpl.metadata : {}) }, spec: tpl.spec } as unknown as Pod;
  const before = errs.length;
  validatePod(pod, index, errs);
  for (let i = before; i < errs.length; i++) errs[i] = { ...errs[i], field: errs[i].field.replace(/^spec/, 'spec.template.spec') };
}

/** Validates every object; returns all errors found (empty when valid). `gates`: off unless given (v1.36's defaults). */
export function validateObjects(objects: readonly KubeObject[], gates: ValidationGates = {}): ObjectError[] {
  const errs: ObjectError[] = [];
  objects.forEach((o, index) => {
    // A KubeSchedulerConfiguration carries no ObjectMeta; its fields are checked when it is resolved.
    if (o.kind === 'KubeSchedulerConfiguration') return;
    const undecodable = isObj(o) ? decodeError(o) : undefined;
    if (undecodable) return void errs.push({ ...undecodable, index, badRequest: true });
    if (!isObj(o.metadata) || typeof o.metadata.name !== 'string' || o.metadata.name === '') {
      errs.push({ index, field: 'metadata.name', message: 'Required value: name or generateName is required' });
      return;
    }
    const badName = gates.objectNames === false ? undefined : nameError(o.apiVersion, o.kind ?? '', o.metadata.name, o.metadata.namespace, scopeOf(o.kind ?? '') !== 'Cluster');
    if (badName) return void errs.push({ index, ...badName });
    const badMeta = labelsAnnotationsError(o.metadata, 'metadata') ?? (WORKLOAD_KINDS.has(o.kind ?? '') && isObj(o.spec) && isObj(o.spec.template) ? labelsAnnotationsError(o.spec.template.metadata, 'spec.template.metadata') : undefined);
    if (badMeta) return void errs.push({ index, ...badMeta });
    checkListsOfMappings(o as unknown as Record<string, unknown>, ['metadata.ownerReferences'], index, errs);
    if (o.kind === 'Pod') {
      if ((o as Pod).status !== undefined && (o as Pod).status !== null && !isObj((o as Pod).status)) {
        errs.push({ index, field: 'status', message: 'Invalid value: must be a mapping' });
        return;
      }
      checkListsOfMappings(o as unknown as Record<string, unknown>, ['status.conditions', 'status.containerStatuses', 'status.initContainerStatuses', 'spec.volumes'], index, errs);
    }
    if (o.kind === 'Pod') validatePod(o as Pod, index, errs, o.metadata.uid ? undefined : labelMap(o.metadata.labels));
    if (o.kind === 'Pod') for (const e of podAnnotationErrors(o.metadata, 'metadata')) errs.push({ index, ...e });
    else if (o.kind === 'Node') {
      validateNode(o as Node, index, errs);
      for (const e of validateEvictionAnnotation(o.metadata)) errs.push({ index, ...e });
    }
    else if (WORKLOAD_KINDS.has(o.kind ?? '')) {
      validateWorkload(o, index, errs, gates);
      for (const e of validateLoadAnnotations(o.metadata)) errs.push({ index, ...e });
    }
    else if (o.kind === 'HorizontalPodAutoscaler') for (const e of validateHorizontalPodAutoscaler(o)) errs.push({ index, ...e });
    else if (o.kind === 'CronJob') {
      for (const e of validateCronJob(o)) errs.push({ index, ...e });
      // The job template is validated as a Job's spec (ValidateJobTemplateSpec).
      const tpl = isObj(o.spec) && isObj(o.spec.jobTemplate) ? o.spec.jobTemplate : undefined;
      const before = errs.length;
      if (tpl) validateWorkload({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: o.metadata.name }, spec: tpl.spec } as KubeObject, index, errs, gates);
      for (let i = before; i < errs.length; i++) errs[i] = { ...errs[i], field: errs[i].field.replace(/^spec/, 'spec.jobTemplate.spec') };
    }
    else if (o.kind === 'PriorityClass') {
      const v = (o as PriorityClass).value;
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        errs.push({ index, field: 'value', message: `Invalid value: ${JSON.stringify(v)}: must be an integer` });
      }
    }
  });
  return errs;
}

/** The labels as a map of strings (anything else counts as none). */
function labelMap(labels: unknown): Record<string, string> {
  return isObj(labels) ? (Object.fromEntries(Object.entries(labels).filter(([, v]) => typeof v === 'string')) as Record<string, string>) : {};
}
