import { describe, expect, it } from 'vitest';
import { slowStartBatch } from './pod-control';

/** The calls slowStartBatch makes when the calls numbered in `refused` fail. */
function calls(count: number, refused: number[]) {
  const made: number[] = [];
  const r = slowStartBatch(count, (i) => {
    made.push(i);
    return !refused.includes(i);
  });
  return { made, ...r };
}

describe('slowStartBatch (replica_set.go)', () => {
  it('makes every call in batches of 1, 2, 4, … when none fails', () => {
    expect(calls(10, [])).toEqual({ made: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], successes: 10, failed: false });
    expect(calls(0, [])).toEqual({ made: [], successes: 0, failed: false });
  });

  it('stops after the first call when it fails (the batch of 1)', () => {
    expect(calls(5, [0])).toEqual({ made: [0], successes: 0, failed: true });
  });

  it('finishes the batch with a failure and skips the later ones', () => {
    // Batches: [0], [1, 2], [3, 4, 5, 6], [7 … 9]. A failure at 3 still lets 4, 5 and 6 be tried.
    expect(calls(10, [3])).toEqual({ made: [0, 1, 2, 3, 4, 5, 6], successes: 6, failed: true });
    expect(calls(10, [1, 2])).toEqual({ made: [0, 1, 2], successes: 1, failed: true });
  });
});
