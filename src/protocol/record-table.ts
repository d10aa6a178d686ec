/**
 * A list of records as columns (issue 4: "a full frame at 30,000 pods costs ≤ 1 ms on the
 * main thread"): a full frame's nodes, workloads and queue. Structured-cloning 1,000
 * NodeFrame objects (labels, taints, amounts) costs the page several milliseconds;
 * their columns travel as transferred buffers plus one pool of strings (UTF-8 bytes,
 * decoded on first read), and the page builds the objects when something reads them.
 *
 * Generic over fields, like the diff: every record must have the same keys in the same
 * order (the order is kept); each key's column is strings (or null), numbers (or null),
 * booleans, or — for anything else (arrays, objects) — the value's JSON text, interned,
 * parsed once per distinct text. A list that does not fit (other key orders, a value JSON
 * would not give back as it is: undefined, -0, NaN or ±Infinity inside an object,
 * a non-plain object) is not encoded: the caller sends it as it is.
 */
import { PoolBuilder, poolTransfer, StringPool, type PoolPacket } from './string-pool';

const STR = 0;
const NUM = 1;
const BOOL = 2;
const JSON_TEXT = 3;
/** Plain objects that all have the same keys in the same order: a nested table. */
const OBJECT = 4;
/** Plain objects of strings (labels): per record, its count then key and value ids. */
const DICT = 5;

/** The columns of a list of records; nested tables share their parent's pool. */
export interface RecordColumns {
  length: number;
  /** The records' keys, in their order. */
  keys: string[];
  /** Per key: STR, NUM, BOOL, JSON_TEXT, OBJECT or DICT. */
  kinds: Uint8Array;
  /** keys.length columns of `length` values, column after column: string ids (-1 for null), numbers, 0/1. */
  values: Float64Array;
  /** Per value of a NUM column: 1 when it is null. */
  nulls: Uint8Array;
  /** Per OBJECT column, its table (null for other columns). */
  nested: (RecordColumns | null)[];
  /** Per DICT column, every record's entry count then its key and value ids, record after record. */
  dicts: (Int32Array | null)[];
}

export interface RecordTablePacket extends RecordColumns {
  pool: PoolPacket;
}

function columnsTransfer(p: RecordColumns): ArrayBuffer[] {
  const out = [p.kinds.buffer, p.values.buffer, p.nulls.buffer] as ArrayBuffer[];
  for (const t of p.nested) if (t) out.push(...columnsTransfer(t));
  for (const d of p.dicts) if (d) out.push(d.buffer as ArrayBuffer);
  return out;
}
export const recordTableTransfer = (p: RecordTablePacket): ArrayBuffer[] => [...columnsTransfer(p), ...poolTransfer(p.pool)];

/** Whether JSON.parse(JSON.stringify(value)) gives back `value` exactly. */
function jsonSafe(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonSafe(value[i])) return false;
        return true;
      }
      if (!isPlain(value)) return false;
      for (const k of Object.keys(value)) if (k === '__proto__' || !jsonSafe((value as Record<string, unknown>)[k])) return false;
      return true;
    }
    default:
      return false;
  }
}

const isPlain = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** A plain object whose values are all strings, with no key JSON or a record literal would treat specially. */
function isDict(v: unknown): boolean {
  if (!isPlain(v)) return false;
  for (const k of Object.keys(v)) if (k === '__proto__' || typeof (v as Record<string, unknown>)[k] !== 'string') return false;
  return true;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The columns of `records`, or null when they do not fit (see the file's comment): send them as they are. */
export function encodeRecords(records: readonly object[]): RecordTablePacket | null {
  const pool = new PoolBuilder();
  const columns = encodeColumns(records, pool);
  return columns && { ...columns, pool: pool.packet() };
}

function encodeColumns(records: readonly object[], pool: PoolBuilder): RecordColumns | null {
  const n = records.length;
  const keys = n === 0 ? [] : Object.keys(records[0]);
  if (keys.includes('__proto__')) return null;
  for (const r of records) if (!isPlain(r) || !sameKeys(keys, Object.keys(r))) return null;
  const kinds = new Uint8Array(keys.length);
  const values = new Float64Array(keys.length * n);
  const nulls = new Uint8Array(keys.length * n);
  const nested: (RecordColumns | null)[] = keys.map(() => null);
  const dicts: (Int32Array | null)[] = keys.map(() => null);
  for (let c = 0; c < keys.length; c++) {
    const key = keys[c];
    const column = records.map((r) => (r as Record<string, unknown>)[key]);
    const at = c * n;
    if (column.every((v) => typeof v === 'boolean')) {
      kinds[c] = BOOL;
      column.forEach((v, i) => (values[at + i] = v ? 1 : 0));
    } else if (column.every((v) => v === null || typeof v === 'string')) {
      kinds[c] = STR;
      column.forEach((v, i) => (values[at + i] = pool.id(v as string | null)));
    } else if (column.every((v) => v === null || typeof v === 'number')) {
      kinds[c] = NUM;
      column.forEach((v, i) => (v === null ? (nulls[at + i] = 1) : (values[at + i] = v as number)));
    } else if (column.every(isPlain) && (nested[c] = encodeColumns(column as object[], pool))) {
      kinds[c] = OBJECT;
    } else if (column.every(isDict)) {
      kinds[c] = DICT;
      const ids: number[] = [];
      for (const v of column) {
        const entries = Object.entries(v as Record<string, string>);
        ids.push(entries.length);
        for (const [k, x] of entries) ids.push(pool.id(k), pool.id(x));
      }
      dicts[c] = Int32Array.from(ids);
    } else if (column.every(jsonSafe)) {
      kinds[c] = JSON_TEXT;
      column.forEach((v, i) => (values[at + i] = pool.id(JSON.stringify(v))));
    } else {
      return null;
    }
  }
  return { length: n, keys, kinds, values, nulls, nested, dicts };
}

/** The records of `t` as objects, every key in its order. `json` parses (and caches) a JSON text by id. */
function buildRecords<T>(t: RecordColumns, pool: StringPool, json: (id: number) => unknown): T[] {
  const { length: n, keys, kinds, values, nulls } = t;
  const nested = t.nested.map((sub) => (sub ? buildRecords<unknown>(sub, pool, json) : null));
  const cursors = t.dicts.map(() => 0);
  const out = new Array<T>(n);
  // Every record starts as a copy of one object with all the keys (one shape, no transitions).
  const template: Record<string, unknown> = {};
  for (const key of keys) template[key] = null;
  for (let i = 0; i < n; i++) {
    const record: Record<string, unknown> = { ...template };
    for (let c = 0; c < keys.length; c++) {
      const at = c * n + i;
      const kind = kinds[c];
      if (kind === STR) record[keys[c]] = pool.get(values[at] | 0);
      else if (kind === NUM) record[keys[c]] = nulls[at] ? null : values[at];
      else if (kind === BOOL) record[keys[c]] = values[at] === 1;
      else if (kind === OBJECT) record[keys[c]] = nested[c]![i];
      else if (kind === DICT) {
        const ids = t.dicts[c]!;
        let k = cursors[c];
        const dict: Record<string, string> = {};
        for (let e = ids[k++]; e > 0; e--, k += 2) dict[pool.get(ids[k])!] = pool.get(ids[k + 1])!;
        cursors[c] = k;
        record[keys[c]] = dict;
      } else record[keys[c]] = json(values[at] | 0);
    }
    out[i] = record as T;
  }
  return out;
}

/** A packet on the client: its records built on first read (once), its strings decoded on first read. */
export class RecordTable<T> {
  private readonly pool: StringPool;
  private records: T[] | null = null;
  constructor(private readonly packet: RecordTablePacket) {
    this.pool = new StringPool(packet.pool, true);
  }

  get length(): number {
    return this.packet.length;
  }

  /** The records as objects, every key in its order (the same array on every call). */
  toArray(): T[] {
    if (this.records === null) this.records = this.build();
    return this.records;
  }

  /** The values of one string (or null) column, without building the records. */
  strings(key: string): (string | null)[] {
    const { keys, kinds, values, length: n } = this.packet;
    if (n === 0) return [];
    const c = keys.indexOf(key);
    if (c < 0 || kinds[c] !== STR) throw new Error(`record table: no string column ${key}`);
    return Array.from(values.subarray(c * n, (c + 1) * n), (id) => this.pool.get(id));
  }

  private build(): T[] {
    const pool = this.pool;
    const parsed = new Map<number, unknown>();
    const json = (id: number) => {
      let v = parsed.get(id);
      if (v === undefined) parsed.set(id, (v = JSON.parse(pool.get(id)!)));
      return v;
    };
    return buildRecords<T>(this.packet, pool, json);
  }
}
