/**
 * PodTopologySpread's Score, NormalizeScore and weighting for the Score
 * kernel's selecting loop (fused/select-fold.ts), for the cycles a recovery
 * is made of: the system default constraints (hostname, then zone) scored by
 * slot (slot-scoring.ts). A node's score there depends only on whether it has
 * a hostname label, its zone's domain and its own count of matching pods, and
 * that count is zero but on the few nodes holding a sibling. So the nodes
 * fall into a handful of classes:
 *
 * - a plain class per (zone domain or none, hostname label or none), for the
 *   nodes without a matching pod: 2 · (zones + 1) of them;
 * - one class per node holding a matching pod (~30 for a ReplicaSet's pod).
 *
 * `classOf` maps every slot to its class (the plain classes kept across
 * cycles, rebuilt when the slot domains are; the sibling nodes' entries set
 * for the cycle and put back at the next); `add` holds, per class, the
 * normalised score times the plugin's weight — what the plugin-by-plugin pass
 * (scoreBySlot, NormalizeScore, the weighting) adds to such a node's total.
 * NormalizeScore's min and max are taken over the classes of the nodes being
 * scored (one pass reading an Int32 and a double per node); the values are
 * computed once per class with the very operations scoreBySlot and
 * NormalizeScore apply per node, so they are the same numbers.
 *
 * fold-lockstep.test.ts and recovery-shortcuts.test.ts compare every cycle's
 * totals, host and seeded draws with the plugin-by-plugin path.
 */
import type { SlotScoring } from './slot-scoring';
import type { SlotDomains } from './columns';
import { goRound } from './prescore-passes';

/** Tests and benches turn the fold off (the kernel then scores the plugin on its own), and count it. */
export const SPREAD_FOLD = { enabled: true, taken: 0 };

const MAX_NODE_SCORE = 100;

/** What the selecting loop adds: per slot a class, per class the weighted normalised score. */
export interface SpreadFold {
  readonly classOf: Int32Array;
  readonly add: Float64Array;
}

/** One per plugin instance: the class column and the per-class tables, reused cycle after cycle. */
export class SpreadFolder implements SpreadFold {
  classOf = new Int32Array(0);
  add = new Float64Array(0);
  private raw = new Float64Array(0);
  private hostDomains: SlotDomains | null = null;
  private zoneDomains: SlotDomains | null = null;
  /** How many plain classes the column was built with (sibling classes come after). */
  private plain = 0;
  /** Slots whose entry holds a sibling class this cycle (put back at the next). */
  private touched = new Int32Array(0);
  private touchedN = 0;

  /**
   * The fold of a cycle scored by slot with the system default shape
   * (constraint 0 hostname, constraint 1 a zone-like key), over the n nodes
   * PreScore was given; null when a value would fall out of NormalizeScore's
   * range (the plugin's own pass then reports it).
   */
  fold(
    slot: SlotScoring,
    skewHost: number,
    skewZone: number,
    weights: readonly number[],
    agg: Int32Array,
    weight: number,
  ): SpreadFold | null {
    const hostDoms = slot.slotDoms[0];
    const zoneDoms = slot.slotDoms[1];
    const len = hostDoms.length;
    if (this.hostDomains !== slot.domains[0] || this.zoneDomains !== slot.domains[1] || this.classOf.length < len) this.rebuild(slot, len);
    else this.putBack(hostDoms, zoneDoms);
    const cls = this.classOf;

    // The nodes holding a matching pod: a class each.
    const { found, hostBySlot } = slot;
    let classes = this.plain;
    if (this.touched.length < found.length) this.touched = new Int32Array(Math.max(found.length, 2 * this.touched.length));
    const touched = this.touched;
    let t = 0;
    for (let i = 0; i < found.length; i++) {
      const s = found[i];
      if (cls[s] >= this.plain) continue; // (several pods on one node)
      cls[s] = classes++;
      touched[t++] = s;
    }
    this.touchedN = t;

    // Per class: scoreBySlot's score (hostThenDomain), the same operations in the same order.
    if (this.raw.length < classes) {
      this.raw = new Float64Array(Math.max(classes, 2 * this.raw.length));
      this.add = new Float64Array(this.raw.length);
    }
    const raw = this.raw;
    const wHost = weights[0];
    const addHost = skewHost - 1;
    const w = weights[1];
    const add = skewZone - 1;
    const aggLen = agg.length;
    for (let c = 0; c < this.plain; c++) {
      const d = (c >> 1) - 1;
      let score = 0;
      if ((c & 1) === 0) score += 0 * wHost + addHost;
      if (d >= 0) score += (d < aggLen ? agg[d] : 0) * w + add;
      raw[c] = goRound(score);
    }
    for (let j = 0; j < t; j++) {
      const at = touched[j];
      let score = 0;
      if (hostDoms[at] >= 0) score += hostBySlot[at] * wHost + addHost;
      const d = zoneDoms[at];
      if (d >= 0) score += (d < aggLen ? agg[d] : 0) * w + add;
      raw[this.plain + j] = goRound(score);
    }

    // NormalizeScore's min and max over the scored nodes (no node is ignored on this path).
    const { slots, f } = slot;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < f; i++) {
      const r = raw[cls[slots[i]]];
      if (r < min) min = r;
      if (r > max) max = r;
    }
    const out = this.add;
    for (let c = 0; c < classes; c++) {
      const r = raw[c];
      // Only classes within [min, max] can be a scored node's; the others are never read.
      if (!(r >= min && r <= max)) {
        out[c] = NaN;
        continue;
      }
      const v = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - r)) / max);
      if (!(v >= 0 && v <= MAX_NODE_SCORE)) return null;
      out[c] = v * weight;
    }
    SPREAD_FOLD.taken++;
    return this;
  }

  /** The plain class of every slot, from the slot domains (sibling entries none). */
  private rebuild(slot: SlotScoring, len: number): void {
    const hostDoms = slot.slotDoms[0];
    const zoneDoms = slot.slotDoms[1];
    if (this.classOf.length < len) this.classOf = new Int32Array(len);
    const cls = this.classOf;
    let most = -1;
    for (let s = 0; s < len; s++) {
      const d = zoneDoms[s];
      if (d > most) most = d;
      cls[s] = plainClass(hostDoms[s], d);
    }
    this.plain = 2 * (most + 2);
    this.hostDomains = slot.domains[0];
    this.zoneDomains = slot.domains[1];
    this.touchedN = 0;
  }

  /** The last cycle's sibling slots back to their plain class. */
  private putBack(hostDoms: Int32Array, zoneDoms: Int32Array): void {
    const cls = this.classOf;
    const touched = this.touched;
    for (let j = 0; j < this.touchedN; j++) {
      const s = touched[j];
      cls[s] = plainClass(hostDoms[s], zoneDoms[s]);
    }
    this.touchedN = 0;
  }
}

/** 2 · (zone domain + 1), plus 1 without a hostname label. */
function plainClass(hostDom: number, zoneDom: number): number {
  return 2 * (zoneDom + 1) + (hostDom < 0 ? 1 : 0);
}
