/**
 * The API server's part for claims and volumes on create: the DefaultStorageClass admission
 * plugin (plugin/pkg/admission/storage/storageclass/setdefault: a claim with no
 * storageClassName gets the class annotated `storageclass.kubernetes.io/is-default-class:
 * "true"`, the newest when several are, by creationTimestamp then name) and the defaults of
 * SetDefaults_PersistentVolumeClaim / _PersistentVolume (phase Pending, volumeMode Filesystem,
 * persistentVolumeReclaimPolicy Retain). An empty storageClassName ("") stays: it asks for no class.
 */
import type { KubeObject } from '../model/types';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

type Spec = Record<string, unknown>;

export function admitStorage(obj: KubeObject, classes: readonly KubeObject[]): void {
  const o = obj as KubeObject & { spec?: Spec; status?: Spec };
  o.spec ??= {};
  o.spec.volumeMode ??= 'Filesystem';
  if (o.kind === 'PersistentVolume') o.spec.persistentVolumeReclaimPolicy ??= 'Retain';
  o.status = { ...(o.status ?? {}), phase: (o.status?.phase as string | undefined) ?? 'Pending' };
  if (o.kind !== 'PersistentVolumeClaim' || o.spec.storageClassName !== undefined) return;
  if (o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  let best: KubeObject | undefined;
  for (const c of classes) {
    if (c.metadata.annotations?.[DEFAULT_CLASS] !== 'true') continue;
    const t = c.metadata.creationTimestamp ?? '';
    const bt = best?.metadata.creationTimestamp ?? '';
    if (!best || t > bt || (t === bt && (c.metadata.name ?? '') < (best.metadata.name ?? ''))) best = c;
  }
  if (best) o.spec.storageClassName = best.metadata.name;
}
