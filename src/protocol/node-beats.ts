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

/** `nodes` with the beats applied (a new list when there are any; the other objects kept). */
export function applyBeats(nodes: readonly NodeFrame[], beats: NodeBeats | null | undefined): readonly NodeFrame[] {
  if (!beats || beats.length === 0) return nodes;
  const out = nodes.slice();
  for (let k = 0; k < beats.length; k += 3) {
    const i = beats[k];
    if (i >= out.length) throw new Error(`frame diff does not fit its base: no node at index ${i}`);
    out[i] = { ...out[i], lastHeartbeat: orNull(beats[k + 1]), readyUnknownAt: orNull(beats[k + 2]) };
  }
  return out;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
