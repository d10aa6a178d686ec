/**
 * Pod predicates the workload controllers share, as upstream's
 * pkg/controller/controller_utils.go and pkg/api/v1/pod define them.
 */
import { parsedTimestamp } from './timestamps';
import type { Pod, PodCondition } from '../../model/types';
import { isPodActive, isPodReady, isPodTerminal } from '../../sim/api';

export { isPodActive, isPodReady };
export const isTerminal = isPodTerminal;

/** controller.FilterTerminatingPods: being deleted but not yet terminal. */
export const isPodTerminating = (p: Pod): boolean => !!p.metadata.deletionTimestamp && !isTerminal(p);

export function podCondition(p: Pod, type: string): PodCondition | undefined {
  const cs = p.status?.conditions;
  if (!cs) return undefined;
  for (const c of cs) if (c.type === type) return c;
  return undefined;
}

/** Virtual time the pod last became Ready, or undefined when it is not Ready (or the time is unknown). */
export function readySince(p: Pod): number | undefined {
  const c = podCondition(p, 'Ready');
  if (c?.status !== 'True') return undefined;
  return parsedTimestamp(c.lastTransitionTime);
}

/**
 * podutil.IsPodAvailable: Ready for more than minReadySeconds (strictly, as
 * upstream's `Before(now)`); with minReadySeconds 0, Ready is enough.
 */
export function isPodAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const since = readySince(p);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/**
 * When a Ready pod that is not yet available becomes available (the first
 * millisecond past minReadySeconds), for controllers that resync then.
 */
export function availableAt(p: Pod, minReadySeconds: number): number | undefined {
  if (!minReadySeconds) return undefined;
  const since = readySince(p);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

/** Name order, for deterministic iteration over store results. */
export const byName = <T extends { metadata: { name?: string } }>(a: T, b: T): number => {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Creation time (virtual ms); objects without one sort first, as upstream's zero time. */
export const createdAt = (o: { metadata: { creationTimestamp?: string } }): number =>
  parsedTimestamp(o.metadata.creationTimestamp) ?? Number.NEGATIVE_INFINITY;

/** The namespace/name key of a namespaced object. */
export const keyOf = (o: { metadata: { namespace?: string; name?: string } }): string =>
  `${o.metadata.namespace ?? 'default'}/${o.metadata.name ?? ''}`;

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** metadata.generation, 1 when the store does not track it. */
export const generationOf = (o: { metadata: { generation?: number } }): number => o.metadata.generation ?? 1;
