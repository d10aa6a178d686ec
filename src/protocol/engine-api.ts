/**
 * The engine's API across the worker boundary (STYLE.md C6): one typed object,
 * implemented by worker/engine-host.ts, exposed by worker/engine.worker.ts through
 * Comlink and wrapped by ui/bridge/worker-client.ts. Everything that crosses is plain
 * data (structured clone); a method that fails rejects in the caller with a
 * user-facing message. Types only, plus the protocol version and the speeds.
 *
 * Frames are full, plain-object views. Across the worker they travel as a full frame
 * on load and per-frame diffs after it (protocol/frame-codec.ts, `WireEngineApi`
 * below), and the client rebuilds this same `Frame` shape (issue 4, DESIGN.md "Budgets"):
 * its `pods` come as transferred columns (protocol/pod-table.ts), built into PodFrame
 * objects when read.
 */
import type { Command, CommandResult, TimedCommand } from '../engine/commands';
import type { KubeObject, Taint } from '../engine/model/types';
import type { ExplainResult } from '../engine/scheduler/batch';
import type { CommandRecord } from '../engine/sim/simulation';
import type { UnsupportedKind } from '../scenario/import/import';
import type { DisruptionBudgetRow } from '../scenario/lessons/goals';
import type { KubeEvent } from '../engine/sim/contracts';
import type { EventPage, EventQuery } from './event-query';
import type { FramePacket } from './frame-codec';

/** Bumped on every incompatible change; hello() refuses a client that speaks another one. */
export const ENGINE_PROTOCOL_VERSION = 6;

/** Virtual seconds per real second that the clock can play at. */
export const SPEEDS = [1, 10, 60, 300] as const;
export type Speed = (typeof SPEEDS)[number];

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** Amounts in the units the DOM contract uses: cpu in millicores, memory in bytes, pods as a count. */
export interface ResourceAmounts {
  cpu: number;
  memory: number;
  pods: number;
}

export interface NodeFrame {
  name: string;
  /** As the UI shows it: the Ready condition True → Ready, False → NotReady, else Unknown. */
  status: 'Ready' | 'NotReady' | 'Unknown';
  /** Cordoned (spec.unschedulable). */
  unschedulable: boolean;
  /** Whether the machine has power (killNode turns it off; the API server learns it only later). */
  powered: boolean;
  /** From the `node-role.kubernetes.io/<role>` labels, sorted; empty for a plain worker. */
  roles: string[];
  /** The `topology.kubernetes.io/zone` label, or null. */
  zone: string | null;
  labels: Record<string, string>;
  taints: Taint[];
  allocatable: ResourceAmounts;
  /** Summed requests of the non-terminal pods bound to the node (what the scheduler counts). */
  requested: ResourceAmounts;
  /** Virtual ms of the kubelet's last sign of life (Lease renewal or Ready heartbeat), or null. */
  lastHeartbeat: number | null;
  /**
   * Virtual ms at which the node lifecycle controller sets Ready=Unknown unless the kubelet
   * is heard again (last heartbeat + node-monitor grace period, on the controller's passes);
   * null while the kubelet is alive and once Ready is Unknown.
   */
  readyUnknownAt: number | null;
  /** When the `node.kubernetes.io/unreachable:NoExecute` taint was added (virtual ms, its timeAdded), or null. */
  unreachableTaintedAt: number | null;
  /** The earliest pending taint-based eviction among the node's pods (virtual ms), or null. */
  evictionAt: number | null;
  /** The node's pressure conditions that are True (`MemoryPressure`, …), in the node's order (absent: none). */
  pressures?: string[];
}

export interface PodFrame {
  uid: string;
  namespace: string;
  name: string;
  phase: PodPhase;
  /** The node the pod is bound to, or null while it waits for the scheduler. */
  nodeName: string | null;
  /** Set while the pod is being deleted (Terminating). */
  deletionTimestamp: string | null;
  ready: boolean;
  /** The controller owning the pod (ownerReferences with controller: true), or null for a bare pod. */
  owner: { kind: string; name: string } | null;
  /** Effective requests (cpu in millicores, memory in bytes). */
  requests: { cpu: number; memory: number };
  /**
   * How long the pod stays on a node with the `node.kubernetes.io/unreachable:NoExecute`
   * taint: its tolerationSeconds in seconds, 'forever' when it tolerates the taint without a
   * limit (DaemonSet pods), 0 when it does not tolerate it.
   */
  unreachableToleration: number | 'forever';
  /** Virtual ms at which the taint eviction controller deletes the pod (pending eviction), or null. */
  evictionAt: number | null;
  /**
   * What kubectl's STATUS column shows instead of the phase because of a container's state
   * (`CrashLoopBackOff`, `Error`, `Completed`: a waiting or terminated reason), or null when
   * it shows the phase. (Optional so that frames built by hand, in tests, need not say it.)
   */
  containerReason?: string | null;
  /** kubectl's RESTARTS: the sum of the containers' restartCount (absent: 0). */
  restarts?: number;
  /**
   * kubectl's last restart (printPod's lastRestartDate): the newest `lastState.terminated.finishedAt`
   * of the containers, in virtual ms, or null; RESTARTS prints `3 (42s ago)` from it.
   */
  lastRestartAt?: number | null;
  /**
   * The newest `lastState.terminated` of the containers (kubectl describe's Last State: its
   * Reason and Exit Code, `OOMKilled` / 137), or null when no container has restarted (absent: null).
   */
  lastTermination?: { reason: string; exitCode: number } | null;
}

/** A pod waiting for a node, with where it sits in the scheduling queue and why. */
export interface QueuedPodFrame {
  namespace: string;
  name: string;
  /** The scheduler's queue holding it; null when no scheduler is responsible (another schedulerName). */
  queue: 'active' | 'backoff' | 'unschedulable' | 'gated' | null;
  /** PodScheduled=False's reason (`Unschedulable`, `SchedulerError`), or null before a failed attempt. */
  reason: string | null;
  /** Upstream's FailedScheduling text (`0/4 nodes are available: …`), or null. */
  message: string | null;
}

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'ReplicationController' | 'HorizontalPodAutoscaler';

/** A HorizontalPodAutoscaler's columns in `kubectl get hpa` (printHorizontalPodAutoscaler). */
export interface HpaColumns {
  /** spec.scaleTargetRef as `Kind/name`. */
  reference: string;
  /** Each metric as `cpu: 80%/50%` (current/target; `<unknown>` before a sample), joined by `, `. */
  targets: string;
  /** spec.minReplicas (absent: `<unset>`). */
  minPods: string;
  maxPods: number;
  /** status.currentReplicas. */
  replicas: number;
}

/** A CronJob's columns in `kubectl get cronjob` (printCronJob). */
export interface CronJobColumns {
  /** spec.schedule as written (`30 2 * * *`). */
  schedule: string;
  /** spec.timeZone, or null (kubectl prints `<none>`). */
  timeZone: string | null;
  /** spec.suspend (absent: false). */
  suspend: boolean;
  /** status.active's length: the Jobs it started that have not finished. */
  active: number;
  /** status.lastScheduleTime in virtual ms, or null (`<none>`); LAST SCHEDULE prints its age. */
  lastScheduleTime: number | null;
}

/** A workload controller's object with the counts `kubectl get` shows (from its status). */
export interface WorkloadFrame {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** spec.replicas (default 1); a DaemonSet's status.desiredNumberScheduled; a Job's spec.completions (default 1). */
  desired: number;
  /** Ready pods (readyReplicas, numberReady; a Job's status.ready). */
  ready: number;
  /** Available pods (availableReplicas, numberAvailable); for a Job, the pods that succeeded. */
  available: number;
  /** spec.selector as kubectl prints it (`app=web`), or `<none>`. */
  selector: string;
  /** Whether the `scale` command accepts this kind. */
  scalable: boolean;
  /** A CronJob's columns (kind CronJob only; its desired, ready and available are its active Jobs, 0 and 0). */
  cronJob?: CronJobColumns;
  /** A HorizontalPodAutoscaler's columns (kind HorizontalPodAutoscaler only; desired is its desiredReplicas). */
  hpa?: HpaColumns;
}

/** A Kubernetes Event; `id` is stable (first-occurrence order) so the UI can update it in place. */
export interface FrameEvent extends KubeEvent {
  id: number;
}

/** The cluster at one virtual time, pushed by the host at most once per tick. */
export interface Frame {
  /** Increases with every frame a host produces (across loads); the UI drops older ones. */
  seq: number;
  /** Virtual ms since the scenario started. */
  time: number;
  playing: boolean;
  speed: Speed;
  /** True on the first frame of a scenario (and from snapshot()): the view is replaced, not updated. */
  reset: boolean;
  /** Sorted by name. */
  nodes: NodeFrame[];
  /** Sorted by namespace/name. */
  pods: PodFrame[];
  /** The pods without a node (and not being deleted), sorted by namespace/name. */
  queue: QueuedPodFrame[];
  /**
   * A bounded window of the events (issue 4; the rest stay in the engine: EngineApi.events).
   * With `eventsReplace`, the cluster's newest events (at most FRAME_EVENT_LIMIT,
   * protocol/event-query.ts), replacing what the page held; otherwise the events new or
   * updated since the previous frame (same id: update in place). The engine host's own
   * snapshot() carries every event.
   */
  events: FrameEvent[];
  /** See `events`: true on a reset frame, and when more events changed than a frame carries. */
  eventsReplace: boolean;
  /** How many events the cluster has recorded (their ids run from 0 to eventCount − 1). */
  eventCount: number;
  /** Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and the ReplicaSets no Deployment owns, sorted by namespace/name/kind. */
  workloads: WorkloadFrame[];
  /**
   * The scenario's timeline commands that failed at their time (kubectl's stderr line in
   * `error`), oldest first, at most COMMAND_FAILURE_LIMIT of the newest; absent when none
   * has failed. A refused command the user dispatched is not here: dispatch() returned it.
   */
  commandFailures?: CommandFailure[];
  /**
   * What kubectl drain printed, every drain's lines in order (the engine's drain log: evicting
   * pods, 429 retries, `pod/<p> evicted`, `node/<n> drained`, `global timeout reached`), at most
   * DRAIN_LOG_LIMIT of the newest; absent before any drain printed anything. The host keeps the
   * same array while nothing new is printed, and a diff carries only the new lines.
   */
  drainLog?: DrainLine[];
  /**
   * The PodDisruptionBudgets, sorted by namespace/name, as `kubectl get pdb` shows them;
   * absent when there are none. The same array from frame to frame while none changed.
   */
  disruptionBudgets?: DisruptionBudgetFrame[];
}

/** A PodDisruptionBudget as a frame carries it: the lessons' goals read the same rows. */
export type DisruptionBudgetFrame = DisruptionBudgetRow;

/** One line kubectl drain printed, at its virtual time. */
export interface DrainLine {
  /** Counts the lines every drain of the scenario printed, from 0 (stable: the page keys by it). */
  index: number;
  /** Virtual ms. */
  time: number;
  /** The node drained. */
  node: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** The newest drain lines a frame carries. */
export const DRAIN_LOG_LIMIT = 200;

/** A timeline command that failed at its time. */
export interface CommandFailure {
  /** Counts the scenario's failed timeline commands from 0 (stable: the UI keys and dedupes by it). */
  index: number;
  /** Virtual ms. */
  time: number;
  action: Command['action'];
  /** What kubectl printed on stderr. */
  error: string;
}

/** The newest failed timeline commands a frame carries. */
export const COMMAND_FAILURE_LIMIT = 10;

/** What a subscriber receives: a frame, or an error the engine hit while playing (the clock then pauses). */
export type EnginePush = { type: 'frame'; frame: Frame } | { type: 'error'; seq: number; time: number; message: string };

export interface ScenarioSummary {
  /** The file name errors cite. */
  file: string;
  /** metadata.name of the Scenario object ('' when the file has none). */
  name: string;
  title?: string;
  description?: string;
  seed: number;
  /** The speed the scenario asks for, rounded to the nearest of SPEEDS. */
  speed: Speed;
  /** spec.controlPlane fields set to something other than upstream's default (the UI says so). */
  timingOverrides: string[];
  /** Kinds in the input that the simulation keeps (and exports) but does not model; absent when none. */
  unsupported?: UnsupportedKind[];
  /** Fields the real API schema does not have (kubectl apply would refuse their objects); kept; absent when none. */
  unknownFields?: UnknownFieldNote[];
  /** How many unknown fields there are in all, when there are more than unknownFields lists (it stops at 100); absent otherwise. */
  unknownFieldCount?: number;
  /** Controller owners the input's objects name but do not hold (worker/missing-owners.ts); absent when none. */
  missingOwners?: MissingOwner[];
}

/** A field of the input the real API schema does not have (scenario/fields/unknown-fields.ts). */
export interface UnknownFieldNote {
  /** `spec.template.spec.containers[0].resource`. */
  field: string;
  line: number;
  column: number;
  /** `Kind namespace/name`. */
  object: string;
  /** The field probably meant, as a path, or ''. */
  suggestion: string;
}

/** An owner named by objects' controller ownerReferences and absent from the input. */
export interface MissingOwner {
  kind: string;
  namespace: string;
  name: string;
  /** `Kind/name` of each object that names it. */
  dependents: string[];
  /** For a missing ReplicaSet: the Deployment whose selector its pods match (it makes a ReplicaSet and pods of its own). */
  deployment?: string;
}

/** What exportManifests() writes: the scenario, clean manifests for `kubectl apply`, or KWOK fake Nodes. */
export type ManifestExportKind = 'scenario' | 'clean' | 'kwok';

export interface LoadResult {
  scenario: ScenarioSummary;
  /** The cluster at time 0 once the scheduler and controllers have settled, paused. */
  frame: Frame;
}

/** The session so far: the objects (status included) and the commands applied. */
export interface ExportedState {
  time: number;
  objects: KubeObject[];
  commands: CommandRecord[];
}

/** A scenario plus the user's commands at their virtual times, replayed up to `time` (share links, autosave, undo). */
export interface SessionInput {
  scenarioText: string;
  /** The file name errors cite. */
  file?: string;
  commands: TimedCommand[];
  /** Virtual ms to advance to after the last command. */
  time: number;
}

/** The current session: enough to rebuild this exact state with loadSession(). */
export interface SessionExport extends SessionInput {
  file: string;
}

/** A digest of the canonical state (objects, events, time): equal exactly when two runs agree. */
export interface StateHash {
  hash: string;
  time: number;
}

/**
 * The engine as the worker exposes it. Methods may throw (a rejected promise across
 * the boundary); the message is meant for the user.
 */
export interface EngineApi {
  /** Version handshake: throws when `clientVersion` differs from ENGINE_PROTOCOL_VERSION (a stale bundle). */
  hello(clientVersion: number): { protocolVersion: number };
  /**
   * Replaces the cluster with the scenario in `yamlText` (Kubernetes YAML plus an
   * optional podscape.dev Scenario). Throws `file:line:column: field: message` on bad
   * input, keeping the previous cluster. The clock stops at time 0.
   */
  load(yamlText: string, file?: string): LoadResult;
  /** Applies a command now; a refused command returns `{ ok: false, error }` and changes nothing. */
  dispatch(command: Command): CommandResult;
  play(): void;
  pause(): void;
  setSpeed(speed: Speed): void;
  /** Advances the paused clock by `ms` (default: one real second at the current speed); returns the new frame. */
  step(ms?: number): Frame;
  /** The current state as a full frame (every event), or null before a scenario is loaded. */
  snapshot(): Frame | null;
  /**
   * A page of the event log from the engine, which keeps every event: the events matching
   * the filter, newest first (protocol/event-query.ts `newestFirst`), from `offset`, at
   * most `limit` (≤ MAX_EVENT_PAGE), with how many match. Throws before a scenario is loaded.
   */
  events(query: EventQuery): EventPage;
  /**
   * Why the pod `namespace/name` fits where it does: the scheduler's filter and score
   * table over the live cluster. A bound pod is evaluated as if unbound (what moving it
   * would face; `boundNode` names its node). Cheap (no copy of the cluster) and changes
   * nothing. Throws for an unknown pod.
   */
  explain(podKey: string, nodes?: string[]): ExplainResult;
  /**
   * One object as the API server returns it (what `kubectl get <kind> <name> -o yaml`
   * prints): a copy, status included, or null when there is none. `namespace` is
   * ignored for cluster-scoped kinds (Node).
   */
  getObject(kind: string, namespace: string | null, name: string): KubeObject | null;
  /**
   * The objects of `kind` in `namespace` (null: every namespace), as `kubectl get <kind> -o
   * yaml` lists them (copies, by name); with `ownerUid`, only those whose controller it is
   * (a Deployment's ReplicaSets, for the inspector).
   */
  listObjects(kind: string, namespace: string | null, ownerUid?: string): KubeObject[];
  exportState(): ExportedState;
  /**
   * Loads `session.scenarioText`, applies each command at its virtual time and advances
   * to `session.time`, paused. Throws naming the scenario line or the command at fault,
   * keeping the previous cluster.
   */
  loadSession(session: SessionInput): LoadResult;
  /** The scenario text and the user's successful commands so far, with the current time. */
  exportSession(): SessionExport;
  /** The state hash of the current cluster. */
  stateHash(): StateHash;
  /** The session as YAML text: the scenario (round-trips through load), clean manifests, or KWOK Nodes. */
  exportManifests(kind: ManifestExportKind): string;
  /** Calls `listener` with every frame and error from now on; returns an id for unsubscribe(). */
  subscribe(listener: (push: EnginePush) => void | Promise<void>): number;
  unsubscribe(id: number): void;
}

/**
 * The worker's side of the wire (protocol/frame-codec.ts): frames leave the worker only
 * as `WireMessage`s posted in order on the worker's own port, a full frame on load and
 * a diff otherwise, so a call's result never carries a frame: it names one the client
 * already rebuilt (`FrameRef`), which the same port delivered before the result.
 */
export interface FrameRef {
  frameSeq: number;
}

export type WireMessage =
  | { podscape: 'frame'; packet: FramePacket }
  | { podscape: 'error'; push: Extract<EnginePush, { type: 'error' }> };

export type WireEngineApi = Omit<EngineApi, 'load' | 'loadSession' | 'step' | 'snapshot'> & {
  load(yamlText: string, file?: string): { scenario: ScenarioSummary; frame: FrameRef };
  loadSession(session: SessionInput): { scenario: ScenarioSummary; frame: FrameRef };
  step(ms?: number): FrameRef;
  /** The last frame sent, or null before a scenario is loaded (its events stay in the worker: use events()). */
  snapshot(): FrameRef | null;
  /** The client has shown frame `seq` (back-pressure: see worker/wire-host.ts). */
  ack(seq: number): void;
  /**
   * Posts the last frame sent again, as a full frame with the same seq (null before a
   * scenario is loaded): a client that holds that frame keeps its own (the receiver times
   * the decode, bench/ui's warm full frames), one that lost its base takes it.
   */
  resync(): FrameRef | null;
};

/** What the client posts to the worker (outside Comlink) to acknowledge a frame. */
export interface WireAck {
  podscapeAck: number;
}

/**
 * The worker's name when the page's early start (index.html; adopted by
 * ui/bridge/early-engine.ts) wants the default scenario (bundled in the worker) loaded at
 * once, outside Comlink and before the version handshake (both come from the same build).
 * A name rather than a message: the worker reads it as soon as its code has run, while a
 * message posted before the worker started waits for the page's busy main thread to
 * forward it. The worker answers with a `WireBooted` after the load's frame.
 */
export const BOOT_DEFAULT_WORKER_NAME = 'podscape-engine boot-default';

export interface WireBooted {
  podscapeBooted: { scenario: ScenarioSummary; frame: FrameRef } | { error: string };
}
