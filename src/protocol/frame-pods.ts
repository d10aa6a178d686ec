/**
 * Frames whose pods are a PodTable (pod-table.ts): what the frame codec rebuilds from
 * a full frame's columns. Their `pods` is built on first read; the helpers here answer
 * the questions views ask (the table, the count, one pod) without building it, and
 * work the same for frames with plain pods (built in process, or by tests).
 */
import type { Frame, PodFrame } from './engine-api';
import { PodTable, sameNames } from './pod-table';

const FRAME_TABLES = new WeakMap<object, PodTable>();
const ARRAY_TABLES = new WeakMap<readonly PodFrame[], PodTable>();

/**
 * `frame` (without pods) as a Frame whose `pods` are `table`'s rows, built on first read
 * (an enumerable getter: spreading or cloning the frame yields plain data).
 */
export function withPodTable(frame: Omit<Frame, 'pods'>, table: PodTable): Frame {
  Object.defineProperty(frame, 'pods', { get: () => table.toArray(), enumerable: true, configurable: true });
  FRAME_TABLES.set(frame, table);
  return frame as Frame;
}

/** The pods of `frame` as a table: the one it was decoded with, or one built from its plain pods (cached per list). */
export function podTableOf(frame: Pick<Frame, 'pods' | 'nodes'>): PodTable {
  const own = FRAME_TABLES.get(frame);
  if (own) return own;
  let table = ARRAY_TABLES.get(frame.pods);
  if (!table || !sameNames(table.nodeNames, frame.nodes)) {
    table = PodTable.fromPods(frame.pods, frame.nodes);
    ARRAY_TABLES.set(frame.pods, table);
  }
  return table;
}

/** The table `frame` was decoded with, or undefined for a frame with plain pods. */
export const decodedPodTable = (frame: object): PodTable | undefined => FRAME_TABLES.get(frame);

/** The number of pods in `frame`, without building its pod objects. */
export const podCount = (frame: Pick<Frame, 'pods' | 'nodes'>): number => (FRAME_TABLES.get(frame)?.length ?? frame.pods.length);

/** The pod `namespace/name` of `frame`, or null, building only that pod's object. */
export function findPod(frame: Pick<Frame, 'pods' | 'nodes'>, key: string): PodFrame | null {
  const table = FRAME_TABLES.get(frame);
  if (!table) return frame.pods.find((p) => `${p.namespace}/${p.name}` === key) ?? null;
  const i = table.findKey(key);
  return i < 0 ? null : table.get(i);
}

/** The pod whose uid is `uid` in `frame`, or null, building only that pod's object. */
export function findPodByUid(frame: Pick<Frame, 'pods' | 'nodes'>, uid: string): PodFrame | null {
  const table = FRAME_TABLES.get(frame);
  if (!table) return frame.pods.find((p) => p.uid === uid) ?? null;
  const i = table.findUid(uid);
  return i < 0 ? null : table.get(i);
}
