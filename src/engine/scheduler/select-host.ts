import type { Rng } from '../random/rng';
import type { NodeInfo } from './framework/node-info';

/**
 * The node with the highest total score; ties are broken uniformly with `rng` by
 * reservoir sampling, as upstream's selectHost does (one draw per tied node, in order).
 */
export function selectHost(nodes: readonly NodeInfo[], totals: ArrayLike<number>, rng: Rng): string {
  return nodes[selectHostIndex(nodes.length, totals, rng)].name;
}

/** selectHost's choice as a position in the first `n` totals (n ≥ 1). */
export function selectHostIndex(n: number, totals: ArrayLike<number>, rng: Rng): number {
  let best = 0;
  let bestTotal = totals[0];
  let count = 1;
  for (let i = 1; i < n; i++) {
    const t = totals[i];
    if (t > bestTotal) {
      best = i;
      bestTotal = t;
      count = 1;
    } else if (t === bestTotal) {
      count++;
      if (rng.intn(count) === 0) best = i;
    }
  }
  return best;
}
