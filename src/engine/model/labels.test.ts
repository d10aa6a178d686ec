import { describe, expect, it } from 'vitest';
import { CompiledNodeSelector, labelSelectorAsSelector, SelectorError, selectorFromSet } from './labels';

describe('labelSelectorAsSelector', () => {
  it('nil matches nothing, {} matches everything', () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: '1' })).toBe(false);
    expect(labelSelectorAsSelector(null).nothing).toBe(true);
    expect(labelSelectorAsSelector({}).matches(undefined)).toBe(true);
    expect(labelSelectorAsSelector({}).empty).toBe(true);
  });
  it.each([
    [{ matchLabels: { app: 'web' } }, { app: 'web' }, true],
    [{ matchLabels: { app: 'web' } }, { app: 'db' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['a', 'b'] }] }, { tier: 'b' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['a'] }] }, {}, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn' as const, values: ['a'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn' as const, values: ['a'] }] }, { tier: 'a' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' as const }] }, { tier: '' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' as const }] }, { tier: 'x' }, false],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' as const }] }, { app: 'web' }, false],
  ])('%j matches %j → %s', (sel, labels, want) => {
    expect(labelSelectorAsSelector(sel).matches(labels)).toBe(want);
  });
  it('rejects In without values and Exists with values, naming the field', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(SelectorError);
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toThrow(
      /labelSelector\.matchExpressions\[0\]\.values/,
    );
  });
  it('does not match inherited object keys', () => {
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }).matches({})).toBe(false);
    expect(selectorFromSet({ constructor: 'x' }).matches({})).toBe(false);
  });
});

describe('CompiledNodeSelector', () => {
  const node = (name: string, labels: Record<string, string>) => ({ name, labels });
  it('ORs terms and ANDs requirements in a term', () => {
    const s = new CompiledNodeSelector({
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'ssd', operator: 'Exists' }] },
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
      ],
    });
    expect(s.match(node('n', { zone: 'a', ssd: '1' }))).toBe(true);
    expect(s.match(node('n', { zone: 'a' }))).toBe(false);
    expect(s.match(node('n', { zone: 'b' }))).toBe(true);
  });
  it('an empty term matches nothing; an empty term list matches nothing', () => {
    expect(new CompiledNodeSelector({ nodeSelectorTerms: [{}] }).match(node('n', {}))).toBe(false);
    expect(new CompiledNodeSelector({ nodeSelectorTerms: [] }).match(node('n', {}))).toBe(false);
  });
  it('Gt/Lt compare integers and fail on non-integers', () => {
    const gt = new CompiledNodeSelector({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }] });
    expect(gt.match(node('n', { cores: '8' }))).toBe(true);
    expect(gt.match(node('n', { cores: '4' }))).toBe(false);
    expect(gt.match(node('n', { cores: 'many' }))).toBe(false);
    expect(gt.match(node('n', {}))).toBe(false);
  });
  it('matchFields supports metadata.name; a bad term is dropped while others still work', () => {
    const s = new CompiledNodeSelector({
      nodeSelectorTerms: [
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] },
        { matchFields: [{ key: 'spec.podCIDR', operator: 'In', values: ['x'] }] },
      ],
    });
    expect(s.match(node('n1', {}))).toBe(true);
    expect(s.match(node('n2', {}))).toBe(false);
    expect(s.errors).toHaveLength(1);
  });
});
