/**
 * An index of existing pods' affinity terms, kept across scheduling cycles.
 *
 * Terms are grouped by signature and weight; each group keeps, per topology
 * value, how many (pod, term) pairs sit on nodes with that value. Whether a
 * group's term selects the incoming pod is then decided once per group rather
 * than once per existing pod. The index follows one of the snapshot's cached
 * node lists (nodes with pods with affinity / with required anti-affinity):
 * when the snapshot hands back the same list object nothing relevant changed;
 * otherwise only nodes whose generation moved are re-read.
 */
import type { Labels } from '../../../model/labels';
import type { NodeInfo } from '../../framework/node-info';
import type { AffinityTerm, PodInfo } from '../../framework/pod-info';
import { labelValue } from '../helpers/node-columns';
import type { TermKey } from './terms';

/** One term of an existing pod: its signature, and what a match is worth. */
export interface IndexedTerm {
  readonly term: AffinityTerm;
  readonly key: TermKey;
  readonly weight: number;
}

/** (pod, term) pairs sharing a signature and weight, counted per topology value. */
export class TermGroup {
  readonly table = new Map<string, number>();
  constructor(
    readonly sig: SigEntry,
    readonly weight: number,
  ) {}
  get topologyKey(): string {
    return this.sig.term.topologyKey;
  }
}

class SigEntry {
  readonly groups: TermGroup[] = [];
  constructor(
    readonly term: AffinityTerm,
    readonly key: TermKey,
  ) {}
}

interface Contribution {
  readonly group: TermGroup;
  readonly value: string;
  readonly count: number;
}

/** Adds the non-empty groups of `s` to `out` when its term selects `pod` (affinityTermMatches). */
function collect(s: SigEntry, pod: PodInfo, nsLabels: Labels, out: TermGroup[]): void {
  const t = s.term;
  if (!(t.namespaces.has(pod.namespace) || t.namespaceSelector.matches(nsLabels))) return;
  if (!t.selector.matches(pod.labels)) return;
  for (const g of s.groups) if (g.table.size > 0) out.push(g);
}

class NodeEntry {
  gen = -1;
  pos = -1;
  epoch = 0;
  contributions: Contribution[] = [];
  constructor(readonly node: NodeInfo) {}
}

export class TermIndex {
  private list: readonly NodeInfo[] | null = null;
  private entries: NodeEntry[] = [];
  private readonly byNode = new Map<NodeInfo, NodeEntry>();
  private readonly sigs = new Map<string, SigEntry>();
  /** Signatures by a label their selector requires, and those without one. */
  private readonly byLabel = new Map<string, SigEntry[]>();
  private readonly unindexed: SigEntry[] = [];
  private epoch = 0;

  /**
   * @param podsOf the pods of a node whose terms are indexed
   * @param termsOf the terms of one such pod (only those worth indexing)
   */
  constructor(
    private readonly podsOf: (ni: NodeInfo) => readonly PodInfo[],
    private readonly termsOf: (pi: PodInfo) => readonly IndexedTerm[],
  ) {}

  /** Brings the index up to date with `list` (a snapshot list of the nodes that hold such pods). */
  sync(list: readonly NodeInfo[]): void {
    if (list === this.list) return;
    const epoch = ++this.epoch;
    const old = this.entries;
    const next = new Array<NodeEntry>(list.length);
    let p = 0;
    for (let j = 0; j < list.length; j++) {
      const ni = list[j];
      let e: NodeEntry | undefined;
      if (p < old.length && old[p].node === ni && old[p].epoch !== epoch) {
        e = old[p++];
      } else {
        e = this.byNode.get(ni);
        if (e !== undefined && e.epoch !== epoch && e.pos >= 0) p = e.pos + 1;
      }
      if (e === undefined) {
        e = new NodeEntry(ni);
        this.byNode.set(ni, e);
      }
      if (e.gen !== ni.generation) {
        this.apply(e, -1);
        e.contributions = this.contributionsOf(ni);
        e.gen = ni.generation;
        this.apply(e, 1);
      }
      e.epoch = epoch;
      e.pos = j;
      next[j] = e;
    }
    for (const e of old) {
      if (e.epoch === epoch) continue;
      this.apply(e, -1);
      this.byNode.delete(e.node);
    }
    this.entries = next;
    this.list = list;
    for (const [sig, s] of this.sigs) {
      for (let i = s.groups.length - 1; i >= 0; i--) if (s.groups[i].table.size === 0) s.groups.splice(i, 1);
      if (s.groups.length === 0) {
        this.sigs.delete(sig);
        const bucket = s.key.requiredLabel === null ? this.unindexed : this.byLabel.get(s.key.requiredLabel)!;
        bucket.splice(bucket.indexOf(s), 1);
        if (bucket.length === 0 && s.key.requiredLabel !== null) this.byLabel.delete(s.key.requiredLabel);
      }
    }
  }

  /** Groups with at least one count whose term selects `pod` (given its namespace's labels). */
  matching(pod: PodInfo, nsLabels: Labels): TermGroup[] {
    const out: TermGroup[] = [];
    if (this.sigs.size === 0) return out;
    const labels = pod.labels;
    if (labels !== undefined && this.byLabel.size > 0) {
      for (const k in labels) {
        const bucket = this.byLabel.get(k + '\0' + labels[k]);
        if (bucket !== undefined) for (let i = 0; i < bucket.length; i++) collect(bucket[i], pod, nsLabels, out);
      }
    }
    const rest = this.unindexed;
    for (let i = 0; i < rest.length; i++) collect(rest[i], pod, nsLabels, out);
    return out;
  }

  private group(t: IndexedTerm): TermGroup {
    let s = this.sigs.get(t.key.sig);
    if (s === undefined) {
      s = new SigEntry(t.term, t.key);
      this.sigs.set(t.key.sig, s);
      const label = t.key.requiredLabel;
      if (label === null) this.unindexed.push(s);
      else {
        const bucket = this.byLabel.get(label);
        if (bucket === undefined) this.byLabel.set(label, [s]);
        else bucket.push(s);
      }
    }
    for (const g of s.groups) if (g.weight === t.weight) return g;
    const g = new TermGroup(s, t.weight);
    s.groups.push(g);
    return g;
  }

  private contributionsOf(ni: NodeInfo): Contribution[] {
    const labels = ni.labels;
    const counts = new Map<TermGroup, number>();
    for (const pi of this.podsOf(ni)) {
      for (const t of this.termsOf(pi)) {
        if (labelValue(labels, t.term.topologyKey) === undefined) continue;
        const g = this.group(t);
        counts.set(g, (counts.get(g) ?? 0) + 1);
      }
    }
    const out: Contribution[] = [];
    for (const [group, count] of counts) out.push({ group, value: labelValue(labels, group.topologyKey)!, count });
    return out;
  }

  private apply(e: NodeEntry, sign: number): void {
    for (const c of e.contributions) {
      const t = c.group.table;
      const n = (t.get(c.value) ?? 0) + sign * c.count;
      if (n === 0) t.delete(c.value);
      else t.set(c.value, n);
    }
  }
}
