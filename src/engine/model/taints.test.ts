import { describe, expect, it } from 'vitest';
import { findMatchingUntoleratedTaint, toleratesTaint } from './taints';
import type { Taint, Toleration } from './types';

const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  it.each<[Toleration, boolean]>([
    [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
    [{ key: 'dedicated', value: 'gpu' }, true],
    [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }, false],
    [{ key: 'dedicated', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true],
    [{ operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ key: 'dedicated', operator: 'Gt', value: '1' }, false],
  ])('%j → %s', (tol, want) => {
    expect(toleratesTaint(tol, taint)).toBe(want);
  });
  it('an empty taint value equals an empty toleration value', () => {
    expect(toleratesTaint({ key: 'k', operator: 'Equal' }, { key: 'k', effect: 'NoExecute' })).toBe(true);
  });
});

describe('findMatchingUntoleratedTaint', () => {
  it('returns the first untolerated taint the filter includes, in node order', () => {
    const taints: Taint[] = [
      { key: 'soft', effect: 'PreferNoSchedule' },
      { key: 'a', effect: 'NoSchedule' },
      { key: 'b', effect: 'NoExecute' },
    ];
    const hard = (t: Taint) => t.effect !== 'PreferNoSchedule';
    expect(findMatchingUntoleratedTaint(taints, [], hard)?.key).toBe('a');
    expect(findMatchingUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }], hard)?.key).toBe('b');
    expect(findMatchingUntoleratedTaint(taints, [{ operator: 'Exists' }], hard)).toBeUndefined();
  });
});
