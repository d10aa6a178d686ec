/**
 * The pod layer as columns (issue 4, DESIGN.md "Budgets": a full frame at 30,000 pods
 * costs ≤ 1 ms on the main thread). A full frame carries its pods as a few typed arrays
 * and one string, which the worker *transfers* (no structured clone of 30,000 objects);
 * the client keeps them as a `PodTable` and builds a `PodFrame` object only for the rows
 * something asks for (`get(i)`, or `toArray()` behind a frame's `pods`). The canvas
 * layer and the cluster index read the columns directly.
 *
 * Per-frame diffs still carry changed pods as objects (protocol/frame-codec.ts); the
 * client writes them into a copy of the previous table (`applyPodDiff`), reusing the
 * previous rows' objects and string ids. Every row has a `version`, unique for the page's
 * lifetime, that changes whenever the row does: views compare versions, not objects.
 *
 * Pure functions and plain classes over plain data, like the rest of src/protocol.
 */
import type { CollectionDiff } from './frame-codec';
import type { PackedRows } from './pod-rows';
import { PoolBuilder, poolTransfer, StringPool, type PoolPacket } from './string-pool';
import type { NodeFrame, PodFrame, PodPhase } from './engine-api';

/** Every PodFrame field, so that a field added to PodFrame fails to compile until the table carries it. */
const FIELDS: Record<keyof PodFrame, true> = {
  uid: true,
  namespace: true,
  name: true,
  phase: true,
  nodeName: true,
  deletionTimestamp: true,
  ready: true,
  owner: true,
  requests: true,
  unreachableToleration: true,
  evictionAt: true,
  containerReason: true,
  restarts: true,
  lastRestartAt: true,
  lastTermination: true,
};
export const POD_FIELDS = Object.keys(FIELDS) as (keyof PodFrame)[];

// Int32 columns: string ids (-1 for null; UID through LAST_REASON), and NODE: the pod's node as an index into the frame's nodes (-1: none or unknown).
export const UID = 0;
export const NAMESPACE = 1;
export const NAME = 2;
export const OWNER_KIND = 3;
export const OWNER_NAME = 4;
export const NODE_NAME = 5;
export const DELETION = 6;
export const REASON = 7;
/** lastTermination's reason (null: no lastTermination; its exit code is in LAST_EXIT). */
export const LAST_REASON = 8;
export const NODE = 9;
const INTS = 10;
// Float64 columns. TOLERATION: Infinity for 'forever'; EVICTION and LAST_RESTART: NaN for null.
export const CPU = 0;
export const MEMORY = 1;
export const TOLERATION = 2;
export const EVICTION = 3;
export const RESTARTS = 4;
export const LAST_RESTART = 5;
export const LAST_EXIT = 6;
const NUMS = 7;

export const PHASES: readonly PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
/** `phases[i]`: the phase's index in PHASES in the low bits, and these flags. */
export const PHASE_MASK = 7;
export const READY = 8;
export const TERMINATING = 16;

/** What crosses the wire for a full frame's pods; every array's buffer is transferred. */
export interface PodTablePacket {
  length: number;
  /** Every distinct string (string-pool.ts: UTF-8 bytes, decoded when first read). */
  pool: PoolPacket;
  /** INTS columns of `length` rows, column after column. */
  ints: Int32Array;
  nums: Float64Array;
  phases: Uint8Array;
}

/** The buffers to transfer with a packet. */
export const podTableTransfer = (p: PodTablePacket): ArrayBuffer[] => [...poolTransfer(p.pool), p.ints.buffer, p.nums.buffer, p.phases.buffer] as ArrayBuffer[];

/** The columns of `pods` (sorted as the frame has them), with each pod's node as an index into `nodes`. */
export function encodePods(pods: readonly PodFrame[], nodes: readonly NodeFrame[]): PodTablePacket {
  const n = pods.length;
  const ints = new Int32Array(INTS * n);
  const nums = new Float64Array(NUMS * n);
  const phases = new Uint8Array(n);
  const pool = new PoolBuilder();
  const id = (s: string | null): number => pool.id(s);
  const nodeIndex = nodeIndexOf(nodes);
  for (let i = 0; i < n; i++) {
    const p = pods[i];
    ints[UID * n + i] = id(p.uid);
    ints[NAMESPACE * n + i] = id(p.namespace);
    ints[NAME * n + i] = id(p.name);
    ints[OWNER_KIND * n + i] = id(p.owner?.kind ?? null);
    ints[OWNER_NAME * n + i] = id(p.owner?.name ?? null);
    ints[NODE_NAME * n + i] = id(p.nodeName);
    ints[DELETION * n + i] = id(p.deletionTimestamp);
    ints[REASON * n + i] = id(p.containerReason ?? null);
    ints[LAST_REASON * n + i] = id(p.lastTermination?.reason ?? null);
    ints[NODE * n + i] = p.nodeName === null ? -1 : (nodeIndex.get(p.nodeName) ?? -1);
    writeNumbers(nums, n, i, p);
    phases[i] = phaseByte(p);
  }
  return { length: n, pool: pool.packet(), ints, nums, phases };
}

const phaseByte = (p: PodFrame) => {
  const k = PHASES.indexOf(p.phase);
  return (k < 0 ? 4 : k) | (p.ready ? READY : 0) | (p.deletionTimestamp !== null ? TERMINATING : 0);
};

function writeNumbers(nums: Float64Array, n: number, i: number, p: PodFrame): void {
  nums[CPU * n + i] = p.requests.cpu;
  nums[MEMORY * n + i] = p.requests.memory;
  nums[TOLERATION * n + i] = p.unreachableToleration === 'forever' ? Infinity : p.unreachableToleration;
  nums[EVICTION * n + i] = p.evictionAt ?? NaN;
  nums[RESTARTS * n + i] = p.restarts ?? 0;
  nums[LAST_RESTART * n + i] = p.lastRestartAt ?? NaN;
  nums[LAST_EXIT * n + i] = p.lastTermination?.exitCode ?? NaN;
}

const NODE_INDEXES = new WeakMap<readonly NodeFrame[], Map<string, number>>();
/** Node name → index in `nodes` (cached per list). */
export function nodeIndexOf(nodes: readonly NodeFrame[]): Map<string, number> {
  let map = NODE_INDEXES.get(nodes);
  if (!map) {
    map = new Map(nodes.map((node, i) => [node.name, i]));
    NODE_INDEXES.set(nodes, map);
  }
  return map;
}

/** Row versions, unique for the page's lifetime (tables of different scenarios never share one). */
let lastVersion = 0;

/**
 * The row objects of a lineage of tables (a full frame's table and every table a diff made
 * from it), by row version: a version is one row's content, so its object is the same in
 * every table of the lineage that has it. A diff's table shares the map instead of copying
 * a frame-sized array of objects (issue 4: at 30,000 pods that was a 240 KB array and a
 * 30,000-step copy on every frame whose pods changed).
 */
type RowObjects = Map<number, PodFrame>;

/**
 * One frame's pods as columns. Immutable once built (a diff builds a new table); rows
 * are sorted as the frame's pods. `get(i)` builds row i's PodFrame once (or returns the
 * object a diff brought), so unchanged rows keep their object from table to table.
 */
export class PodTable {
  private array: PodFrame[] | null = null;

  private constructor(
    readonly length: number,
    private readonly pool: StringPool,
    /** INTS columns (string ids and NODE), column after column. */
    readonly ints: Int32Array,
    readonly nums: Float64Array,
    /** Phase index | READY | TERMINATING per row. */
    readonly phases: Uint8Array,
    /** Changes whenever a row's content does; equal versions mean equal pods. */
    readonly versions: Uint32Array,
    /** Row objects built or brought so far, by version, shared with the tables derived from this one (RowObjects). */
    private readonly rows: RowObjects,
    /** The node names NODE indexes into. */
    readonly nodeNames: readonly string[],
  ) {}

  /** `nodes`: the frame's nodes, or their names (what NODE indexes into). */
  static fromPacket(packet: PodTablePacket, nodes: readonly NodeFrame[] | readonly string[]): PodTable {
    const n = packet.length;
    const names = nodes.length > 0 && typeof nodes[0] !== 'string' ? (nodes as readonly NodeFrame[]).map((node) => node.name) : (nodes as readonly string[]);
    return new PodTable(n, new StringPool(packet.pool), packet.ints, packet.nums, packet.phases, freshVersions(n), new Map(), names);
  }

  /** A table of plain pods (a frame built in process), keeping their objects. */
  static fromPods(pods: readonly PodFrame[], nodes: readonly NodeFrame[]): PodTable {
    const table = PodTable.fromPacket(encodePods(pods, nodes), nodes);
    for (let i = 0; i < pods.length; i++) table.rows.set(table.versions[i], pods[i]);
    return table;
  }

  /** Column `column` of row `i`. */
  int(column: number, i: number): number {
    return this.ints[column * this.length + i];
  }
  num(column: number, i: number): number {
    return this.nums[column * this.length + i];
  }
  string(column: number, i: number): string | null {
    return this.pool.get(this.ints[column * this.length + i]);
  }
  /** hashString (string-pool.ts) of column `column` of row i, without building the string. */
  stringHash(column: number, i: number): number {
    return this.pool.hash(this.ints[column * this.length + i]);
  }
  /** Whether column `column` of row i is `s`, without building the string. */
  stringIs(column: number, i: number, s: string): boolean {
    return this.pool.is(this.ints[column * this.length + i], s);
  }
  /** `namespace/name` of row i. */
  key(i: number): string {
    return `${this.string(NAMESPACE, i)}/${this.string(NAME, i)}`;
  }
  phase(i: number): PodPhase {
    return PHASES[this.phases[i] & PHASE_MASK];
  }
  terminating(i: number): boolean {
    return (this.phases[i] & TERMINATING) !== 0;
  }
  /** The node index of row i in the frame's nodes, or -1 (unbound, or bound to a node the frame does not have). */
  node(i: number): number {
    return this.ints[NODE * this.length + i];
  }
  /** The row of `namespace/name`, or -1. */
  findKey(key: string): number {
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    for (let i = 0; i < this.length; i++) {
      if (this.string(NAME, i) === name && this.string(NAMESPACE, i) === namespace) return i;
    }
    return -1;
  }
  /** The row of the pod whose uid is `uid`, or -1. */
  findUid(uid: string): number {
    for (let i = 0; i < this.length; i++) if (this.string(UID, i) === uid) return i;
    return -1;
  }
  /** The row whose version is `version`, or -1. */
  findVersion(version: number): number {
    return this.versions.indexOf(version);
  }

  /** Row i as the PodFrame the worker built (the same object on every call). */
  get(i: number): PodFrame {
    const version = this.versions[i];
    let pod = this.rows.get(version);
    if (pod === undefined) this.rows.set(version, (pod = this.build(i)));
    return pod;
  }

  /** Every row as PodFrame objects (built once per table; rows reused from earlier tables). */
  toArray(): PodFrame[] {
    if (this.array === null) {
      const out = new Array<PodFrame>(this.length);
      for (let i = 0; i < this.length; i++) out[i] = this.get(i);
      this.array = out;
    }
    return this.array;
  }

  private build(i: number): PodFrame {
    const kind = this.string(OWNER_KIND, i);
    const toleration = this.num(TOLERATION, i);
    const evictionAt = this.num(EVICTION, i);
    const lastReason = this.string(LAST_REASON, i);
    return {
      uid: this.string(UID, i)!,
      namespace: this.string(NAMESPACE, i)!,
      name: this.string(NAME, i)!,
      phase: this.phase(i),
      nodeName: this.string(NODE_NAME, i),
      deletionTimestamp: this.string(DELETION, i),
      ready: (this.phases[i] & READY) !== 0,
      owner: kind === null ? null : { kind, name: this.string(OWNER_NAME, i)! },
      requests: { cpu: this.num(CPU, i), memory: this.num(MEMORY, i) },
      unreachableToleration: toleration === Infinity ? 'forever' : toleration,
      evictionAt: Number.isNaN(evictionAt) ? null : evictionAt,
      containerReason: this.string(REASON, i),
      restarts: this.num(RESTARTS, i),
      lastRestartAt: Number.isNaN(this.num(LAST_RESTART, i)) ? null : this.num(LAST_RESTART, i),
      lastTermination: lastReason === null ? null : { reason: lastReason, exitCode: this.num(LAST_EXIT, i) },
    };
  }

  /**
   * The table after a frame diff: `diff` is the pods' diff (null: unchanged), `nodes`
   * the new frame's nodes (a change of node names re-maps NODE). Unchanged rows keep
   * their object and version; the result is `this` when nothing changed.
   */
  applyDiff(diff: CollectionDiff<PodFrame> | null, nodes: readonly NodeFrame[], packed?: PackedRows): PodTable {
    const sameNodes = sameNames(this.nodeNames, nodes);
    if (diff === null && sameNodes) return this;
    const n = diff ? diff.length : this.length;
    const ints = new Int32Array(INTS * n);
    const nums = new Float64Array(NUMS * n);
    const phases = new Uint8Array(n);
    const versions = new Uint32Array(n);
    const next = new PodTable(n, this.pool, ints, nums, phases, versions, this.rowsFor(n), sameNodes ? this.nodeNames : nodes.map((node) => node.name));
    // Copy the rows that stay, in runs, then write the changed and added ones.
    const added: ArrayLike<number> = packed ? packed.added : (diff?.added ?? []).map(([i]) => i);
    const removed = diff?.removed ?? [];
    let a = 0;
    let r = 0;
    let j = 0;
    for (let i = 0; i < n; ) {
      if (a < added.length && added[a] === i) {
        a++;
        i++;
        continue;
      }
      while (r < removed.length && removed[r] === j) {
        r++;
        j++;
      }
      if (j >= this.length) throw new Error(`frame diff does not fit its base: ran out of pods at index ${i}`);
      // A run: up to the next added index or the next removed one.
      let run = Math.min(n - i, this.length - j);
      if (a < added.length) run = Math.min(run, added[a] - i);
      if (r < removed.length) run = Math.min(run, removed[r] - j);
      next.copyRows(this, j, i, run);
      i += run;
      j += run;
    }
    const nodeIndex = nodeIndexOf(nodes);
    for (const [i, pod] of diff?.added ?? []) next.write(i, pod, nodeIndex, false);
    for (const [i, pod] of diff?.changed ?? []) next.write(i, pod, nodeIndex, true);
    if (packed) {
      const m = packed.changed.length;
      for (let k = 0; k < packed.added.length; k++) next.writeFrom(packed.added[k], packed.rows, m + k, false);
      for (let k = 0; k < m; k++) next.writeFrom(packed.changed[k], packed.rows, k, true);
    }
    if (!sameNodes) next.remapNodes(nodeIndex);
    return next;
  }

  private copyRows(from: PodTable, src: number, dst: number, count: number): void {
    for (let c = 0; c < INTS; c++) this.ints.set(from.ints.subarray(c * from.length + src, c * from.length + src + count), c * this.length + dst);
    for (let c = 0; c < NUMS; c++) this.nums.set(from.nums.subarray(c * from.length + src, c * from.length + src + count), c * this.length + dst);
    this.phases.set(from.phases.subarray(src, src + count), dst);
    this.versions.set(from.versions.subarray(src, src + count), dst);
  }

  /**
   * The row objects a table of `n` rows derived from this one shares: this table's map, or
   * while it holds many more objects than rows (versions no table of the lineage shows any
   * more), a new map with this table's own rows' objects only. The tables that hold the old
   * map keep it, so no table loses an object it gave out.
   */
  private rowsFor(n: number): RowObjects {
    if (this.rows.size <= 2 * Math.max(n, this.length) + 1024) return this.rows;
    const kept: RowObjects = new Map();
    for (let i = 0; i < this.length; i++) {
      const pod = this.rows.get(this.versions[i]);
      if (pod !== undefined) kept.set(this.versions[i], pod);
    }
    return kept;
  }

  /** Row i := pod. `reuse`: the row holds the pod's previous version, whose string ids are tried first. */
  private write(i: number, pod: PodFrame, nodeIndex: Map<string, number>, reuse: boolean): void {
    const n = this.length;
    const str = (column: number, s: string | null) => {
      this.ints[column * n + i] = this.pool.id(s, reuse ? this.ints[column * n + i] : -1);
    };
    str(UID, pod.uid);
    str(NAMESPACE, pod.namespace);
    str(NAME, pod.name);
    str(OWNER_KIND, pod.owner?.kind ?? null);
    str(OWNER_NAME, pod.owner?.name ?? null);
    str(NODE_NAME, pod.nodeName);
    str(DELETION, pod.deletionTimestamp);
    str(REASON, pod.containerReason ?? null);
    str(LAST_REASON, pod.lastTermination?.reason ?? null);
    this.ints[NODE * n + i] = pod.nodeName === null ? -1 : (nodeIndex.get(pod.nodeName) ?? -1);
    writeNumbers(this.nums, n, i, pod);
    this.phases[i] = phaseByte(pod);
    this.versions[i] = ++lastVersion;
    this.rows.set(this.versions[i], pod);
  }

  /** Row i := row r of `from` (a diff's packed rows, whose NODE indexes the same nodes); its object is built when read. */
  private writeFrom(i: number, from: PodTable, r: number, reuse: boolean): void {
    const n = this.length;
    for (let c = UID; c <= LAST_REASON; c++) this.ints[c * n + i] = this.pool.id(from.string(c, r), reuse ? this.ints[c * n + i] : -1);
    this.ints[NODE * n + i] = from.int(NODE, r);
    for (let c = 0; c < NUMS; c++) this.nums[c * n + i] = from.num(c, r);
    this.phases[i] = from.phases[r];
    this.versions[i] = ++lastVersion;
  }

  /** NODE of every row again, from its node name (the frame's node list changed). */
  private remapNodes(nodeIndex: Map<string, number>): void {
    const n = this.length;
    for (let i = 0; i < n; i++) {
      const name = this.string(NODE_NAME, i);
      this.ints[NODE * n + i] = name === null ? -1 : (nodeIndex.get(name) ?? -1);
    }
  }
}

function freshVersions(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = ++lastVersion;
  return out;
}

export function sameNames(names: readonly string[], nodes: readonly NodeFrame[]): boolean {
  if (names.length !== nodes.length) return false;
  for (let i = 0; i < names.length; i++) if (names[i] !== nodes[i].name) return false;
  return true;
}
