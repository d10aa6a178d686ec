/**
 * The latest frame indexed for narrow selectors: nodes by name, pods by uid, the pod
 * uids of each node and of the pending tray. Every frame arrives as fresh objects from
 * the worker, so the index keeps the previous object (or array) wherever the new one is
 * equal: a component selecting one pod re-renders only when that pod changed.
 */
import type { Frame, NodeFrame, PodFrame } from '../../protocol/engine-api';

export interface ClusterIndex {
  /** Node names in frame order (sorted by name). */
  nodeNames: readonly string[];
  nodes: ReadonlyMap<string, NodeFrame>;
  /** Pods by uid. */
  pods: ReadonlyMap<string, PodFrame>;
  /** The uids of the pods shown in each node card, in frame order. */
  podsByNode: ReadonlyMap<string, readonly string[]>;
  /** The uids of the pods shown in the pending tray: unbound, or bound to a node that does not exist. */
  pending: readonly string[];
  /** Why each pending pod waits: the FailedScheduling message, a missing node, or null. */
  pendingMessages: ReadonlyMap<string, string | null>;
  /** Every node label key in the frame, sorted. */
  labelKeys: readonly string[];
}

export const EMPTY_INDEX: ClusterIndex = {
  nodeNames: [],
  nodes: new Map(),
  pods: new Map(),
  podsByNode: new Map(),
  pending: [],
  pendingMessages: new Map(),
  labelKeys: [],
};

/** The index of `frame`, sharing every unchanged part with `prev`. */
export function indexFrame(prev: ClusterIndex, frame: Frame): ClusterIndex {
  const nodes = keepMap(prev.nodes, new Map(frame.nodes.map((n) => [n.name, n])));
  const pods = keepMap(prev.pods, new Map(frame.pods.map((p) => [p.uid, p])));

  const byNode = new Map<string, string[]>(frame.nodes.map((n) => [n.name, []]));
  const messages = new Map(frame.queue.map((q) => [`${q.namespace}/${q.name}`, q.message]));
  const pending: string[] = [];
  const pendingMessages = new Map<string, string | null>();
  for (const pod of frame.pods) {
    const list = pod.nodeName === null ? undefined : byNode.get(pod.nodeName);
    if (list) {
      list.push(pod.uid);
    } else {
      pending.push(pod.uid);
      pendingMessages.set(pod.uid, pod.nodeName === null ? (messages.get(`${pod.namespace}/${pod.name}`) ?? null) : `node "${pod.nodeName}" not found`);
    }
  }
  const podsByNode = new Map<string, readonly string[]>();
  for (const [name, uids] of byNode) podsByNode.set(name, keepArray(prev.podsByNode.get(name), uids));

  const labelKeys = [...new Set(frame.nodes.flatMap((n) => Object.keys(n.labels)))].sort();
  return {
    nodeNames: keepArray(prev.nodeNames, frame.nodes.map((n) => n.name)),
    nodes,
    pods,
    podsByNode: sameEntries(prev.podsByNode, podsByNode) ? prev.podsByNode : podsByNode,
    pending: keepArray(prev.pending, pending),
    pendingMessages: sameEntries(prev.pendingMessages, pendingMessages) ? prev.pendingMessages : pendingMessages,
    labelKeys: keepArray(prev.labelKeys, labelKeys),
  };
}

/** `next` with each value replaced by the previous one where they are equal; `prev` itself when nothing changed. */
function keepMap<T>(prev: ReadonlyMap<string, T>, next: Map<string, T>): ReadonlyMap<string, T> {
  let changed = prev.size !== next.size;
  for (const [key, value] of next) {
    const old = prev.get(key);
    if (old !== undefined && equal(old, value)) next.set(key, old);
    else changed = true;
  }
  return changed ? next : prev;
}

function keepArray<T>(prev: readonly T[] | undefined, next: T[]): readonly T[] {
  return prev && prev.length === next.length && prev.every((v, i) => v === next[i]) ? prev : next;
}

function sameEntries<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of b) if (a.get(key) !== value || !a.has(key)) return false;
  return true;
}

/**
 * Structural equality of plain data (what frames hold: primitives, arrays, plain
 * objects). Every field counts, so a field added to the frames later is compared too.
 * Written with plain loops: it runs for every pod of every frame.
 */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    keys++;
    const v = y[k];
    if (v === undefined && !(k in y)) return false;
    if (!equal(x[k], v)) return false;
  }
  for (const k in y) if (k) keys--;
  return keys === 0;
}
