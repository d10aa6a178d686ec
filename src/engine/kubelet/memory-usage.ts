/**
 * Podscape's memory usage model. Kubernetes measures what a container uses (cAdvisor's working
 * set); the simulation runs no process, so a pod says what its containers use with an annotation
 * on the pod or its template (a simulation annotation, like the exit and probe annotations):
 *
 * - `podscape.dev/memory-usage: "300Mi"`: each container of the pod uses 300Mi once it runs.
 * - `podscape.dev/memory-usage: "app=300Mi,sidecar=20Mi"`: per container (by name); a container
 *   not named uses nothing.
 *
 * Without the annotation a pod uses no memory (no OOM kill, no share in node pressure). A
 * container uses its amount from the moment it runs until it stops (no ramp, no spikes). What the
 * kubelet does with it: oom.ts (usage above the container's memory limit) and eviction-manager.ts
 * (the node's memory.available below the hard eviction threshold).
 */
import type { Container, Pod } from '../model/types';
import { parseQuantity } from '../model/quantity';
import type { AnnotationProblem } from './exit-annotations';
import { amountsByContainer, validateAmountsAnnotation, type AmountUnit } from './container-amounts';

export const MEMORY_USAGE_ANNOTATION = 'podscape.dev/memory-usage';

/** Bytes of a memory quantity, or undefined when it does not parse or is negative. */
export function memoryBytes(raw: unknown): number | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  try {
    const q = parseQuantity(raw);
    return q.sign() < 0 ? undefined : q.value();
  } catch {
    return undefined;
  }
}

const MEMORY: AmountUnit = { read: (raw) => memoryBytes(raw), resource: 'memory', one: '300Mi', pair: 'app=300Mi', pairs: 'app=300Mi,sidecar=20Mi' };

/**
 * Memory (bytes) each container of the pod uses while it runs, by container name; undefined
 * without the annotation (or with a value validation refuses: such a pod never loads).
 */
export function memoryUsage(pod: Pod): Map<string, number> | undefined {
  return amountsByContainer(pod, MEMORY_USAGE_ANNOTATION, MEMORY);
}

/** The container's memory limit in bytes, if it has one. */
export const memoryLimit = (c: Container): number | undefined => memoryBytes(c.resources?.limits?.memory);

/** The container's memory request as given (the quantity string), and in bytes (0 without one). */
export function memoryRequest(c: Container): { text: string; bytes: number } {
  const raw = c.resources?.requests?.memory;
  const bytes = memoryBytes(raw) ?? 0;
  return { text: raw === undefined ? '0' : String(raw), bytes };
}

/** The names of the pod's containers whose usage is above their memory limit (the kernel OOM-kills them). */
export function overLimit(pod: Pod): string[] {
  const usage = memoryUsage(pod);
  if (!usage) return [];
  const out: string[] = [];
  for (const c of pod.spec.containers ?? []) {
    const limit = memoryLimit(c);
    if (limit !== undefined && (usage.get(c.name) ?? 0) > limit) out.push(c.name);
  }
  return out;
}

/** Checks the annotation on one object's (or template's) metadata, as validateExitAnnotations does. */
export function validateUsageAnnotation(metadata: unknown, at: string): AnnotationProblem[] {
  return validateAmountsAnnotation(metadata, at, MEMORY_USAGE_ANNOTATION, MEMORY);
}
