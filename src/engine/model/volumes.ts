/**
 * PersistentVolumes, claims and StorageClasses as the PV controller and the scheduler's
 * VolumeBinding both read them: upstream's pkg/controller/volume/persistentvolume/util
 * (FindMatchingVolume, CheckAccessModes, CheckNodeAffinity) and the annotation names.
 */
import type { KubeObject, LabelSelector, NodeSelector } from './types';
import { CompiledNodeSelector, labelSelectorAsSelector, type Labels } from './labels';
import { parseQuantity } from './quantity';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface ClaimRef {
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  [k: string]: unknown;
}

export interface PersistentVolume extends KubeObject {
  spec: {
    capacity?: { storage?: string };
    accessModes?: string[];
    storageClassName?: string;
    volumeMode?: string;
    claimRef?: ClaimRef;
    persistentVolumeReclaimPolicy?: string;
    nodeAffinity?: { required?: NodeSelector };
    [k: string]: unknown;
  };
  status?: { phase?: string; [k: string]: unknown };
}

export interface PersistentVolumeClaim extends KubeObject {
  spec: {
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: string;
    selector?: LabelSelector;
    [k: string]: unknown;
  };
  status?: { phase?: string; capacity?: { storage?: string }; accessModes?: string[]; [k: string]: unknown };
}

export interface StorageClass extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowedTopologies?: { matchLabelExpressions?: { key: string; values: string[] }[] }[];
  parameters?: Record<string, string>;
}

/** A storage quantity in bytes (0 when missing or malformed: validation reports those). */
export function storageBytes(q: string | number | undefined): bigint {
  if (q === undefined) return 0n;
  try {
    return parseQuantity(q).valueBig();
  } catch {
    return 0n;
  }
}

/** storagehelpers.GetPersistentVolumeClaimClass: spec.storageClassName, else the beta annotation, else "". */
export const claimClass = (c: PersistentVolumeClaim): string =>
  c.spec.storageClassName ?? c.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';

export const volumeClass = (v: PersistentVolume): string =>
  v.spec.storageClassName ?? v.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';

/** IsDelayBindingMode: the claim's class waits for the first consumer. */
export const isDelayBinding = (cls: StorageClass | undefined) => cls?.volumeBindingMode === 'WaitForFirstConsumer';

/** IsVolumeBoundToClaim: the volume's claimRef names the claim (and its uid, when the ref has one). */
export function isBoundToClaim(v: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const r = v.spec.claimRef;
  if (!r) return false;
  if (r.name !== c.metadata.name || (r.namespace ?? 'default') !== (c.metadata.namespace ?? 'default')) return false;
  return !r.uid || r.uid === c.metadata.uid;
}

/** CheckAccessModes: every mode the claim asks for is one the volume offers. */
function hasAccessModes(v: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const offered = new Set(v.spec.accessModes ?? []);
  return (c.spec.accessModes ?? []).every((m) => offered.has(m));
}

/** CheckNodeAffinity: the volume's required node affinity matches the node (no affinity: any node). */
export function volumeFitsNode(v: PersistentVolume, node: { name: string; labels: Labels }): boolean {
  const req = v.spec.nodeAffinity?.required;
  if (!req) return true;
  return new CompiledNodeSelector(req).match(node);
}

/**
 * FindMatchingVolume: the smallest volume that satisfies the claim (capacity ≥ request, volume
 * mode, selector, class, access modes, phase Available), a volume pre-bound to the claim first.
 * With `delayBinding` and no node (the PV controller on a WaitForFirstConsumer claim), only
 * pre-bound volumes count; with a node (the scheduler), the volume must also fit that node.
 */
export function findMatchingVolume(
  volumes: Iterable<PersistentVolume>,
  claim: PersistentVolumeClaim,
  delayBinding: boolean,
  node?: { name: string; labels: Labels },
  excluded?: ReadonlySet<string>,
): PersistentVolume | undefined {
  const request = storageBytes(claim.spec.resources?.requests?.storage);
  const mode = claim.spec.volumeMode ?? 'Filesystem';
  const cls = claimClass(claim);
  const selector = claim.spec.selector ? labelSelectorAsSelector(claim.spec.selector) : undefined;
  let best: PersistentVolume | undefined;
  let bestSize = 0n;
  for (const v of volumes) {
    if (excluded?.has(v.metadata.name ?? '')) continue;
    const size = storageBytes(v.spec.capacity?.storage);
    if (size < request) continue;
    if ((v.spec.volumeMode ?? 'Filesystem') !== mode) continue;
    if (v.metadata.deletionTimestamp) continue;
    if (node && !volumeFitsNode(v, node)) continue;
    if (isBoundToClaim(v, claim)) return v;
    if (!node && delayBinding) continue;
    if (v.spec.claimRef) continue;
    if (selector && !selector.matches(v.metadata.labels)) continue;
    if (volumeClass(v) !== cls) continue;
    if ((v.status?.phase ?? 'Available') !== 'Available' && v.status?.phase !== 'Pending') continue;
    if (!hasAccessModes(v, claim)) continue;
    if (!best || size < bestSize) {
      best = v;
      bestSize = size;
    }
  }
  return best;
}
