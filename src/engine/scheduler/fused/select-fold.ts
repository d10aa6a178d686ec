/**
 * totalDefaultCachedSelecting (select-loop.ts) with PodTopologySpread folded
 * in: each settled node's total also takes the plugin's weighted, normalised
 * score from its class (plugins/pod-topology-spread/score-fold.ts), so a
 * recovery's Deployment pod — scored by the system default spreading — is
 * totalled and its host chosen in this one loop, as a plain pod's is, instead
 * of the cached loop, then the plugin's scoreAll, NormalizeScore and
 * weighting, then selectHostIndex (four more passes over the nodes).
 *
 * The nodes it skips (stale entries are computed here, as in select-loop.ts;
 * rare nodes, PreferNoSchedule-tainted nodes) are those the plain loop skips;
 * the kernel adds the fold's value to the rare nodes' totals once the
 * plugins' own Score has given them, and finishSelection then checks the
 * skipped nodes as it does for the plain loop. Totals are sums of integers
 * below 2^53, so adding the spreading part first gives the very totals the
 * plugin-by-plugin pass adds last.
 *
 * The loop is a copy of select-loop.ts's with one added term per node, kept
 * apart on purpose: one shared loop would test "folded or not" on every node
 * of the hot path. A change to either loop's selection belongs in both (the
 * lockstep tests in select-fold.test.ts hold the folded loop to the
 * plugin-by-plugin reference and to the unfolded kernel).
 */
import type { ScoreCache, ShapeEntry } from './score-cache';
import { resourceScores, settleListed, STALE } from './score-cache';
import type { LoopArgs } from './score-loop';
import type { Selection } from './select-loop';

export function totalDefaultCachedSelectingFolded(k: LoopArgs, e: ShapeEntry, cache: ScoreCache, sel: Selection, classOf: Int32Array, add: Float64Array): void {
  const { n, slots, rareFlags, tableFlag, base, totals, rare, taintedAt, taintCounts } = k;
  const { flags, preferTaints } = k.table!;
  const vals = e.vals;
  const { skipAt, skipBest, events } = sel;
  const special = rareFlags | tableFlag;
  let listed = 0;
  let tainted = 0;
  let maxCount = 0;
  let skipped = 0;
  let nEvents = 0;
  let fresh = 0;
  let bestTotal = -Infinity;
  let lastIsBest = false;
  let i = 0;
  while (i < n) {
    i = scanBelowFolded(slots, flags, vals, classOf, add, totals, i, n, special, base, bestTotal);
    if (i === n) break;
    const slot = slots[i];
    const f = flags[slot];
    let val = vals[slot];
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
    const t = base + val + add[classOf[slot]];
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

/** select-loop.ts's scanBelow, each total with its node's spreading part. */
function scanBelowFolded(
  slots: Int32Array,
  flags: Uint8Array,
  vals: Int32Array,
  classOf: Int32Array,
  add: Float64Array,
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
    const t = base + val + add[classOf[slot]];
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
