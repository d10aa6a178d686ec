/**
 * The kubelet's side of its probes (kubernetes/kubernetes pkg/kubelet/kubelet.go syncLoopIteration's
 * readiness/liveness/startup updates, kuberuntime_manager.go computePodActions and doBackOff): a
 * pod's prober (prober.ts) wired to its kubelet, the status posted when readiness changes, and
 * the kill and restart of a container that failed its liveness or startup probe.
 */
import type { Pod, PodStatus } from '../model/types';
import type { Kubelet, PodRuntime } from './kubelet';
import { CONTAINER_BACKOFF_BASE, MAX_CONTAINER_BACKOFF } from './backoff';
import { exitedStatus, stoppedStatus } from './pod-status';
import { stopOutcome } from './exit-annotations';
import { PodProber } from './prober';
import { PROBE_WORD, type ProbeSpec } from './probe-spec';
import { withProbeResults } from './probe-status';

const KUBELET = 'kubelet';
/** A container's events' fieldPath (GenerateContainerRef). */
const containerField = (name: string) => `spec.containers{${name}}`;

/** A new prober for the pod's probes (prober.ts), wired to its kubelet. */
export function newProber(k: Kubelet, rt: PodRuntime, pod: Pod): PodProber {
const { ctx } = k;
  const live = () => {
    const cur = ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
    return k.running && k.pods.get(rt.key) === rt && cur?.metadata.uid === rt.uid ? cur : undefined;
  };
  return new PodProber(ctx, `kubelet ${k.name}: ${rt.key}`, pod, k.bootTime, {
    pod: live,
    running: () => (rt.runningSince === undefined || !k.running ? undefined : { startedAt: rt.runningSince }),
    changed: () => {
      const cur = live();
      if (!cur?.status || rt.runningSince === undefined || !rt.prober) return;
      const now = ctx.timestamp(ctx.clock.now);
      ctx.store.update<Pod>({ ...cur, status: withProbeResults(cur.status, rt.prober, now) });
    },
    failed: (spec) => killForProbe(k, rt, spec),
    event: (p, message, container) => ctx.recorder.event(p, 'Warning', 'Unhealthy', message, KUBELET, containerField(container)),
  });
}

/** The containers stopped running (an exit or a kill): the prober sees them not running. */
export function containersExited(rt: PodRuntime): void {
  rt.runningSince = undefined;
  rt.everExited = true;
  rt.prober?.containersStopped();
}

/**
 * A liveness or startup probe failed failureThreshold times (kuberuntime_manager.go
 * computePodActions): `Killing` `Container <name> failed <kind> probe, will be restarted` (no
 * suffix under restartPolicy Never), the containers stop as for a deletion (the probe's
 * terminationGracePeriodSeconds, else the pod's) and exit as the pod's `podscape.dev/on-sigterm`
 * says (143 by default, 137 when SIGKILL ends the grace period), then start again. doBackOff in that same sync
 * looks at the previous exited instance: none (the first kill) restarts at once without a
 * back-off entry; otherwise within the back-off since that instance's exit it waits
 * (CrashLoopBackOff from this exit), else the entry moves on and it restarts at once.
 */
function killForProbe(k: Kubelet, rt: PodRuntime, spec: ProbeSpec): void {
  const pod = k.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
  if (!pod || pod.metadata.uid !== rt.uid || rt.state !== 'running') return;
  const never = pod.spec.restartPolicy === 'Never';
  const message = `Container ${spec.container} failed ${PROBE_WORD[spec.kind].toLowerCase()} probe${never ? '' : ', will be restarted'}`;
  k.ctx.recorder.event(pod, 'Normal', 'Killing', message, KUBELET, containerField(spec.container));
  k.cancelTimer(rt);
  rt.state = 'exited';
  const grace = spec.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? k.ctx.config.terminationGracePeriodSeconds;
  const end = stopOutcome(pod, Math.max(0, grace), k.ctx.config.containerStopDelay);
  rt.timer = k.ctx.clock.after(end.delay, `kubelet ${k.name}: ${rt.key} killed`, () => {
    rt.timer = null;
    const cur = k.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
    if (!k.running || !cur || cur.metadata.uid !== rt.uid) return;
    const previous = rt.everExited ? rt.exitedAt : undefined;
    containersExited(rt);
    const now = k.ctx.clock.now;
    if (never) {
      k.release(rt);
      rt.state = 'finished';
      k.ctx.store.update<Pod>({ ...cur, status: stoppedStatus(cur, k.ctx.timestamp(now), end.exitCode) });
      return;
    }
    rt.exitedAt = now;
    k.ctx.store.update<Pod>({ ...cur, status: exitedStatus(cur, k.ctx.timestamp(now), end.exitCode) });
    const entry = k.backoff.get(rt.uid);
    if (previous === undefined) {
      rt.state = 'starting';
      rt.restartCount++;
      k.scheduleStart(rt, false);
    } else if (entry && previous - entry.lastUpdate <= 2 * MAX_CONTAINER_BACKOFF && now - previous < entry.backoff) {
      k.restartOrBackOff(rt);
    } else {
      k.backoff.set(rt.uid, { backoff: entry && previous - entry.lastUpdate <= 2 * MAX_CONTAINER_BACKOFF ? Math.min(entry.backoff * 2, MAX_CONTAINER_BACKOFF) : CONTAINER_BACKOFF_BASE, lastUpdate: now });
      rt.state = 'starting';
      rt.restartCount++;
      k.scheduleStart(rt, false);
    }
  });
}


/** The status of containers that just started: the prober's workers reset for the new containers, and its view applied. */
export function startedStatus(rt: PodRuntime, status: PodStatus, now: string): PodStatus {
  const prober = rt.prober;
  if (!prober) return status;
  prober.containersStarted();
  return withProbeResults(status, prober, now);
}

/** The kubelet process stopped (power loss): its probe workers stop with it; a new process makes new ones. */
export function forgetProbers(runtimes: Iterable<PodRuntime>): void {
  for (const rt of runtimes) {
    rt.prober?.stop();
    rt.prober = undefined;
  }
}
