/**
 * The pods each ReplicaSet controls, counted as calculateStatus counts them, kept from
 * watch events so that a sync need not fetch and inspect every one of its pods.
 *
 * A pod is filed under the ReplicaSet its controller reference names (uid and name),
 * which is exactly what claim's ownedObjects returns for that ReplicaSet — as long as
 * every pod's ReplicaSet controller reference carries a uid and each uid's pods name
 * one ReplicaSet (otherwise `countsFor` declines). Whether a pod matches the selector
 * and the template's labels depends on the ReplicaSet's spec, so those two are counted
 * against the selectors the last `countsFor` used, and recounted when they differ.
 *
 * The counts are only trusted while the ledger has seen every write the store made
 * (`seen` against the store's resourceVersion, which every create, update and delete
 * bumps once): while watch delivery is held back (a transaction) a sync takes the
 * reference path.
 */
import type { Selector } from '../../model/labels';
import type { Pod } from '../../model/types';
import type { Store, WatchEvent } from '../../sim/contracts';
import { controllerRef } from '../workload/owners';
import { isPodActive, isPodReady, isPodTerminating } from '../workload/pods';

/** Tests turn the ledger off to compare against claiming and counting every sync. */
export const POD_LEDGER = { enabled: true };

/**
 * Tests turn off finding a pod's entry through its ReplicaSet (the owner named by its controller
 * reference, then the owner's own pods by uid) before the ledger-wide map by pod uid. The entry
 * found is the same (an entry is filed under exactly one owner, by the uid it has in the big
 * map); a status update of a pod, most of a recovery's pod events, then probes two small maps
 * instead of one of every pod in the cluster.
 */
export const VIA_OWNER = { enabled: true };

/**
 * Tests turn off finding a pod's entry in the slot of its store object number (the watch
 * event's `id`) before the paths above. A slot holds the entry the map by uid held for the pod
 * when its last event was filed; it is used only while that entry is still in the map (not
 * `gone`) under the pod's uid, so it is the entry the map would give: no map is probed for a
 * status update.
 */
export const BY_NUMBER = { enabled: true };

const TERMINATING = 1;
const ACTIVE = 2;
const READY = 4;
const UNMATCHED = 8;
const LABELED = 16;

/** What calculateStatus counts over a ReplicaSet's claimed pods (minReadySeconds 0). */
export interface PodCounts {
  active: number;
  terminating: number;
  /** Active and Ready. */
  ready: number;
  /** Active and carrying the template's labels. */
  labeled: number;
}

interface Entry {
  /** Its key in the ledger's map (the pod uid it was filed with). */
  readonly uid: string;
  owner: Owned | undefined;
  pod: Pod;
  flags: number;
  /** Removed from the ledger's map (a slot that still holds it must not be used). */
  gone: boolean;
}

/** A ReplicaSet's pods, as the ledger files them: returned by `observe` for its watch handler. */
export class Owned implements PodCounts {
  /** Its pods' entries by their uid in the ledger's map (insertion order: attach order). */
  readonly pods = new Map<string, Entry>();
  /** The controller's own handle for this ReplicaSet (its queue slot) and the namespace it was made for. */
  handle: unknown = undefined;
  handleNs: string | undefined = undefined;
  selector: Selector | undefined;
  template: Selector | undefined;
  active = 0;
  terminating = 0;
  ready = 0;
  labeled = 0;
  unmatched = 0;

  constructor(
    readonly uid: string,
    readonly name: string,
  ) {}

  add(e: Entry, sign: 1 | -1): void {
    const f = e.flags;
    if (f & TERMINATING) this.terminating += sign;
    if (f & ACTIVE) {
      this.active += sign;
      if (f & READY) this.ready += sign;
      if (f & LABELED) this.labeled += sign;
    }
    if (f & UNMATCHED) this.unmatched += sign;
  }

  /** The selector-relative flags of one pod. */
  relative(pod: Pod): number {
    let f = 0;
    if (this.selector !== undefined && !this.selector.matches(pod.metadata.labels)) f |= UNMATCHED;
    if (this.template !== undefined && this.template.matches(pod.metadata.labels)) f |= LABELED;
    return f;
  }
}

const podFlags = (p: Pod): number => (isPodTerminating(p) ? TERMINATING : 0) | (isPodActive(p) ? ACTIVE : 0) | (isPodReady(p) ? READY : 0);

export class PodLedger {
  /** Pod uid → its entry. */
  private readonly entries = new Map<string, Entry>();
  /** ReplicaSet uid → the pods whose controller reference names it. */
  private readonly owners = new Map<string, Owned>();
  /** The ReplicaSet uid whose pods' versions before a change are kept while held (see `hold`). */
  private heldUid: string | undefined = undefined;
  /** Pod uid → its pod when `hold` was called (undefined: not filed under the held owner then); first change only. */
  private heldBefore: Map<string, Pod | undefined> | undefined = undefined;
  /** Store object number → the entry its pod's last event found or filed (see BY_NUMBER). */
  private readonly slots: (Entry | undefined)[] = [];
  /** Pods whose ReplicaSet reference has no uid, or names another ReplicaSet than its uid's first pods. */
  private odd = 0;
  private seen = 0;
  private rv0 = 0;

  /** Starts counting events from the store's state now (call before watching). */
  start(store: Store): void {
    this.rv0 = Number(store.resourceVersion);
    for (const p of store.list<Pod>('Pod')) this.file(p);
  }

  /**
   * Every watch event (of any kind) must pass here, in delivery order. Returns the owner a pod
   * added or modified is now filed under (undefined for anything else).
   */
  observe(e: WatchEvent): Owned | undefined {
    this.seen++;
    if (e.kind !== 'Pod') return undefined;
    const pod = e.object as Pod;
    if (e.type === 'DELETED') {
      this.unfile(pod.metadata.uid ?? '');
      if (e.id !== undefined && e.id < this.slots.length) this.slots[e.id] = undefined;
      return undefined;
    }
    return this.file(pod, e.id);
  }

  /** Whether the ledger has seen every write the store made. */
  current(store: Store): boolean {
    return this.rv0 + this.seen === Number(store.resourceVersion);
  }

  /**
   * The counts over the pods claim would return for the ReplicaSet `uid`/`name` with this
   * selector, when none of them would be released; undefined when the ledger cannot tell.
   */
  countsFor(uid: string, name: string, selector: Selector, template: Selector): PodCounts | undefined {
    if (!POD_LEDGER.enabled || this.odd > 0) return undefined;
    const o = this.owners.get(uid);
    if (o === undefined) return { active: 0, terminating: 0, ready: 0, labeled: 0 };
    if (o.name !== name) return undefined;
    if (o.selector !== selector || o.template !== template) {
      o.selector = selector;
      o.template = template;
      for (const e of o.pods.values()) {
        o.add(e, -1);
        e.flags = (e.flags & (TERMINATING | ACTIVE | READY)) | o.relative(e.pod);
        o.add(e, 1);
      }
    }
    if (o.unmatched > 0) return undefined;
    return { active: o.active, terminating: o.terminating, ready: o.ready, labeled: o.labeled };
  }

  /** The pods filed under `uid` (in no particular order). */
  podsOf(uid: string): Pod[] {
    const out: Pod[] = [];
    const o = this.owners.get(uid);
    if (o !== undefined) for (const e of o.pods.values()) out.push(e.pod);
    return out;
  }

  /**
   * Keeps, from now until `release`, what `podsOf(uid)` returns now: each pod filed under `uid`
   * is noted as it was before its first change, each pod newly filed there as not there before.
   * (A sync about to create pods needs the list from before only when its ReplicaSet is written
   * meanwhile; building it up front cost a list of every replica per replaced pod.) Returns true.
   */
  hold(uid: string): true {
    this.heldUid = uid;
    this.heldBefore = undefined;
    return true;
  }

  /** What `podsOf` returned for the held owner when `hold` was called (in no particular order). */
  heldPods(): Pod[] {
    const before = this.heldBefore;
    const o = this.heldUid === undefined ? undefined : this.owners.get(this.heldUid);
    const out: Pod[] = [];
    if (o !== undefined) for (const [uid, e] of o.pods) if (before === undefined || !before.has(uid)) out.push(e.pod);
    if (before !== undefined) for (const p of before.values()) if (p !== undefined) out.push(p);
    return out;
  }

  release(): void {
    this.heldUid = undefined;
    this.heldBefore = undefined;
  }

  /** Notes the pod of the entry `uid` (filed under the held owner: `pod`, or not: undefined) before its first change. */
  private note(uid: string, pod: Pod | undefined): void {
    let m = this.heldBefore;
    if (m === undefined) this.heldBefore = m = new Map();
    if (!m.has(uid)) m.set(uid, pod);
  }

  private file(pod: Pod, id?: number): Owned | undefined {
    const uid = pod.metadata.uid ?? '';
    const ref = controllerRef(pod);
    if (ref?.kind !== 'ReplicaSet') {
      this.unfile(uid);
      return undefined;
    }
    // In the slot of the pod's number, while still the map's entry for its uid.
    let e = id !== undefined && BY_NUMBER.enabled ? this.slots[id] : undefined;
    if (e !== undefined && (e.gone || e.uid !== uid)) e = undefined;
    // Under the owner its reference names, if filed there: the entry the map by uid holds.
    if (e === undefined && VIA_OWNER.enabled && ref.uid) e = this.owners.get(ref.uid)?.pods.get(uid);
    if (e === undefined) e = this.entries.get(uid);
    if (id !== undefined && BY_NUMBER.enabled) {
      while (this.slots.length < id) this.slots.push(undefined);
      this.slots[id] = e;
    }
    const o = e?.owner;
    if (e !== undefined && o !== undefined && ref.uid === o.uid && ref.name === o.name) {
      // The same owner (a status update, mostly): recount this pod only.
      if (o.uid === this.heldUid) this.note(e.uid, e.pod);
      o.add(e, -1);
      const rel = pod.metadata.labels === e.pod.metadata.labels ? e.flags & (UNMATCHED | LABELED) : o.relative(pod);
      e.pod = pod;
      e.flags = podFlags(pod) | rel;
      o.add(e, 1);
      return o;
    }
    if (e !== undefined) this.detach(e);
    else {
      this.entries.set(uid, (e = { uid, owner: undefined, pod, flags: 0, gone: false }));
      if (id !== undefined && BY_NUMBER.enabled) this.slots[id] = e;
    }
    e.pod = pod;
    this.attach(e, ref.uid, ref.name);
    return e.owner;
  }

  private attach(e: Entry, ownerUid: string | undefined, name: string): void {
    let o = ownerUid ? this.owners.get(ownerUid) : undefined;
    if (ownerUid && o === undefined) this.owners.set(ownerUid, (o = new Owned(ownerUid, name)));
    if (o === undefined || o.name !== name) {
      e.owner = undefined;
      this.odd++;
      return;
    }
    e.owner = o;
    e.flags = podFlags(e.pod) | o.relative(e.pod);
    if (o.uid === this.heldUid) this.note(e.uid, undefined);
    o.pods.set(e.uid, e);
    o.add(e, 1);
  }

  private unfile(uid: string): void {
    const e = this.entries.get(uid);
    if (e === undefined) return;
    this.detach(e);
    this.entries.delete(uid);
    e.gone = true;
  }

  private detach(e: Entry): void {
    const o = e.owner;
    if (o === undefined) {
      this.odd--;
      return;
    }
    if (o.uid === this.heldUid) this.note(e.uid, e.pod);
    o.add(e, -1);
    o.pods.delete(e.uid);
    if (o.pods.size === 0) this.owners.delete(o.uid);
  }
}
