/**
 * The Score kernel's hot loop (score-kernel.ts): the nodes no plugin needs to
 * look at, scored from the node table with the arithmetic of the plugins' own
 * fast paths — NodeResourcesFit's LeastAllocated over cpu and memory (exact
 * integer floors), BalancedAllocation's two fractions, TaintToleration's
 * counts from the table — and weighted. A function of its own, reading one
 * argument object, so that its optimized code depends on nothing else.
 */
import type { NodeTable } from '../framework/node-table';
import { leastRequestedScore } from '../plugins/node-resources-fit/scoring';
import { twoResourceBalanceChange } from '../plugins/node-resources-balanced-allocation/node-resources-balanced-allocation';

const MAX = 100;
const SAFE = Number.MAX_SAFE_INTEGER;
// NodeTable.rec's layout (REC and the R_* offsets of node-table.ts) as this
// module's own constants: imported bindings are not constants to the
// compiler, and these loops ran ~10 % slower with them. A wrong offset fails
// the lockstep tests (fused.test.ts).
const STRIDE = 8;
const ALLOC_CPU = 2;
const ALLOC_MEM = 3;
const NZ_CPU = 4;
const NZ_MEM = 5;
const REQ_CPU = 6;
const REQ_MEM = 7;

/** What the common-node loop reads and writes (one instance per kernel, reused). */
export class LoopArgs {
  n = 0;
  slots: Int32Array = new Int32Array(0);
  table: NodeTable | null = null;
  rareFlags = 0;
  tableFlag = 0;
  hasFit = false;
  fitCpu = 0;
  fitMem = 0;
  fw0 = 1;
  fw1 = 1;
  fwSum = 2;
  fwInverse = 0;
  wFit = 0;
  hasBA = false;
  baZero = false;
  baCpu = 0;
  baMem = 0;
  wBA = 0;
  base = 0;
  ilNone = 0;
  bTT: number[] = [];
  bFit: number[] = [];
  bBA: number[] = [];
  bIL: number[] = [];
  totals: Float64Array = new Float64Array(0);
  rare = new Int32Array(0);
  taintedAt = new Int32Array(0);
  taintCounts = new Float64Array(0);
  /** Out: how many rare nodes, tainted nodes, the largest taint count, and whether every score was in range. */
  nRare = 0;
  tainted = 0;
  maxCount = 0;
  ok = true;
}

/**
 * The nodes no plugin needs to look at: their scores from the node table with
 * the plugins' fast-path arithmetic, each plugin's in its buffer and the
 * weighted totals; the others are listed in k.rare.
 */
export function scoreCommonNodes(k: LoopArgs): void {
  const { n, slots, rareFlags, tableFlag, hasFit, fitCpu, fitMem, fw0, fw1, fwSum, fwInverse, wFit } = k;
  const { hasBA, baZero, baCpu, baMem, wBA, base, ilNone, bTT, bFit, bBA, bIL, totals, rare, taintedAt, taintCounts } = k;
  const { flags, allocCpu, allocMem, nzCpu, nzMem, reqCpu, reqMem, preferTaints } = k.table!;
  let nRare = 0;
  let tainted = 0;
  let maxCount = 0;
  let ok = true;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const f = flags[slot];
    const c0 = allocCpu[slot];
    const c1 = allocMem[slot];
    if ((f & rareFlags) !== 0 || !(c0 > 0 && c1 > 0)) {
      rare[nRare++] = i;
      continue;
    }
    let total = base;
    // TaintToleration: a count of 0 normalizes to 100 (reversed) whatever the
    // largest count; counted nodes are fixed up afterwards.
    if ((f & tableFlag) !== 0) {
      const count = preferTaints[slot];
      if (count > 0) {
        taintedAt[tainted] = i;
        taintCounts[tainted++] = count;
        if (count > maxCount) maxCount = count;
      }
    }
    if (hasFit) {
      // leastRequestedScore for cpu and memory, with scale100's exact floor inline (past 2^53 it is called).
      const r0 = nzCpu[slot] + fitCpu;
      const r1 = nzMem[slot] + fitMem;
      let s0 = 0;
      if (r0 <= c0) {
        const p = (c0 - r0) * 100;
        if (p <= SAFE) {
          const x = p / c0;
          s0 = Math.floor(x);
          if (s0 === x && s0 * c0 > p) s0--;
        } else s0 = leastRequestedScore(r0, c0);
      }
      let s1 = 0;
      if (r1 <= c1) {
        const p = (c1 - r1) * 100;
        if (p <= SAFE) {
          const x = p / c1;
          s1 = Math.floor(x);
          if (s1 === x && s1 * c1 > p) s1--;
        } else s1 = leastRequestedScore(r1, c1);
      }
      const sum = s0 * fw0 + s1 * fw1;
      const v = Math.floor(fwInverse !== 0 ? sum * fwInverse : sum / fwSum);
      if (!(v >= 0 && v <= MAX)) ok = false;
      bFit[i] = v;
      total += v * wFit;
    }
    if (hasBA) {
      // BalancedAllocation (v1.36): the balance with the pod against the balance without it.
      const v = twoResourceBalanceChange(reqCpu[slot], reqMem[slot], baCpu, baMem, c0, c1);
      if (!(v >= 0 && v <= MAX)) ok = false;
      bBA[i] = v;
      total += v * wBA;
    } else if (baZero) bBA[i] = 0;
    bTT[i] = MAX;
    bIL[i] = ilNone;
    totals[i] = total;
  }
  k.nRare = nRare;
  k.tainted = tainted;
  k.maxCount = maxCount;
  k.ok = ok;
}


/**
 * Math.floor(p / c) is the exact floor of the quotient for integers
 * 0 ≤ p ≤ 2^53 − 1 and c ≥ 1. A quotient that is no integer lies m/c below the
 * next integer k (p = k·c − m, m ≥ 1), while rounding moves it by at most half
 * an ulp, ≤ (p/c)·2^-53 < 1/c: it cannot reach k, so its floor stays k − 1; an
 * integer quotient is exact. (scale100 corrects a rounded-up quotient; at
 * these sizes it never has to.) score-loop.test.ts checks it against BigInt.
 */
export function exactFloorOfQuotient(p: number, c: number): number {
  return Math.floor(p / c);
}

/**
 * scoreCommonNodes without the per-plugin buffers: only the weighted totals
 * (what host selection reads), the rare nodes, the taint counts and the range
 * verdict, from the same arithmetic. An untraced cycle needs nothing else, and
 * these stores were a sixth of the loop.
 */
export function totalCommonNodes(k: LoopArgs): void {
  const { n, slots, rareFlags, tableFlag, hasFit, fitCpu, fitMem, fw0, fw1, fwSum, fwInverse, wFit } = k;
  const { hasBA, baCpu, baMem, wBA, base, totals, rare, taintedAt, taintCounts } = k;
  // The node's numbers from its record (one or two cache lines), not from six columns.
  const { flags, rec, preferTaints } = k.table!;
  let nRare = 0;
  let tainted = 0;
  let maxCount = 0;
  // How many scores fell out of range (NaN included).
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const f = flags[slot];
    const o = slot * STRIDE;
    const c0 = rec[o + ALLOC_CPU];
    const c1 = rec[o + ALLOC_MEM];
    const r0 = rec[o + NZ_CPU] + fitCpu;
    const r1 = rec[o + NZ_MEM] + fitMem;
    const p0 = (c0 - r0) * 100;
    const p1 = (c1 - r1) * 100;
    // Past 2^53 LeastAllocated needs BigInt: such nodes take the plugins' own
    // Score too, so that this loop calls nothing (a call in it costs every node).
    if ((f & rareFlags) !== 0 || !(c0 > 0 && c1 > 0) || (hasFit && !(p0 <= SAFE && p1 <= SAFE))) {
      rare[nRare++] = i;
      continue;
    }
    let total = base;
    if ((f & tableFlag) !== 0) {
      const count = preferTaints[slot];
      if (count > 0) {
        taintedAt[tainted] = i;
        taintCounts[tainted++] = count;
        if (count > maxCount) maxCount = count;
      }
    }
    if (hasFit) {
      // leastRequestedScore: 0 past capacity, else the exact floor of p / c.
      const s0 = r0 <= c0 ? exactFloorOfQuotient(p0, c0) : 0;
      const s1 = r1 <= c1 ? exactFloorOfQuotient(p1, c1) : 0;
      const sum = s0 * fw0 + s1 * fw1;
      const v = Math.floor(fwInverse !== 0 ? sum * fwInverse : sum / fwSum);
      bad += v >= 0 && v <= MAX ? 0 : 1;
      total += v * wFit;
    }
    if (hasBA) {
      // BalancedAllocation (v1.36): the balance with the pod against the balance without it.
      const v = twoResourceBalanceChange(rec[o + REQ_CPU], rec[o + REQ_MEM], baCpu, baMem, c0, c1);
      bad += v >= 0 && v <= MAX ? 0 : 1;
      total += v * wBA;
    }
    totals[i] = total;
  }
  k.nRare = nRare;
  k.tainted = tainted;
  k.maxCount = maxCount;
  k.ok = bad === 0;
}
