/**
 * The snapshot's columnar copy of its NodeInfos' numeric aggregates: one
 * typed array per quantity, indexed by a per-node slot that stays fixed while
 * the node is in the snapshot. NodeInfo.setNode/addPod/removePod write
 * through to it for the NodeInfos the snapshot owns (clones never do), so a
 * plugin's fast path can filter or score a batch of slots reading
 * contiguous numbers instead of chasing NodeInfo → Resource objects.
 *
 * Every column holds exactly the double its NodeInfo field holds (or the
 * exact result of the one operation named on it), so the fast paths compute
 * with the same values, in the same order, as the per-node Filter/Score
 * methods they mirror.
 */
import type { Taint } from '../../model/types';
import type { NodeInfo } from './node-info';

/** spec.unschedulable. */
export const F_UNSCHEDULABLE = 1;
/** At least one NoSchedule or NoExecute taint. */
export const F_HARD_TAINT = 2;
/** At least one PreferNoSchedule taint. */
export const F_PREFER_TAINT = 4;
/** node.status.images lists at least one name. */
export const F_IMAGES = 8;
/** One more pod would exceed allocatable pods: pods.length + 1 > allocatable.allowedPodNumber. */
export const F_PODS_FULL = 16;

const FLAG_BITS = [F_UNSCHEDULABLE, F_HARD_TAINT, F_PREFER_TAINT, F_IMAGES, F_PODS_FULL] as const;
const NODE_FLAGS = F_UNSCHEDULABLE | F_HARD_TAINT | F_PREFER_TAINT | F_IMAGES;

function nodeFlags(ni: NodeInfo): number {
  let f = ni.unschedulable ? F_UNSCHEDULABLE : 0;
  for (const t of ni.taints) {
    if (t.effect === 'NoSchedule' || t.effect === 'NoExecute') f |= F_HARD_TAINT;
    else if (t.effect === 'PreferNoSchedule') f |= F_PREFER_TAINT;
  }
  if (ni.imageSizes.size > 0) f |= F_IMAGES;
  return f;
}

/**
 * The per-node record (NodeTable.rec): the numbers the fused Filter and Score
 * kernels read for every node, side by side, REC doubles per slot (64 bytes),
 * so that a node costs them one or two cache lines instead of one per column.
 * Each entry holds exactly the double of the column of the same name.
 */
export const REC = 8;
export const R_FREE_CPU = 0;
export const R_FREE_MEM = 1;
export const R_ALLOC_CPU = 2;
export const R_ALLOC_MEM = 3;
export const R_NZ_CPU = 4;
export const R_NZ_MEM = 5;
export const R_REQ_CPU = 6;
export const R_REQ_MEM = 7;

/** The counter behind NodeTable.taintStamp, shared by every table. */
const taintStamps = { last: 0 };

/** The largest stamp in NodeTable.gen. */
const GEN_LIMIT = 0x7fffffff;
/** How many of the latest stamp moves NodeTable.changeLog holds (a power of two). */
export const CHANGE_LOG_SIZE = 1 << 14;

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

export class NodeTable {
  /** allocatable: cpu (millicores), memory, ephemeral-storage (bytes), pods. */
  allocCpu = new Float64Array(64);
  allocMem = new Float64Array(64);
  allocEph = new Float64Array(64);
  allocPods = new Float64Array(64);
  /** Sums of the assigned pods' effective requests. */
  reqCpu = new Float64Array(64);
  reqMem = new Float64Array(64);
  reqEph = new Float64Array(64);
  /** allocatable − requested, as NodeResourcesFit's Filter computes it. */
  freeCpu = new Float64Array(64);
  freeMem = new Float64Array(64);
  freeEph = new Float64Array(64);
  /** Sums with the non-zero cpu/memory defaults (scoring). */
  nzCpu = new Float64Array(64);
  nzMem = new Float64Array(64);
  /** Assigned pods (NodeInfo.pods.length). */
  podCount = new Float64Array(64);
  /** PreferNoSchedule taints on the node. */
  preferTaints = new Float64Array(64);
  /** F_* bits. */
  flags = new Uint8Array(64);
  /** The R_* numbers of each slot, interleaved: slot s at s * REC (copies of the columns above). */
  rec = new Float64Array(64 * REC);
  /**
   * Per slot, a stamp that moves whenever anything in the slot changes (every
   * update/updatePods takes the next value of one table-wide counter, so a
   * stamp is never reused, not even by another node in a freed slot): a
   * per-slot cache of results computed from the slot's numbers is valid while
   * the stamp it was computed at equals this one (fused/score-cache.ts).
   * 0 never appears on a live slot. Int32 (dense for the caches that copy
   * them); when the counter would pass 2^31 − 1 the live slots are numbered
   * afresh and `genEpoch` moves, which tells the caches to forget everything.
   */
  gen = new Int32Array(64);
  genEpoch = 0;
  /** The counter behind `gen` (tests start it near its limit). */
  lastGen = 0;
  /**
   * The slots whose stamp moved, in order: the c-th move (from 0) is at
   * changeLog[c & (CHANGE_LOG_SIZE − 1)] while changes − c ≤ CHANGE_LOG_SIZE.
   * A cache that remembers `changes` can tell which slots moved since (or that
   * too many did), without reading every slot's stamp (fused/score-cache.ts).
   */
  readonly changeLog = new Int32Array(CHANGE_LOG_SIZE);
  changes = 0;
  /**
   * Per slot, a stamp that moves whenever the slot's node gets another taints
   * array (or the slot another node): stored objects are never edited in
   * place, so a verdict computed from a node's taints holds while this stamp
   * is the one it was computed at (TaintToleration's Filter verdicts), and is
   * checked without reading the NodeInfo. Never reused, not even by another
   * table (one counter for all: a stamp names one taints array wherever it is
   * read; doubles, exact to 2^53). 0 never appears on a live slot.
   */
  taintStamp = new Float64Array(64);
  /** The taints array each slot's stamp stands for. */
  private readonly taintRefs: (readonly Taint[] | undefined)[] = [];
  /** The NodeInfo in each slot (undefined for a free slot). */
  readonly infos: (NodeInfo | undefined)[] = [];
  /** How many live nodes have each F_* bit, indexed by the bit. */
  private readonly flagCounts = new Int32Array(F_PODS_FULL + 1);
  private readonly freeSlots: number[] = [];
  private live = 0;

  /** Live nodes in the table. */
  get size(): number {
    return this.live;
  }

  /** How many nodes have the flag bit (one of the F_* constants). */
  count(flag: number): number {
    return this.flagCounts[flag];
  }

  /** Gives `ni` a slot and makes it write through to the table. */
  attach(ni: NodeInfo): void {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.infos.length;
      this.infos.push(undefined);
      this.taintRefs.push(undefined);
      if (slot >= this.flags.length) this.resize(this.flags.length * 2);
    }
    this.infos[slot] = ni;
    this.flags[slot] = 0;
    // Another node in the slot: its stamp moves whatever its taints array.
    this.taintRefs[slot] = undefined;
    ni.slot = slot;
    ni.table = this;
    this.live++;
    this.update(ni);
  }

  /** Frees `ni`'s slot; the NodeInfo stops writing through. */
  detach(ni: NodeInfo): void {
    if (ni.table !== this) return;
    const slot = ni.slot;
    this.setFlags(slot, 0);
    this.infos[slot] = undefined;
    this.taintRefs[slot] = undefined;
    this.freeSlots.push(slot);
    ni.slot = -1;
    ni.table = null;
    this.live--;
  }

  /** Copies `ni`'s numbers into its slot (NodeInfo calls this after every change). */
  update(ni: NodeInfo): void {
    const s = ni.slot;
    const a = ni.allocatable;
    this.allocCpu[s] = a.milliCPU;
    this.allocMem[s] = a.memory;
    this.allocEph[s] = a.ephemeralStorage;
    this.allocPods[s] = a.allowedPodNumber;
    this.rec[s * REC + R_ALLOC_CPU] = a.milliCPU;
    this.rec[s * REC + R_ALLOC_MEM] = a.memory;
    if (ni.taints !== this.taintRefs[s]) {
      this.taintRefs[s] = ni.taints;
      this.taintStamp[s] = ++taintStamps.last;
    }
    let prefer = 0;
    for (const t of ni.taints) if (t.effect === 'PreferNoSchedule') prefer++;
    this.preferTaints[s] = prefer;
    this.setFlags(s, (this.flags[s] & ~NODE_FLAGS) | nodeFlags(ni));
    this.updatePods(ni);
  }

  /** Copies the pod aggregates only (what addPod/removePod change). */
  updatePods(ni: NodeInfo): void {
    const s = ni.slot;
    const a = ni.allocatable;
    const r = ni.requested;
    this.reqCpu[s] = r.milliCPU;
    this.reqMem[s] = r.memory;
    this.reqEph[s] = r.ephemeralStorage;
    this.freeCpu[s] = a.milliCPU - r.milliCPU;
    this.freeMem[s] = a.memory - r.memory;
    this.freeEph[s] = a.ephemeralStorage - r.ephemeralStorage;
    this.nzCpu[s] = ni.nonZeroRequested.milliCPU;
    this.nzMem[s] = ni.nonZeroRequested.memory;
    const rec = this.rec;
    const o = s * REC;
    rec[o + R_FREE_CPU] = this.freeCpu[s];
    rec[o + R_FREE_MEM] = this.freeMem[s];
    rec[o + R_NZ_CPU] = this.nzCpu[s];
    rec[o + R_NZ_MEM] = this.nzMem[s];
    rec[o + R_REQ_CPU] = r.milliCPU;
    rec[o + R_REQ_MEM] = r.memory;
    const pods = ni.pods.length;
    this.podCount[s] = pods;
    this.gen[s] = this.lastGen < GEN_LIMIT ? ++this.lastGen : this.renumber(s);
    this.changeLog[this.changes++ & (CHANGE_LOG_SIZE - 1)] = s;
    this.setFlags(s, (this.flags[s] & ~F_PODS_FULL) | (pods + 1 > a.allowedPodNumber ? F_PODS_FULL : 0));
  }

  /** Numbers every live slot's stamp afresh from 1 (`slot` last) and moves the epoch; returns slot's new stamp. */
  private renumber(slot: number): number {
    let g = 0;
    for (let s = 0; s < this.infos.length; s++) if (this.infos[s] !== undefined && s !== slot) this.gen[s] = ++g;
    this.lastGen = g + 1;
    this.genEpoch++;
    return this.lastGen;
  }

  private setFlags(slot: number, f: number): void {
    const old = this.flags[slot];
    if (old === f) return;
    for (const b of FLAG_BITS) {
      if ((old & b) !== 0) this.flagCounts[b]--;
      if ((f & b) !== 0) this.flagCounts[b]++;
    }
    this.flags[slot] = f;
  }

  private resize(n: number): void {
    this.allocCpu = grow(this.allocCpu, n);
    this.allocMem = grow(this.allocMem, n);
    this.allocEph = grow(this.allocEph, n);
    this.allocPods = grow(this.allocPods, n);
    this.reqCpu = grow(this.reqCpu, n);
    this.reqMem = grow(this.reqMem, n);
    this.reqEph = grow(this.reqEph, n);
    this.freeCpu = grow(this.freeCpu, n);
    this.freeMem = grow(this.freeMem, n);
    this.freeEph = grow(this.freeEph, n);
    this.nzCpu = grow(this.nzCpu, n);
    this.nzMem = grow(this.nzMem, n);
    this.podCount = grow(this.podCount, n);
    this.preferTaints = grow(this.preferTaints, n);
    this.flags = grow(this.flags, n);
    this.rec = grow(this.rec, n * REC);
    this.gen = grow(this.gen, n);
    this.taintStamp = grow(this.taintStamp, n);
  }
}
