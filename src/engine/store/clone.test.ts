import { describe, expect, it } from 'vitest';
import { deepClone, deepEqual } from './clone';

/** A mapping with an own key `__proto__`, as JSON.parse and the YAML reader make it. */
const withProtoKey = (value: unknown) => JSON.parse(`{"__proto__": ${JSON.stringify(value)}, "a": 1}`) as Record<string, unknown>;

describe('deepClone and deepEqual with a key named __proto__ (data, not a prototype)', () => {
  it('deepClone keeps the key as an own property, with a scalar or a mapping as its value', () => {
    for (const value of ['x', 0, { polluted: 'yes' }, ['l']]) {
      const copy = deepClone(withProtoKey(value));
      expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(withProtoKey(value)));
      expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    }
  });

  it('deepEqual compares the key with the other side own key, never with its prototype', () => {
    const a = JSON.parse('{"__proto__": {}}') as unknown;
    expect(deepEqual(a, { x: {} })).toBe(false);
    expect(deepEqual({ x: {} }, a)).toBe(false);
    expect(deepEqual(a, JSON.parse('{"__proto__": {}}'))).toBe(true);
    expect(deepEqual(withProtoKey('x'), withProtoKey('y'))).toBe(false);
  });
});
