/**
 * The Filter kernel's memo of its slow nodes' verdicts, per pod shape. A node
 * the kernel cannot pass at once (a cordon, a NoSchedule/NoExecute taint, full,
 * or short of the pod's cpu/memory/ephemeral storage) goes through the
 * plugins' own filters; what they decide depends only on the node's slot in
 * the node table (its flags, free and allocatable numbers, and the NodeInfo's
 * taints and cordon, all of which move the slot's stamp when they change) and
 * on the pod's shape: the filter plugin list, its cpu/memory/ephemeral-storage
 * requests as NodeResourcesFit's PreFilter left them, and its tolerations'
 * content (the four fields ToleratesTaint reads). Between two cycles of one
 * shape only the slots whose stamp moved decide differently, so the verdict is
 * kept per shape and slot: passes, or rejected by plugin p with status s —
 * only for statuses that are the very objects the plugin returns every time
 * (NodeResourcesFit's shared per-mask statuses, TaintToleration's UNTOLERATED);
 * any other outcome is not kept. When an entry is taken for a cycle the slots
 * logged since (NodeTable.changeLog) are forgotten, every slot when more moved
 * than the log holds or the stamps were numbered afresh (genEpoch), as the
 * score cache does (score-cache.ts).
 *
 * fused.test.ts and filter-memo.test.ts run it in lockstep with the plugins'
 * own filters through pod and node changes between cycles.
 */
import { CHANGE_LOG_SIZE, type NodeTable } from '../framework/node-table';
import type { Status } from '../framework/status';

/** Not known: the plugins must decide. */
export const UNKNOWN = 0;
/** Passes every plugin. */
export const PASSES = -1;
/** Shapes kept at once; past that the oldest entry is reused. */
const MAX_SHAPES = 32;

/** One shape's verdicts by slot, valid as of the table's `synced`-th change. */
export class MemoEntry {
  codes: Int32Array;
  synced = 0;
  constructor(
    readonly key: string,
    capacity: number,
  ) {
    this.codes = new Int32Array(capacity);
  }
}

export class FilterMemo {
  /** Verdicts read from the memo, and computed by the plugins and kept (tests check both happen). */
  reused = 0;
  kept = 0;
  /** A rejection code c > 0 stands for plugin codePlugin[c - 1] and status codeStatus[c - 1]. */
  readonly codePlugin: number[] = [];
  readonly codeStatus: Status[] = [];
  private entries: MemoEntry[] = [];
  private readonly byKey = new Map<string, MemoEntry>();
  private last: MemoEntry | null = null;
  private next = 0;
  private table: NodeTable | null = null;
  private epoch = 0;

  /** The code for a rejection by plugin `p` with status `s` (made on first use). */
  codeOf(p: number, s: Status): number {
    const { codePlugin, codeStatus } = this;
    for (let i = 0; i < codePlugin.length; i++) if (codePlugin[i] === p && codeStatus[i] === s) return i + 1;
    codePlugin.push(p);
    codeStatus.push(s);
    return codePlugin.length;
  }

  /** The entry for shape `key` over `table`, with the slots that changed since it was last taken forgotten. */
  entryFor(key: string, table: NodeTable): MemoEntry {
    if (table !== this.table || table.genEpoch !== this.epoch) {
      this.table = table;
      this.epoch = table.genEpoch;
      this.entries = [];
      this.byKey.clear();
      this.last = null;
      this.next = 0;
    }
    const l = this.last;
    if (l !== null && l.key === key) return this.sync(l, table);
    const found = this.byKey.get(key);
    if (found !== undefined) return this.sync((this.last = found), table);
    const entries = this.entries;
    const e = new MemoEntry(key, table.gen.length);
    if (entries.length < MAX_SHAPES) entries.push(e);
    else {
      this.byKey.delete(entries[this.next].key);
      entries[this.next] = e;
      this.next = (this.next + 1) % MAX_SHAPES;
    }
    this.byKey.set(key, e);
    e.synced = table.changes;
    this.last = e;
    return e;
  }

  private sync(e: MemoEntry, table: NodeTable): MemoEntry {
    const n = table.gen.length;
    if (e.codes.length < n) {
      const d = new Int32Array(n);
      d.set(e.codes);
      e.codes = d;
    }
    const codes = e.codes;
    const to = table.changes;
    if (to - e.synced > CHANGE_LOG_SIZE) codes.fill(UNKNOWN);
    else {
      const log = table.changeLog;
      for (let c = e.synced; c < to; c++) codes[log[c & (CHANGE_LOG_SIZE - 1)]] = UNKNOWN;
    }
    e.synced = to;
    return e;
  }
}
