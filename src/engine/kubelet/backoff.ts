/** The kubelet's container back-off (kubelet.go, client-go flowcontrol.Backoff), shared by kubelet.ts and probe-restart.ts. */
import { formatDuration } from '../clock/time';
import type { Pod } from '../model/types';
import type { Kubelet, PodRuntime } from './kubelet';
import { backOffStatus } from './pod-status';

/** The initial container back-off (kubelet.go backOffPeriod). */
export const CONTAINER_BACKOFF_BASE = 10_000;
/** MaxContainerBackOff (KubeletCrashLoopBackOffMax, alpha, off: no per-node override). */
export const MAX_CONTAINER_BACKOFF = 300_000;
/** pod_workers.go: a sync that failed (here: backing off) is retried after backOffPeriod, 10 s (jitter left out). */
export const POD_SYNC_BACKOFF = 10_000;

/** See Kubelet.restartOrBackOff. */
export function restartOrBackOff(k: Kubelet, rt: PodRuntime): void {
  rt.timer = null;
  const pod = k.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
  if (!k.running || !pod || pod.metadata.uid !== rt.uid || pod.metadata.deletionTimestamp) return;
  const now = k.ctx.clock.now;
  const entry = k.backoff.get(rt.uid);
  const expired = entry !== undefined && rt.exitedAt - entry.lastUpdate > 2 * MAX_CONTAINER_BACKOFF;
  if (entry && !expired && now - rt.exitedAt < entry.backoff) {
    const desc = `${rt.name}_${rt.namespace}(${rt.uid})`;
    for (const c of rt.containers) k.ctx.recorder.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c} in pod ${desc}`, 'kubelet', `spec.containers{${c}}`);
    if (rt.state !== 'backoff') {
      rt.state = 'backoff';
      const wait = formatDuration(entry.backoff);
      k.ctx.store.update<Pod>({ ...pod, status: backOffStatus(pod, k.ctx.timestamp(now), (c) => `back-off ${wait} restarting failed container=${c} pod=${desc}`) });
    }
    rt.timer = k.ctx.clock.after(POD_SYNC_BACKOFF, `kubelet ${k.name}: ${rt.key} back-off`, () => restartOrBackOff(k, rt));
    return;
  }
  k.backoff.set(rt.uid, !entry || expired ? { backoff: CONTAINER_BACKOFF_BASE, lastUpdate: now } : { backoff: Math.min(entry.backoff * 2, MAX_CONTAINER_BACKOFF), lastUpdate: now });
  rt.state = 'starting';
  rt.restartCount++;
  k.scheduleStart(rt, false);
}
