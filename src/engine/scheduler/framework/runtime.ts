/**
 * The framework runtime, as upstream's runtime/framework.go: builds a
 * profile's plugin lists (per extension point, multiPoint expansion,
 * weights) and runs the extension points in order. It also is the Handle
 * plugins receive.
 */
import type { Rng } from '../../random/rng';
import type { Registry, ResolvedProfile } from './config';
import { buildPluginLists, MAX_NODE_SCORE } from './plugin-lists';

export { MAX_NODE_SCORE };
import { CycleState } from './cycle-state';
import type {
  AnyPlugin,
  BindPlugin,
  ClusterActions,
  ClusterListers,
  FilterPlugin,
  Handle,
  Nominator,
  NodeToStatus,
  PostFilterPlugin,
  PostFilterResult,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreScorePlugin,
  QueueSortPlugin,
  RejectNode,
  ReservePlugin,
  ScorePlugin,
} from './interfaces';
import type { NodeInfo } from './node-info';
import type { NodeTable } from './node-table';
import type { FilterScan, FusedPasses } from './fused';
import type { Diagnosis } from './fit-error';
import { Scratch } from './scratch';
import { firstInvalid, weighScores } from './weigh';
import type { PodInfo } from './pod-info';
import type { Snapshot } from './snapshot';
import { Code, type MaybeStatus, Status, errorStatus } from './status';

export interface FrameworkDeps {
  snapshot: Snapshot;
  listers: ClusterListers;
  nominator: Nominator;
  cluster: ClusterActions;
  rng: Rng;
}

/** Decorates a plugin; used by tracing. Returns an object with the same extension methods. */
export type PluginDecorator = (p: AnyPlugin) => AnyPlugin;

export class Framework implements Handle {
  readonly snapshot: Snapshot;
  readonly listers: ClusterListers;
  readonly nominator: Nominator;
  readonly cluster: ClusterActions;
  readonly rng: Rng;
  readonly profileName: string;
  readonly percentageOfNodesToScore: number | undefined;

  readonly pluginsMap: ReadonlyMap<string, AnyPlugin>;
  preEnqueuePlugins: PreEnqueuePlugin[] = [];
  queueSortPlugins: QueueSortPlugin[] = [];
  preFilterPlugins: PreFilterPlugin[] = [];
  filterPlugins: FilterPlugin[] = [];
  postFilterPlugins: PostFilterPlugin[] = [];
  preScorePlugins: PreScorePlugin[] = [];
  scorePlugins: ScorePlugin[] = [];
  reservePlugins: ReservePlugin[] = [];
  bindPlugins: BindPlugin[] = [];
  readonly scorePluginWeight: ReadonlyMap<string, number>;
  /** Buffers and caches reused from cycle to cycle (the score arrays are valid until the next cycle). */
  private scratch = new Scratch();
  /** Kernels that run several plugins' fast paths in one loop (set by the scheduler; never on a decorated copy). */
  fused: FusedPasses | null = null;

  constructor(profile: ResolvedProfile, registry: Registry, deps: FrameworkDeps) {
    this.snapshot = deps.snapshot;
    this.listers = deps.listers;
    this.nominator = deps.nominator;
    this.cluster = deps.cluster;
    this.rng = deps.rng;
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    const built = buildPluginLists(profile, registry, this);
    this.pluginsMap = built.pluginsMap;
    this.scorePluginWeight = built.scorePluginWeight;
    const lists = built.lists;
    this.preEnqueuePlugins = lists.get('preEnqueue') as PreEnqueuePlugin[];
    this.queueSortPlugins = lists.get('queueSort') as QueueSortPlugin[];
    this.preFilterPlugins = lists.get('preFilter') as PreFilterPlugin[];
    this.filterPlugins = lists.get('filter') as FilterPlugin[];
    this.postFilterPlugins = lists.get('postFilter') as PostFilterPlugin[];
    this.preScorePlugins = lists.get('preScore') as PreScorePlugin[];
    this.scorePlugins = lists.get('score') as ScorePlugin[];
    this.reservePlugins = lists.get('reserve') as ReservePlugin[];
    this.bindPlugins = lists.get('bind') as BindPlugin[];
  }

  /** A copy of this framework whose plugins are wrapped by `decorate` (tracing). */
  decorated(decorate: PluginDecorator): Framework {
    const f = Object.create(Framework.prototype) as Framework;
    Object.assign(f, this);
    (f as unknown as { scratch: Scratch }).scratch = new Scratch();
    f.fused = null;
    const wrap = new Map<AnyPlugin, AnyPlugin>();
    const w = <T>(list: T[]): T[] =>
      list.map((p) => {
        const a = p as unknown as AnyPlugin;
        if (!wrap.has(a)) wrap.set(a, decorate(a));
        return wrap.get(a) as unknown as T;
      });
    f.preEnqueuePlugins = w(this.preEnqueuePlugins);
    f.queueSortPlugins = w(this.queueSortPlugins);
    f.preFilterPlugins = w(this.preFilterPlugins);
    f.filterPlugins = w(this.filterPlugins);
    f.postFilterPlugins = w(this.postFilterPlugins);
    f.preScorePlugins = w(this.preScorePlugins);
    f.scorePlugins = w(this.scorePlugins);
    f.reservePlugins = w(this.reservePlugins);
    f.bindPlugins = w(this.bindPlugins);
    return f;
  }

  hasFilterPlugins(): boolean {
    return this.filterPlugins.length > 0;
  }
  hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }

  runPreEnqueuePlugins(pod: PodInfo): MaybeStatus {
    for (const pl of this.preEnqueuePlugins) {
      const s = pl.preEnqueue(pod);
      if (s !== null && s.code !== Code.Success) return s.withPlugin(pl.name);
    }
    return null;
  }

  /**
   * PreFilter in profile order: Skips are recorded, node sets intersected,
   * UnschedulableAndUnresolvable stops at once, Unschedulable lets the rest run.
   */
  runPreFilterPlugins(
    state: CycleState,
    pod: PodInfo,
  ): { nodeNames: Set<string> | null; status: MaybeStatus; unschedulablePlugins: Set<string> } {
    let result: Set<string> | null = null;
    const withNodes = new Set<string>();
    const skip = this.scratch.filterSkips.begin();
    let returnStatus: MaybeStatus = null;
    const nodes = this.snapshot.nodeInfoList();
    for (const pl of this.preFilterPlugins) {
      const out = pl.preFilter(state, pod, nodes);
      const s = out.status;
      if (s !== null && s.code === Code.Skip) {
        skip.push(pl);
        continue;
      }
      if (s !== null && s.code !== Code.Success) {
        s.withPlugin(pl.name);
        if (s.code === Code.UnschedulableAndUnresolvable) return { nodeNames: null, status: s, unschedulablePlugins: new Set([pl.name]) };
        if (s.code === Code.Unschedulable) {
          returnStatus = s;
          continue;
        }
        return {
          nodeNames: null,
          status: errorStatus(`running PreFilter plugin ${JSON.stringify(pl.name)}: ${s.message()}`).withPlugin(pl.name),
          unschedulablePlugins: new Set(),
        };
      }
      if (out.nodeNames !== undefined) {
        withNodes.add(pl.name);
        if (result === null) result = new Set(out.nodeNames);
        else for (const n of result) if (!out.nodeNames.has(n)) result.delete(n);
        if (result.size === 0) {
          const sorted = [...withNodes].sort();
          const msg =
            sorted.length === 1
              ? `node(s) didn't satisfy plugin ${sorted[0]}`
              : `node(s) didn't satisfy plugin(s) [${sorted.join(' ')}] simultaneously`;
          return { nodeNames: result, status: new Status(Code.UnschedulableAndUnresolvable, [msg]), unschedulablePlugins: withNodes };
        }
      }
    }
    state.skipFilterPlugins = this.scratch.filterSkips.names();
    const unschedulablePlugins = withNodes;
    if (returnStatus) unschedulablePlugins.add(returnStatus.plugin);
    return { nodeNames: result, status: returnStatus, unschedulablePlugins };
  }

  /** The Filter plugins that take part for this pod (PreFilter did not Skip them). */
  activeFilterPlugins(state: CycleState): FilterPlugin[] {
    return this.scratch.filterSkips.active(this.filterPlugins, state.skipFilterPlugins);
  }

  /**
   * Filters the snapshot nodes in slots[from..from+n) of `table` in place, plugin by
   * plugin (each plugin sees only the nodes the earlier ones passed, so every
   * node still reports its first failing plugin). Survivors stay at the front
   * (from `from`) in order; returns their count, or an error status.
   * With `src`, the n nodes are src[srcFrom], src[srcFrom + 1], … (wrapping at
   * the end of src), laid into slots[from..from+n) first (the fused kernel
   * reads them where they are).
   */
  runFilterPluginsOnSlots(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    allSlots: Int32Array,
    n: number,
    onReject: RejectNode,
    from = 0,
    src?: Int32Array,
    srcFrom = 0,
  ): number | Status {
    if (this.fused !== null) {
      const k = src
        ? this.fused.filterKernel.filter(plugins, state, pod, table, allSlots, n, onReject, from, src, srcFrom)
        : this.fused.filterKernel.filter(plugins, state, pod, table, allSlots, n, onReject, from);
      if (k !== undefined) return k;
    }
    if (src) {
      for (let i = 0, at = srcFrom; i < n; i++, at = at + 1 === src.length ? 0 : at + 1) allSlots[from + i] = src[at];
    }
    const slots = from === 0 ? allSlots : allSlots.subarray(from);
    const sink = this.scratch.filterSink;
    sink.onReject = onReject;
    sink.error = null;
    const reject = sink.reject;
    let k = n;
    for (let p = 0; p < plugins.length && k > 0; p++) {
      const pl = plugins[p];
      sink.current = pl.name;
      if (pl.filterAll) {
        k = pl.filterAll(state, pod, table, slots, k, reject);
      } else {
        const infos = table.infos;
        let kept = 0;
        for (let i = 0; i < k; i++) {
          const slot = slots[i];
          const ni = infos[slot]!;
          const s = pl.filter(state, pod, ni);
          if (s === null || s.code === Code.Success) slots[kept++] = slot;
          else reject(ni, s);
        }
        k = kept;
      }
      if (sink.error !== null) return sink.error;
    }
    return k;
  }

  /**
   * A cycle's whole untraced Filter pass in one call of the fused kernel
   * (FusedFilterPass.scan): undefined when there is none or it declines (the
   * caller then filters chunk by chunk with runFilterPluginsOnSlots).
   */
  scanFilterPlugins(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    nodes: readonly NodeInfo[],
    src: Int32Array,
    start: number,
    numToFind: number,
    out: Int32Array,
    diagnosis: Diagnosis,
  ): FilterScan | undefined {
    const kernel = this.fused === null ? undefined : this.fused.filterKernel;
    if (kernel === undefined || kernel.scan === undefined) return undefined;
    return kernel.scan(plugins, state, pod, table, nodes, src, start, numToFind, out, diagnosis);
  }

  /** Filters one node: plugins in order, stopping at the first that rejects. */
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const plugins = this.filterPlugins;
    const skip = state.skipFilterPlugins;
    const checkSkip = skip.size > 0;
    for (let i = 0; i < plugins.length; i++) {
      const pl = plugins[i];
      if (checkSkip && skip.has(pl.name)) continue;
      const s = pl.filter(state, pod, nodeInfo);
      if (s !== null && s.code !== Code.Success) {
        if (!s.isRejected()) {
          return errorStatus(`running ${JSON.stringify(pl.name)} filter plugin: ${s.message()}`).withPlugin(pl.name);
        }
        if (s.plugin !== pl.name) s.plugin = pl.name;
        return s;
      }
    }
    return null;
  }

  /**
   * Filters with pods nominated to the node (priority ≥ the pod's) counted as
   * running; if any were added, the node must also pass without them.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const nominated = this.nominator.nominatedPodsForNode(nodeInfo.name);
    if (nominated.length === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    let nodeOut: NodeInfo | null = null;
    let stateOut: CycleState | null = null;
    for (const pi of nominated) {
      if (pi.priority >= pod.priority && pi.uid !== pod.uid) {
        if (nodeOut === null) {
          nodeOut = nodeInfo.clone();
          stateOut = state.clone();
        }
        nodeOut.addPod(pi);
        const s = this.runPreFilterExtensionAddPod(stateOut!, pod, pi, nodeOut);
        if (s !== null && s.code !== Code.Success) return s;
      }
    }
    if (nodeOut === null) return this.runFilterPlugins(state, pod, nodeInfo);
    const first = this.runFilterPlugins(stateOut!, pod, nodeOut);
    if (first !== null && first.code !== Code.Success) return first;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: PodInfo, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    for (const pl of this.preFilterPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) continue;
      const ext = pl.preFilterExtensions?.();
      if (!ext) continue;
      const s = ext.addPod(state, podToSchedule, podInfoToAdd, nodeInfo);
      if (s !== null && s.code !== Code.Success) {
        return errorStatus(`running AddPod on PreFilter plugin ${JSON.stringify(pl.name)}: ${s.message()}`).withPlugin(pl.name);
      }
    }
    return null;
  }

  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: PodInfo, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    for (const pl of this.preFilterPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) continue;
      const ext = pl.preFilterExtensions?.();
      if (!ext) continue;
      const s = ext.removePod(state, podToSchedule, podInfoToRemove, nodeInfo);
      if (s !== null && s.code !== Code.Success) {
        return errorStatus(`running RemovePod on PreFilter plugin ${JSON.stringify(pl.name)}: ${s.message()}`).withPlugin(pl.name);
      }
    }
    return null;
  }

  /** PostFilter: the first success wins; otherwise reasons are collected. */
  runPostFilterPlugins(state: CycleState, pod: PodInfo, statuses: NodeToStatus): PostFilterResult {
    let result: PostFilterResult | null = null;
    const reasons: string[] = [];
    let rejector = '';
    for (const pl of this.postFilterPlugins) {
      const r = pl.postFilter(state, pod, statuses);
      const s = r.status;
      if (s === null || s.code === Code.Success) return r;
      if (s.code === Code.UnschedulableAndUnresolvable) return { ...r, status: s.withPlugin(pl.name) };
      if (!s.isRejected()) return { status: errorStatus(s.message()).withPlugin(pl.name) };
      if (r.nominatedNodeName !== undefined) result = r;
      reasons.push(...s.reasons);
      if (rejector === '') rejector = pl.name;
    }
    return { ...(result ?? {}), status: new Status(Code.Unschedulable, reasons).withPlugin(rejector) };
  }

  /** PreScore over the feasible nodes; Skips are recorded so Score does not run for them. */
  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus {
    const skip = this.scratch.scoreSkips.begin();
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore(state, pod, nodes);
      if (s === null || s.code === Code.Success) continue;
      if (s.code === Code.Skip) {
        skip.push(pl);
        continue;
      }
      return errorStatus(`running PreScore plugin ${JSON.stringify(pl.name)}: ${s.message()}`).withPlugin(pl.name);
    }
    state.skipScorePlugins = this.scratch.scoreSkips.names();
    return null;
  }

  /**
   * Score → NormalizeScore → weight. Returns the plugins that scored and, per
   * plugin, its normalized scores aligned with `nodes` (before weighting), and
   * the weighted totals per node; the arrays are reused by the next call.
   * `slots`, when given, holds the nodes' slots in the snapshot's node table
   * (for the plugins' scoreAll fast paths). With `keepScores` false the
   * per-plugin scores are not returned (null), and the fused kernel does not
   * write them: only the totals. With `rng` the fused kernel may also choose
   * the host (`selected`, its position; -1 when it did not, nothing drawn then)
   * exactly as selectHostIndex(n, totals, rng) would.
   */
  runScorePlugins(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    slots?: Int32Array,
    keepScores = true,
    rng?: Rng,
  ): { plugins: ScorePlugin[]; scores: number[][] | null; totals: Float64Array; status: MaybeStatus; selected: number } {
    const n = nodes.length;
    const scratch = this.scratch;
    const plugins = scratch.scoreSkips.active(this.scorePlugins, state.skipScorePlugins);
    const scores = scratch.scores;
    scores.length = 0;
    const totals = scratch.totals(n);
    const table = this.snapshot.table;
    let fast: Int32Array | null | undefined = slots;
    if (this.fused !== null && plugins.length > 0) {
      for (let p = 0; p < plugins.length; p++) scores.push(scratch.scoreBuffer(p, n));
      fast ??= scratch.slotsOf(nodes, table);
      const weights = scratch.weightsOf(plugins, this.scorePluginWeight);
      const kernel = this.fused.scoreKernel;
      if (fast !== null && kernel.score(plugins, weights, state, pod, table, fast, nodes, scores, totals, keepScores, rng)) {
        return { plugins, scores: keepScores ? scores : null, totals, status: null, selected: kernel.selected };
      }
      scores.length = 0;
    }
    for (let p = 0; p < plugins.length; p++) {
      const pl = plugins[p];
      const s = scratch.scoreBuffer(p, n);
      if (pl.scoreAll && fast === undefined) fast = scratch.slotsOf(nodes, table);
      if (pl.scoreAll && fast) pl.scoreAll(state, pod, table, fast, n, s);
      else for (let i = 0; i < n; i++) s[i] = pl.score(state, pod, nodes[i]);
      const ext = pl.scoreExtensions?.();
      if (ext) {
        const st = ext.normalizeScore(state, pod, nodes, s);
        if (st !== null && st.code !== Code.Success) {
          return { plugins, scores: keepScores ? scores : null, totals, status: errorStatus(`running Normalize on Score plugins: ${st.message()}`).withPlugin(pl.name), selected: -1 };
        }
      }
      scores.push(s);
    }
    // Weighted totals, a few plugins per pass. A score out of range fails the
    // cycle, reported for the first plugin that gave one (as a plugin-by-plugin
    // check would; the plugins after it have run, which changes no result).
    const bad = weighScores(scores, scratch.weightsOf(plugins, this.scorePluginWeight), totals, n);
    if (bad >= 0) {
      const s = scores[bad];
      const v = s[firstInvalid(s, n)];
      scores.length = bad;
      return {
        plugins,
        scores: keepScores ? scores : null,
        totals,
        status: errorStatus(`plugin ${JSON.stringify(plugins[bad].name)} returns an invalid score ${v}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`),
        selected: -1,
      };
    }
    return { plugins, scores: keepScores ? scores : null, totals, status: null, selected: -1 };
  }

  runReservePlugins(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus {
    for (const pl of this.reservePlugins) {
      const s = pl.reserve(state, pod, nodeName);
      if (s !== null && s.code !== Code.Success) return s.withPlugin(pl.name);
    }
    return null;
  }

  runUnreservePlugins(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) this.reservePlugins[i].unreserve(state, pod, nodeName);
  }

  /** Bind: the first plugin that does not Skip binds. */
  runBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus {
    for (const pl of this.bindPlugins) {
      const s = pl.bind(state, pod, nodeName);
      if (s !== null && s.code === Code.Skip) continue;
      if (s !== null && s.code !== Code.Success) return s.withPlugin(pl.name);
      return null;
    }
    return new Status(Code.Skip).withPlugin('');
  }
}

export { CycleState };
