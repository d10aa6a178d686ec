/**
 * The framework runtime, as upstream's runtime/framework.go: builds a
 * profile's plugin lists (per extension point, multiPoint expansion,
 * weights) and runs the extension points in order. It also is the Handle
 * plugins receive.
 */
import type { Rng } from '../../random/rng';
import type { ExtensionPoint, Registry, ResolvedProfile } from './config';
import { ConfigError } from './config';
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
import type { PodInfo } from './pod-info';
import type { Snapshot } from './snapshot';
import { Code, type MaybeStatus, Status, errorStatus } from './status';

export const MAX_NODE_SCORE = 100;
const MAX_TOTAL_SCORE = Number.MAX_SAFE_INTEGER;

/** Which method makes a plugin implement an extension point, and upstream's interface name. */
const IMPLEMENTS: Record<ExtensionPoint, { method: string; type: string }> = {
  preEnqueue: { method: 'preEnqueue', type: 'PreEnqueuePlugin' },
  queueSort: { method: 'less', type: 'QueueSortPlugin' },
  preFilter: { method: 'preFilter', type: 'PreFilterPlugin' },
  filter: { method: 'filter', type: 'FilterPlugin' },
  postFilter: { method: 'postFilter', type: 'PostFilterPlugin' },
  preScore: { method: 'preScore', type: 'PreScorePlugin' },
  score: { method: 'score', type: 'ScorePlugin' },
  reserve: { method: 'reserve', type: 'ReservePlugin' },
  permit: { method: 'permit', type: 'PermitPlugin' },
  preBind: { method: 'preBind', type: 'PreBindPlugin' },
  bind: { method: 'bind', type: 'BindPlugin' },
  postBind: { method: 'postBind', type: 'PostBindPlugin' },
};

const implementsPoint = (p: AnyPlugin, ep: ExtensionPoint) =>
  typeof (p as unknown as Record<string, unknown>)[IMPLEMENTS[ep].method] === 'function';

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

  readonly pluginsMap = new Map<string, AnyPlugin>();
  preEnqueuePlugins: PreEnqueuePlugin[] = [];
  queueSortPlugins: QueueSortPlugin[] = [];
  preFilterPlugins: PreFilterPlugin[] = [];
  filterPlugins: FilterPlugin[] = [];
  postFilterPlugins: PostFilterPlugin[] = [];
  preScorePlugins: PreScorePlugin[] = [];
  scorePlugins: ScorePlugin[] = [];
  reservePlugins: ReservePlugin[] = [];
  bindPlugins: BindPlugin[] = [];
  readonly scorePluginWeight = new Map<string, number>();
  /** Per score plugin, an array reused by every cycle (valid until the next cycle). */
  private readonly scoreBuffers: number[][] = [];
  /** Weighted totals, reused likewise (a view of the first n entries of a growing buffer). */
  private totalsBuffer = new Float64Array(0);
  private totalsView = new Float64Array(0);
  private slotBuffer = new Int32Array(0);
  /** PreFilter's skipped plugins: scratch, the last distinct list, its name set and the Filter plugins left. */
  private readonly skipScratch: PreFilterPlugin[] = [];
  private lastSkipped: PreFilterPlugin[] = [];
  private lastSkipSet: ReadonlySet<string> = new Set();
  private lastActive: FilterPlugin[] | null = null;

  constructor(profile: ResolvedProfile, registry: Registry, deps: FrameworkDeps) {
    this.snapshot = deps.snapshot;
    this.listers = deps.listers;
    this.nominator = deps.nominator;
    this.cluster = deps.cluster;
    this.rng = deps.rng;
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    const path = `profiles[${profile.index}].plugins`;
    const errors: { field: string; message: string }[] = [];

    // Instantiate every plugin named anywhere in the profile.
    const needed = new Map<string, string>();
    for (const ep of ['multiPoint', ...Object.keys(IMPLEMENTS)] as ('multiPoint' | ExtensionPoint)[]) {
      profile.plugins[ep].enabled.forEach((p, i) => {
        if (!needed.has(p.name)) needed.set(p.name, `${path}.${ep}.enabled[${i}]`);
      });
    }
    for (const [name, field] of needed) {
      const factory = registry.get(name);
      if (!factory) {
        const ep = field.split('.')[2];
        const type = ep === 'multiPoint' ? 'Plugin' : IMPLEMENTS[ep as ExtensionPoint].type;
        errors.push({ field, message: `${type} ${JSON.stringify(name)} does not exist` });
        continue;
      }
      this.pluginsMap.set(name, factory.create(profile.pluginArgs.get(name), this));
    }
    if (errors.length) throw new ConfigError(errors);

    // Plugins per extension point, then multiPoint expansion (upstream's order rules).
    const lists = new Map<ExtensionPoint, AnyPlugin[]>();
    for (const ep of Object.keys(IMPLEMENTS) as ExtensionPoint[]) {
      const set = profile.plugins[ep];
      const list: AnyPlugin[] = [];
      const seen = new Set<string>();
      set.enabled.forEach((ref, i) => {
        const field = `${path}.${ep}.enabled[${i}]`;
        const pg = this.pluginsMap.get(ref.name)!;
        if (!implementsPoint(pg, ep)) {
          errors.push({ field, message: `plugin ${JSON.stringify(ref.name)} does not extend ${IMPLEMENTS[ep].type} plugin` });
          return;
        }
        if (seen.has(ref.name)) {
          errors.push({ field, message: `plugin ${JSON.stringify(ref.name)} already registered as ${JSON.stringify(IMPLEMENTS[ep].type)}` });
          return;
        }
        seen.add(ref.name);
        list.push(pg);
      });
      lists.set(ep, list);
    }
    if (profile.plugins.multiPoint.enabled.length > 0) {
      for (const ep of Object.keys(IMPLEMENTS) as ExtensionPoint[]) {
        const set = profile.plugins[ep];
        const enabledSet = set.enabled.map((p) => p.name);
        const disabled = new Set(set.disabled.map((d) => d.name));
        if (disabled.has('*')) continue;
        const multi: string[] = [];
        const overrides: string[] = [];
        profile.plugins.multiPoint.enabled.forEach((ref, i) => {
          const pg = this.pluginsMap.get(ref.name)!;
          if (!implementsPoint(pg, ep) || disabled.has(ref.name)) return;
          if (enabledSet.includes(ref.name)) {
            if (!overrides.includes(ref.name)) overrides.push(ref.name);
            return;
          }
          if (multi.includes(ref.name)) {
            errors.push({ field: `${path}.multiPoint.enabled[${i}]`, message: `plugin ${JSON.stringify(ref.name)} already registered as ${JSON.stringify(IMPLEMENTS[ep].type)}` });
            return;
          }
          multi.push(ref.name);
        });
        const order: string[] = [...overrides];
        for (const n of [...multi, ...enabledSet]) if (!order.includes(n)) order.push(n);
        lists.set(ep, order.map((n) => this.pluginsMap.get(n)!));
      }
    }
    this.preEnqueuePlugins = lists.get('preEnqueue') as PreEnqueuePlugin[];
    this.queueSortPlugins = lists.get('queueSort') as QueueSortPlugin[];
    this.preFilterPlugins = lists.get('preFilter') as PreFilterPlugin[];
    this.filterPlugins = lists.get('filter') as FilterPlugin[];
    this.postFilterPlugins = lists.get('postFilter') as PostFilterPlugin[];
    this.preScorePlugins = lists.get('preScore') as PreScorePlugin[];
    this.scorePlugins = lists.get('score') as ScorePlugin[];
    this.reservePlugins = lists.get('reserve') as ReservePlugin[];
    this.bindPlugins = lists.get('bind') as BindPlugin[];

    if (this.queueSortPlugins.length !== 1) {
      errors.push({ field: `${path}.queueSort`, message: `only one queue sort plugin required for profile with scheduler name ${JSON.stringify(this.profileName)}, but got ${this.queueSortPlugins.length}` });
    }
    if (this.bindPlugins.length === 0) {
      errors.push({ field: `${path}.bind`, message: `at least one bind plugin is needed for profile with scheduler name ${JSON.stringify(this.profileName)}` });
    }
    // Weights: an explicit score weight wins over the multiPoint one; 0 or unset means 1.
    let total = 0;
    for (const ref of [...profile.plugins.score.enabled, ...profile.plugins.multiPoint.enabled]) {
      const pg = this.pluginsMap.get(ref.name);
      if (!pg || !implementsPoint(pg, 'score') || this.scorePluginWeight.has(ref.name)) continue;
      const w = ref.weight === undefined || ref.weight === 0 ? 1 : ref.weight;
      this.scorePluginWeight.set(ref.name, w);
      if (w * MAX_NODE_SCORE > MAX_TOTAL_SCORE - total) {
        errors.push({ field: `${path}.score`, message: 'total score of Score plugins could overflow' });
      }
      total += w * MAX_NODE_SCORE;
    }
    if (errors.length) throw new ConfigError(errors);
  }

  /** A copy of this framework whose plugins are wrapped by `decorate` (tracing). */
  decorated(decorate: PluginDecorator): Framework {
    const f = Object.create(Framework.prototype) as Framework;
    Object.assign(f, this);
    const buffers = f as unknown as { scoreBuffers: number[][]; totalsBuffer: Float64Array; totalsView: Float64Array; slotBuffer: Int32Array };
    buffers.scoreBuffers = [];
    buffers.totalsBuffer = new Float64Array(0);
    buffers.totalsView = new Float64Array(0);
    buffers.slotBuffer = new Int32Array(0);
    const skips = f as unknown as { skipScratch: PreFilterPlugin[]; lastSkipped: PreFilterPlugin[]; lastSkipSet: ReadonlySet<string>; lastActive: FilterPlugin[] | null };
    skips.skipScratch = [];
    skips.lastSkipped = [];
    skips.lastSkipSet = new Set();
    skips.lastActive = null;
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
    const skip = this.skipScratch;
    skip.length = 0;
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
    state.skipFilterPlugins = this.skipSet(skip);
    const unschedulablePlugins = new Set(withNodes);
    if (returnStatus) unschedulablePlugins.add(returnStatus.plugin);
    return { nodeNames: result, status: returnStatus, unschedulablePlugins };
  }

  /**
   * The set of the skipped plugins' names. Consecutive pods mostly skip the
   * same plugins, so the last set is reused (it is never mutated).
   */
  private skipSet(skipped: readonly PreFilterPlugin[]): ReadonlySet<string> {
    const last = this.lastSkipped;
    let same = last.length === skipped.length;
    for (let i = 0; same && i < skipped.length; i++) same = last[i] === skipped[i];
    if (!same) {
      this.lastSkipped = skipped.slice();
      this.lastSkipSet = new Set(skipped.map((p) => p.name));
      this.lastActive = null;
    }
    return this.lastSkipSet;
  }

  /** The Filter plugins that take part for this pod (PreFilter did not Skip them). */
  activeFilterPlugins(state: CycleState): FilterPlugin[] {
    const skip = state.skipFilterPlugins;
    if (skip.size === 0) return this.filterPlugins;
    if (skip === this.lastSkipSet) return (this.lastActive ??= this.filterPlugins.filter((p) => !skip.has(p.name)));
    return this.filterPlugins.filter((p) => !skip.has(p.name));
  }

  /**
   * Filters the snapshot nodes in slots[0..n) of `table` in place, plugin by
   * plugin (each plugin sees only the nodes the earlier ones passed, so every
   * node still reports its first failing plugin). Survivors stay at the front
   * in order; returns their count, or an error status.
   */
  runFilterPluginsOnSlots(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    slots: Int32Array,
    n: number,
    onReject: RejectNode,
  ): number | Status {
    let error: Status | null = null;
    let current = '';
    const reject: RejectNode = (ni, s) => {
      if (!s.isRejected()) {
        error ??= errorStatus(`running ${JSON.stringify(current)} filter plugin: ${s.message()}`).withPlugin(current);
        return;
      }
      if (s.plugin !== current) s.plugin = current;
      onReject(ni, s);
    };
    let k = n;
    for (let p = 0; p < plugins.length && k > 0; p++) {
      const pl = plugins[p];
      current = pl.name;
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
      if (error !== null) return error;
    }
    return k;
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
    const skip = new Set<string>();
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore(state, pod, nodes);
      if (s === null || s.code === Code.Success) continue;
      if (s.code === Code.Skip) {
        skip.add(pl.name);
        continue;
      }
      return errorStatus(`running PreScore plugin ${JSON.stringify(pl.name)}: ${s.message()}`).withPlugin(pl.name);
    }
    state.skipScorePlugins = skip;
    return null;
  }

  /**
   * Score → NormalizeScore → weight. Returns the plugins that scored and, per
   * plugin, its normalized scores aligned with `nodes` (before weighting), and
   * the weighted totals per node; the arrays are reused by the next call.
   * `slots`, when given, holds the nodes' slots in the snapshot's node table
   * (for the plugins' scoreAll fast paths).
   */
  runScorePlugins(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    slots?: Int32Array,
  ): { plugins: ScorePlugin[]; scores: number[][]; totals: Float64Array; status: MaybeStatus } {
    const n = nodes.length;
    const plugins: ScorePlugin[] = [];
    const skip = state.skipScorePlugins;
    for (const pl of this.scorePlugins) if (!skip.has(pl.name)) plugins.push(pl);
    const scores: number[][] = [];
    if (this.totalsBuffer.length < n) this.totalsBuffer = new Float64Array(Math.max(n, 2 * this.totalsBuffer.length));
    if (this.totalsView.length !== n || this.totalsView.buffer !== this.totalsBuffer.buffer) this.totalsView = this.totalsBuffer.subarray(0, n);
    const totals = this.totalsView;
    totals.fill(0);
    const table = this.snapshot.table;
    let fast: Int32Array | null | undefined = slots;
    for (let p = 0; p < plugins.length; p++) {
      const pl = plugins[p];
      // Score buffers are reused across cycles: the hot loop allocates nothing per node.
      const s = (this.scoreBuffers[p] ??= []);
      // Filled with a fraction first, so every buffer holds unboxed doubles (one elements kind for the loops below).
      while (s.length < n) s.push(0.5);
      s.length = n;
      if (pl.scoreAll && fast === undefined) fast = this.slotsOf(nodes);
      if (pl.scoreAll && fast) pl.scoreAll(state, pod, table, fast, n, s);
      else for (let i = 0; i < n; i++) s[i] = pl.score(state, pod, nodes[i]);
      const ext = pl.scoreExtensions?.();
      if (ext) {
        const st = ext.normalizeScore(state, pod, nodes, s);
        if (st !== null && st.code !== Code.Success) {
          return { plugins, scores, totals, status: errorStatus(`running Normalize on Score plugins: ${st.message()}`).withPlugin(pl.name) };
        }
      }
      const weight = this.scorePluginWeight.get(pl.name) ?? 1;
      for (let i = 0; i < n; i++) {
        const v = s[i];
        if (!(v >= 0 && v <= MAX_NODE_SCORE)) {
          return {
            plugins,
            scores,
            totals,
            status: errorStatus(`plugin ${JSON.stringify(pl.name)} returns an invalid score ${v}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`),
          };
        }
        totals[i] += v * weight;
      }
      scores.push(s);
    }
    return { plugins, scores, totals, status: null };
  }

  /** The nodes' slots in the snapshot's table, or null if one is not there (a clone). */
  private slotsOf(nodes: readonly NodeInfo[]): Int32Array | null {
    const table = this.snapshot.table;
    if (this.slotBuffer.length < nodes.length) this.slotBuffer = new Int32Array(nodes.length);
    const out = this.slotBuffer;
    for (let i = 0; i < nodes.length; i++) {
      if (nodes[i].table !== table) return null;
      out[i] = nodes[i].slot;
    }
    return out;
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
