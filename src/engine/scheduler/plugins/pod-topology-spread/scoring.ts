/**
 * PodTopologySpread's PreScore data (upstream scoring.go): per ScheduleAnyway
 * constraint, matching pods per topology value over all nodes, the topology
 * weight ln(#domains + 2), and per-node counts for hostname constraints.
 */
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { Constraint } from './constraints';
import type { Interner } from './node-columns';

export class PreScoreState implements StateData {
  constructor(
    readonly constraints: readonly Constraint[],
    /** Nodes missing a topology key score 0 (upstream IgnoredNodes); only without system defaulting. */
    readonly requireAllTopologies: boolean,
    /** Per constraint: the interner of its topology key. */
    readonly interners: readonly Interner[],
    /** Per constraint: matching pods per domain id (null for hostname constraints). */
    readonly counts: readonly (Int32Array | null)[],
    /** Per constraint: matching pods per node position (hostname constraints only). */
    readonly hostCounts: readonly (Int32Array | null)[],
    /** Positions of all nodes, for `hostCounts`. */
    readonly positions: ReadonlyMap<NodeInfo, number>,
    /** Per constraint: ln(size + 2). */
    readonly weights: readonly number[],
    readonly isHostname: readonly boolean[],
  ) {}

  clone(): StateData {
    return this; // read-only once written
  }
}

/** Go's math.Round: halves away from zero, decided on the exact fraction (x − trunc(x) is exact). */
export function goRound(x: number): number {
  const t = Math.trunc(x);
  const f = x - t;
  if (f >= 0.5) return t + 1;
  if (f <= -0.5) return t - 1;
  return t;
}
