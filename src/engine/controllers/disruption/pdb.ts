/**
 * PodDisruptionBudget helpers shared by the disruption controller and the
 * Eviction API: selector matching (a nil or empty selector matches nothing, as
 * both upstream code paths treat it), int-or-percent scaling
 * (intstr.GetScaledValueFromIntOrPercent, rounding up), the DisruptionAllowed
 * condition, and Go's printing of a LabelSelector for event messages.
 */
import { labelSelectorAsSelector, type Selector } from '../../model/labels';
import type { LabelSelector, PodDisruptionBudget } from '../../model/types';

/** How long an eviction's entry in status.disruptedPods counts (DeletionTimeout). */
export const DELETION_TIMEOUT = 2 * 60_000;

export interface PdbCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

/**
 * The PDB's selector as the Eviction API (eviction.go getPodDisruptionBudgets) and the
 * scheduler's preemption read it: nothing for a nil, empty or invalid one.
 */
export function pdbSelector(pdb: PodDisruptionBudget): Selector | null {
  const sel = pdb.spec?.selector;
  if (!sel) return null;
  try {
    const s = labelSelectorAsSelector(sel);
    return s.empty || s.nothing ? null : s;
  } catch {
    return null;
  }
}

/**
 * The PDB's selector as the disruption controller reads it (policy/v1): getPodsForPdb lists
 * with LabelSelectorAsSelector, so `{}` matches every pod of the namespace, and the policy/v1
 * lister's GetPodPodDisruptionBudgets lets an empty selector match everything too ("Unlike the
 * v1beta version"). A nil selector matches nothing; an invalid one (refused by validation)
 * matches nothing here.
 */
export function controllerSelector(pdb: PodDisruptionBudget): Selector | null {
  const sel = pdb.spec?.selector;
  if (!sel) return null;
  try {
    const s = labelSelectorAsSelector(sel);
    return s.nothing ? null : s;
  } catch {
    return null;
  }
}

/**
 * GetScaledValueFromIntOrPercent with rounding up: an int as is, `"N%"` of
 * `total`. Throws on a string that is not a percentage.
 */
export function scaledValue(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** pdbhelper.UpdateDisruptionAllowedCondition: the condition for a status, keeping its transition time when unchanged. */
export function disruptionAllowedCondition(
  existing: readonly PdbCondition[] | undefined,
  disruptionsAllowed: number,
  observedGeneration: number | undefined,
  now: string,
  failure?: string,
): PdbCondition[] {
  const list = Array.isArray(existing) ? existing : [];
  const status: 'True' | 'False' = failure === undefined && disruptionsAllowed > 0 ? 'True' : 'False';
  const reason = failure !== undefined ? 'SyncFailed' : status === 'True' ? 'SufficientPods' : 'InsufficientPods';
  const old = list.find((c) => c && c.type === 'DisruptionAllowed');
  const cond: PdbCondition = {
    type: 'DisruptionAllowed',
    status,
    reason,
    message: failure ?? '',
    observedGeneration,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
  };
  if (observedGeneration === undefined) delete cond.observedGeneration;
  return [...list.filter((c) => c && c.type !== 'DisruptionAllowed'), cond];
}

/** Go's %v of a *metav1.LabelSelector (its generated String method), as event messages print it. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  if (!sel) return '<nil>';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? [])
    .map((r) => `LabelSelectorRequirement{Key:${r.key},Operator:${r.operator},Values:[${(r.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
