/**
 * SchedulingGates mirrors upstream's schedulinggates plugin (PreEnqueue): a
 * pod with spec.schedulingGates stays out of the active queue. Queueing hints
 * are left to the queue, which re-runs PreEnqueue whenever the pod changes.
 */
import type { PluginFactory, PreEnqueuePlugin } from '../../framework/interfaces';
import type { PodInfo } from '../../framework/pod-info';
import { unresolvable, type MaybeStatus } from '../../framework/status';
import { SchedulingGates } from '../names';

/** Upstream formats the gate names with Go's %v: `[a b]`. */
export const REASON_WAITING_FOR_GATES_PREFIX = 'waiting for scheduling gates: ';

export class SchedulingGatesPlugin implements PreEnqueuePlugin {
  readonly name = SchedulingGates;

  preEnqueue(pod: PodInfo): MaybeStatus {
    const gates = pod.pod.spec.schedulingGates;
    if (!gates || gates.length === 0) return null;
    const names = gates.map((g) => g.name).join(' ');
    return unresolvable(`${REASON_WAITING_FOR_GATES_PREFIX}[${names}]`);
  }
}

export const schedulingGatesFactory: PluginFactory = {
  create: () => new SchedulingGatesPlugin(),
};
