/**
 * The PersistentVolume controller of kube-controller-manager (pkg/controller/volume/persistentvolume
 * pv_controller.go: syncClaim, syncVolume, bind, reclaimVolume) and, in provisioner.ts, a simulated
 * external CSI provisioner.
 *
 * - A Pending claim binds to the smallest matching Available volume (model/volumes.ts
 *   findMatchingVolume) or to the one pre-bound to it: volume claimRef (+ bound-by-controller when
 *   the controller chose it), phase Bound; claim volumeName, bind-completed and
 *   bound-by-controller, phase Bound, status.capacity and accessModes from the volume.
 * - No match: a WaitForFirstConsumer claim without a selected node waits (WaitForFirstConsumer, or
 *   WaitForPodScheduled naming the unscheduled pods that use it); a claim of a class with a
 *   provisioner is provisioned (ExternalProvisioning); a claim without a class gets FailedBinding.
 * - A bound claim whose volume is gone is Lost (ClaimLost). A bound volume whose claim is gone is
 *   Released, then deleted (reclaimPolicy Delete) or kept (Retain).
 * Simplification: upstream's controller runs from two work queues with a 15 s resync; here one pass
 * over every claim and volume runs on the tick after any change to a claim, volume or class, and a
 * claim's waiting event is recorded once per reason (upstream repeats it each resync; the event
 * count would grow). A cluster without claims or volumes never runs a pass.
 */
import type { KubeObject, Pod } from '../../model/types';
import type { Component, SimContext, TimerHandle, WatchEvent } from '../../sim/contracts';
import { deepClone, deepEqual } from '../../store/clone';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  findMatchingVolume,
  isBoundToClaim,
  isDelayBinding,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../../model/volumes';
import { createProvisioner, type Provisioner } from './provisioner';

export const PV_CONTROLLER = 'persistentvolume-controller';

const ns = (o: KubeObject) => o.metadata.namespace ?? 'default';

export function createPersistentVolumeController(): Component {
  let ctx!: SimContext;
  let timer: TimerHandle | null = null;
  let provisioner!: Provisioner;
  /** The waiting reason last recorded per claim uid (recorded once, see above). */
  const told = new Map<string, string>();

  const schedule = () => {
    timer ??= ctx.clock.after(0, `${PV_CONTROLLER}: sync`, () => {
      timer = null;
      pass();
    });
  };

  function tell(claim: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const uid = claim.metadata.uid ?? `${ns(claim)}/${claim.metadata.name}`;
    if (told.get(uid) === `${reason}\n${message}`) return;
    told.set(uid, `${reason}\n${message}`);
    ctx.recorder.event(claim, type, reason, message, PV_CONTROLLER);
  }

  function writeClaim(claim: PersistentVolumeClaim, edit: (c: PersistentVolumeClaim) => void): PersistentVolumeClaim {
    const next = deepClone(claim);
    edit(next);
    return deepEqual(next, claim) ? claim : ctx.store.update(next);
  }

  function writeVolume(v: PersistentVolume, edit: (c: PersistentVolume) => void): PersistentVolume {
    const next = deepClone(v);
    edit(next);
    return deepEqual(next, v) ? v : ctx.store.update(next);
  }

  /** bind(): the volume's half (claimRef with uid, phase Bound), then the claim's. */
  function bind(v: PersistentVolume, claim: PersistentVolumeClaim): void {
    writeVolume(v, (n) => {
      if (!isBoundToClaim(n, claim) || !n.spec.claimRef?.uid) {
        n.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: ns(claim), name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion };
        if (!v.spec.claimRef) n.metadata.annotations = { ...n.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      }
      n.status = { ...(n.status ?? {}), phase: 'Bound' };
    });
    writeClaim(claim, (n) => {
      if (n.spec.volumeName !== v.metadata.name) {
        n.spec.volumeName = v.metadata.name;
        n.metadata.annotations = { ...n.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      }
      n.metadata.annotations = { ...n.metadata.annotations, [ANN_BIND_COMPLETED]: 'yes' };
      n.status = { ...(n.status ?? {}), phase: 'Bound', accessModes: [...(v.spec.accessModes ?? [])], capacity: { ...(v.spec.capacity ?? {}) } };
    });
  }

  /** findNonScheduledPodsByPVC: pods in the claim's namespace not yet on a node that use it. */
  function unscheduledUsers(claim: PersistentVolumeClaim): string[] {
    const out: string[] = [];
    for (const p of ctx.store.list<Pod>('Pod', ns(claim))) {
      if (p.spec.nodeName) continue;
      const uses = (p.spec.volumes ?? []).some((v) => (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName === claim.metadata.name);
      if (uses) out.push(p.metadata.name ?? '');
    }
    return out;
  }

  function syncUnboundClaim(claim: PersistentVolumeClaim, volumes: PersistentVolume[]): void {
    const className = claimClass(claim);
    const cls = className ? ctx.store.get<StorageClass>('StorageClass', undefined, className) : undefined;
    const delay = isDelayBinding(cls);
    if (claim.spec.volumeName) {
      // The user asked for a specific volume.
      const v = volumes.find((x) => x.metadata.name === claim.spec.volumeName);
      if (v && (!v.spec.claimRef || isBoundToClaim(v, claim))) bind(v, claim);
      else writeClaim(claim, (n) => (n.status = { ...(n.status ?? {}), phase: 'Pending' }));
      return;
    }
    const v = findMatchingVolume(volumes, claim, delay);
    if (v) return bind(v, claim);
    if (delay && !claim.metadata.annotations?.[ANN_SELECTED_NODE]) {
      const users = unscheduledUsers(claim);
      if (users.length === 0) tell(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      else tell(claim, 'Normal', 'WaitForPodScheduled', `waiting for ${users.length > 1 ? 'pods' : 'pod'} ${users.join(',')} to be scheduled`);
      return;
    }
    if (!className) {
      tell(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    if (!cls) {
      tell(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    const name = cls.provisioner ?? '';
    const annotated = writeClaim(claim, (n) => {
      n.metadata.annotations = { ...n.metadata.annotations, [ANN_STORAGE_PROVISIONER]: name, [ANN_BETA_STORAGE_PROVISIONER]: name };
    });
    tell(
      annotated,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${name}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
    provisioner.request(annotated, cls);
  }

  function syncClaim(claim: PersistentVolumeClaim, byName: Map<string, PersistentVolume>, volumes: PersistentVolume[]): void {
    if (claim.metadata.deletionTimestamp) return;
    if (!claim.metadata.annotations?.[ANN_BIND_COMPLETED]) return syncUnboundClaim(claim, volumes);
    if (claim.status?.phase === 'Lost') return;
    const v = claim.spec.volumeName ? byName.get(claim.spec.volumeName) : undefined;
    if (!v) {
      const message = claim.spec.volumeName ? 'Bound claim has lost its PersistentVolume. Data on the volume is lost!' : 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!';
      writeClaim(claim, (n) => {
        n.status = { ...(n.status ?? {}), phase: 'Lost' };
        delete n.status.capacity;
        delete n.status.accessModes;
      });
      ctx.recorder.event(claim, 'Warning', 'ClaimLost', message, PV_CONTROLLER);
      return;
    }
    if (!v.spec.claimRef || isBoundToClaim(v, claim)) bind(v, claim);
  }

  function syncVolume(v: PersistentVolume): void {
    const ref = v.spec.claimRef;
    if (!ref || !ref.uid) {
      writeVolume(v, (n) => (n.status = { ...(n.status ?? {}), phase: 'Available' }));
      return;
    }
    const claim = ctx.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref.namespace ?? 'default', ref.name ?? '');
    if (claim && claim.metadata.uid === ref.uid) {
      if (claim.spec.volumeName === v.metadata.name) writeVolume(v, (n) => (n.status = { ...(n.status ?? {}), phase: 'Bound' }));
      return;
    }
    // The claim is gone: Released, then the reclaim policy.
    const released = writeVolume(v, (n) => (n.status = { ...(n.status ?? {}), phase: v.status?.phase === 'Failed' ? 'Failed' : 'Released' }));
    if ((released.spec.persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') provisioner.reclaim(released);
  }

  function pass(): void {
    const volumes = ctx.store.list<PersistentVolume>('PersistentVolume');
    const byName = new Map(volumes.map((v) => [v.metadata.name ?? '', v]));
    for (const c of ctx.store.list<PersistentVolumeClaim>('PersistentVolumeClaim')) {
      // Each claim sees the volumes as the passes before it left them.
      const fresh = ctx.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns(c), c.metadata.name ?? '');
      if (fresh) syncClaim(fresh, byName, ctx.store.list<PersistentVolume>('PersistentVolume'));
    }
    for (const v of ctx.store.list<PersistentVolume>('PersistentVolume')) syncVolume(v);
  }

  function onEvent(e: WatchEvent): void {
    if (e.kind === 'PersistentVolumeClaim' && e.type === 'DELETED' && e.object.metadata.uid) told.delete(e.object.metadata.uid);
    schedule();
  }

  return {
    name: PV_CONTROLLER,
    start(c: SimContext): void {
      ctx = c;
      provisioner = createProvisioner(ctx);
      if (ctx.store.list('PersistentVolumeClaim').length > 0 || ctx.store.list('PersistentVolume').length > 0) schedule();
      ctx.store.watch(onEvent, ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass']);
    },
  };
}
