/**
 * How the kubelet ends a pod it was given: its admission rejection (lifecycle handlers,
 * kubelet.go rejectPod), its own spec.activeDeadlineSeconds (active_deadline.go), the start
 * of a graceful termination (kubelet.go SyncTerminatingPod) and how its containers then end
 * (kuberuntime_container.go killContainer).
 */
import type { Pod, PodStatus } from '../model/types';
import type { SimContext } from '../sim/contracts';
import { stopOutcome } from './exit-annotations';
import { isTerminalPhase, rejectedStatus, terminatedStatus, terminatingStatus } from './pod-status';

const KUBELET = 'kubelet';

/** How long after admission the kubelet writes a controller's pod's rejection (the hot loop of kubernetes#130411). */
export const KUBELET_REJECTION_DELAY = 30;

/**
 * Writes the pod's admission rejection: now for a pod without a controller, else
 * KUBELET_REJECTION_DELAY from now if it is still this node's and not finished.
 * `rejecting`: pods whose rejection is pending (key → UID), kept by the kubelet.
 */
export function rejectPod(ctx: SimContext, nodeName: string, rejecting: Map<string, string>, running: () => boolean, pod: Pod, reason: string, message: string): void {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const key = `${namespace}/${name}`;
  const uid = pod.metadata.uid ?? '';
  if (!pod.metadata.ownerReferences?.some((r) => r.controller === true)) {
    ctx.store.update<Pod>({ ...pod, status: rejectedStatus(pod, reason, message) });
    ctx.recorder.event(pod, 'Warning', reason, message, KUBELET);
    return;
  }
  if (rejecting.get(key) === uid) return;
  rejecting.set(key, uid);
  ctx.clock.after(KUBELET_REJECTION_DELAY, `kubelet ${nodeName}: reject ${key}`, () => {
    if (rejecting.get(key) !== uid) return;
    rejecting.delete(key);
    const cur = ctx.store.get<Pod>('Pod', namespace, name);
    if (!running() || !cur || cur.metadata.uid !== uid || cur.spec.nodeName !== nodeName || isTerminalPhase(cur)) return;
    ctx.store.update<Pod>({ ...cur, status: rejectedStatus(cur, reason, message) });
    ctx.recorder.event(cur, 'Warning', reason, message, KUBELET);
  });
}

/** active_deadline.go's reason and message (the event's and the pod status's). */
export const DEADLINE_EXCEEDED = 'DeadlineExceeded';
export const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/**
 * The status of a pod past its activeDeadlineSeconds: Failed, reason DeadlineExceeded, its
 * containers stopped by the kill (killPod with the pod's grace period: the exit code the
 * on-sigterm annotation gives, 143 by default). Simplified: upstream posts Failed first and the
 * containers' terminated states after they stop; the engine posts both at once.
 */
export function deadlineStatus(pod: Pod, now: string, exitCode: number): PodStatus {
  return { ...terminatedStatus(pod, now, 'failed', exitCode), reason: DEADLINE_EXCEEDED, message: DEADLINE_MESSAGE };
}

/** The deadline's Normal event, then `Killing` for each running container. */
export function recordDeadline(ctx: SimContext, pod: Pod, running: string[]): void {
  ctx.recorder.event(pod, 'Normal', DEADLINE_EXCEEDED, DEADLINE_MESSAGE, KUBELET);
  for (const c of running) ctx.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${c}`, KUBELET, `spec.containers{${c}}`);
}

/**
 * A graceful deletion reaches a live kubelet (SyncTerminatingPod): it posts the pod's status first,
 * at the generation the delete bumped (pod-status.ts terminatingStatus: nothing else changes, Ready
 * included), then kills the containers it runs (`killed`), each with a `Killing` event.
 */
export function startTermination(ctx: SimContext, pod: Pod, killed: readonly string[]): void {
  const posted = terminatingStatus(pod, ctx.timestamp(ctx.clock.now));
  if (posted) ctx.store.update<Pod>({ ...pod, status: posted });
  for (const c of killed) ctx.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${c}`, KUBELET, `spec.containers{${c}}`);
}

/**
 * When and how the containers of a pod the kubelet stops end (killContainer): a running pod's
 * process answers SIGTERM as its on-sigterm annotation says (143 about containerStopDelay later
 * by default, 0, or SIGKILL's 137 at the grace period, never before 2 s). A pod whose containers
 * were not running has no exit to show (`exitCode` undefined) and goes within containerStopDelay.
 */
export function terminationEnd(ctx: SimContext, pod: Pod, running: boolean): { delay: number; exitCode: number | undefined } {
  const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? ctx.config.terminationGracePeriodSeconds;
  const stopDelay = ctx.config.containerStopDelay;
  if (!running) return { delay: Math.min(stopDelay, Math.max(0, grace) * 1000), exitCode: undefined };
  return stopOutcome(pod, grace, stopDelay);
}
