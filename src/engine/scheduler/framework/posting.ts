/**
 * A label posting of the Snapshot (the recorded pods carrying one
 * `namespace/key=value` label, each with its node): the Map every reader
 * takes, plus the same pods as typed columns — each pod's node-table slot,
 * whether it was terminating when filed, and a content id of its label set —
 * so that PodTopologySpread's walk of a selector's pods reads integers
 * instead of ~30 cold PodInfos, and asks the selector once per distinct label
 * set rather than once per pod (pods-of-a-ReplicaSet postings hold one or two
 * label sets).
 *
 * The columns list the Map's pods in another order (a removal moves the last
 * entry into the hole): the walk's sums do not depend on the order. An entry
 * whose pod is not filed in this snapshot (its PodInfo was filed in another
 * snapshot first), or whose labels have a value that is not a string, gets
 * no content id; the walk then takes the Map, as it did before. A posting
 * that grows past MAX_TYPED pods drops its columns (removal scans them).
 */
import type { Labels } from '../../model/labels';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';

/** Postings larger than this keep no columns (PodTopologySpread walks only postings of up to an eighth of the nodes). */
export const MAX_TYPED = 1024;

/** The typed columns of a posting (see the file's comment). */
export class PostingColumns {
  n = 0;
  pods: PodInfo[] = [];
  slots = new Int32Array(8);
  terminating = new Uint8Array(8);
  /** Per entry: its label set's content id (labelSetOf), or -1: none (then `unknown` counts it). */
  sets = new Int32Array(8);
  unknown = 0;

  add(p: PodInfo, slot: number, terminating: boolean, set: number): void {
    const i = this.n;
    if (i === this.slots.length) this.grow();
    this.pods.push(p);
    this.slots[i] = slot;
    this.terminating[i] = terminating ? 1 : 0;
    this.sets[i] = set;
    if (set < 0) this.unknown++;
    this.n = i + 1;
  }

  /** Removes `p` (the last entry moves into its place); false when it is not listed. */
  remove(p: PodInfo): boolean {
    const pods = this.pods;
    const last = this.n - 1;
    for (let i = last; i >= 0; i--) {
      if (pods[i] !== p) continue;
      if (this.sets[i] < 0) this.unknown--;
      pods[i] = pods[last];
      this.slots[i] = this.slots[last];
      this.terminating[i] = this.terminating[last];
      this.sets[i] = this.sets[last];
      pods.pop();
      this.n = last;
      return true;
    }
    return false;
  }

  /** `p` in `old`'s entry (same node and label set), with its terminating flag; false when `old` is not listed. */
  replace(old: PodInfo, p: PodInfo, terminating: boolean): boolean {
    const pods = this.pods;
    for (let i = this.n - 1; i >= 0; i--) {
      if (pods[i] !== old) continue;
      pods[i] = p;
      this.terminating[i] = terminating ? 1 : 0;
      return true;
    }
    return false;
  }

  private grow(): void {
    const cap = 2 * this.slots.length;
    const slots = new Int32Array(cap);
    slots.set(this.slots);
    this.slots = slots;
    const term = new Uint8Array(cap);
    term.set(this.terminating);
    this.terminating = term;
    const sets = new Int32Array(cap);
    sets.set(this.sets);
    this.sets = sets;
  }
}

/** A Snapshot's label posting: the pods with their nodes, and (up to MAX_TYPED pods) their typed columns. */
export class Posting extends Map<PodInfo, NodeInfo> {
  columns: PostingColumns | null = new PostingColumns();
  /** False once its snapshot dropped it (it emptied): a reference kept to it no longer names the key's posting. */
  live = true;

  /** Files `p` on `ni` in the columns too (`set`: its label set's id, -1 for none). */
  file(p: PodInfo, ni: NodeInfo, terminating: boolean, set: number): void {
    this.set(p, ni);
    const c = this.columns;
    if (c === null) return;
    if (c.n >= MAX_TYPED) this.columns = null;
    else c.add(p, ni.slot, terminating, set);
  }

  /** Drops `p` from the Map and the columns. */
  drop(p: PodInfo): void {
    if (!this.delete(p)) return;
    if (this.columns !== null && !this.columns.remove(p)) this.columns = null;
  }

  /** Puts `p` in `old`'s place (same node and labels object): `old` deleted, `p` set last in the Map, as filing it would. */
  swap(old: PodInfo, p: PodInfo, ni: NodeInfo, terminating: boolean): void {
    this.delete(old);
    this.set(p, ni);
    if (this.columns !== null && !this.columns.replace(old, p, terminating)) this.columns = null;
  }
}

/** Label-set content ids: the joined posting keys of a pod's labels, and a labels object with that content. */
const setIds = new Map<string, number>();
const setLabels: Labels[] = [];

/**
 * The content id of a pod's label set, from its posting keys (namespace,
 * key and value of each label, in the labels object's order: two sets with
 * one id have the same namespace and the same labels); -1 when a label's
 * value is not a string (the keys leave it out) or there are no labels.
 */
export function labelSetOf(labels: Labels, keys: readonly string[]): number {
  if (labels === undefined || labels === null) return -1;
  let n = 0;
  for (const k in labels) {
    if (!Object.prototype.hasOwnProperty.call(labels, k)) continue;
    if (typeof labels[k] !== 'string') return -1;
    n++;
  }
  if (n !== keys.length) return -1;
  return internSet(labelSetContent(keys), labels);
}

/**
 * The content string of a label set's posting keys: each key as its length, a colon and
 * the key itself, so that keys and values with any characters stay apart (no two lists
 * give one string). Exactly as distinct as their JSON, which escaped the keys' NUL
 * separators character by character (~3 µs of a recovery's binding).
 */
export function labelSetContent(keys: readonly string[]): string {
  let s = '';
  for (let i = 0; i < keys.length; i++) s += keys[i].length + ':' + keys[i];
  return s;
}

function internSet(content: string, labels: Labels): number {
  let id = setIds.get(content);
  if (id === undefined) {
    id = setLabels.length;
    setIds.set(content, id);
    setLabels.push(labels);
  }
  return id;
}

/** A labels object with the content of label set `id` (ask selectors of it: they read labels by content). */
export function labelsOfSet(id: number): Labels {
  return setLabels[id];
}
