/**
 * What an object costs a ResourceQuota (kubernetes pkg/quota/v1/evaluator/core/pods.go and the
 * generic object-count evaluator of apiserver's quota/v1/generic): a pod's `pods`, `count/pods`,
 * cpu, memory and ephemeral-storage requests and limits; any other object one of
 * `count/<resource>` (and the legacy name, for the core kinds that have one).
 *
 * Shared by the ResourceQuota admission (store/quota-admission.ts) and the quota controller
 * (controllers/resource-quota/). Amounts are exact Quantities; a map's keys are resource names.
 */
import { fromTimestamp } from '../clock/time';
import { isObj } from './is-object';
import { addInto, aggregateContainers } from './pod-requests';
import { Quantity, parseQuantity } from './quantity';
import { resourceOf } from '../store/resources';
import type { Container, KubeObject, Pod } from './types';

export type Amounts = Map<string, Quantity>;

/** Core kinds whose objects also count under a name without `count/` (quota's legacy names). */
const LEGACY_COUNT = new Map([
  ['Service', 'services'],
  ['ConfigMap', 'configmaps'],
  ['Secret', 'secrets'],
  ['ReplicationController', 'replicationcontrollers'],
  ['ResourceQuota', 'resourcequotas'],
  ['PersistentVolumeClaim', 'persistentvolumeclaims'],
]);

/** The resources a pod quota can track (upstream podResources), not counting hugepages and extended names. */
const POD_RESOURCES = new Set([
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'pods',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);

/**
 * The resources whose presence a pod quota demands of every container (upstream's
 * validationSet: "it was a mistake", kept for compatibility).
 */
export const MUST_SPECIFY = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** The names a kind's objects are counted under. */
export function countNames(kind: string): string[] {
  const legacy = LEGACY_COUNT.get(kind);
  return legacy ? [`count/${resourceOf(kind)}`, legacy] : [`count/${resourceOf(kind)}`];
}

/** Of `names`, those an object of `kind` is charged under (the evaluator's MatchingResources). */
export function matchingResources(kind: string, names: readonly string[]): string[] {
  if (kind !== 'Pod') {
    const own = countNames(kind);
    return names.filter((n) => own.includes(n));
  }
  return names.filter((n) => POD_RESOURCES.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || (n.startsWith('requests.') && n.includes('/')));
}

/** Whether the pod is charged for compute (upstream QuotaV1Pod): not terminal, and not past its deletion grace. */
export function podCharged(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = fromTimestamp(pod.metadata.deletionTimestamp as string | undefined);
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (del !== undefined && typeof grace === 'number' && now > del + grace * 1000) return false;
  return true;
}

/** Whether the pod has no request and no limit in any container (QoS BestEffort). */
export function isBestEffort(pod: Pod): boolean {
  const all = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])];
  return all.every((c) => {
    const r = isObj(c) && isObj(c.resources) ? c.resources : {};
    const has = (l: unknown) => isObj(l) && Object.keys(l).some((k) => k === 'cpu' || k === 'memory');
    return !has((r as { requests?: unknown }).requests) && !has((r as { limits?: unknown }).limits);
  });
}

/** What one object costs, as its evaluator's Usage measures it. */
export function usageOf(kind: string, obj: KubeObject, now: number): Amounts {
  if (kind !== 'Pod') return new Map(countNames(kind).map((n) => [n, Quantity.fromValue(1)]));
  const pod = obj as Pod;
  const out: Amounts = new Map([['count/pods', Quantity.fromValue(1)]]);
  if (!podCharged(pod, now)) return out;
  for (const [k, v] of computeUsage(podAmounts(pod, 'requests'), podAmounts(pod, 'limits'))) out.set(k, v);
  return out;
}

/** The resource names one container makes known (upstream podComputeUsageHelper of its requests and limits). */
export function containerUsageNames(c: Container): Set<string> {
  return new Set(computeUsage(listOf(c, 'requests'), listOf(c, 'limits')).keys());
}

/** upstream podComputeUsageHelper: pods=1 and the request and limit names quota knows them by. */
function computeUsage(requests: Amounts, limits: Amounts): Amounts {
  const out: Amounts = new Map([['pods', Quantity.fromValue(1)]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [name, q] of requests) {
    if (name.startsWith('hugepages-')) {
      out.set(name, q);
      out.set(`requests.${name}`, q);
    } else if (name.includes('/') && !name.includes('kubernetes.io/')) out.set(`requests.${name}`, q);
  }
  return out;
}

function listOf(c: Container | undefined, field: 'requests' | 'limits'): Amounts {
  const out: Amounts = new Map();
  const res = isObj(c) && isObj(c.resources) ? (c.resources as Record<string, unknown>)[field] : undefined;
  if (!isObj(res)) return out;
  for (const [name, raw] of Object.entries(res)) {
    try {
      out.set(name, parseQuantity(raw as string).roundUpToMilli());
    } catch {
      // Validation refuses a malformed quantity before it is stored.
    }
  }
  return out;
}

/**
 * The pod's requests or limits as component-helpers PodRequests / PodLimits sum them:
 * containers and sidecars added, init containers by the max formula, pod-level cpu and memory
 * replacing the sum where set, overhead added.
 */
export function podAmounts(pod: Pod, field: 'requests' | 'limits'): Amounts {
  const out: Amounts = aggregateContainers(pod, (c) => listOf(c, field));
  const podLevel = listOf({ name: '', resources: (pod.spec as { resources?: unknown }).resources } as Container, field);
  for (const r of ['cpu', 'memory']) {
    const q = podLevel.get(r);
    if (q) out.set(r, q);
  }
  const overhead: Amounts = new Map();
  if (isObj(pod.spec.overhead)) for (const [k, v] of Object.entries(pod.spec.overhead)) overhead.set(k, parseQuantity(v as string));
  addInto(out, overhead);
  return out;
}

/** upstream prettyPrint: `name=value` pairs sorted by name, comma-separated. */
export function prettyPrint(list: Amounts): string {
  return [...list.keys()].sort().map((k) => `${k}=${list.get(k)!.toString()}`).join(',');
}

/** A ResourceList read into Amounts (unparsable values left out). */
export function amountsOf(list: unknown): Amounts {
  const out: Amounts = new Map();
  if (!isObj(list)) return out;
  for (const [k, v] of Object.entries(list)) {
    try {
      out.set(k, parseQuantity(v as string));
    } catch {
      // Validation of the ResourceQuota is not modelled; an unparsable value limits nothing.
    }
  }
  return out;
}

/** Amounts as a ResourceList (canonical strings), in the key order given. */
export function listFrom(amounts: Amounts, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = (amounts.get(k) ?? Quantity.zero()).toString();
  return out;
}
