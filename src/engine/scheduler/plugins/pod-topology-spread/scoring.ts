/**
 * PodTopologySpread's PreScore data (upstream scoring.go): per ScheduleAnyway
 * constraint, matching pods per topology value over all nodes, the topology
 * weight ln(#domains + 2), and per-node counts for hostname constraints.
 */
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { SpreadColumns } from './columns';
import { toleratesNode, type Constraint, type RequiredAffinity } from './constraints';
import type { Selector } from '../../../model/labels';
import type { Toleration } from '../../../model/types';
import { labelValue, type Interner } from '../helpers/node-columns';
import { packedMap } from '../helpers/packed';
import type { SpreadPlan } from './columns';
import { addDomainTerms, addHostTerms, distinctDomains, filteredDomains, filteredPositions, goRound, markMissing, PreScoreArena } from './prescore-passes';
import { slotPreScore, type SlotScoring } from './slot-scoring';

/** Per constraint: matching pods per node position (hostname constraints only). */
type HostCounts = readonly (Int32Array | null)[];

export class PreScoreState implements StateData {
  private host: HostCounts | (() => HostCounts) | null;

  constructor(
    readonly constraints: readonly Constraint[],
    /** Nodes missing a topology key score 0 (upstream IgnoredNodes); only without system defaulting. */
    readonly requireAllTopologies: boolean,
    /** Per constraint: the interner of its topology key. */
    readonly interners: readonly Interner[],
    /** Per constraint: matching pods per domain id (null for hostname constraints). */
    readonly counts: readonly (Int32Array | null)[],
    /** `hostCounts`, or how to make them when first read (null: from `slot`). */
    hostCounts: HostCounts | (() => HostCounts) | null,
    /** Positions of all nodes, for `hostCounts`. */
    readonly positions: ReadonlyMap<NodeInfo, number>,
    /** Per constraint: ln(size + 2). */
    readonly weights: readonly number[],
    readonly isHostname: readonly boolean[],
    /** A copy of the nodes PreScore was given, in order (Score's batch path checks it is handed the same). */
    readonly filtered: readonly NodeInfo[],
    /** Per filtered node: its position in the node list (-1: not in it). */
    readonly fPos: Int32Array,
    /** Per constraint, per filtered node: the domain id of its value, -1 when it lacks the key. */
    readonly fDoms: readonly Int32Array[],
    /**
     * Per hostname constraint, per filtered node: its `hostCounts` entry (0 for a node
     * not in the node list), or null when not recorded (then Score reads `hostCounts`).
     */
    readonly fHost: HostCounts | null = null,
    /**
     * Per filtered node in the node list: its Score (what score() returns),
     * computed in one pass per constraint; entries of nodes not in the list
     * (fPos −1) are meaningless.
     */
    readonly fScore: Float64Array | null = null,
    /** Per-slot data for Score (slot-scoring.ts), when PreScore took that path; null otherwise. */
    readonly slot: SlotScoring | null = null,
  ) {
    this.host = hostCounts;
  }

  /** Per constraint: matching pods per node position (hostname constraints only). */
  get hostCounts(): HostCounts {
    if (this.host === null) this.host = this.slot!.hostCounts();
    else if (typeof this.host === 'function') this.host = this.host();
    return this.host;
  }

  clone(): StateData {
    return this; // read-only once written
  }
}

/** Tests turn the per-slot path off, to compare (and count how often it was taken). */
export const SLOT_SCORING = { enabled: true, taken: 0 };

/**
 * Topology weights from the filtered nodes (ignored ones left out), and
 * matching pods per domain over all nodes, per ScheduleAnyway constraint.
 */
export function computePreScoreState(
  cols: SpreadColumns,
  pod: PodInfo,
  constraints: readonly Constraint[],
  required: RequiredAffinity | null,
  requireAll: boolean,
  all: readonly NodeInfo[],
  filtered: readonly NodeInfo[],
  /** The node-table slots of `filtered`, aligned (CycleState.scoreSlots), or null: positions are then looked up per node. */
  filteredSlots: Int32Array | null = null,
  /** Largest posting walked instead of the per-node columns (default: an eighth of the nodes; tests vary it). */
  sparseMax = all.length >> 3,
  /** Where the state's arrays come from (see PreScoreArena: reused by the next call); a fresh one by default. */
  arena: PreScoreArena = new PreScoreArena(),
  /**
   * A list with the same topology keys and inclusion policies, in the same
   * order, whose plan serves (the plan reads nothing else): the plugin passes
   * the default constraints it derived a ReplicaSet's list from, so that a
   * ReplicaSet new to the scheduler finds its plan made.
   */
  planOf: readonly Constraint[] = constraints,
): PreScoreState {
  arena.reset();
  const m = constraints.length;
  const n = all.length;
  const positions = cols.positions.of(all);
  const plan = cols.plan(planOf);
  const { interners, isHost } = plan;
  // Without requireAll, a node lacking a key counts under the value "" (Go's zero value).
  const emptyIds = requireAll ? plan.noIds : emptyIdsOf(plan);
  let sparse: ReadonlyMap<PodInfo, NodeInfo>[] | null | undefined;
  if (!requireAll && filteredSlots !== null && SLOT_SCORING.enabled) {
    // The system defaults over the scheduler's slots: the per-slot path (slot-scoring.ts), where it applies.
    sparse = sparseSources(cols, pod, constraints, all, sparseMax);
    const fast = sparse === null ? null : slotPreScore(cols, pod, constraints, plan, emptyIds, required, all, filtered, filteredSlots, sparse, arena);
    if (fast !== null) {
      SLOT_SCORING.taken++;
      return new PreScoreState(constraints, false, interners, fast.counts, null, positions, fast.weights, isHost, filtered, NO_POSITIONS, [], null, null, fast.slot);
    }
  }

  // Per node of the list, per constraint: its domain id (the per-slot path keeps its own, by slot).
  const doms: Int32Array[] = [];
  for (let k = 0; k < m; k++) doms.push(cols.domainColumn(constraints[k].topologyKey).sync(all));
  // Filtered nodes: their positions (by slot where the scheduler gave them: no NodeInfo is
  // touched for a node in the list), their domains, and which are ignored.
  const f = filtered.length;
  const fPos = arena.i32(f);
  const table = filteredSlots !== null && f > 0 ? filtered[0].table : null;
  const bySlot = table !== null ? cols.positions.bySlotOf(all, table) : null;
  filteredPositions(filtered, filteredSlots, bySlot, positions, fPos);
  const fDoms: Int32Array[] = [];
  let outside = false;
  for (let k = 0; k < m; k++) {
    const d = arena.i32(f);
    if (filteredDomains(fPos, doms[k], d)) outside = true;
    fDoms.push(d);
  }
  if (outside) outsideDomains(constraints, interners, filtered, fPos, fDoms);
  let fIgnored: Uint8Array | null = null;
  let ignored = 0;
  if (requireAll) {
    fIgnored = arena.u8(f);
    for (let k = 0; k < m; k++) ignored += markMissing(fDoms[k], fIgnored);
  }
  const weights: number[] = [];
  for (let k = 0; k < m; k++) {
    const size = isHost[k] ? f - ignored : distinctDomains(fDoms[k], emptyIds[k], fIgnored, arena.u8(interners[k].size));
    weights.push(Math.log(size + 2));
  }

  // Matching pods over all nodes (inclusion policies applied), per domain.
  const honorAffinity = required !== null ? plan.affinityHonored : plan.never;
  const honorTaints = plan.taintsHonored;
  const counts: (Int32Array | null)[] = [];
  for (let k = 0; k < m; k++) counts.push(isHost[k] ? null : arena.i32(interners[k].size));
  if (sparse === undefined) sparse = sparseSources(cols, pod, constraints, all, sparseMax);
  if (sparse !== null) {
    const policy = { honorAffinity, honorTaints, required, tolerations: pod.pod.spec.tolerations };
    const table = n > 0 ? all[0].table : null;
    const bySlot = table !== null ? cols.positions.bySlotOf(all, table) : null;
    // Hostname constraints: the positions of their matching pods (one entry per pod).
    const hostFound: Int32Array[] = [];
    for (let k = 0; k < m; k++) hostFound.push(NO_POSITIONS);
    // Constraints with the same pods and selector (the default ones) share one walk of the pods.
    const done = new Uint8Array(m);
    for (let k = 0; k < m; k++) {
      if (done[k] === 1) continue;
      const found = matchingPositions(pod.namespace, constraints[k].selector, sparse[k], positions, bySlot, arena);
      for (let j = k; j < m; j++) {
        if (done[j] === 1 || sparse[j] !== sparse[k] || constraints[j].selector !== constraints[k].selector) continue;
        done[j] = 1;
        if (isHost[j]) hostFound[j] = found;
        else sparseCount(j, constraints, found, all, doms, emptyIds, requireAll, policy, counts[j]!);
      }
    }
    // Score reads the filtered nodes' counts; the per-position arrays are made only if someone asks.
    const fHost: (Int32Array | null)[] = [];
    for (let k = 0; k < m; k++) fHost.push(isHost[k] ? cols.countAt(hostFound[k], fPos, n, arena.i32(f)) : null);
    const hostCounts = () => packedMap(constraints, (_, k) => (isHost[k] ? countsByPosition(hostFound[k], n) : null));
    const fScore = filteredScores(constraints, fIgnored, fDoms, fHost, null, fPos, counts, weights, arena);
    return new PreScoreState(constraints, requireAll, interners, counts, hostCounts, positions, weights, isHost, filtered.slice(), fPos, fDoms, fHost, fScore);
  }
  const cnts = packedMap(constraints, (c) => cols.countColumn(pod.namespace, c).sync(all));
  const hostCounts = packedMap(constraints, (_, k) => (isHost[k] ? cnts[k].slice(0, n) : null));
  if (!isHost.every(Boolean)) {
    const aff = honorAffinity.includes(true) ? cols.affinityColumn(required!).sync(all) : null;
    const taints = honorTaints.includes(true) ? cols.taintColumn(pod.pod.spec.tolerations).sync(all) : null;
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
  const fScore = filteredScores(constraints, fIgnored, fDoms, null, hostCounts, fPos, counts, weights, arena);
  return new PreScoreState(constraints, requireAll, interners, counts, hostCounts, positions, weights, isHost, filtered.slice(), fPos, fDoms, null, fScore);
}

/** The id of "" per constraint, interned on first use (ids never change). */
function emptyIdsOf(plan: SpreadPlan): Int32Array {
  const ids = plan.emptyIds;
  for (let k = 0; k < ids.length; k++) if (ids[k] < 0) ids[k] = plan.interners[k].intern('');
  return ids;
}

/** Domains of the filtered nodes that are not in the node list, from their labels, node by node. */
function outsideDomains(
  constraints: readonly Constraint[],
  interners: readonly Interner[],
  filtered: readonly NodeInfo[],
  fPos: Int32Array,
  fDoms: readonly Int32Array[],
): void {
  for (let i = 0; i < fPos.length; i++) {
    if (fPos[i] >= 0) continue;
    for (let k = 0; k < constraints.length; k++) {
      const v = labelValue(filtered[i].labels, constraints[k].topologyKey);
      fDoms[k][i] = v === undefined ? -1 : interners[k].intern(v);
    }
  }
}

export { goRound };

/**
 * PodTopologySpread's Score of every filtered node in the node list, one
 * constraint at a time over typed arrays: Σ over the constraints whose key
 * the node has of count × weight + (maxSkew − 1), added in constraint order
 * as score() adds them, then rounded; 0 for an ignored node (requireAll and
 * a key missing). Hostname counts come per filtered node (`fHost`) or per
 * position (`hostCounts`).
 */
function filteredScores(
  constraints: readonly Constraint[],
  ignored: Uint8Array | null,
  fDoms: readonly Int32Array[],
  fHost: HostCounts | null,
  hostCounts: HostCounts | null,
  fPos: Int32Array,
  counts: readonly (Int32Array | null)[],
  weights: readonly number[],
  arena: PreScoreArena,
): Float64Array {
  const out = arena.f64(fPos.length);
  for (let k = 0; k < constraints.length; k++) {
    const add = constraints[k].maxSkew - 1;
    const agg = counts[k];
    if (agg !== null) addDomainTerms(out, fDoms[k], agg, weights[k], add);
    else {
      const perNode = fHost !== null ? fHost[k] : null;
      addHostTerms(out, fDoms[k], fPos, perNode, perNode === null ? hostCounts![k]! : EMPTY_COUNTS, weights[k], add);
    }
  }
  roundScores(out, ignored);
  return out;
}

/** goRound of each score; 0 for an ignored node. */
function roundScores(out: Float64Array, ignored: Uint8Array | null): void {
  for (let i = 0; i < out.length; i++) out[i] = ignored !== null && ignored[i] === 1 ? 0 : goRound(out[i]);
}

/**
 * Per constraint, the few pods its matches can come from, each with its node
 * (SpreadColumns.sparsePods), or null when any constraint has no such small
 * set: then the per-node columns are used.
 */
function sparseSources(
  cols: SpreadColumns,
  pod: PodInfo,
  constraints: readonly Constraint[],
  all: readonly NodeInfo[],
  maxSize: number,
): ReadonlyMap<PodInfo, NodeInfo>[] | null {
  // Walking a posting costs a selector match per pod; a warm column one compare per node.
  const out: ReadonlyMap<PodInfo, NodeInfo>[] = [];
  for (let k = 0; k < constraints.length; k++) {
    const c = constraints[k];
    // The default constraints share one equalities list: the same pods.
    const s = k > 0 && c.equalities !== undefined && c.equalities === constraints[k - 1].equalities ? out[k - 1] : cols.sparsePods(all, pod, c, maxSize);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

interface InclusionPolicy {
  readonly honorAffinity: readonly boolean[];
  readonly honorTaints: readonly boolean[];
  readonly required: RequiredAffinity | null;
  readonly tolerations: readonly Toleration[] | undefined;
}

const NO_POSITIONS = new Int32Array(0);
const EMPTY_COUNTS = new Int32Array(0);

/**
 * The node-list positions of the pods of `pods` that countMatching counts
 * (the namespace's non-terminating pods the selector matches), one entry per
 * pod, in the posting's order; pods whose node is not in the list are left out.
 */
function matchingPositions(
  namespace: string,
  selector: Selector,
  pods: ReadonlyMap<PodInfo, NodeInfo>,
  positions: ReadonlyMap<NodeInfo, number>,
  bySlot: Int32Array | null,
  arena: PreScoreArena,
): Int32Array {
  if (selector.empty || selector.nothing || pods.size === 0) return NO_POSITIONS; // countMatching counts nothing
  const out = arena.i32(pods.size);
  let n = 0;
  for (const [p, ni] of pods) {
    // What the pod was when filed under this node (PodInfo.postedNode): no pod or node object read.
    const filed = p.postedNode === ni;
    if (p.namespace !== namespace || (filed ? p.postedTerminating : p.terminating)) continue;
    if (!p.selectedBy(selector)) continue;
    let pos = -1;
    if (bySlot !== null) {
      const slot = filed ? p.postedSlot : ni.slot;
      if (slot >= 0 && slot < bySlot.length) pos = bySlot[slot];
    }
    if (pos < 0) pos = positions.get(ni) ?? -1;
    if (pos >= 0) out[n++] = pos;
  }
  return out.subarray(0, n);
}

/** Matching pods per node position, from their positions. */
function countsByPosition(found: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < found.length; i++) out[found[i]]++;
  return out;
}

/**
 * The dense aggregation of computePreScoreState for a non-hostname
 * constraint `k`, from the positions of its matching pods instead of every
 * node: each matching pod adds one to its node's domain when the node passes
 * requireAll and the inclusion policies. A node's count column is exactly its
 * matching pods, so the sums are the same.
 */
function sparseCount(
  k: number,
  constraints: readonly Constraint[],
  found: Int32Array,
  all: readonly NodeInfo[],
  doms: readonly Int32Array[],
  emptyIds: Int32Array,
  requireAll: boolean,
  policy: InclusionPolicy,
  agg: Int32Array,
): void {
  const m = constraints.length;
  for (let i = 0; i < found.length; i++) {
    const pos = found[i];
    if (requireAll) {
      let missing = false;
      for (let j = 0; j < m; j++) if (doms[j][pos] < 0) missing = true;
      if (missing) continue;
    }
    if (policy.honorAffinity[k] && !policy.required!.matches(all[pos])) continue;
    if (policy.honorTaints[k] && !toleratesNode(policy.tolerations, all[pos])) continue;
    const d = doms[k][pos];
    agg[d < 0 ? emptyIds[k] : d]++;
  }
}
