/**
 * PodDisruptionBudgets as preemption sees them: which victims' eviction would
 * push a budget's `disruptionsAllowed` below zero.
 */
import { labelSelectorAsSelector, SelectorError, type Selector } from '../../../model/labels';
import type { PodDisruptionBudget } from '../../../model/types';
import type { ClusterListers } from '../../framework/interfaces';
import type { PodInfo } from '../../framework/pod-info';

/** A PDB with its selector compiled once per preemption attempt. */
export interface PreparedPDB {
  readonly pdb: PodDisruptionBudget;
  readonly namespace: string;
  /** null when the selector is nil, empty or invalid: such a PDB matches no pod. */
  readonly selector: Selector | null;
  readonly disruptionsAllowed: number;
  /** Pod names the disruption controller already counted as disrupted. */
  readonly disruptedPods: ReadonlySet<string>;
}

export function preparePDB(pdb: PodDisruptionBudget): PreparedPDB {
  let selector: Selector | null = null;
  try {
    const s = labelSelectorAsSelector(pdb.spec?.selector, 'spec.selector');
    // Nil selects nothing; an empty selector is also taken to select nothing here.
    if (!s.nothing && !s.empty) selector = s;
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
  }
  return {
    pdb,
    namespace: pdb.metadata.namespace ?? 'default',
    selector,
    disruptionsAllowed: pdb.status?.disruptionsAllowed ?? 0,
    disruptedPods: new Set(Object.keys(pdb.status?.disruptedPods ?? {})),
  };
}

/**
 * The budgets of each namespace, fetched from the listers on first use and
 * kept for the rest of one PostFilter call (upstream lists them once per attempt).
 */
export class PDBIndex {
  private readonly byNamespace = new Map<string, readonly PreparedPDB[]>();
  constructor(private readonly listers: ClusterListers) {}

  forNamespace(ns: string): readonly PreparedPDB[] {
    let list = this.byNamespace.get(ns);
    if (list === undefined) {
      list = this.listers.podDisruptionBudgets(ns).map(preparePDB);
      this.byNamespace.set(ns, list);
    }
    return list;
  }
}

function hasLabels(p: PodInfo): boolean {
  return p.labels !== undefined && Object.keys(p.labels).length > 0;
}

/**
 * Splits `pods` (kept in their given order) into those whose eviction would
 * violate a budget and the rest. Budgets are drawn down pod by pod, so the
 * order matters: with one disruption allowed, the first matching pod is fine
 * and the second violates. A pod already listed in `disruptedPods` does not
 * draw the budget down again.
 */
export function splitByPDBViolation(
  pods: readonly PodInfo[],
  pdbs: PDBIndex,
): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const remaining = new Map<PreparedPDB, number>();
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    // A pod without labels cannot be selected by any budget.
    if (hasLabels(p)) {
      for (const b of pdbs.forNamespace(p.namespace)) {
        if (b.namespace !== p.namespace) continue;
        if (b.selector === null || !b.selector.matches(p.labels)) continue;
        if (b.disruptedPods.has(p.name)) continue;
        const left = (remaining.get(b) ?? b.disruptionsAllowed) - 1;
        remaining.set(b, left);
        if (left < 0) violated = true;
      }
    }
    (violated ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}
