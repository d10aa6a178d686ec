import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeShareParam, encodeShareFragment, findShareParam, MAX_FRAGMENT_CHARS, ShareLinkError } from './codec';
import { SHARE_FORMAT_VERSION, type SharePayload } from './payload';
import { canonicalJson } from './safe-json';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const at = fc.integer({ min: 0, max: 10_000_000 });
const command = fc.oneof(
  fc.record({ at, action: fc.constantFrom('killNode', 'restoreNode', 'cordon', 'uncordon', 'deleteNode'), node: name }),
  fc.record({ at, action: fc.constant('deletePod'), namespace: name, name, force: fc.boolean() }, { requiredKeys: ['at', 'action', 'namespace', 'name'] }),
  fc.record({ at, action: fc.constant('scale'), kind: fc.constantFrom('Deployment', 'StatefulSet'), namespace: name, name, replicas: fc.nat(50) }),
  // kubectl patch / label / annotate (round 32): the patch as -p text or as the value itself.
  fc.record(
    { at, action: fc.constant('patch'), kind: fc.constantFrom('Deployment', 'Node'), namespace: name, name, patch: fc.oneof(fc.string({ maxLength: 40 }), fc.dictionary(name, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 })), type: fc.constantFrom('strategic', 'merge', 'json') },
    { requiredKeys: ['at', 'action', 'kind', 'namespace', 'name', 'patch'] },
  ),
  fc.record(
    { at, action: fc.constantFrom('label', 'annotate'), kind: fc.constantFrom('Node', 'Pod'), namespace: name, name, changes: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 4 }), overwrite: fc.boolean() },
    { requiredKeys: ['at', 'action', 'kind', 'namespace', 'name', 'changes'] },
  ),
);
const scenario = fc.oneof(
  fc.record({ text: fc.string({ unit: 'binary', maxLength: 2000 }), file: fc.stringMatching(/^[a-z./-]{1,30}$/) }, { requiredKeys: ['text'] }),
  fc.record({ preset: name, digest: fc.stringMatching(/^[0-9a-f]{16}$/) }),
);
const view = fc.record(
  { time: fc.integer({ min: 0, max: 1e9 }), selected: fc.record({ kind: fc.constantFrom('pod' as const, 'node' as const), key: fc.stringMatching(/^[a-z0-9/-]{1,40}$/) }) },
  { requiredKeys: [] },
);
const payload: fc.Arbitrary<SharePayload> = fc.record(
  { v: fc.constant(SHARE_FORMAT_VERSION), scenario, commands: fc.array(command, { maxLength: 20 }), view },
  { requiredKeys: ['v', 'scenario'] },
) as fc.Arbitrary<SharePayload>;

const valueOf = (fragment: string) => findShareParam(fragment)!;
const SAMPLE: SharePayload = {
  v: 1,
  scenario: { text: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n', file: 'demo.yaml' },
  commands: [{ at: 5000, action: 'killNode', node: 'n1' }],
  view: { time: 9000, selected: { kind: 'node', key: 'n1' } },
};

/** An lz-string stream of one literal then `codes` self-references (LZW's KwKwK case): tiny in, quadratic out. */
function lzBomb(codes: number): string {
  const bits: number[] = [];
  const write = (value: number, width: number) => {
    for (let i = 0; i < width; i++) bits.push((value >> i) & 1);
  };
  write(0, 2);
  write(97, 8);
  let width = 3;
  let size = 4;
  let enlargeIn = 4;
  for (let i = 0; i < codes; i++) {
    write(size, width);
    size++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** width;
      width++;
    }
  }
  write(2, width);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let j = 0; j < 6; j++) v = v * 2 + (bits[i + j] ?? 0);
    out += alphabet[v];
  }
  return out;
}

/** Runs `decode`; returns 'ok' or the message of a ShareLinkError, and fails on any other throw. */
function outcome(value: string): string {
  try {
    decodeShareParam(value);
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ShareLinkError);
    return (e as Error).message;
  }
}

describe('share codec', () => {
  it('round-trips any valid payload: encode → decode gives the same canonical payload', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const decoded = decodeShareParam(valueOf(encodeShareFragment(p)));
        expect(canonicalJson(decoded)).toBe(canonicalJson(p));
      }),
      { numRuns: 300 },
    );
  });

  it('writes s=<version>.lz.<data> with sorted keys', () => {
    const fragment = encodeShareFragment(SAMPLE);
    expect(fragment).toMatch(/^s=1\.lz\.[A-Za-z0-9+\-$]+$/);
    expect(decodeShareParam(valueOf(fragment))).toEqual(SAMPLE);
  });

  it('finds the parameter among others, with or without #', () => {
    expect(findShareParam('#s=1.lz.abc')).toBe('1.lz.abc');
    expect(findShareParam('x=1&s=1.lz.abc')).toBe('1.lz.abc');
    expect(findShareParam('#other')).toBeNull();
  });

  it('refuses an encode of an invalid payload', () => {
    expect(() => encodeShareFragment({ ...SAMPLE, v: 2 } as unknown as SharePayload)).toThrow(/not a valid payload/);
  });

  it.each([
    ['empty', '', /form s=<version>/],
    ['no data', '1.lz.', /no data/],
    ['unknown codec', '1.gz.abc', /packed with "gz"/],
    ['newer format', '99.lz.abc', /newer Podscape \(format 99/],
    ['format 0', '0.lz.abc', /format 0 is not/],
    ['markup', '1.lz.<img src=x onerror=alert(1)>', /never carries/],
  ])('explains a bad link: %s', (_, value, message) => {
    expect(outcome(value)).toMatch(message);
  });

  it('refuses an over-long link before decompressing it', () => {
    expect(outcome('1.lz.' + 'A'.repeat(MAX_FRAGMENT_CHARS))).toMatch(/characters long; links are at most 65536/);
  });

  it('refuses a decompression bomb', () => {
    // 3,000 codes, each naming the entry being built: output grows as 1 + 2 + … + 3000 characters.
    const bomb = lzBomb(3000);
    expect(bomb.length).toBeLessThan(8000);
    expect(outcome(`1.lz.${bomb}`)).toMatch(/expands to more than 2097152 characters/);
  });

  it('refuses deep nesting, and drops __proto__ keys before validating', () => {
    const deep = compressToEncodedURIComponent('{"v":1,"scenario":' + '['.repeat(5000) + ']'.repeat(5000) + '}');
    expect(outcome(`1.lz.${deep}`)).toMatch(/nested more than 64 levels/);
    const proto = compressToEncodedURIComponent('{"v":1,"scenario":{"text":"x","__proto__":{"admin":true}},"__proto__":{"polluted":1}}');
    const decoded = decodeShareParam(`1.lz.${proto}`);
    expect(decoded).toEqual({ v: 1, scenario: { text: 'x' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the field at fault in a well-formed but invalid session', () => {
    const bad = compressToEncodedURIComponent('{"v":1,"scenario":{"text":"x"},"commands":[{"at":-5,"action":"killNode"}]}');
    expect(outcome(`1.lz.${bad}`)).toMatch(/commands\[0\]\.at/);
    const mismatch = compressToEncodedURIComponent('{"v":7,"scenario":{"text":"x"}}');
    expect(outcome(`1.lz.${mismatch}`)).toMatch(/format 1 outside but 7 inside/);
    const notObject = compressToEncodedURIComponent('[1,2]');
    expect(outcome(`1.lz.${notObject}`)).toMatch(/not a Podscape session/);
  });

  it('fuzz: random text never throws anything but a ShareLinkError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        outcome(text);
        outcome(`1.lz.${text}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('fuzz: mutated valid links decode or fail with a ShareLinkError, quickly', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    const base = valueOf(encodeShareFragment({ ...SAMPLE, scenario: { text: 'kind: Node\nmetadata: {name: worker}\n'.repeat(30) } }));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), index: fc.nat(), symbol: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('cut' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), index: fc.nat(), text: fc.string({ maxLength: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let value = base;
        for (const m of mutations) {
          const i = 5 + (m.index % Math.max(1, value.length - 5));
          if (m.kind === 'flip') value = value.slice(0, i) + m.symbol + value.slice(i + 1);
          else if (m.kind === 'cut') value = value.slice(0, i);
          else value = value.slice(0, i) + m.text + value.slice(i);
        }
        outcome(value);
      }),
      { numRuns: 3000 },
    );
  });
});
