/**
 * TaintToleration mirrors upstream's tainttoleration plugin (Filter, PreScore,
 * Score, NormalizeScore). It uses the v1.35+ generic filter reason (no taint
 * key/value in the message); the alpha Gt/Lt toleration operators stay off.
 */
import type { CycleState, StateData } from '../../framework/cycle-state';
import type {
  FilterPlugin,
  PluginFactory,
  PreScorePlugin,
  ScoreExtensions,
  ScorePlugin, RejectNode } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { F_HARD_TAINT, F_PREFER_TAINT, type NodeTable } from '../../framework/node-table';
import type { PodInfo } from '../../framework/pod-info';
import { Code, Status, type MaybeStatus } from '../../framework/status';
import { findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../../../model/taints';
import type { Taint, Toleration } from '../../../model/types';
import { defaultNormalizeScore, MAX_NODE_SCORE, normalizeCounts, normalizedCount } from '../helpers/normalize-score';
import { TaintToleration } from '../names';
import { TaintVerdictCache } from './verdicts';

export const REASON_UNTOLERATED_TAINT = 'node(s) had untolerated taint(s)';

export const PRE_SCORE_STATE_KEY = 'PreScore' + TaintToleration;

/** Tests turn filterSlot's verdict lookup off (every node then goes through filter()), to compare. */
export const SLOT_VERDICTS = { enabled: true, hits: 0 };

/** Filter's one rejection, shared by every node (reasons are read-only; the framework only stamps the plugin name). */
export const UNTOLERATED = new Status(Code.UnschedulableAndUnresolvable, Object.freeze([REASON_UNTOLERATED_TAINT]));

/** The pod's tolerations that can tolerate a PreferNoSchedule taint. */
class PreScoreState implements StateData {
  constructor(readonly tolerationsPreferNoSchedule: readonly Toleration[]) {}
  clone(): StateData {
    return this; // immutable: adding or removing pods does not change it
  }
}

/** Only hard taints block placement. */
function isHardTaint(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute';
}

/** Tolerations with no effect (matches every effect) or PreferNoSchedule. */
function preferNoScheduleTolerations(tolerations: readonly Toleration[] | undefined): Toleration[] {
  const out: Toleration[] = [];
  for (const t of tolerations ?? []) {
    if (!t.effect || t.effect === 'PreferNoSchedule') out.push(t);
  }
  return out;
}

export class TaintTolerationPlugin implements FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions {
  readonly name = TaintToleration;
  /**
   * What scoreAll wrote last, for the normalizeScore that follows it in the
   * same cycle: the cycle, the buffer, its length, the largest count and the
   * positions of the non-zero counts (nonZero[0..scoredNonZero)).
   */
  private scored: CycleState | null = null;
  private scoredOut: number[] | null = null;
  private scoredN = 0;
  private scoredMax = 0;
  private scoredNonZero = 0;
  private nonZero = new Int32Array(0);
  private countScratch = new Float64Array(0);
  /** Filter's verdicts on hard taints, per tolerations, by node slot. */
  private readonly verdicts = new TaintVerdictCache();

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const taints = nodeInfo.taints;
    if (taints.length === 0) return null;
    const tolerations = pod.pod.spec.tolerations;
    // A snapshot node: its verdict for these tolerations, while its taints are the same array (the slot's stamp).
    const table = nodeInfo.table;
    const slot = nodeInfo.slot;
    const v = table !== null && slot >= 0 ? this.verdicts.of(tolerations) : null;
    if (v !== null) {
      const cached = v.get(slot, table!.taintStamp[slot]);
      if (cached !== undefined) return cached ? null : UNTOLERATED;
    }
    const tolerated = findMatchingUntoleratedTaint(taints, tolerations, isHardTaint) === undefined;
    if (v !== null) v.set(slot, table!.taintStamp[slot], tolerated);
    return tolerated ? null : UNTOLERATED;
  }

  /**
   * filter() for the node in `slot` of `table` (a snapshot's table), from the
   * verdict kept for its taints stamp when there is one: no NodeInfo read.
   * For the fused Filter kernel and filterAll.
   */
  filterSlot(state: CycleState, pod: PodInfo, table: NodeTable, slot: number): MaybeStatus {
    if (SLOT_VERDICTS.enabled) {
      const v = this.verdicts.of(pod.pod.spec.tolerations);
      if (v !== null) {
        const cached = v.get(slot, table.taintStamp[slot]);
        if (cached !== undefined) {
          SLOT_VERDICTS.hits++;
          return cached ? null : UNTOLERATED;
        }
      }
    }
    return this.filter(state, pod, table.infos[slot]!);
  }

  /** filter() over a batch: only nodes with a NoSchedule/NoExecute taint (a table flag) can fail. */
  filterAll(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, reject: RejectNode): number {
    if (table.count(F_HARD_TAINT) === 0) return n;
    const flags = table.flags;
    // Without tolerations, any NoSchedule/NoExecute taint is untolerated.
    const tolerates = (pod.pod.spec.tolerations?.length ?? 0) > 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      if ((flags[slot] & F_HARD_TAINT) === 0) {
        slots[kept++] = slot;
        continue;
      }
      const s = tolerates ? this.filterSlot(state, pod, table, slot) : UNTOLERATED;
      if (s === null) slots[kept++] = slot;
      else reject(table.infos[slot]!, s);
    }
    return kept;
  }

  preScore(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[]): MaybeStatus {
    state.write(PRE_SCORE_STATE_KEY, new PreScoreState(preferNoScheduleTolerations(pod.pod.spec.tolerations)));
    return null;
  }

  /** The number of PreferNoSchedule taints on the node that the pod does not tolerate. */
  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    return this.countIntolerable(state.read<PreScoreState>(PRE_SCORE_STATE_KEY).tolerationsPreferNoSchedule, nodeInfo);
  }

  private countIntolerable(tolerations: readonly Toleration[], nodeInfo: NodeInfo): number {
    const taints = nodeInfo.taints;
    if (taints.length === 0) return 0;
    let count = 0;
    for (const taint of taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  }

  /**
   * score() over a batch: only nodes with a PreferNoSchedule taint (a table
   * flag) can count above 0, and for a pod with no toleration that could
   * tolerate one, the count is the table's. Remembers the largest count for
   * normalizeScore.
   */
  scoreAll(state: CycleState, _pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, out: number[]): void {
    const tolerations = state.read<PreScoreState>(PRE_SCORE_STATE_KEY).tolerationsPreferNoSchedule;
    if (this.nonZero.length < n) this.nonZero = new Int32Array(n);
    const nonZero = this.nonZero;
    let max = 0;
    let k = 0;
    if (table.count(F_PREFER_TAINT) === 0) {
      for (let i = 0; i < n; i++) out[i] = 0;
    } else {
      const flags = table.flags;
      const counts = table.preferTaints;
      const all = tolerations.length === 0;
      for (let i = 0; i < n; i++) {
        const slot = slots[i];
        let v = 0;
        if ((flags[slot] & F_PREFER_TAINT) !== 0) {
          v = all ? counts[slot] : this.countIntolerable(tolerations, table.infos[slot]!);
          if (v > 0) {
            nonZero[k++] = i;
            if (v > max) max = v;
          }
        }
        out[i] = v;
      }
    }
    this.scored = state;
    this.scoredOut = out;
    this.scoredN = n;
    this.scoredMax = max;
    this.scoredNonZero = k;
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  /** Fewer intolerable taints is better: reversed, so a node with none scores 100. */
  normalizeScore(state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    const fresh = this.scored === state && this.scoredOut === scores && this.scoredN === scores.length;
    this.scored = null;
    this.scoredOut = null;
    if (!fresh) return defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    // Counts scoreAll just wrote: their maximum and the few non-zero ones are known.
    const k = this.scoredNonZero;
    if (k === 0 || 2 * k > scores.length) return normalizeCounts(MAX_NODE_SCORE, true, scores, this.scoredMax);
    const nonZero = this.nonZero;
    const counts = this.countScratch.length >= k ? this.countScratch : (this.countScratch = new Float64Array(scores.length));
    for (let j = 0; j < k; j++) counts[j] = scores[nonZero[j]];
    const zero = normalizedCount(MAX_NODE_SCORE, true, 0, this.scoredMax);
    scores.fill(zero);
    for (let j = 0; j < k; j++) scores[nonZero[j]] = normalizedCount(MAX_NODE_SCORE, true, counts[j], this.scoredMax);
    return null;
  }
}

export const taintTolerationFactory: PluginFactory = {
  create: () => new TaintTolerationPlugin(),
};
