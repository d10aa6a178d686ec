import { describe, expect, it } from 'vitest';
import { naturalCompare } from './natural-compare';

const sorted = (names: string[]) => [...names].sort(naturalCompare);

describe('naturalCompare', () => {
  it('orders numbered names by their numbers', () => {
    expect(sorted(['app-10', 'app-2', 'app-1', 'app-11', 'app-3'])).toEqual(['app-1', 'app-2', 'app-3', 'app-10', 'app-11']);
    expect(sorted(['node-0517', 'node-99', 'node-1000'])).toEqual(['node-99', 'node-0517', 'node-1000']);
  });

  it('compares several runs of digits one after the other', () => {
    expect(sorted(['web-2-10', 'web-10-1', 'web-2-9'])).toEqual(['web-2-9', 'web-2-10', 'web-10-1']);
  });

  it('keeps plain text in code-unit order, and a prefix first', () => {
    expect(sorted(['b', 'a', 'B', 'ab', 'a'])).toEqual(['B', 'a', 'a', 'ab', 'b']);
    expect(sorted(['app-1a', 'app-1', 'app'])).toEqual(['app', 'app-1', 'app-1a']);
  });

  it('orders equal numbers by their leading zeros, so the order is total', () => {
    expect(sorted(['x-01', 'x-1', 'x-001'])).toEqual(['x-1', 'x-01', 'x-001']);
    expect(naturalCompare('x-1', 'x-1')).toBe(0);
    expect(Math.sign(naturalCompare('x-01', 'x-1'))).toBe(-Math.sign(naturalCompare('x-1', 'x-01')));
  });

  it('orders hash-suffixed pod names as before, letter by letter', () => {
    expect(sorted(['api-79447bc8f6-z', 'api-79447bc8f6-4svw2', 'api-5d4f'])).toEqual(['api-5d4f', 'api-79447bc8f6-4svw2', 'api-79447bc8f6-z']);
  });
});
