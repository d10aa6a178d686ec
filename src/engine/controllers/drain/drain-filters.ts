/**
 * kubectl drain's pod filters (kubernetes/kubectl pkg/drain/filters.go), in
 * upstream's order: skip-deleted (--skip-wait-for-delete-timeout), DaemonSet, mirror pod, local storage,
 * unreplicated. The first filter that says "do not delete" wins; a later
 * filter's verdict replaces an earlier warning (upstream's known quirk: the
 * local-storage warning is dropped when the unreplicated filter passes).
 */
import { fromTimestamp } from '../../clock/time';
import type { Pod } from '../../model/types';
import { ownerRefOf } from '../../sim/api';
import type { SimContext } from '../../sim/contracts';

export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export interface DrainFlags {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  /** --skip-wait-for-delete-timeout in seconds (0: off). */
  skipWaitForDeleteTimeout?: number;
}

/**
 * shouldSkipPod: --skip-wait-for-delete-timeout is set and the pod's deletionTimestamp lies more
 * than that many whole seconds in the past (a graceful delete puts it at the end of the grace).
 */
export function shouldSkipPod(ctx: SimContext, pod: Pod, seconds: number | undefined): boolean {
  if (seconds === undefined || seconds <= 0 || !pod.metadata.deletionTimestamp) return false;
  const at = fromTimestamp(pod.metadata.deletionTimestamp);
  return at !== undefined && Math.trunc((ctx.clock.now - at) / 1000) > seconds;
}

type Verdict =
  | { delete: true; reason: 'Okay' }
  | { delete: boolean; reason: 'Warning'; message: string }
  | { delete: false; reason: 'Skip' }
  | { delete: false; reason: 'Error'; message: string };

export interface FilteredPods {
  /** Pods to evict, in list order. */
  pods: Pod[];
  /** `Warning: <msg>: <pods>; …` text, or '' (messages in first-seen order). */
  warnings: string;
  /** `cannot delete <msg>: <pods>` per error message, in first-seen order. */
  errors: string[];
}

const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const OKAY: Verdict = { delete: true, reason: 'Okay' };

function daemonSetFilter(ctx: SimContext, pod: Pod, flags: DrainFlags): Verdict {
  const ref = ownerRefOf(pod);
  if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return OKAY;
  if (!ctx.store.get('DaemonSet', pod.metadata.namespace, ref.name)) {
    const message = `daemonsets.apps "${ref.name}" not found`;
    return flags.force ? { delete: true, reason: 'Warning', message } : { delete: false, reason: 'Error', message };
  }
  if (!flags.ignoreDaemonSets) return { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
  return { delete: false, reason: 'Warning', message: DAEMONSET_WARNING };
}

function mirrorPodFilter(pod: Pod): Verdict {
  const a = pod.metadata.annotations;
  return a && Object.prototype.hasOwnProperty.call(a, MIRROR_POD_ANNOTATION) ? { delete: false, reason: 'Skip' } : OKAY;
}

function localStorageFilter(pod: Pod, flags: DrainFlags): Verdict {
  const hasEmptyDir = (pod.spec.volumes ?? []).some((v) => v && typeof v === 'object' && 'emptyDir' in v && v.emptyDir !== undefined && v.emptyDir !== null);
  if (!hasEmptyDir || finished(pod)) return OKAY;
  if (!flags.deleteEmptyDirData) return { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
  return { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING };
}

function unreplicatedFilter(pod: Pod, flags: DrainFlags): Verdict {
  if (finished(pod) || ownerRefOf(pod)) return OKAY;
  return flags.force ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
}

/** GetPodsForDeletion: the pods to evict, the warnings and the errors. */
export function filterPods(ctx: SimContext, pods: readonly Pod[], flags: DrainFlags): FilteredPods {
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  const out: Pod[] = [];
  for (const pod of pods) {
    // skipDeletedFilter: a pod deleted long enough ago is left out, with no warning.
    if (shouldSkipPod(ctx, pod, flags.skipWaitForDeleteTimeout)) continue;
    const filters = [() => daemonSetFilter(ctx, pod, flags), () => mirrorPodFilter(pod), () => localStorageFilter(pod, flags), () => unreplicatedFilter(pod, flags)];
    let verdict: Verdict = OKAY;
    for (const f of filters) {
      verdict = f();
      if (!verdict.delete) break;
    }
    const ref = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    if (verdict.reason === 'Warning') push(warnings, verdict.message, ref);
    if (verdict.reason === 'Error') push(errors, verdict.message || 'unexpected error', ref);
    if (verdict.delete) out.push(pod);
  }
  return {
    pods: out,
    warnings: [...warnings].map(([msg, refs]) => `${msg}: ${refs.join(', ')}`).join('; '),
    errors: [...errors].map(([msg, refs]) => (msg.toLowerCase().startsWith('cannot delete') ? `${msg}: ${refs.join(', ')}` : `cannot delete ${msg}: ${refs.join(', ')}`)),
  };
}

function push(m: Map<string, string[]>, key: string, value: string): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}
