/**
 * PodTopologySpread mirrors upstream's podtopologyspread plugin (v1.35 generation):
 * PreFilter with AddPod/RemovePod, Filter, PreScore, Score and NormalizeScore, with
 * minDomains, matchLabelKeys, node inclusion policies and system default constraints.
 * Simplified: per-node match counts are cached across cycles (keyed by NodeInfo.generation)
 * instead of recounted from every pod each cycle; the arithmetic is upstream's.
 */
import type { TopologySpreadConstraint, Toleration } from '../../../model/types';
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
import type { PodInfo } from '../../framework/pod-info';
import { errorStatus, SKIP, unresolvable, unschedulable, type MaybeStatus } from '../../framework/status';
import { PodTopologySpread } from '../names';
import { defaultPodTopologySpreadArgs, validatePodTopologySpreadArgs, type PodTopologySpreadArgs } from './args';
import {
  countMatching,
  defaultSelector,
  filterConstraints,
  LABEL_HOSTNAME,
  matchesInclusionPolicies,
  nodeHasAllKeys,
  requiredNodeAffinity,
  SYSTEM_DEFAULT_CONSTRAINTS,
  toleratesNode,
  type Action,
  type Constraint,
  type RequiredAffinity,
} from './constraints';
import { ConstraintCounts, PreFilterState } from './filtering';
import { ColumnCache, Interner, KEEP, labelValue, PositionIndex, type NodeColumn } from './node-columns';
import { goRound, PreScoreState } from './scoring';

export const REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const REASON_NODE_LABEL_NOT_MATCH = REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)';

export const PRE_FILTER_STATE_KEY = 'PreFilter' + PodTopologySpread;
export const PRE_SCORE_STATE_KEY = 'PreScore' + PodTopologySpread;

export type { PodTopologySpreadArgs } from './args';

const SKIP_OUTCOME: PreFilterOutcome = Object.freeze({ status: SKIP });
/** Enough columns for a few dozen distinct selectors in flight. */
const COLUMN_CAPACITY = 128;
const MAX_NODE_SCORE = 100;
const INVALID_SCORE = -1;

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
  private readonly columns = new ColumnCache(COLUMN_CAPACITY);
  private readonly interners = new Map<string, Interner>();
  private readonly positions = new PositionIndex();
  private readonly own = new WeakMap<PodInfo, OwnConstraints>();
  private readonly required = new WeakMap<PodInfo, RequiredAffinity | null>();

  constructor(
    args: PodTopologySpreadArgs,
    private readonly handle: Handle,
  ) {
    this.systemDefaulted = args.defaultingType === 'System';
    this.defaultConstraints = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints;
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
    const cs = filterConstraints(this.defaultConstraints, pod.labels, action);
    if (cs.length === 0) return [];
    const sel = defaultSelector(pod, this.handle.listers);
    if (sel.empty) return [];
    const selectorKey = 'default:' + sel.key;
    return cs.map((c) => ({ ...c, selector: sel.selector, selectorKey }));
  }

  private requiredOf(pod: PodInfo): RequiredAffinity | null {
    let r = this.required.get(pod);
    if (r === undefined) {
      r = requiredNodeAffinity(pod.pod);
      this.required.set(pod, r);
    }
    return r;
  }

  // ---- per-node columns ----

  private interner(key: string): Interner {
    let i = this.interners.get(key);
    if (i === undefined) this.interners.set(key, (i = new Interner()));
    return i;
  }

  /** Per node: the interned value of `key`, or -1 when the node lacks it. */
  private domainColumn(key: string): NodeColumn {
    const interner = this.interner(key);
    return this.columns.column('d\0' + key, () => [
      (ni) => {
        const v = labelValue(ni.labels, key);
        return v === undefined ? -1 : interner.intern(v);
      },
      KEEP,
    ]);
  }

  /** Per node: pods of `namespace` the constraint's selector matches. */
  private countColumn(namespace: string, c: Constraint): NodeColumn {
    const selector = c.selector;
    return this.columns.column(`c\0${namespace}\0${c.selectorKey}`, () => [
      (ni) => countMatching(ni.pods, selector, namespace),
      (ni, from, prev) => prev + countMatching(ni.pods, selector, namespace, from),
    ]);
  }

  private affinityColumn(req: RequiredAffinity): NodeColumn {
    return this.columns.column('a\0' + req.key, () => [(ni) => (req.matches(ni) ? 1 : 0), KEEP]);
  }

  private taintColumn(tolerations: readonly Toleration[] | undefined): NodeColumn {
    return this.columns.column('t\0' + JSON.stringify(tolerations ?? []), () => [(ni) => (toleratesNode(tolerations, ni) ? 1 : 0), KEEP]);
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
    state.write(PRE_FILTER_STATE_KEY, this.calPreFilterState(pod, constraints, nodes));
    return PREFILTER_OK;
  }

  /**
   * Counts matching pods per domain over every node that has all the
   * constraints' topology keys and passes each constraint's inclusion policies.
   */
  private calPreFilterState(pod: PodInfo, constraints: Constraint[], nodes: readonly NodeInfo[]): PreFilterState {
    const m = constraints.length;
    const n = nodes.length;
    const required = this.requiredOf(pod);
    const doms: Int32Array[] = [];
    const cnts: Int32Array[] = [];
    const honorAffinity: boolean[] = [];
    const honorTaints: boolean[] = [];
    for (const c of constraints) {
      doms.push(this.domainColumn(c.topologyKey).sync(nodes));
      cnts.push(this.countColumn(pod.namespace, c).sync(nodes));
      honorAffinity.push(c.nodeAffinityPolicy === 'Honor' && required !== null);
      honorTaints.push(c.nodeTaintsPolicy === 'Honor');
    }
    const aff = honorAffinity.includes(true) ? this.affinityColumn(required!).sync(nodes) : null;
    const taints = honorTaints.includes(true) ? this.taintColumn(pod.pod.spec.tolerations).sync(nodes) : null;
    const entries = constraints.map((c) => {
      const interner = this.interner(c.topologyKey);
      const size = interner.size;
      return new ConstraintCounts(c, interner, new Int32Array(size), new Uint8Array(size), 0, c.selector.matches(pod.labels) ? 1 : 0);
    });
    outer: for (let j = 0; j < n; j++) {
      for (let k = 0; k < m; k++) if (doms[k][j] < 0) continue outer;
      for (let k = 0; k < m; k++) {
        if (honorAffinity[k] && aff![j] === 0) continue;
        if (honorTaints[k] && taints![j] === 0) continue;
        const e = entries[k];
        const d = doms[k][j];
        e.counts[d] += cnts[k][j];
        if (e.present[d] === 0) {
          e.present[d] = 1;
          e.domains++;
        }
      }
    }
    for (const e of entries) e.initPaths();
    return new PreFilterState(pod, constraints, entries, required);
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state.tryRead<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return errorStatus(`reading ${JSON.stringify(PRE_FILTER_STATE_KEY)} from cycleState: not found`);
    const entries = s.entries;
    const labels = nodeInfo.labels;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const c = e.constraint;
      const v = labelValue(labels, c.topologyKey);
      if (v === undefined) return unresolvable(REASON_NODE_LABEL_NOT_MATCH);
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
    state.write(PRE_SCORE_STATE_KEY, this.calPreScoreState(pod, constraints, requireAll, all, filtered));
    return null;
  }

  private calPreScoreState(
    pod: PodInfo,
    constraints: Constraint[],
    requireAll: boolean,
    all: readonly NodeInfo[],
    filtered: readonly NodeInfo[],
  ): PreScoreState {
    const m = constraints.length;
    const n = all.length;
    const positions = this.positions.of(all);
    const interners = constraints.map((c) => this.interner(c.topologyKey));
    const isHost = constraints.map((c) => c.topologyKey === LABEL_HOSTNAME);
    const doms = constraints.map((c) => this.domainColumn(c.topologyKey).sync(all));
    // Without requireAll, a node lacking a key counts under the value "" (Go's zero value).
    const emptyIds = interners.map((i) => (requireAll ? -1 : i.intern('')));

    // Filtered nodes: which are ignored, and their domains.
    const f = filtered.length;
    const fIds = constraints.map(() => new Int32Array(f));
    const fIgnored = new Uint8Array(f);
    let ignored = 0;
    for (let i = 0; i < f; i++) {
      const ni = filtered[i];
      const pos = positions.get(ni);
      let missing = false;
      for (let k = 0; k < m; k++) {
        let d: number;
        if (pos !== undefined) d = doms[k][pos];
        else {
          const v = labelValue(ni.labels, constraints[k].topologyKey);
          d = v === undefined ? -1 : interners[k].intern(v);
        }
        if (d < 0) {
          missing = true;
          d = emptyIds[k];
        }
        fIds[k][i] = d;
      }
      if (requireAll && missing) {
        fIgnored[i] = 1;
        ignored++;
      }
    }
    const weights: number[] = [];
    for (let k = 0; k < m; k++) {
      let size: number;
      if (isHost[k]) size = f - ignored;
      else {
        const seen = new Uint8Array(interners[k].size);
        size = 0;
        for (let i = 0; i < f; i++) {
          if (fIgnored[i] === 1) continue;
          const d = fIds[k][i];
          if (seen[d] === 0) {
            seen[d] = 1;
            size++;
          }
        }
      }
      weights.push(Math.log(size + 2));
    }

    // Matching pods over all nodes (inclusion policies applied), per domain.
    const required = this.requiredOf(pod);
    const cnts = constraints.map((c) => this.countColumn(pod.namespace, c).sync(all));
    const honorAffinity = constraints.map((c) => c.nodeAffinityPolicy === 'Honor' && required !== null);
    const honorTaints = constraints.map((c) => c.nodeTaintsPolicy === 'Honor');
    const counts = constraints.map((_, k) => (isHost[k] ? null : new Int32Array(interners[k].size)));
    const hostCounts = constraints.map((_, k) => (isHost[k] ? cnts[k].slice(0, n) : null));
    if (!isHost.every(Boolean)) {
      const aff = honorAffinity.includes(true) ? this.affinityColumn(required!).sync(all) : null;
      const taints = honorTaints.includes(true) ? this.taintColumn(pod.pod.spec.tolerations).sync(all) : null;
      outer: for (let j = 0; j < n; j++) {
        if (requireAll) for (let k = 0; k < m; k++) if (doms[k][j] < 0) continue outer;
        for (let k = 0; k < m; k++) {
          const agg = counts[k];
          if (agg === null) continue;
          if (honorAffinity[k] && aff![j] === 0) continue;
          if (honorTaints[k] && taints![j] === 0) continue;
          const d = doms[k][j];
          agg[d < 0 ? emptyIds[k] : d] += cnts[k][j];
        }
      }
    }
    return new PreScoreState(constraints, requireAll, interners, counts, hostCounts, positions, weights, isHost);
  }

  /** Σ over constraints whose key the node has: count × weight + (maxSkew − 1), rounded. */
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    const labels = nodeInfo.labels;
    if (s.requireAllTopologies && !nodeHasAllKeys(labels, s.constraints)) return 0;
    let score = 0;
    for (let k = 0; k < s.constraints.length; k++) {
      const c = s.constraints[k];
      const v = labelValue(labels, c.topologyKey);
      if (v === undefined) continue;
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

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  /** Fewer matching pods scores higher: 100 × (max + min − s) / max; ignored nodes 0. */
  normalizeScore(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (s.requireAllTopologies && !nodeHasAllKeys(nodes[i].labels, s.constraints)) {
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
