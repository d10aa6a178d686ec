import { describe, expect, it } from 'vitest';
import { canonicalJson, parseSafeJson, SafeJsonError } from './safe-json';

describe('parseSafeJson', () => {
  it('parses ordinary JSON', () => {
    expect(parseSafeJson('{"a":[1,{"b":"x"}],"c":null}', 8)).toEqual({ a: [1, { b: 'x' }], c: null });
  });

  it('refuses nesting deeper than the limit before parsing', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => parseSafeJson(deep, 64)).toThrow(SafeJsonError);
    expect(() => parseSafeJson(deep, 64)).toThrow(/nested more than 64 levels/);
    expect(parseSafeJson('[[[1]]]', 3)).toEqual([[[1]]]);
    expect(() => parseSafeJson('[[[1]]]', 2)).toThrow(/nested more than 2/);
  });

  it('does not count brackets inside strings as nesting', () => {
    expect(parseSafeJson('{"name":"[[[[{{{{\\"]]"}', 1)).toEqual({ name: '[[[[{{{{"]]' });
  });

  it('drops keys that reach prototypes', () => {
    const value = parseSafeJson('{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"x":1}},"ok":2},"prototype":3}', 8) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['a']);
    expect(value.a).toEqual({ ok: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('reports bad syntax as a SafeJsonError', () => {
    expect(() => parseSafeJson('{"a":', 8)).toThrow(SafeJsonError);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('keeps a __proto__ key as data', () => {
    const value = JSON.parse('{"__proto__":{"x":1}}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1}}');
  });
});
