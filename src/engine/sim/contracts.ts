/**
 * The contracts between the simulation's parts: the clock, the object store,
 * the event recorder, and the components (controllers, kubelets, scheduler)
 * that react to watch notifications on the virtual clock.
 *
 * Every component sees the cluster only through a SimContext: it reads and
 * writes objects in the store, schedules work on the clock, records events,
 * and draws randomness from the seeded generator.
 */
import type { KubeObject } from '../model/types';
import type { Rng } from '../random/rng';

/** Milliseconds of virtual time since the scenario started. */
export type VirtualTime = number;

export interface TimerHandle {
  readonly id: number;
}

/** A virtual clock: an event queue ordered by (time, sequence). */
/** Timers kept outside the clock (Clock.addLane): the earliest is run by `runHead`. */
export interface TimerLane {
  /** What its timers do, for diagnostics (a timer's label). */
  readonly label: string;
  /** The earliest item's time, Infinity when the lane is empty. */
  headTime(): VirtualTime;
  /** The earliest item's sequence number (from Clock.takeSeq). */
  headSeq(): number;
  /** Removes and runs the earliest item (the clock's `now` is its time). */
  runHead(): void;
  /** The earliest item's label, for diagnostics only (the clock's runaway error); default `label`. */
  headLabel?(): string;
}

export interface Clock {
  readonly now: VirtualTime;
  /** Runs `run` at virtual time `at` (≥ now). Ties run in scheduling order. */
  at(at: VirtualTime, label: string, run: () => void): TimerHandle;
  /** Runs `run` after `delay` ms. */
  after(delay: number, label: string, run: () => void): TimerHandle;
  /** Runs `run` every `period` ms, first at now + `phase`. */
  every(period: number, phase: number, label: string, run: () => void): TimerHandle;
  cancel(h: TimerHandle | null | undefined): void;
  /**
   * Runs a lane's items among the clock's own timers in (time, sequence) order, each as if it
   * were a timer scheduled when the lane took its sequence number (`takeSeq`). A lane keeps
   * many short-lived timers of one kind in its own small queue.
   */
  addLane?(lane: TimerLane): void;
  /** The sequence number a timer scheduled now would get (the next lane item's place among timers). */
  takeSeq?(): number;
  /**
   * Whether `lane`, from inside its `runHead`, may run its item at (time, seq) as well, in its
   * own loop: the clock would run it next (before every other timer and lane head, within the
   * running advance's target). The clock's `now` stays at the step it ran, so such an item
   * must not read it.
   */
  laneMayRun?(lane: TimerLane, time: VirtualTime, seq: number): boolean;
  /** Runs every timer due at or before `t`, in order, then sets now = t. */
  advanceTo(t: VirtualTime): void;
  /** The time of the next pending timer, or undefined. */
  peek(): VirtualTime | undefined;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly kind: string;
  /** The object after the change (for DELETED, the last state). */
  readonly object: KubeObject;
  /** The object before the change (MODIFIED only). */
  readonly old?: KubeObject;
  /**
   * The object's number among its kind's objects (ObjectStore sets it on every event; see
   * Store.idOf): the same on every event of one stored object, never held by two objects of
   * the kind that exist at once, and handed to a new object only after the DELETED event of
   * the one that had it was delivered. Lets a subscriber keep per-object state in an array
   * instead of a map keyed by name.
   */
  readonly id?: number;
}

/**
 * What a watcher reacts to, per kind (store/watch-interest.ts has the bits): `changes`, the
 * change bits (ADDED, DELETED, or for MODIFIED the parts that moved) of the events it acts
 * on; `controllers`, the kinds of controller ownerReference of the objects it acts on. A kind
 * left out, or a mask left out, means every event. The watcher promises that its handler
 * does nothing at all for an event outside its interest.
 */
export type WatchInterest = Readonly<Record<string, { readonly changes?: number; readonly controllers?: number }>>;

/**
 * The API server's storage: objects by kind and namespace/name, with
 * resourceVersion, uid, creationTimestamp, generated names, and watch
 * notifications delivered synchronously after each change (as informers
 * would, minus the latency).
 */
export interface Store {
  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined;
  /** Objects of a kind, sorted by namespace/name (deterministic). */
  list<T extends KubeObject>(kind: string, namespace?: string): T[];
  /** Pods bound to a node (spec.nodeName), sorted by namespace/name. */
  podsOnNode(node: string): KubeObject[];
  /** Objects whose ownerReferences name this uid. */
  ownedBy(uid: string): KubeObject[];
  /**
   * Creates an object: fills uid, resourceVersion, creationTimestamp, a generated name from generateName. Throws StoreError on a name clash.
   * Stores a deep copy of `obj`, or with `take`, `obj` itself: for an object built for this call, which the caller
   * no longer touches, sharing nothing and holding no undefined field (what the copy would drop).
   */
  create<T extends KubeObject>(obj: T, options?: { take?: boolean }): T;
  /**
   * Replaces an object (matched by kind/namespace/name) and bumps resourceVersion. With
   * `{ take: true }` the store keeps `obj` and its metadata object themselves instead of
   * copies: for a caller that built both fresh for this call and drops them.
   */
  update<T extends KubeObject>(obj: T, options?: { take?: boolean }): T;
  /** Removes an object from storage at once (a completed delete). */
  remove(kind: string, namespace: string | undefined, name: string): void;
  /**
   * Subscribes to every change, or with `kinds` only to changes of those kinds (the handler is
   * not called for any other kind); returns an unsubscribe function. Handlers that receive an
   * event receive it in subscription order. With `interest`, the handler is called only for
   * the events of a kind that meet its interest in that kind (see WatchInterest).
   */
  watch(handler: (e: WatchEvent) => void, kinds?: readonly string[], interest?: WatchInterest): () => void;
  /** The latest resourceVersion handed out: it moves with every write. */
  readonly resourceVersion: string;
  /** The number a stored object's watch events carry (WatchEvent.id), or undefined when there is no such object. */
  idOf(kind: string, namespace: string | undefined, name: string): number | undefined;
}

export interface EventSource {
  component: string;
  host?: string;
}

/** A Kubernetes Event (core/v1), aggregated like the client's event recorder. */
export interface KubeEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `Kind/namespace/name` (namespace empty for cluster-scoped objects). */
  object: string;
  /**
   * The part of the object the event is about (the reference's fieldPath), when it names one:
   * `spec.containers{<name>}` on the kubelet's container events. Events that differ only by it
   * are separate rows (client-go's event cache keys by it).
   */
  fieldPath?: string;
  source: string;
  count: number;
  /** Virtual ms of the first and last occurrence. */
  firstTime: VirtualTime;
  lastTime: VirtualTime;
  /**
   * When the row was last written to the API, where that is later than `lastTime`: a series
   * the scheduler's events.k8s.io broadcaster wrote on one of its loops (events/series.ts).
   * The API server's event TTL counts from the last write.
   */
  written?: VirtualTime;
}

export interface Recorder {
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string, fieldPath?: string): void;
  /** The process recording `source` events about `obj` restarted: later identical events start new rows (EventRecorder.restarted). */
  restarted?(obj: KubeObject, source: string): void;
  /** Every event so far, in first-occurrence order. */
  all(): readonly KubeEvent[];
}

/** Upstream defaults, overridable by a scenario's spec.controlPlane. All durations in ms. */
export interface ControlPlaneConfig {
  nodeMonitorPeriod: number; // 5 s
  nodeMonitorGracePeriod: number; // 50 s
  nodeStartupGracePeriod: number; // 60 s
  leaseDuration: number; // 40 s
  leaseRenewInterval: number; // 10 s
  nodeStatusUpdateFrequency: number; // 10 s
  nodeEvictionRate: number; // 0.1 nodes/s
  secondaryNodeEvictionRate: number; // 0.01 nodes/s
  unhealthyZoneThreshold: number; // 0.55
  largeClusterSizeThreshold: number; // 50
  defaultTolerationSeconds: number; // 300 (seconds, as the API field)
  terminationGracePeriodSeconds: number; // 30 (seconds)
  podGCPeriod: number; // 20 s
  podGCOrphanQuarantine: number; // 40 s
  /** --terminated-pod-gc-threshold: PodGC deletes the oldest Succeeded/Failed pods beyond this many (12500; 0 disables). */
  terminatedPodGCThreshold: number;
  podStartDelay: number; // kubelet: Pending → Running after this (simplification: 1 s)
  containerStopDelay: number; // kubelet: containers exit this long after SIGTERM (1 s)
  /** kubelet: a Node registered mid-run posts Ready=False (KubeletNotReady) and turns Ready this long after (1 s; 0: Ready at once). */
  nodeReadyDelay: number;
  podInitialBackoff: number; // scheduler 1 s
  podMaxBackoff: number; // scheduler 10 s
  unschedulableFlushPeriod: number; // 30 s
  podMaxInUnschedulablePodsDuration: number; // 5 m
  drainEvictRetry: number; // kubectl 5 s
  drainPollInterval: number; // kubectl 1 s
  jobBackoffBase: number; // 10 s
  jobBackoffMax: number; // 10 m
  /**
   * The MaxUnavailableStatefulSet feature gate: a StatefulSet's `rollingUpdate.maxUnavailable` defaulted and honoured.
   * Off, as in v1.36 (Podscape's baseline; it was on in v1.35.0–1.35.3 and is on again from v1.37).
   */
  maxUnavailableStatefulSet: boolean;
}

/** What every component gets. */
export interface SimContext {
  readonly clock: Clock;
  readonly store: Store;
  readonly recorder: Recorder;
  readonly rng: Rng;
  readonly config: ControlPlaneConfig;
  /** Virtual time as an RFC 3339 timestamp (for object fields like deletionTimestamp). */
  timestamp(t?: VirtualTime): string;
  /** Whether a node's machine is powered (killNode turns it off). */
  nodeUp(node: string): boolean;
}

/** A controller, kubelet manager or the scheduler: started once, then driven by watches and timers. */
export interface Component {
  readonly name: string;
  start(ctx: SimContext): void;
  /**
   * Optional: the scenario's objects are all stored and delivered (Simulation.load),
   * before any timer runs; a component may fill its caches from them now.
   * It must not write, draw random numbers or schedule timers.
   */
  loaded?(): void;
}

/** A component that must hear when a node's machine loses or regains power (kubelets). */
export interface PowerAware {
  onPower(node: string, up: boolean): void;
}

/**
 * Where each part lives (the Simulation wires them in this order):
 * - store/object-store.ts            ObjectStore implements Store (+ API-server admission on create)
 * - clock/virtual-clock.ts           VirtualClock implements Clock
 * - events/recorder.ts               EventRecorder implements Recorder
 * - sim/api.ts                       deletePod (graceful/force), the shared API-server verbs
 * - sim/config.ts                    defaultControlPlaneConfig(), parse overrides
 * - sim/simulation.ts                Simulation: load, dispatch, advanceTo, snapshot
 * - scheduler/scheduler-component.ts createSchedulerComponent(schedulerConfiguration?)
 * - kubelet/kubelet-manager.ts       createKubeletManager() (Component & PowerAware)
 * - controllers/<name>/<name>-controller.ts  createReplicaSetController(), createDeploymentController(),
 *     createDaemonSetController(), createStatefulSetController(), createJobController(),
 *     createNodeLifecycleController(), createTaintEvictionController(), createPodGCController(),
 *     createDisruptionController()
 * - controllers/eviction/eviction-api.ts    evictPod(ctx, namespace, name) → EvictionResult
 * - controllers/drain/drain.ts               startDrain(ctx, command) → CommandResult (kubectl drain on the clock)
 */
