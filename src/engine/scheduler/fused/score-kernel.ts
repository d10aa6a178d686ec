/**
 * The default profile's Score plugins that read the node table —
 * TaintToleration, NodeResourcesFit (LeastAllocated over cpu and memory),
 * NodeResourcesBalancedAllocation (cpu and memory) and ImageLocality — and
 * their weighting, in one loop over the feasible nodes. Each node's scores use
 * the arithmetic of the plugins' own fast paths (integer maths, exact floors);
 * the uncommon nodes take the plugins' own `score`: a node with no cpu or
 * memory allocatable, a PreferNoSchedule taint the pod has a toleration for,
 * a node holding one of the pod's images. TaintToleration's NormalizeScore
 * (reversed counts) is applied afterwards to the few nodes that counted a
 * taint: every other node scores 100 there, whatever the largest count.
 * PodTopologySpread and InterPodAffinity (Deployment pods get the system
 * default spreading) are scored afterwards as the plugin-by-plugin pass
 * scores them, and added in (score-other.ts).
 *
 * Totals are sums of integer products below 2^53, so they are exact and do
 * not depend on the order of addition. The kernel declines (false) for a list
 * holding any other plugin or strategy, a weight that is not a positive
 * integer, and a score out of range (the plugin-by-plugin pass reports it).
 */
import type { FusedScorePass } from '../framework/fused';
import type { CycleState, StateData } from '../framework/cycle-state';
import type { ScorePlugin } from '../framework/interfaces';
import type { NodeInfo } from '../framework/node-info';
import { F_IMAGES, F_PREFER_TAINT, type NodeTable } from '../framework/node-table';
import type { PodInfo } from '../framework/pod-info';
import { normalizedCount } from '../plugins/helpers/normalize-score';
import { allZero, KIND_CPU, KIND_MEMORY } from '../plugins/helpers/resource-allocation';
import { ImageLocalityPlugin } from '../plugins/image-locality/image-locality';
import type {
  BalancedAllocationPreScoreState} from '../plugins/node-resources-balanced-allocation/node-resources-balanced-allocation';
import {
  NodeResourcesBalancedAllocationPlugin,
  PRESCORE_STATE_KEY as BA_KEY,
} from '../plugins/node-resources-balanced-allocation/node-resources-balanced-allocation';
import { LEAST_ALLOCATED } from '../plugins/node-resources-fit/args';
import type { FitPreScoreState} from '../plugins/node-resources-fit/node-resources-fit';
import { NodeResourcesFitPlugin, PRESCORE_STATE_KEY as FIT_KEY } from '../plugins/node-resources-fit/node-resources-fit';
import { PRE_SCORE_STATE_KEY as TT_KEY, TaintTolerationPlugin } from '../plugins/taint-toleration/taint-toleration';
import { LoopArgs, scoreCommonNodes, totalCommonNodes } from './score-loop';
import { InterPodAffinityPlugin } from '../plugins/inter-pod-affinity/inter-pod-affinity';
import { PodTopologySpreadPlugin } from '../plugins/pod-topology-spread/pod-topology-spread';
import { scoreOther } from './score-other';
import { isDefaultShape, totalDefaultNodes } from './total-default';
import { ScoreCache, totalDefaultCached } from './score-cache';
import { finishSelection, Selection, totalDefaultCachedSelecting } from './select-loop';
import { totalDefaultCachedSelectingFolded } from './select-fold';
import type { SpreadFold } from '../plugins/pod-topology-spread/score-fold';
import type { Rng } from '../../random/rng';

const MAX = 100;

const cpuMemory = (kinds: Int8Array) => kinds.length === 2 && kinds[0] === KIND_CPU && kinds[1] === KIND_MEMORY;

/** Where each known plugin sits in the list (-1: absent). */
class Layout {
  tt = -1;
  fit = -1;
  ba = -1;
  il = -1;
  ttPlugin: TaintTolerationPlugin | null = null;
  fitPlugin: NodeResourcesFitPlugin | null = null;
  baPlugin: NodeResourcesBalancedAllocationPlugin | null = null;
  ilPlugin: ImageLocalityPlugin | null = null;
  /** Positions of the plugins scored their own way inside the kernel (PodTopologySpread, InterPodAffinity). */
  readonly others: number[] = [];

  /** null when a plugin or its configuration is not one the kernel covers. */
  static of(plugins: readonly ScorePlugin[]): Layout | null {
    const l = new Layout();
    for (let p = 0; p < plugins.length; p++) {
      const pl = plugins[p];
      if (pl instanceof TaintTolerationPlugin) {
        l.tt = p;
        l.ttPlugin = pl;
      } else if (pl instanceof NodeResourcesFitPlugin) {
        const w = pl.scorer.weights;
        if (pl.args.scoringStrategy.type !== LEAST_ALLOCATED || !cpuMemory(pl.scorer.kinds) || !(w[0] > 0 && w[1] > 0)) return null;
        l.fit = p;
        l.fitPlugin = pl;
      } else if (pl instanceof NodeResourcesBalancedAllocationPlugin) {
        if (!cpuMemory(pl.kinds)) return null;
        l.ba = p;
        l.baPlugin = pl;
      } else if (pl instanceof ImageLocalityPlugin) {
        l.il = p;
        l.ilPlugin = pl;
      } else if (pl instanceof PodTopologySpreadPlugin || pl instanceof InterPodAffinityPlugin) {
        l.others.push(p);
      } else return null;
    }
    return l;
  }
}

export class FusedScore implements FusedScorePass {
  /** Cycles the kernel scored (tests check that it ran), and those through totalDefaultNodes. */
  runs = 0;
  defaultRuns = 0;
  /** The default profile's resource scores by pod shape and node (score-cache.ts); false: computed every cycle. */
  useCache = true;
  readonly cache = new ScoreCache();
  private lastList: readonly ScorePlugin[] | null = null;
  private layout: Layout | null = null;
  /** Positions (in the node list) and counts of the nodes with an intolerable PreferNoSchedule taint. */
  private taintedAt = new Int32Array(64);
  private taintCounts = new Float64Array(64);
  /** Positions of the nodes left to the plugins' own Score. */
  private rare = new Int32Array(64);
  /** Stands in for the buffer of a plugin that is not in the list. */
  private unused: number[] = [];
  private readonly loop = new LoopArgs();
  /** Host selection folded into the cached loop (select-loop.ts); `selected` is the host's position, -1 when not chosen here. */
  readonly selection = new Selection();
  selected = -1;
  /** Cycles whose PodTopologySpread was folded into the selecting loop (select-fold.ts). */
  folded = 0;

  /** The fold of the one plugin besides the fused ones, when it is PodTopologySpread and can fold (else null). */
  private foldOf(plugins: readonly ScorePlugin[], weights: Float64Array, state: CycleState, table: NodeTable, slots: Int32Array, n: number): SpreadFold | null {
    const p = this.layout!.others[0];
    const pl = plugins[p];
    return pl instanceof PodTopologySpreadPlugin ? pl.fold(state, table, slots, n, weights[p]) : null;
  }

  score(
    plugins: readonly ScorePlugin[],
    weights: Float64Array,
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    slots: Int32Array,
    nodes: readonly NodeInfo[],
    scores: readonly number[][],
    totals: Float64Array,
    keep = true,
    rng?: Rng,
  ): boolean {
    this.selected = -1;
    if (plugins !== this.lastList) {
      this.lastList = plugins;
      this.layout = Layout.of(plugins);
    }
    const l = this.layout;
    if (l === null) return false;
    for (let p = 0; p < weights.length; p++) if (!(Number.isInteger(weights[p]) && weights[p] > 0)) return false;
    const n = nodes.length;
    if (this.taintedAt.length < n) {
      this.taintedAt = new Int32Array(n);
      this.taintCounts = new Float64Array(n);
      this.rare = new Int32Array(n);
    }
    if (this.unused.length < n) for (let i = this.unused.length; i < n; i++) this.unused.push(0.5);
    this.runs++;

    // Per pod: what each plugin's PreScore left (as its Score reads it).
    const hasTT = l.tt >= 0;
    const wTT = hasTT ? weights[l.tt] : 0;
    const tolerations = hasTT ? state.read<StateData & { tolerationsPreferNoSchedule: readonly unknown[] }>(TT_KEY).tolerationsPreferNoSchedule : [];
    const countFromTable = tolerations.length === 0;
    const ttFlag = hasTT && table.count(F_PREFER_TAINT) > 0 ? F_PREFER_TAINT : 0;

    const hasFit = l.fit >= 0;
    const wFit = hasFit ? weights[l.fit] : 0;
    let fitCpu = 0;
    let fitMem = 0;
    let fw0 = 1;
    let fw1 = 1;
    if (hasFit) {
      const fit = l.fitPlugin!;
      const req = (state.tryRead<FitPreScoreState>(FIT_KEY) ?? fit.computePreScoreState(pod)).podRequests;
      fitCpu = req[0];
      fitMem = req[1];
      fw0 = fit.scorer.weights[0];
      fw1 = fit.scorer.weights[1];
    }
    const fwSum = fw0 + fw1;
    // Dividing by a power of two is exact, and so is multiplying by its inverse.
    const fwInverse = Number.isInteger(Math.log2(fwSum)) ? 1 / fwSum : 0;

    let hasBA = l.ba >= 0;
    const wBA = hasBA ? weights[l.ba] : 0;
    let baCpu = 0;
    let baMem = 0;
    let baZero = false;
    if (hasBA) {
      const req = state.tryRead<BalancedAllocationPreScoreState>(BA_KEY)?.podRequests ?? l.baPlugin!.computePodRequests(pod);
      // A pod requesting neither scores 0 everywhere (BalancedAllocation's Score without PreScore state).
      if (allZero(req)) baZero = true;
      baCpu = req[0];
      baMem = req[1];
    }
    if (baZero) hasBA = false;

    const hasIL = l.il >= 0;
    const wIL = hasIL ? weights[l.il] : 0;
    const ilNone = hasIL ? l.ilPlugin!.noImageScore(pod) : 0;
    if (!(ilNone >= 0 && ilNone <= MAX)) return false;
    const ilFlag = hasIL && l.ilPlugin!.imagesHeld(pod, table) ? F_IMAGES : 0;

    const bTT = hasTT ? scores[l.tt] : this.unused;
    const bIL = hasIL ? scores[l.il] : this.unused;
    const { flags } = table;
    // The common nodes in one loop (a function of its own, so its optimized code depends on nothing else here).
    const k = this.loop;
    k.n = n;
    k.slots = slots;
    k.table = table;
    // Nodes the loop leaves to the plugins' own Score: a PreferNoSchedule taint
    // the pod may tolerate, one of the pod's images, no positive cpu or memory allocatable.
    k.rareFlags = (countFromTable ? 0 : ttFlag) | ilFlag;
    k.tableFlag = countFromTable ? ttFlag : 0;
    k.hasFit = hasFit;
    k.fitCpu = fitCpu;
    k.fitMem = fitMem;
    k.fw0 = fw0;
    k.fw1 = fw1;
    k.fwSum = fwSum;
    k.fwInverse = fwInverse;
    k.wFit = wFit;
    k.hasBA = hasBA;
    k.baZero = baZero;
    k.baCpu = baCpu;
    k.baMem = baMem;
    k.wBA = wBA;
    // TaintToleration's 100 and ImageLocality's score for a node without the pod's images, weighted.
    k.base = (hasTT ? MAX * wTT : 0) + (hasIL ? ilNone * wIL : 0);
    k.ilNone = ilNone;
    k.bTT = bTT;
    k.bFit = hasFit ? scores[l.fit] : this.unused;
    k.bBA = l.ba >= 0 ? scores[l.ba] : this.unused;
    k.bIL = bIL;
    k.totals = totals;
    k.rare = this.rare;
    k.taintedAt = this.taintedAt;
    k.taintCounts = this.taintCounts;
    // Host selection in the loop: only when nothing is added to the totals after it but the skipped nodes' own.
    let selecting = false;
    // PodTopologySpread alone besides the fused plugins, scored by slot: folded into the selecting loop.
    let fold: SpreadFold | null = null;
    if (keep) scoreCommonNodes(k);
    else if (isDefaultShape(k)) {
      this.defaultRuns++;
      const e = this.useCache ? this.cache.entryFor(k) : null;
      if (e !== null && rng !== undefined && l.others.length === 0) {
        selecting = true;
        this.selection.reserve(n);
        totalDefaultCachedSelecting(k, e, this.cache, this.selection);
      } else if (e !== null && rng !== undefined && l.others.length === 1 && (fold = this.foldOf(plugins, weights, state, table, slots, n)) !== null) {
        selecting = true;
        this.folded++;
        this.selection.reserve(n);
        totalDefaultCachedSelectingFolded(k, e, this.cache, this.selection, fold.classOf, fold.add);
      } else if (e !== null) totalDefaultCached(k, e, this.cache);
      else totalDefaultNodes(k);
    } else totalCommonNodes(k);
    const { rare, taintedAt, taintCounts } = this;
    const bFit = k.bFit;
    const bBA = k.bBA;
    const nRare = k.nRare;
    let tainted = k.tainted;
    let maxCount = k.maxCount;
    let ok = k.ok;
    // The rare nodes, through the plugins' own Score (raw TaintToleration counts).
    const infos = table.infos;
    for (let j = 0; j < nRare; j++) {
      const i = rare[j];
      const ni = infos[slots[i]]!;
      let total = 0;
      if (hasTT) {
        const count = (flags[slots[i]] & ttFlag) !== 0 ? l.ttPlugin!.score(state, pod, ni) : 0;
        if (count > 0) {
          taintedAt[tainted] = i;
          taintCounts[tainted++] = count;
          if (count > maxCount) maxCount = count;
        }
        if (keep) bTT[i] = MAX;
        total = MAX * wTT;
      }
      if (hasFit) {
        const v = l.fitPlugin!.score(state, pod, ni);
        if (!(v >= 0 && v <= MAX)) ok = false;
        if (keep) bFit[i] = v;
        total += v * wFit;
      }
      if (hasBA) {
        const v = l.baPlugin!.score(state, pod, ni);
        if (!(v >= 0 && v <= MAX)) ok = false;
        if (keep) bBA[i] = v;
        total += v * wBA;
      } else if (baZero && keep) bBA[i] = 0;
      if (hasIL) {
        const v = (flags[slots[i]] & ilFlag) !== 0 ? l.ilPlugin!.score(state, pod, ni) : ilNone;
        if (!(v >= 0 && v <= MAX)) ok = false;
        if (keep) bIL[i] = v;
        total += v * wIL;
      }
      totals[i] = total;
    }
    if (!ok) return false;
    // TaintToleration's NormalizeScore for the nodes that counted intolerable taints.
    for (let j = 0; j < tainted; j++) {
      const i = taintedAt[j];
      const v = normalizedCount(MAX, true, taintCounts[j], maxCount);
      if (keep) bTT[i] = v;
      totals[i] += (v - MAX) * wTT;
    }
    if (fold !== null) {
      // The loop left the rare nodes' spreading part out (their totals were made above).
      const { classOf, add } = fold;
      for (let j = 0; j < nRare; j++) {
        const i = rare[j];
        totals[i] += add[classOf[slots[i]]];
      }
    } else {
      for (let j = 0; j < l.others.length; j++) {
        const p = l.others[j];
        if (!scoreOther(plugins[p], weights[p], state, pod, table, slots, nodes, scores[p], totals)) return false;
      }
    }
    if (selecting) this.selected = finishSelection(this.selection, n, totals, rng!);
    return true;
  }
}
