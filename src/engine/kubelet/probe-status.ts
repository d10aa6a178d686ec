/**
 * The readiness part of a running pod's status when its containers have probes
 * (kubernetes/kubernetes pkg/kubelet/prober/prober_manager.go UpdatePodStatus,
 * pkg/kubelet/status/generate.go GenerateContainersReadyCondition / GeneratePodReadyCondition):
 * a running container's `started` and `ready` come from the prober, and ContainersReady and
 * Ready turn False `ContainersNotReady` / `containers with unready status: [a b]` while any
 * container is not ready. Conditions keep their lastTransitionTime when their status stays.
 */
import type { PodCondition, PodStatus } from '../model/types';

export interface Readiness {
  started(container: string): boolean;
  ready(container: string): boolean;
}

/** The status with the prober's view applied to its running containers (other states are left as they are). */
export function withProbeResults(status: PodStatus, probes: Readiness, now: string): PodStatus {
  if (status.phase !== 'Running' || !Array.isArray(status.containerStatuses)) return status;
  const unready: string[] = [];
  const containerStatuses = (status.containerStatuses as Record<string, unknown>[]).map((s) => {
    const name = String(s.name ?? '');
    const running = (s.state as { running?: unknown } | undefined)?.running !== undefined;
    const ready = running && probes.ready(name);
    if (!ready) unready.push(name);
    if (!running) return s;
    return { ...s, ready, started: probes.started(name) };
  });
  const message = `containers with unready status: [${unready.join(' ')}]`;
  const conditions = (Array.isArray(status.conditions) ? status.conditions : []).map((c): PodCondition => {
    if (!c || (c.type !== 'Ready' && c.type !== 'ContainersReady')) return c;
    const want = unready.length === 0 ? 'True' : 'False';
    const next: PodCondition = { type: c.type, ...(c.observedGeneration !== undefined ? { observedGeneration: c.observedGeneration } : {}), status: want, lastProbeTime: null, lastTransitionTime: c.status === want ? c.lastTransitionTime : now };
    if (want === 'False') {
      next.reason = 'ContainersNotReady';
      next.message = message;
    }
    return next;
  });
  return { ...status, conditions, containerStatuses };
}
