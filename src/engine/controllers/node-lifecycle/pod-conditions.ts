/**
 * Pod condition edits with upstream's apipod.UpdatePodCondition semantics:
 * lastTransitionTime moves only when the status changes, and the caller
 * learns whether anything changed. Shared by the node lifecycle controller
 * (MarkPodsNotReady) and the taint eviction controller.
 */
import type { Pod, PodCondition } from '../../model/types';

/**
 * Returns the pod's conditions with `cond` set (added, or replacing the
 * condition of the same type), and whether that changed anything.
 * `now` is the RFC 3339 time of the change.
 */
export function updatePodCondition(
  conditions: readonly PodCondition[] | undefined,
  cond: PodCondition,
  now: string,
): { conditions: PodCondition[]; changed: boolean } {
  const list = Array.isArray(conditions) ? conditions : [];
  const i = list.findIndex((c) => c && c.type === cond.type);
  const next: PodCondition = { ...cond, lastTransitionTime: now };
  if (i < 0) return { conditions: [...list, next], changed: true };
  const old = list[i];
  if (next.status === old.status) next.lastTransitionTime = old.lastTransitionTime;
  const equal =
    next.status === old.status &&
    (next.reason ?? '') === (old.reason ?? '') &&
    (next.message ?? '') === (old.message ?? '') &&
    (next.lastProbeTime ?? null) === (old.lastProbeTime ?? null) &&
    next.lastTransitionTime === old.lastTransitionTime;
  if (equal) return { conditions: list as PodCondition[], changed: false };
  const out = list.slice();
  out[i] = next;
  return { conditions: out, changed: true };
}

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  const conds = pod.status?.conditions;
  if (!Array.isArray(conds)) return undefined;
  for (const c of conds) if (c && c.type === type) return c;
  return undefined;
}

/** The pod with `cond` set in its status, or undefined if nothing changes. */
export function withPodCondition(pod: Pod, cond: PodCondition, now: string): Pod | undefined {
  const r = updatePodCondition(pod.status?.conditions, cond, now);
  if (!r.changed) return undefined;
  return { ...pod, status: { ...(pod.status ?? {}), conditions: r.conditions } };
}
