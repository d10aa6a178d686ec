/**
 * The scheduler on its own, over a fixed set of objects: what the CLI's
 * `schedule` and `explain` run. No clock and no controllers: pending pods
 * are scheduled in queue order, each binding visible to the next; a pod that
 * failed is retried when a later binding or deletion could change its answer
 * (as upstream's queueing hints requeue it), and preemption victims are
 * deleted at once since no time passes here.
 */
import { admitPod } from '../model/admission';
import type { Labels } from '../model/labels';
import type { KubeObject, Node, Pod, PodDisruptionBudget, PriorityClass, Service, Workload } from '../model/types';
import { Rng } from '../random/rng';
import { resolveConfig, type Registry } from './framework/config';
import type { ClusterActions, ClusterListers, QueuedPodInfo } from './framework/interfaces';
import { PodInfo } from './framework/pod-info';
import { Snapshot } from './framework/snapshot';
import { Code } from './framework/status';
import { explainCycle, frameworkForExplain, resultTables, unboundCopy, UnknownPodError, withoutAssignedPod, type ExplainResult, type Explanation } from './explain';
import * as names from './plugins/names';
import { inTreeRegistry } from './plugins/registry';
import { Scheduler, type CycleResult } from './schedule-one';

export interface ScheduleOptions {
  seed?: number;
  /** A KubeSchedulerConfiguration (parsed YAML/JSON). */
  config?: unknown;
  /** Record each pod's explanation (filter verdicts and scores). Default true. */
  explain?: boolean;
  registry?: Registry;
}

export { UnknownPodError, unboundCopy } from './explain';
export type { ExplainResult, Explanation, FilterVerdicts, ScoreTable } from './explain';

export interface PodScheduleResult {
  namespace: string;
  name: string;
  nodeName: string | null;
  message: string;
  nominatedNodeName?: string;
  victims?: string[];
  explain?: Explanation;
}

const isKind = (o: KubeObject, kind: string) => o.kind === kind;
const byNs = <T extends KubeObject>(list: T[]) => {
  const m = new Map<string, T[]>();
  for (const o of list) {
    const ns = o.metadata.namespace ?? 'default';
    if (!m.has(ns)) m.set(ns, []);
    m.get(ns)!.push(o);
  }
  return (ns: string): readonly T[] => m.get(ns) ?? [];
};

/** The cluster around the scheduler, built from a fixed list of objects. */
export class StaticCluster implements ClusterListers, ClusterActions {
  readonly snapshot = new Snapshot();
  readonly pending: PodInfo[] = [];
  readonly ignored: PodInfo[] = [];
  /** Pods that finished (Succeeded/Failed): no node counts them, but explain takes them. */
  readonly finished: Pod[] = [];
  private readonly nsLabels = new Map<string, Labels>();
  readonly services: (ns: string) => readonly Service[];
  readonly replicaSets: (ns: string) => readonly Workload[];
  readonly statefulSets: (ns: string) => readonly Workload[];
  readonly replicationControllers: (ns: string) => readonly Workload[];
  readonly podDisruptionBudgets: (ns: string) => readonly PodDisruptionBudget[];
  private readonly claims = new Map<string, KubeObject>();
  private readonly classes = new Map<string, KubeObject>();
  /** Victims preemption deleted, in order. */
  readonly deleted: { victim: PodInfo; preemptor: PodInfo; node: string }[] = [];

  constructor(objects: readonly KubeObject[]) {
    const classes = objects.filter((o) => isKind(o, 'PriorityClass')) as PriorityClass[];
    for (const o of objects) if (isKind(o, 'Namespace')) this.nsLabels.set(o.metadata.name ?? '', o.metadata.labels ?? {});
    this.services = byNs(objects.filter((o) => isKind(o, 'Service')) as Service[]);
    this.replicaSets = byNs(objects.filter((o) => isKind(o, 'ReplicaSet')) as Workload[]);
    this.statefulSets = byNs(objects.filter((o) => isKind(o, 'StatefulSet')) as Workload[]);
    this.replicationControllers = byNs(objects.filter((o) => isKind(o, 'ReplicationController')) as Workload[]);
    this.podDisruptionBudgets = byNs(objects.filter((o) => isKind(o, 'PodDisruptionBudget')) as PodDisruptionBudget[]);
    for (const o of objects) {
      if (isKind(o, 'PersistentVolumeClaim')) this.claims.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o);
      if (isKind(o, 'StorageClass')) this.classes.set(o.metadata.name ?? '', o);
    }
    for (const o of objects) if (isKind(o, 'Node')) this.snapshot.addNode(o as Node);
    let seq = 0;
    for (const o of objects) {
      if (!isKind(o, 'Pod')) continue;
      const pod = o as Pod;
      const phase = pod.status?.phase;
      admitPod(pod, classes);
      if (phase === 'Succeeded' || phase === 'Failed') {
        this.finished.push(pod);
        continue;
      }
      const pi = new PodInfo(pod, seq++);
      if (pod.spec.nodeName) this.snapshot.addPod(pi);
      else if (pod.metadata.deletionTimestamp) this.ignored.push(pi);
      else this.pending.push(pi);
    }
  }

  namespaceLabels(ns: string): Labels {
    // A namespace that is not listed still exists with its name label, as the API server sets it.
    return this.nsLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  }

  persistentVolumeClaim(ns: string, name: string): KubeObject | undefined {
    return this.claims.get(`${ns}/${name}`);
  }

  storageClass(name: string): KubeObject | undefined {
    return this.classes.get(name);
  }

  bind(): null {
    return null; // the scheduler already assumed the pod on its node
  }

  evictVictim(victim: PodInfo, preemptor: PodInfo, node: string): void {
    const conditions = ((victim.pod.status ??= {}).conditions ??= []);
    conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${preemptor.pod.spec.schedulerName || 'default-scheduler'}: preempting to accommodate a higher priority pod` });
    this.snapshot.removePod(victim);
    this.deleted.push({ victim, preemptor, node });
  }

  clearNomination(pod: PodInfo): void {
    if (pod.pod.status) delete pod.pod.status.nominatedNodeName;
  }
}

/** Plugins whose verdict can change when another pod is bound (upstream's queueing hints on AssignedPodAdd). */
const HELPED_BY_POD_ADD = new Set([names.InterPodAffinity, names.PodTopologySpread]);

function setup(objects: readonly KubeObject[], opts: ScheduleOptions) {
  const registry = opts.registry ?? inTreeRegistry();
  const config = resolveConfig(opts.config, registry);
  const cluster = new StaticCluster(objects);
  const scheduler = new Scheduler(config, registry, {
    snapshot: cluster.snapshot,
    listers: cluster,
    cluster,
    rng: new Rng(opts.seed ?? 0),
  });
  return { cluster, scheduler };
}

/** Schedules every pending pod; returns one result per pod, in the order they were first tried. */
export function scheduleObjects(objects: readonly KubeObject[], opts: ScheduleOptions = {}): { pods: PodScheduleResult[] } {
  const { cluster, scheduler } = setup(objects, opts);
  const explain = opts.explain ?? true;
  const results = new Map<string, PodScheduleResult>();
  const order: string[] = [];
  let clock = 0;
  const queued = (pi: PodInfo): QueuedPodInfo => ({ podInfo: pi, timestamp: clock++, attempts: 0 });
  const anyFwk = scheduler.frameworks.values().next().value!;
  const less = anyFwk.queueSortPlugins[0];
  const active: QueuedPodInfo[] = [];
  const push = (q: QueuedPodInfo) => {
    // Insertion keeps the queue sorted by the QueueSort plugin (stable for ties).
    let i = active.length;
    while (i > 0 && less.less(q, active[i - 1])) i--;
    active.splice(i, 0, q);
  };
  const unschedulable: { q: QueuedPodInfo; plugins: Set<string> }[] = [];
  for (const pi of cluster.pending) push(queued(pi));

  const record = (pi: PodInfo, r: Partial<PodScheduleResult>) => {
    if (!results.has(pi.key)) order.push(pi.key);
    const prev = results.get(pi.key);
    results.set(pi.key, { namespace: pi.namespace, name: pi.name, nodeName: null, message: '', ...prev, ...r });
  };

  while (active.length > 0) {
    const q = active.shift()!;
    const pi = q.podInfo;
    q.attempts++;
    const fwk = scheduler.frameworkFor(pi);
    if (!fwk) {
      record(pi, { message: `no scheduler profile named ${JSON.stringify(pi.pod.spec.schedulerName)}: this scheduler leaves the pod alone` });
      continue;
    }
    const gate = fwk.runPreEnqueuePlugins(pi);
    if (gate !== null) {
      record(pi, { message: gate.message() });
      continue;
    }
    const r: CycleResult = scheduler.scheduleOne(pi, { trace: explain });
    const entry: Partial<PodScheduleResult> = { nodeName: r.nodeName, message: r.message };
    if (explain && r.trace) {
      entry.explain = resultTables(fwk.scorePluginWeight, r.trace, r.nodeName, r.scored);
    }
    if (r.nominatedNodeName !== undefined) {
      if (r.nominatedNodeName === '') {
        if (pi.pod.status) delete pi.pod.status.nominatedNodeName;
      } else {
        (pi.pod.status ??= {}).nominatedNodeName = r.nominatedNodeName;
        entry.nominatedNodeName = r.nominatedNodeName;
      }
    }
    if (r.victims && r.victims.length > 0) {
      entry.victims = r.victims.map((v) => v.key);
      for (const v of r.victims) {
        if (results.has(v.key)) {
          record(v, { nodeName: null, message: `Preempted by pod ${pi.uid} on node ${r.nominatedNodeName ?? ''}` });
        }
      }
    }
    record(pi, entry);
    if (r.nodeName !== null) {
      if (pi.pod.status) delete pi.pod.status.nominatedNodeName;
      // A binding may help pods that failed on affinity or spreading.
      for (let i = unschedulable.length - 1; i >= 0; i--) {
        const u = unschedulable[i];
        if ([...u.plugins].some((p) => HELPED_BY_POD_ADD.has(p))) {
          unschedulable.splice(i, 1);
          u.q.timestamp = clock++;
          push(u.q);
        }
      }
    } else if (r.victims && r.victims.length > 0) {
      // Deletions free room for everyone waiting; the preemptor goes first by priority.
      if (q.attempts < 5) {
        q.timestamp = clock++;
        push(q);
      }
      for (const u of unschedulable.splice(0)) {
        u.q.timestamp = clock++;
        push(u.q);
      }
    } else if (r.status !== null && r.status.code !== Code.Error && q.attempts < 5) {
      unschedulable.push({ q, plugins: r.diagnosis?.unschedulablePlugins ?? new Set() });
    }
  }
  for (const pi of cluster.ignored) record(pi, { message: 'the pod is being deleted; the scheduler skips it' });
  return { pods: order.map((k) => results.get(k)!) };
}


export interface ExplainOptions extends ScheduleOptions {
  /** Score these nodes (as the filtered set), whatever Filter said. */
  nodes?: string[];
}

/**
 * One cycle for one pod of `objects` without binding (explain.ts): Filter on
 * every node, then Score over `nodes` or the feasible ones. A bound (or
 * finished) pod is evaluated as if it were unbound.
 */
export function explainPod(objects: readonly KubeObject[], podKey: string, opts: ExplainOptions = {}): ExplainResult {
  const { cluster, scheduler } = setup(objects, opts);
  const waiting = cluster.pending.find((p) => p.key === podKey) ?? cluster.ignored.find((p) => p.key === podKey);
  const boundNode = cluster.snapshot.nodeOfPod(podKey);
  const bound = boundNode?.pods.find((p) => p.key === podKey)?.pod ?? cluster.finished.find((p) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}` === podKey);
  if (!waiting && !bound) throw new UnknownPodError(`pod ${podKey} not found in the input`);
  const pi = waiting ?? new PodInfo(unboundCopy(bound!));
  const { fwk, fallback } = frameworkForExplain(scheduler, pi);
  const result = withoutAssignedPod(cluster.snapshot, podKey, () => explainCycle(scheduler, fwk, pi, { ...opts, rng: new Rng(opts.seed ?? 0) }));
  return { ...result, boundNode: bound?.spec.nodeName ?? null, profile: fwk.profileName, profileFallback: fallback };
}
