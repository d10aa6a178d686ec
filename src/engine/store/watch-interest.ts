/**
 * What a watcher declares it reacts to, and what a write changed: the store computes a small
 * change mask once per event (only when some watcher of the event's kind declared an
 * interest) and calls a watcher only when the event's mask meets its interest. A watcher
 * that declares nothing for a kind sees every event of it, as before.
 *
 * An interest is a promise about the handler: for an event outside it, the handler returns
 * without doing anything, whatever the handler's state. So a change bit is clear only when
 * the field is the same by `===` (the comparison handlers make): a bit may be set for a
 * change a handler would find equal (a new spec object with the same content), never the
 * other way round.
 */
import type { KubeObject } from '../model/types';
import type { WatchEvent, WatchInterest } from '../sim/contracts';

/** Change bits: the event's type (ADDED, DELETED) or, for MODIFIED, which parts moved. */
export const Change = {
  ADDED: 1,
  DELETED: 2,
  /** spec.nodeName differs (implies SPEC). */
  NODE_NAME: 4,
  /** spec is another object (tolerations, nodeName, anything in it may differ). */
  SPEC: 8,
  /** status.phase differs (implies STATUS). */
  PHASE: 16,
  /** status is another object (conditions, phase, anything in it may differ). */
  STATUS: 32,
  /** metadata.labels is another object. */
  LABELS: 64,
  /** metadata.deletionTimestamp or deletionGracePeriodSeconds differs. */
  DELETION: 128,
  /** metadata.ownerReferences is another array. */
  OWNERS: 256,
  /**
   * Anything else: another top-level field, or a metadata field other than the above and
   * resourceVersion (annotations, finalizers, generation …) by identity.
   */
  OTHER: 512,
} as const;

/** Every change bit: the interest of a watcher that declared none. */
export const ANY_CHANGE = 1023;

/**
 * Controller bits: the kind of the controller ownerReference (the first with
 * `controller: true`, as metav1.GetControllerOf and sim/api.ts ownerRefOf) of the event's
 * object, and for MODIFIED of its previous version too (both bits are set when they differ).
 */
export const Controller = {
  NONE: 1,
  REPLICA_SET: 2,
  DAEMON_SET: 4,
  STATEFUL_SET: 8,
  JOB: 16,
  OTHER: 32,
} as const;

/** Every controller bit. */
export const ANY_CONTROLLER = 63;

/** Tests turn off delivery by interest (every watcher of a kind then sees every event of it) to compare. */
export const WATCH_INTEREST = { enabled: true };

/**
 * The change bits of an event. `withOther`: whether to look for OTHER changes (a key walk of
 * the top level and metadata); without it that bit is left clear, for callers whose
 * watchers all ignore it.
 */
export function changeMask(e: WatchEvent, withOther = true): number {
  if (e.type === 'ADDED') return Change.ADDED;
  if (e.type === 'DELETED') return Change.DELETED;
  const o = e.old;
  if (o === undefined) return ANY_CHANGE;
  return modifiedMask(o as Loose, e.object as Loose, withOther);
}

type Loose = KubeObject & { spec?: { nodeName?: unknown }; status?: { phase?: unknown } };

const META_KNOWN = new Set(['labels', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'resourceVersion']);

function modifiedMask(o: Loose, n: Loose, withOther: boolean): number {
  let m = 0;
  const os = o.spec;
  const ns = n.spec;
  if (os !== ns) {
    m |= Change.SPEC;
    if (os?.nodeName !== ns?.nodeName) m |= Change.NODE_NAME;
  }
  const ost = o.status;
  const nst = n.status;
  if (ost !== nst) {
    m |= Change.STATUS;
    if (ost?.phase !== nst?.phase) m |= Change.PHASE;
  }
  const om = o.metadata;
  const nm = n.metadata;
  if (om.labels !== nm.labels) m |= Change.LABELS;
  if (om.deletionTimestamp !== nm.deletionTimestamp || om.deletionGracePeriodSeconds !== nm.deletionGracePeriodSeconds) m |= Change.DELETION;
  if (om.ownerReferences !== nm.ownerReferences) m |= Change.OWNERS;
  if (withOther && (otherChanged(o, n) || otherChanged(om, nm, META_KNOWN))) m |= Change.OTHER;
  return m;
}

/** Whether some own field other than metadata, spec, status (or, for metadata, other than `skip`) differs by identity or presence. */
function otherChanged(a: object, b: object, skip?: ReadonlySet<string>): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let na = 0;
  for (const k in ra) {
    if (!Object.prototype.hasOwnProperty.call(ra, k)) continue;
    if (skip === undefined ? k === 'metadata' || k === 'spec' || k === 'status' : skip.has(k)) continue;
    na++;
    if (ra[k] !== rb[k] || !Object.prototype.hasOwnProperty.call(rb, k)) return true;
  }
  let nb = 0;
  for (const k in rb) {
    if (!Object.prototype.hasOwnProperty.call(rb, k)) continue;
    if (skip === undefined ? k === 'metadata' || k === 'spec' || k === 'status' : skip.has(k)) continue;
    nb++;
  }
  return na !== nb;
}

/** The controller bits of an event (its object's, and its previous version's). */
export function controllerMask(e: WatchEvent): number {
  const n = controllerBit(e.object);
  const o = e.old;
  if (o === undefined || o.metadata.ownerReferences === e.object.metadata.ownerReferences) return n;
  return n | controllerBit(o);
}

function controllerBit(obj: KubeObject): number {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return Controller.NONE;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (r && r.controller === true) {
      switch (r.kind) {
        case 'ReplicaSet':
          return Controller.REPLICA_SET;
        case 'DaemonSet':
          return Controller.DAEMON_SET;
        case 'StatefulSet':
          return Controller.STATEFUL_SET;
        case 'Job':
          return Controller.JOB;
        default:
          return Controller.OTHER;
      }
    }
  }
  return Controller.NONE;
}

/** A watcher's interest in one kind, resolved: both masks, never undefined. */
export interface ResolvedInterest {
  changes: number;
  controllers: number;
}

/** The interest declared for `kind` (every change and controller when none). */
export function interestFor(interest: WatchInterest | undefined, kind: string): ResolvedInterest {
  const i = interest?.[kind];
  return { changes: i?.changes ?? ANY_CHANGE, controllers: i?.controllers ?? ANY_CONTROLLER };
}
