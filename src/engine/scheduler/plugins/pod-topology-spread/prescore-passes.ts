/**
 * The per-node passes of PodTopologySpread's PreScore (scoring.ts), each a
 * small loop over typed arrays for one constraint at a time. Kept apart and
 * small so that V8 optimizes them early and keeps them optimized: a
 * recovery's first cycles after a node kill otherwise ran one large function
 * in its baseline tier, and a deoptimization threw all of it away.
 */
import type { NodeInfo } from '../../framework/node-info';

/**
 * Each filtered node's position in the node list (-1: not in it): by its
 * table slot where `slots` (aligned with `filtered`) and `bySlot` are given,
 * else (or when the slot has none) from `positions`.
 */
export function filteredPositions(
  filtered: readonly NodeInfo[],
  slots: Int32Array | null,
  bySlot: Int32Array | null,
  positions: ReadonlyMap<NodeInfo, number>,
  out: Int32Array,
): void {
  const f = out.length;
  if (slots !== null && bySlot !== null) {
    const len = bySlot.length;
    for (let i = 0; i < f; i++) {
      const slot = slots[i];
      const p = slot >= 0 && slot < len ? bySlot[slot] : -1;
      out[i] = p >= 0 ? p : (positions.get(filtered[i]) ?? -1);
    }
    return;
  }
  for (let i = 0; i < f; i++) out[i] = positions.get(filtered[i]) ?? -1;
}

/**
 * Per filtered node in the node list: its domain id from the column `dom`
 * (by position). Entries of nodes not in the list are left as they are.
 * Returns whether there is such a node.
 */
export function filteredDomains(fPos: Int32Array, dom: Int32Array, out: Int32Array): boolean {
  let outside = false;
  for (let i = 0; i < fPos.length; i++) {
    const p = fPos[i];
    if (p >= 0) out[i] = dom[p];
    else outside = true;
  }
  return outside;
}

/** Marks the nodes whose domain id is -1 (the key is missing); returns how many were newly marked. */
export function markMissing(doms: Int32Array, ignored: Uint8Array): number {
  let marked = 0;
  for (let i = 0; i < doms.length; i++) {
    if (doms[i] < 0 && ignored[i] === 0) {
      ignored[i] = 1;
      marked++;
    }
  }
  return marked;
}

/**
 * How many distinct domains the nodes not ignored have, a missing key
 * counting as `emptyId` (the value ""). `seen` is all zeros, one entry per
 * interned value.
 */
export function distinctDomains(doms: Int32Array, emptyId: number, ignored: Uint8Array | null, seen: Uint8Array): number {
  let size = 0;
  for (let i = 0; i < doms.length; i++) {
    if (ignored !== null && ignored[i] === 1) continue;
    const raw = doms[i];
    const d = raw < 0 ? emptyId : raw;
    if (seen[d] === 0) {
      seen[d] = 1;
      size++;
    }
  }
  return size;
}

/**
 * Adds a hostname constraint's term (count × weight + add) to each filtered
 * node in the list that has the key: its count per filtered node
 * (`perNode`) or, when that is null, per position (`perPos`).
 */
export function addHostTerms(
  out: Float64Array,
  doms: Int32Array,
  fPos: Int32Array,
  perNode: Int32Array | null,
  perPos: Int32Array,
  w: number,
  add: number,
): void {
  for (let i = 0; i < out.length; i++) {
    if (doms[i] < 0) continue;
    const pos = fPos[i];
    if (pos < 0) continue;
    out[i] += (perNode !== null ? perNode[i] : perPos[pos]) * w + add;
  }
}

/** Adds a domain constraint's term (its domain's count × weight + add) to each filtered node that has the key. */
export function addDomainTerms(out: Float64Array, doms: Int32Array, agg: Int32Array, w: number, add: number): void {
  const len = agg.length;
  for (let i = 0; i < out.length; i++) {
    const d = doms[i];
    if (d < 0) continue;
    out[i] += (d < len ? agg[d] : 0) * w + add;
  }
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
 * Zeroed typed arrays for one PreScore, carved from one buffer that the next
 * PreScore with the same arena reuses: a PreScoreState built on an arena is
 * valid until the next computePreScoreState with that arena (the scheduler
 * reads it within its cycle). Typed arrays of more than 64 bytes are
 * allocated outside V8's heap, a few µs each plus the collector's work, and a
 * PreScore needs about ten of them per cycle.
 */
export class PreScoreArena {
  private buf: ArrayBuffer;
  private used = 0;

  constructor(bytes = 1 << 14) {
    this.buf = new ArrayBuffer(bytes);
  }

  /** Starts a PreScore: the arrays handed out before are given out again. */
  reset(): void {
    this.used = 0;
  }

  private take(bytes: number): number {
    const at = (this.used + 7) & ~7;
    if (at + bytes <= this.buf.byteLength) {
      this.used = at + bytes;
      return at;
    }
    // Views handed out earlier keep the old buffer.
    this.buf = new ArrayBuffer(Math.max(2 * this.buf.byteLength, 2 * bytes));
    this.used = bytes;
    return 0;
  }

  i32(n: number): Int32Array {
    const at = this.take(4 * n); // (before reading buf, which take may replace)
    const a = new Int32Array(this.buf, at, n);
    a.fill(0);
    return a;
  }

  u8(n: number): Uint8Array {
    const at = this.take(n); // (before reading buf, which take may replace)
    const a = new Uint8Array(this.buf, at, n);
    a.fill(0);
    return a;
  }

  f64(n: number): Float64Array {
    const at = this.take(8 * n); // (before reading buf, which take may replace)
    const a = new Float64Array(this.buf, at, n);
    a.fill(0);
    return a;
  }
}
