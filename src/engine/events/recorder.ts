/**
 * Kubernetes Events, recorded as client-go's event recorder does: an event
 * identical to an earlier one (same involved object, type, reason, message
 * and source) is not stored again — the earlier one's `count` goes up and its
 * `lastTime` moves to now, as the event correlator's aggregation does. Events
 * stay in first-occurrence order.
 */
import type { Clock, KubeEvent, Recorder, VirtualTime } from '../sim/contracts';
import type { KubeObject } from '../model/types';

/** `Kind/namespace/name`; the namespace is empty for cluster-scoped objects (`Node//worker-1`). */
export function objectRef(obj: KubeObject): string {
  return `${obj.kind ?? ''}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

/** An object with more distinct events than this looks them up by message instead of a scan. */
const SCAN_LIMIT = 16;

/**
 * An object's distinct events: a short list (scanned), or, past SCAN_LIMIT, a map by message
 * to the event with that message, or to the few with it (they differ in type, reason or source).
 */
type ObjectEvents = KubeEvent[] | Map<string, KubeEvent | KubeEvent[]>;

/** Whether `e` is the event of that content (its message already known to match or not yet compared). */
const same = (e: KubeEvent, type: string, reason: string, message: string, source: string) =>
  e.reason === reason && e.message === message && e.type === type && e.source === source;

/** Tests turn off the remembered slot of the last object to compare with a lookup per event. */
export const REMEMBER_LAST_OBJECT = { enabled: true };

export class EventRecorder implements Recorder {
  private readonly list: KubeEvent[] = [];
  /**
   * Events by involved object (`objectRef`), then by content. Most objects have a handful
   * of distinct events, so they are compared field by field rather than through one long
   * key string per event (built, hashed and kept for every event of a 150,000-pod run);
   * an object with many (a ReplicaSet's `Created pod: …`) finds them by message.
   */
  private readonly byObject = new Map<string, ObjectEvents>();
  private readonly now: () => VirtualTime;
  /**
   * The last involved object's kind, namespace and name, its `objectRef` and its events as
   * `byObject` holds them (components record several events in a row for one object: the
   * kubelet's Pulled, Created, Started), so a run of events for one object looks it up once.
   */
  private lastKind: string | undefined = undefined;
  private lastNamespace: string | undefined = undefined;
  private lastName: string | undefined = undefined;
  private lastRef = '';
  private lastMine: ObjectEvents | undefined = undefined;

  /** `time` is the clock (or a function returning the current virtual time). */
  constructor(time: Pick<Clock, 'now'> | (() => VirtualTime)) {
    this.now = typeof time === 'function' ? time : () => time.now;
  }

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string): void {
    const kind = obj.kind;
    const namespace = obj.metadata?.namespace;
    const name = obj.metadata?.name;
    let object = this.lastRef;
    let mine = this.lastMine;
    if (kind !== this.lastKind || namespace !== this.lastNamespace || name !== this.lastName || object === '' || !REMEMBER_LAST_OBJECT.enabled) {
      object = objectRef(obj);
      mine = this.byObject.get(object);
      this.lastKind = kind;
      this.lastNamespace = namespace;
      this.lastName = name;
      this.lastRef = object;
      this.lastMine = mine;
    }
    const t = this.now();
    let seen: KubeEvent | undefined;
    let withMessage: KubeEvent | KubeEvent[] | undefined;
    if (Array.isArray(mine)) {
      for (let i = 0; i < mine.length; i++) {
        if (same(mine[i], type, reason, message, source)) {
          seen = mine[i];
          break;
        }
      }
    } else if (mine !== undefined) {
      withMessage = mine.get(message);
      if (withMessage === undefined) seen = undefined;
      else if (!Array.isArray(withMessage)) seen = same(withMessage, type, reason, message, source) ? withMessage : undefined;
      else for (let i = 0; i < withMessage.length && seen === undefined; i++) if (same(withMessage[i], type, reason, message, source)) seen = withMessage[i];
    }
    if (seen) {
      seen.count++;
      seen.lastTime = t;
      return;
    }
    const e: KubeEvent = { type, reason, message, object, source, count: 1, firstTime: t, lastTime: t };
    if (mine === undefined) this.keep(object, [e]);
    else if (!Array.isArray(mine)) {
      if (withMessage === undefined) mine.set(message, e);
      else if (Array.isArray(withMessage)) withMessage.push(e);
      else mine.set(message, [withMessage, e]);
    } else if (mine.length < SCAN_LIMIT) mine.push(e);
    else {
      const m = new Map<string, KubeEvent | KubeEvent[]>();
      for (const x of mine) byMessage(m, x);
      byMessage(m, e);
      this.keep(object, m);
    }
    this.list.push(e);
  }

  /** Files an object's events under its reference, keeping the last-object memo in step. */
  private keep(object: string, events: ObjectEvents): void {
    this.byObject.set(object, events);
    if (object === this.lastRef) this.lastMine = events;
  }

  all(): readonly KubeEvent[] {
    return this.list;
  }

  /** Events first recorded at index `from` or later (for incremental consumers). */
  since(from: number): readonly KubeEvent[] {
    return this.list.slice(from);
  }

  /** How many distinct events exist. */
  get size(): number {
    return this.list.length;
  }
}

/** Adds a distinct event to a map by message. */
function byMessage(m: Map<string, KubeEvent | KubeEvent[]>, e: KubeEvent): void {
  const x = m.get(e.message);
  if (x === undefined) m.set(e.message, e);
  else if (Array.isArray(x)) x.push(e);
  else m.set(e.message, [x, e]);
}
