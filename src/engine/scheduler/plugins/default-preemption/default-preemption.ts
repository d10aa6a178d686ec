/**
 * DefaultPreemption: the PostFilter plugin that, when a pod fits nowhere,
 * looks for a node where evicting lower-priority pods would make room,
 * evicts them and nominates the pod to that node (upstream's
 * defaultpreemption plugin plus the preemption Evaluator).
 *
 * PostFilterResult, by case:
 *   - not eligible (preemptionPolicy Never, or a victim of an earlier
 *     preemption still terminating on the nominated node):
 *     { status: Unschedulable "preemption: not eligible …" } with no
 *     nominatedNodeName (the pod's nomination is left as it is);
 *   - no candidate: { status: Unschedulable "preemption: 0/N nodes are
 *     available: …", nominatedNodeName: "" } (clears any nomination);
 *   - an internal error (a PreFilter extension failed, …) and no candidate:
 *     { status: Error "preemption: <message>" }, nomination left as it is;
 *   - preemption done: { status: null (Success), nominatedNodeName: node,
 *     victims }. The pod itself stays unschedulable for this cycle.
 */
import { Code, errorStatus, Status, unschedulable, type MaybeStatus } from '../../framework/status';
import {
  NodeToStatus,
  type Handle,
  type PluginFactory,
  type PostFilterPlugin,
  type PostFilterResult,
} from '../../framework/interfaces';
import type { CycleState } from '../../framework/cycle-state';
import type { PodInfo } from '../../framework/pod-info';
import * as names from '../names';
import {
  calculateNumCandidates,
  defaultPreemptionArgs,
  validateDefaultPreemptionArgs,
  type DefaultPreemptionArgs,
} from './args';
import {
  aggregateErrorMessage,
  dryRunPreemption,
  isPreemptionAllowed,
  moreImportantPod,
  pickOneNodeForPreemption,
  type Candidate,
  type IsEligiblePodFn,
  type MoreImportantPodFn,
  type PreemptionHooks,
} from './candidates';
import { fitErrorMessage } from './fit-error';
import { PDBIndex } from './pdb';

export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

const DISRUPTION_TARGET = 'DisruptionTarget';
const PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

/**
 * Whether a pod is being deleted because the scheduler preempted it: it has
 * a deletionTimestamp and its (first) DisruptionTarget condition is True with
 * reason PreemptionByScheduler.
 */
export function podTerminatingByPreemption(p: PodInfo): boolean {
  if (!p.terminating) return false;
  for (const c of p.pod.status?.conditions ?? []) {
    if (c.type === DISRUPTION_TARGET) return c.status === 'True' && c.reason === PREEMPTION_BY_SCHEDULER;
  }
  return false;
}

/** A missing status counts as upstream's default for absent nodes: UnschedulableAndUnresolvable. */
const codeOrUnresolvable = (s: MaybeStatus): Code => (s === null ? Code.UnschedulableAndUnresolvable : s.code);

export class DefaultPreemption implements PostFilterPlugin, PreemptionHooks {
  readonly name = names.DefaultPreemption;
  /** Extra victim filtering beyond lower priority; the default allows every pod. */
  isEligiblePod: IsEligiblePodFn = () => true;
  /** Victim importance order; the default is priority, then earlier start. */
  moreImportantPod: MoreImportantPodFn = moreImportantPod;

  constructor(
    readonly args: DefaultPreemptionArgs,
    private readonly handle: Handle,
  ) {}

  postFilter(state: CycleState, pod: PodInfo, filteredNodeStatus: NodeToStatus): PostFilterResult {
    const result = this.preempt(state, pod, filteredNodeStatus);
    const msg = result.status === null ? '' : result.status.message();
    if (msg.length === 0) return result;
    return { ...result, status: new Status(result.status!.code, [`preemption: ${msg}`]) };
  }

  /**
   * null when the pod may preempt; otherwise the reason it may not.
   * A nominated node that the filters marked UnschedulableAndUnresolvable
   * no longer holds the pod back.
   */
  podEligibleToPreemptOthers(pod: PodInfo, nominatedNodeStatus: MaybeStatus): string | null {
    if (pod.pod.spec.preemptionPolicy === 'Never') return NOT_ELIGIBLE_NEVER;
    const nominated = pod.pod.status?.nominatedNodeName ?? '';
    if (nominated !== '') {
      if (codeOrUnresolvable(nominatedNodeStatus) === Code.UnschedulableAndUnresolvable) return null;
      const nodeInfo = this.handle.snapshot.get(nominated);
      if (nodeInfo) {
        for (const p of nodeInfo.pods) {
          if (isPreemptionAllowed(this, nodeInfo, p, pod) && podTerminatingByPreemption(p)) {
            return NOT_ELIGIBLE_TERMINATING;
          }
        }
      }
    }
    return null;
  }

  /** A random starting point among `numNodes` potential nodes, and how many candidates to look for. */
  getOffsetAndNumCandidates(numNodes: number): [offset: number, numCandidates: number] {
    return [this.handle.rng.intn(numNodes), calculateNumCandidates(numNodes, this.args)];
  }

  private preempt(state: CycleState, pod: PodInfo, m: NodeToStatus): PostFilterResult {
    const h = this.handle;
    // 1) May this pod preempt at all?
    const notEligible = this.podEligibleToPreemptOthers(pod, m.get(pod.pod.status?.nominatedNodeName ?? ''));
    if (notEligible !== null) return { status: unschedulable(notEligible) };

    // 2) Dry-run the nodes where removing pods might help.
    const allNodes = h.snapshot.nodeInfoList();
    if (allNodes.length === 0) return { status: errorStatus('no nodes available') };
    const potential = allNodes.filter((n) => codeOrUnresolvable(m.get(n.name)) === Code.Unschedulable);

    let candidates: Candidate[] = [];
    let nodeStatuses: NodeToStatus | null = null;
    let errors: string[] = [];
    if (potential.length > 0) {
      const [offset, numCandidates] = this.getOffsetAndNumCandidates(potential.length);
      const dry = dryRunPreemption(h, this, state, pod, potential, new PDBIndex(h.listers), offset, numCandidates);
      candidates = dry.candidates;
      nodeStatuses = dry.nodeStatuses;
      errors = dry.errors;
    }
    if (candidates.length === 0) {
      if (errors.length > 0) return { status: errorStatus(aggregateErrorMessage(errors)) };
      const statuses = nodeStatuses ?? new NodeToStatus();
      statuses.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, [PREEMPTION_NOT_HELPFUL]);
      return {
        status: unschedulable(fitErrorMessage(allNodes.length, statuses)),
        nominatedNodeName: '',
      };
    }

    // 3) Pick one node.
    const best = pickOneNodeForPreemption(candidates);
    if (best === null || best.nodeName === '') return { status: unschedulable('no candidate node for preemption') };

    // 4) Act on it.
    this.prepareCandidate(best, pod);
    return { status: null, nominatedNodeName: best.nodeName, victims: best.victims };
  }

  /**
   * Evicts the victims and clears the nominations of lower-priority pods
   * nominated to the node (they may no longer fit there). As upstream's
   * asynchronous preemption (on by default): victims already terminating
   * are not evicted again, and when none is left to evict nothing is done.
   */
  private prepareCandidate(c: Candidate, preemptor: PodInfo): void {
    const toEvict = c.victims.filter((v) => !v.terminating);
    if (toEvict.length === 0) return;
    for (const p of this.handle.nominator.nominatedPodsForNode(c.nodeName)) {
      if (p.priority < preemptor.priority) this.handle.cluster.clearNomination(p);
    }
    for (const v of toEvict) this.handle.cluster.evictVictim(v, preemptor, c.nodeName);
  }
}

export const defaultPreemptionFactory: PluginFactory<DefaultPreemptionArgs> = {
  defaultArgs: defaultPreemptionArgs,
  validateArgs: validateDefaultPreemptionArgs,
  create(args: DefaultPreemptionArgs, handle: Handle) {
    // Like upstream's New: refuse args that fail validation.
    const errs = validateDefaultPreemptionArgs(args, '');
    if (errs.length > 0) throw new Error(errs.join(', '));
    return new DefaultPreemption(args, handle);
  },
};

export type { DefaultPreemptionArgs } from './args';
