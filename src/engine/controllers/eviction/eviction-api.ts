/**
 * The Eviction API (pods/eviction, policy/v1), as kube-apiserver's
 * pkg/registry/core/pod/storage/eviction.go handles it: a delete that honours
 * PodDisruptionBudgets.
 * - A pod that is Pending, Succeeded, Failed or already terminating is deleted
 *   without looking at budgets.
 * - More than one matching PDB → 500; none → deleted.
 * - A PDB whose status lags its generation → 429; disruptionsAllowed 0 → 429
 *   `Cannot evict pod as it would violate the pod's disruption budget.` (cause:
 *   `The disruption budget <pdb> needs <desired> healthy pods and has <current> currently`).
 * - A pod that is not Ready is deleted without using the budget when the budget
 *   is healthy (unhealthyPodEvictionPolicy IfHealthyBudget, the default) or
 *   always (AlwaysAllow).
 * - Otherwise disruptionsAllowed is decremented and the pod recorded in
 *   status.disruptedPods (the disruption controller forgets it after 2 minutes if
 *   it was not deleted), then the pod is deleted.
 * Every delete first sets DisruptionTarget=True `EvictionByEvictionAPI`
 * (`Eviction API: evicting`) and uses the eviction's DeleteOptions grace period when given
 * (kubectl drain --grace-period), else the pod's own.
 *
 * A dry run (DeleteOptions dryRun=All, `dryRun` here) makes every check and answers as the
 * real request would, but writes nothing: no budget is decremented (checkAndDecrement returns
 * before the status update), no condition is added, nothing is deleted.
 *
 * Simplifications: no preconditions in the delete options;
 * writes never conflict, so there are no retries.
 */
import type { Pod, PodDisruptionBudget } from '../../model/types';
import { deletePod, isPodReady, type DeletePodOptions } from '../../sim/api';
import type { SimContext } from '../../sim/contracts';
import { updatePodCondition } from '../node-lifecycle/pod-conditions';
import { disruptionAllowedCondition, pdbSelector, type PdbCondition } from '../disruption/pdb';

export const TOO_MANY_REQUESTS_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";
export const MULTIPLE_PDBS_MESSAGE = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

export type EvictionResult =
  | { ok: true }
  | {
      ok: false;
      code: 429 | 500 | 404;
      message: string;
      /** The DisruptionBudget cause of a 429 (not part of what kubectl prints). */
      cause?: string;
    };

/** POST pods/<name>/eviction in `namespace`. */
export function evictPod(ctx: SimContext, namespace: string, name: string, options: DeletePodOptions = {}, dryRun = false): EvictionResult {
  const pod = ctx.store.get<Pod>('Pod', namespace, name);
  if (!pod) return { ok: false, code: 404, message: `pods "${name}" not found` };
  const phase = pod.status?.phase;
  if (phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' || pod.metadata.deletionTimestamp) {
    if (!dryRun) addConditionAndDelete(ctx, pod, options);
    return { ok: true };
  }

  const pdbs = ctx.store.list<PodDisruptionBudget>('PodDisruptionBudget', namespace).filter((pdb) => {
    const sel = pdbSelector(pdb);
    return sel !== null && sel.matches(pod.metadata.labels);
  });
  if (pdbs.length > 1) return { ok: false, code: 500, message: MULTIPLE_PDBS_MESSAGE };
  if (pdbs.length === 0) {
    if (!dryRun) addConditionAndDelete(ctx, pod, options);
    return { ok: true };
  }

  const pdb = pdbs[0];
  const status = pdb.status ?? {};
  const currentHealthy = status.currentHealthy ?? 0;
  const desiredHealthy = status.desiredHealthy ?? 0;
  if (!isPodReady(pod)) {
    const policy = pdb.spec.unhealthyPodEvictionPolicy;
    if (policy === 'AlwaysAllow' || (currentHealthy >= desiredHealthy && desiredHealthy > 0)) {
      if (!dryRun) addConditionAndDelete(ctx, pod, options);
      return { ok: true };
    }
  }

  const pdbName = pdb.metadata.name ?? '';
  const generation = pdb.metadata.generation;
  const observed = status.observedGeneration as number | undefined;
  if (generation !== undefined && (observed ?? 0) < generation) {
    return { ok: false, code: 429, message: TOO_MANY_REQUESTS_MESSAGE, cause: `The disruption budget ${pdbName} is still being processed by the server.` };
  }
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed <= 0) {
    return {
      ok: false,
      code: 429,
      message: TOO_MANY_REQUESTS_MESSAGE,
      cause: `The disruption budget ${pdbName} needs ${desiredHealthy} healthy pods and has ${currentHealthy} currently`,
    };
  }

  if (dryRun) return { ok: true };
  const nowTs = ctx.timestamp(ctx.clock.now);
  const next: PodDisruptionBudget['status'] = {
    ...status,
    disruptionsAllowed: allowed - 1,
    disruptedPods: { ...(status.disruptedPods ?? {}), [name]: nowTs },
  };
  if (allowed - 1 === 0) next.conditions = disruptionAllowedCondition(status.conditions as PdbCondition[] | undefined, 0, observed, nowTs);
  ctx.store.update<PodDisruptionBudget>({ ...pdb, status: next });
  addConditionAndDelete(ctx, ctx.store.get<Pod>('Pod', namespace, name) ?? pod, options);
  return { ok: true };
}

/** addConditionAndDeletePod: DisruptionTarget, then a delete with the pod's own grace period. */
function addConditionAndDelete(ctx: SimContext, pod: Pod, options: DeletePodOptions): void {
  const r = updatePodCondition(
    pod.status?.conditions,
    { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' },
    ctx.timestamp(ctx.clock.now),
  );
  const current = r.changed ? ctx.store.update<Pod>({ ...pod, status: { ...(pod.status ?? {}), conditions: r.conditions } }) : pod;
  deletePod(ctx, current, options);
}
