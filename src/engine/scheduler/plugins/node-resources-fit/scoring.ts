/**
 * NodeResourcesFit's scoring strategies, as upstream's least_allocated.go,
 * most_allocated.go and requested_to_capacity_ratio.go: per-resource scores
 * in int64 arithmetic, combined by weight.
 */
import type { NodeInfo } from '../../framework/node-info';
import {
  LEAST_ALLOCATED,
  MAX_CUSTOM_PRIORITY_SCORE,
  MOST_ALLOCATED,
  REQUESTED_TO_CAPACITY_RATIO,
  type ScoringStrategy,
  type UtilizationShapePoint,
} from './args';
import { MAX_NODE_SCORE } from '../helpers/normalize-score';
import type { NodeTable } from '../../framework/node-table';
import {
  allColumnar,
  allocatableColumn,
  allocatableFor,
  KIND_CPU,
  KIND_MEMORY,
  requestedColumn,
  requestedFor,
  resourceKind,
  scale100,
} from '../helpers/resource-allocation';

const SAFE = Number.MAX_SAFE_INTEGER;
const STRATEGY_LEAST = 0;
const STRATEGY_MOST = 1;
const STRATEGY_RTCR = 2;

/** `(capacity - requested) * 100 / capacity`; 0 when over capacity or capacity is 0. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return scale100(capacity - requested, capacity);
}

/** `min(requested, capacity) * 100 / capacity`; 0 when capacity is 0. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return scale100(requested > capacity ? capacity : requested, capacity);
}

/** Utilization on 0..100, floored; 100 at or above capacity (upstream's scaledUtilization). */
export function scaledUtilization(requested: number, capacity: number): number {
  if (capacity <= 0 || requested <= 0) return 0;
  if (requested >= capacity) return MAX_NODE_SCORE;
  return scale100(requested, capacity);
}

/**
 * helper.BuildBrokenLinearFunction over points already scaled to node scores:
 * the first score below the first point, the last above the last, straight
 * segments between, with Go's truncating integer division.
 */
export function brokenLinear(utilizations: Float64Array, scores: Float64Array, p: number): number {
  const n = utilizations.length;
  for (let i = 0; i < n; i++) {
    if (p <= utilizations[i]) {
      if (i === 0) return scores[0];
      const du = utilizations[i] - utilizations[i - 1];
      return scores[i - 1] + Math.trunc(((scores[i] - scores[i - 1]) * (p - utilizations[i - 1])) / du);
    }
  }
  return scores[n - 1];
}

/**
 * A configured strategy, compiled once per plugin instance: resource names,
 * how to read them, weights and (for RequestedToCapacityRatio) the shape.
 */
export class ResourceScorer {
  readonly names: readonly string[];
  readonly kinds: Int8Array;
  readonly weights: Float64Array;
  private readonly strategy: number;
  private readonly shapeU: Float64Array;
  private readonly shapeS: Float64Array;
  /** Every resource is cpu, memory or ephemeral-storage: scoreAll can read the node table. */
  private readonly columnar: boolean;
  /** The resources are exactly [cpu, memory] (the default). */
  private readonly cpuMemory: boolean;
  private readonly allocCols: Float64Array[] = [];
  private readonly reqCols: Float64Array[] = [];

  constructor(s: ScoringStrategy) {
    this.names = s.resources.map((r) => r.name);
    this.kinds = Int8Array.from(this.names, resourceKind);
    this.weights = Float64Array.from(s.resources, (r) => r.weight);
    this.strategy =
      s.type === MOST_ALLOCATED ? STRATEGY_MOST : s.type === REQUESTED_TO_CAPACITY_RATIO ? STRATEGY_RTCR : STRATEGY_LEAST;
    if (s.type !== LEAST_ALLOCATED && s.type !== MOST_ALLOCATED && s.type !== REQUESTED_TO_CAPACITY_RATIO) {
      throw new Error(`scoring strategy ${s.type} is not supported`);
    }
    const shape: readonly UtilizationShapePoint[] = s.requestedToCapacityRatio?.shape ?? [];
    this.shapeU = Float64Array.from(shape, (p) => p.utilization);
    this.shapeS = Float64Array.from(shape, (p) => p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE));
    this.columnar = allColumnar(this.kinds);
    this.cpuMemory = this.kinds.length === 2 && this.kinds[0] === KIND_CPU && this.kinds[1] === KIND_MEMORY;
  }

  /**
   * The node's score for a pod whose requests (non-zero cpu/memory) are
   * `podRequests`, aligned with `names`. Allocation-free.
   */
  score(ni: NodeInfo, podRequests: Float64Array): number {
    const { names, kinds, weights } = this;
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < names.length; i++) {
      const kind = kinds[i];
      const podReq = podRequests[i];
      const alloc = allocatableFor(ni, kind, names[i], podReq);
      if (alloc === 0) continue;
      const req = requestedFor(ni, kind, names[i], true) + podReq;
      const rs = this.resourceScore(req, alloc);
      if (rs < 0) continue;
      nodeScore += rs * weights[i];
      weightSum += weights[i];
    }
    return this.combine(nodeScore, weightSum);
  }

  /**
   * One resource's score under the strategy, or -1 when RequestedToCapacityRatio
   * leaves it out of both sums (resources that score 0 there do not count).
   */
  private resourceScore(req: number, alloc: number): number {
    switch (this.strategy) {
      case STRATEGY_LEAST:
        return leastRequestedScore(req, alloc);
      case STRATEGY_MOST:
        return mostRequestedScore(req, alloc);
      default: {
        const u = req > alloc ? MAX_NODE_SCORE : scaledUtilization(req, alloc);
        const rs = brokenLinear(this.shapeU, this.shapeS, u);
        return rs > 0 ? rs : -1;
      }
    }
  }

  /** The weighted mean: int64 truncation, or math.Round for RequestedToCapacityRatio. */
  private combine(nodeScore: number, weightSum: number): number {
    if (weightSum === 0) return 0;
    if (this.strategy === STRATEGY_RTCR) return Math.round(nodeScore / weightSum);
    return Math.floor(nodeScore / weightSum);
  }

  /**
   * out[i] = score(node in slots[i]) for i < n, read from the node table with
   * score()'s arithmetic in score()'s order. Returns false (and writes nothing)
   * when a resource has no table column (scalars): use score() then.
   */
  scoreAll(table: NodeTable, slots: Int32Array, n: number, podRequests: Float64Array, out: number[]): boolean {
    if (!this.columnar) return false;
    const m = this.names.length;
    const allocs = this.allocCols;
    const reqs = this.reqCols;
    for (let r = 0; r < m; r++) {
      allocs[r] = allocatableColumn(table, this.kinds[r])!;
      reqs[r] = requestedColumn(table, this.kinds[r], true)!;
    }
    if (this.cpuMemory && this.strategy === STRATEGY_LEAST) {
      leastAllocatedCpuMemory(table, slots, n, podRequests[0], podRequests[1], this.weights[0], this.weights[1], out);
      return true;
    }
    const weights = this.weights;
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      let nodeScore = 0;
      let weightSum = 0;
      for (let r = 0; r < m; r++) {
        const alloc = allocs[r][slot];
        if (alloc === 0) continue;
        const req = reqs[r][slot] + podRequests[r];
        const rs = this.resourceScore(req, alloc);
        if (rs < 0) continue;
        nodeScore += rs * weights[r];
        weightSum += weights[r];
      }
      out[i] = this.combine(nodeScore, weightSum);
    }
    return true;
  }

}

/**
 * ResourceScorer.score for LeastAllocated over [cpu, memory] (the default),
 * reading the table's own fields, with score()'s arithmetic in its order.
 */
function leastAllocatedCpuMemory(
  table: NodeTable,
  slots: Int32Array,
  n: number,
  podCpu: number,
  podMem: number,
  w0: number,
  w1: number,
  out: number[],
): void {
  const allocCpu = table.allocCpu;
  const allocMem = table.allocMem;
  const nzCpu = table.nzCpu;
  const nzMem = table.nzMem;
  const both = w0 + w1;
  // Dividing by a power of two is exact, and so is multiplying by its inverse.
  const inverse = Number.isInteger(Math.log2(both)) ? 1 / both : 0;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const c0 = allocCpu[slot];
    const c1 = allocMem[slot];
    const r0 = nzCpu[slot] + podCpu;
    const r1 = nzMem[slot] + podMem;
    if (c0 !== 0 && c1 !== 0) {
      // leastRequestedScore for both, with scale100's exact floor inline (its big-number path stays a call).
      let s0 = 0;
      if (r0 <= c0) {
        const p = (c0 - r0) * 100;
        if (p <= SAFE) {
          const x = p / c0;
          s0 = Math.floor(x);
          if (s0 === x && s0 * c0 > p) s0--;
        } else s0 = scale100(c0 - r0, c0);
      }
      let s1 = 0;
      if (r1 <= c1) {
        const p = (c1 - r1) * 100;
        if (p <= SAFE) {
          const x = p / c1;
          s1 = Math.floor(x);
          if (s1 === x && s1 * c1 > p) s1--;
        } else s1 = scale100(c1 - r1, c1);
      }
      const nodeScore = s0 * w0 + s1 * w1;
      out[i] = Math.floor(inverse !== 0 ? nodeScore * inverse : nodeScore / both);
      continue;
    }
    let nodeScore = 0;
    let weightSum = 0;
    if (c0 !== 0) {
      nodeScore += leastRequestedScore(r0, c0) * w0;
      weightSum += w0;
    }
    if (c1 !== 0) {
      nodeScore += leastRequestedScore(r1, c1) * w1;
      weightSum += w1;
    }
    out[i] = weightSum === 0 ? 0 : Math.floor(nodeScore / weightSum);
  }
}
