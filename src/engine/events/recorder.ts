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

/** An object with more distinct events than this looks them up by a key instead of a scan. */
const SCAN_LIMIT = 16;

/** An object's distinct events: a short list (scanned), or, past SCAN_LIMIT, a map by content. */
type ObjectEvents = KubeEvent[] | Map<string, KubeEvent>;

const contentKey = (type: string, reason: string, message: string, source: string) => `${type}\u0000${reason}\u0000${message}\u0000${source}`;

export class EventRecorder implements Recorder {
  private readonly list: KubeEvent[] = [];
  /**
   * Events by involved object (`objectRef`), then by content. Most objects have a handful
   * of distinct events, so they are compared field by field rather than through one long
   * key string per event (built, hashed and kept for every event of a 150,000-pod run).
   */
  private readonly byObject = new Map<string, ObjectEvents>();
  private readonly now: () => VirtualTime;
  /** The last involved object's kind, namespace and name, and its `objectRef` (components record several events in a row for one object). */
  private lastKind: string | undefined = undefined;
  private lastNamespace: string | undefined = undefined;
  private lastName: string | undefined = undefined;
  private lastRef = '';

  /** `time` is the clock (or a function returning the current virtual time). */
  constructor(time: Pick<Clock, 'now'> | (() => VirtualTime)) {
    this.now = typeof time === 'function' ? time : () => time.now;
  }

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string): void {
    const kind = obj.kind;
    const namespace = obj.metadata?.namespace;
    const name = obj.metadata?.name;
    let object = this.lastRef;
    if (kind !== this.lastKind || namespace !== this.lastNamespace || name !== this.lastName || object === '') {
      object = objectRef(obj);
      this.lastKind = kind;
      this.lastNamespace = namespace;
      this.lastName = name;
      this.lastRef = object;
    }
    const t = this.now();
    const mine = this.byObject.get(object);
    let seen: KubeEvent | undefined;
    if (Array.isArray(mine)) {
      for (let i = 0; i < mine.length; i++) {
        const e = mine[i];
        if (e.reason === reason && e.message === message && e.type === type && e.source === source) {
          seen = e;
          break;
        }
      }
    } else if (mine !== undefined) seen = mine.get(contentKey(type, reason, message, source));
    if (seen) {
      seen.count++;
      seen.lastTime = t;
      return;
    }
    const e: KubeEvent = { type, reason, message, object, source, count: 1, firstTime: t, lastTime: t };
    if (mine === undefined) this.byObject.set(object, [e]);
    else if (!Array.isArray(mine)) mine.set(contentKey(type, reason, message, source), e);
    else if (mine.length < SCAN_LIMIT) mine.push(e);
    else {
      const m = new Map<string, KubeEvent>();
      for (const x of mine) m.set(contentKey(x.type, x.reason, x.message, x.source), x);
      m.set(contentKey(type, reason, message, source), e);
      this.byObject.set(object, m);
    }
    this.list.push(e);
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
