/**
 * The node lifecycle controller's zones (upstream handleDisruption,
 * setLimiterInZone, ComputeZoneState, addPodEvictorForNewZone): Ready /
 * not-Ready counts per zone, each zone's state and its NoExecute tainting
 * queue, whose rate follows the state: Normal 0.1/s; PartialDisruption
 * 0.01/s in a zone of more than 50 nodes, else 0; FullDisruption back to
 * 0.1/s — unless every zone is fully disrupted (master disruption mode: rate 0
 * everywhere and the NoExecute taints removed, by the controller).
 */
import type { ControlPlaneConfig, VirtualTime } from '../../sim/contracts';
import { computeZoneState, type ZoneState } from './node-health';
import { RateLimitedTimedQueue } from './rate-limited-queue';

/** Tests turn the skips of passes that cannot change anything off, to compare with the full passes. */
export const EXACT_SKIPS = { enabled: true };

/** What a disruption pass asks the controller to do. */
export type DisruptionChange = 'none' | 'enter-master-disruption' | 'exit-master-disruption';

export class Zones {
  private readonly counts = new Map<string, { ready: number; notReady: number }>();
  private readonly states = new Map<string, ZoneState>();
  private readonly queues = new Map<string, RateLimitedTimedQueue>();
  /**
   * Counts or zone states changed since handleDisruption last ran. A disruption pass reads
   * nothing else, and a second pass over what the first left changes nothing (its states
   * are the new states), so a pass with nothing changed is skipped (EXACT_SKIPS).
   */
  private changed = true;
  /** A zone got nodes since ensureQueues last ran. */
  private newZone = true;

  constructor(private readonly config: ControlPlaneConfig) {}

  /** Adds (delta 1) or removes (−1) a node of `zone` from the counts. */
  count(zone: string, ready: boolean, delta: number): void {
    this.changed = true;
    let c = this.counts.get(zone);
    if (!c) {
      c = { ready: 0, notReady: 0 };
      this.counts.set(zone, c);
      this.newZone = true;
    }
    if (ready) c.ready += delta;
    else c.notReady += delta;
    if (c.ready === 0 && c.notReady === 0) this.counts.delete(zone);
  }

  /** Zones that have nodes, sorted. */
  zonesWithNodes(): string[] {
    return [...this.counts.keys()].sort();
  }

  /** The zone's tainting queue (addPodEvictorForNewZone on first use). */
  queue(zone: string, now: VirtualTime): RateLimitedTimedQueue {
    let q = this.queues.get(zone);
    if (!q) {
      q = new RateLimitedTimedQueue(this.config.nodeEvictionRate, now);
      this.queues.set(zone, q);
      if (!this.states.has(zone)) {
        this.states.set(zone, 'Initial');
        this.changed = true;
      }
    }
    return q;
  }

  /**
   * A queue for every zone with nodes (the monitor pass's addPodEvictorForNewZone). Queues
   * are never dropped and zones get nodes only through `count`, so after one call the next
   * changes nothing until a zone gets nodes (EXACT_SKIPS).
   */
  ensureQueues(now: VirtualTime): void {
    if (!this.newZone && EXACT_SKIPS.enabled) return;
    this.newZone = false;
    for (const zone of this.zonesWithNodes()) this.queue(zone, now);
  }

  existingQueue(zone: string): RateLimitedTimedQueue | undefined {
    return this.queues.get(zone);
  }

  /** Every queue, by zone name. */
  allQueues(): readonly RateLimitedTimedQueue[] {
    return [...this.queues.keys()].sort().map((z) => this.queues.get(z)!);
  }

  /** handleDisruption: new zone states and rates; says when master disruption mode starts or ends. */
  handleDisruption(now: VirtualTime): DisruptionChange {
    if (!this.changed && EXACT_SKIPS.enabled) return 'none';
    this.changed = false;
    const newStates = new Map<string, ZoneState>();
    let allAre = true;
    for (const zone of this.zonesWithNodes()) {
      const c = this.counts.get(zone)!;
      const state = computeZoneState(c.ready, c.notReady, this.config.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAre = false;
      newStates.set(zone, state);
      if (!this.states.has(zone)) this.states.set(zone, 'Initial');
    }
    let allWas = true;
    for (const zone of [...this.states.keys()].sort()) {
      if (!newStates.has(zone)) this.states.delete(zone);
      else if (this.states.get(zone) !== 'FullDisruption') allWas = false;
    }
    if (allAre && allWas) return 'none';
    if (allAre) {
      for (const zone of this.states.keys()) {
        this.queue(zone, now).swapLimiter(0, now);
        this.states.set(zone, 'FullDisruption');
      }
      return 'enter-master-disruption';
    }
    for (const zone of [...this.states.keys()]) {
      const state = newStates.get(zone)!;
      if (!allWas && this.states.get(zone) === state) continue;
      this.setLimiter(zone, state, now);
      this.states.set(zone, state);
    }
    return allWas ? 'exit-master-disruption' : 'none';
  }

  private setLimiter(zone: string, state: ZoneState, now: VirtualTime): void {
    const cfg = this.config;
    const q = this.queue(zone, now);
    const c = this.counts.get(zone);
    const size = c ? c.ready + c.notReady : 0;
    if (state === 'Normal' || state === 'FullDisruption') q.swapLimiter(cfg.nodeEvictionRate, now);
    else if (state === 'PartialDisruption') q.swapLimiter(size > cfg.largeClusterSizeThreshold ? cfg.secondaryNodeEvictionRate : 0, now);
  }
}
