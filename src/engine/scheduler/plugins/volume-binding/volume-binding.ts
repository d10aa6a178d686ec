/**
 * VolumeBinding, as upstream's volumebinding plugin: a pod whose claims are missing, lost, being
 * deleted, or unbound with immediate binding is rejected in PreFilter with upstream's messages.
 * Filter (binder.ts) rejects a node that a bound claim's volume cannot reach ("node(s) had volume
 * node affinity conflict") and one where an unbound WaitForFirstConsumer claim finds no matching
 * volume and cannot be provisioned ("node(s) didn't find available persistent volumes to bind").
 * Reserve assumes the choices and writes them at once (upstream's PreBind: the volume's claimRef,
 * the claim's selected-node annotation). A pod that uses no claim is skipped, as upstream does.
 * Simplified: PreBind does not wait for the PV controller and the provisioner to finish; the pod
 * is bound in the same cycle.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { AnyPlugin, Handle, PluginFactory, PreFilterOutcome } from '../../framework/interfaces';
import type { PodInfo } from '../../framework/pod-info';
import { SKIP, unresolvable } from '../../framework/status';
import { VolumeBinding } from '../names';
import { BindingState, filterNode, planNode, STATE_KEY, type ClaimView } from './binder';
import type { NodeInfo } from '../../framework/node-info';

export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

/** The claim names a pod uses: persistentVolumeClaim volumes, and `<pod>-<volume>` for generic ephemeral ones. */
function podClaims(pod: PodInfo): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of (pod.pod.spec.volumes ?? []) as Record<string, unknown>[]) {
    const pvc = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (pvc) out.push({ name: pvc.claimName ?? '', ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.name}-${String(v.name ?? '')}`, ephemeral: true });
  }
  return out;
}

export class VolumeBindingPlugin implements AnyPlugin {
  readonly name = VolumeBinding;
  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    const claims = podClaims(pod);
    if (claims.length === 0) return { status: SKIP };
    const listers = this.handle.listers;
    let unboundImmediate = false;
    const binding = new BindingState();
    for (const c of claims) {
      const claim = listers.persistentVolumeClaim?.(pod.namespace, c.name) as ClaimView | undefined;
      if (!claim) {
        return {
          status: unresolvable(
            c.ephemeral
              ? `waiting for ephemeral volume controller to create the persistentvolumeclaim ${JSON.stringify(c.name)}`
              : `persistentvolumeclaim ${JSON.stringify(c.name)} not found`,
          ),
        };
      }
      if (claim.status?.phase === 'Lost') {
        return {
          status: unresolvable(
            `persistentvolumeclaim ${JSON.stringify(c.name)} bound to non-existent persistentvolume ${JSON.stringify(claim.spec?.volumeName ?? '')}`,
          ),
        };
      }
      if (claim.metadata.deletionTimestamp) {
        return { status: unresolvable(`persistentvolumeclaim ${JSON.stringify(c.name)} is being deleted`) };
      }
      const bound = claim.status?.phase === 'Bound' || (claim.spec?.volumeName ?? '') !== '';
      if (bound) {
        const pv = claim.spec?.volumeName ? listers.persistentVolume?.(claim.spec.volumeName) : undefined;
        if (pv) binding.boundVolumes.push(pv);
        continue;
      }
      const cls = claim.spec?.storageClassName ? listers.storageClass?.(claim.spec.storageClassName) : undefined;
      const mode = (cls as { volumeBindingMode?: string } | undefined)?.volumeBindingMode;
      if (mode !== 'WaitForFirstConsumer') unboundImmediate = true;
      else binding.delayed.push({ claim, provisioner: (cls as { provisioner?: string } | undefined)?.provisioner ?? '' });
    }
    if (unboundImmediate) return { status: unresolvable(REASON_UNBOUND_IMMEDIATE) };
    if (binding.delayed.length > 0) binding.volumes = listers.persistentVolumes?.() ?? [];
    state.write(STATE_KEY, binding);
    return { status: null };
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): ReturnType<typeof filterNode> {
    const binding = state.tryRead<BindingState>(STATE_KEY);
    return binding ? filterNode(binding, nodeInfo) : null;
  }

  /** Scoring only acts with the StorageCapacityScoring gate, which is off by default. */
  preScore(): typeof SKIP {
    return SKIP;
  }

  score(): number {
    return 0;
  }

  /** Reserve + PreBind: the node's plan (volumes to claim, claims to provision there), written at once. */
  reserve(state: CycleState, pod: PodInfo, nodeName: string): null {
    const binding = state.tryRead<BindingState>(STATE_KEY);
    if (!binding || binding.delayed.length === 0) return null;
    const ni = this.handle.snapshot.get(nodeName);
    if (!ni) return null;
    const plan = planNode(binding, ni);
    if (plan) this.handle.cluster.bindVolumes?.(pod, nodeName, plan);
    return null;
  }

  unreserve(): void {}
}

export const volumeBindingFactory: PluginFactory = {
  create: (_args, handle) => new VolumeBindingPlugin(handle),
};
