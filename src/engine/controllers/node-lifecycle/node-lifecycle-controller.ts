/**
 * The node lifecycle controller of kube-controller-manager
 * (kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go),
 * on the virtual clock. Every `nodeMonitorPeriod` it:
 * - registers new nodes (`RegisteredNode`) and forgets deleted ones (`RemovingNode`);
 * - stamps its own probe time when it sees a newer Lease renewTime or a new
 *   Ready heartbeat, and after the grace period (startup grace for a node that
 *   never posted Ready) sets Ready/MemoryPressure/DiskPressure/PIDPressure to
 *   Unknown, records `NodeNotReady` and marks every pod of the node Ready=False
 *   with a Warning `NodeNotReady`;
 * - queues a not-ready node for the NoExecute unreachable/not-ready taint in the
 *   pass that first *observes* the condition (so one period after the pass that
 *   wrote it), through a per-zone rate-limited queue drained every 100 ms;
 * - computes zone states (Normal / PartialDisruption / FullDisruption) and sets
 *   each zone's rate, entering master disruption mode (NoExecute taints removed
 *   everywhere, rates 0) when every zone is fully disrupted and giving every node
 *   a fresh grace period when it leaves it;
 * - removes the NoExecute taints of a node observed Ready again.
 * NoSchedule condition taints (and `unschedulable` for cordon) follow every
 * Node change at once. Pods bound later to a not-ready node are marked too.
 *
 * Simplifications: no API errors, so no retries (nodesToRetry); the pass only
 * visits nodes whose health can have changed (Lease written, status posted,
 * grace expiring, not Ready without its NoExecute taint yet, tainted while
 * Ready, queued), which gives the same result as visiting all of them; Lease
 * renewals are read from the kubelets' lease table (kubelet/lease-table.ts)
 * and a renewal counts as seen by the first pass at or after it, as a pass
 * over every node would see it; a node is stale when
 * `now ≥ probe + grace` (upstream: `>`; its passes drift later by their own run
 * time, so the pass at exactly probe + grace already sees the node stale);
 * the label-reconciling part of the controller is not modelled.
 */
import { leaseTable, type LeaseTable } from '../../kubelet/lease-table';
import type { Node, NodeCondition, Pod, Taint } from '../../model/types';
import type { Component, SimContext, TimerHandle, WatchEvent } from '../../sim/contracts';
import { Change } from '../../store/watch-interest';

/** Pod events onWatch acts on: a pod appearing or moving to a node (a status or deletion write keeps spec.nodeName). */
export const NODE_LIFECYCLE_INTEREST = { Pod: { changes: Change.ADDED | Change.NODE_NAME } };
import {
  NOT_READY_NOEXECUTE,
  UNREACHABLE_NOEXECUTE,
  desiredNoScheduleTaints,
  getCondition,
  isExcludedFromDisruption,
  managedNoScheduleTaints,
  readyStatus,
  swapTaints,
  taintExists,
  taintSetDiff,
  zoneKey,
} from './node-health';
import { updatePodCondition } from './pod-conditions';
import { NODE_EVICTION_PERIOD, type ActionResult } from './rate-limited-queue';
import { evaluateHealth, type NodeHealth } from './health';
import { Zones } from './zones';

export const NODE_CONTROLLER = 'node-controller';
const NONE: readonly string[] = [];
const LEASE_NAMESPACE = 'kube-node-lease';

type Status = NodeCondition['status'];

/** What the watch keeps about each existing node. */
interface NodeInfo {
  uid: string;
  zone: string;
  counted: boolean;
  ready: boolean;
}

export function createNodeLifecycleController(): Component {
  return new NodeLifecycleController();
}

class NodeLifecycleController implements Component {
  readonly name = 'node-lifecycle-controller';
  private ctx!: SimContext;
  private leases!: LeaseTable;
  private startedAt = 0;

  private readonly present = new Map<string, NodeInfo>();
  private readonly known = new Set<string>();
  /** The UID of each known node as the last pass saw it (RemovingNode names the deleted object's). */
  private readonly knownUid = new Map<string, string>();
  /** Nodes that appeared or disappeared since the last pass (candidates for added / deleted). */
  private readonly appeared = new Set<string>();
  private readonly disappeared = new Set<string>();
  private readonly health = new Map<string, NodeHealth>();
  private zones!: Zones;

  /** Nodes whose Lease or Ready heartbeat changed since the last pass. */
  private readonly dirty = new Set<string>();
  /** deadline (ms) → nodes that go stale then unless probed again. */
  private readonly deadlines = new Map<number, Set<string>>();
  private readonly deadlineOf = new Map<string, number>();
  /** Nodes whose Ready condition is not True. */
  private readonly notReady = new Set<string>();
  /** Nodes carrying a NoExecute unreachable / not-ready taint, or sitting in a tainting queue. */
  private readonly needsReachable = new Set<string>();
  /**
   * Not-ready nodes that already carry the NoExecute taint matching their Ready status:
   * a pass changes nothing for them unless they change (then they are dirty).
   */
  private readonly settled = new Set<string>();

  private readonly noSchedulePending = new Set<string>();
  private noScheduleTimer: TimerHandle | null = null;
  private readonly podsPending = new Map<string, { namespace: string; name: string }>();
  /** taintNode bound once (the tainting worker passes it to every zone queue every 100 ms). */
  private readonly taintNodeFn = (name: string): ActionResult => this.taintNode(name);
  private podTimer: TimerHandle | null = null;
  private worker: TimerHandle | null = null;

  start(ctx: SimContext): void {
    this.ctx = ctx;
    this.zones = new Zones(ctx.config);
    this.leases = leaseTable(ctx);
    this.startedAt = ctx.clock.now;
    for (const n of ctx.store.list<Node>('Node')) this.observeNode(n);
    ctx.store.watch((e) => this.onWatch(e), ['Node', 'Lease', 'Pod'], NODE_LIFECYCLE_INTEREST);
    ctx.clock.every(ctx.config.nodeMonitorPeriod, 0, 'node-lifecycle: monitor node health', () => this.monitorNodeHealth());
  }

  // ---- queries (for views; they change nothing) ----------------------------------------

  /**
   * When this controller will set the node's Ready condition to Unknown unless it hears
   * from the kubelet again: the first monitor pass at or after the probe time (the last
   * heartbeat or Lease renewal it has seen, or will see at its next pass) plus the grace
   * period. Undefined while the kubelet renews its Lease, and once Ready is Unknown.
   */
  readyUnknownAt(name: string): number | undefined {
    const node = this.ctx.store.get<Node>('Node', undefined, name);
    if (!node || !this.present.has(name) || this.leases.renewing(name)) return undefined;
    const ready = getCondition(node, 'Ready');
    if (!ready || ready.status === 'Unknown') return undefined;
    const now = this.ctx.clock.now;
    const h = this.health.get(name);
    let probe = h?.probe ?? this.firstPassAtOrAfter(now);
    if (h && h.saved?.lastHeartbeatTime !== ready.lastHeartbeatTime) probe = Math.max(probe, this.firstPassAtOrAfter(now));
    const renewed = this.leases.renewTime(name, now);
    if (renewed !== undefined && (h?.lease === undefined || h.lease < renewed)) probe = Math.max(probe, this.firstPassAtOrAfter(renewed));
    return this.firstPassAtOrAfter(probe + this.ctx.config.nodeMonitorGracePeriod);
  }

  // ---- watch ------------------------------------------------------------------------

  private onWatch(e: WatchEvent): void {
    if (e.kind === 'Node') {
      const node = e.object as Node;
      const name = node.metadata.name ?? '';
      if (e.type === 'DELETED') {
        this.forgetNode(name);
        return;
      }
      this.observeNode(node);
      const old = e.old as Node | undefined;
      const before = getCondition(old, 'Ready');
      const after = getCondition(node, 'Ready');
      if (!old || before?.lastHeartbeatTime !== after?.lastHeartbeatTime || !before !== !after) this.dirty.add(name);
      this.noSchedulePending.add(name);
      this.noScheduleTimer ??= this.ctx.clock.after(0, 'node-lifecycle: NoSchedule taints', () => this.noSchedulePass());
    } else if (e.kind === 'Lease') {
      if (e.type !== 'DELETED' && e.object.metadata.namespace === LEASE_NAMESPACE) this.dirty.add(e.object.metadata.name ?? '');
    } else if (e.kind === 'Pod' && e.type !== 'DELETED') {
      const pod = e.object as Pod;
      const nodeName = pod.spec?.nodeName;
      if (!nodeName || (e.old && (e.old as Pod).spec?.nodeName === nodeName)) return;
      const saved = this.health.get(nodeName)?.saved;
      if (!saved || saved.status === 'True') return;
      const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
      this.podsPending.set(key, { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' });
      this.podTimer ??= this.ctx.clock.after(0, 'node-lifecycle: pods bound to not-ready nodes', () => this.processPods());
    }
  }

  /** Keeps zone counts and the not-ready / tainted sets in step with the node object. */
  private observeNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const prev = this.present.get(name);
    if (prev?.counted) this.zones.count(prev.zone, prev.ready, -1);
    const info: NodeInfo = {
      uid: node.metadata.uid ?? '',
      zone: zoneKey(node),
      counted: !isExcludedFromDisruption(node),
      ready: readyStatus(node) === 'True',
    };
    this.present.set(name, info);
    if (!this.known.has(name)) this.appeared.add(name);
    if (info.counted) this.zones.count(info.zone, info.ready, 1);
    if (info.ready) this.notReady.delete(name);
    else this.notReady.add(name);
    const taints = node.spec?.taints;
    if (taintExists(taints, UNREACHABLE_NOEXECUTE) || taintExists(taints, NOT_READY_NOEXECUTE)) this.needsReachable.add(name);
    const status = readyStatus(node);
    if ((status === 'Unknown' && taintExists(taints, UNREACHABLE_NOEXECUTE)) || (status === 'False' && taintExists(taints, NOT_READY_NOEXECUTE))) {
      this.settled.add(name);
    } else {
      this.settled.delete(name);
    }
  }

  private forgetNode(name: string): void {
    const prev = this.present.get(name);
    if (prev?.counted) this.zones.count(prev.zone, prev.ready, -1);
    this.present.delete(name);
    this.appeared.delete(name);
    if (this.known.has(name)) this.disappeared.add(name);
    this.notReady.delete(name);
    this.needsReachable.delete(name);
    this.settled.delete(name);
    this.dirty.delete(name);
    this.setDeadline(name, undefined);
    this.health.delete(name);
    if (prev) this.zones.existingQueue(prev.zone)?.remove(name);
  }

  // ---- the monitor pass ---------------------------------------------------------------

  private monitorNodeHealth(): void {
    const now = this.ctx.clock.now;
    const added = this.appeared.size === 0 ? NONE : [...this.appeared].filter((n) => this.present.has(n) && !this.known.has(n)).sort();
    const deleted = this.disappeared.size === 0 ? NONE : [...this.disappeared].filter((n) => !this.present.has(n) && this.known.has(n)).sort();
    this.appeared.clear();
    this.disappeared.clear();
    this.zones.ensureQueues(now);
    for (const name of added) {
      const uid = this.present.get(name)!.uid;
      this.nodeEvent(name, uid, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      this.known.add(name);
      this.knownUid.set(name, uid);
      this.zones.queue(this.present.get(name)!.zone, now);
      this.markNodeAsReachable(name);
    }
    for (const name of deleted) {
      this.nodeEvent(name, this.knownUid.get(name) ?? '', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.knownUid.delete(name);
    }

    const visit = new Set<string>(added);
    for (const n of this.dirty) visit.add(n);
    for (const n of this.notReady) if (!this.settled.has(n) && !this.waiting(n)) visit.add(n);
    for (const n of this.needsReachable) if (!this.settled.has(n) && !this.waiting(n)) visit.add(n);
    this.dirty.clear();
    for (const [deadline, names] of this.deadlines) {
      if (deadline > now) continue;
      for (const n of names) visit.add(n);
    }
    if (visit.size > 0) for (const name of [...visit].sort()) if (this.present.has(name)) this.updateNode(name);
    this.handleDisruption();
  }

  /** One node of the pass: health, NoExecute tainting, NotReady marking. */
  private updateNode(name: string): void {
    const node = this.ctx.store.get<Node>('Node', undefined, name);
    if (!node) return;
    const { observed, current } = this.tryUpdateNodeHealth(node);
    if (current === undefined) return;
    this.processTaintBaseEviction(name, observed);
    if (current !== 'True' && observed === 'True') {
      this.nodeEvent(name, node.metadata.uid ?? '', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      this.markPodsNotReady(name, this.ctx.store.podsOnNode(name) as Pod[]);
    }
  }

  /** Upstream tryUpdateNodeHealth (see health.ts); writes the Unknown conditions when the grace is over. */
  private tryUpdateNodeHealth(node: Node): { observed: Status; current: Status | undefined } {
    const now = this.ctx.clock.now;
    const name = node.metadata.name ?? '';
    const r = evaluateHealth({
      node,
      health: this.health.get(name),
      now,
      nowTs: this.ctx.timestamp(now),
      renewed: this.leases.renewTime(name, now),
      firstPassAtOrAfter: (t) => this.firstPassAtOrAfter(t),
      config: this.ctx.config,
    });
    this.health.set(name, r.health);
    this.trackDeadline(name, r.health, r.grace);
    if (r.conditions) this.ctx.store.update<Node>({ ...node, status: { ...(node.status ?? {}), conditions: r.conditions } });
    return { observed: r.observed, current: r.current };
  }

  private firstPassAtOrAfter(t: number): number {
    const p = this.ctx.config.nodeMonitorPeriod;
    if (t <= this.startedAt) return this.startedAt;
    return this.startedAt + Math.ceil((t - this.startedAt) / p) * p;
  }

  /**
   * When the node must be looked at again even if nothing changes: when its
   * grace expires. A kubelet that renews more often than the grace period
   * allows never lets it expire; its Lease is written again when it stops.
   */
  private trackDeadline(name: string, h: NodeHealth, grace: number): void {
    const { config, clock } = this.ctx;
    const interval = this.leases.interval(name);
    const safe = this.leases.renewing(name) && interval !== undefined && interval + config.nodeMonitorPeriod < grace;
    const deadline = h.probe + grace;
    this.setDeadline(name, !safe && deadline > clock.now ? deadline : undefined);
  }

  private setDeadline(name: string, deadline: number | undefined): void {
    const old = this.deadlineOf.get(name);
    if (old === deadline) return;
    if (old !== undefined) {
      const s = this.deadlines.get(old);
      s?.delete(name);
      if (s && s.size === 0) this.deadlines.delete(old);
    }
    if (deadline === undefined) {
      this.deadlineOf.delete(name);
      return;
    }
    this.deadlineOf.set(name, deadline);
    let s = this.deadlines.get(deadline);
    if (!s) {
      s = new Set();
      this.deadlines.set(deadline, s);
    }
    s.add(name);
  }

  // ---- NoExecute tainting --------------------------------------------------------------

  private processTaintBaseEviction(name: string, observed: Status): void {
    const node = this.ctx.store.get<Node>('Node', undefined, name);
    if (!node) return;
    const taints = node.spec?.taints;
    if (observed === 'False') {
      if (taintExists(taints, UNREACHABLE_NOEXECUTE)) this.swapNodeTaints(node, [NOT_READY_NOEXECUTE], [UNREACHABLE_NOEXECUTE]);
      else this.markNodeForTainting(node, 'False');
    } else if (observed === 'Unknown') {
      if (taintExists(taints, NOT_READY_NOEXECUTE)) this.swapNodeTaints(node, [UNREACHABLE_NOEXECUTE], [NOT_READY_NOEXECUTE]);
      else this.markNodeForTainting(node, 'Unknown');
    } else {
      this.markNodeAsReachable(name);
    }
  }

  /** Whether the node waits in its zone's tainting queue (a pass would leave it there unchanged). */
  private waiting(name: string): boolean {
    const info = this.present.get(name);
    return !!info && !!this.zones.existingQueue(info.zone)?.isWaiting(name);
  }

  private markNodeForTainting(node: Node, status: Status): void {
    const name = node.metadata.name ?? '';
    const q = this.zones.queue(zoneKey(node), this.ctx.clock.now);
    // Upstream removes and re-adds a waiting node every pass; it keeps its place here.
    if (q.isWaiting(name)) return;
    const taints = node.spec?.taints;
    if (status === 'False' && !taintExists(taints, NOT_READY_NOEXECUTE)) q.remove(name);
    if (status === 'Unknown' && !taintExists(taints, UNREACHABLE_NOEXECUTE)) q.remove(name);
    if (q.add(name, node.metadata.uid ?? '', this.ctx.clock.now)) {
      this.needsReachable.add(name);
      this.ensureWorker();
    }
  }

  /** Removes both NoExecute taints and drops the node from its zone's queue. */
  private markNodeAsReachable(name: string): void {
    const node = this.ctx.store.get<Node>('Node', undefined, name);
    if (node) {
      this.swapNodeTaints(node, [], [UNREACHABLE_NOEXECUTE, NOT_READY_NOEXECUTE]);
      this.zones.existingQueue(zoneKey(node))?.remove(name);
    }
    this.needsReachable.delete(name);
  }

  private swapNodeTaints(node: Node, add: Taint[], remove: Taint[]): boolean {
    const taints = swapTaints(node, add, remove, this.ctx.timestamp(this.ctx.clock.now));
    if (!taints) return false;
    // An empty list is not stored: NodeSpec.taints is omitempty, so `kubectl get node -o yaml` shows no `taints: []`.
    const { taints: _, ...rest } = node.spec ?? {};
    this.ctx.store.update<Node>({ ...node, spec: taints.length > 0 ? { ...rest, taints } : rest });
    return true;
  }

  private ensureWorker(): void {
    if (this.worker) return;
    const now = this.ctx.clock.now;
    const next = this.startedAt + (Math.floor((now - this.startedAt) / NODE_EVICTION_PERIOD) + 1) * NODE_EVICTION_PERIOD;
    this.worker = this.ctx.clock.every(NODE_EVICTION_PERIOD, next - now, 'node-lifecycle: NoExecute tainting', () => this.noExecuteTaintingPass());
  }

  /** doNoExecuteTaintingPass: every 100 ms while some zone queue holds a node. */
  private noExecuteTaintingPass(): void {
    const now = this.ctx.clock.now;
    let pending = false;
    const queues = this.zones.allQueues();
    for (let i = 0; i < queues.length; i++) {
      const q = queues[i];
      q.tryProcess(now, this.taintNodeFn);
      pending ||= q.pending;
    }
    if (!pending) {
      this.ctx.clock.cancel(this.worker);
      this.worker = null;
    }
  }

  private taintNode(name: string): ActionResult {
    const node = this.ctx.store.get<Node>('Node', undefined, name);
    if (!node) return { done: true };
    const ready = getCondition(node, 'Ready');
    if (!ready) return { done: false, wait: 50 };
    if (ready.status === 'False') this.swapNodeTaints(node, [NOT_READY_NOEXECUTE], [UNREACHABLE_NOEXECUTE]);
    else if (ready.status === 'Unknown') this.swapNodeTaints(node, [UNREACHABLE_NOEXECUTE], [NOT_READY_NOEXECUTE]);
    return { done: true };
  }

  // ---- zones ------------------------------------------------------------------------

  private handleDisruption(): void {
    const cfg = this.ctx.config;
    const now = this.ctx.clock.now;
    const change = this.zones.handleDisruption(now);
    if (change === 'enter-master-disruption') {
      // Every zone is down: the control plane is probably the problem. No NoExecute taints anywhere.
      for (const name of [...this.present.keys()].sort()) this.markNodeAsReachable(name);
    } else if (change === 'exit-master-disruption') {
      // Leaving it: every node gets a fresh grace period.
      for (const name of [...this.present.keys()].sort()) {
        const h = this.health.get(name);
        if (!h) continue;
        h.probe = now;
        h.readyTransition = now;
        this.trackDeadline(name, h, h.saved ? cfg.nodeMonitorGracePeriod : cfg.nodeStartupGracePeriod);
      }
    }
  }

  // ---- NoSchedule taints, pods, events --------------------------------------------------

  /** doNoScheduleTaintingPass for every node changed since the last one. */
  private noSchedulePass(): void {
    this.noScheduleTimer = null;
    const names = [...this.noSchedulePending];
    this.noSchedulePending.clear();
    for (const name of names) {
      const node = this.ctx.store.get<Node>('Node', undefined, name);
      if (!node) continue;
      const { add, remove } = taintSetDiff(desiredNoScheduleTaints(node), managedNoScheduleTaints(node));
      if (add.length > 0 || remove.length > 0) this.swapNodeTaints(node, add, remove);
    }
  }

  /** processPod: a pod newly bound to a node last seen not Ready is marked not Ready. */
  private processPods(): void {
    this.podTimer = null;
    const items = [...this.podsPending.values()];
    this.podsPending.clear();
    for (const { namespace, name } of items) {
      const pod = this.ctx.store.get<Pod>('Pod', namespace, name);
      const nodeName = pod?.spec.nodeName;
      if (!pod || !nodeName) continue;
      const saved = this.health.get(nodeName)?.saved;
      if (!saved || !this.present.has(nodeName)) continue;
      if (saved.status !== 'True') this.markPodsNotReady(nodeName, [pod]);
    }
  }

  /** MarkPodsNotReady: Ready=False on each pod of the node (only that condition) and a Warning. */
  private markPodsNotReady(nodeName: string, pods: Pod[]): void {
    const nowTs = this.ctx.timestamp(this.ctx.clock.now);
    for (const pod of pods) {
      if (pod.spec.nodeName !== nodeName) continue;
      const ready = (pod.status?.conditions ?? []).find((c) => c && c.type === 'Ready');
      if (!ready) continue;
      const r = updatePodCondition(pod.status?.conditions, { ...ready, status: 'False' }, nowTs);
      if (!r.changed) continue;
      this.ctx.store.update<Pod>({ ...pod, status: { ...(pod.status ?? {}), conditions: r.conditions } });
      this.ctx.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready', NODE_CONTROLLER);
    }
  }

  /**
   * RecordNodeEvent / RecordNodeStatusChange: the reference carries the Node's UID, so the events
   * of a Node deleted and created again under its name open new rows (client-go's correlator keys
   * by the UID).
   */
  private nodeEvent(name: string, uid: string, reason: string, message: string): void {
    const ref = uid === '' ? { kind: 'Node', metadata: { name } } : { kind: 'Node', metadata: { name, uid } };
    this.ctx.recorder.event(ref, 'Normal', reason, message, NODE_CONTROLLER);
  }
}
