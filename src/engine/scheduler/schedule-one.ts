/**
 * One scheduling cycle, as upstream's schedule_one.go: PreFilter, the
 * nominated node first, Filter from a rotating start index until enough
 * feasible nodes are found, PreScore/Score/Normalize/weights, a seeded
 * uniform tie-break among the best, then assume → Reserve → Bind; on failure
 * PostFilter (preemption) and the FitError message.
 */
import type { ResolvedConfig, Registry } from './framework/config';
import { DEFAULT_SCHEDULER_NAME } from './framework/config';
import { CycleState } from './framework/cycle-state';
import { ERR_NO_NODES, fitErrorMessage, type Diagnosis } from './framework/fit-error';
import { NodeToStatus, type ClusterActions, type ClusterListers, type ScorePlugin } from './framework/interfaces';
import type { NodeInfo } from './framework/node-info';
import type { NodeTable } from './framework/node-table';
import type { PodInfo } from './framework/pod-info';
import { Framework } from './framework/runtime';
import type { Snapshot } from './framework/snapshot';
import { Code, type MaybeStatus, Status } from './framework/status';
import { CycleTrace, tracingDecorator } from './framework/trace';
import { PodNominator } from './nominator';
import type { Rng } from '../random/rng';
import { selectHost, selectHostIndex } from './select-host';
import { FusedFilter } from './fused/filter-kernel';
import { FusedScore } from './fused/score-kernel';
import { Rejections } from './rejections';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** A Diagnosis's set until PreFilter hands over its own (never added to). */
const NO_PLUGINS: Set<string> = new Set();
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** How many feasible nodes a cycle looks for before it stops filtering. */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct === 0) {
    pct = 50 - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** The feasible nodes; on the fast path also their node-table slots (aligned; valid until the next cycle). */
export interface FoundNodes {
  nodes: NodeInfo[];
  slots?: Int32Array;
  error?: Status;
}

/** The scored nodes; the arrays may be reused by the next cycle. */
export interface ScoredNodes {
  nodes: NodeInfo[];
  plugins: string[];
  /**
   * Per plugin (aligned with `plugins`), normalized scores aligned with `nodes`; valid until the next cycle.
   * null when the cycle kept only the totals (an untraced cycle of a scheduler without `keepScores`).
   */
  scores: number[][] | null;
  /** Weighted totals, aligned with `nodes`. */
  totals: ArrayLike<number>;
}

export interface CycleResult {
  pod: PodInfo;
  /** The node the pod was bound to, or null. */
  nodeName: string | null;
  /** null on success. */
  status: MaybeStatus;
  /** The FailedScheduling message when the pod was not bound. */
  message: string;
  /** Set by preemption ("" clears an earlier nomination). */
  nominatedNodeName?: string;
  victims?: readonly PodInfo[];
  diagnosis?: Diagnosis;
  scored?: ScoredNodes;
  trace?: CycleTrace;
}

export interface SchedulerDeps {
  snapshot: Snapshot;
  listers: ClusterListers;
  cluster: ClusterActions;
  rng: Rng;
}

export class Scheduler {
  readonly frameworks = new Map<string, Framework>();
  readonly nominator = new PodNominator();
  readonly snapshot: Snapshot;
  private readonly rng: Rng;
  nextStartNodeIndex = 0;
  private readonly rejected = new Rejections();
  /** Scratch for chunked filtering: the feasible nodes' slots and NodeInfos (valid until the next cycle). */
  private feasibleSlots = new Int32Array(0);
  private readonly feasibleNodes: NodeInfo[] = [];
  /** The names of the score plugins last run (the list is reused while it does not change). */
  private lastScorePlugins: readonly ScorePlugin[] = [];
  private lastScorePluginNames: string[] = [];
  /** Deterministic work counter: node filter evaluations since creation. */
  nodeEvaluations = 0;
  /**
   * Whether a cycle's result holds each Score plugin's normalized scores
   * (`scored.scores`); without it only the weighted totals are kept, which is
   * all host selection reads (and spares the fused Score kernel a store per
   * plugin and node). Traced cycles always keep them.
   */
  keepScores = false;

  constructor(
    readonly config: ResolvedConfig,
    registry: Registry,
    deps: SchedulerDeps,
    /** false: every cycle runs the plugins one by one (the reference the fused passes are checked against). */
    fused = true,
  ) {
    this.snapshot = deps.snapshot;
    this.rng = deps.rng;
    for (const profile of config.profiles) {
      const fwk = new Framework(profile, registry, { ...deps, nominator: this.nominator });
      // Several plugins' fast paths in one loop (scheduler/fused/), where they apply.
      if (fused) fwk.fused = { filterKernel: new FusedFilter(), scoreKernel: new FusedScore() };
      this.frameworks.set(profile.schedulerName, fwk);
    }
  }

  /** The framework for the pod's spec.schedulerName, or undefined if no profile has that name. */
  frameworkFor(pod: PodInfo): Framework | undefined {
    return this.frameworks.get(pod.pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME);
  }

  private percentage(fwk: Framework): number {
    return fwk.percentageOfNodesToScore ?? this.config.percentageOfNodesToScore;
  }

  /** Runs one cycle for `pod` and binds it when a node is found. */
  scheduleOne(pod: PodInfo, opts: { trace?: boolean } = {}): CycleResult {
    let fwk = this.frameworkFor(pod);
    if (!fwk) {
      return { pod, nodeName: null, status: new Status(Code.Error, [`profile not found for scheduler name ${JSON.stringify(pod.pod.spec.schedulerName)}`]), message: `profile not found for scheduler name ${JSON.stringify(pod.pod.spec.schedulerName)}` };
    }
    const trace = opts.trace ? new CycleTrace() : undefined;
    if (trace) fwk = fwk.decorated(tracingDecorator(trace));
    const state = new CycleState();
    // unschedulablePlugins is replaced by PreFilter's set before anything is added (findNodesThatFitPod).
    const diagnosis: Diagnosis = { nodeToStatus: new NodeToStatus(), preFilterMsg: '', postFilterMsg: '', unschedulablePlugins: NO_PLUGINS };
    const r = this.schedulePod(fwk, state, pod, diagnosis, this.keepScores || trace !== undefined);
    if (r.error) return { pod, nodeName: null, status: r.error, message: r.error.message(), trace };
    if (r.host === null) {
      // FitError → PostFilter (preemption).
      const numAll = this.snapshot.numNodes;
      let nominatedNodeName: string | undefined;
      let victims: readonly PodInfo[] | undefined;
      if (numAll > 0 && fwk.postFilterPlugins.length > 0) {
        const pf = fwk.runPostFilterPlugins(state, pod, diagnosis.nodeToStatus);
        diagnosis.postFilterMsg = pf.status === null ? '' : pf.status.message();
        nominatedNodeName = pf.nominatedNodeName;
        victims = pf.victims;
        if (nominatedNodeName !== undefined) this.nominator.add(pod, nominatedNodeName);
      }
      const message = numAll === 0 ? ERR_NO_NODES : fitErrorMessage(numAll, diagnosis);
      return { pod, nodeName: null, status: new Status(Code.Unschedulable, [message]), message, nominatedNodeName, victims, diagnosis, scored: r.scored, trace };
    }
    // assume → Reserve → Bind.
    const host = r.host;
    pod.pod.spec.nodeName = host;
    this.snapshot.addPod(pod, r.hostInfo);
    const s = fwk.runReservePlugins(state, pod, host) ?? fwk.runBindPlugins(state, pod, host);
    if (s !== null) {
      // A failed Reserve (or Bind) undoes the assumption: Unreserve, forget.
      fwk.runUnreservePlugins(state, pod, host);
      this.snapshot.removePod(pod);
      delete pod.pod.spec.nodeName;
      return { pod, nodeName: null, status: s, message: s.message(), diagnosis, scored: r.scored, trace };
    }
    // (Most cycles have no nomination to forget: no lookup by the pod's key then.)
    if (this.nominator.size > 0) this.nominator.delete(pod);
    return { pod, nodeName: host, status: null, message: '', diagnosis, scored: r.scored, trace };
  }

  /**
   * Finds the node for the pod without binding it.
   * Returns host null on a FitError (diagnosis filled), or an error status.
   */
  private schedulePod(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    diagnosis: Diagnosis,
    keepScores: boolean,
  ): { host: string | null; hostInfo?: NodeInfo; error?: Status; scored?: ScoredNodes } {
    if (this.snapshot.numNodes === 0) {
      return { host: null, error: new Status(Code.UnschedulableAndUnresolvable, [ERR_NO_NODES]) };
    }
    const found = this.findNodesThatFitPod(fwk, state, pod, diagnosis);
    if (found.error) return { host: null, error: found.error };
    const feasible = found.nodes;
    if (feasible.length === 0) return { host: null };
    if (feasible.length === 1) return { host: feasible[0].name, hostInfo: feasible[0] };
    const scored = this.prioritizeNodes(fwk, state, pod, feasible, found.slots, keepScores, this.rng);
    if (scored.error) return { host: null, error: scored.error };
    const nodes = scored.result.nodes;
    // The Score kernel may have chosen already (the same choice and draws as selectHostIndex).
    const at = scored.selected >= 0 ? scored.selected : selectHostIndex(nodes.length, scored.result.totals, this.rng);
    const best = nodes[at];
    return { host: best.name, hostInfo: best, scored: scored.result };
  }

  findNodesThatFitPod(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    diagnosis: Diagnosis,
  ): FoundNodes {
    const allNodes = this.snapshot.nodeInfoList();
    const pre = fwk.runPreFilterPlugins(state, pod);
    diagnosis.unschedulablePlugins = pre.unschedulablePlugins;
    if (pre.status !== null && pre.status.code !== Code.Success) {
      if (!pre.status.isRejected()) return { nodes: [], error: pre.status };
      // Every node shares the PreFilter status; the message carries no histogram.
      diagnosis.nodeToStatus.absentNodesStatus = pre.status;
      diagnosis.preFilterMsg = pre.status.message();
      return { nodes: [] };
    }
    const nnn = pod.pod.status?.nominatedNodeName;
    if (nnn) {
      const ni = this.snapshot.get(nnn);
      if (ni) {
        const feasible = this.findNodesThatPassFilters(fwk, state, pod, diagnosis, [ni], Int32Array.of(ni.slot), true);
        if (feasible.error) return feasible;
        if (feasible.nodes.length > 0) return feasible;
        // The full pass below may reject this node again.
        diagnosis.nodeToStatus.index();
      }
    }
    let nodes = allNodes;
    let slots = this.snapshot.nodeSlotList();
    if (pre.nodeNames !== null) {
      nodes = allNodes.filter((n) => pre.nodeNames!.has(n.name));
      slots = Int32Array.from(nodes, (n) => n.slot);
      const plugins = [...pre.unschedulablePlugins].sort();
      diagnosis.nodeToStatus.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, [
        `node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`,
      ]);
    }
    const found = this.findNodesThatPassFilters(fwk, state, pod, diagnosis, nodes, slots, false);
    const processed = found.nodes.length + diagnosis.nodeToStatus.size;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allNodes.length;
    return found;
  }

  /** `nodes` are snapshot nodes and `nodeSlots` their slots in the snapshot's node table. */
  private findNodesThatPassFilters(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    diagnosis: Diagnosis,
    nodes: readonly NodeInfo[],
    nodeSlots: Int32Array,
    nominatedOnly: boolean,
  ): FoundNodes {
    const numAll = nodes.length;
    if (numAll === 0) return { nodes: [] };
    let numToFind = numFeasibleNodesToFind(this.percentage(fwk), numAll);
    if (!fwk.hasScorePlugins()) numToFind = 1;
    const start = nominatedOnly ? 0 : this.nextStartNodeIndex % numAll;
    if (!fwk.hasFilterPlugins()) {
      const feasible: NodeInfo[] = [];
      for (let i = 0; i < numToFind && i < numAll; i++) feasible.push(nodes[(start + i) % numAll]);
      return { nodes: feasible };
    }
    let evaluated = 0;
    if (this.nominator.size === 0) {
      // Fast path: filter chunks of nodes plugin by plugin, as slots of the
      // snapshot's node table. A chunk never holds more nodes than are still
      // needed, so no node is filtered that the sequential upstream loop would
      // not have reached.
      const plugins = fwk.activeFilterPlugins(state);
      const table = this.snapshot.table;
      if (this.feasibleSlots.length < numToFind) this.feasibleSlots = new Int32Array(numToFind);
      const feasibleSlots = this.feasibleSlots;
      let found = 0;
      // The fused kernel takes the whole pass in one call where it applies (its rejections kept compact until read).
      const scan = fwk.scanFilterPlugins(plugins, state, pod, table, nodes, nodeSlots, start, numToFind, feasibleSlots, diagnosis);
      if (scan !== undefined) {
        this.nodeEvaluations += scan.evaluated;
        return scan.error !== null ? { nodes: [], error: scan.error } : this.feasibleFrom(table, scan.found);
      }
      const rejected = this.rejected.into(diagnosis);
      const onReject = rejected.record;
      // Each chunk is the next `take` nodes in list order (wrapping around the
      // end); its survivors are laid right after the nodes found so far.
      let from = start;
      while (evaluated < numAll && found < numToFind) {
        const take = Math.min(numToFind - found, numAll - evaluated);
        const k = fwk.runFilterPluginsOnSlots(plugins, state, pod, table, feasibleSlots, take, onReject, found, nodeSlots, from);
        from = (from + take) % numAll;
        evaluated += take;
        if (typeof k !== 'number') {
          this.nodeEvaluations += evaluated;
          rejected.flush();
          return { nodes: [], error: k };
        }
        found += k;
      }
      this.nodeEvaluations += evaluated;
      rejected.flush();
      return this.feasibleFrom(table, found);
    }
    const rejected = this.rejected.into(diagnosis);
    const onReject = rejected.record;
    const feasible: NodeInfo[] = [];
    for (let i = 0; i < numAll; i++) {
      const ni = nodes[(start + i) % numAll];
      evaluated++;
      const s = fwk.runFilterPluginsWithNominatedPods(state, pod, ni);
      if (s === null) {
        feasible.push(ni);
        if (feasible.length >= numToFind) break;
      } else if (s.code === Code.Error) {
        this.nodeEvaluations += evaluated;
        rejected.flush();
        return { nodes: [], error: s };
      } else onReject(ni, s);
    }
    this.nodeEvaluations += evaluated;
    rejected.flush();
    return { nodes: feasible };
  }

  /** The fast path's result: the NodeInfos of feasibleSlots[0..found) (the list reused from cycle to cycle). */
  private feasibleFrom(table: NodeTable, found: number): FoundNodes {
    const { feasibleSlots, feasibleNodes: feasible } = this;
    // Shrunk by length, grown by appending: growing it by length would make the list holey
    // (another hidden class than the other paths' lists, and a deopt of their readers).
    if (feasible.length > found) feasible.length = found;
    const infos = table.infos;
    for (let j = 0; j < found; j++) feasible[j] = infos[feasibleSlots[j]]!;
    return { nodes: feasible, slots: feasibleSlots };
  }

  /**
   * `slots`, when given, are the nodes' slots in the snapshot's node table, aligned with `nodes`;
   * `keepScores` false leaves the result's per-plugin scores null (the totals only).
   * With `rng` the Score kernel may choose the host as selectHostIndex would
   * (`selected`: its position in `nodes`, -1 when it did not).
   */
  prioritizeNodes(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    nodes: NodeInfo[],
    slots?: Int32Array,
    keepScores = true,
    rng?: Rng,
  ): { result: ScoredNodes; error?: Status; selected: number } {
    if (!fwk.hasScorePlugins()) {
      return { result: { nodes, plugins: [], scores: [], totals: nodes.map(() => 1) }, selected: -1 };
    }
    state.scoreSlots = slots ?? null;
    const ps = fwk.runPreScorePlugins(state, pod, nodes);
    if (ps !== null) return { result: { nodes, plugins: [], scores: [], totals: [] }, error: ps, selected: -1 };
    const r = fwk.runScorePlugins(state, pod, nodes, slots, keepScores, rng);
    if (r.plugins !== this.lastScorePlugins) {
      this.lastScorePlugins = r.plugins;
      this.lastScorePluginNames = r.plugins.map((p) => p.name);
    }
    const result = { nodes, plugins: this.lastScorePluginNames, scores: r.scores, totals: r.totals };
    if (r.status !== null) return { result, error: r.status, selected: -1 };
    return { result, selected: r.selected };
  }

  /** The highest total wins; ties are broken uniformly with the seeded generator (select-host.ts). */
  selectHost(nodes: readonly NodeInfo[], totals: ArrayLike<number>): string {
    return selectHost(nodes, totals, this.rng);
  }
}

/** Builds a scheduler from a resolved config. */
export function createScheduler(config: ResolvedConfig, registry: Registry, deps: SchedulerDeps): Scheduler {
  return new Scheduler(config, registry, deps);
}
