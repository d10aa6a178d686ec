/**
 * VolumeBinding, as upstream's volumebinding plugin, reduced to what a
 * playground without PersistentVolumes can decide: a pod whose claims are
 * missing, lost, being deleted, or unbound with immediate binding is
 * rejected in PreFilter with upstream's messages. Claims that are bound (or
 * wait for the first consumer) pass: PV node affinity and capacity are not
 * modelled. A pod that uses no claim is skipped, as upstream does.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { AnyPlugin, Handle, PluginFactory, PreFilterOutcome } from '../../framework/interfaces';
import type { PodInfo } from '../../framework/pod-info';
import { SKIP, unresolvable } from '../../framework/status';
import { VolumeBinding } from '../names';

export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

interface ClaimView {
  metadata: { name?: string; deletionTimestamp?: string };
  spec?: { volumeName?: string; storageClassName?: string };
  status?: { phase?: string };
}

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

  preFilter(_state: CycleState, pod: PodInfo): PreFilterOutcome {
    const claims = podClaims(pod);
    if (claims.length === 0) return { status: SKIP };
    const listers = this.handle.listers;
    let unboundImmediate = false;
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
      if (!bound) {
        const cls = claim.spec?.storageClassName ? listers.storageClass?.(claim.spec.storageClassName) : undefined;
        const mode = (cls as { volumeBindingMode?: string } | undefined)?.volumeBindingMode;
        if (mode !== 'WaitForFirstConsumer') unboundImmediate = true;
      }
    }
    if (unboundImmediate) return { status: unresolvable(REASON_UNBOUND_IMMEDIATE) };
    return { status: null };
  }

  filter(): null {
    return null;
  }

  /** Scoring only acts with the StorageCapacityScoring gate, which is off by default. */
  preScore(): typeof SKIP {
    return SKIP;
  }

  score(): number {
    return 0;
  }

  reserve(): null {
    return null;
  }

  unreserve(): void {}
}

export const volumeBindingFactory: PluginFactory = {
  create: (_args, handle) => new VolumeBindingPlugin(handle),
};
