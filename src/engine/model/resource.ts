/**
 * The scheduler's numeric view of resources, as upstream's framework.Resource:
 * cpu in millicores, memory and ephemeral-storage in bytes, pods as a count,
 * every other ("scalar") resource as its integer Value().
 *
 * Numbers are JavaScript doubles: exact for every integer below 2^53
 * (8 PiB of memory), which covers every real node; see docs/performance.md.
 */
import { parseQuantity } from './quantity';
import type { ResourceList } from './types';

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  /** Extended resources, hugepages-*, attachable volumes; null when none. */
  scalar: Map<string, number> | null = null;

  /** The amount of one named resource (cpu in millicores). */
  get(name: string): number {
    switch (name) {
      case CPU:
        return this.milliCPU;
      case MEMORY:
        return this.memory;
      case EPHEMERAL_STORAGE:
        return this.ephemeralStorage;
      case PODS:
        return this.allowedPodNumber;
      default:
        return this.scalar?.get(name) ?? 0;
    }
  }

  set(name: string, v: number): void {
    switch (name) {
      case CPU:
        this.milliCPU = v;
        return;
      case MEMORY:
        this.memory = v;
        return;
      case EPHEMERAL_STORAGE:
        this.ephemeralStorage = v;
        return;
      case PODS:
        this.allowedPodNumber = v;
        return;
      default:
        (this.scalar ??= new Map()).set(name, v);
    }
  }

  add(o: Resource): void {
    this.milliCPU += o.milliCPU;
    this.memory += o.memory;
    this.ephemeralStorage += o.ephemeralStorage;
    this.allowedPodNumber += o.allowedPodNumber;
    if (o.scalar) for (const [k, v] of o.scalar) this.set(k, this.get(k) + v);
  }

  sub(o: Resource): void {
    this.milliCPU -= o.milliCPU;
    this.memory -= o.memory;
    this.ephemeralStorage -= o.ephemeralStorage;
    this.allowedPodNumber -= o.allowedPodNumber;
    if (o.scalar) for (const [k, v] of o.scalar) this.set(k, this.get(k) - v);
  }

  clone(): Resource {
    const r = new Resource();
    r.milliCPU = this.milliCPU;
    r.memory = this.memory;
    r.ephemeralStorage = this.ephemeralStorage;
    r.allowedPodNumber = this.allowedPodNumber;
    r.scalar = this.scalar ? new Map(this.scalar) : null;
    return r;
  }

  /** Every resource name with a non-zero amount, cpu/memory/ephemeral first. */
  names(): string[] {
    const out: string[] = [];
    if (this.milliCPU) out.push(CPU);
    if (this.memory) out.push(MEMORY);
    if (this.ephemeralStorage) out.push(EPHEMERAL_STORAGE);
    if (this.scalar) for (const [k, v] of this.scalar) if (v) out.push(k);
    return out;
  }
}

/**
 * Converts a resource list as upstream's NewResource/Add does: cpu through
 * MilliValue (rounding up), everything else through Value (rounding up).
 * Throws QuantityError on a malformed quantity.
 */
export function resourceFromList(list: ResourceList | undefined): Resource {
  const r = new Resource();
  if (!list) return r;
  for (const [name, raw] of Object.entries(list)) {
    const q = parseQuantity(raw);
    if (name === CPU) r.milliCPU += q.milliValue();
    else r.set(name, r.get(name) + q.value());
  }
  return r;
}
