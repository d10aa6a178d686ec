/**
 * InterPodAffinity mirrors upstream's interpodaffinity plugin (v1.35 generation): PreFilter
 * with AddPod/RemovePod, Filter (single-reason statuses), PreScore, Score, NormalizeScore
 * (true min/max), hardPodAffinityWeight and ignorePreferredTermsOfExistingPods.
 * Simplified: existing pods' terms are indexed across cycles and per-node match counts are
 * cached by NodeInfo.generation, instead of re-reading every pod each cycle.
 */
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
import type { AffinityTerm, PodInfo } from '../../framework/pod-info';
import { errorStatus, SKIP, unresolvable, unschedulable, type MaybeStatus } from '../../framework/status';
import { InterPodAffinity } from '../names';
import { defaultInterPodAffinityArgs, validateInterPodAffinityArgs, type InterPodAffinityArgs } from './args';
import { ExistingAntiAffinity, PreFilterState } from './filtering';
import { ColumnCache, labelValue, type ColumnSpec } from '../helpers/node-columns';
import { PreScoreState } from './scoring';
import { TermIndex, type IndexedTerm } from './term-index';
import { IncomingTermMatcher, isSelfContained, PairCounts, podSigs } from './terms';

export const REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

export const PRE_FILTER_STATE_KEY = 'PreFilter' + InterPodAffinity;
export const PRE_SCORE_STATE_KEY = 'PreScore' + InterPodAffinity;

export type { InterPodAffinityArgs } from './args';

const SKIP_OUTCOME: PreFilterOutcome = Object.freeze({ status: SKIP });
const COLUMN_CAPACITY = 128;
const MAX_NODE_SCORE = 100;

/** A self-contained term matches a pod from the term alone (no namespace label lookup). */
function matchesSelfContained(t: AffinityTerm, p: PodInfo): boolean {
  return t.selector.matches(p.labels) && (t.namespaces.has(p.namespace) || t.namespaceSelector.empty);
}

type Match = (t: AffinityTerm, p: PodInfo) => boolean;

function countMatchingAll(pods: readonly PodInfo[], terms: readonly AffinityTerm[], match: Match, from = 0): number {
  let n = 0;
  outer: for (let i = from; i < pods.length; i++) {
    for (const t of terms) if (!match(t, pods[i])) continue outer;
    n++;
  }
  return n;
}

function countMatching(pods: readonly PodInfo[], term: AffinityTerm, match: Match, from = 0): number {
  let n = 0;
  for (let i = from; i < pods.length; i++) if (match(term, pods[i])) n++;
  return n;
}

/** A column of matching-pod counts for a self-contained term, extended by appended pods. */
function termCount(t: AffinityTerm): ColumnSpec {
  return {
    compute: (ni) => countMatching(ni.pods, t, matchesSelfContained),
    append: (ni, from, prev) => prev + countMatching(ni.pods, t, matchesSelfContained, from),
  };
}

export class InterPodAffinityPlugin
  implements PreFilterPlugin, PreFilterExtensions, FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions
{
  readonly name = InterPodAffinity;
  private readonly columns = new ColumnCache(COLUMN_CAPACITY);
  /** Existing pods' required anti-affinity terms (Filter). */
  private readonly antiIndex: TermIndex;
  /** Existing pods' required affinity (hard weight) and preferred terms (Score). */
  private readonly scoreIndex: TermIndex;

  constructor(
    private readonly args: InterPodAffinityArgs,
    private readonly handle: Handle,
  ) {
    const antiTerms = new WeakMap<PodInfo, IndexedTerm[]>();
    this.antiIndex = new TermIndex(
      (ni) => ni.podsWithRequiredAntiAffinity,
      (pi) => {
        let ts = antiTerms.get(pi);
        if (ts === undefined) {
          const sigs = podSigs(pi).requiredAntiAffinity;
          ts = pi.requiredAntiAffinityTerms.map((term, i) => ({ term, key: sigs[i], weight: 1 }));
          antiTerms.set(pi, ts);
        }
        return ts;
      },
    );
    const hard = args.hardPodAffinityWeight;
    const scoreTerms = new WeakMap<PodInfo, IndexedTerm[]>();
    this.scoreIndex = new TermIndex(
      (ni) => ni.podsWithAffinity,
      (pi) => {
        let ts = scoreTerms.get(pi);
        if (ts === undefined) {
          const sigs = podSigs(pi);
          ts = [];
          if (hard > 0) pi.requiredAffinityTerms.forEach((term, i) => ts!.push({ term, key: sigs.requiredAffinity[i], weight: hard }));
          pi.preferredAffinityTerms.forEach((term, i) => ts!.push({ term, key: sigs.preferredAffinity[i], weight: term.weight }));
          pi.preferredAntiAffinityTerms.forEach((term, i) =>
            ts!.push({ term, key: sigs.preferredAntiAffinity[i], weight: -term.weight }),
          );
          scoreTerms.set(pi, ts);
        }
        return ts;
      },
    );
  }

  // ---- PreFilter / Filter ----

  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterOutcome {
    const nsLabels = this.handle.listers.namespaceLabels(pod.namespace);
    this.antiIndex.sync(this.handle.snapshot.havePodsWithRequiredAntiAffinityList());
    const existing = this.antiIndex.matching(pod, nsLabels);
    const affinityTerms = pod.requiredAffinityTerms;
    const antiTerms = pod.requiredAntiAffinityTerms;
    if (existing.length === 0 && affinityTerms.length === 0 && antiTerms.length === 0) return SKIP_OUTCOME;

    const matcher = new IncomingTermMatcher(this.handle.listers);
    const affinity = new PairCounts();
    const antiAffinity = new PairCounts();
    if (affinityTerms.length > 0 || antiTerms.length > 0) this.countIncoming(pod, matcher, nodes, affinity, antiAffinity);
    state.write(
      PRE_FILTER_STATE_KEY,
      new PreFilterState(
        pod,
        nsLabels,
        matcher,
        new ExistingAntiAffinity(existing, null),
        affinity,
        antiAffinity,
        matcher.matchesAll(affinityTerms, pod),
      ),
    );
    return PREFILTER_OK;
  }

  /** Existing pods matching all the incoming pod's affinity terms, and each of its anti-affinity terms. */
  private countIncoming(
    pod: PodInfo,
    matcher: IncomingTermMatcher,
    nodes: readonly NodeInfo[],
    affinity: PairCounts,
    antiAffinity: PairCounts,
  ): void {
    const n = nodes.length;
    const sigs = podSigs(pod);
    const dynamic: Match = (t, p) => matcher.matches(t, p);
    const affinityTerms = pod.requiredAffinityTerms;
    if (affinityTerms.length > 0) {
      const col = affinityTerms.every(isSelfContained)
        ? this.columns
            .column('A\0' + JSON.stringify(sigs.requiredAffinity.map((k) => k.sig)), () => ({
              compute: (ni) => countMatchingAll(ni.pods, affinityTerms, matchesSelfContained),
              append: (ni, from, prev) => prev + countMatchingAll(ni.pods, affinityTerms, matchesSelfContained, from),
            }))
            .sync(nodes)
        : null;
      for (let j = 0; j < n; j++) {
        const ni = nodes[j];
        const c = col !== null ? col[j] : countMatchingAll(ni.pods, affinityTerms, dynamic);
        if (c === 0) continue;
        for (const t of affinityTerms) affinity.addOnNode(ni.labels, t.topologyKey, c);
      }
    }
    pod.requiredAntiAffinityTerms.forEach((t, i) => {
      const col = isSelfContained(t)
        ? this.columns.column('T\0' + sigs.requiredAntiAffinity[i].sig, () => termCount(t)).sync(nodes)
        : null;
      for (let j = 0; j < n; j++) {
        const ni = nodes[j];
        const c = col !== null ? col[j] : countMatching(ni.pods, t, dynamic);
        if (c !== 0) antiAffinity.addOnNode(ni.labels, t.topologyKey, c);
      }
    });
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state.tryRead<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return errorStatus(`error reading ${JSON.stringify(PRE_FILTER_STATE_KEY)} from cycleState: not found`);
    const labels = nodeInfo.labels;
    if (!s.satisfiesPodAffinity(labels)) return unresolvable(REASON_AFFINITY_RULES_NOT_MATCH);
    if (!s.satisfiesPodAntiAffinity(labels)) return unschedulable(REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    if (s.existingAntiAffinity.conflictsWith(labels)) return unschedulable(REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
    return null;
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, _podToSchedule: PodInfo, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.updateWithPod(state, podInfoToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, _podToSchedule: PodInfo, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.updateWithPod(state, podInfoToRemove, nodeInfo, -1);
  }

  private updateWithPod(state: CycleState, pi: PodInfo, nodeInfo: NodeInfo, multiplier: number): MaybeStatus {
    const s = state.tryRead<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return errorStatus(`error reading ${JSON.stringify(PRE_FILTER_STATE_KEY)} from cycleState: not found`);
    s.updateWithPod(pi, nodeInfo, multiplier);
    return null;
  }

  // ---- PreScore / Score / NormalizeScore ----

  preScore(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[]): MaybeStatus {
    const preferred = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    // Optionally skip existing pods' preferences when the incoming pod has none of its own.
    if (this.args.ignorePreferredTermsOfExistingPods && !preferred) return SKIP;

    const nsLabels = this.handle.listers.namespaceLabels(pod.namespace);
    this.scoreIndex.sync(this.handle.snapshot.havePodsWithAffinityList());
    const groups = this.scoreIndex.matching(pod, nsLabels);
    const keys: string[] = [];
    const points: Map<string, number>[] = [];
    let any = false;
    if (preferred) {
      const all = this.handle.snapshot.nodeInfoList();
      const matcher = new IncomingTermMatcher(this.handle.listers);
      const dynamic: Match = (t, p) => matcher.matches(t, p);
      const sigs = podSigs(pod);
      const terms = [
        ...pod.preferredAffinityTerms.map((t, i) => ({ t, sig: sigs.preferredAffinity[i].sig, w: t.weight })),
        ...pod.preferredAntiAffinityTerms.map((t, i) => ({ t, sig: sigs.preferredAntiAffinity[i].sig, w: -t.weight })),
      ];
      for (const { t, sig, w } of terms) {
        const col = isSelfContained(t)
          ? this.columns.column('T\0' + sig, () => termCount(t)).sync(all)
          : null;
        let k = keys.indexOf(t.topologyKey);
        for (let j = 0; j < all.length; j++) {
          const ni = all[j];
          const c = col !== null ? col[j] : countMatching(ni.pods, t, dynamic);
          if (c === 0) continue;
          const v = labelValue(ni.labels, t.topologyKey);
          if (v === undefined) continue;
          if (k < 0) {
            k = keys.length;
            keys.push(t.topologyKey);
            points.push(new Map());
          }
          const m = points[k];
          m.set(v, (m.get(v) ?? 0) + w * c);
          any = true;
        }
      }
    }
    // Nothing was added anywhere: the plugin takes no part.
    if (!any && groups.length === 0) return SKIP;
    state.write(PRE_SCORE_STATE_KEY, new PreScoreState(keys, points, groups));
    return null;
  }

  /** The points of the node's topology values (may be negative). */
  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    return state.read<PreScoreState>(PRE_SCORE_STATE_KEY).score(nodeInfo.labels);
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  /** 100 × (s − min) / (max − min) over the true min and max, truncated; all 0 when equal. */
  normalizeScore(state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s.keys.length === 0 && s.groups.length === 0) return null;
    let min = Infinity;
    let max = -Infinity;
    for (const v of scores) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
    }
    return null;
  }
}

export const interPodAffinityFactory: PluginFactory<InterPodAffinityArgs> = {
  defaultArgs: defaultInterPodAffinityArgs,
  validateArgs: validateInterPodAffinityArgs,
  create: (args, handle) => new InterPodAffinityPlugin(args ?? defaultInterPodAffinityArgs(undefined), handle),
};
