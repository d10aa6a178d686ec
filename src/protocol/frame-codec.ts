/**
 * The wire format of frames (issue 4, DESIGN.md "Budgets"): the worker sends a full
 * frame on load and a per-frame diff otherwise; the client rebuilds the same `Frame`
 * shape before the store sees it. Both ends share this file (and pod-table.ts), so they
 * are the parts of src/protocol with code: pure functions over plain data.
 *
 * A diff is generic over fields: objects are compared structurally, so a field added
 * to NodeFrame or PodFrame travels without touching this file. The keyed collections
 * (`nodes` by name, `pods` and `queue` by namespace/name, `workloads` by kind and
 * namespace/name) carry only the objects that
 * changed, were added or removed; the drain log only the lines printed since the base
 * (`DrainLogDiff`), and nothing while it is unchanged; every other top-level field is
 * copied as it is (the events are already a delta). The rebuilt frame keeps the previous frame's objects
 * for everything unchanged, so React memo and selectors skip them.
 *
 * A full frame's pods travel as columns (pod-table.ts: typed arrays, transferred); the
 * rebuilt frame's `pods` then builds its objects on first read, and the pod table of
 * each later frame follows from the previous one and the diff. Its nodes, workloads,
 * queue and events travel as columns too (record-table.ts), built into objects on first read.
 */
import type { DrainLine, Frame } from './engine-api';
import { decodedPodTable, withPodTable } from './frame-pods';
import { applyBeats, splitBeats, type BeatOwned, type NodeBeats } from './node-beats';
import { expandRows, PACK_ROWS_MIN, packRows, podRowsTransfer, unpackRows, type PodRowsPacket } from './pod-rows';
import { encodePods, PodTable, podTableTransfer, type PodTablePacket } from './pod-table';
import { encodeRecords, RecordTable, recordTableTransfer, type RecordTablePacket } from './record-table';

/** The changes to one keyed, ordered collection. */
export interface CollectionDiff<T> {
  /** Objects that changed (same key), whole: `[index in the new list, object]`. */
  changed: [number, T][];
  /** Objects that are new: `[index in the new list, object]`, by ascending index. */
  added: [number, T][];
  /** Indexes in the previous list of the objects gone, ascending. */
  removed: number[];
  /** The new length (a check on the apply). */
  length: number;
}

/** A frame as a change to the frame before it (`base`, by seq). */
export interface FrameDiff {
  seq: number;
  base: number;
  /** Every top-level field other than the keyed collections and the drain log, as in the frame. */
  head: Omit<Frame, KeyedField | 'drainLog'>;
  nodes: CollectionDiff<Frame['nodes'][number]> | null;
  pods: CollectionDiff<Frame['pods'][number]> | null;
  queue: CollectionDiff<Frame['queue'][number]> | null;
  workloads: CollectionDiff<Frame['workloads'][number]> | null;
  /** Nodes that changed only in their heartbeat fields, as numbers (node-beats.ts); absent when none. */
  nodeBeats?: NodeBeats;
  /** When many pods changed: the changed and added ones as columns (`pods.changed` and `pods.added` are then empty). */
  podRows?: PodRowsPacket;
  /** How the drain log changed; absent when it did not. */
  drainLog?: DrainLogDiff;
}

/**
 * A change to the frame's drain log: the base's newest `keep` lines followed by `added` (the
 * log grew, its oldest lines dropped past the limit), or the whole log (`whole`; null: none)
 * when the new one does not continue the base's.
 */
export type DrainLogDiff = { keep: number; added: DrainLine[] } | { whole: DrainLine[] | null };

/** The lists a full frame sends as record columns (record-table.ts) when they fit. */
export type ListField = 'nodes' | 'workloads' | 'queue' | 'events';
const LISTS: ListField[] = ['nodes', 'workloads', 'queue', 'events'];

/** A full frame's `frame.pods` is empty when `pods` carries them as columns, and so is each list `lists` carries. */
export type FramePacket = { kind: 'full'; frame: Frame; pods?: PodTablePacket; lists?: Partial<Record<ListField, RecordTablePacket>> } | { kind: 'diff'; diff: FrameDiff };

/** The buffers a packet can transfer (postMessage's transfer list): a full frame's columns, a diff's beats and pod rows. */
export function framePacketTransfer(packet: FramePacket): ArrayBuffer[] {
  if (packet.kind === 'full') return [...(packet.pods ? podTableTransfer(packet.pods) : []), ...Object.values(packet.lists ?? {}).flatMap(recordTableTransfer)];
  return [...(packet.diff.nodeBeats ? [packet.diff.nodeBeats.buffer as ArrayBuffer] : []), ...(packet.diff.podRows ? podRowsTransfer(packet.diff.podRows) : [])];
}

type KeyedField = 'nodes' | 'pods' | 'queue' | 'workloads';

const KEYS: Record<KeyedField, (o: never) => string> = {
  nodes: (n: { name: string }) => n.name,
  pods: (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`,
  queue: (q: { namespace: string; name: string }) => `${q.namespace}/${q.name}`,
  workloads: (w: { kind: string; namespace: string; name: string }) => `${w.kind}/${w.namespace}/${w.name}`,
};
const KEYED = Object.keys(KEYS) as KeyedField[];

/** Structural equality of JSON-like data (plain objects, arrays, primitives). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * The changes from `prev` to `next`, or null when nothing changed. Both lists must
 * hold unique keys; the objects that stay must keep their relative order (true of the
 * frames' sorted lists) — otherwise the diff re-adds the ones that moved.
 */
export function diffCollection<T>(prev: readonly T[], next: readonly T[], key: (o: T) => string): CollectionDiff<T> | null {
  const changed: [number, T][] = [];
  const added: [number, T][] = [];
  const kept = new Uint8Array(prev.length);
  // The common case first: the same objects at the same places (the host reuses the
  // frame object of whatever did not change), then the same keys with changed objects.
  let i = 0;
  const common = Math.min(prev.length, next.length);
  for (; i < common; i++) {
    const o = next[i];
    if (prev[i] !== o) {
      if (key(prev[i]) !== key(o)) break;
      if (!deepEqual(prev[i], o)) changed.push([i, o]);
    }
    kept[i] = 1;
  }
  if (i === prev.length && i === next.length) {
    return changed.length === 0 ? null : { changed, added, removed: [], length: next.length };
  }
  const prevIndex = new Map<string, number>();
  for (let j = i; j < prev.length; j++) prevIndex.set(key(prev[j]), j);
  let lastKept = i - 1;
  for (; i < next.length; i++) {
    const o = next[i];
    const j = prevIndex.get(key(o));
    if (j === undefined || j < lastKept) {
      added.push([i, o]); // new, or moved against the order: sent whole at its place
      continue;
    }
    kept[j] = 1;
    lastKept = j;
    if (prev[j] !== o && !deepEqual(prev[j], o)) changed.push([i, o]);
  }
  const removed: number[] = [];
  for (let j = 0; j < prev.length; j++) if (!kept[j]) removed.push(j);
  if (changed.length === 0 && added.length === 0 && removed.length === 0) return null;
  return { changed, added, removed, length: next.length };
}

/** Rebuilds the new list from the previous one and its diff, reusing the unchanged objects. */
export function applyCollection<T>(prev: readonly T[], diff: CollectionDiff<T> | null): T[] | readonly T[] {
  if (diff === null) return prev;
  const out: T[] = new Array<T>(diff.length);
  let r = 0; // next entry of `removed`
  let a = 0; // next entry of `added`
  let j = 0; // next object of `prev`
  for (let i = 0; i < diff.length; i++) {
    if (a < diff.added.length && diff.added[a][0] === i) {
      out[i] = diff.added[a++][1];
      continue;
    }
    while (r < diff.removed.length && diff.removed[r] === j) {
      r++;
      j++;
    }
    if (j >= prev.length) throw new Error(`frame diff does not fit its base: ran out of objects at index ${i}`);
    out[i] = prev[j++];
  }
  for (const [i, o] of diff.changed) out[i] = o;
  return out;
}

/**
 * The packet for `next`: a full frame when it resets the view or there is no base, else a
 * diff against `prev`. A diff with `packRowsMin` or more changed and added pods carries them as columns.
 */
export function encodeFrame(prev: Frame | null, next: Frame, packRowsMin = PACK_ROWS_MIN): FramePacket {
  if (prev === null || next.reset) return encodeFull(next);
  const head = { ...next } as Partial<Frame>;
  for (const field of KEYED) delete head[field];
  delete head.drainLog;
  const diff = { seq: next.seq, base: prev.seq, head } as FrameDiff;
  const drainLog = diffDrainLog(prev.drainLog, next.drainLog);
  if (drainLog) diff.drainLog = drainLog;
  for (const field of KEYED) {
    (diff as unknown as Record<KeyedField, unknown>)[field] = diffCollection(prev[field] as never[], next[field] as never[], KEYS[field]);
  }
  if (diff.pods && diff.pods.changed.length + diff.pods.added.length >= packRowsMin) diff.podRows = packRows(diff.pods, next.nodes);
  const beats = diff.nodes && splitBeats(prev.nodes, diff.nodes, deepEqual);
  if (beats) {
    diff.nodeBeats = beats;
    if (diff.nodes!.changed.length === 0 && diff.nodes!.added.length === 0 && diff.nodes!.removed.length === 0) diff.nodes = null;
  }
  return { kind: 'diff', diff };
}

/** The drain log's change from `prev` to `next`, or null when there is none (the same lines). */
export function diffDrainLog(prev: readonly DrainLine[] | undefined, next: readonly DrainLine[] | undefined): DrainLogDiff | null {
  if (prev === next) return null;
  if (next === undefined) return { whole: null };
  const last = prev === undefined || prev.length === 0 ? -1 : prev[prev.length - 1].index;
  let firstNew = next.length;
  while (firstNew > 0 && next[firstNew - 1].index > last) firstNew--;
  // What comes before the new lines must be the base's newest lines, unchanged.
  const keep = firstNew;
  const base = prev ?? [];
  let continues = keep <= base.length;
  for (let i = 0; continues && i < keep; i++) continues = deepEqual(base[base.length - keep + i], next[i]);
  if (!continues) return { whole: next.slice() };
  if (prev !== undefined && keep === base.length && firstNew === next.length) return null;
  return { keep, added: next.slice(firstNew) };
}

/** The drain log `diff` makes of the base's. */
function applyDrainLog(base: DrainLine[] | undefined, diff: DrainLogDiff | undefined): DrainLine[] | undefined {
  if (diff === undefined) return base;
  if ('whole' in diff) return diff.whole ?? undefined;
  const from = base ?? [];
  if (diff.keep > from.length) throw new Error(`drain log diff keeps ${diff.keep} lines, but the client holds ${from.length}`);
  return [...from.slice(from.length - diff.keep), ...diff.added];
}

function encodeFull(next: Frame): FramePacket {
  const frame = { ...next, pods: [] };
  const lists: Partial<Record<ListField, RecordTablePacket>> = {};
  for (const field of LISTS) {
    const table = encodeRecords(next[field]);
    if (table) {
      lists[field] = table;
      frame[field] = [];
    }
  }
  return { kind: 'full', frame, pods: encodePods(next.pods, next.nodes), lists };
}

/** `frame` with `field` as an enumerable getter that builds `table`'s records on first read. */
function withLazyList(frame: object, field: ListField, table: RecordTable<unknown>): void {
  Object.defineProperty(frame, field, { get: () => table.toArray(), enumerable: true, configurable: true });
}

/**
 * The frame a packet describes, given the frame it was encoded against (null before the first
 * full frame). With `beatOwned`, heartbeats change the node objects this decoder built for
 * earlier heartbeats in place (node-beats.ts, applyBeats), so earlier frames share them.
 */
export function decodeFrame(base: Frame | null, packet: FramePacket, beatOwned?: BeatOwned): Frame {
  if (packet.kind === 'full') {
    if (!packet.pods && !packet.lists) return packet.frame;
    const { pods, ...rest } = packet.frame;
    let nodeNames: readonly string[] | null = null;
    for (const field of LISTS) {
      const list = packet.lists?.[field];
      if (!list) continue;
      const table = new RecordTable<unknown>(list);
      if (field === 'nodes') nodeNames = table.strings('name') as string[];
      withLazyList(rest, field, table);
    }
    if (!packet.pods) return Object.assign(rest, { pods }) as Frame;
    return withPodTable(rest, PodTable.fromPacket(packet.pods, nodeNames ?? rest.nodes));
  }
  const { diff } = packet;
  if (base === null || base.seq !== diff.base) {
    throw new Error(`frame ${diff.seq} is a diff against frame ${diff.base}, but the client holds ${base === null ? 'none' : `frame ${base.seq}`}`);
  }
  const frame = { ...diff.head } as Frame;
  const drainLog = applyDrainLog(base.drainLog, diff.drainLog);
  if (drainLog) frame.drainLog = drainLog;
  for (const field of KEYED) {
    if (field === 'pods') continue;
    (frame as unknown as Record<KeyedField, unknown>)[field] = applyCollection(base[field] as never[], diff[field] as CollectionDiff<never> | null);
  }
  frame.nodes = applyBeats(frame.nodes, diff.nodeBeats, beatOwned) as Frame['nodes'];
  // Pods: the base's table changed by the diff; a base with plain pods keeps a plain list.
  const table = decodedPodTable(base);
  const packed = diff.podRows && unpackRows(diff.podRows, frame.nodes);
  if (table) return withPodTable(frame, table.applyDiff(diff.pods, frame.nodes, packed));
  frame.pods = applyCollection(base.pods, packed && diff.pods ? expandRows(diff.pods, packed) : diff.pods) as Frame['pods'];
  return frame;
}
