import { useMemo } from 'react';
import { goToNode } from '../cluster/go-to-node';
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
 * In a cluster of many nodes, the ones not Ready, powered off or cordoned, each a button
 * that scrolls its card into view and focuses it: after a kill among a thousand cards,
 * the user need not hunt for the one that went dark.
 */
export function NodeAttention() {
  const nodes = usePodscapeStore((s) => s.frame?.nodes ?? null);
  const flagged = useMemo(() => {
    if (!nodes || nodes.length <= ATTENTION_MIN_NODES) return [];
    const out: { name: string; what: string }[] = [];
    for (const node of nodes) {
      const what = attentionOf(node);
      if (what !== null) out.push({ name: node.name, what });
    }
    return out;
  }, [nodes]);
  if (!nodes || flagged.length === 0) return null;
  const more = flagged.length - ATTENTION_SHOWN;
  return (
    <nav className="node-attention" aria-label="Nodes needing attention">
      <span>
        {flagged.length} of {nodes.length} nodes need attention:
      </span>
      {flagged.slice(0, ATTENTION_SHOWN).map(({ name, what }) => (
        <button key={name} type="button" onClick={() => goToNode(name)}>
          {name}: {what}
        </button>
      ))}
      {more > 0 && <span>and {more} more</span>}
    </nav>
  );
}

