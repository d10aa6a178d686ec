/**
 * controller.RealPodControl: creating and deleting an owner's pods with the
 * events upstream's ReplicaSet, DaemonSet and Job controllers record on the
 * owner (`SuccessfulCreate` / `Created pod: <name>`, `FailedCreate` /
 * `Error creating: <err>`, and the delete counterparts).
 */
import { labelSelectorAsSelector, SelectorError, selectorFromSet, type Selector } from '../../model/labels';
import type { KubeObject, LabelSelector, Pod } from '../../model/types';
import { deletePod } from '../../sim/api';
import type { SimContext } from '../../sim/contracts';
import { StoreError } from '../../store/object-store';

/**
 * Owner selectors compiled per selector object (stored objects are not changed in place) and
 * per owner kind's reading of it; null for one that does not parse (SelectorError).
 */
const ownerSelectors = new WeakMap<object, { rc: boolean; selector: Selector | null }>();

function compiledOwnerSelector(sel: object, rc: boolean): Selector | null {
  const hit = ownerSelectors.get(sel);
  if (hit !== undefined && hit.rc === rc) return hit.selector;
  let selector: Selector | null;
  try {
    selector = rc ? selectorFromSet(sel as Record<string, string>) : labelSelectorAsSelector(sel as LabelSelector);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    selector = null;
  }
  ownerSelectors.set(sel, { rc, selector });
  return selector;
}

/** Whether the owner's selector (if it has one) selects the pod it is about to create. */
function ownerSelects(owner: KubeObject, pod: Pod): boolean {
  const sel = (owner as { spec?: { selector?: unknown } }).spec?.selector;
  if (typeof sel !== 'object' || sel === null || Array.isArray(sel)) return true;
  const selector = compiledOwnerSelector(sel, owner.kind === 'ReplicationController');
  return selector !== null && selector.matches(pod.metadata.labels ?? {});
}

/**
 * Creates the pod; undefined (and a FailedCreate warning) when the API server refuses it.
 * `take`: the pod was built for this call (podFromTemplate of a stored owner), so the store
 * keeps it instead of a deep copy (Store.create's `take`).
 */
export function createPod(ctx: SimContext, owner: KubeObject, pod: Pod, source: string, take = false): Pod | undefined {
  const r = createPodOrError(ctx, owner, pod, source, take);
  return typeof r === 'string' ? undefined : r;
}

/** createPod, giving the API server's error text (what upstream's CreatePods returns) instead of undefined. */
export function createPodOrError(ctx: SimContext, owner: KubeObject, pod: Pod, source: string, take = false): Pod | string {
  if (!ownerSelects(owner, pod)) {
    // Validation refuses such an owner; should one slip through, its controller would never
    // count this pod and would create pods for ever at one virtual instant. Refuse instead
    // (the controller then retries with backoff, so time moves on).
    const message = `pod labels do not match the ${owner.kind ?? 'owner'}'s selector, which would never count the pod`;
    ctx.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${message}`, source);
    return message;
  }
  let created: Pod;
  try {
    created = ctx.store.create(pod, { take });
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    ctx.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, source);
    return e.message;
  }
  ctx.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, source);
  return created;
}

/** Deletes the pod (graceful, its own grace period); a pod already gone is not an error and records nothing. */
export function deleteOwnedPod(ctx: SimContext, owner: KubeObject, pod: Pod, source: string): boolean {
  try {
    deletePod(ctx, pod);
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    if (e.code !== 'NotFound') ctx.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`, source);
    return false;
  }
  ctx.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, source);
  return true;
}

/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH = 1;

/**
 * slowStartBatch (pkg/controller/replicaset/replica_set.go; the Job controller's manageJob
 * batches the same way): calls `attempt(i)` for i = 0 … count-1 in batches of 1, 2, 4, …;
 * every call of a batch is made (upstream runs them in parallel), and the batches after one
 * with a failure are skipped. `attempt` returns whether its call succeeded. Gives the number of
 * successes and whether a call failed.
 */
export function slowStartBatch(count: number, attempt: (i: number) => boolean): { successes: number; failed: boolean } {
  let successes = 0;
  let done = 0;
  for (let batch = Math.min(count, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, count - done)) {
    let failures = 0;
    for (let k = 0; k < batch; k++) {
      if (attempt(done + k)) successes++;
      else failures++;
    }
    done += batch;
    if (failures > 0) return { successes, failed: true };
  }
  return { successes, failed: false };
}
