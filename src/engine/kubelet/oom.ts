/**
 * A container whose memory usage (memory-usage.ts) is above its memory limit: the kernel's OOM
 * killer ends it inside its cgroup (SIGKILL), and the runtime reports the exit as `terminated`,
 * reason `OOMKilled`, exit code 137 (kuberuntime: containerd's OOM event). The kubelet records no
 * event of its own for it; it restarts the container per restartPolicy under the usual
 * CrashLoopBackOff back-off (backoff.ts, whose `BackOff` events follow), or, with restartPolicy
 * Never, the pod ends Failed.
 *
 * Simplifications: the container reaches its usage as it starts and the kill is seen
 * OOM_KILL_DELAY later (the PLEG relist that notices the exit, 1 s); the pod's containers stop
 * and restart together (kubelet.ts), so every container of the pod shows the OOMKilled exit when
 * one of them goes over its limit.
 */
import type { Pod } from '../model/types';
import type { Kubelet, PodRuntime } from './kubelet';
import { overLimit } from './memory-usage';
import { exitedStatus, terminatedStatus } from './pod-status';
import { containersExited } from './probe-restart';
import { SIGKILL_EXIT_CODE } from './exit-annotations';
import { watchUsage } from './eviction-manager';

export { stopEvictionManager } from './eviction-manager';

export const OOM_KILLED = 'OOMKilled';
/** From the container's start to the kubelet seeing the OOM kill (the PLEG relist period, 1 s). */
export const OOM_KILL_DELAY = 1_000;

/**
 * The pod's containers started (or run as the scenario loaded them): the eviction manager watches
 * a pod that declares usage, and a container above its limit is OOM-killed. Returns whether the
 * OOM kill is scheduled (the run-duration completion is then moot).
 */
export function containersRunning(k: Kubelet, rt: PodRuntime, pod: Pod): boolean {
  watchUsage(k, pod);
  return scheduleOomKill(k, rt, pod);
}

/**
 * Schedules the OOM kill of a pod with a container
 * above its memory limit. Returns whether it did (the run-duration completion is then moot).
 */
export function scheduleOomKill(k: Kubelet, rt: PodRuntime, pod: Pod): boolean {
  if (overLimit(pod).length === 0) return false;
  k.cancelTimer(rt);
  rt.timer = k.ctx.clock.after(OOM_KILL_DELAY, `kubelet ${k.name}: ${rt.key} OOM-killed`, () => {
    rt.timer = null;
    oomKilled(k, rt);
  });
  return true;
}

function oomKilled(k: Kubelet, rt: PodRuntime): void {
  const pod = k.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
  if (!k.running || k.pods.get(rt.key) !== rt || !pod || pod.metadata.uid !== rt.uid || rt.state !== 'running') return;
  containersExited(rt);
  const now = k.ctx.timestamp(k.ctx.clock.now);
  if (pod.spec.restartPolicy === 'Never') {
    k.release(rt);
    rt.state = 'finished';
    k.ctx.store.update<Pod>({ ...pod, status: terminatedStatus(pod, now, 'failed', SIGKILL_EXIT_CODE, OOM_KILLED) });
    return;
  }
  rt.state = 'exited';
  rt.exitedAt = k.ctx.clock.now;
  k.ctx.store.update<Pod>({ ...pod, status: exitedStatus(pod, now, SIGKILL_EXIT_CODE, OOM_KILLED) });
  k.restartOrBackOff(rt);
}
