/**
 * NodeResourcesBalancedAllocation (upstream noderesources/balanced_allocation.go): PreScore + Score;
 * favours nodes whose resource fractions (real requests) the pod brings closer together
 * (v1.36, kubernetes#135573: the balance with the pod against the balance without it).
 * Simplified: no DRA-backed extended resources.
 */
import type { CycleState, StateData } from '../../framework/cycle-state';
import type { PluginFactory, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { NodeTable } from '../../framework/node-table';
import type { PodInfo } from '../../framework/pod-info';
import { SKIP, type MaybeStatus } from '../../framework/status';
import { MAX_NODE_SCORE } from '../helpers/normalize-score';
import { NodeResourcesBalancedAllocation } from '../names';
// Shared with NodeResourcesFit scoring, as upstream's resource_allocation.go is (helpers, not the plugin).
import {
  allColumnar,
  allocatableColumn,
  allZero,
  allocatableFor,
  KIND_CPU,
  KIND_MEMORY,
  requestedColumn,
  defaultResourceSpecs,
  podRequestList,
  requestedFor,
  resourceKind,
  type ResourceSpec,
} from '../helpers/resource-allocation';
import { aggregate, child, duplicate, index, invalid } from '../helpers/args-validation';

export const PRESCORE_STATE_KEY = `PreScore${NodeResourcesBalancedAllocation}`;

export interface NodeResourcesBalancedAllocationArgs {
  /** Resources to balance; weights must be 1 (they are ignored). Default cpu and memory. */
  resources: ResourceSpec[];
}

/** SetDefaults_NodeResourcesBalancedAllocationArgs: empty → cpu, memory; weight 0 → 1. */
export function defaultBalancedAllocationArgs(
  input?: Partial<NodeResourcesBalancedAllocationArgs>,
): NodeResourcesBalancedAllocationArgs {
  const resources = (input?.resources ?? []) as Partial<ResourceSpec>[];
  if (resources.length === 0) return { resources: defaultResourceSpecs() };
  return {
    resources: resources.map((r) => ({ name: r.name ?? '', weight: r.weight === undefined || r.weight === 0 ? 1 : r.weight })),
  };
}

/** ValidateNodeResourcesBalancedAllocationArgs: no duplicate names, every weight exactly 1. */
export function validateBalancedAllocationArgs(args: NodeResourcesBalancedAllocationArgs, path = ''): string[] {
  const errs: string[] = [];
  const seen = new Set<string>();
  const resPath = child(path, 'resources');
  args.resources.forEach((r, i) => {
    if (seen.has(r.name)) errs.push(duplicate(child(index(resPath, i), 'name'), r.name));
    else seen.add(r.name);
    if (r.weight !== 1) errs.push(invalid(child(index(resPath, i), 'weight'), r.weight, 'must be 1'));
  });
  return errs;
}

/** The pod's real requests per configured resource. */
export class BalancedAllocationPreScoreState implements StateData {
  constructor(readonly podRequests: Float64Array) {}
  clone(): StateData {
    return this;
  }
}

/**
 * `int64((1 − std) × 100)` over the fractions `min(requested / allocatable, 1)`:
 * two fractions give `|f1 − f2| / 2`, more give the population standard
 * deviation, fewer give 0. In [50, 100]. (Up to v1.35 this was the plugin's
 * score, with the pod's requests included; shared/reference §7.7.)
 */
export function balancedResourceScore(fractions: ArrayLike<number>, n: number): number {
  let std = 0;
  if (n === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (n > 2) {
    let total = 0;
    for (let i = 0; i < n; i++) total += fractions[i];
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum = sum + (fractions[i] - mean) * (fractions[i] - mean);
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const HALF = MAX_NODE_SCORE / 2;

/**
 * The plugin's score since v1.36 (kubernetes#135573): the balance with the
 * pod (`withPod`) against the balance without it (`withoutPod`), both from
 * balancedResourceScore, mapped back to [50, 100]: 75 when the pod leaves the
 * balance as it was, towards 100 as it improves it, towards 50 as it worsens it.
 */
export function balanceChangeScore(withPod: number, withoutPod: number): number {
  return HALF + Math.trunc((HALF + withPod - withoutPod) / 2);
}

/**
 * balanceChangeScore for the default two resources (cpu, memory) from raw numbers, as the fused
 * Score paths need it: the node's real requests `q0`/`q1`, the pod's `add0`/`add1`, allocatable
 * `c0`/`c1`. Each fraction is capped at 1, as balancedResourceScore's callers cap it.
 */
export function twoResourceBalanceChange(q0: number, q1: number, add0: number, add1: number, c0: number, c1: number): number {
  let g0 = q0 / c0;
  let g1 = q1 / c1;
  let f0 = (q0 + add0) / c0;
  let f1 = (q1 + add1) / c1;
  g0 = g0 > 1 ? 1 : g0;
  g1 = g1 > 1 ? 1 : g1;
  f0 = f0 > 1 ? 1 : f0;
  f1 = f1 > 1 ? 1 : f1;
  const withPod = Math.trunc((1 - Math.abs((f0 - f1) / 2)) * MAX_NODE_SCORE);
  const without = Math.trunc((1 - Math.abs((g0 - g1) / 2)) * MAX_NODE_SCORE);
  return balanceChangeScore(withPod, without);
}

export class NodeResourcesBalancedAllocationPlugin implements PreScorePlugin, ScorePlugin {
  readonly name = NodeResourcesBalancedAllocation;
  readonly names: readonly string[];
  readonly kinds: Int8Array;
  /** Scratch space for one node's fractions with and without the pod; the engine is single-threaded. */
  private readonly fractions: Float64Array;
  private readonly before: Float64Array;
  /** What PreScore last wrote and where, so Score skips the CycleState lookup per node. */
  private lastCycle: CycleState | null = null;
  private lastRequests: Float64Array | null = null;
  /** Every resource is cpu, memory or ephemeral-storage: scoreAll can read the node table. */
  private readonly columnar: boolean;
  /** The resources are exactly [cpu, memory] (the default). */
  private readonly cpuMemory: boolean;

  private readonly allocCols: Float64Array[] = [];
  private readonly reqCols: Float64Array[] = [];

  constructor(readonly args: NodeResourcesBalancedAllocationArgs) {
    this.names = args.resources.map((r) => r.name);
    this.kinds = Int8Array.from(this.names, resourceKind);
    this.fractions = new Float64Array(this.names.length);
    this.before = new Float64Array(this.names.length);
    this.columnar = allColumnar(this.kinds);
    this.cpuMemory = this.kinds.length === 2 && this.kinds[0] === KIND_CPU && this.kinds[1] === KIND_MEMORY;
  }

  computePodRequests(pod: PodInfo): Float64Array {
    return podRequestList(pod, this.names, this.kinds, false);
  }

  /** Skips best-effort pods (no request for any configured resource), as upstream since #129138. */
  preScore(state: CycleState, pod: PodInfo): MaybeStatus {
    const podRequests = this.computePodRequests(pod);
    if (allZero(podRequests)) {
      this.lastCycle = null;
      return SKIP;
    }
    state.write(PRESCORE_STATE_KEY, new BalancedAllocationPreScoreState(podRequests));
    this.lastCycle = state;
    this.lastRequests = podRequests;
    return null;
  }

  /** The pod's requests from PreScore (or computed), or null when it requests none of the resources. */
  private requestsFor(state: CycleState, pod: PodInfo): Float64Array | null {
    let podRequests =
      state === this.lastCycle
        ? this.lastRequests
        : state.tryRead<BalancedAllocationPreScoreState>(PRESCORE_STATE_KEY)?.podRequests;
    if (!podRequests) {
      podRequests = this.computePodRequests(pod);
      if (allZero(podRequests)) return null;
    }
    return podRequests;
  }

  score(state: CycleState, pod: PodInfo, ni: NodeInfo): number {
    const podRequests = this.requestsFor(state, pod);
    if (podRequests === null) return 0;
    const { names, kinds, fractions, before } = this;
    let n = 0;
    for (let i = 0; i < names.length; i++) {
      const podReq = podRequests[i];
      const alloc = allocatableFor(ni, kinds[i], names[i], podReq);
      if (alloc === 0) continue;
      const used = requestedFor(ni, kinds[i], names[i], false);
      const f = (used + podReq) / alloc;
      const g = used / alloc;
      before[n] = g > 1 ? 1 : g;
      fractions[n++] = f > 1 ? 1 : f;
    }
    return balanceChangeScore(balancedResourceScore(fractions, n), balancedResourceScore(before, n));
  }

  /** score() over a batch, reading the node table when every resource has a column (cpu, memory, ephemeral-storage). */
  scoreAll(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, out: number[]): void {
    const podRequests = this.requestsFor(state, pod);
    if (podRequests === null) {
      for (let i = 0; i < n; i++) out[i] = 0;
      return;
    }
    if (!this.columnar) {
      for (let i = 0; i < n; i++) out[i] = this.score(state, pod, table.infos[slots[i]]!);
      return;
    }
    const kinds = this.kinds;
    const m = kinds.length;
    const allocs = this.allocCols;
    const reqs = this.reqCols;
    allocs.length = m;
    reqs.length = m;
    for (let r = 0; r < m; r++) {
      allocs[r] = allocatableColumn(table, kinds[r])!;
      reqs[r] = requestedColumn(table, kinds[r], false)!;
    }
    if (this.cpuMemory) {
      // The default resources: a tight loop over the table's own fields; nodes
      // without cpu or memory allocatable are marked and scored afterwards.
      if (scoreCpuMemory(table, slots, n, podRequests[0], podRequests[1], out) > 0) {
        for (let i = 0; i < n; i++) if (out[i] < 0) out[i] = this.scoreSlot(slots[i], podRequests);
      }
      return;
    }
    for (let i = 0; i < n; i++) out[i] = this.scoreSlot(slots[i], podRequests);
  }

  /** score() from the node table, for the node in `slot`. */
  private scoreSlot(slot: number, podRequests: Float64Array): number {
    const { allocCols: allocs, reqCols: reqs, fractions, before } = this;
    let k = 0;
    for (let r = 0; r < allocs.length; r++) {
      const alloc = allocs[r][slot];
      if (alloc === 0) continue;
      const used = reqs[r][slot];
      const f = (used + podRequests[r]) / alloc;
      const g = used / alloc;
      before[k] = g > 1 ? 1 : g;
      fractions[k++] = f > 1 ? 1 : f;
    }
    return balanceChangeScore(balancedResourceScore(fractions, k), balancedResourceScore(before, k));
  }

  scoreExtensions(): null {
    return null;
  }
}

/**
 * score() for resources [cpu, memory] over the table, with
 * balancedResourceScore's two-fraction arithmetic and balanceChangeScore inline. A node with no cpu
 * or memory allocatable gets -1 (to be scored by the caller); returns how many.
 */
function scoreCpuMemory(table: NodeTable, slots: Int32Array, n: number, podCpu: number, podMem: number, out: number[]): number {
  const allocCpu = table.allocCpu;
  const allocMem = table.allocMem;
  const reqCpu = table.reqCpu;
  const reqMem = table.reqMem;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const c0 = allocCpu[slot];
    const c1 = allocMem[slot];
    if (c0 === 0 || c1 === 0) {
      out[i] = -1;
      missing++;
      continue;
    }
    let g0 = reqCpu[slot] / c0;
    let g1 = reqMem[slot] / c1;
    let f0 = (reqCpu[slot] + podCpu) / c0;
    let f1 = (reqMem[slot] + podMem) / c1;
    if (g0 > 1) g0 = 1;
    if (g1 > 1) g1 = 1;
    if (f0 > 1) f0 = 1;
    if (f1 > 1) f1 = 1;
    const withPod = Math.trunc((1 - Math.abs((f0 - f1) / 2)) * 100);
    const without = Math.trunc((1 - Math.abs((g0 - g1) / 2)) * 100);
    out[i] = HALF + Math.trunc((HALF + withPod - without) / 2);
  }
  return missing;
}

export const nodeResourcesBalancedAllocationFactory: PluginFactory<NodeResourcesBalancedAllocationArgs> = {
  defaultArgs: defaultBalancedAllocationArgs,
  validateArgs: validateBalancedAllocationArgs,
  create(args) {
    const a = args ?? defaultBalancedAllocationArgs();
    const errs = validateBalancedAllocationArgs(a);
    if (errs.length > 0) throw new Error(aggregate(errs));
    return new NodeResourcesBalancedAllocationPlugin(a);
  },
};
