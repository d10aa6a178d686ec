import { describe, expect, it } from 'vitest';
import { node } from '../../../protocol/frame-fixtures';
import fc from 'fast-check';
import { naturalCompare } from '../../components/natural-compare';
import { ATTENTION_MIN_NODES, ATTENTION_SHOWN, attentionOf, flaggedNodes } from './NodeAttention';

describe('attentionOf', () => {
  it('says nothing of a Ready, powered, schedulable node', () => {
    expect(attentionOf({ status: 'Ready', powered: true, unschedulable: false })).toBeNull();
  });

  it("names what is wrong in the card's words", () => {
    expect(attentionOf({ status: 'Ready', powered: false, unschedulable: false })).toBe('Ready, powered off');
    expect(attentionOf({ status: 'Unknown', powered: false, unschedulable: false })).toBe('Unknown, powered off');
    expect(attentionOf({ status: 'NotReady', powered: true, unschedulable: true })).toBe('NotReady, cordoned');
    expect(attentionOf({ status: 'Ready', powered: true, unschedulable: true })).toBe('Ready, cordoned');
  });
});

describe('flaggedNodes', () => {
  it('lists the nodes needing attention in natural order, as the cards are laid out, past ATTENTION_MIN_NODES nodes only', () => {
    const names = Array.from({ length: 14 }, (_, i) => `worker-${i}`).sort(); // the frame's (API server's) string order
    const nodes = names.map((name) => node(name, { powered: !['worker-10', 'worker-2', 'worker-9'].includes(name) }));
    expect(flaggedNodes(nodes).shown.map((n) => n.name)).toEqual(['worker-2', 'worker-9', 'worker-10']);
    expect(flaggedNodes(nodes).shown[0].what).toBe('Ready, powered off');
    expect(flaggedNodes(nodes).count).toBe(3);
    expect(flaggedNodes(nodes.slice(0, ATTENTION_MIN_NODES))).toEqual({ shown: [], count: 0 });
  });

  it('shows the first ATTENTION_SHOWN of many in natural order, and counts them all', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 300 }), { minLength: ATTENTION_MIN_NODES + 1, maxLength: 80 }), fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }), (ids, down) => {
        const nodes = ids.map((i) => `n-${i}`).sort().map((name, k) => node(name, { powered: !down[k] }));
        const expected = nodes.filter((n) => !n.powered).map((n) => n.name).sort(naturalCompare);
        const { shown, count } = flaggedNodes(nodes);
        expect(count).toBe(expected.length);
        expect(shown.map((n) => n.name)).toEqual(expected.slice(0, ATTENTION_SHOWN));
      }),
    );
  });
});
