/**
 * What kube-apiserver does to a pod on a write: API defaults and the
 * admission plugins that matter for scheduling and eviction (Priority,
 * DefaultTolerationSeconds), as the store applies them on create and update.
 */
import { admitPod } from '../model/admission';
import type { Pod, PriorityClass, Toleration } from '../model/types';
import type { ControlPlaneConfig } from '../sim/contracts';
import { deepClone } from './clone';
import { StoreError } from './store-error';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

export type AdmissionConfig = Pick<ControlPlaneConfig, 'defaultTolerationSeconds' | 'terminationGracePeriodSeconds'>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a shared spec was admitted as, and under which classes and configuration. */
interface Admitted {
  /** The spec as given (a stored template's spec: never written), and its jsonHash. */
  readonly source: object;
  readonly hash: number;
  readonly spec: Pod['spec'];
  readonly classes: readonly PriorityClass[];
  readonly tolerationSeconds: number;
  readonly grace: number;
}

/** Specs shared by several pods (controllers' stored template specs) → their last admission (null: none yet). */
const sharedSpecs = new WeakMap<object, Admitted | null>();

/**
 * Recent admissions by content: a spec of another template (another ReplicaSet) with the same
 * JSON, under the same classes and configuration, takes the same admitted spec. Bounded; the
 * oldest goes first.
 */
const byContent: Admitted[] = [];
const MAX_BY_CONTENT = 64;

/** Tests turn off the sharing between templates of equal content (each template then admits once). */
export const SHARE_BY_CONTENT = { enabled: true };

/**
 * Marks a spec as shared by the pods that will be created with it (a stored owner's template
 * spec): admission never writes into it. The first create admits a deep copy (what a per-pod
 * copy would have got) and keeps the result; a later create with the same stored
 * PriorityClass objects (the same list, object by object: stored objects are replaced, never
 * changed) and the same two configuration values takes that admitted spec as it is, and so
 * does a spec whose JSON is the same (sameJson). Stored specs are read-only, so the pods may
 * share it.
 */
export function shareSpec(spec: object): void {
  if (!sharedSpecs.has(spec)) sharedSpecs.set(spec, null);
}

function sameClasses(a: readonly PriorityClass[], b: readonly PriorityClass[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function admittedUnder(e: Admitted, classes: readonly PriorityClass[], config: AdmissionConfig): boolean {
  return e.grace === config.terminationGracePeriodSeconds && e.tolerationSeconds === config.defaultTolerationSeconds && sameClasses(e.classes, classes);
}

/** The i-th (0-based) defined key of `o` in enumeration order, or undefined. */
function definedKeyAt(o: Record<string, unknown>, i: number): string | undefined {
  let j = 0;
  for (const k in o) {
    if (o[k] === undefined) continue;
    if (j === i) return k;
    j++;
  }
  return undefined;
}

/**
 * Whether deep copies of `a` and `b` (clone.ts: undefined fields dropped) serialise to the same
 * JSON: the same defined keys in the same order, equal primitives by ===, arrays element by
 * element. NaN and other oddities compare unequal (no sharing then), never the other way.
 * Allocates nothing (the key order is compared by position; specs have few keys per object).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let i = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    if (definedKeyAt(bo, i) !== k || !sameJson(ao[k], bo[k])) return false;
    i++;
  }
  return definedKeyAt(bo, i) === undefined;
}

const mix = (h: number, x: number) => Math.imul(h ^ x, 0x01000193) >>> 0;

function mixString(h: number, s: string): number {
  h = mix(h, s.length);
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

/** A hash of what sameJson compares (equal by sameJson → equal hash); allocates nothing. */
export function jsonHash(v: unknown, h = 0x811c9dc5): number {
  switch (typeof v) {
    case 'string':
      return mixString(mix(h, 1), v);
    case 'number':
      return mix(mix(h, 2), Number.isInteger(v) ? v | 0 : Math.floor(v * 1e6) | 0);
    case 'boolean':
      return mix(h, v ? 3 : 4);
    case 'object': {
      if (v === null) return mix(h, 5);
      if (Array.isArray(v)) {
        h = mix(mix(h, 6), v.length);
        for (let i = 0; i < v.length; i++) h = jsonHash(v[i], h);
        return h;
      }
      h = mix(h, 7);
      const o = v as Record<string, unknown>;
      for (const k in o) {
        if (o[k] === undefined) continue;
        h = jsonHash(o[k], mixString(h, k));
      }
      return mix(h, 8);
    }
    default:
      return mix(h, 9);
  }
}

/** Tests deep-freeze the admitted shared specs, so a write into one anywhere in the engine throws. */
export const FREEZE_SHARED = { enabled: false };

function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
}

/** On create: Priority admission (class → priority, preemptionPolicy; unknown class refused), then the defaults. */
export function admitPodCreate(pod: Pod, classes: readonly PriorityClass[], config: AdmissionConfig): void {
  const given = pod.spec as unknown;
  const memo = typeof given === 'object' && given !== null ? sharedSpecs.get(given) : undefined;
  if (memo === undefined) {
    admitOwnSpec(pod, classes, config);
    return;
  }
  const source = given as object;
  let hit = memo !== null && admittedUnder(memo, classes, config) ? memo : undefined;
  // (The hash only when the spec's own admission does not serve: a first create, or changed classes.)
  const hash = hit !== undefined ? 0 : memo !== null ? memo.hash : jsonHash(source);
  if (hit === undefined && SHARE_BY_CONTENT.enabled) {
    for (let i = byContent.length - 1; i >= 0; i--) {
      const e = byContent[i];
      if (e.hash === hash && admittedUnder(e, classes, config) && sameJson(e.source, source)) {
        hit = e;
        sharedSpecs.set(source, e);
        break;
      }
    }
  }
  if (hit !== undefined) {
    pod.spec = hit.spec;
    statusDefaults(pod);
    return;
  }
  // The plain path on a copy of its own (it may throw: nothing is kept then).
  pod.spec = deepClone(pod.spec);
  admitOwnSpec(pod, classes, config);
  if (FREEZE_SHARED.enabled) deepFreeze(pod.spec);
  const entry: Admitted = {
    source,
    hash,
    spec: pod.spec,
    classes: classes.slice(),
    tolerationSeconds: config.defaultTolerationSeconds,
    grace: config.terminationGracePeriodSeconds,
  };
  sharedSpecs.set(source, entry);
  if (byContent.length >= MAX_BY_CONTENT) byContent.shift();
  byContent.push(entry);
}

/** admitPodCreate on a spec that belongs to this create alone (written in place). */
function admitOwnSpec(pod: Pod, classes: readonly PriorityClass[], config: AdmissionConfig): void {
  if (!isObj(pod.spec) || !Array.isArray(pod.spec.containers) || pod.spec.containers.length === 0) {
    throw new StoreError('Invalid', `Pod "${pod.metadata.name}" is invalid: spec.containers: Required value`);
  }
  const className = pod.spec.priorityClassName;
  if (
    className &&
    pod.spec.priority === undefined &&
    !classes.some((c) => c.metadata.name === className) &&
    className !== 'system-node-critical' &&
    className !== 'system-cluster-critical'
  ) {
    throw new StoreError('Forbidden', `pods "${pod.metadata.name}" is forbidden: no PriorityClass with name ${className} was found`);
  }
  // Requests defaulted from limits; priority and preemptionPolicy from the class (or the global default).
  admitPod(pod, classes);
  if (pod.spec.priority === undefined || pod.spec.priority === null) pod.spec.priority = 0;
  if (!pod.spec.preemptionPolicy) pod.spec.preemptionPolicy = 'PreemptLowerPriority';
  // The spec is the store's own here (a deep copy, or an object built for the call, which
  // the lines above already write into): the defaults go into it rather than into a copy.
  podDefaults(pod, config, DEFAULTS_IN_PLACE.enabled);
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
