/**
 * What kube-apiserver does to a pod on a write: API defaults and the
 * admission plugins that matter for scheduling and eviction (Priority,
 * DefaultTolerationSeconds), as the store applies them on create and update.
 */
import { admitPod } from '../model/admission';
import type { Pod, PriorityClass, Toleration } from '../model/types';
import type { ControlPlaneConfig } from '../sim/contracts';
import { StoreError } from './store-error';
import { isObj } from '../model/is-object';
import { mergeLabelKeys } from './pod-label-keys';
import { validatePodLabelKeys } from '../model/validate-label-keys';
import { isDNS1123Label } from '../model/validate-names';
import { goQuote, isValidLabelValue } from '../scheduler/plugins/helpers/args-validation';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

export type AdmissionConfig = Pick<ControlPlaneConfig, 'defaultTolerationSeconds' | 'terminationGracePeriodSeconds'>;


/**
 * The Priority admission plugin's refusal of an unknown class. Admission runs before the registry
 * store generates a name, so a pod created with generateName (a controller's) is named by that
 * prefix (apiserver admission/errors.go extractResourceName): `pods "web-5d8f7c9b4-" is forbidden: …`.
 */
export function admitPodPriorityClass(pod: Pod, classes: readonly PriorityClass[]): void {
  if (!isObj(pod.spec)) return;
  const className = pod.spec.priorityClassName;
  if (
    className &&
    pod.spec.priority === undefined &&
    !classes.some((c) => c.metadata.name === className) &&
    className !== 'system-node-critical' &&
    className !== 'system-cluster-critical'
  ) {
    const name = pod.metadata.name || pod.metadata.generateName || 'Unknown';
    throw new StoreError('Forbidden', `pods "${name}" is forbidden: no PriorityClass with name ${className} was found`);
  }
}

/**
 * On create, after admitPodPriorityClass and the name: priority and preemptionPolicy from the class,
 * the defaults, PrepareForCreate's merge of matchLabelKeys, then the validation of that merge (a pod
 * template is never merged, so a controller's pod can be refused here although its template was
 * accepted): `Pod "<name>" is invalid: …`, several causes as `[a, b]` (apimachinery NewInvalid).
 * `fromApi`: the pod came with a uid (an import), its selectors were merged when it was created.
 */
export function admitPodCreate(pod: Pod, classes: readonly PriorityClass[], config: AdmissionConfig, fromApi = false): void {
  if (!isObj(pod.spec) || !Array.isArray(pod.spec.containers) || pod.spec.containers.length === 0) {
    throw new StoreError('Invalid', `Pod "${pod.metadata.name}" is invalid: spec.containers: Required value`);
  }
  if (!fromApi) {
    const errs = validatePodLabelKeys(pod.spec as unknown as Record<string, unknown>, isObj(pod.metadata.labels) ? (pod.metadata.labels as Record<string, string>) : {});
    const causes = [...identityCauses(pod), ...errs.map((e) => `${e.field}: ${e.message}`)];
    if (causes.length > 0) {
      throw new StoreError('Invalid', `Pod "${pod.metadata.name}" is invalid: ${causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`}`);
    }
  }
  // Requests defaulted from limits; priority and preemptionPolicy from the class (or the global default).
  admitPod(pod, classes);
  if (pod.spec.priority === undefined || pod.spec.priority === null) pod.spec.priority = 0;
  if (!pod.spec.preemptionPolicy) pod.spec.preemptionPolicy = 'PreemptLowerPriority';
  // The spec is the store's own here (a deep copy, or an object built for the call, which
  // the lines above already write into): the defaults go into it rather than into a copy.
  podDefaults(pod, config, DEFAULTS_IN_PLACE.enabled);
  // PrepareForCreate merges once, when the API server creates the pod. An imported pod (a uid, from
  // an export) carries selectors merged already; merging again appended each `key In [value]` twice.
  if (!fromApi) mergeLabelKeys(pod);
}

/**
 * What a controller adds to its template when it makes a pod, checked as ValidatePod checks any pod:
 * label values (at most 63 characters of `-_.` and alphanumerics: a StatefulSet's pod-name and
 * controller-revision-hash labels outgrow it from a 53-byte set name) and `spec.hostname` (a DNS-1123
 * label: the pod's own name, from a 62-byte set name). Objects read from a scenario were checked
 * when they were read; here in the labels' own order (upstream walks a Go map: any order).
 */
function identityCauses(pod: Pod): string[] {
  const causes: string[] = [];
  const labels = pod.metadata.labels;
  if (isObj(labels)) {
    for (const v of Object.values(labels)) {
      if (typeof v !== 'string') continue;
      for (const m of isValidLabelValue(v)) causes.push(`metadata.labels: Invalid value: ${goQuote(v)}: ${m}`);
    }
  }
  const host = (pod.spec as { hostname?: unknown }).hostname;
  if (typeof host === 'string' && host !== '') for (const m of isDNS1123Label(host)) causes.push(`spec.hostname: Invalid value: ${goQuote(host)}: ${m}`);
  return causes;
}

/** Tests turn off writing the create-time defaults into the spec itself (a copy is then made, as on update). */
export const DEFAULTS_IN_PLACE = { enabled: true };

/**
 * On update: the defaults again (idempotent). `storedSpec` is the spec of the stored
 * version, which passed admission when it was stored (and stored objects are never
 * changed in place): a spec that is that very object, or that holds the very values the
 * defaults look at (a bind's `{ ...spec, nodeName }`), gets nothing from them, so only
 * the status is looked at.
 */
export function admitPodUpdate(pod: Pod, config: AdmissionConfig, storedSpec?: Pod['spec']): void {
  const spec = pod.spec;
  if (!isObj(spec) || !Array.isArray(spec.containers)) {
    throw new StoreError('Invalid', `Pod "${pod.metadata.name}" is invalid: spec.containers: Required value`);
  }
  if (SKIP_STORED_SPEC.enabled && storedSpec !== undefined && (spec === storedSpec || sameDefaultedFields(spec, storedSpec))) statusDefaults(pod);
  else podDefaults(pod, config);
}

/** Whether the fields podDefaults reads are the stored spec's own values (the tolerations list by reference). */
function sameDefaultedFields(spec: Pod['spec'], stored: Pod['spec']): boolean {
  return (
    isObj(stored) &&
    spec.tolerations === stored.tolerations &&
    spec.schedulerName === stored.schedulerName &&
    spec.terminationGracePeriodSeconds === stored.terminationGracePeriodSeconds &&
    spec.restartPolicy === stored.restartPolicy
  );
}

/** Tests turn the stored-spec shortcut of admitPodUpdate off to compare with the full defaults. */
export const SKIP_STORED_SPEC = { enabled: true };

/**
 * API defaults and DefaultTolerationSeconds; idempotent. Copy-on-write: when
 * something is added, `pod.spec` / `pod.status` are replaced by copies, so
 * structure shared with an earlier version of the object is never written —
 * unless `ownSpec` (the spec belongs to this write alone): then the spec is
 * written in place (the same fields in the same order as on a copy).
 */
function podDefaults(pod: Pod, config: AdmissionConfig, ownSpec = false): void {
  const spec = pod.spec;
  const tolerations = withDefaultTolerations(spec.tolerations, config.defaultTolerationSeconds);
  const noGrace = spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null;
  if (!spec.schedulerName || noGrace || !spec.restartPolicy || tolerations) {
    const next = ownSpec ? spec : { ...spec };
    if (!next.schedulerName) next.schedulerName = 'default-scheduler';
    if (noGrace) next.terminationGracePeriodSeconds = config.terminationGracePeriodSeconds;
    if (!next.restartPolicy) next.restartPolicy = 'Always';
    if (tolerations) next.tolerations = tolerations;
    pod.spec = next;
  }
  statusDefaults(pod);
}

/**
 * The pod strategy's applySchedulingGatedCondition (pkg/registry/core/pod/strategy.go), on
 * create: a pod with scheduling gates and no PodScheduled condition gets PodScheduled=False,
 * SchedulingGated, at `now`.
 */
export function applySchedulingGatedCondition(pod: Pod, now: string): void {
  const gates = pod.spec.schedulingGates;
  if (!Array.isArray(gates) || gates.length === 0) return;
  const conditions = isObj(pod.status) && Array.isArray(pod.status.conditions) ? pod.status.conditions : [];
  if (conditions.some((c) => isObj(c) && c.type === 'PodScheduled')) return;
  const gated = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' };
  pod.status = { ...(isObj(pod.status) ? pod.status : {}), conditions: [...conditions, gated] } as Pod['status'];
}

function statusDefaults(pod: Pod): void {
  if (!isObj(pod.status)) pod.status = { phase: 'Pending' };
  else if (!pod.status.phase) pod.status = { ...pod.status, phase: 'Pending' };
}

/**
 * The DefaultTolerationSeconds admission plugin: a pod that does not already
 * tolerate the not-ready / unreachable NoExecute taints (a toleration with
 * that key or an empty key, and effect NoExecute or empty) gets
 * `{key, operator: Exists, effect: NoExecute, tolerationSeconds}` for each,
 * not-ready first. Returns the new list, or null when nothing is missing.
 */
export function withDefaultTolerations(list: Toleration[] | undefined, seconds: number): Toleration[] | null {
  const tolerations: Toleration[] = Array.isArray(list) ? list : [];
  if (tolerations.length === 0 && SHARE_DEFAULT_TOLERATIONS.enabled) return defaultTolerations(seconds);
  let notReady = false;
  let unreachable = false;
  for (const t of tolerations) {
    if (!isObj(t)) continue;
    const noExecute = t.effect === 'NoExecute' || !t.effect;
    if (!noExecute) continue;
    if (t.key === TAINT_NODE_NOT_READY || !t.key) notReady = true;
    if (t.key === TAINT_NODE_UNREACHABLE || !t.key) unreachable = true;
  }
  if (notReady && unreachable) return null;
  const out = [...tolerations];
  if (!notReady) out.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  if (!unreachable) out.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  return out;
}

/** Tests turn off the shared default list to compare with fresh lists. */
export const SHARE_DEFAULT_TOLERATIONS = { enabled: true };

const sharedDefaults = new Map<number, Toleration[]>();

/**
 * The two default tolerations for a pod that has none, as one list per `seconds` shared by
 * every such pod (stored objects are read-only): a pod created from a template without
 * tolerations allocates nothing here, and readers that cache by the list's identity (the
 * scheduler's taint verdicts) find it from pod to pod.
 */
function defaultTolerations(seconds: number): Toleration[] {
  let list = sharedDefaults.get(seconds);
  if (list === undefined) {
    list = [
      { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds },
      { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds },
    ];
    if (sharedDefaults.size >= 64) sharedDefaults.clear();
    sharedDefaults.set(seconds, list);
  }
  return list;
}
