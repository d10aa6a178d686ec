/**
 * The Filter kernel's verdicts per pod shape, kept by node-table slot between
 * cycles (the Filter's counterpart of score-cache.ts). In a recovery a cycle
 * evaluates ~870 nodes to find 500 (5,000-node cluster), and almost every one
 * has the verdict it had the last time a pod of the same requests met it: the
 * nodes that changed since are the few the last cycles bound to, plus node
 * events. So instead of reading each node's flags and three to six columns
 * (free and allocatable cpu, memory, ephemeral storage: cold cache lines each,
 * since the rest of the recovery ran in between), the scan reads one byte per
 * node, and computes it again only for the slots whose stamp moved
 * (NodeTable.changeLog) since the entry was last used.
 *
 * A verdict is what the scan's per-node branches decide from the table alone
 * for the cycle's NodeResourcesFit requests and the Filter list's flags:
 *   0          the node passes (no flag a plugin in the list rejects on, the
 *              requests fit — or NodeResourcesFit passes it and no plugin
 *              after it has a flag on it);
 *   1..31      NodeResourcesFit rejects it with fitCodeFromTable's index (no
 *              plugin ahead of it has a flag on the node);
 *   V_SLOW_AFTER_FIT  NodeResourcesFit passes it but a plugin after it has a
 *              flag on it: the scan runs those plugins (slowCode from fitAt + 1);
 *   V_SLOW     a plugin ahead of NodeResourcesFit has a flag on it: the scan
 *              runs the plugins from the first (slowCode from 0).
 * The slow verdicts depend on the pod (its tolerations), so they only say
 * which way the scan goes, never the outcome. A verdict reads the slot's
 * flags, free and allocatable columns, all of which move its stamp when they
 * change (NodeTable.update/updatePods), so it holds while the stamp holds.
 *
 * The key: NodeResourcesFit's three requests (milliCPU, memory, ephemeral
 * storage as its PreFilter left them) and the list's slow flags, the flags
 * before and after NodeResourcesFit and its index. Entries are dropped when
 * the table or its stamp epoch changes.
 *
 * Proof: fused/filter-scan.test.ts and filter-scan-recovery.test.ts run the
 * scan with SHAPE_VERDICTS on and off in lockstep.
 */
import { CHANGE_LOG_SIZE, type NodeTable } from '../framework/node-table';
import { fitCodeFromTable, type FitPreFilterState } from '../plugins/node-resources-fit/node-resources-fit';
import { ShapeRing } from './shape-ring';

/** Tests and benches switch the cache off (every verdict then read from the columns, as before). */
export const SHAPE_VERDICTS = { enabled: true };

/**
 * Tests and benches turn off filling an entry's unknown verdicts in one pass over the table
 * (`fill`) when many are unknown; the scan then computes each where it meets it, as before.
 * A verdict is a pure function of the entry's key and the slot's flags and columns, which no
 * scan changes, so computing it before the scan instead of during it gives the same byte.
 */
export const COLUMN_FILL = { enabled: true };

/**
 * An entry is filled when more than 1/FILL_FRACTION of its slots are unknown. A recovery's
 * scan evaluates ~870 of 5,000 nodes from a rotating start: a shape met a few times has seen
 * part of the table, and meets the rest as scattered cold reads one cycle at a time; a pass in
 * slot order reads the same columns sequentially once. Below this the unknown slots are the
 * few the change log named, met where they are.
 */
const FILL_FRACTION = 16;

export const V_SLOW_AFTER_FIT = 32;
export const V_SLOW = 33;
/** Not computed since the slot's stamp last moved (or never). */
export const V_UNKNOWN = 255;

export class VerdictEntry {
  cpu = 0;
  mem = 0;
  eph = 0;
  slowFlags = 0;
  preFit = 0;
  postFit = 0;
  fitAt = 0;
  codes: Uint8Array;
  /** The table's change count the codes are valid at. */
  synced = 0;
  /** How many of `codes` are V_UNKNOWN, past the table's slots included (the scan takes off those it computes). */
  unknown: number;
  constructor(capacity: number) {
    this.codes = new Uint8Array(capacity).fill(V_UNKNOWN);
    this.unknown = capacity;
  }
}

export class VerdictCache extends ShapeRing<VerdictEntry> {
  /** Verdicts computed from the columns (tests check the cache is both filled and read). */
  computed = 0;
  /** Verdicts read as kept (a scan's evaluated nodes less those computed). */
  reused = 0;
  /** Verdicts computed by `fill` (not counted in `computed`), and the fills. */
  filled = 0;
  fills = 0;

  protected create(capacity: number): VerdictEntry {
    return new VerdictEntry(capacity);
  }

  protected clear(e: VerdictEntry): void {
    e.codes.fill(V_UNKNOWN);
    e.unknown = e.codes.length;
  }

  entryFor(table: NodeTable, cpu: number, mem: number, eph: number, slowFlags: number, preFit: number, postFit: number, fitAt: number): VerdictEntry {
    this.use(table);
    const l = this.last;
    if (l !== null && matches(l, cpu, mem, eph, slowFlags, preFit, postFit, fitAt)) return this.fit(l, table);
    for (const e of this.entries) {
      if (matches(e, cpu, mem, eph, slowFlags, preFit, postFit, fitAt)) {
        this.last = e;
        return this.fit(e, table);
      }
    }
    const e = this.fresh(table);
    e.cpu = cpu;
    e.mem = mem;
    e.eph = eph;
    e.slowFlags = slowFlags;
    e.preFit = preFit;
    e.postFit = postFit;
    e.fitAt = fitAt;
    return this.fit(e, table);
  }

  /** Grows an entry with the table and forgets the slots whose stamp moved since it was last used (all, past the log's reach). */
  private fit(e: VerdictEntry, table: NodeTable): VerdictEntry {
    const n = table.gen.length;
    if (e.codes.length < n) {
      const d = new Uint8Array(n).fill(V_UNKNOWN);
      d.set(e.codes);
      e.unknown += n - e.codes.length;
      e.codes = d;
    }
    const codes = e.codes;
    const to = table.changes;
    if (to - e.synced > CHANGE_LOG_SIZE) {
      codes.fill(V_UNKNOWN);
      e.unknown = codes.length;
    } else {
      const log = table.changeLog;
      let unknown = e.unknown;
      for (let c = e.synced; c < to; c++) {
        const s = log[c & (CHANGE_LOG_SIZE - 1)];
        if (codes[s] !== V_UNKNOWN) {
          codes[s] = V_UNKNOWN;
          unknown++;
        }
      }
      e.unknown = unknown;
    }
    e.synced = to;
    return e;
  }

  /**
   * Computes every unknown verdict of `e` for the table's slots in slot order (a free slot's
   * too: a node given the slot moves its stamp, so the change log marks it unknown again), when
   * more than 1/FILL_FRACTION of them are unknown. The arguments are the scan's for `e`'s key.
   */
  fill(
    e: VerdictEntry,
    table: NodeTable,
    fit: FitPreFilterState,
    cpuT: number,
    memT: number,
    ephT: number,
    checkEph: boolean,
    slowFlags: number,
    preFit: number,
    postFit: number,
  ): void {
    const n = table.infos.length;
    const codes = e.codes;
    // (The slots past the table's last are never evaluated, and stay unknown.)
    if (!COLUMN_FILL.enabled || (e.unknown - (codes.length - n)) * FILL_FRACTION <= n) return;
    let done = 0;
    for (let s = 0; s < n; s++) {
      if (codes[s] !== V_UNKNOWN) continue;
      codes[s] = verdictAt(table, s, fit, cpuT, memT, ephT, checkEph, slowFlags, preFit, postFit);
      done++;
    }
    e.unknown -= done;
    this.filled += done;
    this.fills++;
  }
}

function matches(e: VerdictEntry, cpu: number, mem: number, eph: number, slowFlags: number, preFit: number, postFit: number, fitAt: number): boolean {
  // Object.is: a NaN request matches itself, and -0 is not 0.
  return (
    Object.is(e.cpu, cpu) &&
    Object.is(e.mem, mem) &&
    Object.is(e.eph, eph) &&
    e.slowFlags === slowFlags &&
    e.preFit === preFit &&
    e.postFit === postFit &&
    e.fitAt === fitAt
  );
}

/**
 * What FusedFilter.scan decides for `slot` from the table alone: 0
 * passes, 1..31 NodeResourcesFit's rejection index, V_SLOW(_AFTER_FIT) the
 * plugins to run. The branches of the scan's column loop, in its order (thresholds: -Infinity for no request).
 */
export function verdictAt(
  table: NodeTable,
  slot: number,
  fit: FitPreFilterState,
  cpuT: number,
  memT: number,
  ephT: number,
  checkEph: boolean,
  slowFlags: number,
  preFit: number,
  postFit: number,
): number {
  const f = table.flags[slot];
  if ((f & slowFlags) === 0 && !(cpuT > table.freeCpu[slot]) && !(memT > table.freeMem[slot]) && !(checkEph && ephT > table.freeEph[slot])) return 0;
  if ((f & preFit) !== 0) return V_SLOW;
  const i = fitCodeFromTable(fit, table, slot);
  if (i !== 0) return i;
  return (f & postFit) === 0 ? 0 : V_SLOW_AFTER_FIT;
}
