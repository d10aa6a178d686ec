/**
 * What NodeResourcesFit scoring and NodeResourcesBalancedAllocation share, as
 * upstream's noderesources/resource_allocation.go: resource-name classes, the
 * per-resource (allocatable, requested) pair a node offers a pod, the pod's
 * request list, and exact int64-style integer arithmetic.
 */
import { isExtendedResourceName } from '../../../model/pod-requests';
import { CPU, EPHEMERAL_STORAGE, MEMORY } from '../../../model/resource';
import type { NodeInfo } from '../../framework/node-info';
import type { NodeTable } from '../../framework/node-table';
import type { PodInfo } from '../../framework/pod-info';

/** One resource a scoring strategy looks at, and how much it counts. */
export interface ResourceSpec {
  name: string;
  weight: number;
}

/** cpu:1, memory:1 — upstream's defaultResourceSpec. */
export function defaultResourceSpecs(): ResourceSpec[] {
  return [
    { name: CPU, weight: 1 },
    { name: MEMORY, weight: 1 },
  ];
}

// --- resource-name classes (v1helper / schedutil) -----------------------------

export { isExtendedResourceName };

/** schedutil.IsScalarResourceName: extended, hugepages-*, kubernetes.io/-prefixed or attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  return (
    isExtendedResourceName(name) ||
    name.startsWith('hugepages-') ||
    name.includes('kubernetes.io/') ||
    name.startsWith('attachable-volumes-')
  );
}

/** How a configured resource name is read from a NodeInfo. */
export const KIND_CPU = 0;
export const KIND_MEMORY = 1;
export const KIND_EPHEMERAL = 2;
/** Read from the scalar maps; skipped when the pod does not request it. */
export const KIND_SCALAR = 3;
/** Anything else (`pods`, unknown native names): never scored, as upstream's default branch finds nothing. */
export const KIND_OTHER = 4;

export function resourceKind(name: string): number {
  switch (name) {
    case CPU:
      return KIND_CPU;
    case MEMORY:
      return KIND_MEMORY;
    case EPHEMERAL_STORAGE:
      return KIND_EPHEMERAL;
    default:
      return isScalarResourceName(name) ? KIND_SCALAR : KIND_OTHER;
  }
}

/**
 * The pod's request for each configured resource (upstream's
 * calculatePodResourceRequestList). With `nonZero`, cpu and memory use the
 * scheduler's non-zero defaults for containers that leave them unset.
 */
export function podRequestList(pod: PodInfo, names: readonly string[], kinds: Int8Array, nonZero: boolean): Float64Array {
  const out = new Float64Array(names.length);
  const r = pod.requests;
  for (let i = 0; i < names.length; i++) {
    switch (kinds[i]) {
      case KIND_CPU:
        out[i] = nonZero ? pod.nonZeroMilliCPU : r.milliCPU;
        break;
      case KIND_MEMORY:
        out[i] = nonZero ? pod.nonZeroMemory : r.memory;
        break;
      case KIND_EPHEMERAL:
        out[i] = r.ephemeralStorage;
        break;
      default:
        // `pods` is a node capacity, never a container request.
        out[i] = names[i] === 'pods' ? 0 : (r.scalar?.get(names[i]) ?? 0);
    }
  }
  return out;
}

/** Whether every entry is zero (a best-effort pod for these resources). */
export function allZero(reqs: Float64Array): boolean {
  for (let i = 0; i < reqs.length; i++) if (reqs[i] !== 0) return false;
  return true;
}

/**
 * The node's allocatable amount of resource i, or 0 when the resource is not
 * scored on this node (upstream's calculateResourceAllocatableRequest returning
 * (0, 0)): an extended resource the pod does not request, or a scalar the node
 * does not list.
 */
export function allocatableFor(ni: NodeInfo, kind: number, name: string, podRequest: number): number {
  switch (kind) {
    case KIND_CPU:
      return ni.allocatable.milliCPU;
    case KIND_MEMORY:
      return ni.allocatable.memory;
    case KIND_EPHEMERAL:
      return ni.allocatable.ephemeralStorage;
    case KIND_SCALAR:
      if (podRequest === 0) return 0;
      return ni.allocatable.scalar?.get(name) ?? 0;
    default:
      return 0;
  }
}

/**
 * What the node already has requested of resource i, before adding the pod.
 * `nonZero` selects NodeInfo.nonZeroRequested for cpu and memory (NodeResourcesFit
 * scoring); ephemeral-storage and scalars always use the real requests.
 */
export function requestedFor(ni: NodeInfo, kind: number, name: string, nonZero: boolean): number {
  switch (kind) {
    case KIND_CPU:
      return nonZero ? ni.nonZeroRequested.milliCPU : ni.requested.milliCPU;
    case KIND_MEMORY:
      return nonZero ? ni.nonZeroRequested.memory : ni.requested.memory;
    case KIND_EPHEMERAL:
      return ni.requested.ephemeralStorage;
    case KIND_SCALAR:
      return ni.requested.scalar?.get(name) ?? 0;
    default:
      return 0;
  }
}

/**
 * The node-table column allocatableFor reads for a resource kind, or null
 * for kinds the table does not hold (scalars, others).
 */
export function allocatableColumn(table: NodeTable, kind: number): Float64Array | null {
  switch (kind) {
    case KIND_CPU:
      return table.allocCpu;
    case KIND_MEMORY:
      return table.allocMem;
    case KIND_EPHEMERAL:
      return table.allocEph;
    default:
      return null;
  }
}

/** The node-table column requestedFor reads for a resource kind, or null (scalars, others). */
export function requestedColumn(table: NodeTable, kind: number, nonZero: boolean): Float64Array | null {
  switch (kind) {
    case KIND_CPU:
      return nonZero ? table.nzCpu : table.reqCpu;
    case KIND_MEMORY:
      return nonZero ? table.nzMem : table.reqMem;
    case KIND_EPHEMERAL:
      return table.reqEph;
    default:
      return null;
  }
}

/** Whether every kind has node-table columns (cpu, memory, ephemeral-storage only). */
export function allColumnar(kinds: Int8Array): boolean {
  for (let i = 0; i < kinds.length; i++) if (kinds[i] !== KIND_CPU && kinds[i] !== KIND_MEMORY && kinds[i] !== KIND_EPHEMERAL) return false;
  return true;
}

// --- exact integer arithmetic -------------------------------------------------

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * `floor(a * 100 / c)` for integers 0 <= a, 0 < c, exactly as Go's int64
 * `a * 100 / c`. Doubles hold the product exactly below 2^53; above that
 * (memory beyond ~90 TB) the quotient is taken with BigInt.
 */
export function scale100(a: number, c: number): number {
  const p = a * 100;
  if (p <= SAFE) {
    // The float quotient x is correctly rounded and rounding is monotonic, so
    // floor(x) can only miss the true floor when x rounded up onto an integer.
    const x = p / c;
    const q = Math.floor(x);
    return q === x && q * c > p ? q - 1 : q;
  }
  return scale100Big(a, c, p);
}

/** scale100 past 2^53 (kept apart so the common path stays small enough to inline). */
function scale100Big(a: number, c: number, p: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(c)) return Math.floor(p / c);
  return Number((BigInt(a) * 100n) / BigInt(c));
}
