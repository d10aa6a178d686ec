/**
 * Turning a pod's topologySpreadConstraints (or the plugin's default ones)
 * into compiled constraints, as upstream's filterTopologySpreadConstraints,
 * buildDefaultConstraints and helper.DefaultSelector. Each constraint carries
 * a `selectorKey`: two constraints with the same key select the same pods,
 * which lets per-node match counts be shared across pods and cycles.
 */
import {
  CompiledNodeSelector,
  EVERYTHING,
  labelSelectorAsSelector,
  selectorFromSet,
  type Labels,
  type Selector,
} from '../../../model/labels';
import { findMatchingUntoleratedTaint } from '../../../model/taints';
import type {
  LabelSelector,
  OwnerReference,
  Pod,
  Taint,
  TopologySpreadConstraint,
  Toleration,
  Workload,
} from '../../../model/types';
import type { ClusterListers } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { groupVersionOf } from './group-version';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export type Action = 'DoNotSchedule' | 'ScheduleAnyway';
export type InclusionPolicy = 'Honor' | 'Ignore';

/** A constraint with its selector compiled (upstream's topologySpreadConstraint). */
export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  /** Equal keys mean equal selectors (the namespace is added by the caller). */
  readonly selectorKey: string;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: InclusionPolicy;
  readonly nodeTaintsPolicy: InclusionPolicy;
  /**
   * `key=value` labels every pod the selector matches must carry (its
   * matchLabels and single-value `In` requirements), for indexed counting.
   * Absent or empty: no such requirement is known.
   */
  readonly equalities?: readonly (readonly [string, string])[];
}

/**
 * Every Constraint is made here, so that all share one object shape (V8
 * map) and the code reading them stays monomorphic: copies made with object
 * spread got maps of their own (two were seen in one recovery).
 */
function makeConstraint(
  maxSkew: number,
  topologyKey: string,
  selector: Selector,
  selectorKey: string,
  minDomains: number,
  nodeAffinityPolicy: InclusionPolicy,
  nodeTaintsPolicy: InclusionPolicy,
  equalities: readonly (readonly [string, string])[] | undefined,
): Constraint {
  return { maxSkew, topologyKey, selector, selectorKey, minDomains, nodeAffinityPolicy, nodeTaintsPolicy, equalities };
}

/** `c` with another selector (the default constraints take the pod's default selector). */
export function withSelector(c: Constraint, selector: Selector, selectorKey: string, equalities: readonly (readonly [string, string])[] | undefined): Constraint {
  return makeConstraint(c.maxSkew, c.topologyKey, selector, selectorKey, c.minDomains, c.nodeAffinityPolicy, c.nodeTaintsPolicy, equalities);
}

/** The `key=value` labels a LabelSelector requires of every pod it matches. */
export function selectorEqualities(sel: LabelSelector | null | undefined, out: [string, string][] = []): [string, string][] {
  if (sel === null || sel === undefined) return out;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) out.push([k, String(v)]);
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'In' && r.values !== undefined && r.values !== null && r.values.length === 1 && typeof r.values[0] === 'string') {
      out.push([r.key, r.values[0]]);
    }
  }
  return out;
}

/** The entries of a label set with string values (as selectorFromSet requires them). */
function setEqualities(set: Record<string, string>, out: [string, string][] = []): [string, string][] {
  for (const [k, v] of Object.entries(set)) if (typeof v === 'string') out.push([k, v]);
  return out;
}

/** upstream systemDefaultConstraints. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]);

/** A ∧ B. Never "nothing": only a nil selector is. */
function and(a: Selector, b: Selector): Selector {
  if (a.empty) return b;
  if (b.empty) return a;
  return { matches: (l: Labels) => a.matches(l) && b.matches(l), empty: false, nothing: false };
}

function sortedEntries(set: Record<string, string>): [string, string][] {
  return Object.entries(set).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

/**
 * The constraints in `specs` with this `whenUnsatisfiable`. matchLabelKeys add
 * `key=<pod's value>` requirements (a nil selector stays "nothing"). Throws
 * SelectorError on a malformed selector.
 */
export function filterConstraints(
  specs: readonly TopologySpreadConstraint[],
  podLabels: Labels,
  action: Action,
): Constraint[] {
  const out: Constraint[] = [];
  for (const c of specs) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector, 'labelSelector');
    let selectorKey = JSON.stringify(c.labelSelector ?? null);
    const equalities = selector.nothing ? [] : selectorEqualities(c.labelSelector);
    if (c.matchLabelKeys && c.matchLabelKeys.length > 0 && podLabels) {
      const matchLabels: Record<string, string> = {};
      let any = false;
      for (const k of c.matchLabelKeys) {
        if (Object.prototype.hasOwnProperty.call(podLabels, k)) {
          matchLabels[k] = podLabels[k];
          any = true;
        }
      }
      if (any && !selector.nothing) {
        selector = and(selectorFromSet(matchLabels), selector);
        selectorKey += '+' + JSON.stringify(sortedEntries(matchLabels));
        setEqualities(matchLabels, equalities);
      }
    }
    out.push(
      makeConstraint(c.maxSkew, c.topologyKey, selector, selectorKey, c.minDomains ?? 1, c.nodeAffinityPolicy ?? 'Honor', c.nodeTaintsPolicy ?? 'Ignore', equalities),
    );
  }
  return out;
}

function findByName(list: readonly Workload[], name: string): Workload | undefined {
  for (const w of list) if (w.metadata.name === name) return w;
  return undefined;
}

/** The lister's object of that kind and name (by lookup where the listers offer one). */
function workload(listers: ClusterListers, kind: 'ReplicaSet' | 'StatefulSet' | 'ReplicationController', ns: string, name: string): Workload | undefined {
  if (listers.workloadByName !== undefined) return listers.workloadByName(kind, ns, name);
  const list = kind === 'ReplicaSet' ? listers.replicaSets(ns) : kind === 'StatefulSet' ? listers.statefulSets(ns) : listers.replicationControllers(ns);
  return findByName(list, name);
}

/** A ReplicationController's selector is a plain map; keep its string entries. */
function rcSelectorMap(w: Workload): Record<string, string> {
  const raw = w.spec.selector as unknown as Record<string, unknown> | undefined;
  const out: Record<string, string> = {};
  if (raw) for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

export interface DefaultSelector {
  readonly selector: Selector;
  readonly key: string;
  readonly empty: boolean;
  /** `key=value` labels every selected pod carries (see Constraint.equalities). */
  readonly equalities: readonly (readonly [string, string])[];
}

/**
 * helper.DefaultSelector: the selectors of the Services selecting the pod,
 * plus its controller's (ReplicationController, ReplicaSet, StatefulSet)
 * selector, all in the pod's namespace, ANDed.
 */
const NO_DEFAULT_SELECTOR: DefaultSelector = Object.freeze({
  selector: EVERYTHING,
  key: JSON.stringify([[], null]),
  empty: true,
  equalities: Object.freeze([]),
});

/** A controller's parsed selector, and the default selector it makes alone. */
interface ParsedSelector {
  readonly selector: Selector;
  readonly labelSelector: LabelSelector;
  readonly equalities: [string, string][];
  alone?: DefaultSelector;
}

/**
 * Parsed controller selectors by selector object (a workload's selector is
 * immutable, and a changed object is a new key). null: nil, nothing, or not parseable.
 */
const parsedSelectors = new WeakMap<LabelSelector, ParsedSelector | null>();

/**
 * Parsed selectors of the plainest shape (`matchLabels` of strings alone) by
 * content: every status write of a workload makes a new selector object with
 * the same content, and JSON of that shape says all the parse reads.
 */
const parsedByContent = new Map<string, ParsedSelector | null>();
const MAX_BY_CONTENT = 20_000;

/** For lockstep tests: forgets the parses by content (by object, a run's own objects are its own). */
export function forgetParsedSelectors(): void {
  parsedByContent.clear();
}

/** JSON of `{ matchLabels: { …strings } }` (nothing else), or null for any other shape. */
function plainContentKey(sel: LabelSelector): string | null {
  if (Object.getPrototypeOf(sel) !== Object.prototype) return null;
  for (const k in sel) if (k !== 'matchLabels') return null;
  const ml = sel.matchLabels;
  if (ml === undefined || ml === null || typeof ml !== 'object' || Array.isArray(ml) || Object.getPrototypeOf(ml) !== Object.prototype) return null;
  for (const k in ml) if (!Object.prototype.hasOwnProperty.call(ml, k) || typeof ml[k] !== 'string') return null;
  return JSON.stringify(sel);
}

function controllerSelector(sel: LabelSelector | undefined | null): ParsedSelector | null {
  // A nil selector has no requirements to add.
  if (sel === undefined || sel === null) return null;
  let p = parsedSelectors.get(sel);
  if (p === undefined) {
    const content = plainContentKey(sel);
    const known = content === null ? undefined : parsedByContent.get(content);
    if (known !== undefined) p = known;
    else {
      p = null;
      try {
        const s = labelSelectorAsSelector(sel, 'selector');
        if (!s.nothing) p = { selector: s, labelSelector: sel, equalities: selectorEqualities(sel) };
      } catch {
        // upstream ignores a selector that does not parse
      }
      if (content !== null) {
        if (parsedByContent.size >= MAX_BY_CONTENT) parsedByContent.clear();
        parsedByContent.set(content, p);
      }
    }
    parsedSelectors.set(sel, p);
  }
  return p;
}

/** What defaultSelector builds from a controller's selector when no Service selects the pod. */
function selectorAlone(extra: Selector, extraKey: LabelSelector, extraEqualities: [string, string][]): DefaultSelector {
  return Object.freeze({
    selector: extra,
    key: JSON.stringify([sortedEntries({}), extraKey]),
    empty: extra.empty,
    equalities: Object.freeze(setEqualities({}, extraEqualities.slice())),
  });
}

/** The pod's controller reference (the first with controller true), if any. */
function controllerRef(pod: PodInfo): OwnerReference | undefined {
  const refs = pod.pod.metadata.ownerReferences;
  if (refs === undefined || refs === null) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i];
  return undefined;
}

/**
 * Parses a ReplicaSet's or StatefulSet's selector object as defaultSelector will
 * (controllerSelector, and the default selector it makes alone; both cached by
 * selector object). The scheduler's informers call it when such a workload appears
 * or gets another selector object, so that the parse is done once per workload
 * rather than in the first scheduling cycle of one of its pods (a recovery replaces
 * pods of many ReplicaSets, each seen for the first time); defaultSelector then
 * finds the very same objects.
 */
export function prepareControllerSelector(sel: LabelSelector | undefined | null): void {
  const p = controllerSelector(sel);
  if (p !== null) p.alone ??= selectorAlone(p.selector, p.labelSelector, p.equalities);
}

export function defaultSelector(pod: PodInfo, listers: ClusterListers): DefaultSelector {
  const labelSet: Record<string, string> = {};
  // Whether anything was merged into labelSet (it may still be empty).
  let merged = false;
  for (const svc of listers.services(pod.namespace)) {
    const sel = svc.spec?.selector;
    if (sel === undefined || sel === null) continue; // a nil selector matches nothing
    if (selectorFromSet(sel).matches(pod.labels)) {
      Object.assign(labelSet, sel);
      merged = true;
    }
  }
  let extra: Selector = EVERYTHING;
  let extraKey: LabelSelector | null = null;
  let extraEqualities: [string, string][] = [];
  const owner = controllerRef(pod);
  const gv = owner ? groupVersionOf(owner.apiVersion ?? '') : null;
  if (owner && gv) {
    if (gv.group === '' && gv.version === 'v1' && owner.kind === 'ReplicationController') {
      const rc = workload(listers, 'ReplicationController', pod.namespace, owner.name);
      if (rc) {
        Object.assign(labelSet, rcSelectorMap(rc));
        merged = true;
      }
    } else if (gv.group === 'apps' && gv.version === 'v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
      const w = workload(listers, owner.kind, pod.namespace, owner.name);
      const parsed = w ? controllerSelector(w.spec.selector) : null;
      if (parsed !== null) {
        extra = parsed.selector;
        extraKey = parsed.labelSelector;
        extraEqualities = parsed.equalities;
        // No Service selects the pod: the controller's selector alone (built once per selector object).
        if (!merged || Object.keys(labelSet).length === 0) return (parsed.alone ??= selectorAlone(extra, extraKey, extraEqualities));
      }
    }
  }
  const hasSet = merged && Object.keys(labelSet).length > 0;
  // No Service selects the pod and it has no controller with a selector: what the lines below would build.
  if (!hasSet && extra === EVERYTHING) return NO_DEFAULT_SELECTOR;
  const selector = hasSet ? and(selectorFromSet(labelSet), extra) : extra;
  return {
    selector,
    key: JSON.stringify([sortedEntries(labelSet), extraKey]),
    empty: !hasSet && extra.empty,
    equalities: setEqualities(labelSet, extraEqualities.slice()),
  };
}

/** `true` if the node has every constraint's topology key. */
export function nodeHasAllKeys(labels: Labels, constraints: readonly Constraint[]): boolean {
  if (labels === undefined || labels === null) return constraints.length === 0;
  for (let i = 0; i < constraints.length; i++) if (typeof labels[constraints[i].topologyKey] !== 'string') return false;
  return true;
}

/** The pod's nodeSelector AND required node affinity (component-helpers' RequiredNodeAffinity). */
export interface RequiredAffinity {
  /** Identifies the requirement for caches. */
  readonly key: string;
  matches(ni: NodeInfo): boolean;
}

/** null when the pod has neither a nodeSelector nor required node affinity (every node matches). */
export function requiredNodeAffinity(pod: Pod): RequiredAffinity | null {
  const ns = pod.spec.nodeSelector;
  const hasNs = ns !== undefined && ns !== null && Object.keys(ns).length > 0;
  const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!hasNs && !req) return null;
  const labelSel = hasNs ? selectorFromSet(ns) : null;
  // Parse errors are ignored, as upstream does here: a broken term matches nothing.
  const nodeSel = req ? new CompiledNodeSelector(req) : null;
  return {
    key: JSON.stringify([hasNs ? sortedEntries(ns) : null, req ?? null]),
    matches: (ni) => (labelSel === null || labelSel.matches(ni.labels)) && (nodeSel === null || nodeSel.match(ni)),
  };
}

const isDoNotScheduleTaint = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** Whether the pod tolerates every NoSchedule/NoExecute taint of the node. */
export function toleratesNode(tolerations: readonly Toleration[] | undefined, ni: NodeInfo): boolean {
  if (ni.taints.length === 0) return true;
  return findMatchingUntoleratedTaint(ni.taints, tolerations, isDoNotScheduleTaint) === undefined;
}

/** upstream matchNodeInclusionPolicies for one node. */
export function matchesInclusionPolicies(
  c: Constraint,
  pod: Pod,
  required: RequiredAffinity | null,
  ni: NodeInfo,
): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && required !== null && !required.matches(ni)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && !toleratesNode(pod.spec.tolerations, ni)) return false;
  return true;
}

/**
 * Matching pods on a node: same namespace, not terminating, labels selected.
 * An empty selector counts nothing here (upstream countPodsMatchSelector).
 */
export function countMatching(pods: readonly PodInfo[], selector: Selector, namespace: string, from = 0): number {
  if (selector.empty || selector.nothing) return 0;
  let n = 0;
  for (let i = from; i < pods.length; i++) {
    const p = pods[i];
    if (p.namespace !== namespace || p.terminating) continue;
    if (selector.matches(p.labels)) n++;
  }
  return n;
}
