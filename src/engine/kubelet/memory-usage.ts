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
import { annotationsOf, type AnnotationProblem } from './exit-annotations';

export const MEMORY_USAGE_ANNOTATION = 'podscape.dev/memory-usage';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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

/** The annotation's value read: one amount for every container, or amounts by container name; a reason when it is invalid. */
function parseUsage(raw: string): { all?: number; each?: Map<string, number>; error?: string } {
  if (!raw.includes('=')) {
    const all = memoryBytes(raw.trim());
    return all === undefined ? { error: 'must be a memory quantity such as "300Mi", or name=quantity pairs such as "app=300Mi,sidecar=20Mi"' } : { all };
  }
  const each = new Map<string, number>();
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const amount = eq < 0 ? undefined : memoryBytes(part.slice(eq + 1).trim());
    if (eq < 0 || !NAME.test(name) || amount === undefined) return { error: `${JSON.stringify(part.trim())} is not a name=quantity pair such as "app=300Mi"` };
    if (each.has(name)) return { error: `container ${JSON.stringify(name)} is named twice` };
    each.set(name, amount);
  }
  return { each };
}

/**
 * Memory (bytes) each container of the pod uses while it runs, by container name; undefined
 * without the annotation (or with a value validation refuses: such a pod never loads).
 */
export function memoryUsage(pod: Pod): Map<string, number> | undefined {
  const raw = pod.metadata.annotations?.[MEMORY_USAGE_ANNOTATION];
  if (typeof raw !== 'string') return undefined;
  const u = parseUsage(raw);
  if (u.error !== undefined) return undefined;
  const out = new Map<string, number>();
  for (const c of pod.spec.containers ?? []) out.set(c.name, u.all ?? u.each?.get(c.name) ?? 0);
  return out;
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
  const raw = annotationsOf(metadata)?.[MEMORY_USAGE_ANNOTATION];
  if (raw === undefined) return [];
  const error = typeof raw === 'string' ? parseUsage(raw).error : 'must be a string';
  if (error === undefined) return [];
  return [{ field: `${at}.annotations[${MEMORY_USAGE_ANNOTATION}]`, message: `Invalid value: ${JSON.stringify(raw)}: ${error} (a Podscape simulation annotation)` }];
}
