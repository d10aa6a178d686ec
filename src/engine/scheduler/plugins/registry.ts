/**
 * The in-tree registry: every plugin name → its factory, in one literal map
 * (upstream's plugins/registry.go).
 */
import type { Registry } from '../framework/config';
import type { PluginFactory } from '../framework/interfaces';
import { defaultBinderFactory } from './default-binder/default-binder';
import { defaultPreemptionFactory } from './default-preemption/default-preemption';
import { imageLocalityFactory } from './image-locality/image-locality';
import { interPodAffinityFactory } from './inter-pod-affinity/inter-pod-affinity';
import * as names from './names';
import { nodeAffinityFactory } from './node-affinity/node-affinity';
import { nodeNameFactory } from './node-name/node-name';
import { nodePortsFactory } from './node-ports/node-ports';
import { nodeResourcesBalancedAllocationFactory } from './node-resources-balanced-allocation/node-resources-balanced-allocation';
import { nodeResourcesFitFactory } from './node-resources-fit/node-resources-fit';
import { nodeUnschedulableFactory } from './node-unschedulable/node-unschedulable';
import {
  dynamicResourcesFactory,
  nodeVolumeLimitsFactory,
  volumeRestrictionsFactory,
  volumeZoneFactory,
} from './out-of-scope/out-of-scope';
import { podTopologySpreadFactory } from './pod-topology-spread/pod-topology-spread';
import { prioritySortFactory } from './priority-sort/priority-sort';
import { schedulingGatesFactory } from './scheduling-gates/scheduling-gates';
import { taintTolerationFactory } from './taint-toleration/taint-toleration';
import { volumeBindingFactory } from './volume-binding/volume-binding';

export function inTreeRegistry(): Registry {
  return new Map<string, PluginFactory>([
    [names.SchedulingGates, schedulingGatesFactory],
    [names.PrioritySort, prioritySortFactory],
    [names.NodeUnschedulable, nodeUnschedulableFactory],
    [names.NodeName, nodeNameFactory],
    [names.TaintToleration, taintTolerationFactory],
    [names.NodeAffinity, nodeAffinityFactory as PluginFactory],
    [names.NodePorts, nodePortsFactory],
    [names.NodeResourcesFit, nodeResourcesFitFactory as PluginFactory],
    [names.VolumeRestrictions, volumeRestrictionsFactory],
    [names.NodeVolumeLimits, nodeVolumeLimitsFactory],
    [names.VolumeBinding, volumeBindingFactory],
    [names.VolumeZone, volumeZoneFactory],
    [names.PodTopologySpread, podTopologySpreadFactory as PluginFactory],
    [names.InterPodAffinity, interPodAffinityFactory as PluginFactory],
    [names.DynamicResources, dynamicResourcesFactory],
    [names.DefaultPreemption, defaultPreemptionFactory as PluginFactory],
    [names.NodeResourcesBalancedAllocation, nodeResourcesBalancedAllocationFactory as PluginFactory],
    [names.ImageLocality, imageLocalityFactory],
    [names.DefaultBinder, defaultBinderFactory],
  ]);
}
