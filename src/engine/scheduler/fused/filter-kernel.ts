/**
 * The default profile's Filter plugins that read the node table —
 * NodeUnschedulable, NodeName, TaintToleration and NodeResourcesFit — in one
 * loop. A node none of them can reject (no cordon, no NoSchedule/NoExecute
 * taint, not full, the pod's cpu/memory/ephemeral-storage requests fit its
 * free allocatable: table flags and columns) passes at once; any other node is
 * run through the plugins' own `filter` in list order, so it gets its first
 * failing plugin and that plugin's status. Rejections are handed on grouped by
 * plugin, in node order within each, as the plugin-by-plugin pass hands them.
 *
 * `scan` does a cycle's whole pass in one call and keeps its rejections as a
 * compact log (rejection-log.ts) that the Diagnosis expands only when read;
 * a node that only NodeResourcesFit can reject gets its verdict as a number
 * from the table columns, with no status object.
 *
 * It declines (undefined) for a list holding any other plugin, a pod that
 * names a node, and a pod with scalar requests (hugepages, extended resources).
 */
import type { FilterScan, FusedFilterPass } from '../framework/fused';
import type { CycleState } from '../framework/cycle-state';
import type { Diagnosis } from '../framework/fit-error';
import type { FilterPlugin, RejectNode } from '../framework/interfaces';
import type { NodeInfo } from '../framework/node-info';
import { F_HARD_TAINT, F_PODS_FULL, F_UNSCHEDULABLE, type NodeTable } from '../framework/node-table';
import type { PodInfo } from '../framework/pod-info';
import { Code, errorStatus, type Status } from '../framework/status';
import { NodeNamePlugin } from '../plugins/node-name/node-name';
import type { FitPreFilterState} from '../plugins/node-resources-fit/node-resources-fit';
import { filterFromTable, fitCodeFromTable, NodeResourcesFitPlugin, PREFILTER_STATE_KEY } from '../plugins/node-resources-fit/node-resources-fit';
import { NodeUnschedulablePlugin } from '../plugins/node-unschedulable/node-unschedulable';
import { TaintTolerationPlugin, UNTOLERATED } from '../plugins/taint-toleration/taint-toleration';
import { CODE_FRESH, CODE_UNTOLERATED, FilterRejectionLog, statusOfCode } from './rejection-log';
import { SHAPE_VERDICTS, V_SLOW, V_SLOW_AFTER_FIT, V_UNKNOWN, VerdictCache, verdictAt } from './verdict-cache';

/**
 * Tests and benches turn the whole-pass scan off (the scheduler then runs its
 * chunk loop over `filter`, each rejection handed on to the Diagnosis), to
 * compare the two.
 */
export const FILTER_SCAN = { enabled: true };

/** The table flags that may make a plugin reject a node (0: a plugin the kernel does not know). */
function slowFlagsOf(pl: FilterPlugin): number {
  if (pl instanceof NodeUnschedulablePlugin) return F_UNSCHEDULABLE;
  if (pl instanceof TaintTolerationPlugin) return F_HARD_TAINT;
  if (pl instanceof NodeResourcesFitPlugin) return F_PODS_FULL;
  return 0;
}

/** The cycle's NodeResourcesFit requests as the kernel compares them (see readThresholds). */
interface FitThresholds {
  cpu: number;
  mem: number;
  eph: number;
  fit: FitPreFilterState | undefined;
}

/**
 * Reads the cycle's NodeResourcesFit PreFilter state into `t` (the chunk loop and the scan
 * both start here). Its checks `q > 0 && q > free` become one comparison: a zero request is
 * -∞. false when the kernel cannot take the pod (no state, or a scalar resource requested).
 */
function readThresholds(t: FitThresholds, fitPlugin: NodeResourcesFitPlugin | null, state: CycleState): boolean {
  t.cpu = t.mem = t.eph = -Infinity;
  t.fit = undefined;
  if (fitPlugin === null) return true;
  const s = state.tryRead<FitPreFilterState>(PREFILTER_STATE_KEY);
  if (s === undefined || s.scalarNames.length > 0) return false;
  t.fit = s;
  if (s.milliCPU > 0) t.cpu = s.milliCPU;
  if (s.memory > 0) t.mem = s.memory;
  if (s.ephemeralStorage > 0) t.eph = s.ephemeralStorage;
  return true;
}

/**
 * Copies src[j], src[j + 1], … to slots[kept], slots[kept + 1], … while the
 * node passes at once (no flag in `slowFlags`, the cpu and memory requests fit
 * its free allocatable); returns the position of the first that does not
 * (`end` when all do). Ephemeral storage is not looked at (the caller runs
 * this only for a pod that requests none).
 */
function passRun(
  src: Int32Array,
  j: number,
  end: number,
  slots: Int32Array,
  kept: number,
  flags: Uint8Array,
  slowFlags: number,
  freeCpu: Float64Array,
  freeMem: Float64Array,
  cpuT: number,
  memT: number,
): number {
  for (; j < end; j++) {
    const slot = src[j];
    if ((flags[slot] & slowFlags) !== 0 || cpuT > freeCpu[slot] || memT > freeMem[slot]) return j;
    slots[kept++] = slot;
  }
  return end;
}

/** passRun for the kept verdicts: copies src[j], … to out[kept], … while their verdict is 0; returns where it stopped. */
function passRunKept(src: Int32Array, j: number, end: number, out: Int32Array, kept: number, codes: Uint8Array): number {
  for (; j < end; j++) {
    const slot = src[j];
    if (codes[slot] !== 0) return j;
    out[kept++] = slot;
  }
  return end;
}

export class FusedFilter implements FusedFilterPass {
  /** Chunks the kernel filtered (tests check that it ran). */
  runs = 0;
  private lastList: readonly FilterPlugin[] | null = null;
  /** For lastList: the flags that send a node down the per-plugin path, or -1 if the kernel does not apply. */
  private lastFlags = -1;
  /** For lastList: each plugin's flag (the only table flag on which it can reject), 0 for NodeName. */
  private pluginFlags = new Int32Array(0);
  private lastFit: NodeResourcesFitPlugin | null = null;
  /** Rejected nodes of the chunk: slot, the plugin's index, its status. */
  private rejSlots = new Int32Array(64);
  private rejPlugins = new Int32Array(64);
  /** Grows with rejSlots and is overwritten, never emptied (emptying would free its store every chunk). */
  private readonly rejStatuses: Status[] = [];
  /** How many nodes of the current chunk were rejected (slowPasses counts them). */
  private rejected = 0;
  /** Bit p: plugin p (p < 31) rejected a node of the current chunk (bit 31: one at p ≥ 31). */
  private rejMask = 0;
  /** Whole-pass scans run (each also counted in `runs`), and the chunks they went through. */
  scans = 0;
  scanChunks = 0;
  /** For lastList: the plugins' names; NodeResourcesFit's index (-1: absent); the flags of the plugins before and after it. */
  private names: string[] = [];
  private fitAt = -1;
  private preFitFlags = 0;
  private postFitFlags = 0;
  /** The scan's log: [position, code] per rejection; the rejection count at each chunk's end; statuses kept as objects. */
  private log = new Int32Array(128);
  private chunkEnds = new Int32Array(16);
  private readonly fresh: Status[] = [];
  private freshN = 0;
  /** A plugin gave a status that is no rejection (the pass stops with an error at the end of the chunk). */
  private errorSeen = false;
  private scanFit: FitPreFilterState | undefined = undefined;
  private readonly thresholds: FitThresholds = { cpu: -Infinity, mem: -Infinity, eph: -Infinity, fit: undefined };
  private readonly result: FilterScan = { found: 0, evaluated: 0, error: null };
  /** Whether the last scan rejected at least a quarter of the nodes it evaluated (the kept verdicts are read only then). */
  private rejectHeavy = true;
  /** The scan's verdicts per pod shape by slot (verdict-cache.ts), while SHAPE_VERDICTS is on. */
  readonly verdicts = new VerdictCache();

  private analyse(plugins: readonly FilterPlugin[]): void {
    this.lastList = plugins;
    this.lastFit = null;
    this.pluginFlags = new Int32Array(plugins.length);
    this.names = plugins.map((pl) => pl.name);
    this.fitAt = -1;
    this.preFitFlags = 0;
    this.postFitFlags = 0;
    let flags = 0;
    for (let p = 0; p < plugins.length; p++) {
      const pl = plugins[p];
      // NodeName rejects nothing for a pod that names no node (the only pods the kernel takes).
      if (pl instanceof NodeNamePlugin) continue;
      const f = slowFlagsOf(pl);
      if (f === 0) {
        this.lastFlags = -1;
        return;
      }
      if (pl instanceof NodeResourcesFitPlugin) {
        // The first NodeResourcesFit decides (a second one could reject nothing the first passes).
        if (this.lastFit === null) this.fitAt = p;
        this.lastFit = pl;
      } else if (this.fitAt < 0) this.preFitFlags |= f;
      else this.postFitFlags |= f;
      this.pluginFlags[p] = f;
      flags |= f;
    }
    this.lastFlags = flags;
  }

  filter(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    slots: Int32Array,
    n: number,
    onReject: RejectNode,
    from = 0,
    src: Int32Array = slots,
    srcFrom = from,
  ): number | Status | undefined {
    if (plugins !== this.lastList) this.analyse(plugins);
    const slowFlags = this.lastFlags;
    if (slowFlags < 0 || pod.nodeName !== '') return undefined;
    const th = this.thresholds;
    if (!readThresholds(th, this.lastFit, state)) return undefined;
    const { cpu: cpuT, mem: memT, eph: ephT, fit } = th;
    this.runs++;
    // As TaintToleration's own fast path: without tolerations, any NoSchedule/NoExecute taint is untolerated.
    const tolerates = (pod.pod.spec.tolerations?.length ?? 0) > 0;
    const { flags, freeCpu, freeMem, freeEph } = table;
    // Most pods request no ephemeral storage: its column is then not read.
    const checkEph = ephT !== -Infinity;
    // The n nodes are read from src (wrapping at its end: at most two runs of
    // consecutive entries, so no wrap test per node) and the survivors written
    // to slots from `from` on (in place when src is slots: never ahead of the reads).
    // A node a plugin may reject goes to slowPasses, out of this loop.
    let kept = from;
    this.rejected = 0;
    this.rejMask = 0;
    const srcLen = src.length;
    let at = srcFrom;
    let left = n;
    while (left > 0) {
      const end = at + left < srcLen ? at + left : srcLen;
      for (let j = at; j < end; j++) {
        // The nodes that pass at once, in a loop of their own up to the first that may not.
        if (!checkEph) {
          const stop = passRun(src, j, end, slots, kept, flags, slowFlags, freeCpu, freeMem, cpuT, memT);
          kept += stop - j;
          j = stop;
          if (j === end) break;
        }
        const slot = src[j];
        if (
          ((flags[slot] & slowFlags) === 0 && !(cpuT > freeCpu[slot]) && !(memT > freeMem[slot]) && !(checkEph && ephT > freeEph[slot])) ||
          this.slowPasses(plugins, state, pod, table, slot, fit, tolerates)
        ) {
          slots[kept++] = slot;
        }
      }
      left -= end - at;
      at = 0;
    }
    const rejected = this.rejected;
    if (rejected === 0) return kept - from;
    return this.handOn(plugins, table, rejected, onReject) ?? kept - from;
  }

  scan(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    nodes: readonly NodeInfo[],
    src: Int32Array,
    start: number,
    numToFind: number,
    out: Int32Array,
    diagnosis: Diagnosis,
  ): FilterScan | undefined {
    if (!FILTER_SCAN.enabled) return undefined;
    if (plugins !== this.lastList) this.analyse(plugins);
    const slowFlags = this.lastFlags;
    // A code holds the plugin's index in 5 bits.
    if (slowFlags < 0 || pod.nodeName !== '' || plugins.length > 31) return undefined;
    const th = this.thresholds;
    if (!readThresholds(th, this.lastFit, state)) return undefined;
    const { cpu: cpuT, mem: memT, eph: ephT, fit } = th;
    this.runs++;
    this.scans++;
    this.scanFit = fit;
    this.freshN = 0;
    this.errorSeen = false;
    const tolerates = (pod.pod.spec.tolerations?.length ?? 0) > 0;
    const { flags, freeCpu, freeMem, freeEph } = table;
    const checkEph = ephT !== -Infinity;
    // NodeResourcesFit's verdict first, as a number, when no plugin before it can reject the node.
    const fitAt = fit !== undefined ? this.fitAt : -1;
    const preFit = this.preFitFlags;
    const postFit = this.postFitFlags;
    const numAll = nodes.length;
    let log: Int32Array = this.log;
    let rejected = 0;
    let chunks = 0;
    let found = 0;
    let evaluated = 0;
    let at = start;
    /** Plugins that rejected a node in an earlier chunk (bit per index). */
    let seen = 0;
    // With NodeResourcesFit in the list: each node's verdict for this pod shape, kept by slot between cycles.
    // Only while passes reject many nodes (a recovery's): where few are rejected (a load's), the column loop over
    // passing nodes reads data the Score side keeps hot, and the per-shape bytes were measured slower (by ~3-8 %).
    const entry = SHAPE_VERDICTS.enabled && fitAt >= 0 && this.rejectHeavy ? this.verdicts.entryFor(table, fit!.milliCPU, fit!.memory, fit!.ephemeralStorage, slowFlags, preFit, postFit, fitAt) : null;
    // Many unknown (a shape met only in other windows of the table): all computed first, in slot order.
    if (entry !== null) this.verdicts.fill(entry, table, fit!, cpuT, memT, ephT, checkEph, slowFlags, preFit, postFit);
    const codes = entry !== null ? entry.codes : null;
    let computed = 0;
    // Chunks as the scheduler's loop takes them: the nodes still needed, wrapping at the list's end.
    while (evaluated < numAll && found < numToFind) {
      const take = Math.min(numToFind - found, numAll - evaluated);
      let mask = 0;
      let left = take;
      while (left > 0) {
        const end = at + left < numAll ? at + left : numAll;
        if (codes !== null) {
          // The same branches as the loop below, their table part read from the kept verdict (computed where unknown).
          for (let j = at; j < end; j++) {
            // The nodes kept as passing, in a loop of their own up to the first that is not.
            const stop = passRunKept(src, j, end, out, found, codes);
            found += stop - j;
            j = stop;
            if (j === end) break;
            const slot = src[j];
            let v = codes[slot];
            if (v === V_UNKNOWN) {
              v = codes[slot] = verdictAt(table, slot, fit!, cpuT, memT, ephT, checkEph, slowFlags, preFit, postFit);
              computed++;
            }
            if (v === 0) {
              out[found++] = slot;
              continue;
            }
            const code = v < V_SLOW_AFTER_FIT ? (v << 5) | fitAt : this.slowCode(plugins, state, pod, table, slot, flags[slot], v === V_SLOW ? 0 : fitAt + 1, tolerates);
            if (code === 0) {
              out[found++] = slot;
              continue;
            }
            if (2 * rejected === log.length) log = this.growLog();
            log[2 * rejected] = j;
            log[2 * rejected + 1] = code;
            rejected++;
            mask |= 1 << (code & 31);
          }
          left -= end - at;
          at = end === numAll ? 0 : end;
          continue;
        }
        for (let j = at; j < end; j++) {
          if (!checkEph) {
            const stop = passRun(src, j, end, out, found, flags, slowFlags, freeCpu, freeMem, cpuT, memT);
            found += stop - j;
            j = stop;
            if (j === end) break;
          }
          const slot = src[j];
          const f = flags[slot];
          if ((f & slowFlags) === 0 && !(cpuT > freeCpu[slot]) && !(memT > freeMem[slot]) && !(checkEph && ephT > freeEph[slot])) {
            out[found++] = slot;
            continue;
          }
          let code: number;
          if (fitAt >= 0 && (f & preFit) === 0) {
            const i = fitCodeFromTable(fit!, table, slot);
            code = i !== 0 ? (i << 5) | fitAt : (f & postFit) === 0 ? 0 : this.slowCode(plugins, state, pod, table, slot, f, fitAt + 1, tolerates);
          } else code = this.slowCode(plugins, state, pod, table, slot, f, 0, tolerates);
          if (code === 0) {
            out[found++] = slot;
            continue;
          }
          if (2 * rejected === log.length) log = this.growLog();
          log[2 * rejected] = j;
          log[2 * rejected + 1] = code;
          rejected++;
          mask |= 1 << (code & 31);
        }
        left -= end - at;
        at = end === numAll ? 0 : end;
      }
      evaluated += take;
      if (chunks === this.chunkEnds.length) this.growChunkEnds();
      this.chunkEnds[chunks++] = rejected;
      if (this.errorSeen) break;
      // The plugins that rejected for the first time, in plugin order, as handOn hands them on.
      const news = mask & ~seen;
      if (news !== 0) {
        seen |= mask;
        for (let p = 0; p < plugins.length; p++) if ((news & (1 << p)) !== 0) diagnosis.unschedulablePlugins.add(this.names[p]);
      }
    }
    this.scanChunks += chunks;
    this.rejectHeavy = rejected * 4 >= evaluated;
    if (entry !== null) {
      entry.unknown -= computed;
      this.verdicts.computed += computed;
      this.verdicts.reused += evaluated - computed;
    }
    const r = this.result;
    r.evaluated = evaluated;
    r.found = found;
    r.error = null;
    if (rejected === 0) return r;
    const data = new Int32Array(2 * rejected + chunks);
    data.set(log.subarray(0, 2 * rejected));
    data.set(this.chunkEnds.subarray(0, chunks), 2 * rejected);
    const fresh = this.freshN > 0 ? this.fresh.slice(0, this.freshN) : null;
    let count = rejected;
    if (this.errorSeen) {
      // The last chunk hands on up to its first status that is no rejection (in hand-on order), which becomes the error.
      const lo = chunks > 1 ? this.chunkEnds[chunks - 2] : 0;
      count = lo;
      let err: Status | null = null;
      for (let p = 0; p < plugins.length && err === null; p++) {
        for (let j = lo; j < rejected; j++) {
          const code = log[2 * j + 1];
          if ((code & 31) !== p) continue;
          const s = statusOfCode(code >> 5, fresh);
          if (!s.isRejected()) {
            const name = this.names[p];
            err = errorStatus(`running ${JSON.stringify(name)} filter plugin: ${s.message()}`).withPlugin(name);
            break;
          }
          count++;
          diagnosis.unschedulablePlugins.add(this.names[p]);
        }
      }
      r.found = 0;
      r.error = err;
    }
    diagnosis.nodeToStatus.setNewFrom(new FilterRejectionLog(nodes, data, rejected, chunks, this.names, fresh, count));
    return r;
  }

  /**
   * scan()'s verdict for a node some plugin may reject: the plugins from
   * index `from` on, in order, up to the first that rejects; 0 when none
   * does, else its code (rejection-log.ts). NodeResourcesFit's verdict comes
   * from the table columns, TaintToleration's by the slot's taint stamp.
   */
  private slowCode(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    slot: number,
    f: number,
    from: number,
    tolerates: boolean,
  ): number {
    const pluginFlags = this.pluginFlags;
    for (let p = from; p < plugins.length; p++) {
      const pf = pluginFlags[p];
      if (pf === 0 || ((f & pf) === 0 && pf !== F_PODS_FULL)) continue;
      if (pf === F_PODS_FULL) {
        const i = fitCodeFromTable(this.scanFit!, table, slot);
        if (i !== 0) return (i << 5) | p;
        continue;
      }
      const s =
        pf === F_HARD_TAINT
          ? tolerates
            ? (plugins[p] as TaintTolerationPlugin).filterSlot(state, pod, table, slot)
            : UNTOLERATED
          : plugins[p].filter(state, pod, table.infos[slot]!);
      if (s === null || s.code === Code.Success) continue;
      if (s === UNTOLERATED) return (CODE_UNTOLERATED << 5) | p;
      // Another status object (a cordon's, made per call): kept as it is.
      if (!s.isRejected()) this.errorSeen = true;
      const i = this.freshN++;
      if (i < this.fresh.length) this.fresh[i] = s;
      else this.fresh.push(s);
      return ((CODE_FRESH + i) << 5) | p;
    }
    return 0;
  }

  private growLog(): Int32Array {
    const log = new Int32Array(this.log.length * 2);
    log.set(this.log);
    return (this.log = log);
  }

  private growChunkEnds(): void {
    const ends = new Int32Array(this.chunkEnds.length * 2);
    ends.set(this.chunkEnds);
    this.chunkEnds = ends;
  }

  /**
   * A node some plugin may reject: the plugins' own filters, in order, up to
   * the first that does (a plugin passes a node without its flag, as its fast
   * path has it); NodeResourcesFit's verdict comes from the table columns.
   * Returns whether the node passes; a rejection is recorded for handOn.
   */
  private slowPasses(
    plugins: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    slot: number,
    fit: FitPreFilterState | undefined,
    tolerates: boolean,
  ): boolean {
    const pluginFlags = this.pluginFlags;
    const f = table.flags[slot];
    let p = 0;
    let st: Status | null = null;
    for (; p < plugins.length; p++) {
      const pf = pluginFlags[p];
      if (pf === 0 || ((f & pf) === 0 && pf !== F_PODS_FULL)) continue;
      // TaintToleration's verdict by the slot's taint stamp (no NodeInfo read): filterSlot.
      const s =
        pf === F_PODS_FULL
          ? filterFromTable(fit!, table, slot)
          : pf === F_HARD_TAINT
            ? tolerates
              ? (plugins[p] as TaintTolerationPlugin).filterSlot(state, pod, table, slot)
              : UNTOLERATED
            : plugins[p].filter(state, pod, table.infos[slot]!);
      if (s !== null && s.code !== Code.Success) {
        st = s;
        break;
      }
    }
    if (st === null) return true;
    const r = this.rejected++;
    if (r === this.rejSlots.length) this.growRejections();
    this.rejSlots[r] = slot;
    this.rejPlugins[r] = p;
    this.rejMask |= p < 31 ? 1 << p : 1 << 31;
    if (r < this.rejStatuses.length) this.rejStatuses[r] = st;
    else this.rejStatuses.push(st);
    return false;
  }

  /**
   * Hands the chunk's rejections on plugin by plugin (as the plugin-by-plugin
   * pass meets them), or returns the error of the first plugin that gave a
   * status that is no rejection, as that pass would stop with.
   */
  private handOn(plugins: readonly FilterPlugin[], table: NodeTable, rejected: number, onReject: RejectNode): Status | null {
    const { rejSlots, rejPlugins, rejStatuses } = this;
    const infos = table.infos;
    const mask = this.rejMask;
    for (let p = 0; p < plugins.length; p++) {
      // Only the plugins that rejected a node of the chunk have anything to hand on.
      if ((mask & (p < 31 ? 1 << p : 1 << 31)) === 0) continue;
      const name = plugins[p].name;
      for (let j = 0; j < rejected; j++) {
        if (rejPlugins[j] !== p) continue;
        const s = rejStatuses[j];
        if (!s.isRejected()) {
          return errorStatus(`running ${JSON.stringify(name)} filter plugin: ${s.message()}`).withPlugin(name);
        }
        if (s.plugin !== name) s.plugin = name;
        onReject(infos[rejSlots[j]]!, s);
      }
    }
    return null;
  }

  private growRejections(): void {
    const slots = new Int32Array(this.rejSlots.length * 2);
    slots.set(this.rejSlots);
    this.rejSlots = slots;
    const plugins = new Int32Array(this.rejPlugins.length * 2);
    plugins.set(this.rejPlugins);
    this.rejPlugins = plugins;
  }
}
