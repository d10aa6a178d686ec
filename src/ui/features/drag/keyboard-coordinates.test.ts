import type { ClientRect } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { landingOn, nextTarget, readingOrder, type Target } from './keyboard-coordinates';

const rect = (left: number, top: number, width = 200, height = 100): ClientRect => ({ left, top, width, height, right: left + width, bottom: top + height });

// Two rows of cards, listed out of order; the second row's cards are 3 px lower on the right.
const cards: Target[] = [
  { id: 'node:c', rect: rect(0, 120) },
  { id: 'node:b', rect: rect(220, 0) },
  { id: 'node:a', rect: rect(0, 0) },
  { id: 'node:d', rect: rect(220, 123) },
];

describe('reading order and the next card', () => {
  it('orders cards by row, then left to right, treating a few pixels as the same row', () => {
    expect(readingOrder(cards).map((t) => t.id)).toEqual(['node:a', 'node:b', 'node:c', 'node:d']);
  });

  it('steps forward and back, wrapping, and starts from the first or last card', () => {
    const ordered = readingOrder(cards);
    expect(nextTarget(ordered, null, 1)?.id).toBe('node:a');
    expect(nextTarget(ordered, null, -1)?.id).toBe('node:d');
    expect(nextTarget(ordered, 'node:b', 1)?.id).toBe('node:c');
    expect(nextTarget(ordered, 'node:d', 1)?.id).toBe('node:a');
    expect(nextTarget(ordered, 'node:a', -1)?.id).toBe('node:d');
    expect(nextTarget([], null, 1)).toBeNull();
  });

  it('puts the dragged rectangle’s centre in the middle of the card’s lower part', () => {
    expect(landingOn(rect(220, 0), { width: 100, height: 30 })).toEqual({ x: 270, y: 65 });
  });
});
