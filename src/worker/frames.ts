/**
 * Builds Frames (protocol/engine-api.ts) from a running Simulation: the engine's
 * snapshot joined with the numbers the UI needs (requests, allocatable), the pending
 * pods with their queue and FailedScheduling message, and a bounded window of the
 * events (event-history.ts).
 */
import { drainLog } from '../engine/controllers/drain/drain';
import { UNREACHABLE_NOEXECUTE } from '../engine/controllers/node-lifecycle/node-health';
import { getMatchingTolerations, minTolerationTime } from '../engine/controllers/taint-eviction/taint-eviction-controller';
import { fromTimestamp } from '../engine/clock/time';
import { leaseTable } from '../engine/kubelet/lease-table';
import type { Node, Pod, Toleration } from '../engine/model/types';
import { podRequests } from '../engine/model/pod-requests';
import { resourceFromList } from '../engine/model/resource';
import type { Simulation } from '../engine/sim/simulation';
import { nodeView, podView } from '../engine/sim/views';
import { EventHistory } from './event-history';
import { BudgetFrames } from './budget-frames';
import { buildWorkloads } from './workload-frames';
import { COMMAND_FAILURE_LIMIT, DRAIN_LOG_LIMIT, type CommandFailure, type DrainLine, type NodeFrame, type PodFrame, type PodPhase, type QueuedPodFrame, type ResourceAmounts, type Speed, type Frame } from '../protocol/engine-api';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const ZONE_LABEL = 'topology.kubernetes.io/zone';
const PHASES: readonly string[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
const ZERO: ResourceAmounts = Object.freeze({ cpu: 0, memory: 0, pods: 0 });

const sameAmounts = (a: ResourceAmounts, b: ResourceAmounts) => a.cpu === b.cpu && a.memory === b.memory && a.pods === b.pods;

type QueueName = NonNullable<QueuedPodFrame['queue']>;
interface QueueSource {
  pendingPods(): Record<QueueName, string[]>;
}
/** The node lifecycle controller's deadline query. */
interface StaleSource {
  readyUnknownAt(node: string): number | undefined;
}
/** The taint eviction controller's pending deletions (`namespace/name` → when). */
interface EvictionSource {
  pendingEvictions(): ReadonlyMap<string, number>;
}

/** A node frame's fields that come from controller state, the clock or the pods, not from the stored node. */
type NodeLive = Pick<NodeFrame, 'powered' | 'requested' | 'lastHeartbeat' | 'readyUnknownAt' | 'evictionAt'>;
/** A node frame's fields derived from the stored node object alone, plus its Ready heartbeat. */
interface NodeBase {
  fields: Omit<NodeFrame, keyof NodeLive>;
  readyHeartbeat: number | undefined;
}

const hasMethod =
  <T extends object>(name: string) =>
  <C extends object>(c: C): c is C & T =>
    typeof (c as Record<string, unknown>)[name] === 'function';

/**
 * One per simulation: remembers what the previous frame carried (event counts) and
 * caches per-object frames and numbers. Stored objects are immutable (an update stores
 * a new object), so caching what derives from an object by its identity is exact; the
 * fields that come from controller state (pending evictions, the lifecycle deadline),
 * the Lease table or the pods are recomputed every frame and compared, and a frame
 * object is reused only while they are unchanged too.
 */
export class FrameBuilder {
  private readonly requests = new WeakMap<object, { cpu: number; memory: number }>();
  private readonly allocatable = new WeakMap<object, ResourceAmounts>();
  private readonly pods = new WeakMap<Pod, PodFrame>();
  private readonly nodes = new WeakMap<Node, NodeFrame>();
  private readonly nodeBases = new WeakMap<Node, NodeBase>();
  /** Every event, and what each frame carries of them. */
  readonly history: EventHistory;
  private readonly tolerations = new WeakMap<object, number | 'forever'>();
  private readonly queueSource: QueueSource | undefined;
  private readonly staleSource: StaleSource | undefined;
  private readonly evictionSource: EvictionSource | undefined;
  /** How many of sim.commands() were looked at, and the failed timeline commands among them (the newest kept). */
  private commandsSeen = 0;
  private failureCount = 0;
  private failures: CommandFailure[] = [];
  /** How many lines of the engine's drain log the frames carry so far, and the newest of them (replaced, never changed in place). */
  private drainSeen = 0;
  private drainLines: DrainLine[] | undefined;
  private readonly budgets: BudgetFrames;

  constructor(private readonly sim: Simulation) {
    this.history = new EventHistory(sim.recorder);
    this.budgets = new BudgetFrames(sim);
    this.queueSource = sim.components.find((c): c is typeof c & QueueSource => typeof (c as Partial<QueueSource>).pendingPods === 'function');
    this.staleSource = sim.components.find(hasMethod<StaleSource>('readyUnknownAt'));
    this.evictionSource = sim.components.find(hasMethod<EvictionSource>('pendingEvictions'));
  }

  /**
   * A frame of the current state. `full` makes it a reset frame carrying the newest
   * events (every event with `allEvents`, for snapshot(), which leaves what the next
   * frame carries as it was); otherwise it carries the events new or changed since the
   * previous frame built (EventHistory.forFrame).
   */
  build(seq: number, clock: { playing: boolean; speed: Speed }, full: boolean, allEvents = false): Frame {
    const sim = this.sim;
    const requested = new Map<string, ResourceAmounts>();
    const evicting = this.evictionsByPod();
    const evictions = new Map<string, number>();
    const storedPods = sim.store.list<Pod>('Pod');
    const pods: PodFrame[] = new Array<PodFrame>(storedPods.length);
    for (let i = 0; i < storedPods.length; i++) {
      const evictionAt = evicting?.get(storedPods[i]) ?? null;
      const pod = this.podFrame(storedPods[i], evictionAt);
      pods[i] = pod;
      if (evictionAt !== null && pod.nodeName) evictions.set(pod.nodeName, Math.min(evictionAt, evictions.get(pod.nodeName) ?? Infinity));
      if (pod.nodeName && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') {
        let sum = requested.get(pod.nodeName);
        if (!sum) requested.set(pod.nodeName, (sum = { cpu: 0, memory: 0, pods: 0 }));
        sum.cpu += pod.requests.cpu;
        sum.memory += pod.requests.memory;
        sum.pods += 1;
      }
    }
    const leases = leaseTable(sim.ctx);
    const nodes = sim.store.list<Node>('Node').map((node) => {
      const name = node.metadata.name!;
      const base = this.nodeBase(node);
      return this.nodeFrame(node, base, {
        powered: sim.nodeUp(name),
        requested: requested.get(name) ?? ZERO,
        lastHeartbeat: lastHeartbeat(leases.renewTime(name, sim.time), base.readyHeartbeat),
        readyUnknownAt: this.staleSource?.readyUnknownAt(name) ?? null,
        evictionAt: evictions.get(name) ?? null,
      });
    });

    return {
      seq,
      time: sim.time,
      playing: clock.playing,
      speed: clock.speed,
      reset: full,
      nodes,
      pods,
      queue: this.queue(storedPods),
      ...(allEvents ? { events: this.history.all(), eventCount: sim.recorder.all().length, eventsReplace: true } : this.history.forFrame(full)),
      workloads: buildWorkloads(sim),
      ...(this.commandFailures() ? { commandFailures: this.failures } : {}),
      ...(this.drainLog() ? { drainLog: this.drainLines } : {}),
      ...this.budgets.field(),
    };
  }

  /**
   * Looks at the commands applied since the last frame; true when any timeline command has
   * failed so far. The list is replaced (never changed in place) when one more fails, so an
   * unchanged list is the same array from frame to frame.
   */
  private commandFailures(): boolean {
    const log = this.sim.commands();
    let added: CommandFailure[] | null = null;
    for (; this.commandsSeen < log.length; this.commandsSeen++) {
      const record = log[this.commandsSeen];
      if (record.source !== 'timeline' || record.result.ok) continue;
      (added ??= []).push({ index: this.failureCount++, time: record.time, action: record.command.action, error: record.result.error });
    }
    if (added) this.failures = [...this.failures, ...added].slice(-COMMAND_FAILURE_LIMIT);
    return this.failures.length > 0;
  }

  /**
   * Takes in the lines kubectl drain printed since the last frame; true when any drain has
   * printed so far. A new array only when lines were added, so an unchanged log is the same
   * array from frame to frame (the wire sends nothing for it).
   */
  private drainLog(): boolean {
    const log = drainLog(this.sim.ctx);
    if (log.length > this.drainSeen) {
      const added = log.slice(this.drainSeen).map((line, i): DrainLine => ({ index: this.drainSeen + i, time: line.time, node: line.node, stream: line.stream, text: line.text }));
      this.drainSeen = log.length;
      this.drainLines = [...(this.drainLines ?? []), ...added].slice(-DRAIN_LOG_LIMIT);
    }
    return this.drainLines !== undefined;
  }

  /**
   * A pod's frame: everything but `evictionAt` depends on the stored pod object alone
   * (stored objects are immutable), so it is built once per object and reused while the
   * pending eviction is the same: unchanged pods keep their frame object, which is what
   * makes the wire's diff (protocol/frame-codec.ts) cheap.
   */
  private podFrame(stored: Pod, evictionAt: number | null): PodFrame {
    let frame = this.pods.get(stored);
    if (frame) {
      if (frame.evictionAt === evictionAt) return frame;
      frame = { ...frame, evictionAt };
      this.pods.set(stored, frame);
      return frame;
    }
    const view = podView(stored);
    frame = {
      uid: view.uid,
      namespace: view.namespace,
      name: view.name,
      phase: (PHASES.includes(view.phase) ? view.phase : 'Unknown') as PodPhase,
      nodeName: view.nodeName,
      deletionTimestamp: view.deletionTimestamp,
      ready: view.ready,
      owner: view.owner,
      requests: this.podRequests(stored),
      unreachableToleration: this.unreachableToleration(stored),
      evictionAt,
      ...containerStatusText(stored),
    };
    this.pods.set(stored, frame);
    return frame;
  }

  /** The pending taint-based evictions by stored pod (identity lookups in the pod loop), or null when there are none. */
  private evictionsByPod(): Map<Pod, number> | null {
    const pending = this.evictionSource?.pendingEvictions();
    if (!pending || pending.size === 0) return null;
    const out = new Map<Pod, number>();
    for (const [key, at] of pending) {
      const slash = key.indexOf('/');
      const pod = this.sim.store.get<Pod>('Pod', key.slice(0, slash), key.slice(slash + 1));
      if (pod) out.set(pod, at);
    }
    return out;
  }

  /** The part of a node's frame derived from the stored node alone, built once per object. */
  private nodeBase(stored: Node): NodeBase {
    let base = this.nodeBases.get(stored);
    if (base) return base;
    const view = nodeView(stored, false);
    base = {
      fields: {
        name: view.name,
        status: view.status,
        unschedulable: view.unschedulable,
        roles: rolesOf(view.labels),
        zone: view.labels[ZONE_LABEL] ?? null,
        labels: view.labels,
        taints: view.taints,
        allocatable: this.nodeAllocatable(stored),
        unreachableTaintedAt: fromTimestamp(view.taints.find((t) => t.key === UNREACHABLE_NOEXECUTE.key && t.effect === 'NoExecute')?.timeAdded) ?? null,
        pressures: view.conditions.filter((c) => c.status === 'True' && c.type.endsWith('Pressure')).map((c) => c.type),
      },
      readyHeartbeat: fromTimestamp(view.conditions.find((c) => c.type === 'Ready')?.lastHeartbeatTime),
    };
    this.nodeBases.set(stored, base);
    return base;
  }

  /** A node's frame: the previous object while the stored node and every live field are unchanged, else a new one. */
  private nodeFrame(stored: Node, base: NodeBase, live: NodeLive): NodeFrame {
    const cached = this.nodes.get(stored);
    if (
      cached &&
      cached.powered === live.powered &&
      sameAmounts(cached.requested, live.requested) &&
      cached.lastHeartbeat === live.lastHeartbeat &&
      cached.readyUnknownAt === live.readyUnknownAt &&
      cached.evictionAt === live.evictionAt
    ) {
      return cached;
    }
    const requested = cached && sameAmounts(cached.requested, live.requested) ? cached.requested : live.requested === ZERO ? { ...ZERO } : live.requested;
    const frame: NodeFrame = { ...base.fields, ...live, requested };
    this.nodes.set(stored, frame);
    return frame;
  }

  private podRequests(pod: Pod): { cpu: number; memory: number } {
    let r = this.requests.get(pod);
    if (!r) {
      // Admission rejected malformed quantities, so this does not throw for stored pods.
      const res = podRequests(pod);
      r = { cpu: res.milliCPU, memory: res.memory };
      this.requests.set(pod, r);
    }
    return r;
  }

  /** The taint eviction controller's rule for the unreachable NoExecute taint alone, per pod spec. */
  private unreachableToleration(pod: Pod): number | 'forever' {
    let r = this.tolerations.get(pod.spec);
    if (r === undefined) {
      r = unreachableToleration(pod.spec.tolerations);
      this.tolerations.set(pod.spec, r);
    }
    return r;
  }

  private nodeAllocatable(node: Node): ResourceAmounts {
    let r = this.allocatable.get(node);
    if (!r) {
      const res = resourceFromList(node.status?.allocatable);
      r = { cpu: res.milliCPU, memory: res.memory, pods: res.allowedPodNumber };
      this.allocatable.set(node, r);
    }
    return r;
  }

  private queue(pods: readonly Pod[]): QueuedPodFrame[] {
    const where = new Map<string, QueueName>();
    if (this.queueSource) {
      for (const [queue, keys] of Object.entries(this.queueSource.pendingPods()) as [QueueName, string[]][]) {
        for (const key of keys) where.set(key, queue);
      }
    }
    const out: QueuedPodFrame[] = [];
    for (const pod of pods) {
      if (pod.spec.nodeName || pod.metadata.deletionTimestamp) continue;
      const namespace = pod.metadata.namespace ?? 'default';
      const name = pod.metadata.name ?? '';
      const condition = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      out.push({
        namespace,
        name,
        queue: where.get(`${namespace}/${name}`) ?? null,
        reason: condition?.reason ?? null,
        message: condition?.message ?? null,
      });
    }
    return out;
  }
}

/** Seconds the tolerations allow on an unreachable node, 'forever', or 0 (evicted at once). */
export function unreachableToleration(tolerations: readonly Toleration[] | undefined): number | 'forever' {
  const { all, used } = getMatchingTolerations([UNREACHABLE_NOEXECUTE], tolerations);
  if (!all) return 0;
  const ms = minTolerationTime(used);
  return ms < 0 ? 'forever' : ms / 1000;
}

function lastHeartbeat(leaseRenewed: number | undefined, readyHeartbeat: number | undefined): number | null {
  if (leaseRenewed === undefined) return readyHeartbeat ?? null;
  return readyHeartbeat === undefined ? leaseRenewed : Math.max(leaseRenewed, readyHeartbeat);
}

function rolesOf(labels: Record<string, string>): string[] {
  return Object.keys(labels)
    .filter((key) => key.startsWith(ROLE_LABEL_PREFIX) && key.length > ROLE_LABEL_PREFIX.length)
    .map((key) => key.slice(ROLE_LABEL_PREFIX.length))
    .sort();
}

/**
 * kubectl's STATUS and RESTARTS for a pod's containers (kubectl's printPod): the last
 * container's waiting or terminated reason (`CrashLoopBackOff`, `Error`, `Completed`), else
 * `ExitCode:<n>`; `Completed` of a container beside a running, ready one is no reason. Null
 * when STATUS shows the phase. With them, printPod's lastRestartDate: the newest
 * `lastState.terminated.finishedAt` (virtual ms), which RESTARTS prints as `3 (42s ago)`. A pod-level status.reason
 * (Evicted, OutOfcpu) shows where no container state gives one. (Init containers and Terminating are
 * left to the phase and deletionTimestamp the frame has already.)
 */
export function containerStatusText(pod: Pod): {
  containerReason: string | null;
  restarts: number;
  lastRestartAt: number | null;
  lastTermination: { reason: string; exitCode: number } | null;
} {
  const list = pod.status?.containerStatuses;
  let restarts = 0;
  let lastRestartAt: number | null = null;
  let lastTermination: { reason: string; exitCode: number } | null = null;
  let reason: string | null = null;
  let running = false;
  if (Array.isArray(list)) {
    for (let i = list.length - 1; i >= 0; i--) {
      const c = list[i] as {
        restartCount?: unknown;
        ready?: unknown;
        state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number }; running?: unknown };
        lastState?: { terminated?: { finishedAt?: string; reason?: string; exitCode?: number } };
      } | null;
      if (!c) continue;
      if (typeof c.restartCount === 'number') restarts += c.restartCount;
      const last = c.lastState?.terminated;
      const finished = fromTimestamp(last?.finishedAt);
      if (finished !== undefined && (lastRestartAt === null || finished > lastRestartAt)) {
        lastRestartAt = finished;
        lastTermination = { reason: last?.reason ?? '', exitCode: last?.exitCode ?? 0 };
      }
      const st = c.state;
      if (st?.waiting?.reason) reason = st.waiting.reason;
      else if (st?.terminated?.reason) reason = st.terminated.reason;
      else if (st?.terminated) reason = `ExitCode:${st.terminated.exitCode ?? 0}`;
      else if (c.ready === true && st?.running) running = true;
    }
  }
  if (reason === 'Completed' && running) reason = null;
  // printPod starts from status.reason (Evicted, OutOfcpu, DeadlineExceeded …) when no container's state overrides it.
  else if (reason === null && typeof pod.status?.reason === 'string' && pod.status.reason !== '') reason = pod.status.reason;
  if (reason === pod.status?.phase) reason = null;
  return { containerReason: reason, restarts, lastRestartAt, lastTermination };
}
