/**
 * PodTopologySpread's PreFilter/Filter data (upstream filtering.go): for each
 * DoNotSchedule constraint, the number of matching pods per topology domain
 * over the eligible nodes, the number of domains, and the two "critical
 * paths" (smallest counts) that give the global minimum.
 */
import type { StateData } from '../../framework/cycle-state';
import type { PodInfo } from '../../framework/pod-info';
import type { Constraint, RequiredAffinity } from './constraints';
import type { Interner } from './node-columns';

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
