/**
 * Taint/toleration matching, as core/v1's `Toleration.ToleratesTaint`.
 */
import type { Taint, Toleration } from './types';

/** Whether one toleration tolerates one taint. */
export function toleratesTaint(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if ((tol.key ?? '') !== '' && tol.key !== taint.key) return false;
  // An empty key with operator Exists matches every key.
  switch (tol.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
    case '' as string:
      return (tol.value ?? '') === (taint.value ?? '');
    default:
      // Gt/Lt sit behind an alpha gate that is off by default.
      return false;
  }
}

/** Whether any toleration in the list tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/**
 * The first taint (in node order) that passes `inclusion` and that no
 * toleration tolerates, or undefined if all are tolerated.
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  inclusion: (t: Taint) => boolean,
): Taint | undefined {
  if (!taints) return undefined;
  for (const taint of taints) {
    if (!inclusion(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}
