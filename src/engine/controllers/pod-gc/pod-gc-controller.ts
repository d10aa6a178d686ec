/**
 * The pod garbage collector of kube-controller-manager
 * (kubernetes/kubernetes pkg/controller/podgc/gc_controller.go). Every
 * podGCPeriod (20 s) it:
 * - deletes the oldest terminated pods (Succeeded/Failed, evicted ones first)
 *   beyond the terminated-pod threshold (`controlPlane.terminatedPodGCThreshold`,
 *   upstream's --terminated-pod-gc-threshold, 12500; 0 turns the rule off);
 * - force-deletes terminating pods on a node that is not Ready and carries the
 *   `node.kubernetes.io/out-of-service` taint, after marking them Failed;
 * - puts the nodes that pods are bound to but that do not exist into a 40 s
 *   quarantine, and when a node is still missing after it, marks its pods Failed
 *   with DisruptionTarget=True `DeletionByPodGC` (`PodGC: node no longer exists`)
 *   and force-deletes them (so 40–60 s after the Node goes);
 * - force-deletes terminating pods that were never bound to a node.
 * PodGC records no events.
 *
 * Simplifications: instead of listing every pod on every pass it keeps, from
 * the watch, the few pods each rule can apply to (terminated, terminating,
 * bound to a missing node), which selects the same pods; the confirming GET of
 * a quarantined node is a store read.
 */
import type { Node, Pod, PodCondition } from '../../model/types';
import { fromTimestamp } from '../../clock/time';
import { deletePod } from '../../sim/api';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { Change } from '../../store/watch-interest';

/** Pod events onWatch acts on: an update with the same node, deletionTimestamp and phase returns at once. */
export const POD_GC_INTEREST = { Pod: { changes: Change.ADDED | Change.DELETED | Change.NODE_NAME | Change.DELETION | Change.PHASE } };
import { updatePodCondition } from '../node-lifecycle/pod-conditions';

export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

const ORPHAN_CONDITION: PodCondition = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'DeletionByPodGC',
  message: 'PodGC: node no longer exists',
};

/** `threshold` overrides the scenario's `terminatedPodGCThreshold` (tests). */
export function createPodGCController(threshold?: number): Component {
  return new PodGCController(threshold);
}

const keyOf = (pod: Pod) => `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
const isTerminated = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

class PodGCController implements Component {
  readonly name = 'pod-garbage-collector';
  private ctx!: SimContext;
  private readonly nodes = new Set<string>();
  private readonly terminated = new Set<string>();
  /** Terminating pods (deletionTimestamp set) that were never bound to a node. */
  private readonly unscheduledTerminating = new Set<string>();
  /** Nodes carrying the out-of-service taint. */
  private readonly outOfService = new Set<string>();
  /** Names of nodes some pod is bound to although no such Node exists. */
  private readonly missingNodes = new Set<string>();
  /** Quarantined node names → when they may be checked (upstream's delaying nodeQueue). */
  private readonly quarantine = new Map<string, number>();

  constructor(private readonly fixedThreshold: number | undefined) {}

  private get threshold(): number {
    return this.fixedThreshold ?? this.ctx.config.terminatedPodGCThreshold;
  }

  start(ctx: SimContext): void {
    this.ctx = ctx;
    for (const n of ctx.store.list<Node>('Node')) this.observeNode(n);
    for (const p of ctx.store.list<Pod>('Pod')) this.observePod(p);
    ctx.store.watch((e) => this.onWatch(e), ['Node', 'Pod'], POD_GC_INTEREST);
    ctx.clock.every(ctx.config.podGCPeriod, 0, 'pod-gc: collect', () => this.gc());
  }

  private onWatch(e: WatchEvent): void {
    if (e.kind === 'Node') {
      const name = e.object.metadata.name ?? '';
      if (e.type === 'DELETED') {
        this.nodes.delete(name);
        this.outOfService.delete(name);
        if (this.ctx.store.podsOnNode(name).length > 0) this.missingNodes.add(name);
      } else {
        this.observeNode(e.object as Node);
      }
    } else if (e.kind === 'Pod') {
      const pod = e.object as Pod;
      if (e.type === 'DELETED') {
        // Most pods leave without ever being in either set: no key to build.
        if (this.terminated.size === 0 && this.unscheduledTerminating.size === 0) return;
        const key = keyOf(pod);
        this.terminated.delete(key);
        this.unscheduledTerminating.delete(key);
        return;
      }
      const old = e.old as Pod | undefined;
      if (
        old &&
        old.spec?.nodeName === pod.spec?.nodeName &&
        old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp &&
        isTerminated(old) === isTerminated(pod)
      ) {
        return;
      }
      this.observePod(pod);
    }
  }

  private observeNode(node: Node): void {
    const name = node.metadata.name ?? '';
    this.nodes.add(name);
    if ((node.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE)) this.outOfService.add(name);
    else this.outOfService.delete(name);
  }

  private observePod(pod: Pod): void {
    const terminated = isTerminated(pod);
    const unscheduledTerminating = !!pod.metadata.deletionTimestamp && !pod.spec?.nodeName;
    // The key only when the pod joins a set or a set may hold it.
    if (terminated || unscheduledTerminating || this.terminated.size > 0 || this.unscheduledTerminating.size > 0) {
      const key = keyOf(pod);
      if (terminated) this.terminated.add(key);
      else this.terminated.delete(key);
      if (unscheduledTerminating) this.unscheduledTerminating.add(key);
      else this.unscheduledTerminating.delete(key);
    }
    const node = pod.spec?.nodeName;
    if (node && !this.nodes.has(node)) this.missingNodes.add(node);
  }

  private gc(): void {
    if (this.threshold > 0) this.gcTerminated();
    this.gcTerminating();
    this.gcOrphaned();
    this.gcUnscheduledTerminating();
  }

  private pods(keys: Iterable<string>): Pod[] {
    const out: Pod[] = [];
    for (const key of [...keys].sort()) {
      const i = key.indexOf('/');
      const pod = this.ctx.store.get<Pod>('Pod', key.slice(0, i), key.slice(i + 1));
      if (pod) out.push(pod);
    }
    return out;
  }

  private gcTerminated(): void {
    const excess = this.terminated.size - this.threshold;
    if (excess <= 0) return;
    const pods = this.pods(this.terminated).sort(byEvictionAndCreation);
    for (const pod of pods.slice(0, excess)) this.markFailedAndDelete(pod);
  }

  /** Terminating pods on not-Ready nodes with the out-of-service taint (only such nodes can have any). */
  private gcTerminating(): void {
    const pods: Pod[] = [];
    for (const name of [...this.outOfService].sort()) {
      const node = this.ctx.store.get<Node>('Node', undefined, name);
      if (!node || (node.status?.conditions ?? []).find((c) => c.type === 'Ready')?.status === 'True') continue;
      for (const pod of this.ctx.store.podsOnNode(name) as Pod[]) if (pod.metadata.deletionTimestamp) pods.push(pod);
    }
    pods.sort(byEvictionAndCreation);
    for (const pod of pods) this.markFailedAndDelete(pod);
  }

  private gcOrphaned(): void {
    const now = this.ctx.clock.now;
    for (const name of [...this.missingNodes].sort()) {
      if (this.nodes.has(name) || this.ctx.store.podsOnNode(name).length === 0) {
        this.missingNodes.delete(name);
        continue;
      }
      if (!this.quarantine.has(name)) this.quarantine.set(name, now + this.ctx.config.podGCOrphanQuarantine);
    }
    const deleted: string[] = [];
    for (const [name, readyAt] of [...this.quarantine].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (readyAt > now) continue;
      this.quarantine.delete(name);
      if (!this.ctx.store.get<Node>('Node', undefined, name)) deleted.push(name);
    }
    for (const name of deleted) {
      for (const pod of this.ctx.store.podsOnNode(name) as Pod[]) this.markFailedAndDelete(pod, ORPHAN_CONDITION);
    }
  }

  private gcUnscheduledTerminating(): void {
    for (const pod of this.pods(this.unscheduledTerminating)) if (!pod.spec.nodeName) this.markFailedAndDelete(pod);
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (plus the condition), then delete with grace 0. */
  private markFailedAndDelete(pod: Pod, condition?: PodCondition): void {
    let current = pod;
    if (!isTerminated(pod)) {
      let conditions = pod.status?.conditions;
      if (condition) conditions = updatePodCondition(conditions, condition, this.ctx.timestamp(this.ctx.clock.now)).conditions;
      current = this.ctx.store.update<Pod>({ ...pod, status: { ...(pod.status ?? {}), phase: 'Failed', ...(conditions ? { conditions } : {}) } });
    }
    deletePod(this.ctx, current, { gracePeriodSeconds: 0 });
  }
}

/** Evicted pods first, then oldest first, then by name (upstream's byEvictionAndCreationTimestamp). */
function byEvictionAndCreation(a: Pod, b: Pod): number {
  const ea = a.status?.phase === 'Failed' && a.status?.reason === 'Evicted';
  const eb = b.status?.phase === 'Failed' && b.status?.reason === 'Evicted';
  if (ea !== eb) return ea ? -1 : 1;
  const ta = fromTimestamp(a.metadata.creationTimestamp) ?? 0;
  const tb = fromTimestamp(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}
