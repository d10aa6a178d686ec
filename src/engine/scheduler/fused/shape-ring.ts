/**
 * The entries of a per-pod-shape cache of per-slot columns kept between cycles
 * (score-cache.ts's resource scores, verdict-cache.ts's Filter verdicts): up to
 * MAX_SHAPES shapes at once, the oldest reused past that, every entry dropped when
 * the cycle's node table or its stamp epoch is another. A subclass keys its entries
 * and keeps each column in step with the table's change log.
 */
import type { NodeTable } from '../framework/node-table';

/** Shapes kept at once; past that the oldest entry is reused. */
export const MAX_SHAPES = 32;

/** What a ring keeps per shape: at least the table change count its column is valid at. */
export interface ShapeColumn {
  synced: number;
}

export abstract class ShapeRing<E extends ShapeColumn> {
  /** The kept entries, oldest first until the ring wraps. */
  protected entries: E[] = [];
  /** The entry the last cycle took (checked first: consecutive pods often share a shape). */
  protected last: E | null = null;
  private next = 0;
  private table: NodeTable | null = null;
  private epoch = 0;

  /** A new entry with an empty column of `capacity` slots. */
  protected abstract create(capacity: number): E;
  /** Empties a reused entry's column. */
  protected abstract clear(e: E): void;

  /** Drops every entry unless they were kept for `table` at its current stamp epoch. */
  protected use(table: NodeTable): void {
    if (table !== this.table || table.genEpoch !== this.epoch) {
      this.table = table;
      this.epoch = table.genEpoch;
      this.entries = [];
      this.last = null;
      this.next = 0;
    }
  }

  /** An empty entry (new, or the oldest reused) valid as of now and made the last one taken; the caller writes its key. */
  protected fresh(table: NodeTable): E {
    let e: E;
    if (this.entries.length < MAX_SHAPES) {
      e = this.create(table.gen.length);
      this.entries.push(e);
    } else {
      e = this.entries[this.next];
      this.next = (this.next + 1) % MAX_SHAPES;
      this.clear(e);
    }
    e.synced = table.changes;
    this.last = e;
    return e;
  }
}
