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

export class EventRecorder implements Recorder {
  private readonly list: KubeEvent[] = [];
  private readonly byKey = new Map<string, KubeEvent>();
  private readonly now: () => VirtualTime;

  /** `time` is the clock (or a function returning the current virtual time). */
  constructor(time: Pick<Clock, 'now'> | (() => VirtualTime)) {
    this.now = typeof time === 'function' ? time : () => time.now;
  }

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: string): void {
    const object = objectRef(obj);
    const key = `${object}\u0000${type}\u0000${reason}\u0000${message}\u0000${source}`;
    const t = this.now();
    const seen = this.byKey.get(key);
    if (seen) {
      seen.count++;
      seen.lastTime = t;
      return;
    }
    const e: KubeEvent = { type, reason, message, object, source, count: 1, firstTime: t, lastTime: t };
    this.byKey.set(key, e);
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
