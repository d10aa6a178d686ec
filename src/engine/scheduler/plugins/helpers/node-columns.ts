/**
 * Per-node numbers kept across scheduling cycles: a "column" holds one Int32
 * per node of a node list and recomputes a node's value only when its
 * NodeInfo object or its `generation` changed. Everything the snapshot does
 * to a node (a pod added or removed, new labels) bumps the generation, so a
 * cycle pays one integer compare per node instead of walking every pod.
 * NodeInfo.addPod appends to `pods` and bumps the generation once, so when a
 * node's generation moved by exactly as much as its pod count grew, only pods
 * were appended and a column can fold in just the new ones; anything else
 * (a removal, new labels) recomputes the node from scratch.
 *
 * Topology values are interned to small integers so that per-domain counts
 * live in typed arrays instead of string-keyed maps.
 */
import type { Labels } from '../../../model/labels';
import type { NodeInfo } from '../../framework/node-info';
import type { NodeTable } from '../../framework/node-table';

/**
 * A node label's value, or undefined when the node lacks the key (Go's
 * `v, ok := labels[k]`). Label values are strings, so anything else (such as
 * an inherited `constructor`) means the key is absent.
 */
export function labelValue(labels: Labels, key: string): string | undefined {
  if (labels === undefined || labels === null) return undefined;
  const v = labels[key];
  return typeof v === 'string' ? v : undefined;
}

/** Strings ↔ dense ids, never forgotten (ids stay valid for the plugin's lifetime). */
export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  intern(v: string): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(v, id);
      this.values.push(v);
    }
    return id;
  }

  /** The id of `v`, or -1 if it was never interned. */
  lookup(v: string): number {
    const id = this.ids.get(v);
    return id === undefined ? -1 : id;
  }

  value(id: number): string {
    return this.values[id];
  }

  get size(): number {
    return this.values.length;
  }
}

export type NodeFn = (ni: NodeInfo) => number;
/** The value after pods[from..] were appended to a node whose value was `prev`. */
export type AppendFn = (ni: NodeInfo, from: number, prev: number) => number;

export interface ColumnSpec {
  /** The value for a node, from scratch. */
  readonly compute: NodeFn;
  /** Folds in appended pods; without it a node is recomputed on any change. */
  readonly append?: AppendFn;
  /**
   * The value depends on the Node object only (labels, taints), not on its
   * pods. The snapshot replaces its node list whenever a node is added,
   * removed or updated, so for the same list object nothing needs checking.
   */
  readonly nodeOnly?: boolean;
  /**
   * Optional: every node's value at once, aligned with `list`, exactly what
   * `compute` would give each node now; null when it cannot tell. Used only
   * to fill a column that has no nodes yet.
   */
  readonly bulk?: (list: readonly NodeInfo[]) => Int32Array | null;
}

/** One cached Int32 per position of a node list. */
export class NodeColumn {
  private readonly nodes: NodeInfo[] = [];
  private readonly gens: number[] = [];
  private readonly lens: number[] = [];
  private vals = new Int32Array(64);
  private lastList: readonly NodeInfo[] | null = null;

  constructor(private readonly spec: ColumnSpec) {}

  /**
   * Brings the column up to date with `list` and returns its values, aligned
   * with `list` (entries past `list.length` are meaningless). The array is the
   * column's own: it changes on the next sync, so copy what must outlive it.
   */
  sync(list: readonly NodeInfo[]): Int32Array {
    const spec = this.spec;
    if (spec.nodeOnly === true && list === this.lastList) return this.vals;
    const n = list.length;
    if (this.vals.length < n) {
      const grown = new Int32Array(Math.max(n, this.vals.length * 2));
      grown.set(this.vals);
      this.vals = grown;
    }
    const nodes = this.nodes;
    const gens = this.gens;
    const lens = this.lens;
    const vals = this.vals;
    const append = spec.nodeOnly === true ? KEEP : spec.append;
    const known = nodes.length;
    if (known === 0 && n > 0 && spec.bulk !== undefined) {
      const all = spec.bulk(list);
      if (all !== null) {
        vals.set(all.subarray(0, n));
        // Record each node as a per-node compute would have.
        for (let i = 0; i < n; i++) {
          const ni = list[i];
          nodes.push(ni);
          gens.push(ni.generation);
          lens.push(ni.pods.length);
        }
        this.lastList = list;
        return vals;
      }
    }
    for (let i = 0; i < n; i++) {
      const ni = list[i];
      if (i >= known) {
        nodes.push(ni);
        gens.push(ni.generation);
        lens.push(ni.pods.length);
        vals[i] = spec.compute(ni);
        continue;
      }
      const gen = ni.generation;
      if (nodes[i] === ni && gens[i] === gen) continue;
      const len = ni.pods.length;
      if (append !== undefined && nodes[i] === ni && gen - gens[i] === len - lens[i] && len > lens[i]) {
        vals[i] = append(ni, lens[i], vals[i]);
      } else {
        vals[i] = spec.compute(ni);
      }
      nodes[i] = ni;
      gens[i] = gen;
      lens[i] = len;
    }
    if (known > n) {
      nodes.length = n;
      gens.length = n;
      lens.length = n;
    }
    this.lastList = list;
    return vals;
  }
}

const KEEP: AppendFn = (_ni, _from, prev) => prev;

/** Columns by key, least recently used dropped past `capacity`. */
export class ColumnCache {
  private readonly columns = new Map<string, NodeColumn>();

  constructor(private readonly capacity: number) {}

  /** The column for `key`; `make` is called only when the column is created. */
  column(key: string, make: () => ColumnSpec): NodeColumn {
    const found = this.columns.get(key);
    if (found !== undefined) {
      this.columns.delete(key);
      this.columns.set(key, found);
      return found;
    }
    const col = new NodeColumn(make());
    this.columns.set(key, col);
    if (this.columns.size > this.capacity) {
      const oldest = this.columns.keys().next().value as string;
      this.columns.delete(oldest);
    }
    return col;
  }

  get size(): number {
    return this.columns.size;
  }
}

/** Positions of the NodeInfos in a list, rebuilt only when the list object changes. */
export class PositionIndex {
  private list: readonly NodeInfo[] | null = null;
  private map = new Map<NodeInfo, number>();
  private bySlot: Int32Array | null = null;
  private table: NodeTable | null = null;

  of(list: readonly NodeInfo[]): Map<NodeInfo, number> {
    if (list !== this.list) {
      // A copy of the last list (a node changed in place): the same positions.
      if (this.list !== null && sameNodes(list, this.list)) {
        this.list = list;
        return this.map;
      }
      const m = new Map<NodeInfo, number>();
      for (let i = 0; i < list.length; i++) m.set(list[i], i);
      this.map = m;
      this.list = list;
      this.bySlot = null;
      this.table = null;
    }
    return this.map;
  }

  /**
   * For `list` (as of()): the positions by node-table slot (-1: no node of the
   * list there), when every node of the list is in `table`; null otherwise.
   */
  bySlotOf(list: readonly NodeInfo[], table: NodeTable): Int32Array | null {
    this.of(list);
    if (this.table !== table) {
      this.table = table;
      this.bySlot = null;
      let max = -1;
      for (let i = 0; i < list.length; i++) {
        const ni = list[i];
        if (ni.table !== table) return null;
        if (ni.slot > max) max = ni.slot;
      }
      const out = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < list.length; i++) out[list[i].slot] = i;
      this.bySlot = out;
    }
    return this.bySlot;
  }
}

/** Whether two node lists hold the same NodeInfos in the same order. */
function sameNodes(a: readonly NodeInfo[], b: readonly NodeInfo[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
