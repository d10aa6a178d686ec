/**
 * Fused passes: optional kernels that do the work of several plugins' fast
 * paths in one loop over the node table, with exactly the results the
 * plugin-by-plugin passes give (scheduler/fused/ holds them and their proof).
 * The framework asks them first and runs the plugins one by one whenever a
 * kernel declines (returns undefined / false): an unknown plugin in the list,
 * a pod they do not cover, a traced cycle (decorated frameworks have none).
 * scheduler/fused/fused.test.ts proves them equal to the plugin-by-plugin passes;
 * the plugins in plugins/ stay the reference and serve traced cycles.
 */
import type { CycleState } from './cycle-state';
import type { Diagnosis } from './fit-error';
import type { FilterPlugin, RejectNode, ScorePlugin } from './interfaces';
import type { NodeInfo } from './node-info';
import type { NodeTable } from './node-table';
import type { PodInfo } from './pod-info';
import type { Status } from './status';
import type { Rng } from '../../random/rng';

/** The Filter kernel. */
export interface FusedFilterPass {
  /**
   * runFilterPluginsOnSlots for `plugins` (the cycle's active Filter plugins,
   * in order) over n nodes: src[srcFrom], src[srcFrom + 1], … (wrapping at the
   * end of src; src defaults to slots and srcFrom to from): the same survivors
   * in the same order (written to slots from `from` on), the same rejections
   * (plugin-stamped, handed to `onReject` in the same order), or the same
   * error; undefined when it does not apply (nothing written then).
   */
  filter(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    slots: Int32Array,
    n: number,
    onReject: RejectNode,
    from?: number,
    src?: Int32Array,
    srcFrom?: number,
  ): number | Status | undefined;
  /**
   * The whole untraced Filter pass of a cycle, as the scheduler's chunk loop
   * over `filter` does it: from position `start` of `nodes` (whose table
   * slots are `src`, aligned; wrapping at the end), chunks of the nodes
   * still needed until `numToFind` pass or every node was evaluated. The
   * survivors' slots go to out[0..found); the rejections go to the
   * Diagnosis (its nodeToStatus, possibly unexpanded until read, and its
   * unschedulablePlugins) exactly as `onReject` would have recorded them.
   * undefined when it does not apply (nothing done then). The result object
   * is reused by the next call.
   */
  scan?(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    nodes: readonly NodeInfo[],
    src: Int32Array,
    start: number,
    numToFind: number,
    out: Int32Array,
    diagnosis: Diagnosis,
  ): FilterScan | undefined;
}

/** What a Filter scan found. */
export interface FilterScan {
  /** How many nodes passed (their slots: out[0..found)); 0 with an error. */
  found: number;
  /** How many nodes were evaluated (counted also when it stopped at an error). */
  evaluated: number;
  /** The error the plugin-by-plugin pass would stop with, or null. */
  error: Status | null;
}

/** The Score kernel. */
export interface FusedScorePass {
  /**
   * Score + NormalizeScore + weights for `plugins` (the active Score plugins,
   * in order) over the snapshot nodes in `slots` (aligned with `nodes`):
   * fills scores[p][0..n) with each plugin's normalized scores and totals[0..n)
   * with the weighted sums, exactly as the plugin-by-plugin pass does, and
   * returns true; returns false (buffers meaningless) when it does not apply
   * or a score falls out of range (the plugin-by-plugin pass reports that).
   * With `keep` false only the totals count: the buffers may be left unfilled
   * (an untraced cycle reads nothing else). With `rng` it may also choose the
   * host as selectHostIndex(n, totals, rng) would, with the same draws, and
   * leave its position in `selected` (-1 when it did not: nothing drawn then).
   */
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
    keep?: boolean,
    rng?: Rng,
  ): boolean;
  /** The host's position chosen by the last score(), or -1. */
  readonly selected: number;
}

/** What the scheduler plugs into each of its frameworks (scheduler/fused/ has the kernels). */
export interface FusedPasses {
  readonly filterKernel: FusedFilterPass;
  readonly scoreKernel: FusedScorePass;
}
