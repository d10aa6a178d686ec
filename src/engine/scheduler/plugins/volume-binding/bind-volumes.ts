/**
 * VolumeBinding's PreBind API calls (upstream binder.go BindPodVolumes / bindAPIUpdate): a chosen
 * volume gets the claim as claimRef and `pv.kubernetes.io/bound-by-controller: "yes"`; a claim to
 * provision gets `volume.kubernetes.io/selected-node`. The PV controller and the provisioner do
 * the rest. A write that fails (the object changed or went) is dropped: the controller's sync or
 * the pod's next cycle sorts it out.
 */
import type { KubeObject } from '../../../model/types';
import { ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE } from '../../../model/volumes';
import type { SimContext } from '../../../sim/contracts';
import { deepClone } from '../../../store/clone';
import { StoreError } from '../../../store/store-error';
import type { VolumePlan } from './binder';

export function bindPodVolumes(ctx: SimContext, nodeName: string, plan: VolumePlan): void {
  const write = (o: KubeObject) => {
    try {
      ctx.store.update(o);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
    }
  };
  for (const { claim, volume } of plan.bindings) {
    const cur = ctx.store.get<KubeObject & { spec: Record<string, unknown> }>('PersistentVolume', undefined, volume.metadata.name ?? '');
    if (!cur || cur.spec.claimRef) continue;
    const next = deepClone(cur);
    next.spec.claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata.namespace ?? 'default', name: claim.metadata.name, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion };
    next.metadata.annotations = { ...next.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    write(next);
  }
  for (const claim of plan.provision) {
    const cur = ctx.store.get<KubeObject>('PersistentVolumeClaim', claim.metadata.namespace ?? 'default', claim.metadata.name ?? '');
    if (!cur || cur.metadata.annotations?.[ANN_SELECTED_NODE] === nodeName) continue;
    const next = deepClone(cur);
    next.metadata.annotations = { ...next.metadata.annotations, [ANN_SELECTED_NODE]: nodeName };
    write(next);
  }
}
