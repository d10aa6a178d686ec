/**
 * The events.k8s.io broadcaster's series cache (k8s.io/client-go `tools/events/event_broadcaster.go`),
 * which the scheduler records its events through instead of the legacy correlator:
 *
 * - Events are isomorphic when type, action, reason, reporting controller and instance and
 *   `regarding` (and `related`) are equal. `regarding` is the object's reference as
 *   `tools/reference.GetReference` makes it, **with its resourceVersion**, so a write to the
 *   object between two events starts a new Event. The note (message) is not part of the key.
 * - The first event is created. The second isomorphic one turns the cached event into a series
 *   of count 2 and is written at once (a patch of `series` only: the row keeps the first note).
 *   Later ones only raise the cached count and lastObservedTime.
 * - `refreshExistingEventSeries` (every 30 min) writes every cached series; `finishSeries`
 *   (every 6 min) writes a series last observed more than 6 min before and forgets it, and
 *   forgets a single event created more than 6 min before. Both loops start with the
 *   broadcaster, here at virtual time 0 (wait.Until runs them at once, then once a period).
 *
 * The loops are run lazily: `settle(t)` applies every tick up to `t`, which gives the same rows
 * as running them on time (nothing else reads or writes the cache in between).
 */
import type { KubeEvent } from '../sim/contracts';

/** finishTime: the series/singleton quiet period and the finishSeries loop period. */
export const FINISH_TIME = 360_000;
/** refreshTime: the refreshExistingEventSeries loop period (a multiple of FINISH_TIME). */
export const REFRESH_TIME = 1_800_000;

interface Entry {
  readonly row: KubeEvent;
  readonly eventTime: number;
  /** Whether the second isomorphic event made it a series. */
  series: boolean;
  /** The series' count and lastObservedTime as cached (the row has what was last written). */
  count: number;
  last: number;
}

export class SeriesCache {
  private readonly entries = new Map<string, Entry>();
  /** Every loop tick at or before this time has run. */
  private settled = 0;

  /**
   * An event with isomorphic key `key` at `t`: true when it joined a cached event (series
   * started or counted), false when the caller is to create a row and `add` it.
   */
  observe(key: string, t: number): boolean {
    this.settle(t);
    const e = this.entries.get(key);
    if (e === undefined) return false;
    e.count = e.series ? e.count + 1 : 2;
    e.last = t;
    if (!e.series) {
      e.series = true;
      write(e);
    }
    return true;
  }

  /** A newly created row for `key` (after `observe` returned false). */
  add(key: string, row: KubeEvent, t: number): void {
    this.entries.set(key, { row, eventTime: t, series: false, count: 1, last: t });
  }

  /** Runs the refresh and finish loops' ticks up to `t`. */
  settle(t: number): void {
    if (t <= this.settled) return;
    let tick = (Math.floor(this.settled / FINISH_TIME) + 1) * FINISH_TIME;
    for (; tick <= t && this.entries.size > 0; tick += FINISH_TIME) {
      const refresh = tick % REFRESH_TIME === 0;
      for (const [key, e] of this.entries) {
        if (e.series) {
          if (refresh) write(e, tick);
          if (e.last < tick - FINISH_TIME) {
            write(e, tick);
            this.entries.delete(key);
          }
        } else if (e.eventTime < tick - FINISH_TIME) this.entries.delete(key);
      }
    }
    this.settled = t;
  }

  /** How many events are cached (tests). */
  get size(): number {
    return this.entries.size;
  }
}

/** A patch of the series onto its Event at `at` (a loop's tick): the row shows the cached count and lastObservedTime. */
function write(e: Entry, at?: number): void {
  e.row.count = e.count;
  e.row.lastTime = e.last;
  if (at !== undefined && at > e.last) e.row.written = at;
}
