/**
 * DefaultBinder mirrors upstream's defaultbinder plugin (Bind): it posts the
 * pod's Binding. Here the cluster around the scheduler does the binding, so
 * the plugin only forwards to handle.cluster.bind and returns its status.
 */
import type { BindPlugin, ClusterActions, Handle, PluginFactory } from '../../framework/interfaces';
import type { CycleState } from '../../framework/cycle-state';
import type { PodInfo } from '../../framework/pod-info';
import type { MaybeStatus } from '../../framework/status';
import { DefaultBinder } from '../names';

export class DefaultBinderPlugin implements BindPlugin {
  readonly name = DefaultBinder;
  private readonly cluster: ClusterActions;

  constructor(handle: Pick<Handle, 'cluster'>) {
    this.cluster = handle.cluster;
  }

  bind(_state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus {
    return this.cluster.bind(pod, nodeName);
  }
}

export const defaultBinderFactory: PluginFactory = {
  create: (_args, handle) => new DefaultBinderPlugin(handle),
};
