/**
 * PodTopologySpread's PreScore and Score by node-table slot, for the case a
 * recovery's cycles are made of: a Deployment pod with the system default
 * constraints (hostname and zone, ScheduleAnyway, one owner selector, no
 * requireAll, no inclusion policy that applies), scheduled over nodes the
 * scheduler hands over with their slots. computePreScoreState's per-node
 * passes (positions, domains per constraint, distinct domains, hostname
 * counts per filtered node, the terms per constraint, the rounding) become:
 *
 * - the topology value of every node kept per slot (SpreadColumns.slotDomains,
 *   rebuilt only when the node list changes), with how many distinct values
 *   the whole list has, so that counting a zone constraint's domains among the
 *   filtered nodes stops as soon as all of them were seen;
 * - the matching pods' nodes as slots: per-domain counts, and hostname counts
 *   in a per-slot scratch that stays zero but for those nodes;
 * - Score as one loop over the slots, adding the constraints' terms in
 *   constraint order exactly as score() adds them.
 *
 * computePreScoreState makes a PreScoreState of it that score() and
 * NormalizeScore read as any other (positions, counts per domain, lazy
 * per-position hostname counts); only PodTopologySpreadPlugin.scoreAll takes
 * its per-slot data.
 * Anything else (requireAll, an inclusion policy that applies, constraints
 * that do not share one walk of the pods, a node outside the list, no small
 * posting) returns null: computePreScoreState then runs as before.
 */
import type { NodeInfo } from '../../framework/node-info';
import type { NodeTable } from '../../framework/node-table';
import type { PodInfo } from '../../framework/pod-info';
import type { Selector } from '../../../model/labels';
import type { Constraint, RequiredAffinity } from './constraints';
import type { SlotDomains, SpreadColumns, SpreadPlan } from './columns';
import { goRound, type PreScoreArena } from './prescore-passes';
import { labelsOfSet, Posting, type PostingColumns } from '../../framework/posting';

/** What scoreAll needs to score the filtered nodes by slot (PreScoreState.slot). */
export class SlotScoring {
  constructor(
    readonly table: NodeTable,
    /** The scheduler's slots of the filtered nodes (its buffer: valid within the cycle). */
    readonly slots: Int32Array,
    /** How many filtered nodes. */
    readonly f: number,
    /** Per constraint: the domain id of each slot's node (-1: the node lacks the key). */
    readonly slotDoms: readonly Int32Array[],
    /** Matching pods per slot (the nodes of the hostname constraints' pods; zero elsewhere). */
    readonly hostBySlot: Int32Array,
    /** Per constraint: the SlotDomains `slotDoms` came from (its identity moves when they are rebuilt). */
    readonly domains: readonly SlotDomains[],
    /** The matching pods' slots, one entry per pod (PreScore's arena: valid within the cycle). */
    readonly found: Int32Array,
    /** Node-list positions by slot, the list's length, and which constraints are hostname ones (for hostCounts). */
    private readonly bySlot: Int32Array,
    private readonly n: number,
    private readonly isHost: readonly boolean[],
  ) {}

  /** PreScoreState.hostCounts: per hostname constraint, matching pods per node position (made when first read). */
  hostCounts(): readonly (Int32Array | null)[] {
    const out: (Int32Array | null)[] = [];
    for (let k = 0; k < this.isHost.length; k++) out.push(this.isHost[k] ? countsByPosition(this.found, this.bySlot, this.n) : null);
    return out;
  }
}

const NO_FOUND = new Int32Array(0);

/** What slotPreScore computed; scoring.ts makes the PreScoreState of it. */
export interface SlotPreScore {
  readonly counts: readonly (Int32Array | null)[];
  readonly weights: readonly number[];
  readonly slot: SlotScoring;
}

/**
 * The PreScore data by slot, or null when this path does not apply (see the
 * file's comment). `sparse` is what sparseSources found per constraint;
 * `filteredSlots` are the filtered nodes' slots in their table, aligned.
 */
export function slotPreScore(
  cols: SpreadColumns,
  pod: PodInfo,
  constraints: readonly Constraint[],
  plan: SpreadPlan,
  emptyIds: Int32Array,
  required: RequiredAffinity | null,
  all: readonly NodeInfo[],
  filtered: readonly NodeInfo[],
  filteredSlots: Int32Array,
  sparse: readonly ReadonlyMap<PodInfo, NodeInfo>[],
  arena: PreScoreArena,
): SlotPreScore | null {
  const m = constraints.length;
  const f = filtered.length;
  if (f === 0 || m === 0) return null;
  const table = filtered[0].table;
  if (table === null) return null;
  const selector = constraints[0].selector;
  for (let k = 0; k < m; k++) {
    // One walk of the pods for every constraint (the default ones share selector and pods).
    if (sparse[k] !== sparse[0] || constraints[k].selector !== selector) return null;
    if (plan.taintsHonored[k]) return null;
    if (required !== null && plan.affinityHonored[k]) return null;
  }
  const bySlot = cols.positions.bySlotOf(all, table);
  if (bySlot === null) return null;
  if (!allListed(filteredSlots, f, bySlot)) return null;

  const { interners, isHost } = plan;
  const slotDoms: Int32Array[] = [];
  const domains: SlotDomains[] = [];
  const weights: number[] = [];
  for (let k = 0; k < m; k++) {
    const sd = cols.slotDomains(constraints[k].topologyKey, all, table, emptyIds[k]);
    slotDoms.push(sd.doms);
    domains.push(sd);
    const size = isHost[k] ? f : distinctAmong(filteredSlots, f, sd.doms, emptyIds[k], sd.distinct, arena.u8(interners[k].size));
    weights.push(Math.log(size + 2));
  }

  // The matching pods' nodes, by slot; per-domain counts; hostname counts per slot.
  const found = matchingSlots(pod.namespace, selector, sparse[0], bySlot, arena);
  const hostBySlot = cols.hostScratch(found, bySlot.length);
  const counts: (Int32Array | null)[] = [];
  for (let k = 0; k < m; k++) {
    if (isHost[k]) {
      counts.push(null);
      continue;
    }
    const agg = arena.i32(interners[k].size);
    countDomains(found, slotDoms[k], emptyIds[k], agg);
    counts.push(agg);
  }
  return { counts, weights, slot: new SlotScoring(table, filteredSlots, f, slotDoms, hostBySlot, domains, found, bySlot, all.length, isHost) };
}

/** Whether every one of the first `f` slots holds a node of the list. */
function allListed(slots: Int32Array, f: number, bySlot: Int32Array): boolean {
  const len = bySlot.length;
  for (let i = 0; i < f; i++) {
    const s = slots[i];
    if (s < 0 || s >= len || bySlot[s] < 0) return false;
  }
  return true;
}

/**
 * How many distinct domains the filtered nodes have (a missing key counting
 * as `emptyId`), stopping once `most` (the whole list's number) were seen.
 * `seen` is all zeros, one entry per interned value.
 */
export function distinctAmong(slots: Int32Array, f: number, doms: Int32Array, emptyId: number, most: number, seen: Uint8Array): number {
  let size = 0;
  for (let i = 0; i < f; i++) {
    const raw = doms[slots[i]];
    const d = raw < 0 ? emptyId : raw;
    if (seen[d] === 0) {
      seen[d] = 1;
      if (++size === most) break;
    }
  }
  return size;
}

/**
 * The slots of the nodes of the pods of `pods` that countMatching counts
 * (the namespace's non-terminating pods the selector matches), one entry per
 * pod, in the posting's order; pods whose node is not in the list are left out.
 */
function matchingSlots(namespace: string, selector: Selector, pods: ReadonlyMap<PodInfo, NodeInfo>, bySlot: Int32Array, arena: PreScoreArena): Int32Array {
  if (selector.empty || selector.nothing || pods.size === 0) return NO_FOUND; // countMatching counts nothing
  if (pods instanceof Posting && TYPED_WALK.enabled) {
    const cols = pods.columns;
    // Every entry filed in this snapshot with a label-set id: the posting's columns (same pods, another order).
    if (cols !== null && cols.unknown === 0 && cols.n === pods.size) return typedSlots(cols, selector, bySlot, arena);
  }
  const walk = slotWalk;
  walk.out = arena.i32(pods.size);
  walk.n = 0;
  walk.namespace = namespace;
  walk.selector = selector;
  walk.bySlot = bySlot;
  // forEach, not for…of with [p, ni]: no entry array per pod.
  pods.forEach(walk.visit);
  const out = walk.out.subarray(0, walk.n);
  walk.out = NO_FOUND;
  walk.selector = null;
  walk.bySlot = NO_FOUND;
  return out;
}

/** matchingSlots's walk: one object for the whole process (its callback made once). */
class SlotWalk {
  out: Int32Array = NO_FOUND;
  n = 0;
  namespace = '';
  selector: Selector | null = null;
  bySlot: Int32Array = NO_FOUND;
  readonly visit = (ni: NodeInfo, p: PodInfo): void => {
    // What the pod was when filed under this node (PodInfo.postedNode): no pod or node object read.
    const filed = p.postedNode === ni;
    if (p.namespace !== this.namespace || (filed ? p.postedTerminating : p.terminating)) return;
    if (!p.selectedBy(this.selector!)) return;
    const s = filed ? p.postedSlot : ni.slot;
    const bySlot = this.bySlot;
    if (s >= 0 && s < bySlot.length && bySlot[s] >= 0) this.out[this.n++] = s;
  };
}
const slotWalk = new SlotWalk();

/** Tests turn the walk of the posting's columns off (the Map is walked), to compare. */
export const TYPED_WALK = { enabled: true, taken: 0 };

/** typedSlots's answers per label set within one walk (a ReplicaSet's posting holds one or two sets). */
const memoSets = new Int32Array(8);
const memoAnswers = new Uint8Array(8);

/**
 * matchingSlots from the posting's columns: the slots of its non-terminating
 * pods whose label set the selector matches (asked once per set, of a labels
 * object with the set's content), on nodes of the list. The posting's pods
 * are all of the walk's namespace (its key starts with it).
 */
function typedSlots(cols: PostingColumns, selector: Selector, bySlot: Int32Array, arena: PreScoreArena): Int32Array {
  TYPED_WALK.taken++;
  const n = cols.n;
  const out = arena.i32(n);
  const { slots, terminating, sets } = cols;
  const len = bySlot.length;
  let memo = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (terminating[i] !== 0) continue;
    const set = sets[i];
    let j = 0;
    while (j < memo && memoSets[j] !== set) j++;
    let yes: boolean;
    if (j < memo) yes = memoAnswers[j] === 1;
    else {
      yes = selector.matches(labelsOfSet(set));
      if (memo < memoSets.length) {
        memoSets[memo] = set;
        memoAnswers[memo++] = yes ? 1 : 0;
      }
    }
    if (!yes) continue;
    const s = slots[i];
    if (s >= 0 && s < len && bySlot[s] >= 0) out[k++] = s;
  }
  return out.subarray(0, k);
}

/** Adds each found node's domain (a missing key counting as `emptyId`) to `agg`. */
function countDomains(found: Int32Array, doms: Int32Array, emptyId: number, agg: Int32Array): void {
  for (let i = 0; i < found.length; i++) {
    const d = doms[found[i]];
    agg[d < 0 ? emptyId : d]++;
  }
}

/** Matching pods per node position, from their slots. */
function countsByPosition(found: Int32Array, bySlot: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < found.length; i++) out[bySlot[found[i]]]++;
  return out;
}

/**
 * score() of the first `n` nodes of `slots` (the nodes PreScore was given),
 * into `out`: Σ over the constraints whose key the node has of count × weight
 * + (maxSkew − 1), added in constraint order, then rounded.
 */
export function scoreBySlot(
  constraints: readonly Constraint[],
  isHostname: readonly boolean[],
  weights: readonly number[],
  counts: readonly (Int32Array | null)[],
  slot: SlotScoring,
  n: number,
  out: number[],
): void {
  const { slots, slotDoms, hostBySlot } = slot;
  if (constraints.length === 2 && isHostname[0] && !isHostname[1]) {
    // The system defaults: hostname, then zone.
    hostThenDomain(slots, n, slotDoms[0], hostBySlot, weights[0], constraints[0].maxSkew - 1, slotDoms[1], counts[1]!, weights[1], constraints[1].maxSkew - 1, out);
    return;
  }
  for (let i = 0; i < n; i++) {
    const at = slots[i];
    let score = 0;
    for (let k = 0; k < constraints.length; k++) {
      const d = slotDoms[k][at];
      if (d < 0) continue;
      const agg = counts[k];
      const cnt = agg === null ? hostBySlot[at] : d < agg.length ? agg[d] : 0;
      score += cnt * weights[k] + (constraints[k].maxSkew - 1);
    }
    out[i] = goRound(score);
  }
}

function hostThenDomain(
  slots: Int32Array,
  n: number,
  hostDoms: Int32Array,
  hostBySlot: Int32Array,
  wHost: number,
  addHost: number,
  doms: Int32Array,
  agg: Int32Array,
  w: number,
  add: number,
  out: number[],
): void {
  const len = agg.length;
  for (let i = 0; i < n; i++) {
    const at = slots[i];
    let score = 0;
    if (hostDoms[at] >= 0) score += hostBySlot[at] * wHost + addHost;
    const d = doms[at];
    if (d >= 0) score += (d < len ? agg[d] : 0) * w + add;
    out[i] = goRound(score);
  }
}
