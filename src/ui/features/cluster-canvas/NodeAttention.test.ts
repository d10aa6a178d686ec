import { describe, expect, it } from 'vitest';
import { attentionOf } from './NodeAttention';

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
