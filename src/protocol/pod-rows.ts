/**
 * A diff's changed and added pods as columns (protocol/pod-table.ts), for the frames
 * where many pods change at once (every container of a large cluster starting, an
 * eviction wave): structured-cloning thousands of PodFrame objects costs the page tens
 * of milliseconds, transferring their columns almost nothing. Small diffs keep objects.
 */
import type { CollectionDiff } from './frame-codec';
import type { NodeFrame, PodFrame } from './engine-api';
import { encodePods, PodTable, podTableTransfer, type PodTablePacket } from './pod-table';

/** A diff's changed and added pods as columns, instead of objects in `changed` / `added`. */
export interface PodRowsPacket {
  /** Indexes in the new list of the changed pods, then of the added ones (ascending), rows in that order. */
  changed: Int32Array;
  added: Int32Array;
  rows: PodTablePacket;
}

/** A PodRowsPacket read on the client. */
export interface PackedRows {
  changed: Int32Array;
  added: Int32Array;
  rows: PodTable;
}

/** Past this many changed and added pods, a diff carries them as columns. */
export const PACK_ROWS_MIN = 256;

/** Moves `diff`'s changed and added pods into columns (the diff keeps its removed indexes and length). */
export function packRows(diff: CollectionDiff<PodFrame>, nodes: readonly NodeFrame[]): PodRowsPacket {
  const packet = {
    changed: Int32Array.from(diff.changed, ([i]) => i),
    added: Int32Array.from(diff.added, ([i]) => i),
    rows: encodePods([...diff.changed.map(([, p]) => p), ...diff.added.map(([, p]) => p)], nodes),
  };
  diff.changed = [];
  diff.added = [];
  return packet;
}

export function unpackRows(packet: PodRowsPacket, nodes: readonly NodeFrame[]): PackedRows {
  return { changed: packet.changed, added: packet.added, rows: PodTable.fromPacket(packet.rows, nodes) };
}

/** `diff` with the packed rows back as objects (for a base whose pods are a plain list). */
export function expandRows(diff: CollectionDiff<PodFrame>, packed: PackedRows): CollectionDiff<PodFrame> {
  const m = packed.changed.length;
  return {
    ...diff,
    changed: Array.from(packed.changed, (i, k): [number, PodFrame] => [i, packed.rows.get(k)]),
    added: Array.from(packed.added, (i, k): [number, PodFrame] => [i, packed.rows.get(m + k)]),
  };
}

export const podRowsTransfer = (p: PodRowsPacket): ArrayBuffer[] => [p.changed.buffer as ArrayBuffer, p.added.buffer as ArrayBuffer, ...podTableTransfer(p.rows)];
