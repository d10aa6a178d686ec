/**
 * The Score kernel's (score-kernel.ts) way with the plugins it does not fuse
 * but may take in its list: PodTopologySpread and InterPodAffinity.
 */
import type { CycleState } from '../framework/cycle-state';
import type { ScorePlugin } from '../framework/interfaces';
import type { NodeInfo } from '../framework/node-info';
import type { NodeTable } from '../framework/node-table';
import type { PodInfo } from '../framework/pod-info';
import { Code } from '../framework/status';

const MAX = 100;

/**
 * A plugin the kernel does not fuse, as the plugin-by-plugin pass runs it —
 * its batch path (or score() per node), NormalizeScore — into its buffer,
 * then weighted into the totals. Its scores must be integers in [0, 100]:
 * the totals stay sums of integers, exact in any order of addition. Anything
 * else (a status, an invalid or fractional score) declines (false), and the
 * plugin-by-plugin pass runs the cycle again and reports it.
 */
export function scoreOther(
  pl: ScorePlugin,
  weight: number,
  state: CycleState,
  pod: PodInfo,
  table: NodeTable,
  slots: Int32Array,
  nodes: readonly NodeInfo[],
  buf: number[],
  totals: Float64Array,
): boolean {
  const n = nodes.length;
  if (pl.scoreAll) pl.scoreAll(state, pod, table, slots, n, buf);
  else for (let i = 0; i < n; i++) buf[i] = pl.score(state, pod, nodes[i]);
  const ext = pl.scoreExtensions?.();
  if (ext) {
    const st = ext.normalizeScore(state, pod, nodes, buf);
    if (st !== null && st.code !== Code.Success) return false;
  }
  for (let i = 0; i < n; i++) {
    const v = buf[i];
    if (!(v >= 0 && v <= MAX && Math.floor(v) === v)) return false;
    totals[i] += v * weight;
  }
  return true;
}
