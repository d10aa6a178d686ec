import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecords, RecordTable, recordTableTransfer } from './record-table';

/** Exact equality: Object.is for primitives (so -0 and NaN count), keys in the same order, same prototypes. */
function exact(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => exact((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const roundTrip = <T>(records: T[]): T[] | null => {
  const packet = encodeRecords(records as object[]);
  if (!packet) return null;
  return new RecordTable<T>(structuredClone(packet, { transfer: recordTableTransfer(packet) })).toArray();
};

// Values of every kind a column can hold, and some that no column can.
const leaf = fc.oneof(fc.string(), fc.constant(null), fc.double(), fc.integer(), fc.boolean(), fc.constant(-0), fc.constant(NaN));
const nested = fc.oneof(fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), leaf, { maxKeys: 3 }), fc.constant(undefined));
const value = fc.oneof(leaf, nested);

describe('record table', () => {
  it('gives back exactly the records it encodes, or declines', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 5 }), fc.integer({ min: 0, max: 8 }), fc.array(value, { maxLength: 40 }), (keys, n, pool) => {
        const unique = [...new Set(keys)].filter((k) => k !== '__proto__');
        const records = Array.from({ length: n }, (_, i) => Object.fromEntries(unique.map((k, c) => [k, pool.length ? pool[(i * 7 + c * 3) % pool.length] : null])));
        const back = roundTrip(records);
        // Declined only when some value is one JSON would not give back as it is (the last resort).
        const jsonExact = (v: unknown) => v !== undefined && exact(JSON.parse(JSON.stringify(v)), v);
        if (back === null) expect(records.some((r) => Object.values(r).some((v) => !jsonExact(v)))).toBe(true);
        else {
          expect(back).toHaveLength(records.length);
          back.forEach((r, i) => expect(exact(r, records[i])).toBe(true));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps strings that UTF-8 cannot carry (a lone surrogate) as text', () => {
    const records = [{ name: 'a\uD800b', note: ['\uDC00'] }, { name: 'ü', note: [] }];
    const packet = encodeRecords(records)!;
    expect(packet.pool.bytes).toBeUndefined();
    expect(roundTrip(records)).toEqual(records);
    expect(encodeRecords([{ name: 'ü' }])!.pool.bytes).toBeInstanceOf(Uint8Array);
  });

  it('declines records with other keys, other key orders or non-plain values', () => {
    expect(encodeRecords([{ a: 1, b: 2 }, { b: 2, a: 1 }])).toBeNull();
    expect(encodeRecords([{ a: 1 }, { a: 1, b: 2 }])).toBeNull();
    expect(encodeRecords([{ a: { x: -0 } }, { a: { y: 1 } }])).toBeNull(); // other keys: JSON, which has no -0
    expect(exact(roundTrip([{ a: { x: -0 } }, { a: { x: 2 } }]), [{ a: { x: -0 } }, { a: { x: 2 } }])).toBe(true); // same keys: columns
    expect(exact(roundTrip([{ l: { b: 'x', a: 'y' } }, { l: {} }]), [{ l: { b: 'x', a: 'y' } }, { l: {} }])).toBe(true); // string maps, in their order
    expect(encodeRecords([{ a: [NaN] }])).toBeNull();
    const holey = [1, 2, 3];
    delete holey[1];
    expect(encodeRecords([{ a: holey }])).toBeNull(); // a hole reads back as null
    expect(encodeRecords([{ a: new Date(0) }])).toBeNull();
    expect(encodeRecords([new (class X { a = 1 })()])).toBeNull();
    // Top-level numbers are columns: -0, NaN and ±Infinity stay as they are.
    expect(exact(roundTrip([{ a: -0, b: NaN, c: Infinity, d: null }, { a: 1, b: 2, c: 3, d: 4 }]), [{ a: -0, b: NaN, c: Infinity, d: null }, { a: 1, b: 2, c: 3, d: 4 }])).toBe(true);
  });

  it('reads one string column without building the records, and builds them once', () => {
    const table = new RecordTable<{ name: string; labels: Record<string, string> }>(encodeRecords([{ name: 'n1', labels: { a: 'x' } }, { name: 'n2', labels: { a: 'x' } }])!);
    expect(table.strings('name')).toEqual(['n1', 'n2']);
    expect(() => table.strings('labels')).toThrow('no string column labels');
    const records = table.toArray();
    expect(table.toArray()).toBe(records);
    expect(records[1]).toEqual({ name: 'n2', labels: { a: 'x' } });
  });
});
