/**
 * controller.RealPodControl: creating and deleting an owner's pods with the
 * events upstream's ReplicaSet, DaemonSet and Job controllers record on the
 * owner (`SuccessfulCreate` / `Created pod: <name>`, `FailedCreate` /
 * `Error creating: <err>`, and the delete counterparts).
 */
import type { KubeObject, Pod } from '../../model/types';
import { deletePod } from '../../sim/api';
import type { SimContext } from '../../sim/contracts';
import { StoreError } from '../../store/object-store';

/** Creates the pod; undefined (and a FailedCreate warning) when the API server refuses it. */
export function createPod(ctx: SimContext, owner: KubeObject, pod: Pod, source: string): Pod | undefined {
  let created: Pod;
  try {
    created = ctx.store.create(pod);
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    ctx.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, source);
    return undefined;
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
