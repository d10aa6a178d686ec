/**
 * The PodDisruptionBudgets of a Frame (`kubectl get pdb`): spec as written and the
 * disruptions the status allows. Stored objects are immutable, so while the stored list
 * holds the same objects the frame keeps the same array (the wire then sends it unchanged).
 */
import type { PodDisruptionBudget } from '../engine/model/types';
import type { Simulation } from '../engine/sim/simulation';
import type { DisruptionBudgetFrame } from '../protocol/engine-api';
import { formatSelector } from './workload-frames';

const bound = (v: unknown): number | string | null => (typeof v === 'number' || typeof v === 'string' ? v : null);

export function budgetFrame(pdb: PodDisruptionBudget): DisruptionBudgetFrame {
  const allowed = pdb.status?.disruptionsAllowed;
  return {
    namespace: pdb.metadata.namespace ?? 'default',
    name: pdb.metadata.name ?? '',
    selector: formatSelector(pdb.spec?.selector),
    minAvailable: bound(pdb.spec?.minAvailable),
    maxUnavailable: bound(pdb.spec?.maxUnavailable),
    disruptionsAllowed: typeof allowed === 'number' && Number.isFinite(allowed) ? allowed : 0,
  };
}

/** Builds the frames' budget list, reusing the last one while the stored budgets are the same objects. */
export class BudgetFrames {
  private stored: readonly PodDisruptionBudget[] = [];
  private frames: DisruptionBudgetFrame[] | undefined;

  constructor(private readonly sim: Simulation) {}

  /** The budgets, sorted by namespace/name; undefined when there are none. */
  current(): DisruptionBudgetFrame[] | undefined {
    const list = this.sim.store.list<PodDisruptionBudget>('PodDisruptionBudget');
    const same = list.length === this.stored.length && list.every((o, i) => o === this.stored[i]);
    if (!same) {
      this.stored = [...list];
      this.frames = list.length === 0 ? undefined : list.map(budgetFrame).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    }
    return this.frames;
  }

  /** The frame's `disruptionBudgets` field: absent when there are no budgets. */
  field(): { disruptionBudgets?: DisruptionBudgetFrame[] } {
    const budgets = this.current();
    return budgets ? { disruptionBudgets: budgets } : {};
  }
}
