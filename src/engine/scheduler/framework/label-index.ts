/**
 * The Snapshot's label postings (split out of snapshot.ts): for each
 * `namespace\0key\0value` of the recorded pods' labels, the pods carrying it
 * with the node each is recorded on (a Posting: the Map every reader takes,
 * plus typed columns for PodTopologySpread's walk).
 *
 * A pod object filed here keeps its bookkeeping on itself: PodInfo.postedIn
 * names the owning Snapshot, postingKeys the keys it is filed under and
 * postingRefs the very Posting objects (so dropping, handing over or moving
 * it probes no key string), postedNode/postedSlot/postedTerminating what it
 * was when filed. A pod object another snapshot's postings hold already
 * (tests, explain's clones) is kept in `indexed` instead, and gets no label-set id.
 */
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import { labelSetOf, Posting } from './posting';

/** Records on `p` where it was filed (PodInfo.postedNode). */
function posted(p: PodInfo, ni: NodeInfo): void {
  p.postedNode = ni;
  p.postedSlot = ni.slot;
  p.postedTerminating = p.terminating;
}

/**
 * Tests turn off the Posting references kept on a filed PodInfo (each posting then found by
 * its key string in the map of every key, as before), to compare.
 */
export const POSTING_REFS = { enabled: true };

/**
 * Tests turn off finding a filed pod's postings by its label set's id (an array slot per id,
 * holding the postings that set's keys named when last filed) instead of by each key string
 * in the map of every key, to compare.
 */
export const POSTINGS_BY_SET = { enabled: true };

/**
 * Tests turn off finding a posting through the asking pod's own label set (the set's postings
 * as last filed, when the pod carries the label) instead of by its key string, and remembering
 * a pod's keys and set id on its PodInfo, to compare.
 */
export const POSTINGS_VIA_POD = { enabled: true, taken: 0 };

/** The posting keys (`namespace\0key\0value`) of `p`'s string labels, in the labels object's order. */
export function labelKeysOf(p: PodInfo): readonly string[] {
  if (p.labelKeys !== null && POSTINGS_VIA_POD.enabled) return p.labelKeys;
  const labels = p.labels;
  const keys: string[] = [];
  if (labels !== undefined && labels !== null) {
    for (const k of Object.keys(labels)) {
      const v = labels[k];
      if (typeof v !== 'string') continue;
      keys.push(p.namespace + '\0' + k + '\0' + v);
    }
  }
  if (POSTINGS_VIA_POD.enabled) p.labelKeys = keys;
  return keys;
}

/** labelSetOf for `p`'s labels (remembered on the PodInfo). */
function labelSetOfPod(p: PodInfo): number {
  if (p.labelSet !== -2 && POSTINGS_VIA_POD.enabled) return p.labelSet;
  const set = labelSetOf(p.labels, labelKeysOf(p));
  if (POSTINGS_VIA_POD.enabled) p.labelSet = set;
  return set;
}

export class LabelIndex {
  private readonly postings = new Map<string, Posting>();
  /**
   * By label-set id (labelSetOf): the postings of that set's keys, in key order, as last
   * looked up. A set id stands for one content (namespace, keys and values in order), so its
   * keys are the same strings each time; an entry is used only while every posting in it is
   * still live (an emptied posting leaves the map, and a later one for its key is a new object).
   */
  private readonly bySet: (Posting[] | undefined)[] = [];
  /** Each pod object filed here while another owner's postings held it: the keys it was filed under. */
  private readonly indexed = new Map<PodInfo, readonly string[]>();
  /** False once a pod object was filed twice: the postings no longer mirror the nodes' pod lists. */
  exact = true;

  /** `owner`: the Snapshot these postings belong to (what PodInfo.postedIn names). */
  constructor(private readonly owner: object) {}

  /** The recorded pods of `namespace` whose label `key` is `value`, with their nodes. */
  get(namespace: string, key: string, value: string): Posting | undefined {
    return this.postings.get(namespace + '\0' + key + '\0' + value);
  }

  /**
   * get(p.namespace, key, value) for a pod `p` (filed or not) that carries the label
   * key=value: the posting its label set's keys were last filed under, found through the
   * set's id (no key string built or hashed: a recovery's pending pod asks for its
   * ReplicaSet's postings, which its siblings filed under the same set). Undefined when
   * this way does not know it (the pod lacks the label, the set was never filed here, or
   * one of its postings emptied since): ask get.
   */
  viaPod(p: PodInfo, key: string, value: string): Posting | undefined {
    const labels = p.labels;
    if (!POSTINGS_VIA_POD.enabled || labels === undefined || labels === null || labels[key] !== value || !Object.prototype.hasOwnProperty.call(labels, key)) return undefined;
    const set = labelSetOfPod(p);
    const refs = set >= 0 ? this.liveSet(set) : undefined;
    if (refs === undefined) return undefined;
    // A set id means every label is a string: the keys (and the set's postings) follow the labels' order.
    let i = 0;
    for (const k in labels) {
      if (!Object.prototype.hasOwnProperty.call(labels, k)) continue;
      if (k === key) {
        POSTINGS_VIA_POD.taken++;
        return refs[i];
      }
      i++;
    }
    return undefined;
  }

  /** Whether `p` is filed here as its owner's own (not through `indexed`). */
  ownedHere(p: PodInfo): boolean {
    return p.postedIn === this.owner && !this.indexed.has(p);
  }

  /** Files `p`, recorded on `ni`, under each of its string labels. */
  index(p: PodInfo, ni: NodeInfo): void {
    if (p.postedIn === this.owner || this.indexed.has(p)) {
      this.exact = false;
      return;
    }
    const keys = labelKeysOf(p);
    // Label-set ids only for a pod filed here (else its entries send PodTopologySpread's walk to the Map).
    const filedHere = p.postedIn === null;
    const set = filedHere ? labelSetOfPod(p) : -1;
    let refs = set >= 0 && POSTINGS_BY_SET.enabled ? this.liveSet(set) : undefined;
    if (refs !== undefined) {
      for (let i = 0; i < refs.length; i++) refs[i].file(p, ni, p.terminating, set);
    } else {
      refs = [];
      for (const pk of keys) {
        let posting = this.postings.get(pk);
        if (posting === undefined) this.postings.set(pk, (posting = new Posting()));
        posting.file(p, ni, p.terminating, set);
        refs.push(posting);
      }
      if (set >= 0 && POSTINGS_BY_SET.enabled) {
        while (this.bySet.length <= set) this.bySet.push(undefined);
        this.bySet[set] = refs;
      }
    }
    if (filedHere) {
      p.postedIn = this.owner;
      p.postingKeys = keys;
      p.postingRefs = refs;
      posted(p, ni);
    } else this.indexed.set(p, keys);
  }

  /** Drops `p` from every posting it is filed in (a posting left empty goes). */
  unindex(p: PodInfo): void {
    let keys: readonly string[] | null | undefined;
    let refs: readonly Posting[] | null = null;
    if (p.postedIn === this.owner) {
      keys = p.postingKeys;
      refs = p.postingRefs as readonly Posting[] | null;
      p.postedIn = null;
      p.postingKeys = null;
      p.postingRefs = null;
      p.postedNode = null;
    } else {
      keys = this.indexed.get(p);
      if (keys === undefined) return;
      this.indexed.delete(p);
    }
    for (let i = 0; i < keys!.length; i++) {
      const pk = keys![i];
      // A filed pod's postings are live while it is in them (an emptied one is dropped only once no pod is filed there).
      const set = refs !== null && POSTING_REFS.enabled ? refs[i] : this.postings.get(pk);
      if (set === undefined) continue;
      set.drop(p);
      if (set.size === 0) {
        this.postings.delete(pk);
        set.live = false;
      }
    }
  }

  /**
   * `p` (filed here, its pod object just replaced in place on the same node `ni`) moved to
   * the end of each of its postings' Maps with its terminating flag renewed: what dropping
   * and filing it again would leave.
   */
  refile(p: PodInfo, ni: NodeInfo): void {
    const refs = this.refsOf(p);
    const terminating = p.terminating;
    for (let i = 0; i < refs.length; i++) refs[i].swap(p, p, ni, terminating);
    posted(p, ni);
  }

  /** The postings label set `set` was last filed under, if every one of them is still live. */
  private liveSet(set: number): Posting[] | undefined {
    const refs = set < this.bySet.length ? this.bySet[set] : undefined;
    if (refs === undefined) return undefined;
    for (let i = 0; i < refs.length; i++) if (!refs[i].live) return undefined;
    return refs;
  }

  /** The postings `p` (filed here) is in, in the order of its keys. */
  private refsOf(p: PodInfo): readonly Posting[] {
    if (POSTING_REFS.enabled && p.postingRefs !== null) return p.postingRefs as readonly Posting[];
    const keys = p.postingKeys!;
    const out: Posting[] = [];
    for (let i = 0; i < keys.length; i++) out.push(this.postings.get(keys[i])!);
    return out;
  }
}
