/**
 * The pod statuses a kubelet writes (kubernetes/kubernetes pkg/kubelet
 * kubelet_pods.go generateAPIPodStatus, status/generate.go, rejectPod):
 * running with its conditions and container statuses, completed, terminated
 * after a graceful stop, lost with the machine, and rejected at admission.
 *
 * Containers that exit on their own (the run-duration annotation, with
 * exit-code and exit-code-runs, see exit-annotations.ts) are shown as upstream's
 * convertToAPIContainerStatuses does: the exited run `terminated` (exit code,
 * reason `Completed` for 0, `Error` otherwise), then, while the kubelet backs off,
 * `waiting` `CrashLoopBackOff` with the exit as lastState; phases per getPhase.
 *
 * Simplifications: no init-container statuses, no pod/host IPs, no image IDs or
 * container IDs; the containers of a pod run, exit and restart together (one
 * exit code, one restartCount). Containers stopped for a deletion end as the
 * on-sigterm annotation says (143 `Error` by default, 0 `Completed`, or 137 at the
 * grace period); the pod then ends Failed, or Succeeded when they exited 0
 * (getPhase with podIsTerminal).
 */
import type { Pod, PodCondition, PodStatus } from '../model/types';

type Cond = Pick<PodCondition, 'type' | 'status'> & { reason?: string; message?: string };

/** The first condition of `list` with this type (Array.prototype.find without a closure). */
function conditionOf(list: readonly PodCondition[], type: string): PodCondition | undefined {
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c && c.type === type) return c;
  }
  return undefined;
}

/** Whether one of `want` has this type. */
function wanted(want: readonly Cond[], type: unknown): boolean {
  for (let i = 0; i < want.length; i++) if (want[i].type === type) return true;
  return false;
}

/** The pod's generation, which the kubelet stamps on its status and conditions (CalculatePodStatusObservedGeneration). */
const generationOf = (pod: Pod) => (typeof pod.metadata.generation === 'number' ? pod.metadata.generation : 1);

/**
 * The last condition withConditions gave a reason, and the last it gave a reason and a message,
 * kept for the process's life and never read. Adding them moves a condition off the literal's
 * hidden class ("map") to ones V8 holds only weakly, and only pods that are not ready carry
 * them (a terminated pod's Ready=False PodCompleted): once the last was gone, a full collection
 * freed those maps, and the next such condition got new ones that the optimized readers of
 * pod conditions (isPodReady, the ReplicaSet controller's pod ledger) had never seen, so they
 * were thrown away ("wrong map") and compiled again in each recovery. Keeping them keeps the maps.
 */
export const KEEP_REASON_MAPS: (PodCondition | undefined)[] = [undefined, undefined];

/**
 * Sets conditions, keeping lastTransitionTime where the status did not change; each carries the
 * pod's generation as observedGeneration (CalculatePodConditionObservedGeneration).
 */
function withConditions(status: PodStatus | undefined, want: readonly Cond[], now: string, generation: number): PodCondition[] {
  const existing = Array.isArray(status?.conditions) ? status!.conditions! : [];
  const out: PodCondition[] = [];
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    const cur = conditionOf(existing, w.type);
    const c: PodCondition = {
      type: w.type,
      observedGeneration: generation,
      status: w.status,
      lastProbeTime: null,
      lastTransitionTime: cur && cur.status === w.status ? cur.lastTransitionTime ?? now : now,
    };
    if (w.reason) {
      c.reason = w.reason;
      if (w.message) c.message = w.message;
      KEEP_REASON_MAPS[w.message ? 1 : 0] = c;
    } else if (w.message) c.message = w.message;
    out.push(c);
  }
  // Conditions the kubelet does not own (PodScheduled, DisruptionTarget, readiness gates) stay.
  for (let i = 0; i < existing.length; i++) {
    const c = existing[i];
    if (c && !wanted(want, c.type)) out.push(c);
  }
  return out;
}

/** The conditions a running pod has (one list for every pod: withConditions only reads it). */
const RUNNING_CONDITIONS: readonly Cond[] = Object.freeze([
  { type: 'PodReadyToStartContainers', status: 'True' },
  { type: 'Initialized', status: 'True' },
  { type: 'Ready', status: 'True' },
  { type: 'ContainersReady', status: 'True' },
  { type: 'PodScheduled', status: 'True' },
]);

const containers = (pod: Pod) => (Array.isArray(pod.spec.containers) ? pod.spec.containers : []);
const previousStatuses = (pod: Pod) => (Array.isArray(pod.status?.containerStatuses) ? (pod.status!.containerStatuses as Record<string, unknown>[]) : []);

/** What one container's status says beside its name and image (`started` follows `ready` in every status built here). */
interface ContainerRun {
  ready: boolean;
  restartCount: number;
  state: Record<string, unknown>;
  lastState: unknown;
}

/** One status per container of the pod, each built from that container's previous status (matched by name). */
function containerStatusesOf(pod: Pod, run: (old: Record<string, unknown> | undefined, name: string) => ContainerRun): Record<string, unknown>[] {
  const prev = previousStatuses(pod);
  return containers(pod).map((c) => {
    const r = run(
      prev.find((s) => s.name === c.name),
      c.name,
    );
    return { name: c.name, image: c.image ?? '', imageID: '', ready: r.ready, started: r.ready, restartCount: r.restartCount, state: r.state, lastState: r.lastState };
  });
}

/** The restart count a status that does not start the container again keeps. */
const keptRestarts = (old: Record<string, unknown> | undefined) => (old?.restartCount as number | undefined) ?? 0;

/** Running, Ready, every container started `now` (restartCount as given; after a reboot the previous run is lastState). */
export function runningStatus(pod: Pod, now: string, startTime: string, restartCount: number, rebooted: boolean): PodStatus {
  const containerStatuses = containerStatusesOf(pod, (old) => {
    const oldState = old?.state as { running?: { startedAt?: string }; terminated?: Record<string, unknown>; waiting?: unknown } | undefined;
    const oldRunning = oldState?.running;
    // The run before this one: the exit just shown, or (in back-off) the lastState already shown.
    let lastState: Record<string, unknown> = {};
    if (oldState?.terminated) lastState = { terminated: oldState.terminated };
    else if (oldState?.waiting && old?.lastState) lastState = old.lastState as Record<string, unknown>;
    else if (rebooted && oldRunning) lastState = { terminated: { exitCode: 255, reason: 'Unknown', startedAt: oldRunning.startedAt, finishedAt: now } };
    return { ready: true, restartCount, state: { running: { startedAt: now } }, lastState };
  });
  return {
    ...(pod.status ?? {}),
    phase: 'Running',
    startTime: pod.status?.startTime ?? startTime,
    observedGeneration: generationOf(pod),
    conditions: withConditions(rebooted ? notReadyAfterReboot(pod.status) : pod.status, RUNNING_CONDITIONS, now, generationOf(pod)),
    containerStatuses,
  };
}

/**
 * After a reboot the kubelet's first sync finds the sandbox and the containers gone and
 * reports PodReadyToStartContainers and ContainersReady False (status
 * GeneratePodReadyToStartContainersCondition, GenerateContainersReadyCondition) before it
 * recreates them, so both turn True again at the restart.
 */
function notReadyAfterReboot(status: PodStatus | undefined): PodStatus | undefined {
  if (!status || !Array.isArray(status.conditions)) return status;
  const flip = (c: PodCondition) => (c && (c.type === 'PodReadyToStartContainers' || c.type === 'ContainersReady') ? { ...c, status: 'False' as const } : c);
  return { ...status, conditions: status.conditions.map(flip) };
}

/** `[a b]`: a Go []string printed with %s. */
const goList = (names: readonly string[]) => `[${names.join(' ')}]`;

/** A pod whose containers are not running but will be again (GeneratePodReadyCondition / GenerateContainersReadyCondition). */
function notReadyConditions(pod: Pod, sandbox: boolean): Cond[] {
  const message = `containers with unready status: ${goList(containers(pod).map((c) => c.name))}`;
  return [
    { type: 'PodReadyToStartContainers', status: sandbox ? 'True' : 'False' },
    { type: 'Initialized', status: 'True' },
    { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message },
    { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message },
    { type: 'PodScheduled', status: 'True' },
  ];
}

/** The container runtime's reason for an exit (containerd): `Completed` for 0, `Error` otherwise. */
export const exitReason = (exitCode: number) => (exitCode === 0 ? 'Completed' : 'Error');

/** The terminated state of the run that was running (its startedAt) and ended `now`. */
function terminatedState(old: Record<string, unknown> | undefined, exitCode: number, reason: string, now: string): Record<string, unknown> {
  const startedAt = (old?.state as { running?: { startedAt?: string } } | undefined)?.running?.startedAt;
  return { exitCode, reason, ...(startedAt ? { startedAt } : {}), finishedAt: now };
}

/**
 * The containers exited and will be restarted in place (restartPolicy Always, or OnFailure with a
 * non-zero code): the phase stays Running, each container `terminated` with the exit, not ready.
 * A reboot shows the same with exit 255, `Unknown`, and no sandbox (PodReadyToStartContainers False).
 */
export function exitedStatus(pod: Pod, now: string, exitCode: number, reason = exitReason(exitCode), sandbox = true): PodStatus {
  const containerStatuses = containerStatusesOf(pod, (old) => ({
    ready: false,
    restartCount: keptRestarts(old),
    state: { terminated: terminatedState(old, exitCode, reason, now) },
    lastState: old?.lastState ?? {},
  }));
  return {
    ...(pod.status ?? {}),
    phase: 'Running',
    observedGeneration: generationOf(pod),
    conditions: withConditions(pod.status, notReadyConditions(pod, sandbox), now, generationOf(pod)),
    containerStatuses,
  };
}

/**
 * The kubelet backs off restarting the containers (convertToAPIContainerStatuses with the
 * reason cache's ErrCrashLoopBackOff): `waiting` `CrashLoopBackOff` with the message, the exit
 * shown as lastState; Running, not ready. `message(container)` gives doBackOff's text.
 */
export function backOffStatus(pod: Pod, now: string, message: (container: string) => string): PodStatus {
  const containerStatuses = containerStatusesOf(pod, (old, name) => {
    const terminated = (old?.state as { terminated?: unknown } | undefined)?.terminated;
    return {
      ready: false,
      restartCount: keptRestarts(old),
      state: { waiting: { reason: 'CrashLoopBackOff', message: message(name) } },
      lastState: terminated ? { terminated } : old?.lastState ?? {},
    };
  });
  return {
    ...(pod.status ?? {}),
    phase: 'Running',
    observedGeneration: generationOf(pod),
    conditions: withConditions(pod.status, notReadyConditions(pod, true), now, generationOf(pod)),
    containerStatuses,
  };
}

/**
 * The containers wait to be created (the image manager: a pull in progress or failed,
 * kuberuntime startContainer's error as the waiting reason): each container `waiting` with the
 * reason and message `waiting(name)` gives (undefined: no message), not ready. Pending until
 * the pod's containers first ran (getPhase: a waiting container with no previous run), Running
 * after; the sandbox is up (PodReadyToStartContainers True).
 */
export function waitingStatus(pod: Pod, now: string, startTime: string, waiting: (container: string) => { reason: string; message?: string }): PodStatus {
  const containerStatuses = containerStatusesOf(pod, (old, name) => {
    const w = waiting(name);
    const terminated = (old?.state as { terminated?: unknown } | undefined)?.terminated;
    return {
      ready: false,
      restartCount: keptRestarts(old),
      state: { waiting: w.message === undefined ? { reason: w.reason } : { reason: w.reason, message: w.message } },
      lastState: terminated ? { terminated } : old?.lastState ?? {},
    };
  });
  return {
    ...(pod.status ?? {}),
    phase: pod.status?.phase === 'Running' ? 'Running' : 'Pending',
    startTime: pod.status?.startTime ?? startTime,
    observedGeneration: generationOf(pod),
    conditions: withConditions(pod.status, notReadyConditions(pod, true), now, generationOf(pod)),
    containerStatuses,
  };
}

/**
 * Every container terminated: exit 0 ("Completed") after a run or a graceful
 * stop → Succeeded; exited non-zero and not to be restarted (`failed`: restartPolicy
 * Never, reason `Error`; stopped by the kubelet, 143 or 137; `Unknown` 255 after a reboot) → Failed; lost with the
 * machine ("ContainerStatusUnknown", 137) → Failed.
 */
export function terminatedStatus(pod: Pod, now: string, how: 'completed' | 'lost' | 'failed', exitCode = 1, exitReasonText = exitReason(exitCode)): PodStatus {
  const lost = how === 'lost';
  const failed = lost || how === 'failed';
  const containerStatuses = containerStatusesOf(pod, (old) => {
    const terminated = lost
      ? { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was deleted.  The container used to be Running' }
      : how === 'failed'
        ? terminatedState(old, exitCode, exitReasonText, now)
        : terminatedState(old, 0, 'Completed', now);
    return { ready: false, restartCount: keptRestarts(old), state: { terminated }, lastState: old?.lastState ?? {} };
  });
  const reason = 'PodCompleted';
  return {
    ...(pod.status ?? {}),
    phase: failed ? 'Failed' : 'Succeeded',
    observedGeneration: generationOf(pod),
    conditions: withConditions(
      pod.status,
      [
        { type: 'PodReadyToStartContainers', status: 'False' },
        { type: 'Initialized', status: 'True', ...(failed ? {} : { reason }) },
        { type: 'Ready', status: 'False', reason: failed ? 'PodFailed' : reason },
        { type: 'ContainersReady', status: 'False', reason: failed ? 'PodFailed' : reason },
        { type: 'PodScheduled', status: 'True' },
      ],
      now,
      generationOf(pod),
    ),
    containerStatuses,
  };
}

/**
 * The final status of a pod the kubelet stopped (SyncTerminatedPod): `how` is its containers'
 * exit code, or `lost` when a reboot found them gone. getPhase with podIsTerminal: Succeeded when
 * every container exited 0, else Failed, whatever the restartPolicy.
 */
export function stoppedStatus(pod: Pod, now: string, how: number | 'lost'): PodStatus {
  if (how === 'lost') return terminatedStatus(pod, now, 'lost');
  return how === 0 ? terminatedStatus(pod, now, 'completed') : terminatedStatus(pod, now, 'failed', how);
}

/** The conditions the kubelet writes (generateAPIPodStatus), as it last wrote them. */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/**
 * The status a kubelet posts when a graceful deletion reaches it (syncTerminatingPod generates the
 * status before it kills the containers): nothing changed but the generation the graceful delete
 * bumped, stamped on the status and on the kubelet's conditions. Phase, readiness and container
 * states stay as they were: the containers run until they exit, and a container without a
 * readiness probe stays ready meanwhile (prober_manager UpdatePodStatus; kubernetes/website#49476,
 * kubernetes#129552). Undefined when there is nothing new to post (the status manager skips an
 * equal status), or no status was posted yet.
 */
export function terminatingStatus(pod: Pod, now: string): PodStatus | undefined {
  const status = pod.status;
  const generation = generationOf(pod);
  if (!status || typeof status.observedGeneration !== 'number' || status.observedGeneration === generation) return undefined;
  const existing = Array.isArray(status.conditions) ? status.conditions : [];
  const want: Cond[] = [];
  for (const c of existing) {
    if (!c || !KUBELET_CONDITIONS.has(c.type)) continue;
    want.push({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) });
  }
  return { ...status, observedGeneration: generation, conditions: withConditions(status, want, now, generation) };
}

/** rejectPod: phase Failed with the admission reason and `Pod was rejected: <message>`. */
export function rejectedStatus(pod: Pod, reason: string, message: string): PodStatus {
  return { ...(pod.status ?? {}), phase: 'Failed', reason, message: `Pod was rejected: ${message}` };
}

export const isTerminalPhase = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** The names of the pod's containers (for Killing / Created / Started events). */
export function containerNames(pod: Pod): string[] {
  return containers(pod).map((c) => c.name);
}
