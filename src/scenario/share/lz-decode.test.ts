import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeLzUri, LzDecodeError } from './lz-decode';

const reasonOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof LzDecodeError) return e.reason;
    throw e;
  }
  return 'ok';
};

describe('decodeLzUri', () => {
  it('decodes whatever lz-string encodes, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
        expect(decodeLzUri(compressToEncodedURIComponent(text), 1e7)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('decodes repetitive text (long dictionary entries) exactly', () => {
    const text = 'kind: Pod\n'.repeat(2000) + 'ab'.repeat(5000);
    expect(decodeLzUri(compressToEncodedURIComponent(text), 1e7)).toBe(text);
  });

  it('agrees with lz-string on every valid input it accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const encoded = compressToEncodedURIComponent(text);
        expect(decodeLzUri(encoded, 1e7)).toBe(decompressFromEncodedURIComponent(encoded));
      }),
    );
  });

  it('stops at the output cap instead of expanding a small input without bound', () => {
    const bomb = compressToEncodedURIComponent('a'.repeat(200_000));
    expect(bomb.length).toBeLessThan(2000);
    expect(reasonOf(() => decodeLzUri(bomb, 10_000))).toBe('too-large');
  });

  it('reports a cut-short stream as truncated', () => {
    const encoded = compressToEncodedURIComponent('the quick brown fox jumps over the lazy dog '.repeat(20));
    expect(reasonOf(() => decodeLzUri(encoded.slice(0, encoded.length / 2), 1e6))).toBe('truncated');
  });

  it('reports characters outside the alphabet', () => {
    expect(reasonOf(() => decodeLzUri('N4<script>', 1e6))).toBe('alphabet');
  });

  it('reports a reference past the dictionary as corrupt', () => {
    // 2 bits = 0 (8-bit literal 'A'), then a 3-bit code 7 while the dictionary has 4 entries.
    const bits = [0, 0, ...[1, 0, 0, 0, 0, 0, 1, 0], 1, 1, 1];
    let text = '';
    for (let i = 0; i < bits.length; i += 6) {
      let v = 0;
      for (let j = 0; j < 6; j++) v = v * 2 + (bits[i + j] ?? 0);
      text += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'[v];
    }
    expect(reasonOf(() => decodeLzUri(text, 1e6))).toBe('corrupt');
  });
});
