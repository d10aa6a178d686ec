/**
 * What the HPA reads instead of a metrics-server. Kubernetes measures pod usage (the kubelet's
 * cAdvisor, scraped by metrics-server); the simulation runs no process, so usage comes from
 * Podscape annotations:
 *
 * - on a pod (or its template): `podscape.dev/cpu-usage: "400m"` (each container uses 400m) or
 *   `"app=400m,sidecar=10m"` (per container), like `podscape.dev/memory-usage`;
 * - on the scale target (Deployment, ReplicaSet, StatefulSet, ReplicationController metadata): `podscape.dev/cpu-load:
 *   "2"` / `podscape.dev/memory-load: "1Gi"`, the workload's total usage, shared evenly by its
 *   Ready pods that have no usage annotation of their own (a pod's own annotation wins).
 *
 * Simplified (docs/fidelity.md, round 32): real load does not split evenly, and metrics-server
 * lags by its resolution (15 s); here a sample is the usage of the moment. A pod has a sample
 * while it runs on a powered node (metrics-server cannot scrape a dead kubelet); usage is read
 * only by the HPA (no CPU throttling).
 */
import type { KubeObject, Pod } from '../../model/types';
import { parseQuantity } from '../../model/quantity';
import { annotationsOf, type AnnotationProblem } from '../../kubelet/exit-annotations';
import { amountsByContainer, validateAmountsAnnotation, type AmountUnit } from '../../kubelet/container-amounts';
import { MEMORY_USAGE_ANNOTATION, memoryUsage } from '../../kubelet/memory-usage';
import { isPodReady } from '../workload/pods';

export const CPU_USAGE_ANNOTATION = 'podscape.dev/cpu-usage';
export const CPU_LOAD_ANNOTATION = 'podscape.dev/cpu-load';
export const MEMORY_LOAD_ANNOTATION = 'podscape.dev/memory-load';

export type MetricResource = 'cpu' | 'memory';

/** Milli-units of a non-negative quantity ("400m" → 400, "2" → 2000), undefined when it does not parse or is negative. */
export function milliOf(raw: unknown): number | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  try {
    const q = parseQuantity(raw);
    return q.sign() < 0 ? undefined : q.milliValue();
  } catch {
    return undefined;
  }
}

const CPU: AmountUnit = { read: (raw) => milliOf(raw), resource: 'cpu', one: '400m', pair: 'app=400m', pairs: 'app=400m,sidecar=10m' };

/** The pod's own usage of `resource` in milli-units (sum over its containers), or undefined without its annotation. */
export function ownUsage(pod: Pod, resource: MetricResource): number | undefined {
  const each = resource === 'memory' ? memoryUsage(pod) : amountsByContainer(pod, CPU_USAGE_ANNOTATION, CPU);
  if (!each) return undefined;
  // Memory in bytes → milli-units; cpu is read in millicores already.
  const scale = resource === 'memory' ? 1000 : 1;
  let sum = 0;
  for (const v of each.values()) sum += v * scale;
  return sum;
}

/** The target's load annotation for `resource` in milli-units, or undefined. */
export function targetLoad(target: KubeObject, resource: MetricResource): number | undefined {
  const raw = target.metadata.annotations?.[resource === 'cpu' ? CPU_LOAD_ANNOTATION : MEMORY_LOAD_ANNOTATION];
  return raw === undefined ? undefined : milliOf(raw);
}

/** Whether metrics-server would have a sample of the pod: it runs, on a node whose kubelet answers. */
export function hasSample(pod: Pod, nodeUp: (node: string) => boolean): boolean {
  return pod.status?.phase === 'Running' && !!pod.spec.nodeName && nodeUp(pod.spec.nodeName);
}

/**
 * The metrics-server's answer for these pods (the HPA's PodMetricsInfo): usage in milli-units by
 * pod name, for the pods that have a sample. The target's load is shared by its Ready sampled
 * pods without an annotation of their own; other pods without one use nothing.
 */
export function podMetrics(pods: readonly Pod[], resource: MetricResource, target: KubeObject, nodeUp: (node: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  const sharers: string[] = [];
  for (const p of pods) {
    if (!hasSample(p, nodeUp)) continue;
    const own = ownUsage(p, resource);
    const name = p.metadata.name ?? '';
    out.set(name, own ?? 0);
    if (own === undefined && isPodReady(p)) sharers.push(name);
  }
  const load = targetLoad(target, resource);
  if (load !== undefined && sharers.length > 0) {
    // An even share, rounded down to whole milli-units (a metric is an integer milli-value upstream).
    const share = Math.floor(load / sharers.length);
    for (const n of sharers) out.set(n, share);
  }
  return out;
}

/** Checks the cpu-usage annotation on a pod's (or template's) metadata. */
export function validateCpuUsageAnnotation(metadata: unknown, at: string): AnnotationProblem[] {
  return validateAmountsAnnotation(metadata, at, CPU_USAGE_ANNOTATION, CPU);
}

/** Checks the load annotations on a workload's own metadata. */
export function validateLoadAnnotations(metadata: unknown): AnnotationProblem[] {
  const a = annotationsOf(metadata);
  if (!a) return [];
  const out: AnnotationProblem[] = [];
  for (const [key, example] of [[CPU_LOAD_ANNOTATION, '"1500m"'], [MEMORY_LOAD_ANNOTATION, '"2Gi"']] as const) {
    const raw = a[key];
    if (raw === undefined) continue;
    if (typeof raw === 'string' && milliOf(raw.trim()) !== undefined) continue;
    out.push({ field: `metadata.annotations[${key}]`, message: `Invalid value: ${JSON.stringify(raw)}: must be a non-negative quantity such as ${example}, the workload's total usage (a Podscape simulation annotation)` });
  }
  return out;
}

export { MEMORY_USAGE_ANNOTATION };
