/**
 * NodeResourcesBalancedAllocation (upstream noderesources/balanced_allocation.go): PreScore + Score;
 * favours nodes whose resource fractions (real requests, pod included) are close to each other.
 * Simplified: no DRA-backed extended resources; the v1.33–v1.35 formula (see balancedResourceScore).
 */
import type { CycleState, StateData } from '../../framework/cycle-state';
import type { PluginFactory, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { SKIP, type MaybeStatus } from '../../framework/status';
import { MAX_NODE_SCORE } from '../helpers/normalize-score';
import { NodeResourcesBalancedAllocation } from '../names';
// Shared with NodeResourcesFit scoring, as upstream's resource_allocation.go is (helpers, not the plugin).
import {
  allZero,
  allocatableFor,
  defaultResourceSpecs,
  podRequestList,
  requestedFor,
  resourceKind,
  type ResourceSpec,
} from '../helpers/resource-allocation';
import { aggregate, child, duplicate, index, invalid } from '../helpers/args-validation';

export const PRESCORE_STATE_KEY = `PreScore${NodeResourcesBalancedAllocation}`;

export interface NodeResourcesBalancedAllocationArgs {
  /** Resources to balance; weights must be 1 (they are ignored). Default cpu and memory. */
  resources: ResourceSpec[];
}

/** SetDefaults_NodeResourcesBalancedAllocationArgs: empty → cpu, memory; weight 0 → 1. */
export function defaultBalancedAllocationArgs(
  input?: Partial<NodeResourcesBalancedAllocationArgs>,
): NodeResourcesBalancedAllocationArgs {
  const resources = (input?.resources ?? []) as Partial<ResourceSpec>[];
  if (resources.length === 0) return { resources: defaultResourceSpecs() };
  return {
    resources: resources.map((r) => ({ name: r.name ?? '', weight: r.weight === undefined || r.weight === 0 ? 1 : r.weight })),
  };
}

/** ValidateNodeResourcesBalancedAllocationArgs: no duplicate names, every weight exactly 1. */
export function validateBalancedAllocationArgs(args: NodeResourcesBalancedAllocationArgs, path = ''): string[] {
  const errs: string[] = [];
  const seen = new Set<string>();
  const resPath = child(path, 'resources');
  args.resources.forEach((r, i) => {
    if (seen.has(r.name)) errs.push(duplicate(child(index(resPath, i), 'name'), r.name));
    else seen.add(r.name);
    if (r.weight !== 1) errs.push(invalid(child(index(resPath, i), 'weight'), r.weight, 'must be 1'));
  });
  return errs;
}

/** The pod's real requests per configured resource. */
export class BalancedAllocationPreScoreState implements StateData {
  constructor(readonly podRequests: Float64Array) {}
  clone(): StateData {
    return this;
  }
}

/**
 * `int64((1 − std) × 100)` over the fractions `min(requested / allocatable, 1)`:
 * two fractions give `|f1 − f2| / 2`, more give the population standard
 * deviation, fewer give 0.
 *
 * Upstream master after PR #135573 (merged for v1.36) scores the *change* in
 * balance instead; this is the formula of v1.33–v1.35 that shared/reference
 * §7.7 describes.
 */
export function balancedResourceScore(fractions: ArrayLike<number>, n: number): number {
  let std = 0;
  if (n === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (n > 2) {
    let total = 0;
    for (let i = 0; i < n; i++) total += fractions[i];
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum = sum + (fractions[i] - mean) * (fractions[i] - mean);
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export class NodeResourcesBalancedAllocationPlugin implements PreScorePlugin, ScorePlugin {
  readonly name = NodeResourcesBalancedAllocation;
  readonly names: readonly string[];
  readonly kinds: Int8Array;
  /** Scratch space for one node's fractions; the engine is single-threaded. */
  private readonly fractions: Float64Array;
  /** What PreScore last wrote and where, so Score skips the CycleState lookup per node. */
  private lastCycle: CycleState | null = null;
  private lastRequests: Float64Array | null = null;

  constructor(readonly args: NodeResourcesBalancedAllocationArgs) {
    this.names = args.resources.map((r) => r.name);
    this.kinds = Int8Array.from(this.names, resourceKind);
    this.fractions = new Float64Array(this.names.length);
  }

  computePodRequests(pod: PodInfo): Float64Array {
    return podRequestList(pod, this.names, this.kinds, false);
  }

  /** Skips best-effort pods (no request for any configured resource), as upstream since #129138. */
  preScore(state: CycleState, pod: PodInfo): MaybeStatus {
    const podRequests = this.computePodRequests(pod);
    if (allZero(podRequests)) {
      this.lastCycle = null;
      return SKIP;
    }
    state.write(PRESCORE_STATE_KEY, new BalancedAllocationPreScoreState(podRequests));
    this.lastCycle = state;
    this.lastRequests = podRequests;
    return null;
  }

  score(state: CycleState, pod: PodInfo, ni: NodeInfo): number {
    let podRequests =
      state === this.lastCycle
        ? this.lastRequests
        : state.tryRead<BalancedAllocationPreScoreState>(PRESCORE_STATE_KEY)?.podRequests;
    if (!podRequests) {
      podRequests = this.computePodRequests(pod);
      if (allZero(podRequests)) return 0;
    }
    const { names, kinds, fractions } = this;
    let n = 0;
    for (let i = 0; i < names.length; i++) {
      const podReq = podRequests[i];
      const alloc = allocatableFor(ni, kinds[i], names[i], podReq);
      if (alloc === 0) continue;
      const f = (requestedFor(ni, kinds[i], names[i], false) + podReq) / alloc;
      fractions[n++] = f > 1 ? 1 : f;
    }
    return balancedResourceScore(fractions, n);
  }

  /** The same results as score(), in a tight loop the engine can inline. */
  scoreAll(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: number[]): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]);
  }

  scoreExtensions(): null {
    return null;
  }
}

export const nodeResourcesBalancedAllocationFactory: PluginFactory<NodeResourcesBalancedAllocationArgs> = {
  defaultArgs: defaultBalancedAllocationArgs,
  validateArgs: validateBalancedAllocationArgs,
  create(args) {
    const a = args ?? defaultBalancedAllocationArgs();
    const errs = validateBalancedAllocationArgs(a);
    if (errs.length > 0) throw new Error(aggregate(errs));
    return new NodeResourcesBalancedAllocationPlugin(a);
  },
};
