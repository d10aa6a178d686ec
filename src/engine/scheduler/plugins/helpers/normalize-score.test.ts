import { describe, expect, it } from 'vitest';
import { defaultNormalizeScore, MAX_NODE_SCORE } from './normalize-score';

describe('defaultNormalizeScore', () => {
  const cases: { name: string; reverse: boolean; scores: number[]; want: number[] }[] = [
    { name: 'empty list', reverse: false, scores: [], want: [] },
    { name: 'all zero stay zero', reverse: false, scores: [0, 0, 0], want: [0, 0, 0] },
    { name: 'all zero reversed become max', reverse: true, scores: [0, 0], want: [100, 100] },
    { name: 'scaled to the maximum, truncating', reverse: false, scores: [1, 2, 3], want: [33, 66, 100] },
    { name: 'reversed after truncating', reverse: true, scores: [1, 2, 3], want: [67, 34, 0] },
    { name: 'reversed with a zero', reverse: true, scores: [0, 1, 2], want: [100, 50, 0] },
    { name: 'weights 2, 11, 4', reverse: false, scores: [2, 11, 4], want: [18, 100, 36] },
    { name: 'single node', reverse: false, scores: [7], want: [100] },
    { name: 'products above 2^53 stay exact', reverse: false, scores: [2 ** 60, 3 * 2 ** 58, 1], want: [100, 75, 0] },
  ];
  it.each(cases)('$name', ({ reverse, scores, want }) => {
    const got = scores.slice();
    expect(defaultNormalizeScore(MAX_NODE_SCORE, reverse, got)).toBeNull();
    expect(got).toEqual(want);
  });

  it('honours a different maxPriority', () => {
    const got = [5, 10];
    defaultNormalizeScore(10, true, got);
    expect(got).toEqual([5, 0]);
  });
});
