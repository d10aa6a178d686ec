/**
 * A per-shape cache of the default profile's resource scores (the part of a
 * node's total that totalDefaultNodes computes with four divisions), after
 * upstream's equivalence class cache (kube-scheduler 1.10–1.12): between two
 * cycles only the nodes that changed — the one that received the last pod,
 * plus any node or pod event — score differently for a pod of the same shape.
 *
 * A node's value, `v·wFit + u·wBA` (LeastAllocated's and BalancedAllocation's
 * scores, weighted), depends only on the node's record in the table
 * (allocatable, non-zero requested and requested cpu and memory) and on six
 * numbers of the cycle: the pod's non-zero cpu/memory requests as
 * NodeResourcesFit's PreScore left them, its cpu/memory requests as
 * BalancedAllocation's PreScore left them, and the two plugins' weights. Those
 * six numbers are the shape key. Everything else a total holds (TaintToleration
 * and ImageLocality, the rare nodes, the taint counts) depends on table flags
 * or on the cycle and is read every cycle, as totalDefaultNodes reads it. An
 * entry holds, per slot, the value (4 bytes), or STALE; when the entry is
 * taken for a cycle, the slots whose stamp moved since it was last taken
 * (NodeTable.changeLog) are marked STALE — every slot when more moved than
 * the log holds — and a STALE slot is computed again when a cycle meets it.
 * So a cycle reads one number per node, not a value and two stamps. A value is a
 * sum of integers below 2^53, so base + value is the very total
 * totalDefaultNodes adds up in another order.
 *
 * score-cache.test.ts runs it in lockstep with the plugins' own Score through
 * pod and node changes between cycles (and fused.test.ts's totals-only scheduler).
 */
import { CHANGE_LOG_SIZE, type NodeTable } from '../framework/node-table';
import type { LoopArgs } from './score-loop';
import { ShapeRing } from './shape-ring';
import { twoResourceBalanceChange } from '../plugins/node-resources-balanced-allocation/node-resources-balanced-allocation';

const MAX = 100;
const SAFE = Number.MAX_SAFE_INTEGER;
// NodeTable.rec's layout, as in total-default.ts.
const SHIFT = 3;
const ALLOC_CPU = 2;
const ALLOC_MEM = 3;
const NZ_CPU = 4;
const NZ_MEM = 5;
const REQ_CPU = 6;
const REQ_MEM = 7;
/** A node the plugins' own Score must take (no positive cpu/memory allocatable, or LeastAllocated past 2^53). */
const RARE = -1;
/** A node with a score out of range (the kernel then declines). */
const BAD = -2;
/** A slot whose value must be computed: its node changed since (or it never was). */
export const STALE = -3;
/** STALE for a slot never computed in this entry (only the counters tell them apart). */
export const UNSEEN = -4;
const INT32_MAX = 0x7fffffff;

/**
 * Tests and benches turn off filling an entry's STALE and UNSEEN values in one pass over the
 * table when many are (`ScoreCache.entryFor`); the loops then compute each where they meet it,
 * as before. A value is a pure function of the shape key and the slot's record, which nothing
 * changes during a cycle, so computing it at the cycle's start gives the same number.
 */
export const SCORE_FILL = { enabled: true };

/** An entry is filled when more than 1/FILL_FRACTION of its table slots need a value (see verdict-cache.ts's COLUMN_FILL). */
const FILL_FRACTION = 16;

/** One shape's values by slot (or STALE / UNSEEN), valid as of the table's `synced`-th change. */
export class ShapeEntry {
  readonly key = new Float64Array(6);
  vals: Int32Array;
  synced = 0;
  /** How many of `vals` are STALE or UNSEEN, past the table's slots included, as of `mark` (below). */
  unknown: number;
  /** ScoreCache.computed when the entry was last taken: the loops' computations since were all this entry's. */
  mark = 0;
  constructor(capacity: number) {
    this.vals = new Int32Array(capacity).fill(UNSEEN);
    this.unknown = capacity;
  }
}

export class ScoreCache extends ShapeRing<ShapeEntry> {
  /** Nodes whose value was computed (`refreshed`: again, their stamp having moved) or read from the cache (tests check all happen). */
  computed = 0;
  refreshed = 0;
  reused = 0;
  /** Values computed by a fill (not counted above), and the fills. */
  filled = 0;
  fills = 0;
  /** The entry the last cycle took and the computed count then (its loops' computations are the difference). */
  private taken: ShapeEntry | null = null;

  protected create(capacity: number): ShapeEntry {
    return new ShapeEntry(capacity);
  }

  protected clear(e: ShapeEntry): void {
    e.vals.fill(UNSEEN);
    e.unknown = e.vals.length;
  }

  /**
   * The entry for the shape of `k` (the cycle's loop arguments), emptied if it
   * is new; null when a value might not fit an Int32 (huge weights).
   */
  entryFor(k: LoopArgs): ShapeEntry | null {
    if (!(MAX * (k.wFit + k.wBA) <= INT32_MAX)) return null;
    const table = k.table!;
    // What the last cycle's loops computed went into the entry it took.
    const t = this.taken;
    if (t !== null) t.unknown -= this.computed - t.mark;
    this.use(table);
    const e = this.find(k, table);
    this.fill(e, k, table);
    e.mark = this.computed;
    this.taken = e;
    return e;
  }

  private find(k: LoopArgs, table: NodeTable): ShapeEntry {
    const l = this.last;
    if (l !== null && matches(l, k)) return this.fit(l, table);
    for (const e of this.entries) {
      if (matches(e, k)) {
        this.last = e;
        return this.fit(e, table);
      }
    }
    const e = this.fresh(table);
    const key = e.key;
    key[0] = k.fitCpu;
    key[1] = k.fitMem;
    key[2] = k.baCpu;
    key[3] = k.baMem;
    key[4] = k.wFit;
    key[5] = k.wBA;
    return this.fit(e, table);
  }

  /**
   * Computes every STALE or UNSEEN value of `e` for the table's slots in slot order (a free
   * slot's too: a node given the slot moves its stamp, so the change log marks it STALE again),
   * when more than 1/FILL_FRACTION of them need one. A recovery's cycle scores ~500 of 5,000
   * nodes from a rotating start, so a shape met a few times has values for part of the table
   * and meets the rest one cycle at a time, as scattered cold reads of the records.
   */
  private fill(e: ShapeEntry, k: LoopArgs, table: NodeTable): void {
    const n = table.infos.length;
    const vals = e.vals;
    if (!SCORE_FILL.enabled || (e.unknown - (vals.length - n)) * FILL_FRACTION <= n) return;
    const { rec } = table;
    const { fitCpu, fitMem, baCpu, baMem, wFit, wBA } = k;
    let done = 0;
    for (let s = 0; s < n; s++) {
      if (vals[s] > STALE) continue;
      vals[s] = resourceScores(rec, s << SHIFT, fitCpu, fitMem, baCpu, baMem, wFit, wBA);
      done++;
    }
    e.unknown -= done;
    this.filled += done;
    this.fills++;
  }

  /**
   * Grows an entry with the table (new slots UNSEEN) and marks STALE the slots
   * whose stamp moved since it was last taken (all of them past the log's reach).
   */
  private fit(e: ShapeEntry, table: NodeTable): ShapeEntry {
    const n = table.gen.length;
    if (e.vals.length < n) {
      const d = new Int32Array(n).fill(UNSEEN);
      d.set(e.vals);
      e.unknown += n - e.vals.length;
      e.vals = d;
    }
    const vals = e.vals;
    const to = table.changes;
    let unknown = e.unknown;
    if (to - e.synced > CHANGE_LOG_SIZE) {
      for (let s = 0; s < vals.length; s++) {
        if (vals[s] === UNSEEN) continue;
        if (vals[s] !== STALE) unknown++;
        vals[s] = STALE;
      }
    } else {
      const log = table.changeLog;
      for (let c = e.synced; c < to; c++) {
        const s = log[c & (CHANGE_LOG_SIZE - 1)];
        if (vals[s] > STALE) {
          vals[s] = STALE;
          unknown++;
        }
      }
    }
    e.unknown = unknown;
    e.synced = to;
    return e;
  }
}

function matches(e: ShapeEntry, k: LoopArgs): boolean {
  const key = e.key;
  // Object.is: a NaN request matches itself, and -0 is not 0 (both reach the arithmetic as they are).
  return (
    Object.is(key[0], k.fitCpu) &&
    Object.is(key[1], k.fitMem) &&
    Object.is(key[2], k.baCpu) &&
    Object.is(key[3], k.baMem) &&
    Object.is(key[4], k.wFit) &&
    Object.is(key[5], k.wBA)
  );
}

/**
 * totalDefaultNodes (total-default.ts) reading each node's resource scores
 * from `e` where they are current, computing and storing them otherwise.
 * Same outputs: totals, rare nodes (in node order), taint counts, the range
 * verdict. One branch per node in the first pass: a node with a current,
 * in-range value and no rare flag gets its total there; the others (rare
 * flags, stale entries, rare or out-of-range values) are listed and settled in
 * a second pass, in node order (only the taint counts' order differs from
 * totalDefaultNodes, and nothing reads it: each fixes its own node's total).
 */
export function totalDefaultCached(k: LoopArgs, e: ShapeEntry, cache: ScoreCache): void {
  // Values are at most 100·(wFit + wBA) ≤ 2^31 − 1 (entryFor), RARE and BAD: Int32s.
  const { n, slots, rareFlags, tableFlag, base, totals, rare, taintedAt, taintCounts } = k;
  const { flags, preferTaints } = k.table!;
  const vals = e.vals;
  // The listed nodes go into `rare` first (never more than n), then are settled in place.
  let listed = 0;
  let tainted = 0;
  let maxCount = 0;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const f = flags[slot];
    const val = vals[slot];
    if ((f & rareFlags) !== 0 || val < 0) {
      rare[listed++] = i;
      continue;
    }
    if ((f & tableFlag) !== 0) {
      const count = preferTaints[slot];
      if (count > 0) {
        taintedAt[tainted] = i;
        taintCounts[tainted++] = count;
        if (count > maxCount) maxCount = count;
      }
    }
    totals[i] = base + val;
  }
  cache.reused += n - listed;
  k.tainted = tainted;
  k.maxCount = maxCount;
  settleListed(k, e, cache, listed);
}

/** totalDefaultCached's second pass: the listed nodes, in node order; the rare ones stay in k.rare. */
export function settleListed(k: LoopArgs, e: ShapeEntry, cache: ScoreCache, listed: number): void {
  const { slots, rareFlags, tableFlag, fitCpu, fitMem, wFit, baCpu, baMem, wBA, base, totals, rare, taintedAt, taintCounts } = k;
  const { flags, rec, preferTaints } = k.table!;
  const vals = e.vals;
  let nRare = 0;
  let tainted = k.tainted;
  let maxCount = k.maxCount;
  let bad = 0;
  for (let j = 0; j < listed; j++) {
    const i = rare[j];
    const slot = slots[i];
    const f = flags[slot];
    if ((f & rareFlags) !== 0) {
      rare[nRare++] = i;
      continue;
    }
    let val = vals[slot];
    if (val <= STALE) {
      if (val === STALE) cache.refreshed++;
      val = vals[slot] = resourceScores(rec, slot << SHIFT, fitCpu, fitMem, baCpu, baMem, wFit, wBA);
      cache.computed++;
    } else cache.reused++;
    if (val < 0) {
      if (val === RARE) rare[nRare++] = i;
      else bad++;
      continue;
    }
    if ((f & tableFlag) !== 0) {
      const count = preferTaints[slot];
      if (count > 0) {
        taintedAt[tainted] = i;
        taintCounts[tainted++] = count;
        if (count > maxCount) maxCount = count;
      }
    }
    totals[i] = base + val;
  }
  k.nRare = nRare;
  k.tainted = tainted;
  k.maxCount = maxCount;
  k.ok = bad === 0;
}

/** totalDefaultNodes's arithmetic for one node at record offset o: v·wFit + u·wBA, RARE or BAD. */
export function resourceScores(rec: Float64Array, o: number, fitCpu: number, fitMem: number, baCpu: number, baMem: number, wFit: number, wBA: number): number {
  const c0 = rec[o | ALLOC_CPU];
  const c1 = rec[o | ALLOC_MEM];
  const r0 = rec[o | NZ_CPU] + fitCpu;
  const r1 = rec[o | NZ_MEM] + fitMem;
  const p0 = (c0 - r0) * 100;
  const p1 = (c1 - r1) * 100;
  if (!(c0 > 0 && c1 > 0) || !(p0 <= SAFE && p1 <= SAFE)) return RARE;
  // LeastAllocated: 0 past capacity, else the exact floor of p / c (score-loop.ts, exactFloorOfQuotient).
  const s0 = r0 <= c0 ? Math.floor(p0 / c0) : 0;
  const s1 = r1 <= c1 ? Math.floor(p1 / c1) : 0;
  const v = Math.floor((s0 + s1) * 0.5);
  // BalancedAllocation (v1.36): the balance with the pod against the balance without it.
  const u = twoResourceBalanceChange(rec[o | REQ_CPU], rec[o | REQ_MEM], baCpu, baMem, c0, c1);
  if (!(v >= 0 && v <= MAX && u >= 0 && u <= MAX)) return BAD;
  return v * wFit + u * wBA;
}
