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
 * visits nodes whose health can have changed (new Lease renewal or heartbeat,
 * grace expiring, not Ready, carrying NoExecute taints or queued), which gives
 * the same result as visiting all of them; a node is stale when
 * `now ≥ probe + grace` (upstream: `>`; its passes drift later by their own run
 * time, so the pass at exactly probe + grace already sees the node stale);
 * the label-reconciling part of the controller is not modelled.
 */
import { fromTimestamp } from '../../clock/time';
import type { Node, NodeCondition, Pod, Taint } from '../../model/types';
import type { Component, SimContext, TimerHandle, WatchEvent } from '../../sim/contracts';
import {
  NOT_READY_NOEXECUTE,
  UNREACHABLE_NOEXECUTE,
  computeZoneState,
  desiredNoScheduleTaints,
  getCondition,
  isExcludedFromDisruption,
  managedNoScheduleTaints,
  readyStatus,
  swapTaints,
  taintExists,
  taintSetDiff,
  zoneKey,
  type ZoneState,
} from './node-health';
import { updatePodCondition } from './pod-conditions';
import { NODE_EVICTION_PERIOD, RateLimitedTimedQueue, type ActionResult } from './rate-limited-queue';

export const NODE_CONTROLLER = 'node-controller';
const LEASE_NAMESPACE = 'kube-node-lease';
const UNKNOWN_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

type Status = NodeCondition['status'];

/** What the controller last saw of a node (upstream's nodeHealthData). */
interface NodeHealth {
  probe: number;
  readyTransition: number;
  /** The Ready condition of the status last saved; undefined when it had none. */
  saved?: NodeCondition;
  /** The renewTime of the Lease last saved; `lease: undefined` when none was saved. */
  lease?: { renewMs: number | undefined };
}

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
  private startedAt = 0;

  private readonly present = new Map<string, NodeInfo>();
  private readonly known = new Set<string>();
  private readonly health = new Map<string, NodeHealth>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly tainters = new Map<string, RateLimitedTimedQueue>();
  private readonly zoneCounts = new Map<string, { ready: number; notReady: number }>();

  /** Nodes whose Lease or Ready heartbeat changed since the last pass. */
  private readonly dirty = new Set<string>();
  /** deadline (ms) → nodes that go stale then unless probed again. */
  private readonly deadlines = new Map<number, Set<string>>();
  private readonly deadlineOf = new Map<string, number>();
  /** Nodes whose Ready condition is not True. */
  private readonly notReady = new Set<string>();
  /** Nodes carrying a NoExecute unreachable / not-ready taint, or sitting in a tainting queue. */
  private readonly needsReachable = new Set<string>();

  private readonly noSchedulePending = new Set<string>();
  private noScheduleTimer: TimerHandle | null = null;
  private readonly podsPending = new Map<string, { namespace: string; name: string }>();
  private podTimer: TimerHandle | null = null;
  private worker: TimerHandle | null = null;

  start(ctx: SimContext): void {
    this.ctx = ctx;
    this.startedAt = ctx.clock.now;
    for (const n of ctx.store.list<Node>('Node')) this.observeNode(n);
    ctx.store.watch((e) => this.onWatch(e));
    ctx.clock.every(ctx.config.nodeMonitorPeriod, 0, 'node-lifecycle: monitor node health', () => this.monitorNodeHealth());
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
    if (prev?.counted) this.count(prev.zone, prev.ready, -1);
    const info: NodeInfo = {
      uid: node.metadata.uid ?? '',
      zone: zoneKey(node),
      counted: !isExcludedFromDisruption(node),
      ready: readyStatus(node) === 'True',
    };
    this.present.set(name, info);
    if (info.counted) this.count(info.zone, info.ready, 1);
    if (info.ready) this.notReady.delete(name);
    else this.notReady.add(name);
    const taints = node.spec?.taints;
    if (taintExists(taints, UNREACHABLE_NOEXECUTE) || taintExists(taints, NOT_READY_NOEXECUTE)) this.needsReachable.add(name);
  }

  private forgetNode(name: string): void {
    const prev = this.present.get(name);
    if (prev?.counted) this.count(prev.zone, prev.ready, -1);
    this.present.delete(name);
    this.notReady.delete(name);
    this.needsReachable.delete(name);
    this.dirty.delete(name);
    this.setDeadline(name, undefined);
    this.health.delete(name);
    if (prev) this.tainters.get(prev.zone)?.remove(name);
  }

  private count(zone: string, ready: boolean, delta: number): void {
    let c = this.zoneCounts.get(zone);
    if (!c) {
      c = { ready: 0, notReady: 0 };
      this.zoneCounts.set(zone, c);
    }
    if (ready) c.ready += delta;
    else c.notReady += delta;
    if (c.ready === 0 && c.notReady === 0) this.zoneCounts.delete(zone);
  }

  // ---- the monitor pass ---------------------------------------------------------------

  private monitorNodeHealth(): void {
    const now = this.ctx.clock.now;
    const added = [...this.present.keys()].filter((n) => !this.known.has(n)).sort();
    const deleted = [...this.known].filter((n) => !this.present.has(n)).sort();
    for (const zone of [...this.zoneCounts.keys()].sort()) this.ensureZone(zone);
    for (const name of added) {
      this.nodeEvent(name, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      this.known.add(name);
      this.ensureZone(this.present.get(name)!.zone);
      this.markNodeAsReachable(name);
    }
    for (const name of deleted) {
      this.nodeEvent(name, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      this.known.delete(name);
    }

    const visit = new Set<string>([...added, ...this.dirty, ...this.notReady, ...this.needsReachable]);
    this.dirty.clear();
    for (const [deadline, names] of this.deadlines) {
      if (deadline > now) continue;
      for (const n of names) visit.add(n);
    }
    for (const name of [...visit].sort()) if (this.present.has(name)) this.updateNode(name);
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
      this.nodeEvent(name, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      this.markPodsNotReady(name, this.ctx.store.podsOnNode(name) as Pod[]);
    }
  }

  /** Upstream tryUpdateNodeHealth: returns the observed and the current Ready status. */
  private tryUpdateNodeHealth(node: Node): { observed: Status; current: Status | undefined } {
    const { clock, config } = this.ctx;
    const now = clock.now;
    const name = node.metadata.name ?? '';
    let h = this.health.get(name);
    const currentReady = getCondition(node, 'Ready');
    const created = fromTimestamp(node.metadata.creationTimestamp) ?? now;
    let observedCond: NodeCondition;
    let grace: number;
    if (!currentReady) {
      const ts = node.metadata.creationTimestamp;
      observedCond = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: ts, lastTransitionTime: ts };
      grace = config.nodeStartupGracePeriod;
      if (h) h.saved = undefined;
      else h = { probe: created, readyTransition: created };
    } else {
      observedCond = { ...currentReady };
      grace = config.nodeMonitorGracePeriod;
    }
    const saved = h?.saved;
    const savedLease = h?.lease;
    if (!h) {
      h = { probe: now, readyTransition: now, saved: currentReady };
    } else if ((!saved && currentReady) || (saved && !currentReady)) {
      h = { probe: now, readyTransition: now, saved: currentReady };
    } else if (saved && currentReady && saved.lastHeartbeatTime !== currentReady.lastHeartbeatTime) {
      const transition = saved.lastTransitionTime !== currentReady.lastTransitionTime ? now : h.readyTransition;
      h = { probe: now, readyTransition: transition, saved: currentReady };
    }
    const lease = this.ctx.store.get('Lease', LEASE_NAMESPACE, name);
    const renewMs = lease ? fromTimestamp((lease.spec as { renewTime?: string } | undefined)?.renewTime) : undefined;
    if (lease && (!savedLease || (savedLease.renewMs ?? -Infinity) < (renewMs ?? -Infinity))) {
      h.lease = { renewMs };
      h.probe = now;
    }
    this.health.set(name, h);
    this.setDeadline(name, h.probe + grace > now ? h.probe + grace : undefined);

    if (now >= h.probe + grace) {
      const nowTs = this.ctx.timestamp(now);
      const conditions = (node.status?.conditions ?? []).slice();
      for (const type of UNKNOWN_CONDITIONS) {
        const i = conditions.findIndex((c) => c && c.type === type);
        if (i < 0) {
          conditions.push({
            type,
            status: 'Unknown',
            reason: 'NodeStatusNeverUpdated',
            message: 'Kubelet never posted node status.',
            lastHeartbeatTime: node.metadata.creationTimestamp,
            lastTransitionTime: nowTs,
          });
        } else if (conditions[i].status !== 'Unknown') {
          conditions[i] = {
            ...conditions[i],
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: nowTs,
          };
        }
      }
      const ready = conditions.find((c) => c.type === 'Ready')!;
      if (!sameCondition(ready, observedCond)) {
        this.ctx.store.update<Node>({ ...node, status: { ...(node.status ?? {}), conditions } });
        h.saved = ready;
        h.readyTransition = now;
        if (lease) h.lease = { renewMs };
        return { observed: observedCond.status, current: ready.status };
      }
    }
    return { observed: observedCond.status, current: currentReady?.status };
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

  private markNodeForTainting(node: Node, status: Status): void {
    const name = node.metadata.name ?? '';
    const q = this.ensureZone(zoneKey(node));
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
      this.tainters.get(zoneKey(node))?.remove(name);
    }
    this.needsReachable.delete(name);
  }

  private swapNodeTaints(node: Node, add: Taint[], remove: Taint[]): boolean {
    const taints = swapTaints(node, add, remove, this.ctx.timestamp(this.ctx.clock.now));
    if (!taints) return false;
    this.ctx.store.update<Node>({ ...node, spec: { ...(node.spec ?? {}), taints } });
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
    for (const zone of [...this.tainters.keys()].sort()) {
      const q = this.tainters.get(zone)!;
      q.tryProcess(now, (name) => this.taintNode(name));
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

  private ensureZone(zone: string): RateLimitedTimedQueue {
    let q = this.tainters.get(zone);
    if (!q) {
      q = new RateLimitedTimedQueue(this.ctx.config.nodeEvictionRate, this.ctx.clock.now);
      this.tainters.set(zone, q);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    return q;
  }

  private handleDisruption(): void {
    const cfg = this.ctx.config;
    const now = this.ctx.clock.now;
    const zones = [...this.zoneCounts.keys()].sort();
    const newStates = new Map<string, ZoneState>();
    let allAre = true;
    for (const zone of zones) {
      const c = this.zoneCounts.get(zone)!;
      const state = computeZoneState(c.ready, c.notReady, cfg.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAre = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    let allWas = true;
    for (const zone of [...this.zoneStates.keys()].sort()) {
      if (!newStates.has(zone)) this.zoneStates.delete(zone);
      else if (this.zoneStates.get(zone) !== 'FullDisruption') allWas = false;
    }
    if (allAre && allWas) return;
    const size = (zone: string) => {
      const c = this.zoneCounts.get(zone);
      return c ? c.ready + c.notReady : 0;
    };
    if (allAre) {
      // Master disruption mode: the control plane is probably the problem.
      for (const name of [...this.present.keys()].sort()) this.markNodeAsReachable(name);
      for (const zone of this.zoneStates.keys()) {
        this.ensureZone(zone).swapLimiter(0, now);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWas) {
      // Leaving it: every node gets a fresh grace period.
      for (const name of [...this.present.keys()].sort()) {
        const h = this.health.get(name);
        if (!h) continue;
        h.probe = now;
        h.readyTransition = now;
        const grace = h.saved ? cfg.nodeMonitorGracePeriod : cfg.nodeStartupGracePeriod;
        this.setDeadline(name, now + grace);
      }
      for (const zone of [...this.zoneStates.keys()]) {
        this.setLimiterInZone(zone, size(zone), newStates.get(zone)!);
        this.zoneStates.set(zone, newStates.get(zone)!);
      }
      return;
    }
    for (const zone of [...this.zoneStates.keys()]) {
      const state = newStates.get(zone)!;
      if (this.zoneStates.get(zone) === state) continue;
      this.setLimiterInZone(zone, size(zone), state);
      this.zoneStates.set(zone, state);
    }
  }

  private setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const cfg = this.ctx.config;
    const q = this.ensureZone(zone);
    const now = this.ctx.clock.now;
    if (state === 'Normal' || state === 'FullDisruption') q.swapLimiter(cfg.nodeEvictionRate, now);
    else if (state === 'PartialDisruption') {
      q.swapLimiter(zoneSize > cfg.largeClusterSizeThreshold ? cfg.secondaryNodeEvictionRate : 0, now);
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

  private nodeEvent(name: string, reason: string, message: string): void {
    this.ctx.recorder.event({ kind: 'Node', metadata: { name } }, 'Normal', reason, message, NODE_CONTROLLER);
  }
}

/** Semantic equality of two node conditions (the fields a condition has). */
function sameCondition(a: NodeCondition, b: NodeCondition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    (a.reason ?? '') === (b.reason ?? '') &&
    (a.message ?? '') === (b.message ?? '') &&
    (a.lastHeartbeatTime ?? '') === (b.lastHeartbeatTime ?? '') &&
    (a.lastTransitionTime ?? '') === (b.lastTransitionTime ?? '')
  );
}
