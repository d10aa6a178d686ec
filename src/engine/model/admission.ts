/**
 * What the API server does to a pod on create that the scheduler relies on:
 * requests defaulted from limits, and priority resolved from its
 * PriorityClass (or the global default), as the Priority admission plugin.
 */
import { defaultRequestsFromLimits } from './pod-requests';
import type { Pod, PriorityClass } from './types';

/** Priority values of the two built-in classes. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

export function admitPod(pod: Pod, classes: readonly PriorityClass[]): void {
  defaultRequestsFromLimits(pod);
  if (pod.spec.priority === undefined || pod.spec.priority === null) {
    const name = pod.spec.priorityClassName;
    let cls: PriorityClass | undefined;
    if (name) cls = classes.find((c) => c.metadata.name === name);
    else {
      // getDefaultPriorityClass: of several global defaults (a race), the lowest value; the pod takes its name too.
      for (const c of classes) if (c.globalDefault === true && (cls === undefined || c.value < cls.value)) cls = c;
      if (cls?.metadata.name) pod.spec.priorityClassName = cls.metadata.name;
    }
    if (cls) {
      pod.spec.priority = cls.value;
      if (!pod.spec.preemptionPolicy && cls.preemptionPolicy) pod.spec.preemptionPolicy = cls.preemptionPolicy;
    } else if (name && Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name)) {
      pod.spec.priority = SYSTEM_PRIORITY_CLASSES[name];
    }
  }
}
