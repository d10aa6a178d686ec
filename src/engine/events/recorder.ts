/**
 * Kubernetes Events, recorded as client-go's event recorder does: an event
 * identical to an earlier one (same involved object — kind, namespace, name and UID, so a
 * new object with an old one's name starts rows of its own — type, reason, message
 * and source) is not stored again — the earlier one's `count` goes up and its
 * `lastTime` moves to now, as the event correlator's aggregation does. Events
 * stay in first-occurrence order.
 */
import type { Clock, KubeEvent, Recorder, VirtualTime } from '../sim/contracts';
import type { KubeObject } from '../model/types';
import { COMBINED_PREFIX, DROP, QUIET_EVENTS, RECORD, correlated, forget, judge, seed, takePending, type Pending, type SimilarGroup, type SourceState } from './correlator';
import { SeriesCache } from './series';

/** `Kind/namespace/name`; the namespace is empty for cluster-scoped objects (`Node//worker-1`). */
export function objectRef(obj: KubeObject): string {
  return `${obj.kind ?? ''}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

/** An object with more distinct events than this looks them up by message instead of a scan. */
const SCAN_LIMIT = 16;

/**
 * The one reason recorded through the series cache. The scheduler's other events.k8s.io events
 * (Scheduled, Preempted) are written once per resourceVersion of their pod (the bind and the
 * deletion that follow change it), so the cache would never join them: they keep the plain rows.
 */
const SERIES_REASON = 'FailedScheduling';

/** Events per chunk of the recorder's list (see `EventRecorder.chunks`). */
const CHUNK = 4096;

/**
 * An object's distinct events: a short list (scanned), or, past SCAN_LIMIT, a map by message
 * to the event with that message, or to the few with it (they differ in type, reason or source).
 */
type ObjectEvents = KubeEvent[] | Map<string, KubeEvent | KubeEvent[]>;

/**
 * One involved object's events (one `Kind/namespace/name` reference): filed in the slot of
 * the stored object's number while the store holds an object of that kind, namespace and
 * name (and the reference is the one that slot was first filed for), otherwise in the map
 * by reference. A holder moves between the two, never changing, so every event of one
 * reference aggregates with the earlier ones wherever they are filed.
 */
interface Holder {
  /** `namespace ?? ''` and `name` as the reference spells them. */
  readonly namespace: string;
  readonly name: string;
  readonly ref: string;
  /** The involved object's UID ('' when the event names none): client-go's correlator keys by it. */
  readonly uid: string;
  events: ObjectEvents;
  /**
   * client-go's correlator state about this object, by source (once `correlate()` is on): a
   * count of its correlated events while fewer than QUIET_EVENTS, then the state.
   */
  corr?: SourceState[] | number;
}

/** The map-by-reference key of an object's events: its reference, and its UID when it has one. */
const refKey = (ref: string, uid: string) => (uid === '' ? ref : `${ref}\n${uid}`);

/**
 * The store's object numbers (Store.idOf) and a call when an object leaves the store (before
 * its number can name another object), so the recorder can file a stored object's events in
 * an array slot instead of a map that keeps every object that ever had an event.
 */
export interface ObjectNumbers {
  idOf(kind: string, namespace: string | undefined, name: string): number | undefined;
  onDrop(listener: (kind: string, id: number) => void): void;
}

/** Whether the recorder files stored objects' events by object number (tests compare both ways). */
export const BY_OBJECT_NUMBER = { enabled: true };

/** Whether `e` is the event of that content (its message already known to match or not yet compared). */
const same = (e: KubeEvent, type: string, reason: string, message: string, source: string, fieldPath: string | undefined) =>
  e.reason === reason && e.message === message && e.type === type && e.source === source && e.fieldPath === fieldPath;

/** Tests turn off the remembered slot of the last object to compare with a lookup per event. */
export const REMEMBER_LAST_OBJECT = { enabled: true };

export class EventRecorder implements Recorder {
  /**
   * Every distinct event in first-occurrence order, in chunks of CHUNK: the list grows by a
   * chunk instead of copying one ever-longer array (a 150,000-pod run keeps ~500,000 events;
   * each growth of a single array copied all of them). `all()` hands out a flat copy kept up
   * to date when asked for.
   */
  private readonly chunks: KubeEvent[][] = [[]];
  private tail: KubeEvent[] = this.chunks[0];
  private count = 0;
  private readonly chunkSize: number;
  private readonly flat: KubeEvent[] = [];
  /**
   * Events by involved object (`objectRef`) for objects the store does not hold (or without
   * the store's numbers: all of them). Most objects have a handful of distinct events, so
   * they are compared field by field rather than through one long key string per event;
   * an object with many (a ReplicaSet's `Created pod: …`) finds them by message.
   */
  private readonly byRef = new Map<string, Holder>();
  /** Stored objects' holders, by kind, then by the store's object number. */
  private readonly slots = new Map<string, (Holder | undefined)[]>();
  private slotKind: string | undefined = undefined;
  private slotList: (Holder | undefined)[] = [];
  private numbers: ObjectNumbers | undefined = undefined;
  private readonly now: () => VirtualTime;
  /**
   * The last involved object's kind, namespace and name and its holder (components record
   * several events in a row for one object: the kubelet's Pulled, Created, Started), so a run
   * of events for one object looks it up once.
   */
  private lastKind: string | undefined = undefined;
  private lastNamespace: string | undefined = undefined;
  private lastName: string | undefined = undefined;
  private lastUid = '';
  private last: Holder | undefined = undefined;
  /** Whether client-go's correlator (aggregator, spam filter) is in front: `correlate()`. */
  private correlating = false;
  /** The scheduler's events.k8s.io series cache (./series.ts), used once `correlate()` is on. */
  private readonly series = new SeriesCache();

  /** `time` is the clock (or a function returning the current virtual time); `chunkSize` is for tests. */
  constructor(time: Pick<Clock, 'now'> | (() => VirtualTime), chunkSize = CHUNK) {
    this.now = typeof time === 'function' ? time : () => time.now;
    this.chunkSize = chunkSize;
  }

  /**
   * Files stored objects' events by the store's object numbers from now on. Call before the
   * store holds objects with events (the simulation attaches its store when both are made).
   */
  attach(numbers: ObjectNumbers): void {
    if (!BY_OBJECT_NUMBER.enabled) return;
    this.numbers = numbers;
    numbers.onDrop((kind, id) => this.dropped(kind, id));
  }

  /**
   * Puts client-go's event correlator in front of the rows from now on (./correlator.ts: similar
   * events combined, the spam filter), as every recording process of a cluster has it.
   */
  correlate(): void {
    this.correlating = true;
  }

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string, fieldPath?: string): void {
    const kind = obj.kind;
    const namespace = obj.metadata?.namespace;
    const name = obj.metadata?.name;
    const uid = obj.metadata?.uid ?? '';
    let h = this.last;
    if (h === undefined || kind !== this.lastKind || namespace !== this.lastNamespace || name !== this.lastName || uid !== this.lastUid || !REMEMBER_LAST_OBJECT.enabled) {
      h = this.holder(kind, namespace, name, uid);
      this.lastKind = kind;
      this.lastNamespace = namespace;
      this.lastName = name;
      this.lastUid = uid;
      this.last = h;
    }
    const t = this.now();
    if (this.correlating && reason === SERIES_REASON) {
      this.seriesEvent(h, obj, type, reason, message, source, t);
      return;
    }
    let dropped: Pending | undefined;
    if (this.correlating && correlated(reason)) {
      let corr = h.corr ?? 0;
      if (typeof corr === 'number' && corr < QUIET_EVENTS) h.corr = corr + 1;
      else {
        if (typeof corr === 'number') corr = h.corr = seed(rowsOf(h.events));
        const g = judge(corr, source, type, reason, message, t);
        if (g === DROP) return;
        if (g !== RECORD) {
          this.combine(g, h.ref, source, message, t);
          return;
        }
        dropped = takePending(corr, source, type, reason, message);
      }
    }
    const mine = h.events;
    let seen: KubeEvent | undefined;
    let withMessage: KubeEvent | KubeEvent[] | undefined;
    if (Array.isArray(mine)) {
      for (let i = 0; i < mine.length; i++) {
        if (same(mine[i], type, reason, message, source, fieldPath)) {
          seen = mine[i];
          break;
        }
      }
    } else {
      withMessage = mine.get(message);
      if (withMessage === undefined) seen = undefined;
      else if (!Array.isArray(withMessage)) seen = same(withMessage, type, reason, message, source, fieldPath) ? withMessage : undefined;
      else for (let i = 0; i < withMessage.length && seen === undefined; i++) if (same(withMessage[i], type, reason, message, source, fieldPath)) seen = withMessage[i];
    }
    if (seen) {
      seen.count += dropped === undefined ? 1 : 1 + dropped.count;
      seen.lastTime = t;
      return;
    }
    const e: KubeEvent =
      dropped === undefined
        ? { type, reason, message, object: h.ref, source, count: 1, firstTime: t, lastTime: t }
        : { type, reason, message, object: h.ref, source, count: 1 + dropped.count, firstTime: dropped.first, lastTime: t };
    if (fieldPath !== undefined) e.fieldPath = fieldPath;
    if (!Array.isArray(mine)) {
      if (withMessage === undefined) mine.set(message, e);
      else if (Array.isArray(withMessage)) withMessage.push(e);
      else mine.set(message, [withMessage, e]);
    } else if (mine.length < SCAN_LIMIT) mine.push(e);
    else {
      const m = new Map<string, KubeEvent | KubeEvent[]>();
      for (const x of mine) byMessage(m, x);
      byMessage(m, e);
      h.events = m;
    }
    this.append(e);
  }

  /**
   * The scheduler's FailedScheduling through the events.k8s.io series cache: keyed by the
   * object's reference with its resourceVersion, not by message (./series.ts).
   */
  private seriesEvent(h: Holder, obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string, t: number): void {
    const key = `${h.ref}\n${h.uid}\n${obj.metadata?.resourceVersion ?? ''}\n${type}\n${reason}\n${source}`;
    if (this.series.observe(key, t)) return;
    const e: KubeEvent = { type, reason, message, object: h.ref, source, count: 1, firstTime: t, lastTime: t };
    this.series.add(key, e, t);
    this.append(e);
  }

  private append(e: KubeEvent): void {
    let tail = this.tail;
    if (tail.length === this.chunkSize) {
      tail = [];
      this.chunks.push(tail);
      this.tail = tail;
    }
    tail.push(e);
    this.count++;
  }

  /** A similar event goes to its group's aggregate row (made at the first). */
  private combine(g: SimilarGroup, ref: string, source: string, message: string, t: number): void {
    const text = COMBINED_PREFIX + message;
    const row = g.row;
    // Aggregate events the spam filter dropped meanwhile were counted (eventObserve) all the same.
    const observed = 1 + g.pending;
    const first = g.pending > 0 ? g.pendingFirst : t;
    g.pending = 0;
    if (row !== undefined) {
      row.count += observed;
      row.lastTime = t;
      row.message = text;
      return;
    }
    g.row = { type: g.type as KubeEvent['type'], reason: g.reason, message: text, object: ref, source, count: observed, firstTime: first, lastTime: t };
    this.append(g.row);
  }

  /**
   * The process that records `source` events about `obj` restarted (a kubelet booting again):
   * client-go keeps the event correlator's cache in the process, so the new one knows none of the
   * old rows and an identical event starts a new one. Those rows stay as they are, in their
   * place; only later events no longer fold into them.
   */
  restarted(obj: KubeObject, source: string): void {
    const h = this.existing(obj.kind, obj.metadata?.namespace, obj.metadata?.name, obj.metadata?.uid ?? '');
    if (h === undefined) return;
    if (Array.isArray(h.corr)) forget(h.corr, source);
    const mine = h.events;
    if (Array.isArray(mine)) {
      h.events = mine.filter((e) => e.source !== source);
      return;
    }
    const m = new Map<string, KubeEvent | KubeEvent[]>();
    for (const x of mine.values()) for (const e of Array.isArray(x) ? x : [x]) if (e.source !== source) byMessage(m, e);
    h.events = m;
  }

  /** The holder `holder` would give for that reference and UID, when there is one (none is made). */
  private existing(kind: string | undefined, namespace: string | undefined, name: string | undefined, uid: string): Holder | undefined {
    const ns = namespace ?? '';
    if (this.numbers !== undefined && kind !== undefined && name !== undefined) {
      const id = this.numbers.idOf(kind, namespace, name);
      const h = id === undefined ? undefined : this.slots.get(kind)?.[id];
      if (h !== undefined && h.namespace === ns && h.name === name && h.uid === uid) return h;
    }
    return this.byRef.get(refKey(`${kind ?? ''}/${ns}/${name ?? ''}`, uid));
  }

  /** The holder of the reference `kind/namespace/name` with that UID, made (with no events) if there is none. */
  private holder(kind: string | undefined, namespace: string | undefined, name: string | undefined, uid: string): Holder {
    const numbers = this.numbers;
    if (numbers !== undefined && kind !== undefined && name !== undefined) {
      const id = numbers.idOf(kind, namespace, name);
      if (id !== undefined) {
        const list = this.slotsOf(kind);
        const h = list[id];
        const ns = namespace ?? '';
        // The slot's holder is the stored object's (same kind and name); it is this reference's
        // unless the namespace is spelled otherwise (`Pod//x` for `Pod/default/x`) or the event is
        // about another object of that name (another UID: one deleted, or not stored yet): that
        // one is by reference.
        if (h !== undefined) {
          if (h.namespace === ns && h.name === name && h.uid === uid) return h;
        } else if (!kind.includes('/') && !ns.includes('/') && !name.includes('/')) {
          // No `/` inside the parts: no other kind, namespace and name spell this reference,
          // so the slot (keyed by kind and number, not by the joined string) cannot split it.
          const ref = `${kind}/${ns}/${name}`;
          const key = refKey(ref, uid);
          let found = this.byRef.size > 0 ? this.byRef.get(key) : undefined;
          if (found !== undefined) this.byRef.delete(key);
          else found = { namespace: ns, name, ref, uid, events: [] };
          // Grown one slot at a time, as the other tables by store number are: a write far past
          // the end (a first event for object 150,000) would turn the array into a dictionary.
          while (list.length < id) list.push(undefined);
          list[id] = found;
          return found;
        }
      }
    }
    const ref = `${kind ?? ''}/${namespace ?? ''}/${name ?? ''}`;
    const key = refKey(ref, uid);
    let h = this.byRef.get(key);
    if (h === undefined) {
      h = { namespace: namespace ?? '', name: name ?? '', ref, uid, events: [] };
      this.byRef.set(key, h);
    }
    return h;
  }

  private slotsOf(kind: string): (Holder | undefined)[] {
    if (kind === this.slotKind) return this.slotList;
    let list = this.slots.get(kind);
    if (list === undefined) {
      list = [];
      this.slots.set(kind, list);
    }
    this.slotKind = kind;
    this.slotList = list;
    return list;
  }

  /** An object left the store: its holder (if any) goes to the map by reference before its number is reused. */
  private dropped(kind: string, id: number): void {
    const list = this.slots.get(kind);
    const h = list?.[id];
    if (list === undefined || h === undefined) return;
    list[id] = undefined;
    this.byRef.set(refKey(h.ref, h.uid), h);
  }

  /** Every event so far, in first-occurrence order: one array, brought up to date on each call. */
  all(): readonly KubeEvent[] {
    this.series.settle(this.now());
    const flat = this.flat;
    const size = this.chunkSize;
    for (let i = flat.length; i < this.count; i++) flat.push(this.chunks[Math.floor(i / size)][i % size]);
    return flat;
  }

  /** Events first recorded at index `from` or later (for incremental consumers). */
  since(from: number): readonly KubeEvent[] {
    this.series.settle(this.now());
    const out: KubeEvent[] = [];
    const size = this.chunkSize;
    // As Array.prototype.slice reads its start: truncated, from the end when negative.
    let start = Math.trunc(from) || 0;
    if (start < 0) start = Math.max(0, this.count + start);
    for (let i = start; i < this.count; i++) out.push(this.chunks[Math.floor(i / size)][i % size]);
    return out;
  }

  /** How many distinct events exist. */
  get size(): number {
    return this.count;
  }
}

/** Every row of an object's events. */
function rowsOf(events: ObjectEvents): KubeEvent[] {
  if (Array.isArray(events)) return events;
  const out: KubeEvent[] = [];
  for (const x of events.values()) if (Array.isArray(x)) out.push(...x);
  else out.push(x);
  return out;
}

/** Adds a distinct event to a map by message. */
function byMessage(m: Map<string, KubeEvent | KubeEvent[]>, e: KubeEvent): void {
  const x = m.get(e.message);
  if (x === undefined) m.set(e.message, e);
  else if (Array.isArray(x)) x.push(e);
  else m.set(e.message, [x, e]);
}
