import { describe, expect, it } from 'vitest';
import type { NodeTable } from '../framework/node-table';
import { MAX_SHAPES, ShapeRing } from './shape-ring';

class Entry {
  synced = 0;
  shape = -1;
  col: Int32Array;
  constructor(capacity: number) {
    this.col = new Int32Array(capacity).fill(-1);
  }
}

/** A toy cache: a shape is a number, its column remembers what was written. */
class Toy extends ShapeRing<Entry> {
  created = 0;
  protected create(capacity: number): Entry {
    this.created++;
    return new Entry(capacity);
  }
  protected clear(e: Entry): void {
    e.col.fill(-1);
  }
  take(table: NodeTable, shape: number): Entry {
    this.use(table);
    if (this.last !== null && this.last.shape === shape) return this.last;
    for (const e of this.entries) if (e.shape === shape) return (this.last = e);
    const e = this.fresh(table);
    e.shape = shape;
    return e;
  }
}

const table = (slots: number, changes = 0, genEpoch = 0) => ({ gen: new Int32Array(slots), changes, genEpoch }) as unknown as NodeTable;

describe('ShapeRing', () => {
  it('keeps up to MAX_SHAPES shapes, then reuses the oldest entry with its column emptied', () => {
    const t = table(4, 7);
    const ring = new Toy();
    for (let s = 0; s < MAX_SHAPES; s++) ring.take(t, s).col[0] = s;
    expect(ring.created).toBe(MAX_SHAPES);
    // Every kept shape finds its own column again.
    for (let s = 0; s < MAX_SHAPES; s++) expect(ring.take(t, s).col[0]).toBe(s);
    const reused = ring.take(t, 1000);
    expect(ring.created).toBe(MAX_SHAPES);
    expect(reused.col[0]).toBe(-1);
    expect(reused.synced).toBe(7);
    // The oldest shape (0) went; the next oldest (1) is still kept.
    expect(ring.take(t, 1).col[0]).toBe(1);
    expect(ring.take(t, 0).col[0]).toBe(-1);
  });

  it('drops every entry for another table or another stamp epoch of the same table', () => {
    const t = table(4);
    const ring = new Toy();
    ring.take(t, 1).col[0] = 11;
    expect(ring.take(t, 1).col[0]).toBe(11);
    expect(ring.take(table(4), 1).col[0]).toBe(-1);
    const u = table(4);
    ring.take(u, 2).col[0] = 22;
    (u as unknown as { genEpoch: number }).genEpoch = 1;
    expect(ring.take(u, 2).col[0]).toBe(-1);
    expect(ring.created).toBe(4);
  });
});
