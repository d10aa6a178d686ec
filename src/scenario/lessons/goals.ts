/**
 * Lesson goals: a small declarative predicate language, plain JSON so a lesson can be
 * stored, shared and shown, evaluated by one pure function over the cluster as a frame
 * shows it. It reads only what the engine reports (phases, nodes, requests, the
 * scheduling queue) and decides nothing about scheduling itself.
 *
 * `workload` names a controller: pods owned by a DaemonSet, StatefulSet, Job or
 * ReplicaSet of that name, or by a ReplicaSet `<workload>-<pod-template-hash>` of a
 * Deployment. "Live" pods are the ones not being deleted and not finished.
 */

import {
  evaluateLastTermination,
  evaluateNodeCondition,
  evaluatePodStatus,
  type LastTerminationWanted,
  type NodeConditionWanted,
  type PodStatusWanted,
} from './container-goals';
import { evaluateDisruptionBudget, type BudgetWanted } from './object-goals';
import { evaluateDrainOutput, evaluateEventMessage } from './output-goals';
import { evaluateCronJob, evaluateWorkloadCount, type CronJobWanted, type WorkloadCountWanted } from './workload-goals';
import { evaluatePodRequests, type RequestsWanted } from './request-goals';

/** The parts of a frame (protocol/engine-api.ts Frame) that goals read. */
export interface GoalFrame {
  nodes: readonly {
    name: string;
    status: string;
    unschedulable: boolean;
    taints: readonly { key: string; value?: string; effect: string }[];
    /** The node's labels (a frame without them reads as a node without labels). */
    labels?: Readonly<Record<string, string>>;
    allocatable: { cpu: number };
    requested: { cpu: number };
    /** The node's pressure conditions that are True (`MemoryPressure`); absent reads as none. */
    pressures?: readonly string[];
  }[];
  pods: readonly {
    namespace: string;
    name: string;
    phase: string;
    nodeName: string | null;
    deletionTimestamp: string | null;
    owner: { kind: string; name: string } | null;
    /** kubectl's RESTARTS (the sum of the containers' restartCount); absent reads as 0. */
    restarts?: number;
    /** The pod's Ready condition is True (kubectl's READY n/n); absent reads as not ready. */
    ready?: boolean;
    /** Effective requests (cpu in millicores, memory in bytes), as PodFrame has them; absent reads as none. */
    requests?: { cpu: number; memory: number };
    /** kubectl's STATUS where a container's state overrides the phase (`CrashLoopBackOff`, `OOMKilled`); absent or null: the phase. */
    containerReason?: string | null;
    /** The newest `lastState.terminated` of its containers (`OOMKilled`, 137); absent or null: none. */
    lastTermination?: { reason: string; exitCode: number } | null;
  }[];
  queue: readonly { namespace: string; name: string; message?: string | null }[];
  /** The events recorded so far (the app passes the ones the page holds; a frame's own window would miss older ones). */
  events: readonly { reason: string; object: string; count: number; message?: string }[];
  /** What kubectl drain printed, every drain's lines in order (Frame.drainLog); absent before any drain printed. */
  drainLog?: readonly { node: string; stream: 'stdout' | 'stderr'; text: string }[];
  /** The workload controllers (Frame.workloads): kind, name and a CronJob's columns; absent reads as none. */
  workloads?: readonly { kind: string; namespace: string; name: string; cronJob?: { suspend: boolean; active: number } }[];
  /** The PodDisruptionBudgets (Frame.disruptionBudgets); absent when there are none. */
  disruptionBudgets?: readonly DisruptionBudgetRow[];
}

/** A PodDisruptionBudget: its spec as written and the disruptions its status allows (kubectl get pdb's columns). */
export interface DisruptionBudgetRow {
  namespace: string;
  name: string;
  /** spec.selector as kubectl prints it (`app=web`), or `<none>`. */
  selector: string;
  /** spec.minAvailable / spec.maxUnavailable as written (a number or a percentage), null when unset. */
  minAvailable: number | string | null;
  maxUnavailable: number | string | null;
  /** status.disruptionsAllowed (0 until the disruption controller has written it). */
  disruptionsAllowed: number;
}

/** What `kubectl get pod` shows in its STATUS column for these goals: a phase, Terminating, or no pod at all. */
export type PodState = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown' | 'Terminating' | 'Absent';
export const POD_STATES: readonly PodState[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown', 'Terminating', 'Absent'];

export type Goal =
  /** Every live pod of the workload is Running, and there are at least `min` (default 1). */
  | { allPodsRunning: { workload: string; namespace?: string; min?: number } }
  /** The pod `namespace/name` exists and is bound to a node (to `node`, when given). */
  | { podScheduled: { pod: string; node?: string } }
  /** The number of live pods on the node (of the workload, when given) is within [min, max]. */
  | { podsOnNode: { node: string; workload?: string; min?: number; max?: number } }
  /**
   * The pod `namespace/name` is in this state: `Terminating` while it has a
   * deletionTimestamp (whatever its phase), `Absent` when no such pod exists, else its phase.
   */
  | { podState: { pod: string; state: PodState } }
  /** The number of live pods of the workload is within [min, max] (min defaults to 0). */
  | { livePods: { workload: string; namespace?: string; min?: number; max?: number } }
  /** The number of live pods of the workload whose Ready condition is True is within [min, max] (min defaults to 0). */
  | { readyPods: { workload: string; namespace?: string; min?: number; max?: number } }
  /** Every live pod of the workload (at least one) has restarted at least `min` times, and at most `max` when given (kubectl's RESTARTS). */
  | { podRestarts: { workload: string; namespace?: string; min: number; max?: number } }
  /** Every live pod of the workload (at least one) requests exactly this cpu and/or memory (`100m`, `64Mi`). */
  | { podRequests: RequestsWanted }
  /** A pod of the workload waits for a node and the scheduler's FailedScheduling message contains `includes`. */
  | { pendingBecause: { workload: string; namespace?: string; includes: string } }
  /**
   * Events with this reason (about `object`, `Kind/namespace/name`, when given; with a message
   * containing `includes`, when given) were recorded at least `min` times (default 1).
   */
  | { eventRecorded: { reason: string; object?: string; includes?: string; min?: number } }
  /** An event with this reason (about `object`, when given) was recorded with a message containing `includes`. */
  | { eventMessage: { reason: string; includes: string; object?: string } }
  /**
   * A line kubectl printed in the newest drain of `node` (on `stream`, when given) contains
   * `includes`: the drain's output from its `node/<node> cordoned` line on.
   */
  | { drainOutput: { node: string; includes: string; stream?: 'stdout' | 'stderr' } }
  /**
   * A PodDisruptionBudget exists in `namespace` (default `default`) with every field given:
   * its name, its selector as kubectl prints it (`app=batch`), minAvailable, maxUnavailable.
   */
  | { disruptionBudget: BudgetWanted }
  /** The pod `namespace/name` shows `status` in kubectl's STATUS column (`CrashLoopBackOff`, `Running`, `Evicted`). */
  | { podStatus: PodStatusWanted }
  /** The pod's containers last terminated with `reason` (and `exitCode`), and it restarted at least `minRestarts` times. */
  | { lastTermination: LastTerminationWanted }
  /** The node's condition `type` (`MemoryPressure`) is True. */
  | { nodeCondition: NodeConditionWanted }
  /** The CronJob exists, (not) suspended and with between minActive and maxActive active Jobs, as given. */
  | { cronJob: CronJobWanted }
  /** The number of `kind` objects whose names start with `prefix` (a CronJob's Jobs: `report-`) is within [min, max]. */
  | { workloadCount: WorkloadCountWanted }
  /** No pod waits for a node. */
  | { noPendingPods: true }
  /** No pod is being deleted. */
  | { noTerminatingPods: true }
  | { nodeStatus: { node: string; status: 'Ready' | 'NotReady' | 'Unknown' } }
  | { nodeUnschedulable: { node: string; value: boolean } }
  /** The node has a taint with this key (and effect, when given). */
  | { nodeTaintPresent: { node: string; key: string; effect?: string } }
  /** The node has a label with this key (and value, when given); `not` makes it "has no such label". */
  | { nodeLabel: { node: string; key: string; value?: string } }
  /** No node's CPU requests exceed this percentage of its allocatable CPU. */
  | { maxNodeCpuPercent: number }
  | { all: Goal[] }
  | { any: Goal[] }
  | { not: Goal };

export interface GoalResult {
  met: boolean;
  /** What the cluster shows, in words (`2 of 3 pods Running`). */
  detail: string;
}

type Pod = GoalFrame['pods'][number];

const isLive = (p: Pod) => p.deletionTimestamp === null && p.phase !== 'Succeeded' && p.phase !== 'Failed';

/** Whether the pod belongs to the named controller (a Deployment through its ReplicaSet). */
export function ownedBy(pod: Pod, workload: string, namespace = 'default'): boolean {
  if (pod.namespace !== namespace || !pod.owner) return false;
  const { kind, name } = pod.owner;
  if (name === workload) return true;
  return kind === 'ReplicaSet' && name.startsWith(`${workload}-`) && /^[a-z0-9]+$/.test(name.slice(workload.length + 1));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function evaluateGoal(goal: Goal, frame: GoalFrame): GoalResult {
  if ('allPodsRunning' in goal) {
    const { workload, namespace, min = 1 } = goal.allPodsRunning;
    const pods = frame.pods.filter((p) => isLive(p) && ownedBy(p, workload, namespace));
    const running = pods.filter((p) => p.phase === 'Running' && p.nodeName !== null).length;
    return { met: running === pods.length && running >= min, detail: `${running} of ${plural(pods.length, 'pod')} of ${workload} Running` };
  }
  if ('podScheduled' in goal) {
    const { pod: key, node } = goal.podScheduled;
    const pod = frame.pods.find((p) => `${p.namespace}/${p.name}` === key);
    if (!pod) return { met: false, detail: `${key} does not exist` };
    if (pod.nodeName === null) return { met: false, detail: `${key} is Pending` };
    return { met: node === undefined || pod.nodeName === node, detail: `${key} is on ${pod.nodeName}` };
  }
  if ('podsOnNode' in goal) {
    const { node, workload, min = 0, max = Infinity } = goal.podsOnNode;
    const count = frame.pods.filter((p) => p.nodeName === node && isLive(p) && (workload === undefined || ownedBy(p, workload))).length;
    return { met: count >= min && count <= max, detail: `${plural(count, workload ? `pod of ${workload}` : 'pod', workload ? `pods of ${workload}` : 'pods')} on ${node}` };
  }
  if ('podState' in goal) {
    const { pod: key, state } = goal.podState;
    if (!POD_STATES.includes(state)) throw new Error(`podState: unknown state ${JSON.stringify(state)}: expected one of ${POD_STATES.join(', ')}`);
    const pod = frame.pods.find((p) => `${p.namespace}/${p.name}` === key);
    const now: PodState = !pod ? 'Absent' : pod.deletionTimestamp !== null ? 'Terminating' : (pod.phase as PodState);
    const where = pod?.nodeName ? ` on ${pod.nodeName}` : '';
    return { met: now === state, detail: now === 'Absent' ? `${key} does not exist` : `${key} is ${now}${where}` };
  }
  if ('livePods' in goal) {
    const { workload, namespace, min = 0, max = Infinity } = goal.livePods;
    const n = frame.pods.filter((p) => isLive(p) && ownedBy(p, workload, namespace)).length;
    return { met: n >= min && n <= max, detail: `${plural(n, 'live pod')} of ${workload}` };
  }
  if ('readyPods' in goal) {
    const { workload, namespace, min = 0, max = Infinity } = goal.readyPods;
    const pods = frame.pods.filter((p) => isLive(p) && ownedBy(p, workload, namespace));
    const n = pods.filter((p) => p.ready === true).length;
    return { met: n >= min && n <= max, detail: `${n} of ${plural(pods.length, `live pod of ${workload}`, `live pods of ${workload}`)} Ready` };
  }
  if ('podRestarts' in goal) {
    const { workload, namespace, min, max } = goal.podRestarts;
    const pods = frame.pods.filter((p) => isLive(p) && ownedBy(p, workload, namespace));
    if (pods.length === 0) return { met: false, detail: `no live pod of ${workload}` };
    const counts = pods.map((p) => p.restarts ?? 0);
    const of = plural(pods.length, `pod of ${workload}`, `pods of ${workload}`);
    if (max !== undefined) {
      const within = counts.filter((n) => n >= min && n <= max).length;
      const range = max === 0 ? 'never restarted' : min === max ? `restarted exactly ${plural(min, 'time')}` : `restarted ${min} to ${max} times`;
      return { met: within === pods.length, detail: `${within} of ${of} ${range} (most: ${Math.max(...counts)})` };
    }
    const enough = counts.filter((n) => n >= min).length;
    const times = min === 1 ? 'once' : `${min} times`;
    return { met: enough === pods.length, detail: `${enough} of ${of} restarted at least ${times} (fewest: ${Math.min(...counts)})` };
  }
  if ('pendingBecause' in goal) {
    const { workload, namespace = 'default', includes } = goal.pendingBecause;
    const owned = new Set(frame.pods.filter((p) => ownedBy(p, workload, namespace)).map((p) => p.name));
    const waiting = frame.queue.filter((q) => q.namespace === namespace && owned.has(q.name));
    const match = waiting.find((q) => (q.message ?? '').includes(includes));
    if (match) return { met: true, detail: `${match.name}: ${match.message}` };
    if (waiting.length === 0) return { met: false, detail: `no pod of ${workload} is Pending` };
    const first = waiting[0];
    return { met: false, detail: first.message ? `${first.name}: ${first.message}` : `${plural(waiting.length, 'pod')} of ${workload} Pending, not yet tried` };
  }
  if ('eventRecorded' in goal) {
    const { reason, object, includes, min = 1 } = goal.eventRecorded;
    const n = frame.events
      .filter((e) => e.reason === reason && (object === undefined || e.object === object) && (includes === undefined || (e.message ?? '').includes(includes)))
      .reduce((sum, e) => sum + e.count, 0);
    const about = (object === undefined ? '' : ` about ${object.replace('//', '/')}`) + (includes === undefined ? '' : ` saying “${includes}”`);
    return { met: n >= min, detail: n === 0 ? `no ${reason} event${about}` : `${plural(n, `${reason} event`)}${about}` };
  }
  if ('eventMessage' in goal) return evaluateEventMessage(goal.eventMessage, frame);
  if ('podRequests' in goal) {
    const { workload, namespace } = goal.podRequests;
    return evaluatePodRequests(goal.podRequests, frame.pods.filter((p) => isLive(p) && ownedBy(p, workload, namespace)));
  }
  if ('drainOutput' in goal) return evaluateDrainOutput(goal.drainOutput, frame);
  if ('disruptionBudget' in goal) return evaluateDisruptionBudget(goal.disruptionBudget, frame);
  if ('podStatus' in goal) return evaluatePodStatus(goal.podStatus, frame);
  if ('lastTermination' in goal) return evaluateLastTermination(goal.lastTermination, frame);
  if ('nodeCondition' in goal) return evaluateNodeCondition(goal.nodeCondition, frame);
  if ('cronJob' in goal) return evaluateCronJob(goal.cronJob, frame);
  if ('workloadCount' in goal) return evaluateWorkloadCount(goal.workloadCount, frame);
  if ('noPendingPods' in goal) {
    const n = frame.queue.length;
    return { met: n === 0, detail: n === 0 ? 'no pod is Pending' : `${plural(n, 'pod')} Pending` };
  }
  if ('noTerminatingPods' in goal) {
    const n = frame.pods.filter((p) => p.deletionTimestamp !== null).length;
    return { met: n === 0, detail: n === 0 ? 'no pod is Terminating' : `${plural(n, 'pod')} Terminating` };
  }
  if ('nodeStatus' in goal || 'nodeUnschedulable' in goal || 'nodeTaintPresent' in goal || 'nodeLabel' in goal) {
    return evaluateNodeGoal(goal, frame);
  }
  if ('maxNodeCpuPercent' in goal) {
    const limit = goal.maxNodeCpuPercent;
    let worst: { name: string; percent: number } | null = null;
    for (const n of frame.nodes) {
      const percent = n.allocatable.cpu > 0 ? (100 * n.requested.cpu) / n.allocatable.cpu : 0;
      if (!worst || percent > worst.percent) worst = { name: n.name, percent };
    }
    if (!worst) return { met: true, detail: 'no nodes' };
    return { met: worst.percent <= limit, detail: `highest: ${worst.name} at ${Math.round(worst.percent)} % CPU requested` };
  }
  if ('all' in goal) {
    const results = goal.all.map((g) => evaluateGoal(g, frame));
    return { met: results.every((r) => r.met), detail: results.map((r) => r.detail).join('; ') };
  }
  if ('any' in goal) {
    const results = goal.any.map((g) => evaluateGoal(g, frame));
    return { met: results.some((r) => r.met), detail: results.map((r) => r.detail).join('; ') };
  }
  if ('not' in goal) {
    const inner = evaluateGoal(goal.not, frame);
    return { met: !inner.met, detail: inner.detail };
  }
  return unknownGoal(goal);
}

type NodeGoal = Extract<Goal, { nodeStatus: unknown } | { nodeUnschedulable: unknown } | { nodeTaintPresent: unknown } | { nodeLabel: unknown }>;

function evaluateNodeGoal(goal: NodeGoal, frame: GoalFrame): GoalResult {
  const name =
    'nodeStatus' in goal ? goal.nodeStatus.node : 'nodeUnschedulable' in goal ? goal.nodeUnschedulable.node : 'nodeLabel' in goal ? goal.nodeLabel.node : goal.nodeTaintPresent.node;
  const node = frame.nodes.find((n) => n.name === name);
  if (!node) return { met: false, detail: `node ${name} does not exist` };
  if ('nodeStatus' in goal) return { met: node.status === goal.nodeStatus.status, detail: `${name} is ${node.status}` };
  if ('nodeUnschedulable' in goal) {
    return { met: node.unschedulable === goal.nodeUnschedulable.value, detail: `${name} is ${node.unschedulable ? 'cordoned' : 'schedulable'}` };
  }
  if ('nodeLabel' in goal) {
    const { key, value } = goal.nodeLabel;
    const now = node.labels?.[key];
    if (now === undefined) return { met: false, detail: `${name} has no ${key} label` };
    return { met: value === undefined || now === value, detail: `${name} has ${key}=${now}` };
  }
  const { key, effect } = goal.nodeTaintPresent;
  const taint = node.taints.find((t) => t.key === key && (effect === undefined || t.effect === effect));
  // With an effect, say it: a node may well have the key with another effect.
  const which = effect === undefined ? key : `${key}:${effect}`;
  return { met: taint !== undefined, detail: taint ? `${name} has the ${which} taint` : `${name} has no ${which} taint` };
}

function unknownGoal(goal: never): GoalResult {
  const keys = Object.keys(goal as object);
  throw new Error(`unknown goal ${JSON.stringify(keys[0] ?? goal)}: expected one of allPodsRunning, podScheduled, podsOnNode, podState, livePods, readyPods, podRestarts, podRequests, pendingBecause, eventRecorded, eventMessage, drainOutput, disruptionBudget, podStatus, lastTermination, nodeCondition, cronJob, workloadCount, noPendingPods, noTerminatingPods, nodeStatus, nodeUnschedulable, nodeTaintPresent, nodeLabel, maxNodeCpuPercent, all, any, not`);
}
