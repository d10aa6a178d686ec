/**
 * PodInfo: a pod plus what the scheduler derives from it once (requests,
 * affinity terms, host ports), as upstream's framework.PodInfo. Built when a
 * pod enters the queue or the cache, never inside a cycle's hot loop.
 */
import { labelSelectorAsSelector, type Labels, type Selector } from '../../model/labels';
import { storedPodRequests, uncachedPodRequests } from '../../model/pod-requests-cache';
import type { Resource } from '../../model/resource';
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../model/types';

export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly selector: Selector;
  readonly topologyKey: string;
  readonly namespaceSelector: Selector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const ns = new Set(term.namespaces ?? []);
  if (ns.size === 0 && (term.namespaceSelector === undefined || term.namespaceSelector === null)) {
    ns.add(pod.metadata.namespace ?? 'default');
  }
  return {
    namespaces: ns,
    selector: labelSelectorAsSelector(term.labelSelector, 'labelSelector'),
    topologyKey: term.topologyKey,
    namespaceSelector: labelSelectorAsSelector(term.namespaceSelector, 'namespaceSelector'),
  };
}

function weighted(pod: Pod, terms: WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

/** Whether an affinity term selects `pod`, given the labels of the pod's namespace. */
export function affinityTermMatches(term: AffinityTerm, pod: PodInfo, nsLabels: Labels): boolean {
  if (term.namespaces.has(pod.namespace) || term.namespaceSelector.matches(nsLabels)) {
    return term.selector.matches(pod.labels);
  }
  return false;
}

/** schedutil.GetHostPorts: sidecars (restartable init containers) first, then the regular containers; ordinary init containers hold no port for the pod's life. */
function hostPortsOf(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...sidecars, ...(pod.spec.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if ((p.hostPort ?? 0) > 0) {
        ports.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort! });
      }
    }
  }
  return ports;
}

/** Tests turn off sameDerivedSpec's field-by-field path (the very spec object only), to compare. */
export const SPEC_FIELDS_REUSE = { enabled: true };

/**
 * Whether a PodInfo derives the same requests, non-zero requests, host ports
 * and affinity terms from spec `b` as from `a`: the very spec, or the very
 * objects in every field those read (containers, initContainers, pod-level
 * resources, overhead, affinity). A binding stores `{ ...spec, nodeName }`
 * and the scheduler assumed a shallow copy of the pending spec: the bound
 * pod's later updates share those fields with the PodInfo the cycle assumed.
 */
function sameDerivedSpec(a: Pod['spec'], b: Pod['spec']): boolean {
  if (a === b) return true;
  if (!SPEC_FIELDS_REUSE.enabled || a === undefined || a === null || b === undefined || b === null) return false;
  return a.containers === b.containers && a.initContainers === b.initContainers && a.resources === b.resources && a.overhead === b.overhead && a.affinity === b.affinity;
}

/** Whether `pod` has the spec fields (see sameDerivedSpec) and labels objects, and the namespace, `like` was derived from. */
function sameSource(like: PodInfo, pod: Pod): boolean {
  return sameDerivedSpec(like.pod.spec, pod.spec) && like.labels === pod.metadata.labels && like.namespace === (pod.metadata.namespace ?? 'default');
}

/** status.startTime in ms since the epoch, or +Infinity when not started. */
function startTimeOf(pod: Pod): number {
  const st = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
  return Number.isFinite(st) ? st : Number.POSITIVE_INFINITY;
}

export class PodInfo {
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`. */
  readonly key: string;
  readonly uid: string;
  readonly labels: Labels;
  readonly priority: number;
  /** Effective requests (containers, init containers, sidecars, overhead). */
  readonly requests: Resource;
  /** cpu (millicores) and memory (bytes) with the non-zero scoring defaults. */
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** status.startTime in ms since the epoch, or +Infinity when not started (renewed with `pod` by rerecord). */
  startTime: number;
  /** The order the pod arrived in, for queue ties and preemption ties. */
  readonly seq: number;
  /**
   * The Snapshot whose label postings hold this object, and the posting keys
   * it is filed under there (that snapshot's bookkeeping; null when none).
   */
  postedIn: object | null = null;
  postingKeys: readonly string[] | null = null;
  /**
   * The posting keys of its string labels and its label set's content id (framework/label-index.ts
   * labelKeysOf, labelSetOfPod), made when first asked: its namespace and labels object never change.
   * labelSet -2: not asked yet.
   */
  labelKeys: readonly string[] | null = null;
  labelSet = -2;
  /** The postings themselves, aligned with postingKeys (framework/label-index.ts), or null. */
  postingRefs: readonly object[] | null = null;
  /**
   * Where postedIn filed it, and what it was then: the node, that node's
   * table slot, and whether the pod was terminating. A filed pod's node keeps
   * its slot, and a pod object is never edited in place, so readers of the
   * postings (PodTopologySpread's walk of a selector's pods) take these
   * instead of reaching into the pod and node objects.
   */
  postedNode: object | null = null;
  postedSlot = -1;
  postedTerminating = false;
  /**
   * The store's number of the pod object (WatchEvent.id), set by the scheduler's informers:
   * the Snapshot keeps an assigned pod's node in an array slot by it. -1 when there is none
   * (the batch path, tests): the Snapshot then keys it by `key`.
   */
  num = -1;
  /** The selector selectedBy last answered for, and its answer. */
  private lastSelector: Selector | null = null;
  private lastSelected = false;

  /** `storedSpec`: the spec of the stored object `pod` is (a copy of), when it is one. */
  constructor(
    /**
     * The pod object. Replaced in place only by PodInfo.rerecord (a recorded bound pod's
     * status or deletion update that leaves everything else derived here as it was).
     */
    public pod: Pod,
    seq = 0,
    storedSpec?: Pod['spec'],
  ) {
    this.seq = seq;
    this.namespace = pod.metadata.namespace ?? 'default';
    this.name = pod.metadata.name ?? '';
    this.key = `${this.namespace}/${this.name}`;
    this.uid = pod.metadata.uid ?? this.key;
    this.labels = pod.metadata.labels;
    this.priority = pod.spec.priority ?? 0;
    this.startTime = startTimeOf(pod);
    // Requests depend on the spec alone: a stored spec's are parsed once per content and
    // shared with the kubelet (model/pod-requests-cache.ts); others are parsed afresh.
    const req = storedSpec ? storedPodRequests(pod, storedSpec) : uncachedPodRequests(pod);
    this.requests = req.requests.clone();
    this.nonZeroMilliCPU = req.nonZeroMilliCPU;
    this.nonZeroMemory = req.nonZeroMemory;
    this.hostPorts = hostPortsOf(pod);
    const aff = pod.spec.affinity;
    this.requiredAffinityTerms = (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      newAffinityTerm(pod, t),
    );
    this.requiredAntiAffinityTerms = (
      aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => newAffinityTerm(pod, t));
    this.preferredAffinityTerms = weighted(pod, aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.preferredAntiAffinityTerms = weighted(pod, aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
  }

  /**
   * `selector.matches(this.labels)`, remembered for the last selector asked:
   * a label set is never edited in place (a change is a new pod object, and
   * a new PodInfo), so the answer stays. PodTopologySpread walks a
   * ReplicaSet's ~30 pods with the same selector object in each of the
   * cycles that schedule its replacements; a match costs several label lookups.
   */
  selectedBy(selector: Selector): boolean {
    if (this.lastSelector === selector) return this.lastSelected;
    const m = selector.matches(this.labels);
    this.lastSelector = selector;
    this.lastSelected = m;
    return m;
  }

  /**
   * Whether `pod`, a later version of this PodInfo's pod object, derives everything a PodInfo
   * holds exactly as this one's does, but for the start time: same uid, namespace, name,
   * priority, labels object and the spec fields requests, ports and affinity terms come from.
   */
  sameButStatus(pod: Pod): boolean {
    const m = pod.metadata;
    return (
      (m.uid ?? `${m.namespace ?? 'default'}/${m.name ?? ''}`) === this.uid &&
      (m.name ?? '') === this.name &&
      (pod.spec.priority ?? 0) === this.priority &&
      sameSource(this, pod)
    );
  }

  /** Points this PodInfo at `pod` (sameButStatus holds): the pod and its start time renewed, the rest kept. */
  rerecord(pod: Pod): void {
    const was = this.pod.status?.startTime;
    this.pod = pod;
    if (pod.status?.startTime !== was) this.startTime = startTimeOf(pod);
  }

  get terminating(): boolean {
    return this.pod.metadata.deletionTimestamp !== undefined && this.pod.metadata.deletionTimestamp !== null;
  }

  get nodeName(): string {
    return this.pod.spec.nodeName ?? '';
  }

  hasAffinity(): boolean {
    return (
      this.requiredAffinityTerms.length > 0 ||
      this.requiredAntiAffinityTerms.length > 0 ||
      this.preferredAffinityTerms.length > 0 ||
      this.preferredAntiAffinityTerms.length > 0
    );
  }
}
