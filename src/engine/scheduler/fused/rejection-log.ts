/**
 * The fused Filter kernel's record of a pass's rejected nodes, compact: per
 * rejection two integers (the node's position in the node list the pass read,
 * and a code naming the plugin and its status), and where each chunk of the
 * pass ended. It becomes node/status entries only when the Diagnosis is read
 * (a failed cycle's message and preemption, a test); a scheduled pod's cycle
 * never pays for that.
 *
 * A code is `(status << 5) | plugin`: plugin is the index in the pass's
 * Filter plugin list (the kernel takes at most 31), status one of
 *   1..31   NodeResourcesFit's shared status of that index (fixedStatusAt),
 *   32      TaintToleration's shared UNTOLERATED,
 *   64 + i  the i-th status of `fresh` (a plugin's own object, kept as it is).
 * Positions stay valid for good: the node list handed to a cycle is never
 * edited (the snapshot replaces it), and a NodeInfo's name never changes.
 */
import type { RejectionSource } from '../framework/interfaces';
import type { NodeInfo } from '../framework/node-info';
import type { Status } from '../framework/status';
import { fixedStatusAt } from '../plugins/node-resources-fit/node-resources-fit';
import { UNTOLERATED } from '../plugins/taint-toleration/taint-toleration';

export const CODE_UNTOLERATED = 32;
export const CODE_FRESH = 64;

/** The status a code's status part names. */
export function statusOfCode(status: number, fresh: readonly Status[] | null): Status {
  if (status < CODE_UNTOLERATED) return fixedStatusAt(status);
  if (status === CODE_UNTOLERATED) return UNTOLERATED;
  return fresh![status - CODE_FRESH];
}

export class FilterRejectionLog implements RejectionSource {
  constructor(
    /** The node list the positions index. */
    private readonly nodes: readonly NodeInfo[],
    /** [position, code] per rejection in scan order (`records` of them), then each chunk's end (a record count). */
    private readonly data: Int32Array,
    private readonly records: number,
    private readonly chunks: number,
    /** The Filter plugins' names, by index. */
    private readonly plugins: readonly string[],
    private readonly fresh: readonly Status[] | null,
    /** How many rejections are handed on: `records`, or fewer when a status that is no rejection cut the last chunk short. */
    readonly count: number,
  ) {}

  /**
   * Chunk by chunk, plugin by plugin, in node order within each (as the
   * plugin-by-plugin pass hands them on); each status stamped with its
   * plugin. Stops at a status that is no rejection (the pass's error).
   */
  replay(sink: (nodeInfo: NodeInfo, status: Status) => void): void {
    const { data, nodes, plugins, fresh } = this;
    const ends = 2 * this.records;
    let lo = 0;
    for (let c = 0; c < this.chunks; c++) {
      const hi = data[ends + c];
      if (hi === lo) continue;
      for (let p = 0; p < plugins.length; p++) {
        const name = plugins[p];
        for (let j = lo; j < hi; j++) {
          const code = data[2 * j + 1];
          if ((code & 31) !== p) continue;
          const s = statusOfCode(code >> 5, fresh);
          if (!s.isRejected()) return;
          if (s.plugin !== name) s.plugin = name;
          sink(nodes[data[2 * j]], s);
        }
      }
      lo = hi;
    }
  }
}

/**
 * One log kept for the process's life, never read. V8 holds the hidden classes
 * ("maps") an object's fields move it through only weakly; the fused kernel's
 * optimized `scan` embeds this class's, and when no log was alive across a full
 * collection (the cluster between recoveries) the collector dropped them and
 * threw `scan`'s optimized code away ("weak objects"), to be compiled again in
 * the next recovery. A live instance keeps them.
 */
export const KEEP_LOG_MAPS = new FilterRejectionLog([], new Int32Array(0), 0, 0, [], null, 0);
