/**
 * Goals over API objects other than pods and nodes: a PodDisruptionBudget as the frame
 * shows it (Frame.disruptionBudgets, what `kubectl get pdb` would list).
 */
import type { GoalFrame, GoalResult } from './goals';

type Budget = NonNullable<GoalFrame['disruptionBudgets']>[number];

/** What a `disruptionBudget` goal asks for: every field given must match; the namespace defaults to `default`. */
export interface BudgetWanted {
  name?: string;
  namespace?: string;
  /** The selector as kubectl prints it: `app=batch`. */
  selector?: string;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

const describe = (b: Budget) => {
  const bound = b.minAvailable !== null ? `minAvailable ${b.minAvailable}` : b.maxUnavailable !== null ? `maxUnavailable ${b.maxUnavailable}` : 'no bound';
  return `${b.name} (${b.selector}, ${bound}, ${b.disruptionsAllowed} disruption${b.disruptionsAllowed === 1 ? '' : 's'} allowed)`;
};

const wantedText = (w: BudgetWanted) =>
  [w.name, w.selector, w.minAvailable !== undefined ? `minAvailable ${w.minAvailable}` : '', w.maxUnavailable !== undefined ? `maxUnavailable ${w.maxUnavailable}` : '']
    .filter((s) => s)
    .join(', ');

/** `disruptionBudget`: a PodDisruptionBudget with these fields exists. */
export function evaluateDisruptionBudget(wanted: BudgetWanted, frame: GoalFrame): GoalResult {
  const { name, namespace = 'default', selector, minAvailable, maxUnavailable } = wanted;
  const inNamespace = (frame.disruptionBudgets ?? []).filter((b) => b.namespace === namespace);
  const match = inNamespace.find(
    (b) =>
      (name === undefined || b.name === name) &&
      (selector === undefined || b.selector === selector) &&
      (minAvailable === undefined || b.minAvailable === minAvailable) &&
      (maxUnavailable === undefined || b.maxUnavailable === maxUnavailable),
  );
  if (match) return { met: true, detail: `PodDisruptionBudget ${describe(match)}` };
  if (inNamespace.length === 0) return { met: false, detail: `no PodDisruptionBudget in ${namespace}` };
  return { met: false, detail: `no PodDisruptionBudget ${wantedText(wanted)}: ${inNamespace.map(describe).join('; ')}` };
}
