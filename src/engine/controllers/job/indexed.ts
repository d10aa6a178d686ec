/**
 * Indexed Jobs (completionMode: Indexed), after upstream's
 * pkg/controller/job/indexed_job_utils.go: the completion index a pod carries, the sets of
 * indexes kept as sorted closed intervals and printed as `status.completedIndexes` ("0-2,4";
 * two neighbours print as "1,2"), the lowest indexes still to run, and which active pods
 * to remove when an index has more than one.
 */
import type { Pod } from '../../model/types';
import { createdAt, isPodReady } from '../workload/pods';

/** The annotation (and, with PodIndexLabel, the label) holding a pod's completion index. */
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
/** The environment variable each container gets (addCompletionIndexEnvVariable). */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** names.MaxGeneratedNameLength: 63 less the 5 random characters. */
const MAX_GENERATED_NAME_LENGTH = 58;

export interface Interval {
  first: number;
  last: number;
}
/** Sorted, disjoint, non-adjacent intervals. */
export type Intervals = Interval[];

/** getCompletionIndex: the annotation as a non-negative integer, or -1. */
export function completionIndex(p: Pod): number {
  const v = p.metadata.annotations?.[COMPLETION_INDEX_KEY];
  if (typeof v !== 'string' || !/^[+-]?\d+$/.test(v)) return -1;
  const i = Number(v);
  return Number.isSafeInteger(i) && i >= 0 ? i : -1;
}

/** Merges two interval lists (each sorted) into one, joining overlapping and adjacent ones. */
export function merge(a: Intervals, b: Intervals): Intervals {
  const out: Intervals = [];
  const push = (iv: Interval) => {
    const last = out[out.length - 1];
    if (last === undefined || iv.first > last.last + 1) out.push({ ...iv });
    else if (iv.last > last.last) last.last = iv.last;
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) push(a[i].first < b[j].first ? a[i++] : b[j++]);
  while (i < a.length) push(a[i++]);
  while (j < b.length) push(b[j++]);
  return out;
}

/** The intervals with the given indexes added (any order, duplicates allowed). */
export function withIndexes(iv: Intervals, indexes: Iterable<number>): Intervals {
  const sorted = [...new Set(indexes)].sort((x, y) => x - y);
  return merge(
    iv,
    sorted.map((x) => ({ first: x, last: x })),
  );
}

export const total = (iv: Intervals) => iv.reduce((n, x) => n + x.last - x.first + 1, 0);
export const has = (iv: Intervals, ix: number) => iv.some((x) => x.first <= ix && ix <= x.last);

/** orderedIntervals.String: "0-2,4"; an interval of two prints as "1,2". */
export function format(iv: Intervals): string {
  return iv.map((x) => (x.last === x.first ? `${x.first}` : `${x.first}${x.last === x.first + 1 ? ',' : '-'}${x.last}`)).join(',');
}

/** parseIndexesFromString: unreadable parts skipped, indexes at or past `completions` dropped. */
export function parse(s: string | undefined, completions: number): Intervals {
  if (!s) return [];
  const out: Intervals = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-');
    const first = Number.parseInt(a, 10);
    if (!Number.isFinite(first)) continue;
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      last = Number.parseInt(b, 10);
      if (!Number.isFinite(last)) continue;
      if (last >= completions) last = completions - 1;
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

/**
 * firstPendingIndexes: the `count` lowest indexes below `completions` that no active pod holds
 * and that have not succeeded (nor, when only failed pods are replaced, are held by a
 * terminating pod).
 */
export function firstPending(busy: Intervals, count: number, completions: number): number[] {
  const out: number[] = [];
  let candidate = 0;
  for (const iv of busy) {
    for (; candidate < completions && out.length < count && candidate < iv.first; candidate++) out.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && out.length < count; candidate++) out.push(candidate);
  return out;
}

/**
 * appendDuplicatedIndexPodsForRemoval: active pods without a valid index or with one at or past
 * `completions` go; of several pods with one index, all but the one `keepFirst` ranks last go.
 * Returns [remove, keep].
 */
export function duplicatedForRemoval(active: Pod[], completions: number, byActivePods: (a: Pod, b: Pod) => number): [Pod[], Pod[]] {
  const rm: Pod[] = [];
  const left: Pod[] = [];
  const groups = new Map<number, Pod[]>();
  for (const p of active) {
    const ix = completionIndex(p);
    if (ix < 0 || ix >= completions) rm.push(p);
    else {
      const g = groups.get(ix);
      if (g) g.push(p);
      else groups.set(ix, [p]);
    }
  }
  for (const ix of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(ix)!;
    if (g.length === 1) {
      left.push(g[0]);
      continue;
    }
    const sorted = [...g].sort(byActivePods);
    rm.push(...sorted.slice(0, -1));
    left.push(sorted[sorted.length - 1]);
  }
  return [rm, left];
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the Job name cut so the prefix fits 58 characters. */
export function generateNameWithIndex(job: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = job + suffix;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? job.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix : prefix;
}

/** controller.ActivePods order, simplified: not-ready before ready, then newer before older (the first are removed first). */
export function byActivePods(a: Pod, b: Pod): number {
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  return createdAt(b) - createdAt(a);
}

/** addCompletionIndexEnvVariable: JOB_COMPLETION_INDEX from the index label (PodIndexLabel), unless the container sets it. */
export function withIndexEnv(c: unknown): unknown {
  if (typeof c !== 'object' || c === null) return c;
  const env = (c as { env?: unknown }).env;
  const list = Array.isArray(env) ? env : [];
  if (list.some((e) => (e as { name?: unknown } | null)?.name === COMPLETION_INDEX_ENV)) return c;
  return { ...c, env: [...list, { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX_KEY}']` } } }] };
}
