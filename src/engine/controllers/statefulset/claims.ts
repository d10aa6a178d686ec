/**
 * A StatefulSet's volumeClaimTemplates, as upstream's stateful_set_utils.go and
 * stateful_pod_control.go: one PersistentVolumeClaim `<template>-<set>-<ordinal>` per template
 * and pod, created before the pod and never by the pod's deletion, so a recreated `db-1` mounts
 * `data-db-1` again. persistentVolumeClaimRetentionPolicy (StatefulSetAutoDeletePVC, GA):
 * whenDeleted: Delete makes the set an owner of its claims (the garbage collector removes them
 * with the set); whenScaled: Delete makes a condemned pod (ordinal outside the replicas) their
 * owner, so the claim goes with the pod. Retain (both defaults) leaves no owner reference.
 * A set without templates returns at the first check.
 */
import type { KubeObject, OwnerReference, Pod } from '../../model/types';
import type { SimContext } from '../../sim/contracts';
import { StoreError } from '../../store/object-store';
import { deepClone } from '../../store/clone';

export interface ClaimTemplate {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export interface RetentionPolicy {
  whenDeleted?: 'Retain' | 'Delete';
  whenScaled?: 'Retain' | 'Delete';
}

interface SetView extends KubeObject {
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    volumeClaimTemplates?: ClaimTemplate[];
    persistentVolumeClaimRetentionPolicy?: RetentionPolicy;
    ordinals?: { start?: number };
    [k: string]: unknown;
  };
}

export const STATEFULSET_CONTROLLER_NAME = 'statefulset-controller';

const templatesOf = (set: SetView): ClaimTemplate[] => set.spec.volumeClaimTemplates ?? [];

/** getPersistentVolumeClaimName. */
export const claimName = (template: string, set: string, ordinal: number) => `${template}-${set}-${ordinal}`;

/** updateStorage: the pod's volume per template points at its claim (a same-named volume is replaced). */
export function addClaimVolumes(set: SetView, pod: Pod, ordinal: number): void {
  const templates = templatesOf(set);
  if (templates.length === 0) return;
  const names = new Set(templates.map((t) => t.metadata?.name ?? ''));
  const volumes: Record<string, unknown>[] = templates.map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(t.metadata?.name ?? '', set.metadata.name ?? '', ordinal) },
  }));
  for (const v of (pod.spec.volumes ?? []) as Record<string, unknown>[]) if (!names.has(String(v.name ?? ''))) volumes.push(v);
  pod.spec.volumes = volumes;
}

const refOf = (owner: KubeObject, apiVersion: string, kind: string): OwnerReference => ({
  apiVersion,
  kind,
  name: owner.metadata.name ?? '',
  uid: owner.metadata.uid,
});

const sameOwner = (r: OwnerReference, owner: KubeObject) => r.uid !== undefined && r.uid === owner.metadata.uid;

function setRef(claim: KubeObject, owner: KubeObject, apiVersion: string, kind: string): boolean {
  const refs = claim.metadata.ownerReferences ?? [];
  if (refs.some((r) => sameOwner(r, owner))) return false;
  claim.metadata.ownerReferences = [...refs, refOf(owner, apiVersion, kind)];
  return true;
}

function removeRef(claim: KubeObject, owner: KubeObject): boolean {
  const refs = claim.metadata.ownerReferences ?? [];
  const kept = refs.filter((r) => !sameOwner(r, owner));
  if (kept.length === refs.length) return false;
  if (kept.length === 0) delete claim.metadata.ownerReferences;
  else claim.metadata.ownerReferences = kept;
  return true;
}

/** Whether the pod's ordinal is among the set's replicas (podInOrdinalRange). */
export function inOrdinalRange(set: SetView, ordinal: number): boolean {
  const start = set.spec.ordinals?.start ?? 0;
  return ordinal >= start && ordinal < start + (set.spec.replicas ?? 1);
}

/** updateClaimOwnerRefForSetAndPod: the claim's owner references for the retention policy; true when they changed. */
export function applyRetention(claim: KubeObject, set: SetView, pod: KubeObject | undefined, ordinal: number): boolean {
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
  const scaledDelete = policy.whenScaled === 'Delete';
  const deletedDelete = policy.whenDeleted === 'Delete';
  const scaledDown = !inOrdinalRange(set, ordinal);
  let changed = false;
  if (deletedDelete && !(scaledDelete && scaledDown)) changed = setRef(claim, set, 'apps/v1', 'StatefulSet') || changed;
  else changed = removeRef(claim, set) || changed;
  if (pod) {
    if (scaledDelete && scaledDown) changed = setRef(claim, pod, 'v1', 'Pod') || changed;
    else changed = removeRef(claim, pod) || changed;
  }
  return changed;
}

/** getPersistentVolumeClaims: the claim for one template and ordinal, labels from the template and the selector. */
function newClaim(set: SetView, t: ClaimTemplate, ordinal: number): KubeObject {
  const meta = t.metadata ?? {};
  const claim: KubeObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(meta.name ?? '', set.metadata.name ?? '', ordinal),
      namespace: set.metadata.namespace ?? 'default',
      labels: { ...(meta.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
    },
    spec: deepClone(t.spec ?? {}),
  } as KubeObject;
  return claim;
}

/**
 * createPersistentVolumeClaims: creates each missing claim for `pod` (with the retention owner
 * references), records upstream's events, and returns an error message when a claim could not be
 * made or is being deleted (the pod is then not created: upstream returns the error and retries).
 */
export function ensureClaims(ctx: SimContext, set: SetView, pod: Pod, ordinal: number): string | undefined {
  const templates = templatesOf(set);
  if (templates.length === 0) return undefined;
  const ns = set.metadata.namespace ?? 'default';
  const podName = pod.metadata.name ?? '';
  const errors: string[] = [];
  for (const t of templates) {
    const want = newClaim(set, t, ordinal);
    const name = want.metadata.name ?? '';
    const have = ctx.store.get<KubeObject>('PersistentVolumeClaim', ns, name);
    if (have) {
      if (have.metadata.deletionTimestamp) errors.push(`pvc ${name} is being deleted`);
      continue;
    }
    applyRetention(want, set, undefined, ordinal);
    try {
      ctx.store.create(want);
      ctx.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`, STATEFULSET_CONTROLLER_NAME);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      const msg = `failed to create PVC ${name}: ${e.message}`;
      errors.push(msg);
      ctx.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${msg}`, STATEFULSET_CONTROLLER_NAME);
    }
  }
  return errors.length > 0 ? errors.join('; ') : undefined;
}

/**
 * The retention owner references of an existing pod's claims (UpdateStatefulPod / a condemned pod
 * before its deletion): written only when they change.
 */
export function syncClaimOwners(ctx: SimContext, set: SetView, pod: Pod, ordinal: number): void {
  const templates = templatesOf(set);
  if (templates.length === 0) return;
  const ns = set.metadata.namespace ?? 'default';
  for (const t of templates) {
    const have = ctx.store.get<KubeObject>('PersistentVolumeClaim', ns, claimName(t.metadata?.name ?? '', set.metadata.name ?? '', ordinal));
    if (!have || have.metadata.deletionTimestamp) continue;
    const next = deepClone(have);
    if (applyRetention(next, set, pod, ordinal)) ctx.store.update(next);
  }
}

/**
 * The garbage collector's part for a pod-owned claim: when a pod leaves the store, the claims
 * whose only owner it was go too (whenScaled: Delete). Podscape's collector cascades only
 * `kubectl delete`, so the StatefulSet controller does this on the pod's DELETED event.
 */
export function collectPodClaims(ctx: SimContext, pod: KubeObject): void {
  const uid = pod.metadata.uid;
  if (!uid) return;
  for (const v of ((pod as Pod).spec?.volumes ?? []) as Record<string, unknown>[]) {
    const ref = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (!ref?.claimName) continue;
    const c = ctx.store.get<KubeObject>('PersistentVolumeClaim', pod.metadata.namespace ?? 'default', ref.claimName);
    const refs = c?.metadata.ownerReferences ?? [];
    if (!c || !refs.some((r) => r.uid === uid)) continue;
    if (refs.every((r) => r.uid === uid)) ctx.store.remove('PersistentVolumeClaim', c.metadata.namespace ?? 'default', ref.claimName);
    else {
      const next = deepClone(c);
      removeRef(next, pod);
      ctx.store.update(next);
    }
  }
}
