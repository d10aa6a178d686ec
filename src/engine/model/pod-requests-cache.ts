/**
 * A pod's parsed requests, shared by everything that reads them (the kubelet's
 * admission, the scheduler's PodInfo): podRequests and podNonZeroRequests of a
 * stored spec, parsed once per content (requestsKey) — the replicas of one
 * template share one entry — or, for a spec the key cannot name, once per
 * spec object.
 *
 * Only stored specs may be asked about (the store's admission is
 * copy-on-write, so a stored spec's requests never change in place; an object
 * still to be admitted may get requests defaulted from limits). The answer is
 * shared: never modify its Resource. A malformed quantity throws
 * QuantityError, as the uncached functions do, and nothing is cached.
 */
import { podNonZeroRequests, podRequests } from './pod-requests';
import type { Resource } from './resource';
import { requestsKey } from './requests-key';
import type { Pod } from './types';

export interface SpecRequests {
  /** podRequests: read-only, shared. */
  readonly requests: Resource;
  /** podNonZeroRequests. */
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
}

/** Specs the content key cannot name, by object. */
const bySpec = new WeakMap<object, SpecRequests>();
/** Requests by content (requestsKey); cleared when it grows large. */
const byContent = new Map<string, SpecRequests>();
const MAX_CONTENT_KEYS = 4096;

/**
 * Parsed requests of a stored pod's spec (see above). `storedSpec`: the stored spec
 * object when `pod` is a copy of the stored pod (the scheduler's informers). Throws
 * QuantityError on a malformed quantity.
 */
export function storedPodRequests(pod: Pod, storedSpec: object = pod.spec): SpecRequests {
  const spec = storedSpec as unknown;
  if (typeof spec !== 'object' || spec === null) return uncachedPodRequests(pod);
  let r = bySpec.get(spec);
  if (r !== undefined) return r;
  const key = requestsKey(pod.spec);
  if (key !== null) {
    r = byContent.get(key);
    if (r !== undefined) return r;
  }
  r = uncachedPodRequests(pod);
  if (key !== null) {
    if (byContent.size >= MAX_CONTENT_KEYS) byContent.clear();
    byContent.set(key, r);
  } else bySpec.set(spec, r);
  return r;
}

/** The same figures parsed afresh, for a spec that is not stored (nothing cached). */
export function uncachedPodRequests(pod: Pod): SpecRequests {
  const nz = podNonZeroRequests(pod);
  return { requests: podRequests(pod), nonZeroMilliCPU: nz.milliCPU, nonZeroMemory: nz.memory };
}
