/** Indexed Jobs' index sets (indexed_job_utils.go: orderedIntervals, firstPendingIndexes, podGenerateNameWithIndex). */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { completionIndex, duplicatedForRemoval, firstPending, format, generateNameWithIndex, parse, total, withIndexes } from './indexed';

const pod = (name: string, index?: string, created = 0): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, creationTimestamp: new Date(created).toISOString(), ...(index === undefined ? {} : { annotations: { 'batch.kubernetes.io/job-completion-index': index } }) }, spec: { containers: [] } }) as Pod;

describe('indexed Job helpers', () => {
  it('prints intervals as upstream: ranges with "-", two neighbours with ","', () => {
    expect(format(withIndexes([], [4, 0, 2, 1]))).toBe('0-2,4');
    expect(format(withIndexes([], [1, 2]))).toBe('1,2');
    expect(format(withIndexes([], [0, 2]))).toBe('0,2');
    expect(format([])).toBe('');
    expect(format(withIndexes(parse('0,2', 5), [1]))).toBe('0-2');
    expect(total(parse('0-2,4,6-7', 10))).toBe(6);
  });

  it('parses completedIndexes, dropping indexes at or past completions and joining neighbours', () => {
    expect(parse('0-2,4', 5)).toEqual([
      { first: 0, last: 2 },
      { first: 4, last: 4 },
    ]);
    expect(parse('1,2,7-9', 8)).toEqual([
      { first: 1, last: 2 },
      { first: 7, last: 7 },
    ]);
    expect(parse('x,3', 5)).toEqual([{ first: 3, last: 3 }]);
  });

  it('firstPending returns the lowest free indexes below completions', () => {
    expect(firstPending(parse('0,2', 6), 3, 6)).toEqual([1, 3, 4]);
    expect(firstPending(parse('0-4', 5), 2, 5)).toEqual([]);
    expect(firstPending([], 10, 3)).toEqual([0, 1, 2]);
  });

  it('reads the index annotation (a non-negative integer, else -1)', () => {
    expect(completionIndex(pod('a', '3'))).toBe(3);
    expect(completionIndex(pod('a', '-1'))).toBe(-1);
    expect(completionIndex(pod('a', 'x'))).toBe(-1);
    expect(completionIndex(pod('a'))).toBe(-1);
  });

  it('removes pods without an index, past completions, and all but one of a repeated index', () => {
    const newestFirst = (a: Pod, b: Pod) => Date.parse(b.metadata.creationTimestamp!) - Date.parse(a.metadata.creationTimestamp!);
    const [rm, left] = duplicatedForRemoval([pod('a', '0', 1), pod('b', '0', 2), pod('c'), pod('d', '5'), pod('e', '1')], 3, newestFirst);
    expect(rm.map((p) => p.metadata.name).sort()).toEqual(['b', 'c', 'd']);
    expect(left.map((p) => p.metadata.name)).toEqual(['a', 'e']);
  });

  it('cuts the Job name so `<job>-<index>-` fits 58 characters', () => {
    expect(generateNameWithIndex('render', 12)).toBe('render-12-');
    const long = 'x'.repeat(60);
    expect(generateNameWithIndex(long, 7)).toBe(`${'x'.repeat(55)}-7-`);
  });
});
