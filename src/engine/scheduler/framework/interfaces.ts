/**
 * The extension points of the scheduling framework, as upstream's
 * k8s.io/kube-scheduler/framework interfaces. A plugin implements the ones it
 * needs; the runtime calls them in profile order. Plugins never import each
 * other and never know whether they are being traced.
 */
import type { Labels } from '../../model/labels';
import type { KubeObject, PodDisruptionBudget, Service, Workload } from '../../model/types';
import type { Rng } from '../../random/rng';
import type { CycleState } from './cycle-state';
import type { NodeInfo } from './node-info';
import type { NodeTable } from './node-table';
import type { PodInfo } from './pod-info';
import type { Snapshot } from './snapshot';
import type { MaybeStatus, Status } from './status';

export interface Plugin {
  readonly name: string;
}

/** A pod in the scheduling queue. */
export interface QueuedPodInfo {
  readonly podInfo: PodInfo;
  /** Virtual time (ms) the pod was (re-)added to the active queue. */
  timestamp: number;
  attempts: number;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: PodInfo): MaybeStatus;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/** What a PreFilter returns: a status, and optionally the only nodes worth filtering. */
export interface PreFilterOutcome {
  readonly status: MaybeStatus;
  /** undefined: every node. A set: only these nodes (upstream's PreFilterResult). */
  readonly nodeNames?: ReadonlySet<string>;
}

export const PREFILTER_OK: PreFilterOutcome = Object.freeze({ status: null });

/** Lets preemption and nominated pods update PreFilter state incrementally. */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: PodInfo, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  removePod(state: CycleState, podToSchedule: PodInfo, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterOutcome;
  preFilterExtensions?(): PreFilterExtensions | null;
}

export interface FilterPlugin extends Plugin {
  /** null for Success; otherwise Unschedulable / UnschedulableAndUnresolvable with reasons. */
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  /**
   * Optional fast path with exactly `filter`'s verdicts, for the untraced hot
   * loop over snapshot nodes: filters slots[0..n) of `table` in place,
   * keeping the slots that pass at the front in their order, and hands each
   * rejected node (table.infos[slot]) to `reject`. Returns how many passed.
   * It may read the table's columns, or call `filter` for unusual cases.
   */
  filterAll?(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, reject: RejectNode): number;
}

/** Receives a node a Filter plugin rejected, with its status. */
export type RejectNode = (nodeInfo: NodeInfo, status: Status) => void;

/**
 * A filtering pass's rejections kept in a compact form (the fused Filter
 * kernel's log: node-list positions and status codes in a typed array),
 * turned into node/status entries only when someone reads them.
 */
export interface RejectionSource {
  /** How many nodes it rejected (each node once). */
  readonly count: number;
  /** Hands each rejection to `sink`, in the order the plugin-by-plugin pass hands them on. */
  replay(sink: (nodeInfo: NodeInfo, status: Status) => void): void;
}

/**
 * Filter statuses per node; nodes not listed take `absentNodesStatus` (if any).
 * The hot loop adds statuses with setNew into plain arrays, or hands over a
 * whole pass as a RejectionSource (`setNewFrom`); the map is built the first
 * time someone reads it (most cycles never do).
 */
export class NodeToStatus {
  private map: Map<string, Status> | null = null;
  /** Names, or the NodeInfos whose names they are (read when the map is built, so the hot loop touches no node object). */
  private names: (string | NodeInfo)[] = [];
  private statuses: Status[] = [];
  /** A pass's rejections not expanded yet; only while `map` is null and `names` empty (they come first). */
  private pending: RejectionSource | null = null;
  absentNodesStatus: Status | null = null;

  get byNode(): ReadonlyMap<string, Status> {
    return this.index();
  }
  set(node: string, s: Status): void {
    this.index().set(node, s);
  }
  /** set() for a node that has no status yet (the caller knows it). */
  setNew(node: string, s: Status): void {
    if (this.pending !== null) this.expandPending();
    if (this.map !== null) this.map.set(node, s);
    else {
      this.names.push(node);
      this.statuses.push(s);
    }
  }
  /** setNew() for the node of `ni` (whose name never changes). */
  setNewNode(ni: NodeInfo, s: Status): void {
    if (this.pending !== null) this.expandPending();
    if (this.map !== null) this.map.set(ni.name, s);
    else {
      this.names.push(ni);
      this.statuses.push(s);
    }
  }
  /** setNewNode() for the first `n` of `nodes` with their `statuses`, in order (the lists are copied). */
  setNewNodes(nodes: readonly NodeInfo[], statuses: readonly Status[], n: number): void {
    if (n === 0) return;
    if (this.map === null && this.names.length === 0 && this.pending === null) {
      // One allocation of the exact size each, rather than growing by pushes.
      this.names = nodes.slice(0, n);
      this.statuses = statuses.slice(0, n);
      return;
    }
    for (let i = 0; i < n; i++) this.setNewNode(nodes[i], statuses[i]);
  }
  /**
   * setNewNode() for every rejection of `src`, in its order (none of its
   * nodes has a status yet). Kept as it is until read when nothing else is
   * here yet; otherwise expanded at once.
   */
  setNewFrom(src: RejectionSource): void {
    if (src.count === 0) return;
    if (this.map === null && this.names.length === 0 && this.pending === null) this.pending = src;
    else src.replay((ni, s) => this.setNewNode(ni, s));
  }
  get(node: string): Status | null {
    return this.index().get(node) ?? this.absentNodesStatus;
  }
  get size(): number {
    if (this.map !== null) return this.map.size;
    return this.pending !== null ? this.pending.count : this.names.length;
  }
  /** Moves the pending rejections into names/statuses (in order, ahead of anything added later). */
  private expandPending(): void {
    const src = this.pending!;
    this.pending = null;
    const names = this.names;
    const statuses = this.statuses;
    src.replay((ni, s) => {
      names.push(ni);
      statuses.push(s);
    });
  }
  /** Builds the map from what setNew added (in order); later statuses may then repeat nodes. */
  index(): Map<string, Status> {
    if (this.map === null) {
      const map = (this.map = new Map<string, Status>());
      if (this.pending !== null) {
        // Nothing else is here then (names empty): the pass's entries straight into the map.
        const src = this.pending;
        this.pending = null;
        src.replay((ni, s) => map.set(ni.name, s));
        return map;
      }
      for (let i = 0; i < this.names.length; i++) {
        const n = this.names[i];
        map.set(typeof n === 'string' ? n : n.name, this.statuses[i]);
      }
      this.names.length = 0;
      this.statuses.length = 0;
    }
    return this.map;
  }
}

export interface PostFilterResult {
  readonly status: MaybeStatus;
  readonly nominatedNodeName?: string;
  /** Pods that preemption removes (informational; the plugin already asked the handle to delete them). */
  readonly victims?: readonly PodInfo[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, filteredNodeStatus: NodeToStatus): PostFilterResult;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus;
}

export interface ScoreExtensions {
  /** Rewrites `scores` (aligned with `nodes`) into [0, 100]. */
  normalizeScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): MaybeStatus;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number;
  /**
   * Optional fast path with exactly `score`'s results over snapshot nodes:
   * out[i] = score(table.infos[slots[i]]) for i < n.
   */
  scoreAll?(state: CycleState, pod: PodInfo, table: NodeTable, slots: Int32Array, n: number, out: number[]): void;
  scoreExtensions?(): ScoreExtensions | null;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
}

/** The cluster objects plugins may look up besides nodes and assigned pods. */
export interface ClusterListers {
  namespaceLabels(namespace: string): Labels;
  services(namespace: string): readonly Service[];
  replicaSets(namespace: string): readonly Workload[];
  statefulSets(namespace: string): readonly Workload[];
  replicationControllers(namespace: string): readonly Workload[];
  /** One ReplicaSet, StatefulSet or ReplicationController by name (the lists above, without a scan). */
  workloadByName?(kind: 'ReplicaSet' | 'StatefulSet' | 'ReplicationController', namespace: string, name: string): Workload | undefined;
  podDisruptionBudgets(namespace: string): readonly PodDisruptionBudget[];
  /** A PersistentVolumeClaim by namespace/name (VolumeBinding's claim checks). */
  persistentVolumeClaim?(namespace: string, name: string): KubeObject | undefined;
  /** A StorageClass by name (to tell immediate from WaitForFirstConsumer binding). */
  storageClass?(name: string): KubeObject | undefined;
  /** A PersistentVolume by name, and all of them (VolumeBinding's node checks). */
  persistentVolume?(name: string): KubeObject | undefined;
  persistentVolumes?(): readonly KubeObject[];
}

/** Pods that preemption nominated to a node and that are not bound yet. */
export interface Nominator {
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/** What the cluster around the scheduler does for it: binding, deleting victims, nominating. */
export interface ClusterActions {
  bind(pod: PodInfo, nodeName: string): MaybeStatus;
  /** Preemption: delete a victim (it gets a DisruptionTarget condition and terminates). */
  evictVictim(victim: PodInfo, preemptor: PodInfo, nodeName: string): void;
  /** Clears status.nominatedNodeName of a lower-priority pod that lost its place. */
  clearNomination(pod: PodInfo): void;
  /** VolumeBinding's PreBind: claimRef on each chosen volume, selected-node on each claim to provision. */
  bindVolumes?(pod: PodInfo, nodeName: string, plan: { bindings: { claim: KubeObject; volume: KubeObject }[]; provision: KubeObject[] }): void;
}

/** What the framework gives every plugin factory (upstream's framework.Handle). */
export interface Handle {
  readonly snapshot: Snapshot;
  readonly listers: ClusterListers;
  readonly nominator: Nominator;
  readonly cluster: ClusterActions;
  /** The seeded generator: for preemption's random offset and tie-breaks. */
  readonly rng: Rng;
  /** Filter plugins with nominated pods taken into account (preemption's dry run). */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: PodInfo, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: PodInfo, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

export type AnyPlugin = Plugin &
  Partial<
    PreEnqueuePlugin &
      QueueSortPlugin &
      PreFilterPlugin &
      FilterPlugin &
      PostFilterPlugin &
      PreScorePlugin &
      ScorePlugin &
      ReservePlugin &
      BindPlugin
  >;

/** A plugin's factory and its args handling, as one registry entry. */
export interface PluginFactory<Args = unknown> {
  /** Fills in upstream's defaults for missing args fields (SetDefaults_*Args). */
  defaultArgs?(args: Partial<Args> | undefined): Args;
  /** Upstream's validation: messages naming the field path, e.g. `scoringStrategy.type: Unsupported value: "x"`. */
  validateArgs?(args: Args, path: string): string[];
  create(args: Args, handle: Handle): AnyPlugin;
}
