import { useMemo } from 'react';
import { goToNode } from '../cluster/go-to-node';
import { naturalCompare } from '../../components/natural-compare';
import type { NodeFrame } from '../../../protocol/engine-api';
import { usePodscapeStore } from '../../store/podscape-store';

/** Up to this many nodes every card is about a screen away: no list. */
export const ATTENTION_MIN_NODES = 12;
/** The list names at most this many nodes, and counts the rest. */
export const ATTENTION_SHOWN = 8;

/** What is wrong with a node, in the card's words, or null when it is Ready, powered and schedulable. */
export function attentionOf(node: Pick<NodeFrame, 'status' | 'powered' | 'unschedulable'>): string | null {
  if (node.status === 'Ready' && node.powered && !node.unschedulable) return null;
  return [node.status, ...(node.powered ? [] : ['powered off']), ...(node.unschedulable ? ['cordoned'] : [])].join(', ');
}

/**
 * The first `limit` nodes, in natural order (the cards' order, worker-2 before worker-10; the
 * frame keeps the API server's), that need attention, with what is wrong, and how many need it,
 * in a cluster of more than ATTENTION_MIN_NODES nodes (else none). The few shown are kept in
 * order as they are found: a zone's outage flags thousands, and sorting them all on every frame
 * (heartbeats change the nodes' list) cost ~8 ms at 5,000.
 */
export function flaggedNodes(nodes: readonly NodeFrame[], limit = ATTENTION_SHOWN): { shown: { name: string; what: string }[]; count: number } {
  const shown: { name: string; what: string }[] = [];
  let count = 0;
  if (nodes.length <= ATTENTION_MIN_NODES) return { shown, count };
  for (const node of nodes) {
    const what = attentionOf(node);
    if (what === null) continue;
    count++;
    if (shown.length === limit && naturalCompare(node.name, shown[limit - 1].name) >= 0) continue;
    let at = shown.length;
    while (at > 0 && naturalCompare(node.name, shown[at - 1].name) < 0) at--;
    shown.splice(at, 0, { name: node.name, what });
    if (shown.length > limit) shown.pop();
  }
  return { shown, count };
}

/**
 * In a cluster of many nodes, the ones not Ready, powered off or cordoned, each a button
 * that scrolls its card into view and focuses it: after a kill among a thousand cards,
 * the user need not hunt for the one that went dark.
 */
export function NodeAttention() {
  const nodes = usePodscapeStore((s) => s.frame?.nodes ?? null);
  const flagged = useMemo(() => (nodes ? flaggedNodes(nodes) : null), [nodes]);
  if (!nodes || !flagged || flagged.count === 0) return null;
  const more = flagged.count - flagged.shown.length;
  return (
    <nav className="node-attention" aria-label="Nodes needing attention">
      <span>
        {flagged.count} of {nodes.length} nodes need attention:
      </span>
      {flagged.shown.map(({ name, what }) => (
        <button key={name} type="button" onClick={() => goToNode(name)}>
          {name}: {what}
        </button>
      ))}
      {more > 0 && <span>and {more} more</span>}
    </nav>
  );
}

