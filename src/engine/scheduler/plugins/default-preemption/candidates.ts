/**
 * Preemption's dry run: for each potential node, which pods would have to go
 * for the preemptor to fit (upstream's SelectVictimsOnNode and
 * DryRunPreemption), and the choice of one node among the candidates
 * (pickOneNodeForPreemption).
 *
 * Everything here works on copies (NodeInfo.clone, CycleState.clone); the
 * cluster is only touched later, by the plugin, for the chosen node.
 */
import { Code, errorStatus, isSuccess, unresolvable, type MaybeStatus, type Status } from '../../framework/status';
import { NodeToStatus, type Handle } from '../../framework/interfaces';
import type { CycleState } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { splitByPDBViolation, type PDBIndex } from './pdb';

export const NO_VICTIMS_FOUND = 'No preemption victims found for incoming pod';

/** Extra filtering of victims beyond "lower priority" (upstream's IsEligiblePod hook; default allows all). */
export type IsEligiblePodFn = (nodeInfo: NodeInfo, victim: PodInfo, preemptor: PodInfo) => boolean;
/** True when `a` is more important than `b`, i.e. `b` should be preempted before `a`. */
export type MoreImportantPodFn = (a: PodInfo, b: PodInfo) => boolean;

export interface PreemptionHooks {
  readonly isEligiblePod: IsEligiblePodFn;
  readonly moreImportantPod: MoreImportantPodFn;
}

/**
 * The default importance order: higher priority first; for equal priority,
 * the pod that started earlier (a pod that has not started counts as "now",
 * which is later than any start time).
 */
export function moreImportantPod(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.startTime < b.startTime;
}

/** Whether `victim` may be preempted by `preemptor`: strictly lower priority, and the hook agrees. */
export function isPreemptionAllowed(
  hooks: PreemptionHooks,
  nodeInfo: NodeInfo,
  victim: PodInfo,
  preemptor: PodInfo,
): boolean {
  return victim.priority < preemptor.priority && hooks.isEligiblePod(nodeInfo, victim, preemptor);
}

/** Sorts in place, most important first. Stable, so equally important pods keep node order. */
function sortByImportance(pods: PodInfo[], more: MoreImportantPodFn): void {
  pods.sort((a, b) => (more(a, b) ? -1 : more(b, a) ? 1 : 0));
}

export interface VictimSelection {
  /** The pods to evict, most important first. */
  readonly victims: PodInfo[];
  readonly numPDBViolations: number;
  /** null on success; otherwise why this node cannot be a candidate. */
  readonly status: MaybeStatus;
}

const failed = (status: Status): VictimSelection => ({ victims: [], numPDBViolations: 0, status });

/** A PreFilter extension that fails is an internal error for this node. */
const asError = (s: MaybeStatus): Status | null => (isSuccess(s) ? null : errorStatus(s!.message()));

/**
 * The smallest set of pods to evict from `nodeInfo` (a copy, modified here)
 * so that `pod` fits: take out every lower-priority pod; if the pod still
 * does not fit, the node is out. Otherwise add pods back, most important
 * first, budget-violating ones before the others, keeping each one only if
 * the pod still fits with it.
 */
export function selectVictimsOnNode(
  handle: Handle,
  hooks: PreemptionHooks,
  state: CycleState,
  pod: PodInfo,
  nodeInfo: NodeInfo,
  pdbs: PDBIndex,
): VictimSelection {
  const removePod = (p: PodInfo): Status | null => {
    nodeInfo.removePod(p);
    return asError(handle.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo));
  };
  const addPod = (p: PodInfo): Status | null => {
    nodeInfo.addPod(p);
    return asError(handle.runPreFilterExtensionAddPod(state, pod, p, nodeInfo));
  };

  const potential: PodInfo[] = [];
  for (const p of nodeInfo.pods) if (isPreemptionAllowed(hooks, nodeInfo, p, pod)) potential.push(p);
  for (const p of potential) {
    const err = removePod(p);
    if (err) return failed(err);
  }
  if (potential.length === 0) return failed(unresolvable(NO_VICTIMS_FOUND));

  // Without every lower-priority pod the pod must fit, or no set of victims helps here.
  const fit = handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
  if (!isSuccess(fit)) return failed(fit!);

  sortByImportance(potential, hooks.moreImportantPod);
  const { violating, nonViolating } = splitByPDBViolation(potential, pdbs);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;

  /** Puts `p` back; returns whether the pod still fits, or an error status. */
  const reprieve = (p: PodInfo): boolean | Status => {
    const addErr = addPod(p);
    if (addErr) return addErr;
    const fits = isSuccess(handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo));
    if (!fits) {
      const removeErr = removePod(p);
      if (removeErr) return removeErr;
      victims.push(p);
    }
    return fits;
  };
  for (const p of violating) {
    const r = reprieve(p);
    if (typeof r !== 'boolean') return failed(r);
    if (!r) numPDBViolations++;
  }
  for (const p of nonViolating) {
    const r = reprieve(p);
    if (typeof r !== 'boolean') return failed(r);
  }
  // Victims came out in two sorted runs; merge them back into one order.
  if (violating.length > 0 && nonViolating.length > 0) sortByImportance(victims, hooks.moreImportantPod);
  return { victims, numPDBViolations, status: null };
}

export interface Candidate {
  readonly nodeName: string;
  /** Most important first. */
  readonly victims: readonly PodInfo[];
  readonly numPDBViolations: number;
}

export interface DryRunResult {
  /** Candidates that violate no budget first, then the others, each in the order found. */
  readonly candidates: Candidate[];
  /** Why each checked node that did not become a candidate was rejected. */
  readonly nodeStatuses: NodeToStatus;
  /** Messages of the Error statuses met, in the order met. */
  readonly errors: string[];
}

/**
 * Checks `potentialNodes` one by one starting at `offset` (wrapping around)
 * and stops as soon as at least one budget-respecting candidate exists and
 * `candidatesNum` candidates have been found. Upstream runs the checks in
 * parallel and cancels at the same point; this is its sequential equivalent.
 */
export function dryRunPreemption(
  handle: Handle,
  hooks: PreemptionHooks,
  state: CycleState,
  pod: PodInfo,
  potentialNodes: readonly NodeInfo[],
  pdbs: PDBIndex,
  offset: number,
  candidatesNum: number,
): DryRunResult {
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  const nodeStatuses = new NodeToStatus();
  nodeStatuses.absentNodesStatus = unresolvable();
  const errors: string[] = [];
  const n = potentialNodes.length;

  for (let i = 0; i < n; i++) {
    const nodeInfo = potentialNodes[(offset + i) % n].clone();
    const sel = selectVictimsOnNode(handle, hooks, state.clone(), pod, nodeInfo, pdbs);
    let status = sel.status;
    if (status === null && sel.victims.length > 0) {
      const c: Candidate = { nodeName: nodeInfo.name, victims: sel.victims, numPDBViolations: sel.numPDBViolations };
      // Each list holds at most candidatesNum entries, like upstream's fixed-size lists.
      const list = sel.numPDBViolations === 0 ? nonViolating : violating;
      if (list.length < candidatesNum) list.push(c);
      if (nonViolating.length > 0 && nonViolating.length + violating.length >= candidatesNum) break;
      continue;
    }
    if (status === null) {
      status = errorStatus(`expected at least one victim pod on node ${JSON.stringify(nodeInfo.name)}`);
    }
    if (status.code === Code.Error) errors.push(status.message());
    nodeStatuses.set(nodeInfo.name, status);
  }
  return { candidates: [...nonViolating, ...violating], nodeStatuses, errors };
}

/**
 * apimachinery's aggregate error text: one message as is; several distinct
 * ones as `[a, b]` (duplicates dropped).
 */
export function aggregateErrorMessage(messages: readonly string[]): string {
  if (messages.length === 1) return messages[0];
  const seen: string[] = [];
  for (const m of messages) if (!seen.includes(m)) seen.push(m);
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

/** 2^31 (MaxInt32 + 1): added to every priority so that all are positive when summed. */
const PRIORITY_SHIFT = 2147483648;

/**
 * Among the highest-priority victims, the earliest start time (victims that
 * have not started count as "now", i.e. +Infinity here).
 */
export function earliestStartOfTopVictims(victims: readonly PodInfo[]): number {
  let maxPriority = victims[0].priority;
  let earliest = victims[0].startTime;
  for (const v of victims) {
    if (v.priority === maxPriority) {
      if (v.startTime < earliest) earliest = v.startTime;
    } else if (v.priority > maxPriority) {
      maxPriority = v.priority;
      earliest = v.startTime;
    }
  }
  return earliest;
}

/**
 * Picks the node to preempt on. Each criterion keeps the candidates with the
 * best score and the next one only breaks ties:
 *   1. fewest budget violations;
 *   2. lowest priority among the most important victim;
 *   3. smallest sum of victim priorities (each shifted by 2^31);
 *   4. fewest victims;
 *   5. latest "earliest start time" among the highest-priority victims;
 *   6. the first candidate left (upstream iterates a Go map here, so its
 *      choice among full ties is arbitrary; we keep candidate order).
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | null {
  if (candidates.length === 0) return null;
  if (candidates.length === 1) return candidates[0];
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0].priority,
    (c) => {
      let sum = 0;
      for (const v of c.victims) sum += v.priority + PRIORITY_SHIFT;
      return -sum;
    },
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims),
  ];
  let remaining: readonly Candidate[] = candidates;
  for (const f of scoreFuncs) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const c of remaining) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    remaining = selected;
  }
  return remaining[0];
}
