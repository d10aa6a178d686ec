/**
 * Pods grouped by node for the large-cluster views, with stable identities: a node whose
 * pods are the same objects as last time gets the same array back, so its memoised card
 * skips the frame (the frame receiver keeps unchanged pods' objects).
 */
import type { PodFrame } from '../../../protocol/engine-api';

export interface PodGroups {
  /** The pods on each node, in frame order; nodes without pods are absent. */
  byNode: Map<string, readonly PodFrame[]>;
  /** Pods without a node, or bound to a node the frame does not have. */
  unbound: readonly PodFrame[];
}

const EMPTY: readonly PodFrame[] = Object.freeze([]);

export function groupPods(pods: readonly PodFrame[], nodeNames: ReadonlySet<string>, previous: PodGroups | null): PodGroups {
  const fresh = new Map<string, PodFrame[]>();
  const unbound: PodFrame[] = [];
  for (const pod of pods) {
    if (pod.nodeName === null || !nodeNames.has(pod.nodeName)) {
      unbound.push(pod);
      continue;
    }
    let list = fresh.get(pod.nodeName);
    if (!list) fresh.set(pod.nodeName, (list = []));
    list.push(pod);
  }
  const byNode = new Map<string, readonly PodFrame[]>();
  for (const [node, list] of fresh) {
    const old = previous?.byNode.get(node);
    byNode.set(node, old && sameItems(old, list) ? old : list);
  }
  const oldUnbound = previous?.unbound;
  return { byNode, unbound: oldUnbound && sameItems(oldUnbound, unbound) ? oldUnbound : unbound };
}

export function podsOf(groups: PodGroups, node: string): readonly PodFrame[] {
  return groups.byNode.get(node) ?? EMPTY;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
