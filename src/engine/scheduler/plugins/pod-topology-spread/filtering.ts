/**
 * PodTopologySpread's PreFilter/Filter data (upstream filtering.go): for each
 * DoNotSchedule constraint, the number of matching pods per topology domain
 * over the eligible nodes, the number of domains, and the two "critical
 * paths" (smallest counts) that give the global minimum.
 */
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { SpreadColumns } from './columns';
import type { Constraint, RequiredAffinity } from './constraints';
import type { Interner } from '../helpers/node-columns';

const MAX_INT32 = 2147483647;

/** Counts for one constraint; domains are interned topology values (see Interner). */
export class ConstraintCounts {
  constructor(
    readonly constraint: Constraint,
    readonly interner: Interner,
    /** Matching pods per domain id (0 for ids that are not domains). */
    public counts: Int32Array,
    /** 1 for ids that are domains (a node with that value was eligible). */
    public present: Uint8Array,
    public domains: number,
    /** 1 if the incoming pod matches the selector itself. */
    readonly selfMatch: number,
    /** Critical paths: [0] holds the minimum; domain id -1 means none. */
    public path0Id = -1,
    public path0Num = MAX_INT32,
    public path1Id = -1,
    public path1Num = MAX_INT32,
  ) {}

  /** upstream criticalPaths.update. */
  updatePaths(id: number, num: number): void {
    if (id === this.path0Id || id === this.path1Id) {
      if (id === this.path0Id) this.path0Num = num;
      else this.path1Num = num;
      if (this.path0Num > this.path1Num) {
        const i = this.path0Id;
        const n = this.path0Num;
        this.path0Id = this.path1Id;
        this.path0Num = this.path1Num;
        this.path1Id = i;
        this.path1Num = n;
      }
    } else if (num < this.path0Num) {
      this.path1Id = this.path0Id;
      this.path1Num = this.path0Num;
      this.path0Id = id;
      this.path0Num = num;
    } else if (num < this.path1Num) {
      this.path1Id = id;
      this.path1Num = num;
    }
  }

  /** Seeds the critical paths from every domain, in id order. */
  initPaths(): void {
    const { counts, present } = this;
    for (let id = 0; id < present.length; id++) if (present[id] === 1) this.updatePaths(id, counts[id]);
  }

  /** The global minimum for skew, 0 when there are fewer domains than minDomains. */
  minMatchNum(): number {
    return this.domains < this.constraint.minDomains ? 0 : this.path0Num;
  }

  /** Adds `delta` at a topology value, making it a domain if it was not one. */
  add(value: string, delta: number): void {
    const id = this.interner.intern(value);
    if (id >= this.counts.length) {
      const size = Math.max(id + 1, this.counts.length * 2);
      const c = new Int32Array(size);
      c.set(this.counts);
      const p = new Uint8Array(size);
      p.set(this.present);
      this.counts = c;
      this.present = p;
    }
    this.counts[id] += delta;
    if (this.present[id] === 0) {
      this.present[id] = 1;
      this.domains++;
    }
    this.updatePaths(id, this.counts[id]);
  }

  clone(): ConstraintCounts {
    return new ConstraintCounts(
      this.constraint,
      this.interner,
      this.counts.slice(),
      this.present.slice(),
      this.domains,
      this.selfMatch,
      this.path0Id,
      this.path0Num,
      this.path1Id,
      this.path1Num,
    );
  }
}

export class PreFilterState implements StateData {
  constructor(
    readonly pod: PodInfo,
    readonly constraints: readonly Constraint[],
    readonly entries: ConstraintCounts[],
    /** The pod's required node affinity, for the inclusion policies of AddPod/RemovePod. */
    readonly required: RequiredAffinity | null,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.pod,
      this.constraints,
      this.entries.map((e) => e.clone()),
      this.required,
    );
  }
}

/**
 * Adds each eligible node's matching pods to its domain; returns the number of
 * domains. A node is eligible with a domain (dom ≥ 0), all keys (allKeys, when
 * given) and the inclusion policies (aff / taints, when honored).
 */
function aggregate(
  n: number,
  dom: Int32Array,
  cnt: Int32Array,
  allKeys: Uint8Array | null,
  aff: Int32Array | null,
  taints: Int32Array | null,
  counts: Int32Array,
  present: Uint8Array,
): number {
  let domains = 0;
  for (let j = 0; j < n; j++) {
    const d = dom[j];
    if (d < 0) continue;
    if (allKeys !== null && allKeys[j] === 0) continue;
    if (aff !== null && aff[j] === 0) continue;
    if (taints !== null && taints[j] === 0) continue;
    counts[d] += cnt[j];
    if (present[d] === 0) {
      present[d] = 1;
      domains++;
    }
  }
  return domains;
}

/**
 * Counts matching pods per domain over every node that has all the
 * constraints' topology keys and passes each constraint's inclusion policies.
 */
export function computePreFilterState(
  cols: SpreadColumns,
  pod: PodInfo,
  constraints: readonly Constraint[],
  required: RequiredAffinity | null,
  nodes: readonly NodeInfo[],
): PreFilterState {
  const m = constraints.length;
  const n = nodes.length;
  const doms: Int32Array[] = [];
  const cnts: Int32Array[] = [];
  const honorAffinity: boolean[] = [];
  const honorTaints: boolean[] = [];
  for (const c of constraints) {
    doms.push(cols.domainColumn(c.topologyKey).sync(nodes));
    cnts.push(cols.countColumn(pod.namespace, c).sync(nodes));
    honorAffinity.push(c.nodeAffinityPolicy === 'Honor' && required !== null);
    honorTaints.push(c.nodeTaintsPolicy === 'Honor');
  }
  const aff = honorAffinity.includes(true) ? cols.affinityColumn(required!).sync(nodes) : null;
  const taints = honorTaints.includes(true) ? cols.taintColumn(pod.pod.spec.tolerations).sync(nodes) : null;
  // A node counts only if it has every constraint's key (with one constraint: its own).
  let allKeys: Uint8Array | null = null;
  if (m > 1) {
    allKeys = new Uint8Array(n).fill(1);
    for (let k = 0; k < m; k++) {
      const dom = doms[k];
      for (let j = 0; j < n; j++) if (dom[j] < 0) allKeys[j] = 0;
    }
  }
  const entries: ConstraintCounts[] = [];
  for (let k = 0; k < m; k++) {
    const c = constraints[k];
    const interner = cols.interner(c.topologyKey);
    const size = interner.size;
    const counts = new Int32Array(size);
    const present = new Uint8Array(size);
    const domains = aggregate(n, doms[k], cnts[k], allKeys, honorAffinity[k] ? aff : null, honorTaints[k] ? taints : null, counts, present);
    const e = new ConstraintCounts(c, interner, counts, present, domains, c.selector.matches(pod.labels) ? 1 : 0);
    e.initPaths();
    entries.push(e);
  }
  return new PreFilterState(pod, constraints, entries, required);
}
