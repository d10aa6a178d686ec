/**
 * NodeResourcesFit (upstream noderesources/fit.go): Filter checks the pod's requests against each
 * node's free allocatable; Score applies LeastAllocated / MostAllocated / RequestedToCapacityRatio.
 * Simplified: no DRA-backed extended resources, no queueing hints, sidecars always enabled.
 */
import type { CycleState, StateData } from '../../framework/cycle-state';
import {
  PREFILTER_OK,
  type FilterPlugin,
  type PluginFactory,
  type PreFilterOutcome,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces';
import type { RejectNode } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { F_PODS_FULL, type NodeTable } from '../../framework/node-table';
import type { PodInfo } from '../../framework/pod-info';
import { Code, Status, type MaybeStatus } from '../../framework/status';
import { NodeResourcesFit } from '../names';
import { defaultNodeResourcesFitArgs, validateNodeResourcesFitArgs, type NodeResourcesFitArgs } from './args';
import { isExtendedResourceName, isScalarResourceName, podRequestList } from '../helpers/resource-allocation';
import { ResourceScorer } from './scoring';
import { aggregate } from '../helpers/args-validation';

export const REASON_TOO_MANY_PODS = 'Too many pods';
export const REASON_INSUFFICIENT_CPU = 'Insufficient cpu';
export const REASON_INSUFFICIENT_MEMORY = 'Insufficient memory';
export const REASON_INSUFFICIENT_EPHEMERAL_STORAGE = 'Insufficient ephemeral-storage';
/** `Insufficient <resource name>` for hugepages, extended and other scalar resources. */
export const reasonInsufficient = (resourceName: string): string => `Insufficient ${resourceName}`;

export const PREFILTER_STATE_KEY = `PreFilter${NodeResourcesFit}`;
export const PRESCORE_STATE_KEY = `PreScore${NodeResourcesFit}`;

/** What PreFilter works out once per pod: its requests, and the scalar checks that apply. */
export class FitPreFilterState implements StateData {
  /** Nothing besides the pod count to check (upstream's early return). */
  readonly requestsNothing: boolean;

  constructor(
    readonly milliCPU: number,
    readonly memory: number,
    readonly ephemeralStorage: number,
    /** Scalar resources with a non-zero request that are not ignored, in request order. */
    readonly scalarNames: readonly string[],
    readonly scalarRequests: Float64Array,
    readonly scalarReasons: readonly string[],
  ) {
    this.requestsNothing = milliCPU === 0 && memory === 0 && ephemeralStorage === 0 && scalarNames.length === 0;
  }

  clone(): StateData {
    return this;
  }
}

/** The pod's requests per configured scoring resource (non-zero cpu/memory). */
export class FitPreScoreState implements StateData {
  constructor(readonly podRequests: Float64Array) {}
  clone(): StateData {
    return this;
  }
}

/** One failed check, as upstream's InsufficientResource. */
export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
  /** The request exceeds the node's whole allocatable: preemption cannot help. */
  readonly unresolvable: boolean;
}

const BIT_PODS = 1;
const BIT_CPU = 2;
const BIT_MEMORY = 4;
const BIT_EPHEMERAL = 8;

function fixedReasons(mask: number): string[] {
  const r: string[] = [];
  if (mask & BIT_PODS) r.push(REASON_TOO_MANY_PODS);
  if (mask & BIT_CPU) r.push(REASON_INSUFFICIENT_CPU);
  if (mask & BIT_MEMORY) r.push(REASON_INSUFFICIENT_MEMORY);
  if (mask & BIT_EPHEMERAL) r.push(REASON_INSUFFICIENT_EPHEMERAL_STORAGE);
  return r;
}

/**
 * Statuses for failures of the four fixed checks only, shared across nodes and
 * pods (indexed by mask and code) so that a full cluster does not allocate a
 * Status per node. Reasons are read-only; the framework only stamps the plugin name.
 */
const sharedStatuses: (Status | undefined)[] = new Array(32);
function fixedStatus(mask: number, unresolvable: boolean): Status {
  const i = mask | (unresolvable ? 16 : 0);
  return (sharedStatuses[i] ??= new Status(
    unresolvable ? Code.UnschedulableAndUnresolvable : Code.Unschedulable,
    Object.freeze(fixedReasons(mask)),
  ));
}

/**
 * filter() for a pod without scalar requests (`s.scalarNames` empty), from
 * the node table: free = allocatable − requested and the pods-full flag hold
 * the very numbers filter() compares, so the status is the one it returns
 * (shared, read-only), as filterAll's loop computes it. For the fused Filter kernel.
 */
export function filterFromTable(s: FitPreFilterState, table: NodeTable, slot: number): Status | null {
  const i = fitCodeFromTable(s, table, slot);
  return i === 0 ? null : fixedStatusAt(i);
}

/**
 * filterFromTable() as a number: 0 when the node fits, otherwise the index
 * (1..31) of the shared status it returns (fixedStatusAt). For the fused
 * Filter kernel's compact rejection log.
 */
export function fitCodeFromTable(s: FitPreFilterState, table: NodeTable, slot: number): number {
  let mask = (table.flags[slot] & F_PODS_FULL) !== 0 ? BIT_PODS : 0;
  const cpu = s.milliCPU;
  const mem = s.memory;
  const eph = s.ephemeralStorage;
  if (cpu > 0 && cpu > table.freeCpu[slot]) mask |= BIT_CPU;
  if (mem > 0 && mem > table.freeMem[slot]) mask |= BIT_MEMORY;
  if (eph > 0 && eph > table.freeEph[slot]) mask |= BIT_EPHEMERAL;
  if (mask === 0) return 0;
  const unresolvable =
    ((mask & BIT_CPU) !== 0 && cpu > table.allocCpu[slot]) ||
    ((mask & BIT_MEMORY) !== 0 && mem > table.allocMem[slot]) ||
    ((mask & BIT_EPHEMERAL) !== 0 && eph > table.allocEph[slot]);
  return unresolvable ? mask | 16 : mask;
}

/** The shared status of a fitCodeFromTable() index (1..31). */
export function fixedStatusAt(i: number): Status {
  return fixedStatus(i & 15, (i & 16) !== 0);
}

const NO_NAMES: readonly string[] = Object.freeze([]);
const NO_REQUESTS = new Float64Array(0);

const scalarReasonCache = new Map<string, string>();
function scalarReason(name: string): string {
  let r = scalarReasonCache.get(name);
  if (r === undefined) scalarReasonCache.set(name, (r = reasonInsufficient(name)));
  return r;
}

export class NodeResourcesFitPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NodeResourcesFit;
  private readonly ignoredResources: ReadonlySet<string>;
  private readonly ignoredResourceGroups: ReadonlySet<string>;
  readonly scorer: ResourceScorer;
  /**
   * The state PreFilter / PreScore last wrote, and where: Filter and Score run
   * once per node, so they skip the CycleState lookup when handed that same state.
   */
  private lastFilterCycle: CycleState | null = null;
  private lastFilterState: FitPreFilterState | null = null;
  private lastScoreCycle: CycleState | null = null;
  private lastScoreState: FitPreScoreState | null = null;

  constructor(readonly args: NodeResourcesFitArgs) {
    this.ignoredResources = new Set(args.ignoredResources);
    this.ignoredResourceGroups = new Set(args.ignoredResourceGroups);
    this.scorer = new ResourceScorer(args.scoringStrategy);
  }

  /** upstream computePodResourceRequest plus the ignore rules, resolved once per pod. */
  computePreFilterState(pod: PodInfo): FitPreFilterState {
    const r = pod.requests;
    const names: string[] = [];
    const values: number[] = [];
    const reasons: string[] = [];
    if (r.scalar) {
      for (const [name, q] of r.scalar) {
        if (q === 0 || !isScalarResourceName(name)) continue;
        if (isExtendedResourceName(name) && this.isIgnored(name)) continue;
        names.push(name);
        values.push(q);
        reasons.push(scalarReason(name));
      }
    }
    if (names.length === 0) return new FitPreFilterState(r.milliCPU, r.memory, r.ephemeralStorage, NO_NAMES, NO_REQUESTS, NO_NAMES);
    return new FitPreFilterState(r.milliCPU, r.memory, r.ephemeralStorage, names, Float64Array.from(values), reasons);
  }

  private isIgnored(name: string): boolean {
    if (this.ignoredResources.has(name)) return true;
    if (this.ignoredResourceGroups.size === 0) return false;
    return this.ignoredResourceGroups.has(name.split('/')[0]);
  }

  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    const s = this.computePreFilterState(pod);
    state.write(PREFILTER_STATE_KEY, s);
    this.lastFilterCycle = state;
    this.lastFilterState = s;
    return PREFILTER_OK;
  }

  preFilterExtensions(): null {
    return null;
  }

  filter(state: CycleState, _pod: PodInfo, ni: NodeInfo): MaybeStatus {
    const s =
      state === this.lastFilterCycle ? this.lastFilterState! : state.read<FitPreFilterState>(PREFILTER_STATE_KEY);
    const alloc = ni.allocatable;
    let mask = ni.pods.length + 1 > alloc.allowedPodNumber ? BIT_PODS : 0;
    if (s.requestsNothing) return mask === 0 ? null : fixedStatus(mask, false);

    const used = ni.requested;
    let unresolvable = false;
    const cpu = s.milliCPU;
    if (cpu > 0 && cpu > alloc.milliCPU - used.milliCPU) {
      mask |= BIT_CPU;
      if (cpu > alloc.milliCPU) unresolvable = true;
    }
    const mem = s.memory;
    if (mem > 0 && mem > alloc.memory - used.memory) {
      mask |= BIT_MEMORY;
      if (mem > alloc.memory) unresolvable = true;
    }
    const eph = s.ephemeralStorage;
    if (eph > 0 && eph > alloc.ephemeralStorage - used.ephemeralStorage) {
      mask |= BIT_EPHEMERAL;
      if (eph > alloc.ephemeralStorage) unresolvable = true;
    }

    let scalarFailures: string[] | null = null;
    const names = s.scalarNames;
    if (names.length > 0) {
      const allocScalar = alloc.scalar;
      const usedScalar = used.scalar;
      for (let i = 0; i < names.length; i++) {
        const q = s.scalarRequests[i];
        const a = allocScalar?.get(names[i]) ?? 0;
        if (q > a - (usedScalar?.get(names[i]) ?? 0)) {
          (scalarFailures ??= []).push(s.scalarReasons[i]);
          if (q > a) unresolvable = true;
        }
      }
    }

    if (scalarFailures === null) return mask === 0 ? null : fixedStatus(mask, unresolvable);
    const reasons = fixedReasons(mask);
    for (const r of scalarFailures) reasons.push(r);
    return new Status(unresolvable ? Code.UnschedulableAndUnresolvable : Code.Unschedulable, reasons);
  }

  /**
   * filter() over a batch, reading the node table: the four fixed checks with
   * filter()'s arithmetic; a pod with scalar requests takes the per-node path.
   */
  filterAll(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, reject: RejectNode): number {
    const s =
      state === this.lastFilterCycle ? this.lastFilterState! : state.read<FitPreFilterState>(PREFILTER_STATE_KEY);
    const infos = table.infos;
    let kept = 0;
    if (s.scalarNames.length > 0) {
      for (let i = 0; i < n; i++) {
        const slot = slots[i];
        const st = this.filter(state, pod, infos[slot]!);
        if (st === null) slots[kept++] = slot;
        else reject(infos[slot]!, st);
      }
      return kept;
    }
    const { flags, freeCpu, freeMem, freeEph, allocCpu, allocMem, allocEph } = table;
    const cpu = s.milliCPU;
    const mem = s.memory;
    const eph = s.ephemeralStorage;
    for (let i = 0; i < n; i++) {
      const slot = slots[i];
      // filter()'s checks on the table: free = allocatable − requested, and the pods-full flag.
      let mask = (flags[slot] & F_PODS_FULL) !== 0 ? BIT_PODS : 0;
      if (cpu > 0 && cpu > freeCpu[slot]) mask |= BIT_CPU;
      if (mem > 0 && mem > freeMem[slot]) mask |= BIT_MEMORY;
      if (eph > 0 && eph > freeEph[slot]) mask |= BIT_EPHEMERAL;
      if (mask === 0) {
        slots[kept++] = slot;
        continue;
      }
      const unresolvable =
        ((mask & BIT_CPU) !== 0 && cpu > allocCpu[slot]) ||
        ((mask & BIT_MEMORY) !== 0 && mem > allocMem[slot]) ||
        ((mask & BIT_EPHEMERAL) !== 0 && eph > allocEph[slot]);
      reject(infos[slot]!, fixedStatus(mask, unresolvable));
    }
    return kept;
  }

  preScore(state: CycleState, pod: PodInfo): MaybeStatus {
    const s = this.computePreScoreState(pod);
    state.write(PRESCORE_STATE_KEY, s);
    this.lastScoreCycle = state;
    this.lastScoreState = s;
    return null;
  }

  computePreScoreState(pod: PodInfo): FitPreScoreState {
    return new FitPreScoreState(podRequestList(pod, this.scorer.names, this.scorer.kinds, true));
  }

  score(state: CycleState, pod: PodInfo, ni: NodeInfo): number {
    const s =
      (state === this.lastScoreCycle ? this.lastScoreState : state.tryRead<FitPreScoreState>(PRESCORE_STATE_KEY)) ??
      this.computePreScoreState(pod);
    return this.scorer.score(ni, s.podRequests);
  }

  /** score() over a batch, reading the node table when the strategy's resources allow. */
  scoreAll(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, out: number[]): void {
    const s =
      (state === this.lastScoreCycle ? this.lastScoreState : state.tryRead<FitPreScoreState>(PRESCORE_STATE_KEY)) ??
      this.computePreScoreState(pod);
    if (this.scorer.scoreAll(table, slots, n, s.podRequests, out)) return;
    for (let i = 0; i < n; i++) out[i] = this.scorer.score(table.infos[slots[i]]!, s.podRequests);
  }

  scoreExtensions(): null {
    return null;
  }
}

/**
 * upstream Fits/fitsRequest with details, for explanations and tools that check
 * a pod against a node outside a cycle (no ignored resources, as upstream's Fits).
 */
export function fits(pod: PodInfo, ni: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = ni.allocatable;
  const used = ni.requested;
  const pods = ni.pods.length;
  if (pods + 1 > alloc.allowedPodNumber) {
    out.push({
      resourceName: 'pods',
      reason: REASON_TOO_MANY_PODS,
      requested: 1,
      used: pods,
      capacity: alloc.allowedPodNumber,
      unresolvable: false,
    });
  }
  const r = pod.requests;
  const check = (name: string, reason: string, q: number, a: number, u: number) => {
    if (q > 0 && q > a - u) out.push({ resourceName: name, reason, requested: q, used: u, capacity: a, unresolvable: q > a });
  };
  check('cpu', REASON_INSUFFICIENT_CPU, r.milliCPU, alloc.milliCPU, used.milliCPU);
  check('memory', REASON_INSUFFICIENT_MEMORY, r.memory, alloc.memory, used.memory);
  check('ephemeral-storage', REASON_INSUFFICIENT_EPHEMERAL_STORAGE, r.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage);
  if (r.scalar) {
    for (const [name, q] of r.scalar) {
      if (!isScalarResourceName(name)) continue;
      check(name, scalarReason(name), q, alloc.scalar?.get(name) ?? 0, used.scalar?.get(name) ?? 0);
    }
  }
  return out;
}

export const nodeResourcesFitFactory: PluginFactory<NodeResourcesFitArgs> = {
  defaultArgs: defaultNodeResourcesFitArgs,
  validateArgs: validateNodeResourcesFitArgs,
  create(args) {
    const a = args ?? defaultNodeResourcesFitArgs();
    const errs = validateNodeResourcesFitArgs(a);
    if (errs.length > 0) throw new Error(aggregate(errs));
    return new NodeResourcesFitPlugin(a);
  },
};
