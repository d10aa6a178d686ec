/**
 * A workload controller's work queue on the virtual clock, as client-go's rate-limited
 * delaying workqueue (util/workqueue queue.go, delaying_queue.go): a key is in the queue at
 * most once (many watch events about one owner at one virtual instant cause one sync), and
 * separately waits at most once for a delayed add (AddAfter, AddRateLimited) at the earliest
 * time asked. A direct add does not cancel that wait: the delayed add still comes at its time
 * (folded into the queued add when the key is still queued then). Keys sync in the order they
 * became due.
 */
import { ClockError } from '../../clock/virtual-clock';
import { formatDuration } from '../../clock/time';
import type { Clock } from '../../sim/contracts';
import { deepEqual } from '../../store/clone';
import { KeyTimerLane } from './timer-lane';

/** The `due` of a key with no sync queued: later than any time, so every enqueue moves it earlier. */
const NOT_DUE = Infinity;

const BUCKET_QPS = 10;
const BUCKET_BURST = 100;


/**
 * Tests turn the lane off (for queues created afterwards) to compare against clock timers.
 * With it, the queue's timers live in its own lane (timer-lane.ts), each with the place among
 * the clock's timers that a clock timer scheduled at that moment would have: a superseded one
 * stays and finds its time gone, exactly as an uncancelled clock timer would.
 */
export const SYNC_LANE = { enabled: true };

/** Tests turn off running quiet syncs in the lane's own loop (superseded timers still run there). */
export const QUICK_QUIET = { enabled: true };


/**
 * Tests turn off reading a key's object from its slot (the controllers then fetch it from the
 * store by namespace and name on every sync and check).
 */
export const SLOT_OBJECTS = { enabled: true };

/**
 * How many times one key may sync at one virtual instant before the queue decides that its
 * controller keeps re-queuing it at that instant forever (a sync that misses its own write and
 * queues itself again, say) and throws. Watch events at one instant are folded into one sync,
 * so a key syncs again at the same instant only after an event that came after its last sync:
 * the most seen in the engine's tests and the bench's recoveries is far below this (see
 * docs/fidelity.md, round 10). The clock's own bound (MAX_CALLBACKS_PER_INSTANT) stays as the
 * backstop for loops that are not one key's.
 */
export const MAX_SYNCS_PER_KEY_PER_INSTANT = 10_000;

/** Tests lower the bound (`max`) to check the guard quickly. */
export const SYNC_RUNAWAY = { max: MAX_SYNCS_PER_KEY_PER_INSTANT };

/** One key's state: kept for good once queued (a stuck Deployment re-queues ten times a second). */
class Slot {
  /**
   * The virtual time its next sync is due; NOT_DUE when none is queued. At or before the
   * clock's now it is client-go's queued (dirty) add; later, the delayed add waiting.
   */
  due = NOT_DUE;
  /**
   * A delayed add waiting while the key is also queued now (`due` at or before now): the
   * sync at `due` makes it `due` (its timer is already scheduled). NOT_DUE: none.
   */
  later = NOT_DUE;
  /** Consecutive failed syncs, for the retry backoff. */
  failures = 0;
  /**
   * The key's object as the controller's watch events last gave it (`remember`), undefined
   * when none did or it was deleted. Equal to the store's while the controller has seen every
   * write (its own check), so a sync reads it here instead of looking it up by name.
   */
  latest: unknown = undefined;
  /** The virtual time of its last sync (-1: none yet), and how many syncs it has had at that time. */
  ranAt = -1;
  ranTimes = 0;
  constructor(readonly key: string) {}

  /** Whether a sync of the key is queued. */
  get pending(): boolean {
    return this.due !== NOT_DUE;
  }
}

/** A key's slot as the controller sees it: whether a sync is queued, and its remembered object. */
export interface SlotView {
  readonly key: string;
  readonly pending: boolean;
  readonly latest: unknown;
}

export class SyncQueue {
  /** Key → its slot (the lane's items are the slots themselves: a run looks nothing up). */
  private readonly slots = new Map<string, Slot>();
  /** The slot syncing right now. */
  private current: Slot | null = null;

  private readonly lane: KeyTimerLane<Slot> | undefined;

  /**
   * `quiet(key)`: whether the sync of `key` would only re-queue it rate-limited (forget, then
   * enqueueRateLimited) and do nothing else — the controller's own test, which its sync uses
   * too. Such syncs, and superseded timers, run in the lane's own loop (timer-lane.ts) without
   * a clock step each, at their own time and in their own place.
   */
  constructor(
    private readonly clock: Clock,
    private readonly label: string,
    private readonly sync: (key: string) => void,
    private readonly quiet?: (key: string) => boolean,
  ) {
    this.tokens = BUCKET_BURST;
    const { addLane, takeSeq } = clock;
    if (SYNC_LANE.enabled && addLane !== undefined && takeSeq !== undefined) {
      this.lane = new KeyTimerLane<Slot>(
        clock as Clock & Required<Pick<Clock, 'addLane' | 'takeSeq'>>,
        label,
        (slot, at) => this.run(slot, at),
        (slot, at) => this.quick(slot, at),
      );
    }
  }

  /** The slot of `key` (the syncing key's without a lookup: its own re-queue comes from its sync). */
  private slot(key: string): Slot {
    const c = this.current;
    if (c !== null && c.key === key) return c;
    let s = this.slots.get(key);
    if (s === undefined) this.slots.set(key, (s = new Slot(key)));
    return s;
  }

  /** The slot of `key` (created when missing), to test and queue it without another lookup (`enqueueView`). */
  view(key: string): SlotView {
    return this.slot(key);
  }

  /** `isSyncing(view.key)` for a view this queue gave. */
  isSyncingView(view: SlotView): boolean {
    return this.current === view;
  }

  /** `enqueue(view.key)` for a view this queue gave. */
  enqueueView(view: SlotView): void {
    this.enqueueSlot(view as Slot, 0);
  }

  /** Remembers `obj` as the latest version of `key`'s object (undefined: it was deleted); see Slot.latest. */
  remember(key: string, obj: unknown): void {
    if (obj === undefined && this.slots.get(key) === undefined) return;
    this.slot(key).latest = obj;
  }

  /** `remember(key, obj)` and `enqueue(key)`, with one lookup. */
  enqueueLatest(key: string, obj: unknown): void {
    const slot = this.slot(key);
    slot.latest = obj;
    this.enqueueSlot(slot, 0);
  }

  /**
   * A watch event of the kind this queue syncs, for `key`: a deletion is remembered (and
   * 'deleted' returned); the controller's own write while that key syncs (spec unchanged)
   * is remembered without a new sync; anything else is remembered and queued.
   */
  follow(key: string, e: { type: string; object: unknown; old?: unknown }): 'deleted' | 'own' | 'queued' {
    if (e.type === 'DELETED') {
      this.remember(key, undefined);
      return 'deleted';
    }
    if (this.isSyncing(key) && e.old && deepEqual((e.old as { spec?: unknown }).spec, (e.object as { spec?: unknown }).spec)) {
      this.remember(key, e.object);
      return 'own';
    }
    this.enqueueLatest(key, e.object);
    return 'queued';
  }

  /** The object remembered for the key syncing now (undefined: none). */
  currentLatest(): unknown {
    return this.current?.latest;
  }

  /**
   * Queues `key` to sync `delay` ms from now (0: Add, later at this same instant, after the
   * work already queued; more: AddAfter). An Add of a key already queued does nothing; an Add
   * of a key waiting for a delayed add queues it and keeps the wait. An AddAfter of a waiting
   * key keeps the earlier time; of a queued key, it waits beside the queued add.
   */
  enqueue(key: string, delay = 0): void {
    this.enqueueSlot(this.slot(key), delay);
  }

  private enqueueSlot(slot: Slot, delay: number, now = this.clock.now): void {
    const at = now + Math.max(0, delay);
    const prev = slot.due;
    if (prev <= at) {
      // Queued now (not waiting) and asked for later: wait beside it, at the earliest time asked.
      if (prev > now || at === prev || slot.later <= at) return;
      slot.later = at;
    } else if (at > now || prev === NOT_DUE) {
      // Nothing queued, or a wait moved earlier (the superseded timer finds its time gone).
      slot.due = at;
    } else {
      // An Add while a delayed add waits: queued now, and the wait stays.
      slot.later = prev;
      slot.due = at;
    }
    this.schedule(slot, at);
  }

  private schedule(slot: Slot, at: number): void {
    if (this.lane !== undefined) {
      this.lane.at(at, slot);
      return;
    }
    // A superseded timer stays in the clock and finds its time gone when it runs.
    this.clock.at(at, this.label, () => this.run(slot, at));
  }

  /**
   * Queues `key` again after a failed sync, with the default controller rate
   * limiter's per-item backoff: 5 ms, doubling, capped at 1000 s.
   */
  retry(key: string): void {
    const slot = this.slot(key);
    const n = slot.failures++;
    this.enqueueSlot(slot, Math.min(5 * 2 ** n, 1_000_000));
  }

  /**
   * AddRateLimited with client-go's default controller rate limiter: the
   * larger of the per-item backoff (5 ms doubling, capped at 1000 s) and a
   * token bucket shared by every key of this queue (10 per second, burst 100).
   */
  enqueueRateLimited(key: string): void {
    this.rateLimited(this.slot(key), this.clock.now);
  }

  /** enqueueRateLimited at virtual time `now`. */
  private rateLimited(slot: Slot, now: number): void {
    const n = slot.failures++;
    const perItem = Math.min(5 * 2 ** n, 1_000_000);
    this.tokens = Math.min(BUCKET_BURST, this.tokens + ((now - this.tokensAt) / 1000) * BUCKET_QPS);
    this.tokensAt = now;
    this.tokens -= 1;
    const bucket = this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / BUCKET_QPS) * 1000);
    this.enqueueSlot(slot, Math.max(perItem, bucket), now);
  }

  // Set to a fraction first (see the constructor): V8 then gives the field a double
  // representation from the start. The refills are fractional, and a field going from small
  // integer to double changes the queue's hidden class, which deoptimized every optimized
  // method of every queue in the first recoveries ("wrong map").
  private tokens = 0.5;
  private tokensAt = 0;

  /** Resets the retry backoff after a successful sync. */
  forget(key: string): void {
    const c = this.current;
    if (c !== null && c.key === key) c.failures = 0;
    else {
      const s = this.slots.get(key);
      if (s !== undefined) s.failures = 0;
    }
  }

  /** Whether a sync of `key` is queued (at any time, including a retry's backoff). */
  isPending(key: string): boolean {
    const s = this.slots.get(key);
    return s !== undefined && s.due !== NOT_DUE;
  }

  /** Whether `key` is syncing right now (watch events it causes itself need not queue it again). */
  isSyncing(key: string): boolean {
    const c = this.current;
    return c !== null && c.key === key;
  }

  /**
   * The lane's timer at `at` when it needs no clock step (timer-lane.ts, QuickRun): a superseded
   * one (`run` would do nothing), or a quiet sync, done as `run` and the controller's sync do it
   * — the sync cleared, then forget and enqueueRateLimited — with `at` as the time.
   */
  private quick(slot: Slot, at: number): boolean {
    if (slot.due !== at) return true;
    const quiet = this.quiet;
    if (quiet === undefined || !QUICK_QUIET.enabled || !quiet(slot.key)) return false;
    slot.due = slot.later;
    slot.later = NOT_DUE;
    slot.failures = 0;
    this.rateLimited(slot, at);
    return true;
  }

  /** The error for a key synced more than SYNC_RUNAWAY.max times at `at`. */
  private runaway(slot: Slot, at: number): never {
    throw new ClockError(
      `${this.label}: key "${slot.key}" synced more than ${SYNC_RUNAWAY.max} times at ${at} ms (${formatDuration(at)}) without time advancing; ` +
        'its controller keeps re-queuing it at the same instant (does a sync miss its own write?)',
    );
  }

  private run(slot: Slot, at: number): void {
    // A timer superseded by an earlier enqueue of the same key does nothing.
    if (slot.due !== at) return;
    // A delayed add waiting beside this one now waits alone (its timer is scheduled).
    slot.due = slot.later;
    slot.later = NOT_DUE;
    if (at !== slot.ranAt) {
      slot.ranAt = at;
      slot.ranTimes = 1;
    } else if (++slot.ranTimes > SYNC_RUNAWAY.max) this.runaway(slot, at);
    this.current = slot;
    try {
      this.sync(slot.key);
    } finally {
      this.current = null;
    }
  }
}
