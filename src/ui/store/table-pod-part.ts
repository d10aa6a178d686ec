/**
 * The cluster index's pod part read from a frame's pod table (protocol/pod-table.ts)
 * without building every pod: for a frame that starts a scenario (a reset, or the first
 * frame), where there is no previous part to keep objects from. The page's subscribers
 * all read the new state at once, including the previous view's (the default scenario's
 * pod and node cards, about to unmount when a 30,000-pod cluster loads): each of their
 * questions — one pod by uid, one node's pods, the pending tray — builds only what it
 * answers. Iterating a map builds all of it, as before.
 */
import type { Frame, PodFrame } from '../../protocol/engine-api';
import { NAME, NAMESPACE, OWNER_KIND, OWNER_NAME, UID, nodeIndexOf, type PodTable } from '../../protocol/pod-table';
import { hashString } from '../../protocol/string-pool';

/** Lookups by scan before a TablePodMap builds its index. */
export const SCANNED_LOOKUPS = 4;

/**
 * Pods by uid over a table: a row's object is built when asked for. The uid index is an
 * open-addressing hash table of rows over the pool's text (no uid string built): a new
 * cluster's first lookups (the old view's pod slots ask for their uids once more before
 * they unmount) cost a pass over 30,000 uids' characters, not 30,000 strings in a Map.
 */
export class TablePodMap implements ReadonlyMap<string, PodFrame> {
  /** Row + 1 per slot (0: empty); the slot count is a power of two, at least twice the rows. */
  private slots: Int32Array | null = null;
  /** Lookups answered by a scan so far: the first few are, the index is built after them. */
  private scans = 0;
  constructor(readonly table: PodTable) {}

  private index(): Int32Array {
    if (this.slots === null) {
      const n = this.table.length;
      let size = 2;
      while (size < 2 * n) size *= 2;
      const slots = new Int32Array(size);
      const mask = size - 1;
      for (let i = 0; i < n; i++) {
        let at = this.table.stringHash(UID, i) & mask;
        while (slots[at] !== 0) at = (at + 1) & mask;
        slots[at] = i + 1;
      }
      this.slots = slots;
    }
    return this.slots;
  }
  /**
   * The last row whose uid is `uid` (as a Map set in row order would say), or -1. The first
   * SCANNED_LOOKUPS lookups scan the rows (~0.5 ms at 30,000 pods; the index costs ~10
   * scans): a new cluster's first lookups are often its only ones (the old view's slots,
   * about to unmount, while the canvas view reads rows by version).
   */
  private row(uid: string): number {
    if (this.slots === null && this.scans < SCANNED_LOOKUPS) {
      this.scans++;
      for (let i = this.table.length - 1; i >= 0; i--) if (this.table.stringIs(UID, i, uid)) return i;
      return -1;
    }
    const slots = this.index();
    const mask = slots.length - 1;
    let found = -1;
    for (let at = hashString(uid) & mask; slots[at] !== 0; at = (at + 1) & mask) {
      if (this.table.stringIs(UID, slots[at] - 1, uid)) found = slots[at] - 1;
    }
    return found;
  }
  get size(): number {
    return this.table.length;
  }
  get(uid: string): PodFrame | undefined {
    const i = this.row(uid);
    return i < 0 ? undefined : this.table.get(i);
  }
  has(uid: string): boolean {
    return this.row(uid) >= 0;
  }
  *entries(): MapIterator<[string, PodFrame]> {
    for (let i = 0; i < this.table.length; i++) yield [this.table.string(UID, i)!, this.table.get(i)];
  }
  *keys(): MapIterator<string> {
    for (let i = 0; i < this.table.length; i++) yield this.table.string(UID, i)!;
  }
  *values(): MapIterator<PodFrame> {
    for (let i = 0; i < this.table.length; i++) yield this.table.get(i);
  }
  forEach(run: (pod: PodFrame, uid: string, map: ReadonlyMap<string, PodFrame>) => void): void {
    for (const [uid, pod] of this.entries()) run(pod, uid, this);
  }
  [Symbol.iterator](): MapIterator<[string, PodFrame]> {
    return this.entries();
  }
}

/** The uids of each node's pods over a table (frame order): one node's list is built when asked for. */
export class NodePodsMap implements ReadonlyMap<string, readonly string[]> {
  private order: { starts: Int32Array; rows: Int32Array } | null = null;
  private readonly built = new Map<number, readonly string[]>();
  constructor(
    private readonly table: PodTable,
    private readonly nodes: Frame['nodes'],
  ) {}

  /** Rows sorted by node (a counting sort of the node column; stable, so frame order within a node). */
  private sorted() {
    if (this.order === null) {
      const n = this.nodes.length;
      const starts = new Int32Array(n + 1);
      for (let i = 0; i < this.table.length; i++) {
        const node = this.table.node(i);
        if (node >= 0) starts[node + 1]++;
      }
      for (let k = 0; k < n; k++) starts[k + 1] += starts[k];
      const next = starts.slice(0, n);
      const rows = new Int32Array(starts[n]);
      for (let i = 0; i < this.table.length; i++) {
        const node = this.table.node(i);
        if (node >= 0) rows[next[node]++] = i;
      }
      this.order = { starts, rows };
    }
    return this.order;
  }
  private list(k: number): readonly string[] {
    let uids = this.built.get(k);
    if (uids === undefined) {
      const { starts, rows } = this.sorted();
      const out: string[] = [];
      for (let j = starts[k]; j < starts[k + 1]; j++) out.push(this.table.string(UID, rows[j])!);
      this.built.set(k, (uids = out));
    }
    return uids;
  }
  get size(): number {
    return this.nodes.length;
  }
  get(name: string): readonly string[] | undefined {
    const k = nodeIndexOf(this.nodes).get(name);
    return k === undefined ? undefined : this.list(k);
  }
  has(name: string): boolean {
    return nodeIndexOf(this.nodes).has(name);
  }
  *entries(): MapIterator<[string, readonly string[]]> {
    for (let k = 0; k < this.nodes.length; k++) yield [this.nodes[k].name, this.list(k)];
  }
  *keys(): MapIterator<string> {
    for (const node of this.nodes) yield node.name;
  }
  *values(): MapIterator<readonly string[]> {
    for (let k = 0; k < this.nodes.length; k++) yield this.list(k);
  }
  forEach(run: (uids: readonly string[], name: string, map: ReadonlyMap<string, readonly string[]>) => void): void {
    for (const [name, uids] of this.entries()) run(uids, name, this);
  }
  [Symbol.iterator](): MapIterator<[string, readonly string[]]> {
    return this.entries();
  }
}

/** The pending tray over a table: the pods with no node of the frame, and why each waits (as cluster-index.ts's buildPods says). */
export function tablePending(table: PodTable, frame: Pick<Frame, 'queue'>): { pending: string[]; pendingMessages: Map<string, string | null> } {
  let messages: Map<string, string | null> | null = null;
  const pending: string[] = [];
  const pendingMessages = new Map<string, string | null>();
  for (let i = 0; i < table.length; i++) {
    if (table.node(i) >= 0) continue;
    const uid = table.string(UID, i)!;
    pending.push(uid);
    const nodeName = table.get(i).nodeName;
    if (nodeName === null) {
      messages ??= new Map(frame.queue.map((q) => [`${q.namespace}/${q.name}`, q.message]));
      pendingMessages.set(uid, messages.get(`${table.string(NAMESPACE, i)}/${table.string(NAME, i)}`) ?? null);
    } else {
      pendingMessages.set(uid, `node "${nodeName}" not found`);
    }
  }
  return { pending, pendingMessages };
}

/** The distinct owners of the pods (kind and name), in first-seen order, without building the pods when they are a table. */
export function podOwners(pods: ReadonlyMap<string, PodFrame>): { kind: string; name: string }[] {
  const out: { kind: string; name: string }[] = [];
  if (pods instanceof TablePodMap) {
    const { table } = pods;
    // By string ids (kinds are few): no key string built per pod.
    const seen = new Map<number, Set<number>>();
    for (let i = 0; i < table.length; i++) {
      const kind = table.int(OWNER_KIND, i);
      if (kind < 0) continue;
      const name = table.int(OWNER_NAME, i);
      let names = seen.get(kind);
      if (names === undefined) seen.set(kind, (names = new Set()));
      else if (names.has(name)) continue;
      names.add(name);
      out.push({ kind: table.string(OWNER_KIND, i)!, name: table.string(OWNER_NAME, i)! });
    }
    return out;
  }
  for (const pod of pods.values()) if (pod.owner) out.push(pod.owner);
  return out;
}
