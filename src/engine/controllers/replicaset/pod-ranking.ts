/**
 * Which pods a ReplicaSet deletes first when it has too many: upstream's
 * getPodsToDelete and controller.ActivePodsWithRanks (with PodDeletionCost
 * and LogarithmicScaleDown, both on by default).
 */
import type { Pod } from '../../model/types';
import { createdAt, isPodActive, isPodReady, readySince } from '../workload/pods';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const phaseOrdinal = (p: Pod) => PHASE_ORDINAL[p.status?.phase ?? ''] ?? 0;

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

function maxRestarts(p: Pod): number {
  const statuses = p.status?.containerStatuses;
  if (!Array.isArray(statuses)) return 0;
  let max = 0;
  for (const s of statuses as { restartCount?: number }[]) if ((s?.restartCount ?? 0) > max) max = s.restartCount ?? 0;
  return max;
}

/** floor(log2(now − t)) in nanoseconds as upstream computes it, −1 for t at or after now. */
function logRank(t: number, now: number): number {
  const dNanos = (now - t) * 1e6;
  return dNanos > 0 ? Math.floor(Math.log2(dNanos)) : -1;
}

/** afterOrZero: a missing time sorts first, then the later time. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/** Whether `a` should be deleted before `b` (ActivePodsWithRanks.Less). */
export function lessForDeletion(a: Pod, rankA: number, b: Pod, rankB: number, now: number): boolean {
  const na = a.spec.nodeName ?? '';
  const nb = b.spec.nodeName ?? '';
  // 1. Unassigned < assigned.
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running.
  if (phaseOrdinal(a) !== phaseOrdinal(b)) return phaseOrdinal(a) < phaseOrdinal(b);
  // 3. Not ready < ready.
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return !ra;
  // 4. Lower pod-deletion-cost < higher.
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca < cb;
  // 5. Doubled up (more related pods on its node) < not.
  if (rankA !== rankB) return rankA > rankB;
  // 6. Ready for less time < longer, compared on a log2 scale; ties broken by uid.
  if (ra && rb) {
    const ta = readySince(a);
    const tb = readySince(b);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
      const diff = logRank(ta, now) - logRank(tb, now);
      if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
      return diff < 0;
    }
  }
  // 7. More container restarts < fewer.
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  // 8. Newer < older, on a log2 scale; ties broken by uid.
  const ka = a.metadata.creationTimestamp ? createdAt(a) : undefined;
  const kb = b.metadata.creationTimestamp ? createdAt(b) : undefined;
  if (ka !== kb) {
    if (ka === undefined || kb === undefined) return afterOrZero(ka, kb);
    const diff = logRank(ka, now) - logRank(kb, now);
    if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
    return diff < 0;
  }
  return false;
}

/**
 * getPodsToDelete: the first `diff` of `active` in deletion order, ranking
 * each pod by how many active pods of `related` share its node.
 */
export function podsToDelete(active: Pod[], related: Pod[], diff: number, now: number): Pod[] {
  if (diff >= active.length) return active.slice();
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = active.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => (lessForDeletion(x.pod, x.rank, y.pod, y.rank, now) ? -1 : lessForDeletion(y.pod, y.rank, x.pod, x.rank, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
