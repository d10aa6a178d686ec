/**
 * The fused passes the scheduler plugs into each of its frameworks: the
 * default Filter and Score plugins in one loop each (filter-kernel.ts,
 * score-kernel.ts). fused.test.ts proves them equal to the plugin-by-plugin
 * passes; the plugins in plugins/ stay the reference and serve traced cycles.
 */
import type { CycleState } from '../framework/cycle-state';
import type { FusedPasses } from '../framework/fused';
import type { FilterPlugin, RejectNode, ScorePlugin } from '../framework/interfaces';
import type { NodeInfo } from '../framework/node-info';
import type { NodeTable } from '../framework/node-table';
import type { PodInfo } from '../framework/pod-info';
import type { Status } from '../framework/status';
import { FusedFilter } from './filter-kernel';
import { FusedScore } from './score-kernel';

export class DefaultFusedPasses implements FusedPasses {
  readonly filterKernel = new FusedFilter();
  readonly scoreKernel = new FusedScore();

  filter(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    slots: Int32Array,
    n: number,
    onReject: RejectNode,
  ): number | Status | undefined {
    return this.filterKernel.filter(plugins, state, pod, table, slots, n, onReject);
  }

  score(
    plugins: readonly ScorePlugin[],
    weights: Float64Array,
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    slots: Int32Array,
    nodes: readonly NodeInfo[],
    scores: readonly number[][],
    totals: Float64Array,
  ): boolean {
    return this.scoreKernel.score(plugins, weights, state, pod, table, slots, nodes, scores, totals);
  }
}
