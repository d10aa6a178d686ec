/**
 * The shape shared by Podscape's per-container amount annotations (`podscape.dev/memory-usage`,
 * `podscape.dev/cpu-usage`): one quantity for every container ("300Mi"), or name=quantity pairs
 * ("app=300Mi,sidecar=20Mi"). Each annotation brings its unit: how a quantity reads, and the
 * examples its error names.
 */
import type { Pod } from '../model/types';
import { annotationsOf, type AnnotationProblem } from './exit-annotations';

export interface AmountUnit {
  /** The quantity in this unit's number (bytes, millicores), undefined when it does not parse or is negative. */
  read: (raw: string) => number | undefined;
  /** The resource's name in errors ("memory", "cpu"). */
  resource: string;
  /** Examples for errors: one quantity, one pair, two pairs. */
  one: string;
  pair: string;
  pairs: string;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The annotation's value read: one amount for every container, or amounts by container name; a reason when it is invalid. */
export function parseAmounts(raw: string, unit: AmountUnit): { all?: number; each?: Map<string, number>; error?: string } {
  if (!raw.includes('=')) {
    const all = unit.read(raw.trim());
    return all === undefined ? { error: `must be a ${unit.resource} quantity such as "${unit.one}", or name=quantity pairs such as "${unit.pairs}"` } : { all };
  }
  const each = new Map<string, number>();
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const amount = eq < 0 ? undefined : unit.read(part.slice(eq + 1).trim());
    if (eq < 0 || !NAME.test(name) || amount === undefined) return { error: `${JSON.stringify(part.trim())} is not a name=quantity pair such as "${unit.pair}"` };
    if (each.has(name)) return { error: `container ${JSON.stringify(name)} is named twice` };
    each.set(name, amount);
  }
  return { each };
}

/**
 * The amount each container of the pod has, by container name (0 for a container the pairs do
 * not name); undefined without the annotation or with a value validation refuses.
 */
export function amountsByContainer(pod: Pod, annotation: string, unit: AmountUnit): Map<string, number> | undefined {
  const raw = pod.metadata.annotations?.[annotation];
  if (typeof raw !== 'string') return undefined;
  const u = parseAmounts(raw, unit);
  if (u.error !== undefined) return undefined;
  const out = new Map<string, number>();
  for (const c of pod.spec.containers ?? []) out.set(c.name, u.all ?? u.each?.get(c.name) ?? 0);
  return out;
}

/** Checks the annotation on one object's (or template's) metadata, as validateExitAnnotations does. */
export function validateAmountsAnnotation(metadata: unknown, at: string, annotation: string, unit: AmountUnit): AnnotationProblem[] {
  const raw = annotationsOf(metadata)?.[annotation];
  if (raw === undefined) return [];
  const error = typeof raw === 'string' ? parseAmounts(raw, unit).error : 'must be a string';
  if (error === undefined) return [];
  return [{ field: `${at}.annotations[${annotation}]`, message: `Invalid value: ${JSON.stringify(raw)}: ${error} (a Podscape simulation annotation)` }];
}
