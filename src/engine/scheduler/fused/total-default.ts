/**
 * totalCommonNodes (score-loop.ts) for the default profile's shape: both
 * NodeResourcesFit (LeastAllocated, cpu and memory weighted 1 and 1) and
 * BalancedAllocation score. Same arithmetic, in the same order, with fewer
 * loop-invariant values held through the loop (no resource weights, no
 * branches on which plugin is there): LeastAllocated's (s0·1 + s1·1) / 2 is
 * (s0 + s1) / 2, and halving is exact. The lockstep tests (fused.test.ts)
 * compare it with the plugins' own Score every cycle.
 */
import type { LoopArgs } from './score-loop';
import { twoResourceBalanceChange } from '../plugins/node-resources-balanced-allocation/node-resources-balanced-allocation';

const MAX = 100;
const SAFE = Number.MAX_SAFE_INTEGER;
// NodeTable.rec's layout (REC = 1 << SHIFT and R_* in node-table.ts), as in score-loop.ts.
const SHIFT = 3;
const ALLOC_CPU = 2;
const ALLOC_MEM = 3;
const NZ_CPU = 4;
const NZ_MEM = 5;
const REQ_CPU = 6;
const REQ_MEM = 7;

/** Whether totalDefaultNodes computes what totalCommonNodes would for these arguments. */
export function isDefaultShape(k: LoopArgs): boolean {
  return k.hasFit && k.hasBA && k.fw0 === 1 && k.fw1 === 1;
}

export function totalDefaultNodes(k: LoopArgs): void {
  const { n, slots, rareFlags, tableFlag, fitCpu, fitMem, wFit, baCpu, baMem, wBA, base, totals, rare, taintedAt, taintCounts } = k;
  const { flags, rec, preferTaints } = k.table!;
  let nRare = 0;
  let tainted = 0;
  let maxCount = 0;
  // How many scores fell out of range (NaN included).
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const f = flags[slot];
    // slot << 3 and o | k: int32 operations V8 compiles without an overflow check each.
    const o = slot << SHIFT;
    const c0 = rec[o | ALLOC_CPU];
    const c1 = rec[o | ALLOC_MEM];
    const r0 = rec[o | NZ_CPU] + fitCpu;
    const r1 = rec[o | NZ_MEM] + fitMem;
    const p0 = (c0 - r0) * 100;
    const p1 = (c1 - r1) * 100;
    if ((f & rareFlags) !== 0 || !(c0 > 0 && c1 > 0) || !(p0 <= SAFE && p1 <= SAFE)) {
      rare[nRare++] = i;
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
    // LeastAllocated: 0 past capacity, else the exact floor of p / c (score-loop.ts, exactFloorOfQuotient).
    const s0 = r0 <= c0 ? Math.floor(p0 / c0) : 0;
    const s1 = r1 <= c1 ? Math.floor(p1 / c1) : 0;
    const v = Math.floor((s0 + s1) * 0.5);
    // BalancedAllocation (v1.36): the balance with the pod against the balance without it.
    const u = twoResourceBalanceChange(rec[o | REQ_CPU], rec[o | REQ_MEM], baCpu, baMem, c0, c1);
    bad += (v >= 0 && v <= MAX ? 0 : 1) + (u >= 0 && u <= MAX ? 0 : 1);
    totals[i] = base + v * wFit + u * wBA;
  }
  k.nRare = nRare;
  k.tainted = tainted;
  k.maxCount = maxCount;
  k.ok = bad === 0;
}
