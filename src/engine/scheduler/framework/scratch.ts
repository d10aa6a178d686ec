/**
 * What a framework reuses from one cycle to the next so that the untraced hot
 * loop allocates nothing per node: score buffers, the weighted totals, the
 * sets of skipped plugins, and the sink Filter fast paths reject nodes into.
 * Each framework (and each decorated copy) has its own.
 */
import type { FilterPlugin, Plugin, RejectNode, ScorePlugin } from './interfaces';
import type { NodeInfo } from './node-info';
import type { NodeTable } from './node-table';
import { SkipCache } from './skip-cache';
import { errorStatus, type Status } from './status';

/**
 * Where a Filter plugin's fast path sends rejected nodes: stamps the plugin
 * name and passes rejections on, or keeps the first error.
 */
export class FilterSink {
  current = '';
  error: Status | null = null;
  onReject: RejectNode = () => {};
  readonly reject: RejectNode = (ni, s) => {
    if (!s.isRejected()) {
      this.error ??= errorStatus(`running ${JSON.stringify(this.current)} filter plugin: ${s.message()}`).withPlugin(this.current);
      return;
    }
    if (s.plugin !== this.current) s.plugin = this.current;
    this.onReject(ni, s);
  };
}

export class Scratch {
  readonly filterSink = new FilterSink();
  /** What PreFilter and PreScore skipped, reused while consecutive pods skip the same plugins. */
  readonly filterSkips = new SkipCache<FilterPlugin>();
  readonly scoreSkips = new SkipCache<ScorePlugin>();
  /** The list runScorePlugins returns the score buffers in. */
  readonly scores: number[][] = [];
  /** Per score plugin (by position), its buffer. */
  private readonly buffers: number[][] = [];
  private totalsBuffer = new Float64Array(0);
  private totalsView = new Float64Array(0);
  private slotBuffer = new Int32Array(0);
  private weightsFor: readonly Plugin[] | null = null;
  private weights = new Float64Array(0);

  /** The p-th score buffer, n long, holding unboxed doubles (one elements kind for every loop over it). */
  scoreBuffer(p: number, n: number): number[] {
    const s = (this.buffers[p] ??= []);
    // Filled with a fraction first: the array's elements kind becomes double and stays so.
    while (s.length < n) s.push(0.5);
    s.length = n;
    return s;
  }

  /** A totals array n long (a view of a growing buffer). */
  totals(n: number): Float64Array {
    if (this.totalsBuffer.length < n) this.totalsBuffer = new Float64Array(Math.max(n, 2 * this.totalsBuffer.length));
    if (this.totalsView.length !== n || this.totalsView.buffer !== this.totalsBuffer.buffer) this.totalsView = this.totalsBuffer.subarray(0, n);
    return this.totalsView;
  }

  /** The weights of `plugins`, recomputed only when the list changes. */
  weightsOf(plugins: readonly Plugin[], weight: ReadonlyMap<string, number>): Float64Array {
    if (plugins !== this.weightsFor) {
      this.weightsFor = plugins;
      this.weights = Float64Array.from(plugins, (pl) => weight.get(pl.name) ?? 1);
    }
    return this.weights;
  }

  /** The nodes' slots in `table`, or null if one is not there (a clone). */
  slotsOf(nodes: readonly NodeInfo[], table: NodeTable): Int32Array | null {
    if (this.slotBuffer.length < nodes.length) this.slotBuffer = new Int32Array(nodes.length);
    const out = this.slotBuffer;
    for (let i = 0; i < nodes.length; i++) {
      if (nodes[i].table !== table) return null;
      out[i] = nodes[i].slot;
    }
    return out;
  }
}
