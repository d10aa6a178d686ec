/**
 * Builds Frames (protocol/engine-api.ts) from a running Simulation: the engine's
 * snapshot joined with the numbers the UI needs (requests, allocatable), the pending
 * pods with their queue and FailedScheduling message, and the events new or updated
 * since the previous frame.
 */
import type { Node, Pod } from '../engine/model/types';
import { podRequests } from '../engine/model/pod-requests';
import { resourceFromList } from '../engine/model/resource';
import type { Simulation } from '../engine/sim/simulation';
import { nodeView, podView } from '../engine/sim/views';
import type { FrameEvent, NodeFrame, PodFrame, PodPhase, QueuedPodFrame, ResourceAmounts, Speed, Frame } from '../protocol/engine-api';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const ZONE_LABEL = 'topology.kubernetes.io/zone';
const PHASES: readonly string[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
const ZERO: ResourceAmounts = Object.freeze({ cpu: 0, memory: 0, pods: 0 });

const sameAmounts = (a: ResourceAmounts, b: ResourceAmounts) => a.cpu === b.cpu && a.memory === b.memory && a.pods === b.pods;

type QueueName = NonNullable<QueuedPodFrame['queue']>;
interface QueueSource {
  pendingPods(): Record<QueueName, string[]>;
}

/**
 * One per simulation: remembers what the previous frame carried (event counts) and
 * caches per-object frames and numbers. Stored objects are immutable (an update stores
 * a new object), so caching by object identity is exact.
 */
export class FrameBuilder {
  private readonly requests = new WeakMap<object, { cpu: number; memory: number }>();
  private readonly allocatable = new WeakMap<object, ResourceAmounts>();
  private readonly pods = new WeakMap<Pod, PodFrame>();
  private readonly nodes = new WeakMap<Node, NodeFrame>();
  /** Each event's count as of the last frame, by id (first-occurrence index). */
  private eventCounts: number[] = [];
  private readonly queueSource: QueueSource | undefined;

  constructor(private readonly sim: Simulation) {
    this.queueSource = sim.components.find((c): c is typeof c & QueueSource => typeof (c as Partial<QueueSource>).pendingPods === 'function');
  }

  /**
   * A frame of the current state. `full` puts every event in it; otherwise it carries
   * the events new or changed since the previous frame built.
   */
  build(seq: number, clock: { playing: boolean; speed: Speed }, full: boolean): Frame {
    const sim = this.sim;
    const requested = new Map<string, ResourceAmounts>();
    const storedPods = sim.store.list<Pod>('Pod');
    const pods: PodFrame[] = new Array<PodFrame>(storedPods.length);
    for (let i = 0; i < storedPods.length; i++) {
      const pod = this.podFrame(storedPods[i]);
      pods[i] = pod;
      if (pod.nodeName && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') {
        let sum = requested.get(pod.nodeName);
        if (!sum) requested.set(pod.nodeName, (sum = { cpu: 0, memory: 0, pods: 0 }));
        sum.cpu += pod.requests.cpu;
        sum.memory += pod.requests.memory;
        sum.pods += 1;
      }
    }
    const nodes = sim.store.list<Node>('Node').map((node) => this.nodeFrame(node, requested.get(node.metadata.name!) ?? ZERO));

    return {
      seq,
      time: sim.time,
      playing: clock.playing,
      speed: clock.speed,
      reset: full,
      nodes,
      pods,
      queue: this.queue(storedPods),
      events: full ? this.allEvents() : this.newEvents(),
    };
  }

  /**
   * A pod's frame depends on the stored pod object alone (stored objects are immutable),
   * so it is built once per object: unchanged pods keep their frame object, which is
   * what makes the wire's diff (protocol/frame-codec.ts) cheap. A field derived from
   * anything else (another object, the clock) does not belong in this cache.
   */
  private podFrame(stored: Pod): PodFrame {
    let frame = this.pods.get(stored);
    if (frame) return frame;
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
    };
    this.pods.set(stored, frame);
    return frame;
  }

  /** A node's frame: rebuilt when the stored node, its power or its requested sums change, else the previous object. */
  private nodeFrame(stored: Node, requested: ResourceAmounts): NodeFrame {
    const powered = this.sim.nodeUp(stored.metadata.name!);
    const cached = this.nodes.get(stored);
    if (cached && cached.powered === powered && sameAmounts(cached.requested, requested)) return cached;
    const view = nodeView(stored, powered);
    const frame: NodeFrame = {
      name: view.name,
      status: view.status,
      unschedulable: view.unschedulable,
      powered: view.powered,
      roles: rolesOf(view.labels),
      zone: view.labels[ZONE_LABEL] ?? null,
      labels: view.labels,
      taints: view.taints,
      allocatable: this.nodeAllocatable(stored),
      requested: requested === ZERO ? { ...ZERO } : requested,
    };
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

function rolesOf(labels: Record<string, string>): string[] {
  return Object.keys(labels)
    .filter((key) => key.startsWith(ROLE_LABEL_PREFIX) && key.length > ROLE_LABEL_PREFIX.length)
    .map((key) => key.slice(ROLE_LABEL_PREFIX.length))
    .sort();
}
