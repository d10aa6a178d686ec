import { describe, expect, it } from 'vitest';
import type { ExplainResult } from '../../../engine/scheduler/batch';
import { SCORE_MEANING, verdictAttribute, verdictFor, verdictsOf, verdictText } from './verdict';

const result = (over: Partial<ExplainResult>): ExplainResult => ({
  namespace: 'default',
  name: 'web',
  message: '',
  preFilter: {},
  preScore: {},
  filter: {},
  score: {},
  finalScore: {},
  selectedNode: null,
  ...over,
});

describe('verdictFor', () => {
  const r = result({
    filter: {
      big: { NodeUnschedulable: 'passed', NodeResourcesFit: 'passed', TaintToleration: 'passed' },
      small: { NodeUnschedulable: 'passed', NodeResourcesFit: ['Insufficient cpu', 'Insufficient memory'] },
      tainted: { NodeUnschedulable: 'passed', TaintToleration: ['node(s) had untolerated taint(s)'] },
      other: { NodeAffinity: ['x'], InterPodAffinity: ['x', 'y'] },
    },
    finalScore: { big: { TaintToleration: 300, NodeResourcesFit: 62, NodeResourcesBalancedAllocation: 91 } },
    selectedNode: 'big',
  });

  it('sums the weighted scores of a node that passes every filter', () => {
    expect(verdictFor(r, 'big')).toEqual({ kind: 'fits', score: 453, best: true, top: { node: 'big', score: 453 } });
    expect(verdictText(verdictFor(r, 'big'))).toBe('fits — score 453, the highest');
    expect(verdictAttribute(verdictFor(r, 'big'))).toBe('fits');
  });

  it('puts a score on a scale: the highest, or the best node’s score beside it (the highest sum wins)', () => {
    const two = result({
      filter: { big: { NodeResourcesFit: 'passed' }, mid: { NodeResourcesFit: 'passed' } },
      finalScore: { big: { TaintToleration: 300, NodeResourcesFit: 62, NodeResourcesBalancedAllocation: 91 }, mid: { TaintToleration: 300, NodeResourcesFit: 20, NodeResourcesBalancedAllocation: 63 } },
      selectedNode: 'big',
    });
    expect(verdictText(verdictFor(two, 'big'))).toBe('fits — score 453, the highest');
    expect(verdictText(verdictFor(two, 'mid'))).toBe('fits — score 383; big scores highest, 453');
    expect(SCORE_MEANING).toBe("A score is the sum of the scheduler's plugin scores (each 0 to 100, times the plugin's weight); the node with the highest is picked.");
  });

  it('keeps the filter reasons in plugin order, once each', () => {
    expect(verdictFor(r, 'small')).toEqual({ kind: 'rejects', reasons: ['Insufficient cpu', 'Insufficient memory'], plugins: ['NodeResourcesFit'] });
    expect(verdictText(verdictFor(r, 'tainted'))).toBe('rejects: node(s) had untolerated taint(s)');
    expect(verdictFor(r, 'other')).toMatchObject({ reasons: ['x', 'y'], plugins: ['NodeAffinity', 'InterPodAffinity'] });
    expect(verdictAttribute(verdictFor(r, 'small'))).toBe('rejects');
  });

  it('says fits without a number when the node was not scored, and unknown for a node not in the table', () => {
    const single = result({ filter: { only: { NodeResourcesFit: 'passed' } }, selectedNode: 'only' });
    expect(verdictFor(single, 'only')).toEqual({ kind: 'fits', score: null, best: true });
    expect(verdictText(verdictFor(single, 'only'))).toBe('fits');
    expect(verdictFor(single, 'new-node')).toEqual({ kind: 'unknown' });
    expect(verdictAttribute(verdictFor(single, 'new-node'))).toBeUndefined();
    expect(verdictText(undefined)).toMatch(/checking/);
  });

  it('maps every node of the table', () => {
    expect([...verdictsOf(r).entries()].map(([n, v]) => [n, v.kind])).toEqual([
      ['big', 'fits'],
      ['small', 'rejects'],
      ['tainted', 'rejects'],
      ['other', 'rejects'],
    ]);
  });
});
