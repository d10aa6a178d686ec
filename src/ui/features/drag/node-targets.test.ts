import type { ClientRect } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { collidedNode, nodeTargets, type NodeCards } from './node-targets';

const rect = (left: number, top: number, width = 200, height = 100): ClientRect => ({ left, top, width, height, right: left + width, bottom: top + height });

/** Cards at page positions `rects` (by node name); the page scrolls by `page.x`, `page.y`; counts the cards measured. */
function page(rects: [string, ClientRect][]) {
  const state = { x: 0, y: 0, reads: 0 };
  const at = (r: ClientRect): ClientRect => {
    state.reads++;
    return rect(r.left - state.x, r.top - state.y, r.width, r.height);
  };
  const source: NodeCards = {
    cards: () => rects.map(([name, r]) => [name, { getBoundingClientRect: () => at(r) }] as const),
    scroll: () => ({ x: state.x, y: state.y }),
  };
  return { state, targets: nodeTargets(source) };
}

// Two rows of cards, listed out of order; the second row's cards are 3 px lower on the right.
const cards: [string, ClientRect][] = [
  ['c', rect(0, 120)],
  ['b', rect(220, 0)],
  ['a', rect(0, 0)],
  ['d', rect(220, 123)],
];

type Getter = ReturnType<typeof nodeTargets>['coordinateGetter'];
type Context = Parameters<Getter>[1]['context'];
type Detect = ReturnType<typeof nodeTargets>['collisionDetection'];

const collisionsOver = (node: string | null) => (node === null ? null : [{ id: `node:${node}`, data: { node, value: 0 } }]);

function context(measurement: object, over: string | null): Context {
  return { droppableRects: measurement, collisions: collisionsOver(over), collisionRect: rect(500, 500, 100, 30) } as unknown as Context;
}

const press = (getter: Getter, code: string, ctx: Context) => {
  let prevented = false;
  const event = { code, preventDefault: () => (prevented = true) } as unknown as KeyboardEvent;
  const at = getter(event, { active: 'pod', currentCoordinates: { x: 500, y: 500 }, context: ctx });
  return { at, prevented };
};

const args = (measurement: object, pointer: { x: number; y: number } | null, collision = rect(900, 900, 10, 10)) =>
  ({ active: { id: 'pod' }, collisionRect: collision, droppableRects: measurement, droppableContainers: [], pointerCoordinates: pointer }) as unknown as Parameters<Detect>[0];

describe('the keyboard', () => {
  it('jumps to the next card with ArrowRight/ArrowDown and the previous with ArrowLeft/ArrowUp', () => {
    const { coordinateGetter } = page(cards).targets;
    const measured = new Map();
    expect(press(coordinateGetter, 'ArrowRight', context(measured, null))).toEqual({ at: { x: 50, y: 65 }, prevented: true }); // onto a
    expect(press(coordinateGetter, 'ArrowDown', context(measured, 'a')).at).toEqual({ x: 270, y: 65 }); // onto b
    expect(press(coordinateGetter, 'ArrowLeft', context(measured, 'c')).at).toEqual({ x: 270, y: 65 }); // back to b
    expect(press(coordinateGetter, 'ArrowUp', context(measured, 'a')).at).toEqual({ x: 270, y: 188 }); // wraps to d
  });

  it('leaves other keys alone', () => {
    expect(press(page(cards).targets.coordinateGetter, 'KeyX', context(new Map(), 'a'))).toEqual({ at: undefined, prevented: false });
  });

  it('lands where the card is now after the page scrolled', () => {
    const { state, targets } = page(cards);
    const measured = new Map();
    expect(press(targets.coordinateGetter, 'ArrowRight', context(measured, 'a')).at).toEqual({ x: 270, y: 65 });
    state.y = 100;
    expect(press(targets.coordinateGetter, 'ArrowRight', context(measured, 'a')).at).toEqual({ x: 270, y: -35 });
  });
});

describe('the keyboard after the layout changed', () => {
  it('lands on a card where it is now when the page above the cards grew since the measurement, and the pod is then over it', () => {
    const state = { shift: 0 };
    const source: NodeCards = {
      cards: () => cards.map(([name, r]) => [name, { getBoundingClientRect: () => rect(r.left, r.top + state.shift, r.width, r.height) }] as const),
      scroll: () => ({ x: 0, y: 0 }),
    };
    const targets = nodeTargets(source);
    const measured = new Map();
    // Measured at the pick-up (dnd-kit's first collision pass) …
    expect(targets.collisionDetection(args(measured, null))).toEqual([]);
    // … then a panel above the cards opens (no scroll): every card is 500 px lower.
    state.shift = 500;
    const at = press(targets.coordinateGetter, 'ArrowRight', context(measured, null)).at!;
    expect(at).toEqual({ x: 50, y: 565 }); // onto a, where it is now
    const over = targets.collisionDetection(args(measured, null, rect(at.x, at.y, 100, 30)));
    expect(collidedNode(over)).toBe('a');
  });
});

describe('the card under the pointer', () => {
  it('finds the card under the pointer', () => {
    const { collisionDetection } = page(cards).targets;
    const measured = new Map();
    expect(collisionDetection(args(measured, { x: 230, y: 150 })).map((c) => c.id)).toEqual(['node:d']);
    expect(collidedNode(collisionDetection(args(measured, { x: 230, y: 150 })))).toBe('d');
    expect(collisionDetection(args(measured, { x: 210, y: 50 }))).toEqual([]); // the gap between cards
  });

  it('uses the dragged pod’s centre when there is no pointer (keyboard)', () => {
    const { collisionDetection } = page(cards).targets;
    const measured = new Map();
    expect(collisionDetection(args(measured, null, rect(270, 65, 100, 30))).map((c) => c.id)).toEqual(['node:b']);
    expect(collisionDetection(args(measured, null)).map((c) => c.id)).toEqual([]);
  });

  it('follows the page when it scrolls during the drag (the rectangles shift alike)', () => {
    const { state, targets } = page(cards);
    const measured = new Map();
    const at = (y: number) => targets.collisionDetection(args(measured, { x: 50, y })).map((c) => c.id);
    expect(at(50)).toEqual(['node:a']);
    state.y = 120; // the second row is now where the first was
    expect(at(50)).toEqual(['node:c']);
  });
});

describe('a large grid (5,000 nodes)', () => {
  const COLUMNS = 50;
  const grid: [string, ClientRect][] = Array.from({ length: 5000 }, (_, i) => [`node-${i}`, rect((i % COLUMNS) * 220, Math.floor(i / COLUMNS) * 120)]);
  // Listed out of order, as cards mount in blocks.
  const shuffled = [...grid.filter((_, i) => i % 2 === 1), ...grid.filter((_, i) => i % 2 === 0)];

  it('measures each card once per dnd-kit measurement, however often it is asked; an arrow key reads the card it goes to', () => {
    const { state, targets } = page(shuffled);
    const measured = new Map();
    for (let k = 0; k < 100; k++) targets.collisionDetection(args(measured, { x: k * 10, y: k * 30 }));
    press(targets.coordinateGetter, 'ArrowRight', context(measured, 'node-7'));
    expect(state.reads).toBe(5001); // node-8, still where it was measured
    targets.collisionDetection(args(new Map(), { x: 10, y: 10 })); // measured again (drag start, scroll)
    expect(state.reads).toBe(10_001);
  });

  it('finds a card far down the grid under the pointer, after scrolling to it', () => {
    const { state, targets } = page(shuffled);
    const measured = new Map();
    expect(collidedNode(targets.collisionDetection(args(measured, { x: 10, y: 10 })))).toBe('node-0');
    state.y = 99 * 120 - 300; // the last row 300 px below the window's top
    expect(collidedNode(targets.collisionDetection(args(measured, { x: 49 * 220 + 100, y: 350 })))).toBe('node-4999');
    expect(collidedNode(targets.collisionDetection(args(measured, { x: 20 * 220 + 100, y: 350 - 120 })))).toBe('node-4920');
  });

  it('reaches every card with the keyboard, in reading order, and wraps from the last to the first', () => {
    const { targets } = page(shuffled);
    const measured = new Map();
    let over: string | null = null;
    const visited: string[] = [];
    for (let k = 0; k < 5001; k++) {
      const { at } = press(targets.coordinateGetter, 'ArrowRight', context(measured, over));
      const centre = { x: at!.x + 50, y: at!.y + 15 }; // the 100 × 30 pod's centre
      over = collidedNode(targets.collisionDetection(args(measured, null, rect(centre.x - 50, centre.y - 15, 100, 30))));
      visited.push(over!);
    }
    expect(visited.slice(0, 5000)).toEqual(grid.map(([name]) => name));
    expect(visited[5000]).toBe('node-0');
    const back = press(targets.coordinateGetter, 'ArrowLeft', context(measured, 'node-0')).at!;
    expect(collidedNode(targets.collisionDetection(args(measured, null, rect(back.x, back.y, 100, 30))))).toBe('node-4999');
  });
});

describe('the keyboard below the fold', () => {
  it('scrolls a card out of view into the band before landing on it, and lands where the card now is', () => {
    const far: [string, ClientRect][] = [['top', rect(0, 100)], ['low', rect(0, 2000)]];
    const state = { y: 0, scrolled: [] as number[] };
    const source: NodeCards = {
      cards: () => far.map(([name, r]) => [name, { getBoundingClientRect: () => rect(r.left, r.top - state.y, r.width, r.height) }] as const),
      scroll: () => ({ x: 0, y: state.y }),
      viewport: () => ({ height: 800, top: 16, bottom: 16 }),
      scrollBy: (dy) => {
        state.scrolled.push(dy);
        state.y += dy;
      },
    };
    const { coordinateGetter } = nodeTargets(source);
    const measured = new Map();
    // Onto top: in view, no scroll.
    expect(press(coordinateGetter, 'ArrowRight', context(measured, null)).at).toEqual({ x: 50, y: 165 });
    expect(state.scrolled).toEqual([]);
    // Onto low (page y 2000): the pod (30 px tall) lands at 2000 + 80 - 15; the page scrolls so its foot is at 784.
    expect(press(coordinateGetter, 'ArrowRight', context(measured, 'top')).at).toEqual({ x: 50, y: 784 - 30 });
    expect(state.scrolled).toEqual([2095 - 784]);
    // Back to top, now above the band (at 100 - 1311): scrolled up until it is 16 px from the window's top.
    expect(press(coordinateGetter, 'ArrowLeft', context(measured, 'low')).at).toEqual({ x: 50, y: 16 + 65 });
    expect(state.scrolled).toEqual([1311, 100 - 1311 - 16]);
  });
});
