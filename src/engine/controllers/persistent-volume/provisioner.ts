/**
 * A simulated external CSI provisioner (kubernetes-csi/external-provisioner with
 * sig-storage-lib-external-provisioner), standing for whatever driver a StorageClass names.
 *
 * - It serves every class whose provisioner is not `kubernetes.io/no-provisioner` (local
 *   volumes: static only, nothing ever provisions them).
 * - A claim it is asked for gets `Provisioning` at once and, PROVISION_DELAY_MS later, a volume
 *   `pvc-<claim uid>`: the requested capacity, the claim's access modes and volume mode, the
 *   class's reclaimPolicy (default Delete), a claimRef with the claim's uid,
 *   `pv.kubernetes.io/provisioned-by`, then `ProvisioningSucceeded`. The PV controller binds it.
 * - Topology (the rule Podscape chooses): a WaitForFirstConsumer claim is provisioned only once
 *   the scheduler wrote `volume.kubernetes.io/selected-node`; the volume then requires that
 *   node's `topology.kubernetes.io/zone` when the node has one (no zone label: no node affinity,
 *   the volume is reachable from every node). An Immediate claim of a class with
 *   allowedTopologies gets those terms as its node affinity.
 * - Deleting (reclaimPolicy Delete of a Released volume): the volume is removed.
 * Simplified: no CSI calls, capacity or failures; the delay is fixed (a real driver takes a few
 * seconds to minutes).
 */
import type { Node } from '../../model/types';
import type { SimContext } from '../../sim/contracts';
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, NO_PROVISIONER, ZONE_LABEL, claimClass, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../../model/volumes';

/** Virtual time from the provisioner's `Provisioning` to the volume's creation. */
export const PROVISION_DELAY_MS = 2_000;

export interface Provisioner {
  request(claim: PersistentVolumeClaim, cls: StorageClass): void;
  reclaim(v: PersistentVolume): void;
}

export function createProvisioner(ctx: SimContext): Provisioner {
  const inFlight = new Set<string>();

  function nodeAffinity(claim: PersistentVolumeClaim, cls: StorageClass): PersistentVolume['spec']['nodeAffinity'] {
    const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected) {
      const zone = ctx.store.get<Node>('Node', undefined, selected)?.metadata.labels?.[ZONE_LABEL];
      if (!zone) return undefined;
      return { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_LABEL, operator: 'In', values: [zone] }] }] } };
    }
    const terms = (cls.allowedTopologies ?? []).map((t) => ({
      matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({ key: e.key, operator: 'In' as const, values: [...e.values] })),
    }));
    return terms.length > 0 ? { required: { nodeSelectorTerms: terms } } : undefined;
  }

  function provision(claimKey: [string, string], uid: string, cls: StorageClass): void {
    inFlight.delete(uid);
    const claim = ctx.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', claimKey[0], claimKey[1]);
    if (!claim || claim.metadata.uid !== uid || claim.spec.volumeName || claim.metadata.deletionTimestamp) return;
    const name = `pvc-${uid}`;
    if (ctx.store.get('PersistentVolume', undefined, name)) return;
    const affinity = nodeAffinity(claim, cls);
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { [ANN_PROVISIONED_BY]: cls.provisioner ?? '' } },
      spec: {
        capacity: { storage: claim.spec.resources?.requests?.storage ?? '0' },
        accessModes: [...(claim.spec.accessModes ?? [])],
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: claimClass(claim),
        volumeMode: claim.spec.volumeMode ?? 'Filesystem',
        claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claimKey[0], name: claimKey[1], uid, resourceVersion: claim.metadata.resourceVersion },
        csi: { driver: cls.provisioner ?? '', volumeHandle: name, fsType: 'ext4' },
        ...(affinity ? { nodeAffinity: affinity } : {}),
      },
      status: { phase: 'Pending' },
    };
    ctx.store.create(pv);
    ctx.recorder.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`, cls.provisioner ?? '');
  }

  return {
    request(claim, cls) {
      const uid = claim.metadata.uid ?? '';
      const driver = cls.provisioner ?? '';
      if (!uid || inFlight.has(uid) || driver === '' || driver === NO_PROVISIONER) return;
      inFlight.add(uid);
      const key: [string, string] = [claim.metadata.namespace ?? 'default', claim.metadata.name ?? ''];
      ctx.recorder.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key[0]}/${key[1]}"`, driver);
      ctx.clock.after(PROVISION_DELAY_MS, `${driver}: provision ${key[0]}/${key[1]}`, () => provision(key, uid, cls));
    },
    reclaim(v) {
      if (ctx.store.get('PersistentVolume', undefined, v.metadata.name ?? '')) ctx.store.remove('PersistentVolume', undefined, v.metadata.name ?? '');
    },
  };
}
