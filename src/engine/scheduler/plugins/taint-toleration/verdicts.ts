/**
 * TaintToleration's Filter verdicts kept across cycles. Whether a pod's
 * tolerations tolerate a node's NoSchedule/NoExecute taints depends on the
 * tolerations' content and the node's taints only; stored objects are never
 * edited in place, so a node whose taints array is the one a verdict was
 * computed from has the same taints. The node table names each slot's taints
 * array by a stamp (NodeTable.taintStamp, unique across tables), so verdicts
 * are kept per tolerations content (the four fields ToleratesTaint reads)
 * and, within that, by node slot with the stamp they were computed at: two
 * typed arrays, checked without reading the NodeInfo or its taints.
 */
import type { Toleration } from '../../../model/types';

/** Verdicts for one tolerations content, by node slot. */
export class SlotVerdicts {
  /** The taint stamp each slot's verdict was computed at (0: none). */
  private stamps = new Float64Array(64);
  private tolerated = new Uint8Array(64);

  /** The verdict recorded for `slot` if it was computed at this taint stamp. */
  get(slot: number, stamp: number): boolean | undefined {
    if (slot >= this.stamps.length || this.stamps[slot] !== stamp) return undefined;
    return this.tolerated[slot] === 1;
  }

  set(slot: number, stamp: number, tolerated: boolean): void {
    if (slot >= this.stamps.length) {
      const n = Math.max(slot + 1, this.stamps.length * 2);
      const stamps = new Float64Array(n);
      stamps.set(this.stamps);
      this.stamps = stamps;
      const grown = new Uint8Array(n);
      grown.set(this.tolerated);
      this.tolerated = grown;
    }
    this.stamps[slot] = stamp;
    this.tolerated[slot] = tolerated ? 1 : 0;
  }
}

/** Few distinct tolerations sets are in flight; past this many the cache starts over. */
const MAX_SETS = 256;

const isPrimitive = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The content of a tolerations list as ToleratesTaint reads it (key,
 * operator, value, effect, with their types), or null when some field is not
 * a plain value (such a list is not cached).
 */
export function tolerationsKey(tolerations: readonly Toleration[] | undefined): string | null {
  if (tolerations === undefined) return 'u';
  if (!Array.isArray(tolerations)) return null;
  let key = 'a';
  for (const t of tolerations as readonly unknown[]) {
    if (typeof t !== 'object' || t === null) return null;
    const { key: k, operator, value, effect } = t as Record<string, unknown>;
    for (const f of [k, operator, value, effect]) {
      if (!isPrimitive(f)) return null;
      const str = String(f);
      if (str.includes('\0') || str.includes('\u0001')) return null;
      key += typeof f + '\0' + str + '\0';
    }
    key += '\u0001';
  }
  return key;
}

export class TaintVerdictCache {
  private readonly sets = new Map<string, SlotVerdicts>();
  private lastTolerations: readonly Toleration[] | undefined | null = null;
  private last: SlotVerdicts | null = null;

  /** The verdicts for these tolerations (looked up by content, the same array reused), or null when they cannot be keyed. */
  of(tolerations: readonly Toleration[] | undefined): SlotVerdicts | null {
    if (tolerations === this.lastTolerations) return this.last;
    const key = tolerationsKey(tolerations);
    let v: SlotVerdicts | null = null;
    if (key !== null) {
      v = this.sets.get(key) ?? null;
      if (v === null) {
        if (this.sets.size >= MAX_SETS) this.sets.clear();
        this.sets.set(key, (v = new SlotVerdicts()));
      }
    }
    this.lastTolerations = tolerations;
    this.last = v;
    return v;
  }
}
