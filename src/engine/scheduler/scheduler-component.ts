/**
 * kube-scheduler as a component of the simulation: informers keep a
 * Snapshot and the listers in step with the store, pending pods wait in the
 * scheduling queue, and one pod is scheduled per cycle on the virtual clock
 * (a cycle takes no virtual time). Mirrors upstream's scheduler.go,
 * eventhandlers.go and schedule_one.go's handleSchedulingFailure.
 *
 * Success: the pod is bound through the store (pods/binding) and a Normal
 * `Scheduled` event recorded. Failure: a Warning `FailedScheduling` event,
 * PodScheduled=False (reason Unschedulable, or SchedulerError for an
 * internal error) with the full message, status.nominatedNodeName set or
 * cleared as PostFilter decided; preemption victims get DisruptionTarget,
 * a graceful delete and a Normal `Preempted` event, after the preemptor's
 * failure is handled (upstream's preemption is asynchronous).
 */
import type { Pod } from '../model/types';
import { Rng } from '../random/rng';
import { bindPod, deletePod, setCondition } from '../sim/api';
import type { Component, SimContext, TimerHandle } from '../sim/contracts';
import { deepClone } from '../store/clone';
import { StoreError } from '../store/object-store';
import { DEFAULT_SCHEDULER_NAME, resolveConfig, type Registry, type ResolvedConfig } from './framework/config';
import { truncateEventMessage } from './framework/fit-error';
import type { ClusterActions } from './framework/interfaces';
import { PodInfo } from './framework/pod-info';
import { Snapshot } from './framework/snapshot';
import { Code, Status, type MaybeStatus } from './framework/status';
import { explainCycle, frameworkForExplain, unboundCopy, UnknownPodError, withoutAssignedPod, type ExplainResult } from './explain';

export type { ExplainResult } from './explain';
import { SchedulerInformers } from './informers';
import { inTreeRegistry } from './plugins/registry';
import { SchedulingQueue, type QueuedPod } from './queue/scheduling-queue';
import { Scheduler, type CycleResult } from './schedule-one';

export interface SchedulerComponentOptions {
  /**
   * SchedulerPopFromBackoffQ (beta, on by default since v1.33): an idle
   * scheduler takes pods from backoffQ before their backoff ends, and backoff
   * expiries align to 1 s windows. false gives the older strict backoff.
   */
  popFromBackoffQ?: boolean;
  registry?: Registry;
}

/** What the scheduler component offers besides Component (for snapshots, the UI and tests). */
export interface SchedulerComponent extends Component {
  /** Pending pods by queue, each sorted by namespace/name. */
  pendingPods(): { active: string[]; backoff: string[]; unschedulable: string[]; gated: string[] };
  /** The nominated node of a pending pod, as the scheduler holds it. */
  nominatedNodeOf(podKey: string): string | undefined;
  /**
   * Why the pod `namespace/name` (pending, bound as if unbound, or finished)
   * fits where it does, over the scheduler's live snapshot (explain.ts). A
   * query: the simulation goes on exactly as without it.
   */
  explain(podKey: string, options?: { nodes?: readonly string[]; seed?: number }): ExplainResult;
}

export function createSchedulerComponent(schedulerConfiguration?: unknown, options: SchedulerComponentOptions = {}): SchedulerComponent {
  const registry = options.registry ?? inTreeRegistry();
  // Resolve now, so a bad configuration fails when the simulation is built.
  const config = resolveConfig(schedulerConfiguration, registry);
  return new KubeScheduler(config, registry, schedulerConfiguration, options);
}

/** Tests turn the load-time preparation (KubeScheduler.loaded) off, to compare. */
export const LOAD_PREPARE = { enabled: true };

/** Preemption's requests, carried out after the cycle that made them. */
type Action =
  | { kind: 'evict'; victim: PodInfo; preemptor: PodInfo; node: string }
  | { kind: 'clearNomination'; pod: PodInfo };

import { bindPodVolumes } from './plugins/volume-binding/bind-volumes';
import type { VolumePlan } from './plugins/volume-binding/binder';

const PREEMPTED_MESSAGE = (schedulerName: string) => `${schedulerName}: preempting to accommodate a higher priority pod`;

class KubeScheduler implements SchedulerComponent, ClusterActions {
  readonly name = 'kube-scheduler';
  private ctx!: SimContext;
  private scheduler!: Scheduler;
  private queue!: SchedulingQueue;
  private informers!: SchedulerInformers;
  private actions: Action[] = [];
  private cycleTimer: TimerHandle | null = null;
  private backoffTimer: { handle: TimerHandle; at: number } | null = null;
  private flushTimer: TimerHandle | null = null;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly registry: Registry,
    private readonly raw: unknown,
    private readonly options: SchedulerComponentOptions,
  ) {}

  start(ctx: SimContext): void {
    this.ctx = ctx;
    const snapshot = new Snapshot();
    // A generator of its own: other components' draws never shift the scheduler's tie-breaks.
    const rng = new Rng(ctx.rng.nextUint32());
    // The listers read the informers, which need the scheduler's nominator: bound late.
    const listers = {
      namespaceLabels: (ns: string) => this.informers.namespaceLabels(ns),
      services: (ns: string) => this.informers.services(ns),
      replicaSets: (ns: string) => this.informers.replicaSets(ns),
      statefulSets: (ns: string) => this.informers.statefulSets(ns),
      replicationControllers: (ns: string) => this.informers.replicationControllers(ns),
      workloadByName: (kind: 'ReplicaSet' | 'StatefulSet' | 'ReplicationController', ns: string, name: string) => this.informers.workloadByName(kind, ns, name),
      podDisruptionBudgets: (ns: string) => this.informers.podDisruptionBudgets(ns),
      persistentVolumeClaim: (ns: string, name: string) => this.informers.persistentVolumeClaim(ns, name),
      storageClass: (name: string) => this.informers.storageClass(name),
      persistentVolume: (name: string) => this.informers.persistentVolume(name),
      persistentVolumes: () => this.informers.persistentVolumes(),
    };
    this.scheduler = new Scheduler(this.config, this.registry, { snapshot, listers, cluster: this, rng });
    const frameworks = [...this.scheduler.frameworks.values()];
    const sort = frameworks[0].queueSortPlugins[0];
    const plugins = new Set<string>();
    for (const f of frameworks) for (const name of f.pluginsMap.keys()) plugins.add(name);
    const raw = (this.raw ?? {}) as Record<string, unknown>;
    this.queue = new SchedulingQueue({
      now: () => ctx.clock.now,
      less: (a, b) => sort.less(a, b),
      podInitialBackoff: raw.podInitialBackoffSeconds !== undefined ? this.config.podInitialBackoffSeconds * 1000 : ctx.config.podInitialBackoff,
      podMaxBackoff: raw.podMaxBackoffSeconds !== undefined ? this.config.podMaxBackoffSeconds * 1000 : ctx.config.podMaxBackoff,
      podMaxInUnschedulablePodsDuration: ctx.config.podMaxInUnschedulablePodsDuration,
      popFromBackoffQ: this.options.popFromBackoffQ ?? true,
      preEnqueue: (pi) => this.scheduler.frameworkFor(pi)?.runPreEnqueuePlugins(pi)?.plugin ?? null,
      namespaceLabels: (ns) => this.informers.namespaceLabels(ns),
      plugins,
      onChange: () => this.armTimers(),
    });
    const informers = new SchedulerInformers({
      store: ctx.store,
      snapshot,
      queue: this.queue,
      nominator: this.scheduler.nominator,
      responsibleFor: (pod) => this.scheduler.frameworks.has(pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME),
    });
    this.informers = informers;
    informers.initialSync();
    ctx.store.watch((e) => informers.handle(e));
    this.armTimers();
  }

  /**
   * The loaded cluster is in the informers' snapshot: its node lists and label postings,
   * and the plugins' per-node indexes over them (`prepare`), are built now rather than
   * in the first cycle. Caches only: every cycle reads what it would have built.
   */
  loaded(): void {
    if (!LOAD_PREPARE.enabled) return;
    const snapshot = this.scheduler.snapshot;
    snapshot.prepare();
    for (const f of this.scheduler.frameworks.values()) {
      for (const p of f.pluginsMap.values()) (p as { prepare?: (s: Snapshot) => void }).prepare?.(snapshot);
    }
  }

  pendingPods() {
    return this.queue.pendingPods();
  }

  nominatedNodeOf(podKey: string): string | undefined {
    return this.scheduler.nominator.nominatedNodeOf(podKey);
  }

  explain(podKey: string, options: { nodes?: readonly string[]; seed?: number } = {}): ExplainResult {
    const slash = podKey.indexOf('/');
    const stored = slash < 0 ? undefined : this.ctx.store.get<Pod>('Pod', podKey.slice(0, slash), podKey.slice(slash + 1));
    if (!stored) throw new UnknownPodError(`pod ${podKey} not found`);
    // A fresh PodInfo of the stored pod without its node; the bound original (if any) leaves its node meanwhile.
    const pi = new PodInfo(stored.spec.nodeName ? unboundCopy(stored) : stored);
    const { fwk, fallback } = frameworkForExplain(this.scheduler, pi);
    const rng = new Rng(options.seed ?? 0);
    // The snapshot finds a pod the informers recorded by its store number.
    const num = this.ctx.store.idOf('Pod', stored.metadata.namespace, stored.metadata.name ?? '') ?? -1;
    const result = withoutAssignedPod(
      this.scheduler.snapshot,
      pi.key,
      () => explainCycle(this.scheduler, fwk, pi, { nodes: options.nodes, scoreSingle: true, rng }),
      num,
    );
    return { ...result, boundNode: stored.spec.nodeName ?? null, profile: fwk.profileName, profileFallback: fallback };
  }

  // ---- timers ----

  /** One cycle per pod at the current instant; the backoff flush when due; the pool flush every 30 s. */
  private armTimers(): void {
    const clock = this.ctx.clock;
    if (this.cycleTimer === null && this.queue.hasWork) {
      this.cycleTimer = clock.after(0, 'scheduler: schedule next pod', () => {
        this.cycleTimer = null;
        this.runCycle();
        this.armTimers();
      });
    }
    const due = this.queue.nextBackoffFlushAt();
    if (due === undefined) {
      clock.cancel(this.backoffTimer?.handle);
      this.backoffTimer = null;
    } else if (this.backoffTimer === null || due < this.backoffTimer.at) {
      clock.cancel(this.backoffTimer?.handle);
      const handle = clock.at(due, 'scheduler: flush backoffQ', () => {
        this.backoffTimer = null;
        this.queue.flushBackoffQCompleted();
        this.armTimers();
      });
      this.backoffTimer = { handle, at: due };
    }
    if (this.flushTimer === null && this.queue.unschedulableCount > 0) {
      // Upstream's wait.Until grid: every period from the scheduler's start (virtual 0).
      const period = this.ctx.config.unschedulableFlushPeriod;
      const next = (Math.floor(clock.now / period) + 1) * period;
      this.flushTimer = clock.at(next, 'scheduler: flush unschedulable pods', () => {
        this.flushTimer = null;
        this.queue.flushUnschedulablePodsLeftover();
        this.armTimers();
      });
    }
  }

  // ---- the cycle ----

  private runCycle(): void {
    const q = this.queue.pop();
    if (!q) return;
    const pi = q.podInfo;
    const stored = this.current(pi);
    // The pod went away, got bound or started terminating since it was queued (upstream skipPodSchedule).
    if (!stored || stored.spec.nodeName || stored.metadata.deletionTimestamp) {
      this.queue.done(q.key);
      return;
    }
    this.actions = [];
    const r = this.scheduler.scheduleOne(pi);
    if (r.nodeName !== null) {
      this.queue.done(q.key);
      return;
    }
    this.handleFailure(q, r);
  }

  /** upstream handleSchedulingFailure: requeue, event, pod status; then preemption's API calls. */
  private handleFailure(q: QueuedPod, r: CycleResult): void {
    const pi = q.podInfo;
    const stored = this.current(pi);
    if (stored && !stored.spec.nodeName) this.queue.addUnschedulable(q, r.diagnosis?.unschedulablePlugins ?? new Set());
    else this.queue.done(q.key);
    // Errors (no FitError) clear the nomination; a FitError keeps what PostFilter said (undefined: leave it).
    const nominated = r.diagnosis ? r.nominatedNodeName : '';
    if (nominated === '') this.scheduler.nominator.delete(pi);
    if (stored) {
      const source = this.sourceOf(pi);
      const status = r.status ?? new Status(Code.Error, [r.message]);
      const reason = status.code !== Code.Error && status.isRejected() ? 'Unschedulable' : 'SchedulerError';
      this.ctx.recorder.event(stored, 'Warning', 'FailedScheduling', truncateEventMessage(r.message), source);
      this.updatePodStatus(stored, reason, r.message, nominated);
    }
    const actions = this.actions;
    this.actions = [];
    for (const a of actions) {
      if (a.kind === 'clearNomination') this.clearStoredNomination(a.pod);
      else this.preemptVictim(a.victim, a.preemptor, a.node);
    }
  }

  /** PodScheduled=False with the message, and the nomination; written only when something changed (upstream updatePod). */
  private updatePodStatus(stored: Pod, reason: string, message: string, nominated: string | undefined): void {
    const next = deepClone(stored);
    let changed = setCondition(next, { type: 'PodScheduled', status: 'False', reason, message }, this.ctx.clock.now);
    if (nominated !== undefined && (stored.status?.nominatedNodeName ?? '') !== nominated) {
      next.status ??= {};
      if (nominated === '') delete next.status.nominatedNodeName;
      else next.status.nominatedNodeName = nominated;
      changed = true;
    }
    if (changed) this.tryWrite(() => this.ctx.store.update(next));
  }

  // ---- ClusterActions ----

  /** DefaultBinder: pods/binding, then the `Scheduled` event. */
  bind(pod: PodInfo, nodeName: string): MaybeStatus {
    const stored = this.current(pod);
    if (!stored) return new Status(Code.Error, [`pods "${pod.name}" not found`]);
    if (stored.spec.nodeName || stored.metadata.deletionTimestamp) {
      return new Status(Code.Error, [`binding rejected: pod ${pod.key} is already assigned or being deleted`]);
    }
    // Recorded as the binding goes out, so it precedes what the kubelet does with the pod.
    this.ctx.recorder.event(stored, 'Normal', 'Scheduled', `Successfully assigned ${pod.key} to ${nodeName}`, this.sourceOf(pod));
    try {
      const bound = bindPod(this.ctx, stored, nodeName);
      this.tidyBoundStatus(bound);
    } catch (e) {
      if (e instanceof StoreError) return new Status(Code.Error, [e.message]);
      throw e;
    }
    return null;
  }

  bindVolumes(pod: PodInfo, nodeName: string, plan: VolumePlan): void {
    bindPodVolumes(this.ctx, nodeName, plan);
  }

  evictVictim(victim: PodInfo, preemptor: PodInfo, nodeName: string): void {
    this.actions.push({ kind: 'evict', victim, preemptor, node: nodeName });
  }

  clearNomination(pod: PodInfo): void {
    this.actions.push({ kind: 'clearNomination', pod });
  }

  // ---- API calls ----

  /**
   * Since v1.35 the API server clears status.nominatedNodeName on binding
   * (ClearingNominatedNodeNameAfterBinding), and PodScheduled=True carries no
   * reason or message. Fixes up a binding that left either behind.
   */
  private tidyBoundStatus(bound: Pod): void {
    const cond = bound.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const stale = cond !== undefined && (cond.reason !== undefined || cond.message !== undefined);
    if (!bound.status?.nominatedNodeName && !stale) return;
    const next = deepClone(bound);
    delete next.status!.nominatedNodeName;
    const c = next.status!.conditions?.find((x) => x.type === 'PodScheduled');
    if (c) {
      delete c.reason;
      delete c.message;
    }
    this.ctx.store.update(next);
  }

  private preemptVictim(victim: PodInfo, preemptor: PodInfo, node: string): void {
    const stored = this.current(victim);
    if (!stored) return;
    const next = deepClone(stored);
    const schedulerName = preemptor.pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME;
    const cond = { type: 'DisruptionTarget', status: 'True' as const, reason: 'PreemptionByScheduler', message: PREEMPTED_MESSAGE(schedulerName) };
    if (setCondition(next, cond, this.ctx.clock.now) && !this.tryWrite(() => this.ctx.store.update(next))) return;
    if (!this.tryWrite(() => deletePod(this.ctx, next))) return;
    this.ctx.recorder.event(stored, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${node}`, this.sourceOf(preemptor));
  }

  private clearStoredNomination(pod: PodInfo): void {
    const stored = this.current(pod);
    if (!stored?.status?.nominatedNodeName) return;
    const next = deepClone(stored);
    delete next.status!.nominatedNodeName;
    this.tryWrite(() => this.ctx.store.update(next));
  }

  // ---- helpers ----

  /** The stored pod this PodInfo stands for (same uid), or undefined. */
  private current(pi: PodInfo): Pod | undefined {
    const p = this.ctx.store.get<Pod>('Pod', pi.namespace, pi.name);
    if (!p || (pi.pod.metadata.uid !== undefined && p.metadata.uid !== pi.pod.metadata.uid)) return undefined;
    return p;
  }

  /** Events come from the profile's scheduler name (upstream's per-profile recorder). */
  private sourceOf(pi: PodInfo): string {
    return pi.pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME;
  }

  /** Runs an API write; a refused one (the object changed or went away) is dropped, as a failed API call. */
  private tryWrite(write: () => unknown): boolean {
    try {
      write();
      return true;
    } catch (e) {
      if (e instanceof StoreError) return false;
      throw e;
    }
  }
}
