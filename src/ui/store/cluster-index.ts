/**
 * The latest frame indexed for narrow selectors: nodes by name, pods by uid, the pod
 * uids of each node and of the pending tray. The index keeps the previous object (or
 * array) wherever the new one is equal: a component selecting one pod re-renders only
 * when that pod changed. The frame receiver already reuses unchanged objects and lists
 * (and pod tables), so a frame whose pods did not change skips the O(pods) part; and
 * that part is only built when something reads it (the DOM cards of small clusters).
 */
import type { Frame, NodeFrame, PodFrame } from '../../protocol/engine-api';
import { decodedPodTable } from '../../protocol/frame-pods';
import type { PodTable } from '../../protocol/pod-table';
import { NodePodsMap, TablePodMap, tablePending } from './table-pod-part';

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

/** The pod-derived part of an index: O(pods) to build, so built on first read. */
type PodPart = Pick<ClusterIndex, 'pods' | 'podsByNode' | 'pending' | 'pendingMessages'>;

interface Lazy {
  /** The frame the index shows. */
  frame: Frame;
  /** This index's pod part once read, else null. */
  part: PodPart | null;
  /** The previous index's state, whose pod part (if read by then) this one keeps objects from. */
  prev: Lazy | null;
  /** Once the next index exists: the newest pod part built before this index, and its frame. */
  base: { part: PodPart; frame: Frame } | null;
  /** This index's nodes by name once read, else null. */
  nodes: ReadonlyMap<string, NodeFrame> | null;
  /** The previous index's state, whose node map (built first) this one keeps objects from. */
  nodePrev: Lazy | null;
  /** Once the next index exists: the newest node map built before this index. */
  nodeBase: ReadonlyMap<string, NodeFrame> | null;
}

const LAZY = new WeakMap<ClusterIndex, Lazy>();

/** What identifies a frame's pods: its pod table when it came over the wire, else its pod list. */
const podsOf = (frame: Frame): object => decodedPodTable(frame) ?? frame.pods;

/** The pod part `state` builds from: its predecessor's if read, else the newest one before it. */
const baseOf = (state: Lazy): Lazy['base'] => (state.prev?.part ? { part: state.prev.part, frame: state.prev.frame } : (state.prev?.base ?? state.base));

/**
 * The pod part of `state`, built on first call. Its predecessor's is built first (once;
 * the chain is never longer), so consecutive indexes share unchanged objects whichever
 * is read first.
 */
function partOf(state: Lazy): PodPart {
  if (!state.part) {
    if (state.prev) partOf(state.prev);
    const b = baseOf(state);
    const same = b !== null && podsOf(b.frame) === podsOf(state.frame) && b.frame.queue === state.frame.queue && sameNames(b.frame.nodes, state.frame.nodes);
    // A new scenario keeps nothing from the previous part: read its pod table instead of building every pod.
    const table = same ? undefined : decodedPodTable(state.frame);
    state.part = same ? b.part : table && (b === null || state.frame.reset) ? tablePart(table, state.frame) : buildPods(b?.part ?? EMPTY_INDEX, state.frame);
    state.prev = null;
    state.base = null;
  }
  return state.part;
}

/**
 * The index of `frame`, sharing every unchanged part with `prev`. The node part is
 * built at once; the pod part (`pods`, `podsByNode`, `pending`, `pendingMessages`) on
 * first read, so a view that never reads it (the canvas layer of a large cluster)
 * never pays O(pods) per frame or builds the pods' objects.
 */
export function indexFrame(prev: ClusterIndex, frame: Frame): ClusterIndex {
  const lazy = LAZY.get(prev);
  const from = lazy?.frame;
  if (from !== undefined && from.nodes === frame.nodes && from.queue === frame.queue && podsOf(from) === podsOf(frame)) return prev;
  // Most frames at speed change every node's object (heartbeats) and nothing a name or a
  // label key depends on: compared in frame order, with no map built.
  const sameOrder = from !== undefined && sameNames(from.nodes, frame.nodes);
  const nodeNames = sameOrder ? prev.nodeNames : keepArray(prev.nodeNames, frame.nodes.map((n) => n.name));
  // Heartbeats change every node's object but not its labels (the codec keeps the labels object).
  const labelKeys = sameOrder && sameLabelObjects(from.nodes, frame.nodes) ? prev.labelKeys : keepArray(prev.labelKeys, [...new Set(frame.nodes.flatMap((n) => Object.keys(n.labels)))].sort());
  if (lazy) {
    // Keep the chains two long: the previous index remembers only a built part and map.
    lazy.base = baseOf(lazy);
    lazy.prev = null;
    lazy.nodeBase = lazy.nodePrev ? (lazy.nodePrev.nodes ?? lazy.nodePrev.nodeBase) : lazy.nodeBase;
    lazy.nodePrev = null;
  }
  const state: Lazy = { frame, part: null, prev: lazy ?? null, base: null, nodes: null, nodePrev: lazy ?? null, nodeBase: null };
  const part = () => partOf(state);
  const index: ClusterIndex = {
    nodeNames,
    labelKeys,
    // Built on first read too: the canvas view of a large cluster never reads it.
    get nodes() {
      return nodesOf(state);
    },
    get pods() {
      return part().pods;
    },
    get podsByNode() {
      return part().podsByNode;
    },
    get pending() {
      return part().pending;
    },
    get pendingMessages() {
      return part().pendingMessages;
    },
  };
  LAZY.set(index, state);
  return index;
}

/**
 * The nodes by name of `state`, built on first call. Its predecessor's map is built first
 * (once; the chain is never longer), so consecutive indexes share unchanged objects, and
 * the very map while the frame's node list is the same.
 */
function nodesOf(state: Lazy): ReadonlyMap<string, NodeFrame> {
  if (!state.nodes) {
    const prev = state.nodePrev;
    const base = prev ? nodesOf(prev) : state.nodeBase;
    state.nodes = prev?.frame.nodes === state.frame.nodes ? base! : keepMap(base ?? EMPTY_INDEX.nodes, new Map(state.frame.nodes.map((n) => [n.name, n])));
    state.nodePrev = null;
    state.nodeBase = null;
  }
  return state.nodes;
}

/** Whether each node of `b` has the very labels object of the node at its place in `a` (same names in the same order). */
function sameLabelObjects(a: readonly NodeFrame[], b: readonly NodeFrame[]): boolean {
  if (b.length === 0) return false;
  for (let i = 0; i < b.length; i++) if (a[i].labels !== b[i].labels) return false;
  return true;
}

function sameNames(a: readonly NodeFrame[], b: readonly NodeFrame[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name) return false;
  return true;
}

/** The pod part of a frame with no part to keep objects from: answers from its table (table-pod-part.ts). */
function tablePart(table: PodTable, frame: Frame): PodPart {
  let tray: ReturnType<typeof tablePending> | null = null;
  const trayOf = () => (tray ??= tablePending(table, frame));
  return {
    pods: new TablePodMap(table),
    podsByNode: new NodePodsMap(table, frame.nodes),
    get pending() {
      return trayOf().pending;
    },
    get pendingMessages() {
      return trayOf().pendingMessages;
    },
  };
}

function buildPods(prev: PodPart, frame: Frame): PodPart {
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

  return {
    pods,
    podsByNode: sameEntries(prev.podsByNode, podsByNode) ? prev.podsByNode : podsByNode,
    pending: keepArray(prev.pending, pending),
    pendingMessages: sameEntries(prev.pendingMessages, pendingMessages) ? prev.pendingMessages : pendingMessages,
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
