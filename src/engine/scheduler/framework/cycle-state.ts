/**
 * Per-cycle scratch space, as upstream's CycleState: plugins write what
 * PreFilter/PreScore computed under a key derived from their name and read
 * it back in Filter/Score. Preemption clones it for its dry runs.
 */
export interface StateData {
  clone(): StateData;
}

/** The empty skip set every cycle starts with (read-only, so one serves all). */
const NONE: ReadonlySet<string> = new Set();

export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Filter plugins whose PreFilter returned Skip for this pod. */
  skipFilterPlugins: ReadonlySet<string> = NONE;
  /** Score plugins whose PreScore returned Skip for this pod. */
  skipScorePlugins: ReadonlySet<string> = NONE;
  /**
   * The snapshot node-table slots of the nodes the scheduler hands to
   * PreScore and Score, aligned with them (its first entries), when it has
   * them; null otherwise. Lets a PreScore index per-slot data without
   * touching each NodeInfo.
   */
  scoreSlots: Int32Array | null = null;

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  /** Reads a key; throws if the PreFilter/PreScore that writes it did not run. */
  read<T extends StateData>(key: string): T {
    const v = this.data.get(key);
    if (v === undefined) throw new Error(`error reading "${key}" from cycleState: not found`);
    return v as T;
  }

  tryRead<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    c.skipFilterPlugins = this.skipFilterPlugins;
    c.skipScorePlugins = this.skipScorePlugins;
    return c;
  }
}
