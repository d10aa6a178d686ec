/**
 * VolumeRestrictions, NodeVolumeLimits, VolumeZone and DynamicResources
 * (VolumeBinding's claim checks live in volume-binding/). Podscape models no PersistentVolumes or DRA
 * devices, so each behaves as upstream does for a pod that uses none of
 * them: PreFilter (and PreScore) return Skip and the plugin takes no part.
 * They exist so profiles that name them load and merge exactly as upstream.
 */
import type { AnyPlugin, PluginFactory } from '../../framework/interfaces';
import { SKIP } from '../../framework/status';
import * as names from '../names';

function skipping(name: string, extra: Partial<AnyPlugin> = {}): PluginFactory {
  return {
    create: (): AnyPlugin => ({
      name,
      preFilter: () => ({ status: SKIP }),
      filter: () => null,
      ...extra,
    }),
  };
}

export const volumeRestrictionsFactory = skipping(names.VolumeRestrictions);
export const nodeVolumeLimitsFactory = skipping(names.NodeVolumeLimits);
export const volumeZoneFactory = skipping(names.VolumeZone);
export const dynamicResourcesFactory = skipping(names.DynamicResources);
