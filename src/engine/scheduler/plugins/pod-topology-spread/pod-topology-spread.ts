/**
 * PodTopologySpread mirrors upstream's podtopologyspread plugin (v1.35 generation):
 * PreFilter with AddPod/RemovePod, Filter, PreScore, Score and NormalizeScore, with
 * minDomains, matchLabelKeys, node inclusion policies and system default constraints.
 * Simplified: per-node match counts are cached across cycles (keyed by NodeInfo.generation)
 * instead of recounted from every pod each cycle; the arithmetic is upstream's.
 */
import type { Labels } from '../../../model/labels';
import type { TopologySpreadConstraint } from '../../../model/types';
import type { CycleState } from '../../framework/cycle-state';
import {
  PREFILTER_OK,
  type FilterPlugin,
  type Handle,
  type PluginFactory,
  type PreFilterExtensions,
  type PreFilterOutcome,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScoreExtensions,
  type ScorePlugin,
} from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { NodeTable } from '../../framework/node-table';
import type { PodInfo } from '../../framework/pod-info';
import type { Snapshot } from '../../framework/snapshot';
import { errorStatus, SKIP, unresolvable, unschedulable, type MaybeStatus } from '../../framework/status';
import { PodTopologySpread } from '../names';
import { defaultPodTopologySpreadArgs, validatePodTopologySpreadArgs, type PodTopologySpreadArgs } from './args';
import { SpreadColumns } from './columns';
import {
  countMatching,
  defaultSelector,
  filterConstraints,
  matchesInclusionPolicies,
  nodeHasAllKeys,
  requiredNodeAffinity,
  SYSTEM_DEFAULT_CONSTRAINTS,
  type Action,
  type Constraint,
  type RequiredAffinity,
  withSelector,
} from './constraints';
import { computePreFilterState, type PreFilterState } from './filtering';
import { labelValue } from '../helpers/node-columns';
import { packedMap } from '../helpers/packed';
import { computePreScoreState, goRound, type PreScoreState } from './scoring';
import { PreScoreArena } from './prescore-passes';
import { scoreBySlot } from './slot-scoring';
import { SPREAD_FOLD, SpreadFolder, type SpreadFold } from './score-fold';

export const REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const REASON_NODE_LABEL_NOT_MATCH = REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)';

export const PRE_FILTER_STATE_KEY = 'PreFilter' + PodTopologySpread;
export const PRE_SCORE_STATE_KEY = 'PreScore' + PodTopologySpread;

export type { PodTopologySpreadArgs } from './args';

/** Tests turn off the default constraints' shared plan (each list then gets its own), to compare. */
export const SAME_PLAN = { enabled: true };

const SKIP_OUTCOME: PreFilterOutcome = Object.freeze({ status: SKIP });
const MAX_NODE_SCORE = 100;
const INVALID_SCORE = -1;

/** nodeHasAllKeys, local to this module for the per-node paths. */
function hasAllKeys(labels: Labels, constraints: readonly Constraint[]): boolean {
  if (labels === undefined) return constraints.length === 0;
  for (let i = 0; i < constraints.length; i++) if (typeof labels[constraints[i].topologyKey] !== 'string') return false;
  return true;
}

interface OwnConstraints {
  DoNotSchedule?: Constraint[];
  ScheduleAnyway?: Constraint[];
}

export class PodTopologySpreadPlugin
  implements PreFilterPlugin, PreFilterExtensions, FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions
{
  readonly name = PodTopologySpread;
  private readonly defaultConstraints: readonly TopologySpreadConstraint[];
  /** True with defaultingType System: nodes without a zone still get hostname spreading. */
  private readonly systemDefaulted: boolean;
  private readonly columns = new SpreadColumns(() => this.handle?.snapshot);
  /** PreScore's arrays, reused cycle after cycle (a cycle reads its state before the next PreScore). */
  private readonly arena = new PreScoreArena();
  /** The Score kernel's fold of this plugin's Score (score-fold.ts). */
  private readonly folder = new SpreadFolder();
  private readonly own = new WeakMap<PodInfo, OwnConstraints>();
  private readonly required = new WeakMap<PodInfo, RequiredAffinity | null>();
  /**
   * The default constraints per action, when none defines a selector (as
   * validation requires): filterConstraints then reads nothing of the pod.
   */
  private readonly defaultsByAction: OwnConstraints | null;
  /** With defaultsByAction: the constraints per action and default selector object (read-only once made). */
  private readonly defaultsBySelector = { DoNotSchedule: new WeakMap<object, Constraint[]>(), ScheduleAnyway: new WeakMap<object, Constraint[]>() };

  constructor(
    args: PodTopologySpreadArgs,
    private readonly handle: Handle,
  ) {
    this.systemDefaulted = args.defaultingType === 'System';
    this.defaultConstraints = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints;
    this.defaultsByAction = this.defaultConstraints.every((c) => c.labelSelector === undefined || c.labelSelector === null) ? {} : null;
  }

  /** The loaded cluster's node list (Snapshot.prepare): its positions and slots indexed now, not in the first PreScore. */
  prepare(snapshot: Snapshot): void {
    this.columns.positions.bySlotOf(snapshot.nodeInfoList(), snapshot.table);
  }

  // ---- constraints ----

  /** The pod's own constraints for `action`, or the default ones when it has none. Throws on a bad selector. */
  private constraintsFor(pod: PodInfo, action: Action): Constraint[] {
    const specs = pod.pod.spec.topologySpreadConstraints;
    if (specs && specs.length > 0) {
      let cached = this.own.get(pod);
      if (cached === undefined) this.own.set(pod, (cached = {}));
      return (cached[action] ??= filterConstraints(specs, pod.labels, action));
    }
    if (this.defaultConstraints.length === 0) return [];
    const byAction = this.defaultsByAction;
    const cs = byAction !== null ? (byAction[action] ??= filterConstraints(this.defaultConstraints, undefined, action)) : filterConstraints(this.defaultConstraints, pod.labels, action);
    if (cs.length === 0) return [];
    const sel = defaultSelector(pod, this.handle.listers);
    if (sel.empty) return [];
    // Without selectors of their own the defaults read nothing of the pod: one list per default selector object.
    const cache = byAction !== null ? this.defaultsBySelector[action] : null;
    const known = cache?.get(sel);
    if (known !== undefined) return known;
    const selectorKey = 'default:' + sel.key;
    const out = packedMap(cs, (c) => withSelector(c, sel.selector, selectorKey, sel.equalities));
    cache?.set(sel, out);
    return out;
  }

  private requiredOf(pod: PodInfo): RequiredAffinity | null {
    const spec = pod.pod.spec;
    // Neither a nodeSelector nor node affinity (every replacement pod of a plain Deployment): null, nothing to remember.
    if ((spec.nodeSelector === undefined || spec.nodeSelector === null) && (spec.affinity?.nodeAffinity === undefined || spec.affinity.nodeAffinity === null)) return null;
    let r = this.required.get(pod);
    if (r === undefined) {
      r = requiredNodeAffinity(pod.pod);
      this.required.set(pod, r);
    }
    return r;
  }

  // ---- PreFilter / Filter ----

  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterOutcome {
    let constraints: Constraint[];
    try {
      constraints = this.constraintsFor(pod, 'DoNotSchedule');
    } catch (e) {
      return { status: errorStatus(`get constraints from pod: ${(e as Error).message}`) };
    }
    if (constraints.length === 0) return SKIP_OUTCOME;
    state.write(PRE_FILTER_STATE_KEY, computePreFilterState(this.columns, pod, constraints, this.requiredOf(pod), nodes));
    return PREFILTER_OK;
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state.tryRead<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return errorStatus(`reading ${JSON.stringify(PRE_FILTER_STATE_KEY)} from cycleState: not found`);
    const entries = s.entries;
    const labels = nodeInfo.labels;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const c = e.constraint;
      // (label lookups are inlined in the per-node paths)
      const v = labels === undefined ? undefined : labels[c.topologyKey];
      if (typeof v !== 'string') return unresolvable(REASON_NODE_LABEL_NOT_MATCH);
      // 'existing matching num' + 'self match (0 or 1)' - 'global minimum' <= 'maxSkew'
      const id = e.interner.lookup(v);
      const matchNum = id >= 0 && id < e.counts.length ? e.counts[id] : 0;
      if (matchNum + e.selfMatch - e.minMatchNum() > c.maxSkew) return unschedulable(REASON_CONSTRAINTS_NOT_MATCH);
    }
    return null;
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, podToSchedule: PodInfo, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.updateWithPod(state, podToSchedule, podInfoToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, podToSchedule: PodInfo, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.updateWithPod(state, podToSchedule, podInfoToRemove, nodeInfo, -1);
  }

  /** upstream updateWithPod: like the counting, but (as upstream) without the terminating/empty-selector checks. */
  private updateWithPod(state: CycleState, preemptor: PodInfo, updated: PodInfo, nodeInfo: NodeInfo, delta: number): MaybeStatus {
    const s = state.tryRead<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return errorStatus(`reading ${JSON.stringify(PRE_FILTER_STATE_KEY)} from cycleState: not found`);
    if (updated.namespace !== preemptor.namespace) return null;
    if (!nodeHasAllKeys(nodeInfo.labels, s.constraints)) return null;
    for (const e of s.entries) {
      const c = e.constraint;
      if (!c.selector.matches(updated.labels)) continue;
      if (!matchesInclusionPolicies(c, preemptor.pod, s.required, nodeInfo)) continue;
      e.add(labelValue(nodeInfo.labels, c.topologyKey)!, delta);
    }
    return null;
  }

  // ---- PreScore / Score / NormalizeScore ----

  preScore(state: CycleState, pod: PodInfo, filtered: readonly NodeInfo[]): MaybeStatus {
    const all = this.handle.snapshot.nodeInfoList();
    if (all.length === 0) return SKIP;
    // Only require every topology key with the pod's own (or listed) constraints,
    // so that nodes without a zone still get hostname spreading by default.
    const requireAll = (pod.pod.spec.topologySpreadConstraints?.length ?? 0) > 0 || !this.systemDefaulted;
    let constraints: Constraint[];
    try {
      constraints = this.constraintsFor(pod, 'ScheduleAnyway');
    } catch (e) {
      return errorStatus(`calculating preScoreState: ${(e as Error).message}`);
    }
    if (constraints.length === 0) return SKIP;
    // The default constraints' plan (keys and policies) serves every list made from them.
    const template = requireAll || this.defaultsByAction === null ? constraints : this.defaultsByAction.ScheduleAnyway!;
    const s = computePreScoreState(this.columns, pod, constraints, this.requiredOf(pod), requireAll, all, filtered, state.scoreSlots, undefined, this.arena, SAME_PLAN.enabled ? template : constraints);
    state.write(PRE_SCORE_STATE_KEY, s);
    return null;
  }

  /** Σ over constraints whose key the node has: count × weight + (maxSkew − 1), rounded. */
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    const labels = nodeInfo.labels;
    if (s.requireAllTopologies && !hasAllKeys(labels, s.constraints)) return 0;
    let score = 0;
    for (let k = 0; k < s.constraints.length; k++) {
      const c = s.constraints[k];
      const v = labels === undefined ? undefined : labels[c.topologyKey];
      if (typeof v !== 'string') continue;
      let cnt: number;
      if (s.isHostname[k]) {
        const pos = s.positions.get(nodeInfo);
        cnt = pos !== undefined ? s.hostCounts[k]![pos] : countMatching(nodeInfo.pods, c.selector, pod.namespace);
      } else {
        const agg = s.counts[k]!;
        const id = s.interners[k].lookup(v);
        cnt = id >= 0 && id < agg.length ? agg[id] : 0;
      }
      score += cnt * s.weights[k] + (c.maxSkew - 1);
    }
    return goRound(score);
  }

  /**
   * score() over the nodes PreScore was given (as the scheduler hands them),
   * from the domain ids and positions PreScore recorded per node: no label,
   * position or interner lookups. Any other batch takes score() per node.
   */
  scoreAll(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, out: number[]): void {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    const slot = s.slot;
    if (slot !== null && slots === slot.slots && n === slot.f && table === slot.table) {
      // The nodes PreScore was given, by the same slots: its per-slot data.
      scoreBySlot(s.constraints, s.isHostname, s.weights, s.counts, slot, n, out);
      return;
    }
    const filtered = s.filtered;
    const infos = table.infos;
    let same = n === filtered.length;
    for (let i = 0; same && i < n; i++) if (infos[slots[i]] !== filtered[i]) same = false;
    if (!same) {
      for (let i = 0; i < n; i++) out[i] = this.score(state, pod, infos[slots[i]]!);
      return;
    }
    const { fPos, fScore } = s;
    if (fScore === null) {
      for (let i = 0; i < n; i++) out[i] = this.score(state, pod, filtered[i]);
      return;
    }
    // PreScore computed each listed node's score; a node not in the list takes score().
    for (let i = 0; i < n; i++) out[i] = fPos[i] < 0 ? this.score(state, pod, filtered[i]) : fScore[i];
  }

  /**
   * For the Score kernel: this plugin's Score, NormalizeScore and weighting
   * over the nodes PreScore was given (by the same slots), as a class per
   * slot and a weighted score per class (score-fold.ts); null when the cycle
   * was not scored by slot with the system default shape (hostname, then
   * another key) or a value would be out of range: then scoreAll and
   * normalizeScore as usual.
   */
  fold(state: CycleState, table: NodeTable, slots: Int32Array, n: number, weight: number): SpreadFold | null {
    if (!SPREAD_FOLD.enabled) return null;
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    const slot = s.slot;
    if (slot === null || slots !== slot.slots || n !== slot.f || table !== slot.table) return null;
    const cs = s.constraints;
    if (cs.length !== 2 || !s.isHostname[0] || s.isHostname[1] || s.requireAllTopologies) return null;
    return this.folder.fold(slot, cs[0].maxSkew, cs[1].maxSkew, s.weights, s.counts[1]!, weight);
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  /** Fewer matching pods scores higher: 100 × (max + min − s) / max; ignored nodes 0. */
  normalizeScore(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (s.requireAllTopologies && !hasAllKeys(nodes[i].labels, s.constraints)) {
        scores[i] = INVALID_SCORE;
        continue;
      }
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < scores.length; i++) {
      if (scores[i] === INVALID_SCORE) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
    return null;
  }
}

export const podTopologySpreadFactory: PluginFactory<PodTopologySpreadArgs> = {
  defaultArgs: defaultPodTopologySpreadArgs,
  validateArgs: validatePodTopologySpreadArgs,
  create: (args, handle) => new PodTopologySpreadPlugin(args ?? defaultPodTopologySpreadArgs(undefined), handle),
};
