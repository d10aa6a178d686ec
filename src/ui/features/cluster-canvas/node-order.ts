/**
 * The canvas view's card order: the frame's nodes in natural order (worker-2 before
 * worker-10), as the card view lays them out (ClusterPanel, docs/ui.md ninth and tenth
 * passes). The frame keeps the API server's string order; the view reads it through this
 * permutation, which is sorted only when the frame's node names change (a node added or
 * removed), not on every frame.
 */
import type { NodeFrame } from '../../../protocol/engine-api';
import { sameNames } from '../../../protocol/pod-table';
import { naturalCompare } from '../../components/natural-compare';

export interface NodeOrder {
  /** The frame's node names, in the frame's order (what the order was made from). */
  readonly names: readonly string[];
  /**
   * The frame index of each card (card i shows frame node `byCard[i]`), and each frame
   * node's card (`cardOf[byCard[i]] === i`); both null when the frame's order is already
   * natural (then card i is frame node i).
   */
  readonly byCard: Int32Array | null;
  readonly cardOf: Int32Array | null;
}

/** The natural order of `nodes`: `previous` itself while the frame's node names are the same. */
export function naturalNodeOrder(nodes: readonly NodeFrame[], previous: NodeOrder | null): NodeOrder {
  if (previous && sameNames(previous.names, nodes)) return previous;
  const names = nodes.map((node) => node.name);
  let sorted = true;
  for (let i = 1; i < names.length && sorted; i++) sorted = naturalCompare(names[i - 1], names[i]) <= 0;
  if (sorted) return { names, byCard: null, cardOf: null };
  const byCard = Int32Array.from(names.keys()).sort((a, b) => naturalCompare(names[a], names[b]) || a - b);
  const cardOf = new Int32Array(names.length);
  for (let i = 0; i < byCard.length; i++) cardOf[byCard[i]] = i;
  return { names, byCard, cardOf };
}

/** `items` (one per frame node, in the frame's order) in card order: `items` itself when the order is the frame's. */
export function inCardOrder<T>(items: readonly T[], order: NodeOrder): readonly T[] {
  const { byCard } = order;
  if (byCard === null || byCard.length !== items.length) return items;
  const out = new Array<T>(items.length);
  for (let i = 0; i < byCard.length; i++) out[i] = items[byCard[i]];
  return out;
}

/** The card showing frame node `index` (-1 stays -1). */
export function cardOfNode(index: number, order: NodeOrder): number {
  if (index < 0 || order.cardOf === null) return index;
  return index < order.cardOf.length ? order.cardOf[index] : -1;
}
