/**
 * VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone and
 * DynamicResources. Podscape models no PersistentVolumes, claims or DRA
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
export const volumeBindingFactory = skipping(names.VolumeBinding, {
  preScore: () => SKIP,
  score: () => 0,
  reserve: () => null,
  unreserve: () => {},
});
export const dynamicResourcesFactory = skipping(names.DynamicResources);
