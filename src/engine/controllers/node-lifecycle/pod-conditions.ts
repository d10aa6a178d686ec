/**
 * Pod condition edits with upstream's apipod.UpdatePodCondition semantics:
 * lastTransitionTime moves only when the status changes, and the caller
 * learns whether anything changed. Shared by the node lifecycle controller
 * (MarkPodsNotReady) and the taint eviction controller.
 */
import type { Pod, PodCondition } from '../../model/types';

/**
 * The last condition of each type that updatePodCondition was given and the last it made,
 * kept for the process's life and never read. Both are usually copies made with object
 * spread (`{ ...ready, status: 'False' }`, then `{ ...cond, lastTransitionTime }`), and V8
 * gives a spread's copy a hidden class ("map") of its own, cached on the source's map and held
 * only weakly. A NotReady or DisruptionTarget condition lives only on the pods of a dead node:
 * once they are gone, a full collection frees those maps, and the next recovery's copies get
 * new ones, which the optimized readers of pod conditions (isPodReady, the ReplicaSet
 * controller's pod ledger) have never seen: they were thrown away ("wrong map") and compiled
 * again in every recovery. Keeping the last of each keeps the maps.
 */
export const KEEP_CONDITION_MAPS = new Map<string, readonly [given: PodCondition, made: PodCondition]>();

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
  // A loop, not findIndex with an arrow: the arrow would capture `cond`, a new closure per
  // call, whose optimized code V8 drops once those closures are collected (round 23).
  let i = -1;
  for (let k = 0; k < list.length; k++) {
    const c = list[k];
    if (c && c.type === cond.type) {
      i = k;
      break;
    }
  }
  const next: PodCondition = { ...cond, lastTransitionTime: now };
  KEEP_CONDITION_MAPS.set(cond.type, [cond, next]);
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
