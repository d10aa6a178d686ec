/**
 * Host selection folded into the cached Score loop (score-cache.ts): the
 * totals of the nodes the loop settles at once are compared with the running
 * best as they are computed, as selectHostIndex (select-host.ts) compares
 * them, and the nodes whose totals are only known after the loop — the ones
 * it lists (stale cache entries, rare nodes) and the ones with a PreferNoSchedule
 * taint (TaintToleration normalises by the window's largest count) — are
 * skipped, each with the running best it was passed at.
 *
 * Once every total is final (`finishSelection`): if each skipped node's total
 * is below the running best it was skipped at (−∞ before any node: the first
 * node must not be skipped), selectHostIndex over all the totals takes the very
 * steps the loop took over the others — a skipped node is neither a new best
 * nor a tie when it comes — so its ties, and the seeded draws it makes for
 * them, are the loop's. The draws are made then, in order, from the recorded
 * ties (the loop draws nothing, so nothing is drawn when the check fails); if
 * it fails, selectHostIndex runs over the totals as before.
 *
 * fused.test.ts and score-cache.test.ts compare the node chosen, the totals
 * and the generator's state with the plugin-by-plugin path's every cycle.
 */
import type { Rng } from '../../random/rng';
import { selectHostIndex } from '../select-host';
import type { ScoreCache, ShapeEntry } from './score-cache';
import { resourceScores, settleListed, STALE } from './score-cache';
import type { LoopArgs } from './score-loop';

/** The selection's record for one cycle (one instance per kernel, reused). */
export class Selection {
  /** Skipped nodes: their positions and the running best each was skipped at. */
  skipAt = new Int32Array(64);
  skipBest = new Float64Array(64);
  skipped = 0;
  /** In order, a new best at position i as ~i, a tie with the running best at i as i. */
  events = new Int32Array(64);
  nEvents = 0;
  /** Cycles decided by the loop, and those that fell back to selectHostIndex (tests check both happen). */
  decided = 0;
  fellBack = 0;

  /** Room for n nodes (every node may be skipped or make an event). */
  reserve(n: number): void {
    if (this.skipAt.length < n) {
      this.skipAt = new Int32Array(n);
      this.skipBest = new Float64Array(n);
      this.events = new Int32Array(n);
    }
  }
}

/**
 * totalDefaultCached (score-cache.ts) that also runs host selection over the
 * nodes it settles at once, recording in `sel` the skipped nodes and the
 * selection's steps. Same totals, rare nodes and taint counts; a stale entry
 * is computed in the loop instead of in settleListed (the same value).
 */
export function totalDefaultCachedSelecting(k: LoopArgs, e: ShapeEntry, cache: ScoreCache, sel: Selection): void {
  const { n, slots, rareFlags, tableFlag, base, totals, rare, taintedAt, taintCounts } = k;
  const { flags, preferTaints } = k.table!;
  const vals = e.vals;
  const { skipAt, skipBest, events } = sel;
  // Nodes the scan stops at: rare flags or a PreferNoSchedule taint.
  const special = rareFlags | tableFlag;
  let listed = 0;
  let tainted = 0;
  let maxCount = 0;
  let skipped = 0;
  let nEvents = 0;
  let fresh = 0;
  let bestTotal = -Infinity;
  // Whether the last event is a new best (a later new best then replaces it: only the last one before a tie counts).
  let lastIsBest = false;
  let i = 0;
  while (i < n) {
    // The common nodes (current entry, no special flag, below the running best) in a loop of their own.
    i = scanBelow(slots, flags, vals, totals, i, n, special, base, bestTotal);
    if (i === n) break;
    const slot = slots[i];
    const f = flags[slot];
    let val = vals[slot];
    // A stale entry is computed here (so that its node takes part in the selection in order).
    if (val <= STALE && (f & rareFlags) === 0) {
      val = refresh(k, vals, slot, cache);
      fresh++;
    }
    if ((f & rareFlags) !== 0 || val < 0) {
      rare[listed++] = i;
      skipAt[skipped] = i;
      skipBest[skipped++] = bestTotal;
      i++;
      continue;
    }
    const t = base + val;
    totals[i] = t;
    if ((f & tableFlag) !== 0) {
      const count = preferTaints[slot];
      if (count > 0) {
        taintedAt[tainted] = i;
        taintCounts[tainted++] = count;
        if (count > maxCount) maxCount = count;
        skipAt[skipped] = i;
        skipBest[skipped++] = bestTotal;
        i++;
        continue;
      }
    }
    if (t > bestTotal) {
      bestTotal = t;
      if (lastIsBest) events[nEvents - 1] = ~i;
      else {
        events[nEvents++] = ~i;
        lastIsBest = true;
      }
    } else if (t === bestTotal) {
      events[nEvents++] = i;
      lastIsBest = false;
    }
    i++;
  }
  cache.reused += n - listed - fresh;
  k.tainted = tainted;
  k.maxCount = maxCount;
  sel.skipped = skipped;
  sel.nEvents = nEvents;
  settleListed(k, e, cache, listed);
}

/**
 * From position i on, the totals of the nodes that need nothing else — a
 * current value (no STALE, RARE …), no `special` flag, a total below `best` —
 * until the first that does (its position; n when none).
 */
function scanBelow(
  slots: Int32Array,
  flags: Uint8Array,
  vals: Int32Array,
  totals: Float64Array,
  i: number,
  n: number,
  special: number,
  base: number,
  best: number,
): number {
  for (; i < n; i++) {
    const slot = slots[i];
    const val = vals[slot];
    const t = base + val;
    if ((flags[slot] & special) !== 0 || val < 0 || t >= best) return i;
    totals[i] = t;
  }
  return n;
}

/** A stale entry's value, computed and stored (as settleListed does). */
function refresh(k: LoopArgs, vals: Int32Array, slot: number, cache: ScoreCache): number {
  if (vals[slot] === STALE) cache.refreshed++;
  const val = (vals[slot] = resourceScores(k.table!.rec, slot << 3, k.fitCpu, k.fitMem, k.baCpu, k.baMem, k.wFit, k.wBA));
  cache.computed++;
  return val;
}

/**
 * The host's position once every total in `totals` (n of them) is final:
 * from the loop's record when every skipped node is below the best it was
 * skipped at, else from selectHostIndex. Draws from `rng` exactly as
 * selectHostIndex(n, totals, rng) does.
 */
export function finishSelection(sel: Selection, n: number, totals: ArrayLike<number>, rng: Rng): number {
  const { skipAt, skipBest, events } = sel;
  let j = 0;
  if (sel.skipped > 0 && skipBest[0] === -Infinity) {
    // Nodes skipped before the loop's first node (positions 0 … j − 1, so that
    // node is at j): selectHostIndex would start with them. It takes the same
    // steps if they make no tie among themselves (no draw) and their best is
    // below that first node's total (which then starts afresh, as in the loop).
    let lead = -Infinity;
    for (; j < sel.skipped && skipBest[j] === -Infinity; j++) {
      const t = totals[skipAt[j]];
      if (t === lead) break;
      if (t > lead) lead = t;
    }
    if ((j < sel.skipped && skipBest[j] === -Infinity) || sel.nEvents === 0 || !(lead < totals[j])) {
      sel.fellBack++;
      return selectHostIndex(n, totals, rng);
    }
  }
  for (; j < sel.skipped; j++) {
    if (!(totals[skipAt[j]] < skipBest[j])) {
      sel.fellBack++;
      return selectHostIndex(n, totals, rng);
    }
  }
  sel.decided++;
  let best = -1;
  let count = 1;
  for (let j = 0; j < sel.nEvents; j++) {
    const ev = events[j];
    if (ev < 0) {
      best = ~ev;
      count = 1;
    } else {
      count++;
      if (rng.intn(count) === 0) best = ev;
    }
  }
  return best;
}
