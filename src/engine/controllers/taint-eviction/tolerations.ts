/** The taint manager's toleration helpers (pkg/apis/core/v1/helper and taint_eviction.go). */
import type { Taint, Toleration } from '../../model/types';
import { toleratesTaint } from '../../model/taints';

/** GetMatchingTolerations: whether every taint is tolerated, and the first toleration matching each. */
export function getMatchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): { all: boolean; used: Toleration[] } {
  if (taints.length === 0) return { all: true, used: [] };
  const tols = tolerations ?? [];
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tols.find((tol) => toleratesTaint(tol, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime in ms: -1 = forever, 0 = now. */
export function minTolerationTime(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (typeof t.tolerationSeconds !== 'number') continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}
