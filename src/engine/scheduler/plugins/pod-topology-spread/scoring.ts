/**
 * PodTopologySpread's PreScore data (upstream scoring.go): per ScheduleAnyway
 * constraint, matching pods per topology value over all nodes, the topology
 * weight ln(#domains + 2), and per-node counts for hostname constraints.
 */
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { SpreadColumns } from './columns';
import { LABEL_HOSTNAME, type Constraint, type RequiredAffinity } from './constraints';
import { labelValue, type Interner } from '../helpers/node-columns';

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

/**
 * Topology weights from the filtered nodes (ignored ones left out), and
 * matching pods per domain over all nodes, per ScheduleAnyway constraint.
 */
export function computePreScoreState(
  cols: SpreadColumns,
  pod: PodInfo,
  constraints: readonly Constraint[],
  required: RequiredAffinity | null,
  requireAll: boolean,
  all: readonly NodeInfo[],
  filtered: readonly NodeInfo[],
): PreScoreState {
  const m = constraints.length;
  const n = all.length;
  const positions = cols.positions.of(all);
  const interners = constraints.map((c) => cols.interner(c.topologyKey));
  const isHost = constraints.map((c) => c.topologyKey === LABEL_HOSTNAME);
  const doms = constraints.map((c) => cols.domainColumn(c.topologyKey).sync(all));
  // Without requireAll, a node lacking a key counts under the value "" (Go's zero value).
  const emptyIds = interners.map((i) => (requireAll ? -1 : i.intern('')));

  // Filtered nodes: which are ignored, and their domains.
  const f = filtered.length;
  const fIds = constraints.map(() => new Int32Array(f));
  const fIgnored = new Uint8Array(f);
  let ignored = 0;
  for (let i = 0; i < f; i++) {
    const ni = filtered[i];
    const pos = positions.get(ni);
    let missing = false;
    for (let k = 0; k < m; k++) {
      let d: number;
      if (pos !== undefined) d = doms[k][pos];
      else {
        const v = labelValue(ni.labels, constraints[k].topologyKey);
        d = v === undefined ? -1 : interners[k].intern(v);
      }
      if (d < 0) {
        missing = true;
        d = emptyIds[k];
      }
      fIds[k][i] = d;
    }
    if (requireAll && missing) {
      fIgnored[i] = 1;
      ignored++;
    }
  }
  const weights: number[] = [];
  for (let k = 0; k < m; k++) {
    let size: number;
    if (isHost[k]) size = f - ignored;
    else {
      const seen = new Uint8Array(interners[k].size);
      size = 0;
      for (let i = 0; i < f; i++) {
        if (fIgnored[i] === 1) continue;
        const d = fIds[k][i];
        if (seen[d] === 0) {
          seen[d] = 1;
          size++;
        }
      }
    }
    weights.push(Math.log(size + 2));
  }

  // Matching pods over all nodes (inclusion policies applied), per domain.
  const cnts = constraints.map((c) => cols.countColumn(pod.namespace, c).sync(all));
  const honorAffinity = constraints.map((c) => c.nodeAffinityPolicy === 'Honor' && required !== null);
  const honorTaints = constraints.map((c) => c.nodeTaintsPolicy === 'Honor');
  const counts = constraints.map((_, k) => (isHost[k] ? null : new Int32Array(interners[k].size)));
  const hostCounts = constraints.map((_, k) => (isHost[k] ? cnts[k].slice(0, n) : null));
  if (!isHost.every(Boolean)) {
    const aff = honorAffinity.includes(true) ? cols.affinityColumn(required!).sync(all) : null;
    const taints = honorTaints.includes(true) ? cols.taintColumn(pod.pod.spec.tolerations).sync(all) : null;
    outer: for (let j = 0; j < n; j++) {
      if (requireAll) for (let k = 0; k < m; k++) if (doms[k][j] < 0) continue outer;
      for (let k = 0; k < m; k++) {
        const agg = counts[k];
        if (agg === null) continue;
        if (honorAffinity[k] && aff![j] === 0) continue;
        if (honorTaints[k] && taints![j] === 0) continue;
        const d = doms[k][j];
        agg[d < 0 ? emptyIds[k] : d] += cnts[k][j];
      }
    }
  }
  return new PreScoreState(constraints, requireAll, interners, counts, hostCounts, positions, weights, isHost);
}
