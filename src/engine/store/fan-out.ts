/**
 * The store's watch delivery: subscriptions, the queue of notifications and their fan-out
 * to the handlers of each event's kind, filtered by what each declared it reacts to
 * (watch-interest.ts). Delivery never recurses: a handler that writes to the store queues
 * new notifications, which are delivered, in order, after every handler has seen the
 * current one.
 */
import type { WatchEvent, WatchInterest } from '../sim/contracts';
import { ANY_CHANGE, ANY_CONTROLLER, Change, WATCH_INTEREST, changeMask, controllerMask, interestFor } from './watch-interest';

/** A bit set in every event's change mask (and in no declared interest: ANY_CHANGE is below it). */
const EVERY_EVENT = 1 << 30;

/** Tests turn off delivery by kind (every handler then sees every event, as before) to compare the two. */
export const WATCH_BY_KIND = { enabled: true };

/**
 * Tests turn off computing the OTHER bit only for watchers that declared changes including it
 * (it is then computed whenever some watcher filters, as before: the DaemonSet, StatefulSet and
 * Job controllers' interests name controllers only, which made every Pod event walk its keys).
 */
export const OTHER_WHEN_DECLARED = { enabled: true };

export type Handler = (e: WatchEvent) => void;

/** A subscription: its handler, the kinds it asked for (null: every kind) and its interest in them. */
interface Watcher {
  readonly handler: Handler;
  readonly kinds: ReadonlySet<string> | null;
  readonly interest: WatchInterest | undefined;
}

/**
 * The watchers of one kind, in subscription order, with what each reacts to. `filtered`:
 * some watcher declared less than every change or every controller (else the masks are not
 * computed at all); `other`: some filtered watcher asks for OTHER changes.
 */
interface Delivery {
  readonly handlers: Handler[];
  readonly changes: number[];
  readonly controllers: number[];
  readonly filtered: boolean;
  readonly byController: boolean;
  readonly other: boolean;
}

export class FanOut {
  /** Subscriptions in the order they were made: the order every event reaches its handlers. */
  private watchers: Watcher[] = [];
  /**
   * kind → the handlers that take events of that kind, in subscription order (a subsequence
   * of `watchers`, so handlers that see an event see it in the same relative order as
   * before). Rebuilt lazily after a subscription changes; its arrays are never mutated.
   */
  private byKind = new Map<string, Delivery>();
  private readonly queue: WatchEvent[] = [];
  private delivering = false;

  /** `deleted` is called once every handler has seen a DELETED event (its object's number may be handed out again). */
  constructor(private readonly deleted: (e: WatchEvent) => void) {}

  watch(handler: Handler, kinds?: readonly string[], interest?: WatchInterest): () => void {
    const w: Watcher = { handler, kinds: kinds === undefined ? null : new Set(kinds), interest };
    this.watchers = [...this.watchers, w];
    this.byKind = new Map();
    return () => {
      this.watchers = this.watchers.filter((x) => x !== w);
      this.byKind = new Map();
    };
  }

  /** Queues a notification and delivers the queue unless a delivery or transaction is under way. */
  emit(e: WatchEvent): void {
    this.queue.push(e);
    this.flush();
  }

  /** Runs `fn` with delivery held back, then delivers everything it caused, in order. */
  transaction<R>(fn: () => R): R {
    if (this.delivering) return fn();
    this.delivering = true;
    let result: R;
    try {
      result = fn();
    } catch (e) {
      this.delivering = false;
      this.flush();
      throw e;
    }
    this.delivering = false;
    this.flush();
    return result;
  }

  private flush(): void {
    if (this.delivering) return;
    this.delivering = true;
    let i = 0;
    try {
      for (; i < this.queue.length; i++) {
        const e = this.queue[i];
        const d = this.deliveryFor(e.kind);
        const hs = d.handlers;
        if (!d.filtered) {
          for (let j = 0; j < hs.length; j++) hs[j](e);
        } else {
          // Computed once for the event, before any handler runs (handlers never edit stored objects).
          // EVERY_EVENT: a watcher that declared nothing (-1) takes even an update that changed no part named by a bit.
          const changes = changeMask(e, d.other) | EVERY_EVENT;
          const controllers = d.byController ? controllerMask(e) : ANY_CONTROLLER;
          const cs = d.changes;
          const os = d.controllers;
          for (let j = 0; j < hs.length; j++) if ((cs[j] & changes) !== 0 && (os[j] & controllers) !== 0) hs[j](e);
        }
        // Every handler has seen the object go: its number may name a new object now.
        if (e.type === 'DELETED') this.deleted(e);
      }
    } finally {
      // On a handler error the remaining notifications are dropped with it (the error propagates).
      this.queue.length = 0;
      this.delivering = false;
    }
  }

  /** The handlers an event of `kind` goes to, in subscription order, with their interests in it. */
  private deliveryFor(kind: string): Delivery {
    let d = this.byKind.get(kind);
    if (d === undefined) {
      const handlers: Handler[] = [];
      const changes: number[] = [];
      const controllers: number[] = [];
      let filtered = false;
      let byController = false;
      let other = false;
      for (const w of this.watchers) {
        if (!(w.kinds === null || w.kinds.has(kind) || !WATCH_BY_KIND.enabled)) continue;
        const i = interestFor(WATCH_INTEREST.enabled ? w.interest : undefined, kind);
        handlers.push(w.handler);
        changes.push(i.changes);
        controllers.push(i.controllers);
        if (i.changes !== ANY_CHANGE || i.controllers !== ANY_CONTROLLER) {
          filtered = true;
          if (i.controllers !== ANY_CONTROLLER) byController = true;
          // A watcher that declared no changes (only controllers) takes every change: OTHER is not worth a key walk for it.
          if ((i.changes & Change.OTHER) !== 0 && (i.changes !== ANY_CHANGE || !OTHER_WHEN_DECLARED.enabled)) other = true;
        }
      }
      // A watcher that declared nothing takes every event, whatever the mask (OTHER left clear included).
      if (filtered) for (let j = 0; j < changes.length; j++) if (changes[j] === ANY_CHANGE) changes[j] = -1;
      d = { handlers, changes, controllers, filtered, byController, other };
      this.byKind.set(kind, d);
    }
    return d;
  }
}
