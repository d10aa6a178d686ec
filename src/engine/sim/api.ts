/**
 * The API-server verbs components share, with the API server's semantics:
 * graceful pod deletion (pods/DELETE), binding (pods/binding), and small
 * helpers every controller needs (conditions, controller refs, pod states).
 */
import type { KubeObject, OwnerReference, Pod, PodCondition } from '../model/types';
import { deepClone } from '../store/clone';
import { StoreError } from '../store/object-store';
import { resourceOf } from '../store/resources';
import { fromTimestamp, toTimestamp } from '../clock/time';
import type { SimContext, VirtualTime } from './contracts';

export interface DeletePodOptions {
  /**
   * Overrides the pod's terminationGracePeriodSeconds; 0 removes the object
   * at once (a force delete). On a pod that is already terminating it may only
   * shorten the remaining grace period, never lengthen it.
   */
  gracePeriodSeconds?: number;
  /** The delete fails with a Conflict unless the stored pod has this uid / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeletePodResult {
  /** Whether the object left the store (grace 0, unbound or finished pod). */
  removed: boolean;
  /** The pod after the delete: with deletionTimestamp when graceful; its last state when removed. */
  pod: Pod;
}

/**
 * Deletes a pod as the API server does. The pod is looked up by namespace and
 * name; if `pod` carries a uid, the delete applies only to that object (an
 * implicit uid precondition, so a stale reference never deletes a same-named
 * successor). Then:
 * - a pod that is not bound to a node, or is Succeeded/Failed, is removed at once;
 * - grace 0 removes it at once;
 * - otherwise it gets deletionTimestamp = now + grace and
 *   deletionGracePeriodSeconds = grace, and stays until the kubelet (or a
 *   later force delete) removes it;
 * - on a pod that is already terminating, a shorter explicit grace period
 *   moves the deadline earlier (counted from the original request, as
 *   upstream); anything else changes nothing.
 * Throws StoreError NotFound / Conflict.
 */
export function deletePod(ctx: SimContext, pod: Pick<Pod, 'metadata'>, options: DeletePodOptions = {}): DeletePodResult {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const current = ctx.store.get<Pod>('Pod', ns, name);
  if (!current) throw new StoreError('NotFound', `pods "${name}" not found`);
  // No preconditions object or closure is built for the usual call (evictions, the kubelet's final delete).
  const pc = options.preconditions;
  const pre = pc === undefined ? null : { uid: pod.metadata.uid, ...pc };
  const preUid = pre === null ? pod.metadata.uid : pre.uid;
  if (preUid && preUid !== current.metadata.uid) {
    throw new StoreError('Conflict', `Operation cannot be fulfilled on pods "${name}": Precondition failed: UID in precondition: ${preUid}, UID in object meta: ${current.metadata.uid}`);
  }
  if (pre !== null && pre.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw new StoreError(
      'Conflict',
      `Operation cannot be fulfilled on pods "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
  const explicit = typeof options.gracePeriodSeconds === 'number' && Number.isFinite(options.gracePeriodSeconds) ? Math.floor(options.gracePeriodSeconds) : undefined;

  const meta = current.metadata;
  if (meta.deletionTimestamp !== undefined) {
    const existing = meta.deletionGracePeriodSeconds;
    // Deleted before without a grace period recorded: upstream deletes at once.
    if (typeof existing !== 'number') return removeNow(ctx, ns, name, current);
    if (explicit === undefined || explicit < 0 || explicit >= existing) return { removed: false, pod: current };
    if (explicit === 0) return removeNow(ctx, ns, name, current);
    const requested = (fromTimestamp(meta.deletionTimestamp) ?? ctx.clock.now) - existing * 1000;
    const next: Pod = { ...current, metadata: { ...meta, deletionTimestamp: ctx.timestamp(requested + explicit * 1000), deletionGracePeriodSeconds: explicit } };
    return { removed: false, pod: ctx.store.update(next, TAKE) };
  }

  let grace = explicit ?? current.spec?.terminationGracePeriodSeconds ?? ctx.config.terminationGracePeriodSeconds;
  if (grace < 0) grace = 1;
  const phase = current.status?.phase;
  if (!current.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
  if (grace === 0) return removeNow(ctx, ns, name, current);
  const next: Pod = { ...current, metadata: { ...meta, deletionTimestamp: deletionStamp(ctx, ctx.clock.now + grace * 1000), deletionGracePeriodSeconds: grace } };
  return { removed: false, pod: ctx.store.update(next, TAKE) };
}

/**
 * ctx.timestamp(t) for deletion deadlines, remembering the last one (per timestamp function,
 * so per simulation): an eviction burst deletes pod after pod with the same deadline, and
 * asking for it each time made the clock's one-entry memo alternate between "now" (the
 * DisruptionTarget condition's time) and "now + grace", formatting a Date on every call.
 */
function deletionStamp(ctx: SimContext, t: VirtualTime): string {
  if (t !== lastDeletionT || ctx.timestamp !== lastStampFn || !REMEMBER_DEADLINE.enabled) {
    lastDeletionStamp = ctx.timestamp(t);
    lastDeletionT = t;
    lastStampFn = ctx.timestamp;
  }
  return lastDeletionStamp;
}
let lastDeletionT = NaN;
let lastStampFn: SimContext['timestamp'] | undefined = undefined;
let lastDeletionStamp = '';

/** Tests turn off the remembered deletion deadline to compare with a timestamp formatted per delete. */
export const REMEMBER_DEADLINE = { enabled: true };

/** For writes of objects built fresh for the call (top level and metadata): the store keeps them. */
const TAKE = { take: true } as const;

function removeNow(ctx: SimContext, ns: string, name: string, current: Pod): DeletePodResult {
  ctx.store.remove('Pod', ns, name);
  return { removed: true, pod: current };
}

/**
 * Binds a pod to a node (pods/binding): sets spec.nodeName and the
 * PodScheduled=True condition. Refuses a pod that is already bound or is
 * being deleted (Conflict). Does not check that the node exists, as upstream.
 * Emits no event (the scheduler records `Scheduled`).
 */
export function bindPod(ctx: SimContext, pod: Pick<Pod, 'metadata'>, node: string): Pod {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const current = ctx.store.get<Pod>('Pod', ns, name);
  if (!current) throw new StoreError('NotFound', `pods "${name}" not found`);
  if (pod.metadata.uid && pod.metadata.uid !== current.metadata.uid) {
    throw new StoreError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": Precondition failed: UID in precondition: ${pod.metadata.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  if (current.spec.nodeName) {
    throw new StoreError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${current.spec.nodeName}"`);
  }
  if (current.metadata.deletionTimestamp) {
    throw new StoreError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`);
  }
  const next: Pod = {
    ...current,
    metadata: { ...current.metadata },
    spec: { ...current.spec, nodeName: node },
    status: { ...(current.status ?? {}), conditions: [...(current.status?.conditions ?? [])] },
  };
  // The API server replaces the whole condition (UpdatePodCondition): a scheduler's earlier
  // Unschedulable reason and message do not survive the binding.
  setCondition(next, { type: 'PodScheduled', status: 'True', reason: undefined, message: undefined }, ctx.clock.now);
  // Built fresh here, top level and metadata: the store keeps it instead of copying it again.
  return ctx.store.update(next, TAKE);
}

type Conditioned = { status?: { conditions?: Array<{ type: string; status: string; [k: string]: unknown }>; [k: string]: unknown } };
type AnyCondition = { type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string; lastTransitionTime?: string; [k: string]: unknown };

/** The condition of a type, if present. */
export function getCondition<C extends { type: string }>(obj: { status?: { conditions?: C[] } }, type: string): C | undefined {
  const list = obj.status?.conditions;
  if (!Array.isArray(list)) return undefined;
  // A plain loop: controllers ask this of every pod they count, and `find` allocated a closure per call.
  for (let i = 0; i < list.length; i++) if (list[i].type === type) return list[i];
  return undefined;
}

/**
 * Sets a condition on `obj` (mutating it; pass a copy of a stored object),
 * as upstream's condition helpers do: lastTransitionTime moves to `now` only
 * when the status changes (or the condition is new); other fields (reason,
 * message, lastHeartbeatTime, lastProbeTime) are taken from `cond`.
 * `now` is a virtual time or a timestamp. Returns whether anything changed.
 */
export function setCondition(obj: Conditioned, cond: PodCondition | AnyCondition, now: VirtualTime | string): boolean {
  const ts = typeof now === 'number' ? toTimestamp(now) : now;
  if (!obj.status || typeof obj.status !== 'object') obj.status = {};
  if (!Array.isArray(obj.status.conditions)) obj.status.conditions = [];
  const list = obj.status.conditions as Record<string, unknown>[];
  const given = cond as Record<string, unknown>;
  // Loops rather than findIndex / Object.keys: every bind, eviction and not-ready mark comes here.
  let i = 0;
  while (i < list.length && list[i].type !== cond.type) i++;
  if (i === list.length) {
    list.push({ ...given, lastTransitionTime: (given.lastTransitionTime as string | undefined) ?? ts });
    return true;
  }
  const prev = list[i];
  const statusChanged = prev.status !== cond.status;
  const next: Record<string, unknown> = { ...prev, ...given, lastTransitionTime: statusChanged ? ((given.lastTransitionTime as string | undefined) ?? ts) : prev.lastTransitionTime };
  let nextKeys = 0;
  let differs = false;
  for (const k in next) {
    const v = next[k];
    if (v === undefined) {
      delete next[k];
      continue;
    }
    nextKeys++;
    if (v !== prev[k]) differs = true;
  }
  let prevKeys = 0;
  for (const k in prev) if (Object.prototype.hasOwnProperty.call(prev, k)) prevKeys++;
  list[i] = next;
  return differs || nextKeys !== prevKeys;
}

/** The controller ownerReference (controller: true), as metav1.GetControllerOf. */
export function ownerRefOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (r && r.controller === true) return r;
  }
  return undefined;
}

/** Active as controllers count pods: not Succeeded/Failed and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** Whether the pod's Ready condition is True (podutil.IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  return getCondition(pod, 'Ready')?.status === 'True';
}

/** Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** `namespace/name`. */
export function podKey(pod: Pick<Pod, 'metadata'>): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
}

/**
 * Read-modify-write: takes the stored version of `obj` (by kind, namespace,
 * name), lets `edit` change a copy, and writes it back. Returns the stored
 * result, or undefined when the object no longer exists.
 */
export function patch<T extends KubeObject>(ctx: SimContext, obj: T, edit: (draft: T) => void): T | undefined {
  const current = ctx.store.get<T>(obj.kind ?? '', obj.metadata.namespace, obj.metadata.name ?? '');
  if (!current) return undefined;
  const draft = deepClone(current);
  edit(draft);
  return ctx.store.update(draft);
}

/** An error message for a missing object, as the API server words it. */
export function notFound(kind: string, name: string): string {
  return `${resourceOf(kind)} "${name}" not found`;
}
