/**
 * The scheduler's numeric view of resources, as upstream's framework.Resource:
 * cpu in millicores, memory and ephemeral-storage in bytes, pods as a count,
 * every other ("scalar") resource as its integer Value().
 *
 * Numbers are JavaScript doubles: exact for every integer below 2^53
 * (8 PiB of memory), which covers every real node; see docs/performance-log.md
 * (issue 2, the score arithmetic past 2^53).
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

/** resourceFromList answers by content (names and amounts in order); cleared when it grows large. */
const sharedByContent = new Map<string, Resource>();
const MAX_SHARED_LISTS = 1024;

/**
 * resourceFromList for a reader that never modifies the answer: lists with the same
 * names and amounts, in the same order (the allocatable of nodes of one type), share
 * one parsed Resource. A list holding anything but strings and numbers, or a name or
 * amount with a separator character, is parsed as resourceFromList does, unshared.
 * Throws QuantityError on a malformed quantity.
 */
export function sharedResourceFromList(list: ResourceList | undefined): Resource {
  const key = listKey(list);
  if (key === null) return resourceFromList(list);
  let r = sharedByContent.get(key);
  if (r === undefined) {
    r = resourceFromList(list);
    if (sharedByContent.size >= MAX_SHARED_LISTS) sharedByContent.clear();
    sharedByContent.set(key, r);
  }
  return r;
}

function listKey(list: ResourceList | undefined): string | null {
  if (!list) return '';
  let key = '';
  for (const name in list) {
    if (!Object.prototype.hasOwnProperty.call(list, name)) return null;
    const raw: unknown = list[name];
    const v = typeof raw === 'string' ? 's' + raw : typeof raw === 'number' ? 'n' + String(raw) : null;
    if (v === null || name.includes('\0') || v.includes('\0') || v.includes('\u0001')) return null;
    key += name + '\0' + v + '\u0001';
  }
  return key;
}
