/** Strings of the column tables (pod-table.ts, record-table.ts), by id. */

/**
 * A table's distinct strings on the wire: string k is `text.slice(offsets[k], offsets[k + 1])`
 * of their concatenation, which travels as UTF-8 `bytes` (a transferred buffer: no copy
 * for the page to read) or, when it is not well-formed UTF-16 (a lone surrogate, which
 * UTF-8 cannot carry), as the `text` itself.
 */
export interface PoolPacket {
  bytes?: Uint8Array;
  text?: string;
  /** Offsets into the concatenated text (UTF-16 units), one more than the strings. */
  offsets: Int32Array;
}

interface Codecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
}
const codecs = globalThis as unknown as Codecs;
const wellFormed = (text: string) => (text as unknown as { isWellFormed?: () => boolean }).isWellFormed?.() ?? !/[\uD800-\uDFFF]/.test(text);

/** Interns strings into ids 0, 1, 2… (the worker's side). */
export class PoolBuilder {
  private readonly ids = new Map<string, number>();
  private readonly parts: string[] = [];
  private readonly offsets: number[] = [0];
  private end = 0;

  /** The id of `s` (-1 for null). */
  id(s: string | null): number {
    if (s === null) return -1;
    let k = this.ids.get(s);
    if (k === undefined) {
      this.ids.set(s, (k = this.parts.length));
      this.parts.push(s);
      this.offsets.push((this.end += s.length));
    }
    return k;
  }

  packet(): PoolPacket {
    const text = this.parts.join('');
    const offsets = Int32Array.from(this.offsets);
    return wellFormed(text) ? { bytes: new codecs.TextEncoder().encode(text), offsets } : { text, offsets };
  }
}

/** The buffers of a pool packet to transfer. */
export const poolTransfer = (p: PoolPacket): ArrayBuffer[] => [p.offsets.buffer as ArrayBuffer, ...(p.bytes ? [p.bytes.buffer as ArrayBuffer] : [])];

/**
 * The strings a lineage of tables shares: the full frame's pool (its bytes decoded on the
 * first read, not on arrival), then the strings later diffs brought (appended,
 * deduplicated; ids never change, so older tables stay valid).
 */
export class StringPool {
  private readonly extra: string[] = [];
  private extraIds: Map<string, number> | null = null;
  private readonly base: number;
  private text: string | undefined;
  private bytes: Uint8Array | undefined;
  private readonly offsets: Int32Array;
  /** With `keep`: the strings read so far, by id, one string object each (a property key is hashed once). */
  private read: (string | undefined)[] | null = null;
  /**
   * `keep`: keep each string read (record tables, whose strings become property keys and
   * values of long-lived objects); a pod table's reads are mostly comparisons, cheaper as
   * fresh slices the young generation drops.
   */
  constructor(
    packet: PoolPacket,
    private readonly keep = false,
  ) {
    this.text = packet.text;
    this.bytes = packet.bytes;
    this.offsets = packet.offsets;
    this.base = packet.offsets.length - 1;
  }
  get(id: number): string | null {
    if (id < 0) return null;
    if (id >= this.base) return this.extra[id - this.base];
    const text = this.decoded();
    if (!this.keep) return text.slice(this.offsets[id], this.offsets[id + 1]);
    const read = (this.read ??= new Array<string | undefined>(this.base));
    let s = read[id];
    if (s === undefined) read[id] = s = text.slice(this.offsets[id], this.offsets[id + 1]);
    return s;
  }
  /** hashString(get(id)), without building the string. */
  hash(id: number): number {
    if (id < 0) return 0;
    if (id >= this.base) return hashString(this.extra[id - this.base]);
    const text = this.decoded();
    return hashRange(text, this.offsets[id], this.offsets[id + 1]);
  }
  /** Whether get(id) === s, without building the string. */
  is(id: number, s: string): boolean {
    if (id < 0) return false;
    if (id >= this.base) return this.extra[id - this.base] === s;
    const start = this.offsets[id];
    return this.offsets[id + 1] - start === s.length && this.decoded().startsWith(s, start);
  }
  private decoded(): string {
    if (this.text === undefined) {
      this.text = this.bytes ? new codecs.TextDecoder().decode(this.bytes) : '';
      this.bytes = undefined;
    }
    return this.text;
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

/** FNV-1a over the UTF-16 code units of text[start, end) (32 bits, unsigned). */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The hash StringPool.hash gives for string `s`. */
export const hashString = (s: string): number => hashRange(s, 0, s.length);
