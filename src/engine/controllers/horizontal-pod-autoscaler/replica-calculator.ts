/**
 * Upstream's replica calculation (pkg/controller/podautoscaler/replica_calculator.go and
 * metrics/utilization.go), on the HPA's own inputs: the pods its selector picks, their metric
 * samples (usage.ts) in milli-units, and the virtual time.
 *
 * - groupPods: pods being deleted or Failed are left out; Pending pods are unready; a Running
 *   pod without a sample is missing; for cpu only, a pod is unready while it has no Ready
 *   condition or start time, or within the 5 min cpu initialization period when it is not Ready
 *   or became Ready less than one metric window ago, or after it when it is not Ready and never
 *   was (its Ready condition last moved within 30 s of its start).
 * - The ratio uses only the ready samples; within the 0.1 tolerance nothing changes. With
 *   missing pods, a scale-down counts them at 100 % of their request (or at the target, for an
 *   AverageValue target) and a scale-up at 0; on a scale-up unready pods count at 0; a change
 *   of direction after that, or a result inside the tolerance, keeps the current count.
 */
import { fromTimestamp } from '../../clock/time';
import type { Pod } from '../../model/types';
import { podCondition } from '../workload/pods';
import type { MetricResource } from './usage';

/** --horizontal-pod-autoscaler-tolerance. */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period. */
export const CPU_INITIALIZATION_PERIOD = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay. */
export const INITIAL_READINESS_DELAY = 30_000;
/** The window of a metrics-server sample (its default --metric-resolution). */
export const METRIC_WINDOW = 15_000;

export class MetricError extends Error {}

export interface Grouped {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** groupPods. `metrics`: samples by pod name; `now`: virtual ms (a sample is taken at `now`). */
export function groupPods(pods: readonly Pod[], metrics: ReadonlyMap<string, number>, resource: MetricResource, now: number): Grouped {
  const g: Grouped = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      g.ignored.add(name);
      continue;
    }
    if ((pod.status?.phase ?? 'Pending') === 'Pending') {
      g.unready.add(name);
      continue;
    }
    if (!metrics.has(name)) {
      g.missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const ready = podCondition(pod, 'Ready');
      const start = fromTimestamp(pod.status?.startTime);
      const moved = fromTimestamp(ready?.lastTransitionTime) ?? 0;
      let unready: boolean;
      if (!ready || start === undefined) unready = true;
      else if (start + CPU_INITIALIZATION_PERIOD > now) unready = ready.status === 'False' || now < moved + METRIC_WINDOW;
      else unready = ready.status === 'False' && start + INITIAL_READINESS_DELAY > moved;
      if (unready) {
        g.unready.add(name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

/** calculatePodRequests: each pod's summed container request in milli-units; a container without one is an error. */
export function podRequests(pods: readonly Pod[], resource: MetricResource, milli: (q: unknown) => number | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    const containers = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? []).filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always')];
    for (const c of containers) {
      const req = milli(c.resources?.requests?.[resource]);
      if (req === undefined) throw new MetricError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += req;
    }
    out.set(pod.metadata.name ?? '', sum);
  }
  return out;
}

/** GetResourceUtilizationRatio: utilization is a whole percent (integer division), the ratio its share of the target. */
export function utilizationRatio(metrics: ReadonlyMap<string, number>, requests: ReadonlyMap<string, number>, target: number): { ratio: number; utilization: number; rawAverage: number } {
  let used = 0;
  let requested = 0;
  let n = 0;
  for (const [name, v] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    used += v;
    requested += r;
    n++;
  }
  if (requested === 0) throw new MetricError('no metrics returned matched known pods');
  const utilization = Math.trunc((used * 100) / requested);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(used / n) };
}

/** GetMetricUsageRatio: the average sample (integer division) against the target value. */
export function usageRatio(metrics: ReadonlyMap<string, number>, target: number): { ratio: number; average: number } {
  let total = 0;
  for (const v of metrics.values()) total += v;
  const average = Math.trunc(total / metrics.size);
  return { ratio: average / target, average };
}

export interface Proposal {
  replicas: number;
  /** Utilization targets: the whole percent; AverageValue targets: the average in milli-units. */
  utilization?: number;
  average: number;
}

interface CalcInput {
  currentReplicas: number;
  pods: readonly Pod[];
  metrics: Map<string, number>;
  resource: MetricResource;
  now: number;
  tolerance?: number;
}

const within = (ratio: number, tolerance: number) => Math.abs(1 - ratio) <= tolerance;

/** The shared second pass: missing and unready pods filled in, then the direction checks. */
function rebalance(input: CalcInput, g: Grouped, ratio: number, fillMissing: number | ((name: string) => number), recompute: (m: Map<string, number>) => number): number | undefined {
  const { metrics, currentReplicas } = input;
  const tolerance = input.tolerance ?? TOLERANCE;
  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (within(ratio, tolerance)) return currentReplicas;
    return Math.ceil(ratio * g.readyPodCount);
  }
  if (g.missing.size > 0) {
    for (const name of g.missing) metrics.set(name, ratio < 1 ? (typeof fillMissing === 'number' ? fillMissing : fillMissing(name)) : 0);
  }
  if (scaleUpWithUnready) for (const name of g.unready) metrics.set(name, 0);
  const next = recompute(metrics);
  if (within(next, tolerance) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return currentReplicas;
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return currentReplicas;
  return replicas;
}

/** GetResourceReplicas: a Utilization target (percent of request). */
export function resourceReplicas(input: CalcInput, targetUtilization: number, milli: (q: unknown) => number | undefined): Proposal {
  if (input.metrics.size === 0) throw new MetricError(`unable to get metrics for resource ${input.resource}: no metrics returned from resource metrics API`);
  if (input.pods.length === 0) throw new MetricError('no pods returned by selector while calculating replica count');
  const g = groupPods(input.pods, input.metrics, input.resource, input.now);
  for (const n of [...g.ignored, ...g.unready]) input.metrics.delete(n);
  const requests = podRequests(input.pods, input.resource, milli);
  if (input.metrics.size === 0) throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const first = utilizationRatio(input.metrics, requests, targetUtilization);
  const replicas = rebalance(input, g, first.ratio, (name) => requests.get(name) ?? 0, (m) => utilizationRatio(m, requests, targetUtilization).ratio);
  return { replicas: replicas!, utilization: first.utilization, average: first.rawAverage };
}

/** GetRawResourceReplicas (calcPlainMetricReplicas): an AverageValue target in milli-units. */
export function rawResourceReplicas(input: CalcInput, targetAverage: number): Proposal {
  if (input.metrics.size === 0) throw new MetricError(`unable to get metrics for resource ${input.resource}: no metrics returned from resource metrics API`);
  if (input.pods.length === 0) throw new MetricError('no pods returned by selector while calculating replica count');
  const g = groupPods(input.pods, input.metrics, input.resource, input.now);
  for (const n of [...g.ignored, ...g.unready]) input.metrics.delete(n);
  if (input.metrics.size === 0) throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const first = usageRatio(input.metrics, targetAverage);
  const replicas = rebalance(input, g, first.ratio, targetAverage, (m) => usageRatio(m, targetAverage).ratio);
  return { replicas: replicas!, average: first.average };
}
