/**
 * The plugins a PreFilter or PreScore pass skipped, as the name set CycleState
 * carries and as the list of plugins left to run. Consecutive pods mostly skip
 * the same plugins, so the last set and list are reused (neither is mutated).
 */
import type { Plugin } from './interfaces';

export class SkipCache<P extends Plugin> {
  private readonly scratch: Plugin[] = [];
  private last: Plugin[] = [];
  private lastSet: ReadonlySet<string> = new Set();
  private lastActive: P[] | null = null;

  /** An empty list to push the skipped plugins onto, in order. */
  begin(): Plugin[] {
    this.scratch.length = 0;
    return this.scratch;
  }

  /** The names of the plugins pushed since begin(). */
  names(): ReadonlySet<string> {
    const skipped = this.scratch;
    const last = this.last;
    let same = last.length === skipped.length;
    for (let i = 0; same && i < skipped.length; i++) same = last[i] === skipped[i];
    if (!same) {
      this.last = skipped.slice();
      this.lastSet = new Set(skipped.map((p) => p.name));
      this.lastActive = null;
    }
    return this.lastSet;
  }

  /** `all` without the plugins named in `skip`. */
  active(all: P[], skip: ReadonlySet<string>): P[] {
    if (skip.size === 0) return all;
    if (skip === this.lastSet) return (this.lastActive ??= all.filter((p) => !skip.has(p.name)));
    return all.filter((p) => !skip.has(p.name));
  }
}
