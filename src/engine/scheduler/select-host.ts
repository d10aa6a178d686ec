import type { Rng } from '../random/rng';
import type { NodeInfo } from './framework/node-info';

/**
 * The node with the highest total score; ties are broken uniformly with `rng` by
 * reservoir sampling, as upstream's selectHost does (one draw per tied node, in order).
 */
export function selectHost(nodes: readonly NodeInfo[], totals: ArrayLike<number>, rng: Rng): string {
  let best = 0;
  let bestTotal = totals[0];
  let count = 1;
  for (let i = 1; i < nodes.length; i++) {
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
  return nodes[best].name;
}
