/**
 * The pod statuses a kubelet writes (kubernetes/kubernetes pkg/kubelet
 * kubelet_pods.go generateAPIPodStatus, status/generate.go, rejectPod):
 * running with its conditions and container statuses, completed, terminated
 * after a graceful stop, lost with the machine, and rejected at admission.
 *
 * Simplifications: no init-container statuses, no pod/host IPs, no image IDs or
 * container IDs; containers exit 0 ("Completed") within containerStopDelay of
 * SIGTERM, so a pod stopped for deletion ends Succeeded.
 */
import type { Pod, PodCondition, PodStatus } from '../model/types';
import { parseDuration } from '../sim/config';

/** Annotation that makes a pod's containers exit 0 after running this long (e.g. `30s`): how Jobs finish. */
export const RUN_DURATION_ANNOTATION = 'podscape.dev/run-duration';

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

/** Sets conditions, keeping lastTransitionTime where the status did not change. */
function withConditions(status: PodStatus | undefined, want: readonly Cond[], now: string): PodCondition[] {
  const existing = Array.isArray(status?.conditions) ? status!.conditions! : [];
  const out: PodCondition[] = [];
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    const cur = conditionOf(existing, w.type);
    const c: PodCondition = { type: w.type, status: w.status, lastProbeTime: null, lastTransitionTime: cur && cur.status === w.status ? cur.lastTransitionTime ?? now : now };
    if (w.reason) c.reason = w.reason;
    if (w.message) c.message = w.message;
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

/** Running, Ready, every container started `now` (restartCount as given; after a reboot the previous run is lastState). */
export function runningStatus(pod: Pod, now: string, startTime: string, restartCount: number, rebooted: boolean): PodStatus {
  const prev = previousStatuses(pod);
  const containerStatuses = containers(pod).map((c) => {
    const old = prev.find((s) => s.name === c.name);
    const oldRunning = (old?.state as { running?: { startedAt?: string } } | undefined)?.running;
    const lastState = rebooted && oldRunning
      ? { terminated: { exitCode: 255, reason: 'Unknown', startedAt: oldRunning.startedAt, finishedAt: now } }
      : {};
    return {
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: true,
      started: true,
      restartCount,
      state: { running: { startedAt: now } },
      lastState,
    };
  });
  return {
    ...(pod.status ?? {}),
    phase: 'Running',
    startTime: pod.status?.startTime ?? startTime,
    conditions: withConditions(rebooted ? notReadyAfterReboot(pod.status) : pod.status, RUNNING_CONDITIONS, now),
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

/**
 * Every container terminated: exit 0 ("Completed") after a run or a graceful
 * stop → Succeeded; lost with the machine ("ContainerStatusUnknown", 137) → Failed.
 */
export function terminatedStatus(pod: Pod, now: string, how: 'completed' | 'lost'): PodStatus {
  const prev = previousStatuses(pod);
  const lost = how === 'lost';
  const containerStatuses = containers(pod).map((c) => {
    const old = prev.find((s) => s.name === c.name);
    const startedAt = (old?.state as { running?: { startedAt?: string } } | undefined)?.running?.startedAt;
    const terminated = lost
      ? { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was deleted.  The container used to be Running' }
      : { exitCode: 0, reason: 'Completed', ...(startedAt ? { startedAt } : {}), finishedAt: now };
    return {
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: false,
      started: false,
      restartCount: (old?.restartCount as number | undefined) ?? 0,
      state: { terminated },
      lastState: old?.lastState ?? {},
    };
  });
  const reason = 'PodCompleted';
  return {
    ...(pod.status ?? {}),
    phase: lost ? 'Failed' : 'Succeeded',
    conditions: withConditions(
      pod.status,
      [
        { type: 'PodReadyToStartContainers', status: 'False' },
        { type: 'Initialized', status: 'True', ...(lost ? {} : { reason }) },
        { type: 'Ready', status: 'False', reason: lost ? 'PodFailed' : reason },
        { type: 'ContainersReady', status: 'False', reason: lost ? 'PodFailed' : reason },
        { type: 'PodScheduled', status: 'True' },
      ],
      now,
    ),
    containerStatuses,
  };
}

/** rejectPod: phase Failed with the admission reason and `Pod was rejected: <message>`. */
export function rejectedStatus(pod: Pod, reason: string, message: string): PodStatus {
  return { ...(pod.status ?? {}), phase: 'Failed', reason, message: `Pod was rejected: ${message}` };
}

/** The pod's run duration in ms from its annotation, or undefined (runs until stopped). */
export function runDuration(pod: Pod): number | undefined {
  const raw = pod.metadata.annotations?.[RUN_DURATION_ANNOTATION];
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    return parseDuration(raw);
  } catch {
    return undefined;
  }
}

export const isTerminalPhase = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** The names of the pod's containers (for Killing / Created / Started events). */
export function containerNames(pod: Pod): string[] {
  return containers(pod).map((c) => c.name);
}
