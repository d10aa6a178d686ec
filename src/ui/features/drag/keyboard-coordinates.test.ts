import type { ClientRect } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { landingInView, landingOn, nextTarget, readingOrder, revealDelta, type Target } from './keyboard-coordinates';

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

describe('bringing the next card into view', () => {
  const card = (top: number, height: number) => ({ left: 0, top, width: 300, height, right: 300, bottom: top + height });
  const view = { height: 800, top: 16, bottom: 80 };
  const pod = { width: 100, height: 30 };

  it('does not scroll when the card top and its landing point are in view', () => {
    expect(revealDelta(card(100, 400), pod, view)).toBe(0);
  });

  it('scrolls up to a card above the band, its top at the band top', () => {
    expect(revealDelta(card(-500, 300), pod, view)).toBe(-516);
  });

  it('scrolls down just enough to show the landing point of a card below the fold', () => {
    // The pod's centre lands at 900 + 0.8 * 200 = 1060, its bottom edge at 1075, which must come up to 720.
    expect(revealDelta(card(900, 200), pod, view)).toBe(1075 - 720);
  });

  it('never scrolls a card taller than the band past its top, and then lands the pod inside the band', () => {
    expect(revealDelta(card(900, 2000), pod, view)).toBe(884);
    // After that scroll the card starts at 16; its 80 % point (1616) is far below: the pod lands at the band's foot.
    expect(landingInView(card(16, 2000), pod, view)).toEqual({ x: 100, y: 800 - 80 - 30 });
    // A card that fits keeps the usual landing point.
    expect(landingInView(card(100, 200), pod, view)).toEqual({ x: 100, y: 100 + 160 - 15 });
  });
});
