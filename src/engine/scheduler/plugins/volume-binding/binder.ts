/**
 * VolumeBinding's per-node decisions (upstream's volumebinding binder.go FindPodVolumes,
 * checkBoundClaims, findMatchingVolumes, checkVolumeProvisions), over the claims PreFilter read.
 */
import type { KubeObject } from '../../../model/types';
import { findMatchingVolume, NO_PROVISIONER, volumeFitsNode, type PersistentVolume, type PersistentVolumeClaim } from '../../../model/volumes';
import type { NodeInfo } from '../../framework/node-info';
import { unresolvable } from '../../framework/status';
import type { StateData } from '../../framework/cycle-state';

export const STATE_KEY = 'PreFilterVolumeBinding';
export const REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";

export interface ClaimView {
  metadata: { name?: string; namespace?: string; uid?: string; deletionTimestamp?: string; annotations?: Record<string, string> };
  spec?: { volumeName?: string; storageClassName?: string };
  status?: { phase?: string };
}

export interface VolumePlan {
  /** Static bindings: each claim and the volume chosen for it on the node. */
  bindings: { claim: KubeObject; volume: KubeObject }[];
  /** Claims to provision on the node (selected-node annotation). */
  provision: KubeObject[];
}

export class BindingState implements StateData {
  boundVolumes: KubeObject[] = [];
  delayed: { claim: ClaimView; provisioner: string }[] = [];
  volumes: readonly KubeObject[] = [];
  clone(): BindingState {
    return this;
  }
}

/** The node's plan, or undefined when a claim can neither bind nor be provisioned there. */
export function planNode(state: BindingState, node: NodeInfo): VolumePlan | undefined {
  const view = { name: node.name, labels: node.labels };
  const chosen = new Set<string>();
  const plan: VolumePlan = { bindings: [], provision: [] };
  for (const d of state.delayed) {
    const v = findMatchingVolume(state.volumes as PersistentVolume[], d.claim as unknown as PersistentVolumeClaim, true, view, chosen);
    if (v) {
      chosen.add(v.metadata.name ?? '');
      plan.bindings.push({ claim: d.claim as unknown as KubeObject, volume: v });
    } else if (d.provisioner !== '' && d.provisioner !== NO_PROVISIONER) plan.provision.push(d.claim as unknown as KubeObject);
    else return undefined;
  }
  return plan;
}

export function filterNode(state: BindingState, node: NodeInfo): ReturnType<typeof unresolvable> | null {
  const view = { name: node.name, labels: node.labels };
  for (const v of state.boundVolumes) if (!volumeFitsNode(v as PersistentVolume, view)) return unresolvable(REASON_NODE_CONFLICT);
  if (state.delayed.length > 0 && !planNode(state, node)) return unresolvable(REASON_BIND_CONFLICT);
  return null;
}
