/**
 * Pods grouped by node for the canvas layer, read from the frame's pod table
 * (protocol/pod-table.ts) without building pod objects: per node, the rows' versions and
 * phase bytes, which is all a canvas draws, built for a node when its card reads it. A
 * node whose pods did not change (same versions) keeps its previous slice object, so its
 * memoised card skips the frame; the others get small arrays of their own (no view into a
 * frame-sized buffer that an old card would keep alive).
 */
import type { NodeFrame } from '../../../protocol/engine-api';
import { NODE, nodeIndexOf, REASON, sameNames, type PodTable } from '../../../protocol/pod-table';

/** One node's pods, in frame order. */
export interface PodSlice {
  /** Each pod's row version (equal versions: the same pod, unchanged). */
  readonly versions: Uint32Array;
  /** Each pod's phase byte: phase index | READY | TERMINATING (pod-table.ts). */
  readonly states: Uint8Array;
  /**
   * Each pod's container reason, kubectl's STATUS where it is not the phase (`CrashLoopBackOff`,
   * `Error`, `Completed`), or null; absent when no pod of the node has one.
   */
  readonly reasons?: readonly (string | null)[];
}

export interface PodGroups {
  /** Rows of the pods without a node, or bound to a node the frame does not have, in frame order. */
  unbound: readonly number[];
  /** What the groups were built from. */
  table: PodTable;
  nodeNames: readonly string[];
  /** One node's pods, built on first read (once); EMPTY_SLICE for a node the frame does not have. */
  slice(node: string): PodSlice;
}

export const EMPTY_SLICE: PodSlice = Object.freeze({ versions: new Uint32Array(0), states: new Uint8Array(0) });

/**
 * The rows sorted by node (a counting sort); each node's slice is built when first read.
 * A new grid shows a block of cards at a time, so at 5,000 nodes the first task builds 60
 * slices, not 5,000 (each two small typed arrays). The next grouping keeps objects from
 * the slices this one built (`built`), not from this object: no chain of old groupings.
 */
class Groups implements PodGroups {
  /** The slices built so far, by node name. */
  readonly built = new Map<string, PodSlice>();
  constructor(
    readonly table: PodTable,
    readonly nodeNames: readonly string[],
    readonly unbound: readonly number[],
    private readonly nodeIndex: ReadonlyMap<string, number>,
    /** Bucket b's rows are order[starts[b]] … order[starts[b + 1] - 1]. */
    private readonly starts: Int32Array,
    private readonly order: Int32Array,
    /** The slices the previous grouping built. */
    private readonly previous: ReadonlyMap<string, PodSlice> | null,
    /**
     * Per bucket, 1 when its rows are the previous grouping's and none changed version (a
     * grouping derived from it: the same rows on the same nodes), so its slice is the previous one.
     */
    private readonly unchanged: Uint8Array | null = null,
  ) {}

  /**
   * The grouping of `table`, whose rows sit on the same nodes as this grouping's table's
   * (same length, same NODE column, same node names): the same buckets and tray, each
   * bucket with no row of a new version keeping its slice without a comparison.
   */
  derive(table: PodTable): Groups {
    const k = this.nodeNames.length;
    const n = table.length;
    const unchanged = new Uint8Array(k + 1).fill(1);
    const before = this.table.versions;
    const after = table.versions;
    const nodes = table.ints;
    for (let i = 0; i < n; i++) {
      if (before[i] === after[i]) continue;
      const node = nodes[NODE * n + i];
      unchanged[node < 0 ? k : node] = 0;
    }
    return new Groups(table, this.nodeNames, this.unbound, this.nodeIndex, this.starts, this.order, this.built, unchanged);
  }

  slice(name: string): PodSlice {
    let slice = this.built.get(name);
    if (slice) return slice;
    const b = this.nodeIndex.get(name);
    if (b === undefined) return EMPTY_SLICE;
    const { table, order } = this;
    const start = this.starts[b];
    const count = this.starts[b + 1] - start;
    const old = this.previous?.get(name);
    if (old && this.unchanged?.[b] === 1) slice = old;
    else if (old && old.versions.length === count && sameVersions(old.versions, table, order, start)) slice = old;
    else if (count === 0) slice = EMPTY_SLICE;
    else {
      const versions = new Uint32Array(count);
      const states = new Uint8Array(count);
      let reasons: (string | null)[] | null = null;
      for (let j = 0; j < count; j++) {
        const row = order[start + j];
        versions[j] = table.versions[row];
        states[j] = table.phases[row];
        if (table.int(REASON, row) >= 0) (reasons ??= new Array<string | null>(count).fill(null))[j] = table.string(REASON, row);
      }
      slice = reasons ? { versions, states, reasons } : { versions, states };
    }
    this.built.set(name, slice);
    return slice;
  }
}

/** The groups of `table`'s rows over `nodes`: `previous` itself when built from the same table and node names. */
export function groupRows(table: PodTable, nodes: readonly NodeFrame[], previous: PodGroups | null): PodGroups {
  if (previous?.table === table && sameNames(previous.nodeNames, nodes)) return previous;
  // Most frames whose pods changed (a kill's readiness, taints' eviction times, phases) move
  // no pod to another node and add or remove none: no counting sort, and a slice compared
  // only on a node one of whose rows changed.
  if (previous instanceof Groups && sameNames(previous.nodeNames, nodes) && sameNodeColumn(previous.table, table)) return previous.derive(table);
  const n = table.length;
  const k = nodes.length;
  // A counting sort of the rows by node index; bucket k holds the unbound ones.
  const starts = new Int32Array(k + 2);
  for (let i = 0; i < n; i++) {
    const node = table.node(i);
    starts[(node < 0 ? k : node) + 1]++;
  }
  for (let b = 1; b < k + 2; b++) starts[b] += starts[b - 1];
  const order = new Int32Array(n);
  const fill = starts.slice(0, k + 1);
  for (let i = 0; i < n; i++) {
    const node = table.node(i);
    order[fill[node < 0 ? k : node]++] = i;
  }
  const unbound = Array.from(order.subarray(starts[k], starts[k + 1]));
  const oldUnbound = previous?.unbound;
  return new Groups(
    table,
    nodes.map((node) => node.name),
    oldUnbound && sameRows(oldUnbound, unbound) ? oldUnbound : unbound,
    nodeIndexOf(nodes),
    starts,
    order,
    previous instanceof Groups ? previous.built : null,
  );
}

/** The rows of `table`'s pods with no node of the frame, in frame order (groupRows' `unbound`, without the grouping). */
export function unboundRows(table: PodTable): number[] {
  const rows: number[] = [];
  for (let i = 0; i < table.length; i++) if (table.node(i) < 0) rows.push(i);
  return rows;
}

export function podsOf(groups: PodGroups, node: string): PodSlice {
  return groups.slice(node);
}

/** Whether two slices show the same pods (by version). */
export function sameSlice(a: PodSlice, b: PodSlice): boolean {
  if (a === b) return true;
  if (a.versions.length !== b.versions.length) return false;
  for (let i = 0; i < a.versions.length; i++) if (a.versions[i] !== b.versions[i]) return false;
  return true;
}

/** Whether two tables have as many rows, each on the same node index. */
function sameNodeColumn(a: PodTable, b: PodTable): boolean {
  const n = a.length;
  if (b.length !== n) return false;
  const x = a.ints;
  const y = b.ints;
  for (let i = NODE * n; i < NODE * n + n; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameVersions(versions: Uint32Array, table: PodTable, order: Int32Array, start: number): boolean {
  for (let j = 0; j < versions.length; j++) if (versions[j] !== table.versions[order[start + j]]) return false;
  return true;
}

function sameRows(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
