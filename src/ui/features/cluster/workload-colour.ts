/**
 * A colour per workload, deterministic from the owner's name so that a pod and its
 * replacement (and every reload) share it. A ReplicaSet's pod-template-hash suffix is
 * dropped from the name the hue comes from, so a Deployment keeps its colour across
 * rollouts.
 */
import type { PodFrame } from '../../../protocol/engine-api';

/** The name the colour comes from, or null for a bare pod (drawn in a neutral grey). */
export function colourKey(owner: PodFrame['owner']): string | null {
  if (!owner) return null;
  if (owner.kind === 'ReplicaSet') {
    const m = /^(.+)-[a-z0-9]{6,10}$/.exec(owner.name);
    if (m) return m[1];
  }
  return owner.name;
}

/** A hue in degrees (0–359) from the name's FNV-1a hash. */
export function hueOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 360;
}
