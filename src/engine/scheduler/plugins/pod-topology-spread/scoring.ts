/**
 * PodTopologySpread's PreScore data (upstream scoring.go): per ScheduleAnyway
 * constraint, matching pods per topology value over all nodes, the topology
 * weight ln(#domains + 2), and per-node counts for hostname constraints.
 */
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { SpreadColumns } from './columns';
import { LABEL_HOSTNAME, toleratesNode, type Constraint, type RequiredAffinity } from './constraints';
import type { Selector } from '../../../model/labels';
import type { Toleration } from '../../../model/types';
import { labelValue, type Interner } from '../helpers/node-columns';
import { packedMap } from '../helpers/packed';

/** Per constraint: matching pods per node position (hostname constraints only). */
type HostCounts = readonly (Int32Array | null)[];

export class PreScoreState implements StateData {
  private host: HostCounts | (() => HostCounts);

  constructor(
    readonly constraints: readonly Constraint[],
    /** Nodes missing a topology key score 0 (upstream IgnoredNodes); only without system defaulting. */
    readonly requireAllTopologies: boolean,
    /** Per constraint: the interner of its topology key. */
    readonly interners: readonly Interner[],
    /** Per constraint: matching pods per domain id (null for hostname constraints). */
    readonly counts: readonly (Int32Array | null)[],
    /** `hostCounts`, or how to make them when first read. */
    hostCounts: HostCounts | (() => HostCounts),
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
  ) {
    this.host = hostCounts;
  }

  /** Per constraint: matching pods per node position (hostname constraints only). */
  get hostCounts(): HostCounts {
    if (typeof this.host === 'function') this.host = this.host();
    return this.host;
  }

  clone(): StateData {
    return this; // read-only once written
  }
}

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
): PreScoreState {
  const m = constraints.length;
  const n = all.length;
  const positions = cols.positions.of(all);
  const interners = packedMap(constraints, (c) => cols.interner(c.topologyKey));
  const isHost = packedMap(constraints, (c) => c.topologyKey === LABEL_HOSTNAME);
  const doms = packedMap(constraints, (c) => cols.domainColumn(c.topologyKey).sync(all));
  // Without requireAll, a node lacking a key counts under the value "" (Go's zero value).
  const emptyIds = packedMap(interners, (i) => (requireAll ? -1 : i.intern('')));

  // Filtered nodes: which are ignored, and their domains.
  const f = filtered.length;
  const fIds = packedMap(constraints, () => new Int32Array(f));
  const fDoms = packedMap(constraints, () => new Int32Array(f));
  const fPos = new Int32Array(f);
  const fIgnored = new Uint8Array(f);
  let ignored = 0;
  // By slot where the scheduler gave them: no NodeInfo is touched for a node in the list.
  const table = filteredSlots !== null && f > 0 ? filtered[0].table : null;
  const bySlot = table !== null ? cols.positions.bySlotOf(all, table) : null;
  for (let i = 0; i < f; i++) {
    const ni = filtered[i];
    let pos: number | undefined;
    if (bySlot !== null) {
      const slot = filteredSlots![i];
      const p = slot < bySlot.length ? bySlot[slot] : -1;
      pos = p >= 0 ? p : positions.get(ni);
    } else pos = positions.get(ni);
    fPos[i] = pos === undefined ? -1 : pos;
    let missing = false;
    for (let k = 0; k < m; k++) {
      let d: number;
      if (pos !== undefined) d = doms[k][pos];
      else {
        const v = labelValue(ni.labels, constraints[k].topologyKey);
        d = v === undefined ? -1 : interners[k].intern(v);
      }
      fDoms[k][i] = d;
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
  const honorAffinity = packedMap(constraints, (c) => c.nodeAffinityPolicy === 'Honor' && required !== null);
  const honorTaints = packedMap(constraints, (c) => c.nodeTaintsPolicy === 'Honor');
  const counts = packedMap(constraints, (_, k) => (isHost[k] ? null : new Int32Array(interners[k].size)));
  const sparse = sparseSources(cols, pod.namespace, constraints, all, sparseMax);
  if (sparse !== null) {
    const policy = { honorAffinity, honorTaints, required, tolerations: pod.pod.spec.tolerations };
    const table = n > 0 ? all[0].table : null;
    const bySlot = table !== null ? cols.positions.bySlotOf(all, table) : null;
    // Hostname constraints: the positions of their matching pods (one entry per pod).
    const hostFound: Int32Array[] = packedMap(constraints, () => NO_POSITIONS);
    // Constraints with the same pods and selector (the default ones) share one walk of the pods.
    const done = new Uint8Array(m);
    for (let k = 0; k < m; k++) {
      if (done[k] === 1) continue;
      const found = matchingPositions(pod.namespace, constraints[k].selector, sparse[k], positions, bySlot);
      for (let j = k; j < m; j++) {
        if (done[j] === 1 || sparse[j] !== sparse[k] || constraints[j].selector !== constraints[k].selector) continue;
        done[j] = 1;
        if (isHost[j]) hostFound[j] = found;
        else sparseCount(j, constraints, found, all, doms, emptyIds, requireAll, policy, counts[j]!);
      }
    }
    // Score reads the filtered nodes' counts; the per-position arrays are made only if someone asks.
    const fHost = packedMap(constraints, (_, k) => (isHost[k] ? cols.countAt(hostFound[k], fPos, n) : null));
    const hostCounts = () => packedMap(constraints, (_, k) => (isHost[k] ? countsByPosition(hostFound[k], n) : null));
    const fScore = filteredScores(constraints, requireAll ? fIgnored : null, fDoms, fHost, null, fPos, counts, weights);
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
  const fScore = filteredScores(constraints, requireAll ? fIgnored : null, fDoms, null, hostCounts, fPos, counts, weights);
  return new PreScoreState(constraints, requireAll, interners, counts, hostCounts, positions, weights, isHost, filtered.slice(), fPos, fDoms, null, fScore);
}

/** Go's math.Round: halves away from zero, decided on the exact fraction (x − trunc(x) is exact). */
export function goRound(x: number): number {
  const t = Math.trunc(x);
  const f = x - t;
  if (f >= 0.5) return t + 1;
  if (f <= -0.5) return t - 1;
  return t;
}

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
): Float64Array {
  const f = fPos.length;
  const out = new Float64Array(f);
  for (let k = 0; k < constraints.length; k++) {
    const doms = fDoms[k];
    const w = weights[k];
    const add = constraints[k].maxSkew - 1;
    const agg = counts[k];
    if (agg === null) {
      const perNode = fHost !== null ? fHost[k] : null;
      const perPos = perNode === null ? hostCounts![k]! : EMPTY_COUNTS;
      for (let i = 0; i < f; i++) {
        if (doms[i] < 0) continue;
        const pos = fPos[i];
        if (pos < 0) continue;
        out[i] += (perNode !== null ? perNode[i] : perPos[pos]) * w + add;
      }
    } else {
      const len = agg.length;
      for (let i = 0; i < f; i++) {
        const d = doms[i];
        if (d < 0) continue;
        out[i] += (d < len ? agg[d] : 0) * w + add;
      }
    }
  }
  for (let i = 0; i < f; i++) out[i] = ignored !== null && ignored[i] === 1 ? 0 : goRound(out[i]);
  return out;
}

/**
 * Per constraint, the few pods its matches can come from, each with its node
 * (SpreadColumns.sparsePods), or null when any constraint has no such small
 * set: then the per-node columns are used.
 */
function sparseSources(
  cols: SpreadColumns,
  namespace: string,
  constraints: readonly Constraint[],
  all: readonly NodeInfo[],
  maxSize: number,
): ReadonlyMap<PodInfo, NodeInfo>[] | null {
  // Walking a posting costs a selector match per pod; a warm column one compare per node.
  const out: ReadonlyMap<PodInfo, NodeInfo>[] = [];
  for (let k = 0; k < constraints.length; k++) {
    const c = constraints[k];
    // The default constraints share one equalities list: the same pods.
    const s = k > 0 && c.equalities !== undefined && c.equalities === constraints[k - 1].equalities ? out[k - 1] : cols.sparsePods(all, namespace, c, maxSize);
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
): Int32Array {
  if (selector.empty || selector.nothing || pods.size === 0) return NO_POSITIONS; // countMatching counts nothing
  const out = new Int32Array(pods.size);
  let n = 0;
  for (const [p, ni] of pods) {
    if (p.namespace !== namespace || p.terminating) continue;
    if (!selector.matches(p.labels)) continue;
    let pos = -1;
    if (bySlot !== null) {
      const slot = ni.slot;
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
  emptyIds: readonly number[],
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
