/**
 * Builds Frames (protocol/engine-api.ts) from a running Simulation: the engine's
 * snapshot joined with the numbers the UI needs (requests, allocatable), the pending
 * pods with their queue and FailedScheduling message, and the events new or updated
 * since the previous frame.
 */
import { UNREACHABLE_NOEXECUTE } from '../engine/controllers/node-lifecycle/node-health';
import { getMatchingTolerations, minTolerationTime } from '../engine/controllers/taint-eviction/taint-eviction-controller';
import { fromTimestamp } from '../engine/clock/time';
import { leaseTable } from '../engine/kubelet/lease-table';
import type { Node, Pod, Toleration } from '../engine/model/types';
import { podRequests } from '../engine/model/pod-requests';
import { resourceFromList } from '../engine/model/resource';
import type { Simulation } from '../engine/sim/simulation';
import { buildWorkloads } from './workload-frames';
import type { FrameEvent, NodeFrame, PodFrame, PodPhase, QueuedPodFrame, ResourceAmounts, Speed, Frame } from '../protocol/engine-api';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const ZONE_LABEL = 'topology.kubernetes.io/zone';
const PHASES: readonly string[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

type QueueName = NonNullable<QueuedPodFrame['queue']>;
interface QueueSource {
  pendingPods(): Record<QueueName, string[]>;
}
/** The node lifecycle controller's deadline query. */
interface StaleSource {
  readyUnknownAt(node: string): number | undefined;
}
/** The taint eviction controller's pending deletions. */
interface EvictionSource {
  evictionAt(namespace: string, name: string): number | undefined;
}

const hasMethod =
  <T extends object>(name: string) =>
  <C extends object>(c: C): c is C & T =>
    typeof (c as Record<string, unknown>)[name] === 'function';

/**
 * One per simulation: remembers what the previous frame carried (event counts) and
 * caches per-object numbers. Stored objects are immutable (an update stores a new
 * object), so caching by object identity is exact.
 */
export class FrameBuilder {
  private readonly requests = new WeakMap<object, { cpu: number; memory: number }>();
  private readonly allocatable = new WeakMap<object, ResourceAmounts>();
  /** Each event's count as of the last frame, by id (first-occurrence index). */
  private eventCounts: number[] = [];
  private readonly tolerations = new WeakMap<object, number | 'forever'>();
  private readonly queueSource: QueueSource | undefined;
  private readonly staleSource: StaleSource | undefined;
  private readonly evictionSource: EvictionSource | undefined;

  constructor(private readonly sim: Simulation) {
    this.queueSource = sim.components.find((c): c is typeof c & QueueSource => typeof (c as Partial<QueueSource>).pendingPods === 'function');
    this.staleSource = sim.components.find(hasMethod<StaleSource>('readyUnknownAt'));
    this.evictionSource = sim.components.find(hasMethod<EvictionSource>('evictionAt'));
  }

  /**
   * A frame of the current state. `full` puts every event in it; otherwise it carries
   * the events new or changed since the previous frame built.
   */
  build(seq: number, clock: { playing: boolean; speed: Speed }, full: boolean): Frame {
    const sim = this.sim;
    const snapshot = sim.snapshot();

    const requested = new Map<string, ResourceAmounts>();
    const evictions = new Map<string, number>();
    const storedPods: Pod[] = [];
    const pods: PodFrame[] = snapshot.pods.map((view) => {
      const stored = sim.store.get<Pod>('Pod', view.namespace, view.name)!;
      storedPods.push(stored);
      const requests = this.podRequests(stored);
      const phase = (PHASES.includes(view.phase) ? view.phase : 'Unknown') as PodPhase;
      if (view.nodeName && phase !== 'Succeeded' && phase !== 'Failed') {
        const sum = requested.get(view.nodeName) ?? { cpu: 0, memory: 0, pods: 0 };
        sum.cpu += requests.cpu;
        sum.memory += requests.memory;
        sum.pods += 1;
        requested.set(view.nodeName, sum);
      }
      const evictionAt = this.evictionSource?.evictionAt(view.namespace, view.name) ?? null;
      if (evictionAt !== null && view.nodeName) evictions.set(view.nodeName, Math.min(evictionAt, evictions.get(view.nodeName) ?? Infinity));
      return {
        uid: view.uid,
        namespace: view.namespace,
        name: view.name,
        phase,
        nodeName: view.nodeName,
        deletionTimestamp: view.deletionTimestamp,
        ready: view.ready,
        owner: view.owner,
        requests,
        unreachableToleration: this.unreachableToleration(stored),
        evictionAt,
      };
    });
    const leases = leaseTable(sim.ctx);

    const nodes: NodeFrame[] = snapshot.nodes.map((view) => ({
      name: view.name,
      status: view.status,
      unschedulable: view.unschedulable,
      powered: view.powered,
      roles: rolesOf(view.labels),
      zone: view.labels[ZONE_LABEL] ?? null,
      labels: view.labels,
      taints: view.taints,
      allocatable: this.nodeAllocatable(sim.store.get<Node>('Node', undefined, view.name)!),
      requested: requested.get(view.name) ?? { cpu: 0, memory: 0, pods: 0 },
      lastHeartbeat: lastHeartbeat(leases.renewTime(view.name, snapshot.time), view.conditions.find((c) => c.type === 'Ready')?.lastHeartbeatTime),
      readyUnknownAt: this.staleSource?.readyUnknownAt(view.name) ?? null,
      unreachableTaintedAt: fromTimestamp(view.taints.find((t) => t.key === UNREACHABLE_NOEXECUTE.key && t.effect === 'NoExecute')?.timeAdded) ?? null,
      evictionAt: evictions.get(view.name) ?? null,
    }));

    return {
      seq,
      time: snapshot.time,
      playing: clock.playing,
      speed: clock.speed,
      reset: full,
      nodes,
      pods,
      queue: this.queue(storedPods),
      events: full ? this.allEvents() : this.newEvents(),
      workloads: buildWorkloads(sim),
    };
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

  private allEvents(): FrameEvent[] {
    const all = this.sim.recorder.all();
    this.eventCounts = all.map((e) => e.count);
    return all.map((e, id) => ({ ...e, id }));
  }

  private newEvents(): FrameEvent[] {
    const all = this.sim.recorder.all();
    const counts = this.eventCounts;
    const out: FrameEvent[] = [];
    // Aggregation bumps an old event's count, so earlier events are checked too: O(events)
    // integer compares per frame, cheap next to building the pods.
    for (let id = 0; id < all.length; id++) {
      if (counts[id] !== all[id].count) {
        out.push({ ...all[id], id });
        counts[id] = all[id].count;
      }
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

function lastHeartbeat(leaseRenewed: number | undefined, readyHeartbeat: string | undefined): number | null {
  const heartbeat = fromTimestamp(readyHeartbeat);
  const times = [leaseRenewed, heartbeat].filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.max(...times) : null;
}

function rolesOf(labels: Record<string, string>): string[] {
  return Object.keys(labels)
    .filter((key) => key.startsWith(ROLE_LABEL_PREFIX) && key.length > ROLE_LABEL_PREFIX.length)
    .map((key) => key.slice(ROLE_LABEL_PREFIX.length))
    .sort();
}
