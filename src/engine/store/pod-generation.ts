/**
 * Pod metadata.generation and observedGeneration (KEP-5067; the PodObservedGenerationTracking
 * gate is GA and locked on since v1.35), as the API server keeps them:
 * - PrepareForCreate sets generation 1 (pkg/registry/core/pod/strategy.go);
 * - an update that changes the spec bumps it (updatePodGeneration); the binding subresource does
 *   not go through that strategy, so setting spec.nodeName on an unbound pod does not;
 * - the graceful delete that first sets deletionTimestamp bumps it (apiserver rest.BeforeDelete);
 * - every writer of a pod condition stamps observedGeneration with the pod's generation (the
 *   kubelet, the scheduler, the taint manager, the Eviction API, PodGC:
 *   GetPodObservedGenerationIfEnabledOnCondition), and the status strategy keeps the old value of
 *   a condition sent without one (preserveOldObservedGeneration). The engine's writers do not
 *   stamp (except the kubelet, see pod-status.ts); here a condition without a value gets the old
 *   one when it is unchanged and the current generation when it is new or changed, which is what
 *   the stamping writers give; status.observedGeneration (the kubelet's) is kept likewise.
 * The other kinds with a generation get their deletion bump in ObjectStore.update (the registry
 * store's markAsDeleting), when a finalizer keeps them (a foreground or orphan deletion).
 */
import type { Pod, PodCondition } from '../model/types';
import { deepEqual } from './clone';

type Cond = PodCondition & { observedGeneration?: number };

const same = (a: Cond, b: Cond) =>
  a.status === b.status && (a.reason ?? '') === (b.reason ?? '') && (a.message ?? '') === (b.message ?? '') && a.lastTransitionTime === b.lastTransitionTime;

/** pods/binding: spec.nodeName set on an unbound pod. */
const isBinding = (old: Pod, obj: Pod) => !old.spec?.nodeName && !!obj.spec?.nodeName;

/** The generation an update leaves on a pod (`obj` is the copy being stored). */
function nextGeneration(old: Pod, obj: Pod): number {
  let gen = typeof old.metadata.generation === 'number' ? old.metadata.generation : 1;
  if (obj.spec !== old.spec) {
    if (!isBinding(old, obj) && !deepEqual(old.spec, obj.spec)) gen++;
  }
  if (old.metadata.deletionTimestamp === undefined && obj.metadata.deletionTimestamp !== undefined && gen > 0) gen++;
  return gen;
}

/** Fills in observedGeneration where a writer left it out (see above); returns the status to store. */
function stampConditions(old: Pod, status: NonNullable<Pod['status']>, gen: number): NonNullable<Pod['status']> {
  let out = status;
  const oldStatus = old.status;
  if (out.observedGeneration === undefined && typeof oldStatus?.observedGeneration === 'number') out = { ...out, observedGeneration: oldStatus.observedGeneration };
  const list = out.conditions as Cond[] | undefined;
  if (!Array.isArray(list)) return out;
  const oldList = (Array.isArray(oldStatus?.conditions) ? oldStatus!.conditions : []) as Cond[];
  let next: Cond[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (!c || typeof c.observedGeneration === 'number') continue;
    let was: Cond | undefined;
    for (let j = 0; j < oldList.length; j++) {
      if (oldList[j] && oldList[j].type === c.type) {
        was = oldList[j];
        break;
      }
    }
    // Unchanged: the old value, or none (preserveOldObservedGeneration); new or changed: stamped.
    let value = gen;
    if (was && same(was, c)) {
      if (typeof was.observedGeneration !== 'number') continue;
      value = was.observedGeneration;
    }
    next ??= list.slice();
    next[i] = { ...c, observedGeneration: value };
  }
  return next ? { ...out, conditions: next } : out;
}

/** The binding's fresh PodScheduled condition: no observedGeneration, whatever the condition it replaced had. */
function withoutStamp(status: Pod['status'], type: string, oldStatus: Pod['status']): Pod['status'] {
  const list = status?.conditions as Cond[] | undefined;
  if (!status || !Array.isArray(list)) return status;
  const i = list.findIndex((c) => c && c.type === type);
  if (i < 0 || typeof list[i].observedGeneration !== 'number') return status;
  const was = (oldStatus?.conditions as Cond[] | undefined)?.find((c) => c && c.type === type);
  if (was && was.status === list[i].status) return status;
  const { observedGeneration: _dropped, ...fresh } = list[i];
  const next = list.slice();
  next[i] = fresh as Cond;
  return { ...status, conditions: next };
}

/** Pod create: generation 1 (whatever the object carried). */
export function preparePodCreate(pod: Pod): void {
  pod.metadata.generation = 1;
}

/** Pod update: the generation, and observedGeneration on conditions that lack it. */
export function preparePodUpdate(old: Pod, obj: Pod): void {
  const gen = nextGeneration(old, obj);
  obj.metadata.generation = gen;
  // The binding subresource writes PodScheduled=True without a value (BindingREST
  // setPodNodeAndMetadata); the kubelet's first status stamps it.
  if (isBinding(old, obj)) {
    obj.status = withoutStamp(obj.status, 'PodScheduled', old.status);
    return;
  }
  if (obj.status && obj.status !== old.status) obj.status = stampConditions(old, obj.status, gen);
}
