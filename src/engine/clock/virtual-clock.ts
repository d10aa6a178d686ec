/**
 * The virtual clock: a discrete-event queue of timers ordered by
 * (time, sequence). Nothing here reads the wall clock; time only moves when
 * `advanceTo` is called, and timers that share a time run in the order they
 * were scheduled, so a run is reproducible.
 *
 * The queue is a binary min-heap. Cancelled timers are removed lazily (they
 * stay in the heap, marked, until they reach the top) and the heap is
 * compacted when more than half of it is dead.
 */
import type { Clock, TimerHandle, TimerLane, VirtualTime } from '../sim/contracts';
import { formatDuration } from './time';

/** A clock misuse (time going backwards, re-entrant advance) or a runaway timer loop. */
export class ClockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClockError';
  }
}

/**
 * When a one-shot timer asked for `at` runs, `now` being the clock's time: a time in the
 * past runs at the next opportunity, after what is already due now. Throws the clock's
 * error for a time that is not a finite number (timer lanes check with it too).
 */
export function oneShotTime(at: VirtualTime, now: VirtualTime, label: string): VirtualTime {
  if (typeof at !== 'number' || Number.isNaN(at)) throw new ClockError(`virtual clock: timer "${label}" scheduled at ${String(at)}, not a number`);
  const time = Math.max(at, now);
  if (!Number.isFinite(time)) throw new ClockError(`virtual clock: timer "${label}" scheduled at ${time}, not a finite time`);
  return time;
}

interface Timer extends TimerHandle {
  readonly id: number;
  time: VirtualTime;
  seq: number;
  readonly label: string;
  readonly run: () => void;
  /** > 0 for `every` timers. */
  readonly period: number;
  cancelled: boolean;
  /** Whether the timer is in the heap (a periodic timer leaves it while it runs). */
  queued: boolean;
}

/**
 * How many callbacks (timers, clock-lane items, and items a lane runs in its own loop) may
 * run at one virtual instant before the clock decides that some component keeps scheduling
 * work at that same instant forever (a controller re-queuing itself on its own write, say)
 * and throws instead of spinning. The busiest legitimate instant measured is 160,000: the
 * bench's 5,000-node cluster starting its 150,000 pods at 1 s (one kubelet start each, plus a
 * ReplicaSet and a Deployment sync per Deployment); its recoveries peak at 25,743 (kill 500).
 * Measured with `npx tsx bench/instant-peak.ts 5000`; the bound is 6× the peak. A runaway
 * sync that writes each turn takes ~75 µs a turn on a loaded machine, so it fails in about a
 * minute and a half instead of never.
 */
export const MAX_CALLBACKS_PER_INSTANT = 1_000_000;

/** How many callbacks before the bound are tallied by label, for the runaway error's list. */
export const RUNAWAY_SAMPLE = 1_000;

/** Callbacks run between two calls of the clock's `checkpoint`. */
export const CHECKPOINT_EVERY = 256;

export interface VirtualClockOptions {
  /** Virtual time to start at (ms). Default 0. */
  start?: VirtualTime;
  /**
   * How many callbacks may run at one virtual instant before the clock throws
   * (default MAX_CALLBACKS_PER_INSTANT).
   */
  maxTimersPerInstant?: number;
}

const less = (a: Timer, b: Timer) => a.time < b.time || (a.time === b.time && a.seq < b.seq);

export class VirtualClock implements Clock {
  private current: VirtualTime;
  private heap: Timer[] = [];
  private dead = 0;
  private nextId = 1;
  private nextSeq = 0;
  private readonly byId = new Map<number, Timer>();
  private running = false;
  private readonly maxPerInstant: number;
  /** The (time, seq) of the last turn taken: a timer at or before it has had its turn. */
  private turnTime: VirtualTime;
  private turnSeq = -1;
  private readonly lanes: TimerLane[] = [];
  /** The target of the running advance (laneMayRun). */
  private horizon: VirtualTime = -Infinity;

  /**
   * Called every CHECKPOINT_EVERY callbacks while the clock advances (timers and lane items), or
   * never when null: a caller's wall-clock budget takes its look there (worker/work-budget.ts). It
   * may throw, which abandons the advance part-way: only for a simulation thrown away with it (a
   * load or a replay). It must not change the simulation, which stays deterministic.
   */
  checkpoint: (() => void) | null = null;
  private sinceCheckpoint = 0;

  private tick(): void {
    if (++this.sinceCheckpoint < CHECKPOINT_EVERY) return;
    this.sinceCheckpoint = 0;
    this.checkpoint?.();
  }

  constructor(options: VirtualClockOptions = {}) {
    this.current = options.start ?? 0;
    this.turnTime = this.current;
    this.maxPerInstant = options.maxTimersPerInstant ?? MAX_CALLBACKS_PER_INSTANT;
    if (!(this.maxPerInstant >= 1)) throw new ClockError(`virtual clock: maxTimersPerInstant must be at least 1, got ${this.maxPerInstant}`);
    if (!Number.isFinite(this.current)) throw new ClockError(`virtual clock: start time must be a finite number, got ${this.current}`);
  }

  get now(): VirtualTime {
    return this.current;
  }

  /** Timers waiting to run (cancelled ones excluded). */
  get pending(): number {
    return this.byId.size;
  }

  /** Whether `advanceTo` is running timers right now. */
  get advancing(): boolean {
    return this.running;
  }

  at(at: VirtualTime, label: string, run: () => void): TimerHandle {
    return this.schedule(oneShotTime(at, this.current, label), label, run, 0);
  }

  after(delay: number, label: string, run: () => void): TimerHandle {
    if (typeof delay !== 'number' || Number.isNaN(delay)) throw new ClockError(`virtual clock: timer "${label}" has delay ${String(delay)}, not a number`);
    return this.schedule(this.current + Math.max(0, delay), label, run, 0);
  }

  every(period: number, phase: number, label: string, run: () => void): TimerHandle {
    if (typeof period !== 'number' || !(period > 0) || !Number.isFinite(period)) {
      throw new ClockError(`virtual clock: periodic timer "${label}" needs a period > 0 ms, got ${String(period)}`);
    }
    if (typeof phase !== 'number' || Number.isNaN(phase)) throw new ClockError(`virtual clock: periodic timer "${label}" has phase ${String(phase)}, not a number`);
    return this.schedule(this.current + Math.max(0, phase), label, run, period);
  }

  addLane(lane: TimerLane): void {
    this.lanes.push(lane);
  }

  takeSeq(): number {
    return this.nextSeq++;
  }

  laneMayRun(lane: TimerLane, time: VirtualTime, seq: number): boolean {
    if (!this.running || time > this.horizon) return false;
    this.dropDead();
    const top = this.heap[0];
    if (top !== undefined && (top.time < time || (top.time === time && top.seq < seq))) return false;
    for (const l of this.lanes) {
      if (l === lane) continue;
      const t = l.headTime();
      if (t < time || (t === time && t !== Infinity && l.headSeq() < seq)) return false;
    }
    // A lane runs this item in its own loop, without a clock step: it counts toward the
    // runaway guard like a step (a queue re-queuing a key at one instant spins in that loop).
    if (time !== this.loopInstant) {
      this.loopInstant = time;
      this.loopRan = 0;
      this.loopTally = undefined;
    }
    if (++this.loopRan > this.maxPerInstant - RUNAWAY_SAMPLE + 1) {
      const tally = (this.loopTally ??= new Map());
      this.count(tally, `${lane.headLabel?.() ?? lane.label} (lane loop)`, this.loopRan, time);
    }
    if (this.checkpoint !== null) this.tick();
    return true;
  }

  /** The instant of the items lanes ran in their own loops (laneMayRun), and how many ran then. */
  private loopInstant: VirtualTime = NaN;
  private loopRan = 0;
  private loopTally: Map<string, number> | undefined;

  /** The lane whose head comes first, if it comes before the heap's top. */
  private laneFirst(top: Timer | undefined): TimerLane | undefined {
    let first: TimerLane | undefined;
    let time = top === undefined ? Infinity : top.time;
    let seq = top === undefined ? Infinity : top.seq;
    for (const l of this.lanes) {
      const t = l.headTime();
      if (t < time || (t === time && t !== Infinity && l.headSeq() < seq)) {
        first = l;
        time = t;
        seq = l.headSeq();
      }
    }
    return first;
  }

  cancel(h: TimerHandle | null | undefined): void {
    if (!h) return;
    const t = this.byId.get(h.id);
    if (!t) return;
    t.cancelled = true;
    this.byId.delete(h.id);
    if (t.queued) {
      this.dead++;
      if (this.dead > 64 && this.dead * 2 > this.heap.length) this.compact();
    }
  }

  peek(): VirtualTime | undefined {
    this.dropDead();
    const top = this.heap[0];
    const lane = this.laneFirst(top);
    if (lane !== undefined) return lane.headTime();
    return top !== undefined ? top.time : undefined;
  }

  advanceTo(t: VirtualTime): void {
    if (typeof t !== 'number' || Number.isNaN(t)) throw new ClockError(`virtual clock: cannot advance to ${String(t)}, not a number`);
    if (this.running) throw new ClockError(`virtual clock: advanceTo(${t}) called from inside a timer (at ${this.current} ms); timers must schedule work, not advance time`);
    if (t < this.current) throw new ClockError(`virtual clock: cannot go back in time from ${this.current} ms to ${t} ms`);
    this.running = true;
    this.horizon = t;
    let instant = this.current;
    let ranAtInstant = 0;
    // The guard (see MAX_CALLBACKS_PER_INSTANT) costs one comparison per callback; only the last
    // RUNAWAY_SAMPLE callbacks before the bound are tallied by label, for the error.
    const max = this.maxPerInstant;
    const tallyFrom = Math.max(0, max - RUNAWAY_SAMPLE + 1);
    this.tally = undefined;
    try {
      for (;;) {
        this.dropDead();
        const top = this.heap[0];
        const lane = this.lanes.length > 0 ? this.laneFirst(top) : undefined;
        if (lane !== undefined) {
          const time = lane.headTime();
          if (time > t) break;
          this.turnTime = time;
          this.turnSeq = lane.headSeq();
          this.current = time;
          if (time !== instant) {
            instant = time;
            ranAtInstant = 0;
            this.tally = undefined;
          }
          if (++ranAtInstant > tallyFrom) this.count((this.tally ??= new Map()), lane.headLabel?.() ?? lane.label, ranAtInstant, instant);
          if (this.checkpoint !== null) this.tick();
          lane.runHead();
          continue;
        }
        if (top === undefined || top.time > t) break;
        this.pop();
        top.queued = false;
        this.turnTime = top.time;
        this.turnSeq = top.seq;
        this.current = top.time;
        if (top.time !== instant) {
          instant = top.time;
          ranAtInstant = 0;
          this.tally = undefined;
        }
        if (++ranAtInstant > tallyFrom) this.count((this.tally ??= new Map()), top.label, ranAtInstant, instant);
        if (top.period === 0) this.byId.delete(top.id);
        if (this.checkpoint !== null) this.tick();
        top.run();
        if (top.period > 0 && !top.cancelled) {
          top.time += top.period;
          top.seq = this.nextSeq++;
          this.push(top);
        }
      }
      this.current = t;
      // Every timer up to t scheduled so far has had its turn.
      this.turnTime = t;
      this.turnSeq = this.nextSeq - 1;
    } finally {
      this.running = false;
      this.tally = undefined;
      this.loopInstant = NaN;
      this.loopTally = undefined;
    }
  }

  /** Callbacks run at the current instant by label, once the instant nears the bound. */
  private tally: Map<string, number> | undefined;

  /** Tallies a callback near the bound; throws the runaway error past it. */
  private count(tally: Map<string, number>, label: string, ran: number, instant: VirtualTime): void {
    tally.set(label, (tally.get(label) ?? 0) + 1);
    if (ran > this.maxPerInstant) throw this.runaway(instant, tally, label);
  }

  private runaway(instant: VirtualTime, tally: Map<string, number>, label: string): ClockError {
    const sampled = [...tally.values()].reduce((a, b) => a + b, 0);
    const top = [...tally]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([l, n]) => `"${l}" ×${n}`)
      .join(', ');
    return new ClockError(
      `virtual clock: more than ${this.maxPerInstant} callbacks ran at ${instant} ms (${formatDuration(instant)}) without time advancing; ` +
        `a component keeps scheduling work at the same instant. Most frequent of the last ${sampled}: ${top} (last: "${label}")`,
    );
  }

  // ---- heap -------------------------------------------------------------------------

  private schedule(time: VirtualTime, label: string, run: () => void, period: number): TimerHandle {
    if (!Number.isFinite(time)) throw new ClockError(`virtual clock: timer "${label}" scheduled at ${time}, not a finite time`);
    const timer: Timer = { id: this.nextId++, time, seq: this.nextSeq++, label, run, period, cancelled: false, queued: false };
    this.byId.set(timer.id, timer);
    this.push(timer);
    // The timer is its own handle.
    return timer;
  }

  private push(t: Timer): void {
    t.queued = true;
    const h = this.heap;
    // Sift up through a hole (no swap arrays: a destructuring swap allocates in the hot loop).
    let i = h.length;
    h.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p];
      if (!less(t, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = t;
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const n = h.length;
    const t = h[i];
    // The same moves as swapping t down step by step, through a hole.
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let least = t;
      if (l < n && less(h[l], least)) {
        m = l;
        least = h[l];
      }
      if (r < n && less(h[r], least)) {
        m = r;
        least = h[r];
      }
      if (m === i) break;
      h[i] = least;
      i = m;
    }
    h[i] = t;
  }

  private dropDead(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) {
      const t = this.pop()!;
      t.queued = false;
      this.dead--;
    }
  }

  private compact(): void {
    const live = this.heap.filter((t) => !t.cancelled);
    for (const t of this.heap) if (t.cancelled) t.queued = false;
    this.heap = live;
    this.dead = 0;
    for (let i = (live.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }
}
