import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { node } from '../../../protocol/frame-fixtures';
import { naturalCompare } from '../../components/natural-compare';
import { cardOfNode, inCardOrder, naturalNodeOrder } from './node-order';

describe('the canvas view’s node order', () => {
  it('orders the cards naturally, each frame node on exactly one card, and finds the card of a frame node', () => {
    const name = fc.tuple(fc.constantFrom('worker-', 'node-', 'gpu-', 'a'), fc.nat({ max: 120 })).map(([prefix, n]) => `${prefix}${n}`);
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 60 }), (names) => {
        const frameNodes = [...names].sort().map((n) => node(n)); // the API server's string order
        const order = naturalNodeOrder(frameNodes, null);
        const cards = inCardOrder(frameNodes, order);
        expect(cards.map((n) => n.name)).toEqual([...names].sort(naturalCompare));
        for (let i = 0; i < frameNodes.length; i++) expect(cards[cardOfNode(i, order)]).toBe(frameNodes[i]);
        expect(cardOfNode(-1, order)).toBe(-1);
      }),
    );
  });

  it('sorts only when the names change, and leaves a frame already in natural order as it is', () => {
    const api = ['worker-1', 'worker-10', 'worker-2'].map((n) => node(n));
    const first = naturalNodeOrder(api, null);
    expect(inCardOrder(api, first).map((n) => n.name)).toEqual(['worker-1', 'worker-2', 'worker-10']);
    // A later frame with the same names (new objects: heartbeats) keeps the order object.
    expect(naturalNodeOrder(api.map((n) => ({ ...n, lastHeartbeat: 5 })), first)).toBe(first);
    // A node added: a new order.
    const more = [...api, node('worker-3')];
    expect(inCardOrder(more, naturalNodeOrder(more, first)).map((n) => n.name)).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-10']);
    // Zero-padded names sort the same both ways: no permutation, the list itself.
    const padded = ['node-001', 'node-002', 'node-010'].map((n) => node(n));
    const plain = naturalNodeOrder(padded, null);
    expect(plain.byCard).toBeNull();
    expect(inCardOrder(padded, plain)).toBe(padded);
    expect(cardOfNode(2, plain)).toBe(2);
  });
});
