/**
 * The per-node columns PodTopologySpread keeps across cycles: topology values
 * (interned), matching-pod counts per selector, and the inclusion policies'
 * verdicts, plus node positions in the snapshot's node list.
 */
import type { Toleration } from '../../../model/types';
import type { Selector } from '../../../model/labels';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { NodeTable } from '../../framework/node-table';
import type { Snapshot } from '../../framework/snapshot';
import { countMatching, LABEL_HOSTNAME, toleratesNode, type Constraint, type RequiredAffinity } from './constraints';
import { ColumnCache, Interner, labelValue, PositionIndex, type NodeColumn } from '../helpers/node-columns';
import { packedMap } from '../helpers/packed';

/** Enough columns for a few dozen distinct selectors in flight. */
const COLUMN_CAPACITY = 128;
const EMPTY_PODS: ReadonlyMap<PodInfo, NodeInfo> = new Map();

/** What PreScore reads of a list of constraints, once per list (read-only). */
export interface SpreadPlan {
  /** Per constraint: the interner of its topology key. */
  readonly interners: readonly Interner[];
  readonly isHost: readonly boolean[];
  /** Per constraint: nodeAffinityPolicy is Honor (it applies when the pod has a required affinity). */
  readonly affinityHonored: readonly boolean[];
  readonly taintsHonored: readonly boolean[];
  /** Per constraint: the id of the value "" in its interner, once PreScore interned it (-1 before). */
  readonly emptyIds: Int32Array;
  /** Per constraint: -1 (no id), and false (no policy applies). */
  readonly noIds: Int32Array;
  readonly never: readonly boolean[];
}

/** A topology key's value per node-table slot, for one node list (slot-scoring.ts). */
export interface SlotDomains {
  /** Per slot: the domain id of the node there (-1: it lacks the key, or no node of the list is there). */
  readonly doms: Int32Array;
  /** How many distinct domains the list's nodes have, a missing key counting as the value "". */
  readonly distinct: number;
}

interface SlotDomainsEntry extends SlotDomains {
  readonly list: readonly NodeInfo[];
  readonly table: NodeTable;
  readonly emptyId: number;
}

export class SpreadColumns {
  private readonly columns = new ColumnCache(COLUMN_CAPACITY);
  private readonly interners = new Map<string, Interner>();
  /** countAt's per-position scratch (all zeros between calls). */
  private scratch = new Int32Array(0);
  /** Positions in the snapshot's node list, rebuilt when the list changes. */
  readonly positions = new PositionIndex();
  private readonly plans = new WeakMap<readonly Constraint[], SpreadPlan>();
  private readonly slotDoms = new Map<string, SlotDomainsEntry>();
  /** hostScratch's per-slot counts (zero but at `hostTouched`). */
  private hostBySlot = new Int32Array(0);
  private hostTouched = new Int32Array(0);
  private hostTouchedN = 0;

  /** `snapshot` gives the snapshot whose label postings cold count columns may use. */
  constructor(private readonly snapshot: () => Snapshot | undefined = () => undefined) {}

  interner(key: string): Interner {
    let i = this.interners.get(key);
    if (i === undefined) this.interners.set(key, (i = new Interner()));
    return i;
  }

  /** The plan of a constraints list (lists are read-only once made: the plugin caches them). */
  plan(constraints: readonly Constraint[]): SpreadPlan {
    let p = this.plans.get(constraints);
    if (p === undefined) {
      const m = constraints.length;
      const interners: Interner[] = [];
      const isHost: boolean[] = [];
      const affinityHonored: boolean[] = [];
      const taintsHonored: boolean[] = [];
      for (let k = 0; k < m; k++) {
        const c = constraints[k];
        interners.push(this.interner(c.topologyKey));
        isHost.push(c.topologyKey === LABEL_HOSTNAME);
        affinityHonored.push(c.nodeAffinityPolicy === 'Honor');
        taintsHonored.push(c.nodeTaintsPolicy === 'Honor');
      }
      const never = packedMap(affinityHonored, () => false);
      p = { interners, isHost, affinityHonored, taintsHonored, emptyIds: new Int32Array(m).fill(-1), noIds: new Int32Array(m).fill(-1), never };
      this.plans.set(constraints, p);
    }
    return p;
  }

  /** Per node: the interned value of `key`, or -1 when the node lacks it. */
  domainColumn(key: string): NodeColumn {
    const interner = this.interner(key);
    return this.columns.column('d\0' + key, () => ({
      compute: (ni) => {
        const v = labelValue(ni.labels, key);
        return v === undefined ? -1 : interner.intern(v);
      },
      nodeOnly: true,
    }));
  }

  /** Per node: pods of `namespace` the constraint's selector matches. */
  countColumn(namespace: string, c: Constraint): NodeColumn {
    const selector = c.selector;
    const equalities = c.equalities;
    return this.columns.column(`c\0${namespace}\0${c.selectorKey}`, () => ({
      compute: (ni) => countMatching(ni.pods, selector, namespace),
      append: (ni, from, prev) => prev + countMatching(ni.pods, selector, namespace, from),
      bulk:
        equalities !== undefined && equalities.length > 0
          ? (list) => this.indexedCounts(list, namespace, selector, equalities)
          : undefined,
    }));
  }

  /**
   * countMatching for every node of `list` at once, walking only the pods
   * filed under the rarest of the selector's required `key=value` labels.
   * Null without such a label, or unless `list` is the snapshot's own node
   * list and its postings are exact (then every node's pods are exactly the pods filed under it).
   */
  indexedCounts(
    list: readonly NodeInfo[],
    namespace: string,
    selector: Selector,
    equalities: readonly (readonly [string, string])[],
  ): Int32Array | null {
    const snap = this.snapshot();
    if (equalities.length === 0) return null;
    if (snap === undefined || !snap.labelIndexExact || list !== snap.nodeInfoList()) return null;
    const out = new Int32Array(list.length);
    if (selector.empty || selector.nothing) return out;
    let best: ReadonlyMap<PodInfo, NodeInfo> | undefined;
    for (const [k, v] of equalities) {
      const s = snap.podsWithLabel(namespace, k, v);
      if (s === undefined) return out; // no pod carries a required label
      if (best === undefined || s.size < best.size) best = s;
    }
    const positions = this.positions.of(list);
    for (const [p, ni] of best!) {
      if (p.namespace !== namespace || p.terminating) continue;
      if (!selector.matches(p.labels)) continue;
      const pos = positions.get(ni);
      if (pos !== undefined) out[pos]++;
    }
    return out;
  }

  /**
   * The pods a constraint's count can come from without visiting every node, each with its node:
   * those filed under the rarest of its required `key=value` labels, when
   * that set is small next to the node list (`maxSize`) and the snapshot's
   * postings are exact for `list` (as indexedCounts requires). Null
   * otherwise: then the per-node column is the cheaper way.
   */
  sparsePods(list: readonly NodeInfo[], pod: PodInfo, c: Constraint, maxSize: number): ReadonlyMap<PodInfo, NodeInfo> | null {
    const equalities = c.equalities;
    if (equalities === undefined || equalities.length === 0) return null;
    const snap = this.snapshot();
    if (snap === undefined || !snap.labelIndexExact || list !== snap.nodeInfoList()) return null;
    let best: ReadonlyMap<PodInfo, NodeInfo> | undefined;
    for (const [k, v] of equalities) {
      // In the pod's namespace; through its own label set when it carries key=value (a ReplicaSet's pod carries its selector's labels).
      const s = snap.podsWithLabelOf(pod, k, v);
      if (s === undefined) return EMPTY_PODS; // no pod carries a required label
      if (best === undefined || s.size < best.size) best = s;
    }
    return best!.size <= maxSize ? best! : null;
  }

  /**
   * Per node of `fPos` (positions in a list of `n` nodes, -1: none): how many
   * entries of `found` (positions, repeated per pod) are its position, written
   * to `out` (zeros, aligned with `fPos`).
   */
  countAt(found: Int32Array, fPos: Int32Array, n: number, out: Int32Array = new Int32Array(fPos.length)): Int32Array {
    const f = fPos.length;
    if (found.length === 0) return out;
    // A zeroed per-position scratch, zeroed again before returning.
    if (this.scratch.length < n) this.scratch = new Int32Array(n);
    const scratch = this.scratch;
    for (let i = 0; i < found.length; i++) scratch[found[i]]++;
    for (let i = 0; i < f; i++) {
      const p = fPos[i];
      if (p >= 0) out[i] = scratch[p];
    }
    for (let i = 0; i < found.length; i++) scratch[found[i]] = 0;
    return out;
  }

  /**
   * The domain ids of `key` per slot of `table` for the node list `all` (whose
   * nodes are all in `table`), rebuilt when the list object changes: the
   * snapshot replaces its list whenever a node is added, removed or updated.
   * `emptyId` is the id of "" in the key's interner (interned before).
   */
  slotDomains(key: string, all: readonly NodeInfo[], table: NodeTable, emptyId: number): SlotDomains {
    const known = this.slotDoms.get(key);
    if (known !== undefined && known.list === all && known.table === table && known.emptyId === emptyId) return known;
    const bySlot = this.positions.bySlotOf(all, table)!;
    const dom = this.domainColumn(key).sync(all);
    const doms = known !== undefined && known.doms.length === bySlot.length ? known.doms : new Int32Array(bySlot.length);
    const seen = new Uint8Array(this.interner(key).size);
    let distinct = 0;
    for (let s = 0; s < bySlot.length; s++) {
      const p = bySlot[s];
      if (p < 0) {
        doms[s] = -1;
        continue;
      }
      const d = dom[p];
      doms[s] = d;
      const v = d < 0 ? emptyId : d;
      if (seen[v] === 0) {
        seen[v] = 1;
        distinct++;
      }
    }
    const entry: SlotDomainsEntry = { doms, distinct, list: all, table, emptyId };
    this.slotDoms.set(key, entry);
    return entry;
  }

  /**
   * Matching pods per slot (of `len` slots) from `found` (their nodes' slots,
   * one entry per pod): a per-slot array that is zero but for those slots,
   * until the next call (which zeroes them first).
   */
  hostScratch(found: Int32Array, len: number): Int32Array {
    let by = this.hostBySlot;
    const touched = this.hostTouched;
    for (let i = 0; i < this.hostTouchedN; i++) by[touched[i]] = 0;
    this.hostTouchedN = 0;
    if (by.length < len) by = this.hostBySlot = new Int32Array(Math.max(len, 2 * by.length));
    if (touched.length < found.length) this.hostTouched = new Int32Array(Math.max(found.length, 2 * touched.length));
    this.hostTouched.set(found);
    this.hostTouchedN = found.length;
    for (let i = 0; i < found.length; i++) by[found[i]]++;
    return by;
  }

  /** Per node: 1 if it matches the pod's required node affinity. */
  affinityColumn(req: RequiredAffinity): NodeColumn {
    return this.columns.column('a\0' + req.key, () => ({ compute: (ni) => (req.matches(ni) ? 1 : 0), nodeOnly: true }));
  }

  /** Per node: 1 if the tolerations tolerate its NoSchedule/NoExecute taints. */
  taintColumn(tolerations: readonly Toleration[] | undefined): NodeColumn {
    return this.columns.column('t\0' + JSON.stringify(tolerations ?? []), () => ({
      compute: (ni) => (toleratesNode(tolerations, ni) ? 1 : 0),
      nodeOnly: true,
    }));
  }
}
