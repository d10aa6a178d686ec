/**
 * Heartbeats off the object diff (issue 4: the node kill at 1,000 nodes). Every node's
 * frame changes on each Lease renewal (`lastHeartbeat`, and with the lifecycle
 * controller's next pass `readyUnknownAt`): at 300× that is hundreds of whole NodeFrame
 * objects (labels, taints…) per diff, each structured-cloned and then compared. A node
 * whose frame changed in those two numbers only travels instead as three numbers in one
 * Float64Array (transferred); the client rebuilds it from its previous object.
 */
import type { CollectionDiff } from './frame-codec';
import type { NodeFrame } from './engine-api';

/** The fields a heartbeat moves. */
const BEAT_FIELDS = new Set<string>(['lastHeartbeat', 'readyUnknownAt']);

/** `[index in the new list, lastHeartbeat, readyUnknownAt]` per node, NaN for null. */
export type NodeBeats = Float64Array;

/**
 * Moves the changed nodes of `diff` that differ from their previous frame only in the
 * heartbeat fields out of `diff.changed`, into the returned beats (null when none).
 * `equal` is the codec's structural equality.
 */
export function splitBeats(prev: readonly NodeFrame[], diff: CollectionDiff<NodeFrame>, equal: (a: unknown, b: unknown) => boolean): NodeBeats | null {
  let byName: Map<string, NodeFrame> | null = null;
  const previous = (i: number, name: string): NodeFrame | undefined => {
    if (diff.added.length === 0 && diff.removed.length === 0) return prev[i];
    byName ??= new Map(prev.map((n) => [n.name, n]));
    return byName.get(name);
  };
  const beats: number[] = [];
  const kept: [number, NodeFrame][] = [];
  for (const entry of diff.changed) {
    const [i, node] = entry;
    const old = previous(i, node.name);
    if (old && onlyBeats(old, node, equal)) beats.push(i, node.lastHeartbeat ?? NaN, node.readyUnknownAt ?? NaN);
    else kept.push(entry);
  }
  if (beats.length === 0) return null;
  diff.changed = kept;
  return Float64Array.from(beats);
}

function onlyBeats(a: NodeFrame, b: NodeFrame, equal: (a: unknown, b: unknown) => boolean): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
    if (!BEAT_FIELDS.has(k) && !equal(x[k], y[k])) return false;
  }
  return true;
}

/**
 * Node objects a decoder built for heartbeats, which it may change in place (decodeFrame's
 * `beatOwned`): objects nobody else made (not the host's, not a packet's), so only that
 * decoder's frames hold them.
 */
export type BeatOwned = WeakSet<NodeFrame>;

/**
 * `nodes` with the beats applied: a new list when there are any, the other objects kept.
 * With `owned` (the page's frame receiver: issue 4, the node kill at 1,000 nodes), a node
 * object already in `owned` takes its beat in place and the list stays the same array when
 * no other object had to be copied; a node not in it is copied once, into `owned`. So after
 * a node's first heartbeat its later ones allocate nothing: at 300× that was ~500 new
 * NodeFrame objects a frame, which lived until the node's next beat and so filled V8's old
 * generation (a major GC, several janky frames, every few seconds). The price: the frames
 * this decoder returned earlier share those objects, so an earlier frame's node shows the
 * newest heartbeat fields; every other field, and every other object, is as it was.
 */
export function applyBeats(nodes: readonly NodeFrame[], beats: NodeBeats | null | undefined, owned?: BeatOwned): readonly NodeFrame[] {
  if (!beats || beats.length === 0) return nodes;
  let out: NodeFrame[] | null = owned ? null : nodes.slice();
  for (let k = 0; k < beats.length; k += 3) {
    const i = beats[k];
    if (i >= nodes.length) throw new Error(`frame diff does not fit its base: no node at index ${i}`);
    const node = (out ?? nodes)[i];
    const lastHeartbeat = orNull(beats[k + 1]);
    const readyUnknownAt = orNull(beats[k + 2]);
    if (owned?.has(node)) {
      node.lastHeartbeat = lastHeartbeat;
      node.readyUnknownAt = readyUnknownAt;
      continue;
    }
    const copy = { ...node, lastHeartbeat, readyUnknownAt };
    owned?.add(copy);
    out ??= nodes.slice();
    out[i] = copy;
  }
  return out ?? nodes;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
