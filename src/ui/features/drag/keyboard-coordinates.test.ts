import type { ClientRect, DroppableContainer, UniqueIdentifier } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { landingOn, nextTarget, nodeKeyboardCoordinates, nodeUnderPoint, readingOrder, type Target } from './keyboard-coordinates';

const rect = (left: number, top: number, width = 200, height = 100): ClientRect => ({ left, top, width, height, right: left + width, bottom: top + height });

// Two rows of cards, listed out of order; the second row's cards are 3 px lower on the right.
const cards: Target[] = [
  { id: 'node:c', rect: rect(0, 120) },
  { id: 'node:b', rect: rect(220, 0) },
  { id: 'node:a', rect: rect(0, 0) },
  { id: 'node:d', rect: rect(220, 123) },
];

type Getter = typeof nodeKeyboardCoordinates;
type Context = Parameters<Getter>[1]['context'];

function context(over: UniqueIdentifier | null, disabled: UniqueIdentifier[] = []): Context {
  const containers = new Map(cards.map((c) => [c.id, { id: c.id, disabled: disabled.includes(c.id) }]));
  return {
    droppableRects: new Map(cards.map((c) => [c.id, c.rect])),
    droppableContainers: containers,
    over: over === null ? null : { id: over },
    collisionRect: rect(500, 500, 100, 30),
  } as unknown as Context;
}

const press = (code: string, ctx: Context) => {
  let prevented = false;
  const event = { code, preventDefault: () => (prevented = true) } as unknown as KeyboardEvent;
  const at = nodeKeyboardCoordinates(event, { active: 'pod:default/web', currentCoordinates: { x: 500, y: 500 }, context: ctx });
  return { at, prevented };
};

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

describe('nodeKeyboardCoordinates', () => {
  it('jumps to the next card with ArrowRight/ArrowDown and the previous with ArrowLeft/ArrowUp', () => {
    expect(press('ArrowRight', context(null))).toEqual({ at: { x: 50, y: 65 }, prevented: true }); // onto a
    expect(press('ArrowDown', context('node:a')).at).toEqual({ x: 270, y: 65 }); // onto b
    expect(press('ArrowLeft', context('node:c')).at).toEqual({ x: 270, y: 65 }); // back to b
    expect(press('ArrowUp', context('node:a')).at).toEqual({ x: 270, y: 188 }); // wraps to d
  });

  it('skips disabled cards and leaves other keys alone', () => {
    expect(press('ArrowRight', context('node:a', ['node:b'])).at).toEqual({ x: 50, y: 185 }); // c
    expect(press('KeyX', context('node:a'))).toEqual({ at: undefined, prevented: false });
  });
});

describe('nodeUnderPoint', () => {
  const containers = cards.map((c) => ({ id: c.id }) as DroppableContainer);
  const args = (pointer: { x: number; y: number } | null, collision = rect(900, 900, 10, 10)) => ({
    active: { id: 'pod:x' } as never,
    collisionRect: collision,
    droppableRects: new Map(cards.map((c) => [c.id, c.rect])),
    droppableContainers: containers,
    pointerCoordinates: pointer,
  });

  it('finds the card under the pointer', () => {
    expect(nodeUnderPoint(args({ x: 230, y: 150 })).map((c) => c.id)).toEqual(['node:d']);
    expect(nodeUnderPoint(args({ x: 210, y: 50 }))).toEqual([]); // the gap between cards
  });

  it('uses the dragged pod’s centre when there is no pointer (keyboard)', () => {
    expect(nodeUnderPoint(args(null, rect(270, 65, 100, 30))).map((c) => c.id)).toEqual(['node:b']);
    expect(nodeUnderPoint(args(null)).map((c) => c.id)).toEqual([]);
  });

  it('follows the page when it scrolls during the drag (the rectangles shift alike)', () => {
    let scrollY = 0;
    const live = (r: ClientRect): ClientRect => ({
      width: r.width,
      height: r.height,
      left: r.left,
      right: r.right,
      get top() {
        return r.top - scrollY;
      },
      get bottom() {
        return r.bottom - scrollY;
      },
    });
    const rects = new Map(cards.map((c) => [c.id, live(c.rect)]));
    const at = (y: number) => nodeUnderPoint({ ...args({ x: 50, y }), droppableRects: rects }).map((c) => c.id);
    expect(at(50)).toEqual(['node:a']);
    scrollY = 120; // the second row is now where the first was
    expect(at(50)).toEqual(['node:c']);
  });
});
