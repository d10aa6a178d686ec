/** Strings of the pod tables (pod-table.ts), by id. */
/**
 * The strings a lineage of tables shares: the full frame's text, then the strings later
 * diffs brought (appended, deduplicated; ids never change, so older tables stay valid).
 */
export class StringPool {
  private readonly extra: string[] = [];
  private extraIds: Map<string, number> | null = null;
  private readonly base: number;
  constructor(
    private readonly text: string,
    private readonly offsets: Int32Array,
  ) {
    this.base = offsets.length - 1;
  }
  get(id: number): string | null {
    if (id < 0) return null;
    return id < this.base ? this.text.slice(this.offsets[id], this.offsets[id + 1]) : this.extra[id - this.base];
  }
  /** The id of `s`: `hint`'s when it holds the same string (a changed pod keeps most of its strings), else a pool id. */
  id(s: string | null, hint: number): number {
    if (s === null) return -1;
    if (hint >= 0 && this.get(hint) === s) return hint;
    this.extraIds ??= new Map();
    let k = this.extraIds.get(s);
    if (k === undefined) {
      k = this.base + this.extra.length;
      this.extra.push(s);
      this.extraIds.set(s, k);
    }
    return k;
  }
}
