/** limits.ts: the size limit counts UTF-8 bytes, as a file on disk (and the CLI) does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MANIFEST_BYTES, oversizeBytes, utf8Length } from './limits';
import { ManifestError, parseManifests } from './parse';

describe('utf8Length', () => {
  it('counts 1, 2, 3 and 4 bytes per character, and 3 for a lone surrogate (the U+FFFD written for it)', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud800x')).toBe(4);
    expect(utf8Length('x\udc00')).toBe(4);
  });

  it('equals the length TextEncoder writes, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === new TextEncoder().encode(s).length), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8Length(s) === new TextEncoder().encode(s).length), { numRuns: 200 });
  });
});

describe('the size limit of parseManifests', () => {
  const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: a}\n';

  it('refuses a text of fewer characters than the limit but more UTF-8 bytes, saying its bytes', () => {
    const text = `${node}# ${'€'.repeat(Math.ceil(MAX_MANIFEST_BYTES / 3))}\n`;
    expect(text.length).toBeLessThan(MAX_MANIFEST_BYTES);
    const bytes = new TextEncoder().encode(text).length;
    expect(bytes).toBeGreaterThan(MAX_MANIFEST_BYTES);
    expect(oversizeBytes(text)).toBe(bytes);
    const e = (() => {
      try {
        parseManifests(text, 'euro.yaml');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ManifestError);
    expect((e as ManifestError).message).toBe(`euro.yaml:1:1: input is ${bytes} bytes (UTF-8); the limit is ${MAX_MANIFEST_BYTES}`);
  });

  it('reads a text of exactly the limit in bytes, multi-byte characters included', () => {
    const head = `${node}# `;
    const pad = MAX_MANIFEST_BYTES - utf8Length(head) - 1;
    const text = `${head}${'é'.repeat(Math.floor(pad / 2))}${pad % 2 ? 'x' : ''}\n`;
    expect(new TextEncoder().encode(text).length).toBe(MAX_MANIFEST_BYTES);
    expect(oversizeBytes(text)).toBeNull();
    expect(oversizeBytes(`${text}x`)).toBe(MAX_MANIFEST_BYTES + 1);
    expect(parseManifests(text, 'edge.yaml').objects.map((o) => o.metadata.name)).toEqual(['a']);
  });
});
