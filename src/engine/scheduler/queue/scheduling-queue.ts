/**
 * The scheduling queue, as upstream's PriorityQueue (backend/queue,
 * v1.36 defaults): activeQ ordered by the profile's QueueSort plugin,
 * backoffQ (plugin rejections) and errorBackoffQ (internal errors) ordered by
 * backoff expiry, and the unschedulable pool, where rejected and gated pods
 * wait for a cluster event one of their rejecting plugins says may help
 * (queueing hints) or for the periodic flush.
 *
 * Time is virtual (ms) and read through `now()`; the queue schedules
 * nothing itself: the owner runs `flushBackoffQCompleted` at
 * `nextBackoffFlushAt()` and `flushUnschedulablePodsLeftover` every 30 s.
 *
 * With `popFromBackoffQ` (SchedulerPopFromBackoffQ, beta and on by default
 * since v1.33) backoff expiries are aligned to 1 s windows and an idle
 * scheduler (empty activeQ) takes pods from backoffQ before their backoff
 * ends; errorBackoffQ pods always wait.
 */
import type { Labels } from '../../model/labels';
import type { KubeObject, Pod } from '../../model/types';
import type { QueuedPodInfo } from '../framework/interfaces';
import type { PodInfo } from '../framework/pod-info';
import * as names from '../plugins/names';
import {
  Action,
  EventAssignedPodAdd,
  EventUnschedulableTimeout,
  isWildCard,
  matchClusterEvents,
  podSchedulingPropertiesChange,
  type ClusterEvent,
} from './cluster-events';
import { Backoff, QueuedPod } from './backoff';
import { KeyedHeap } from './heap';
import { eventsToRegister, isEventOfInterest } from './queueing-hints';

/** Where a pod goes after a failure or an event (upstream queueingStrategy). */
export type QueueingStrategy = 'skip' | 'afterBackoff' | 'immediately';
export type QueueName = 'active' | 'backoff' | 'unschedulable';
export { BACKOFF_WINDOW, QueuedPod } from './backoff';

export interface QueueOptions {
  now(): number;
  /** The QueueSort plugin's less (upstream requires one QueueSort for all profiles). */
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
  /** ms; a KubeSchedulerConfiguration's podInitialBackoffSeconds (1 s). */
  podInitialBackoff: number;
  /** ms; podMaxBackoffSeconds (10 s). 0 disables backoff. */
  podMaxBackoff: number;
  /** ms; 5 min. */
  podMaxInUnschedulablePodsDuration: number;
  /** SchedulerPopFromBackoffQ; default true as upstream. */
  popFromBackoffQ?: boolean;
  /** Runs the pod's profile PreEnqueue plugins: the name of the first that gates the pod, or null. */
  preEnqueue(pod: PodInfo): string | null;
  /** Labels of a namespace, for matching affinity terms against an added pod. */
  namespaceLabels(ns: string): Labels;
  /** Every plugin of every profile (for the early "is any plugin interested" check). */
  plugins: Iterable<string>;
  /** Called after anything entered activeQ, backoffQ or the pool (the owner re-arms its timers). */
  onChange?(): void;
}

/**
 * Tests turn off skipping cluster events while no pod can take them (none in the pool, none in
 * flight; see SchedulingQueue.deaf), to compare.
 */
export const SKIP_WHEN_DEAF = { enabled: true };

interface InFlightEvent {
  event: ClusterEvent;
  oldObj?: KubeObject;
  newObj?: KubeObject;
}

export class SchedulingQueue {
  private readonly activeQ: KeyedHeap<QueuedPod>;
  private readonly backoffQ: KeyedHeap<QueuedPod>;
  private readonly errorBackoffQ: KeyedHeap<QueuedPod>;
  private readonly unschedulable = new Map<string, QueuedPod>();
  private readonly inFlight = new Map<string, QueuedPod>();
  private inFlightEvents: InFlightEvent[] = [];
  private readonly popFromBackoffQ: boolean;
  private readonly backoff: Backoff;
  private readonly pluginNames: readonly string[];

  constructor(private readonly opts: QueueOptions) {
    this.popFromBackoffQ = opts.popFromBackoffQ ?? true;
    this.backoff = new Backoff(opts.podInitialBackoff, opts.podMaxBackoff, this.popFromBackoffQ);
    this.pluginNames = [...new Set(opts.plugins)];
    const key = (q: QueuedPod) => q.key;
    const seqLess = (a: QueuedPod, b: QueuedPod) => a.podInfo.seq < b.podInfo.seq;
    this.activeQ = new KeyedHeap(key, (a, b) => opts.less(a, b));
    const byExpiry = (tie: (a: QueuedPod, b: QueuedPod) => boolean) => (a: QueuedPod, b: QueuedPod) => {
      const ea = this.backoffTime(a) ?? 0;
      const eb = this.backoffTime(b) ?? 0;
      return ea !== eb ? ea < eb : tie(a, b);
    };
    // Within one window, backoffQ pops in activeQ order (priority first).
    this.backoffQ = new KeyedHeap(key, byExpiry(this.popFromBackoffQ ? (a, b) => opts.less(a, b) : seqLess));
    this.errorBackoffQ = new KeyedHeap(key, byExpiry(seqLess));
  }

  // ---- adding, updating, deleting pending pods ----

  /** A new pending pod. */
  add(pi: PodInfo): void {
    if (this.where(pi.key) !== undefined) return;
    this.moveToActiveQ(new QueuedPod(pi, this.opts.now()), false);
    this.changed();
  }

  /**
   * A pending pod changed. In activeQ/backoffQ it is updated in place; in the
   * pool the change itself is a cluster event for its rejecting plugins; an
   * unknown pod is added.
   */
  update(oldPod: Pod, pi: PodInfo): void {
    const key = pi.key;
    const events = podSchedulingPropertiesChange(pi.pod, oldPod);
    const flying = this.inFlight.get(key);
    if (flying) {
      flying.podInfo = pi;
      for (const event of events) this.inFlightEvents.push({ event, oldObj: oldPod, newObj: pi.pod });
      return;
    }
    for (const heap of [this.activeQ, this.backoffQ, this.errorBackoffQ]) {
      const q = heap.get(key);
      if (q) {
        q.podInfo = pi;
        heap.fix(key);
        return;
      }
    }
    const q = this.unschedulable.get(key);
    if (!q) {
      this.moveToActiveQ(new QueuedPod(pi, this.opts.now()), false);
      this.changed();
      return;
    }
    q.podInfo = pi;
    for (const event of events) {
      const strategy = this.isPodWorthRequeuing(q, event, oldPod, pi.pod);
      if (strategy === 'skip') continue;
      this.unschedulable.delete(key);
      if (this.requeue(q, strategy) !== 'unschedulable') break;
    }
    this.changed();
  }

  /** The pod is gone, bound, or no longer this scheduler's. */
  delete(key: string): void {
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.errorBackoffQ.delete(key);
    this.unschedulable.delete(key);
    this.inFlight.delete(key);
    this.pruneInFlightEvents();
  }

  // ---- the scheduling cycle's side ----

  /** Whether a pop would return a pod now. */
  get hasWork(): boolean {
    return this.activeQ.size > 0 || (this.popFromBackoffQ && this.backoffQ.size > 0);
  }

  /** The next pod to schedule (activeQ head; else, when idle, the backoffQ head). It is in flight until done. */
  pop(): QueuedPod | undefined {
    let q = this.activeQ.pop();
    if (!q && this.popFromBackoffQ) q = this.backoffQ.pop();
    if (!q) return undefined;
    q.attempts++;
    q.unschedulablePlugins = new Set();
    q.pendingPlugins = new Set();
    q.gatingPlugin = null;
    q.inFlightFrom = this.inFlightEvents.length;
    this.inFlight.set(q.key, q);
    return q;
  }

  /** The pod's cycle ended (bound, or dropped). */
  done(key: string): void {
    this.inFlight.delete(key);
    this.pruneInFlightEvents();
  }

  /**
   * The pod's cycle failed: it goes back to the pool, or to backoffQ/activeQ
   * if an event during its cycle may help or no plugin rejected it (an error).
   */
  addUnschedulable(q: QueuedPod, unschedulablePlugins: ReadonlySet<string>, pendingPlugins: ReadonlySet<string> = new Set()): QueueName {
    const events = this.inFlight.has(q.key) ? this.inFlightEvents.slice(q.inFlightFrom) : [];
    this.inFlight.delete(q.key);
    this.pruneInFlightEvents();
    q.unschedulablePlugins = new Set(unschedulablePlugins);
    q.pendingPlugins = new Set(pendingPlugins);
    if (q.unschedulablePlugins.size === 0 && q.pendingPlugins.size === 0) {
      q.consecutiveErrorsCount++;
    } else {
      q.unschedulableCount++;
      q.consecutiveErrorsCount = 0;
    }
    q.timestamp = this.opts.now();
    q.backoffExpiration = undefined;
    const where = this.requeue(q, this.hintForInFlightPod(q, events));
    this.changed();
    return where;
  }

  // ---- cluster events ----

  /**
   * Whether a cluster event can change nothing here now: only pods in the pool move on one,
   * and only an in-flight pod's cycle records one; with neither, moveAll, assignedPodAdded
   * and assignedPodUpdated do nothing (isEventOfInterest only gates them), so callers may
   * skip working out the events at all. Most of a node-kill recovery runs so: every
   * replacement fits, and the kubelets' and controllers' writes come between cycles.
   */
  get deaf(): boolean {
    return SKIP_WHEN_DEAF.enabled && this.unschedulable.size === 0 && this.inFlight.size === 0;
  }

  /** Moves the pool's pods that a rejecting plugin says the event may help (upstream MoveAllToActiveOrBackoffQueue). */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj?: KubeObject, newObj?: KubeObject, preCheck?: (q: QueuedPod) => boolean): void {
    if (this.deaf || !isEventOfInterest(event, this.pluginNames)) return;
    const list: QueuedPod[] = [];
    for (const q of this.unschedulable.values()) if (!preCheck || preCheck(q)) list.push(q);
    this.movePods(list, event, oldObj, newObj);
  }

  /** A pod was bound somewhere: only pods whose affinity or spreading it may satisfy are considered. */
  assignedPodAdded(pod: Pod): void {
    if (this.deaf) return;
    this.movePods(this.podsWithCrossTopologyTerm(pod), EventAssignedPodAdd, undefined, pod);
  }

  assignedPodUpdated(oldPod: Pod, newPod: Pod, event: ClusterEvent): void {
    if (this.deaf) return;
    if ((event.action & Action.UpdatePodScaleDown) !== 0) this.moveAllToActiveOrBackoffQueue(event, oldPod, newPod);
    else this.movePods(this.podsWithCrossTopologyTerm(newPod), event, oldPod, newPod);
  }

  // ---- periodic flushes ----

  /** When the backoff flush would next move a pod (on the 1 s grid), or undefined. */
  nextBackoffFlushAt(): number | undefined {
    let at: number | undefined;
    for (const heap of [this.backoffQ, this.errorBackoffQ]) {
      const head = heap.peek();
      if (!head) continue;
      const bt = this.backoffTime(head) ?? this.opts.now();
      // Aligned: the window after the expiry's; otherwise the first 1 s tick at or after it.
      const t = this.backoff.flushTimeFor(bt);
      if (at === undefined || t < at) at = t;
    }
    return at;
  }

  /** Moves every pod whose backoff completed to activeQ (upstream flushBackoffQCompleted). */
  flushBackoffQCompleted(): void {
    for (const heap of [this.backoffQ, this.errorBackoffQ]) {
      for (let head = heap.peek(); head && !this.isBackingOff(head); head = heap.peek()) {
        heap.pop();
        this.moveToActiveQ(head, true);
      }
    }
    this.changed();
  }

  /** Moves pods that sat in the pool longer than podMaxInUnschedulablePodsDuration (upstream, every 30 s). */
  flushUnschedulablePodsLeftover(): void {
    const now = this.opts.now();
    const list: QueuedPod[] = [];
    for (const q of this.unschedulable.values()) {
      if (now - q.timestamp > this.opts.podMaxInUnschedulablePodsDuration) list.push(q);
    }
    if (list.length > 0) this.movePods(list, EventUnschedulableTimeout);
  }

  // ---- inspection ----

  where(key: string): QueueName | 'inFlight' | undefined {
    if (this.activeQ.has(key)) return 'active';
    if (this.backoffQ.has(key) || this.errorBackoffQ.has(key)) return 'backoff';
    if (this.unschedulable.has(key)) return 'unschedulable';
    if (this.inFlight.has(key)) return 'inFlight';
    return undefined;
  }

  get(key: string): QueuedPod | undefined {
    return (
      this.activeQ.get(key) ??
      this.backoffQ.get(key) ??
      this.errorBackoffQ.get(key) ??
      this.unschedulable.get(key) ??
      this.inFlight.get(key)
    );
  }

  get unschedulableCount(): number {
    return this.unschedulable.size;
  }

  /** Pending pods by queue, each list sorted by key (for snapshots and tests). */
  pendingPods(): { active: string[]; backoff: string[]; unschedulable: string[]; gated: string[] } {
    const keys = (it: Iterable<QueuedPod>) => [...it].map((q) => q.key).sort();
    const pool = [...this.unschedulable.values()];
    return {
      active: keys(this.activeQ.list()),
      backoff: keys([...this.backoffQ.list(), ...this.errorBackoffQ.list()]),
      unschedulable: keys(pool.filter((q) => !q.gated)),
      gated: keys(pool.filter((q) => q.gated)),
    };
  }

  /** The backoff expiry (virtual ms), or undefined when the pod has none. */
  backoffTime(q: QueuedPod): number | undefined {
    return this.backoff.expiry(q);
  }

  /** initial · 2^(count−1), capped at max. */
  backoffDuration(count: number): number {
    return this.backoff.duration(count);
  }

  isBackingOff(q: QueuedPod): boolean {
    return this.backoff.isBackingOff(q, this.opts.now());
  }

  // ---- internals ----

  private changed(): void {
    this.opts.onChange?.();
  }

  /** Runs PreEnqueue unless the pod comes straight from backoffQ; a gated pod goes to the pool. */
  private moveToActiveQ(q: QueuedPod, fromBackoffQ: boolean): boolean {
    if (!(this.popFromBackoffQ && fromBackoffQ) && !this.runPreEnqueue(q)) {
      this.unschedulable.set(q.key, q);
      return false;
    }
    q.initialAttemptTimestamp ??= this.opts.now();
    this.unschedulable.delete(q.key);
    this.backoffQ.delete(q.key);
    this.errorBackoffQ.delete(q.key);
    this.activeQ.addOrUpdate(q);
    return true;
  }

  private moveToBackoffQ(q: QueuedPod): boolean {
    if (this.popFromBackoffQ && !this.runPreEnqueue(q)) {
      this.unschedulable.set(q.key, q);
      return false;
    }
    this.unschedulable.delete(q.key);
    if (q.unschedulablePlugins.size === 0 && q.pendingPlugins.size === 0) this.errorBackoffQ.addOrUpdate(q);
    else this.backoffQ.addOrUpdate(q);
    return true;
  }

  /** false when a PreEnqueue plugin gates the pod (recorded as its gating and rejecting plugin). */
  private runPreEnqueue(q: QueuedPod): boolean {
    const gate = this.opts.preEnqueue(q.podInfo);
    if (gate === null) {
      q.gatingPlugin = null;
      return true;
    }
    q.gatingPlugin = gate;
    q.unschedulablePlugins.add(gate);
    return false;
  }

  /** upstream requeuePodWithQueueingStrategy. */
  private requeue(q: QueuedPod, strategy: QueueingStrategy): QueueName {
    if (strategy === 'skip') {
      this.unschedulable.set(q.key, q);
      return 'unschedulable';
    }
    if (strategy === 'afterBackoff' && this.isBackingOff(q)) return this.moveToBackoffQ(q) ? 'backoff' : 'unschedulable';
    return this.moveToActiveQ(q, false) ? 'active' : 'unschedulable';
  }

  private movePods(list: readonly QueuedPod[], event: ClusterEvent, oldObj?: KubeObject, newObj?: KubeObject): void {
    if (!isEventOfInterest(event, this.pluginNames)) return;
    let moved = false;
    for (const q of list) {
      // A gated pod only moves on events its gating plugin registered (or a wildcard).
      if (q.gated && !isWildCard(event) && !eventsToRegister(q.gatingPlugin!).some((r) => matchClusterEvents(r.event, event))) continue;
      const strategy = this.isPodWorthRequeuing(q, event, oldObj, newObj);
      if (strategy === 'skip') continue;
      this.unschedulable.delete(q.key);
      this.requeue(q, strategy);
      moved = true;
    }
    if (this.inFlight.size > 0) this.inFlightEvents.push({ event, oldObj, newObj });
    if (moved) this.changed();
  }

  /** Asks the hints of the pod's rejecting plugins only (upstream isPodWorthRequeuing). */
  private isPodWorthRequeuing(q: QueuedPod, event: ClusterEvent, oldObj?: KubeObject, newObj?: KubeObject): QueueingStrategy {
    const rejectors = new Set([...q.unschedulablePlugins, ...q.pendingPlugins]);
    if (rejectors.size === 0) return 'afterBackoff';
    if (isWildCard(event)) {
      // A wildcard aimed at one pod (ForceActivate for a preemptor) leaves the others.
      if (newObj && newObj.kind === 'Pod' && newObj.metadata.uid !== undefined && newObj.metadata.uid !== q.podInfo.uid) return 'skip';
      return 'afterBackoff';
    }
    let strategy: QueueingStrategy = 'skip';
    for (const plugin of rejectors) {
      for (const r of eventsToRegister(plugin)) {
        if (!matchClusterEvents(r.event, event)) continue;
        if (r.hint && !r.hint(q.podInfo, oldObj, newObj)) continue;
        if (q.pendingPlugins.has(plugin)) return 'immediately';
        if (q.pendingPlugins.size === 0) return 'afterBackoff';
        strategy = 'afterBackoff';
      }
    }
    return strategy;
  }

  /** Events seen while the pod was being scheduled decide where it goes (upstream determineSchedulingHintForInFlightPod). */
  private hintForInFlightPod(q: QueuedPod, events: readonly InFlightEvent[]): QueueingStrategy {
    if (q.unschedulablePlugins.size === 0 && q.pendingPlugins.size === 0) return 'afterBackoff';
    let strategy: QueueingStrategy = 'skip';
    for (const e of events) {
      const s = this.isPodWorthRequeuing(q, e.event, e.oldObj, e.newObj);
      if (s === 'immediately') return s;
      if (s === 'afterBackoff') {
        strategy = s;
        if (q.pendingPlugins.size === 0) return s;
      }
    }
    return strategy;
  }

  /** Pool pods rejected by PodTopologySpread in the pod's namespace, or with an affinity term the pod matches. */
  private podsWithCrossTopologyTerm(pod: Pod): QueuedPod[] {
    const ns = pod.metadata.namespace ?? 'default';
    let nsLabels: Labels | null = null;
    const out: QueuedPod[] = [];
    for (const q of this.unschedulable.values()) {
      if (q.unschedulablePlugins.has(names.PodTopologySpread) && q.podInfo.namespace === ns) {
        out.push(q);
        continue;
      }
      for (const t of q.podInfo.requiredAffinityTerms) {
        nsLabels ??= this.opts.namespaceLabels(ns);
        if ((t.namespaces.has(ns) || t.namespaceSelector.matches(nsLabels)) && t.selector.matches(pod.metadata.labels)) {
          out.push(q);
          break;
        }
      }
    }
    return out;
  }

  private pruneInFlightEvents(): void {
    if (this.inFlight.size === 0) {
      this.inFlightEvents = [];
      return;
    }
    let min = this.inFlightEvents.length;
    for (const q of this.inFlight.values()) min = Math.min(min, q.inFlightFrom);
    if (min > 0) {
      this.inFlightEvents = this.inFlightEvents.slice(min);
      for (const q of this.inFlight.values()) q.inFlightFrom -= min;
    }
  }
}
