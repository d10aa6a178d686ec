/**
 * The node cards as drop targets, with no dnd-kit droppable per node.
 *
 * dnd-kit's reducer copies its whole map of droppables on every registration, so one
 * droppable per node cost O(n²) to set up (5,000 nodes: ~12.5 M map entries copied while
 * a large cluster loaded, and the zones already mounted rendered again each time). Here
 * nothing is registered: the collision rule and the keyboard's coordinate getter read
 * the node cards the registry knows (drag-registry.ts), measured when dnd-kit measures
 * its drop targets (its `droppableRects` map is new after every measurement: at drag
 * start and on `measureDroppableContainers`). A collision's id is `node:<name>`, as the
 * droppables' were, so dnd-kit's `onDragOver` (and its announcement) still fires on each
 * change of node; no container has that id, so dnd-kit's `over` stays null and the node
 * travels in the collision's data (`collidedNode`).
 *
 * Scrolling during a drag moves every card alike: the cards are read once per
 * measurement and shifted by the scroll since then. A layout change does not: an arrow
 * key reads the card it goes to, and when it is not where it was measured (the page
 * changed above the cards before dnd-kit measured again), every card is read again.
 */
import type { ClientRect, Collision, CollisionDetection, KeyboardCoordinateGetter } from '@dnd-kit/core';
import { landingInView, landingOn, nextTarget, readingOrder, revealDelta, type Coordinates, type Target, type Viewport } from './keyboard-coordinates';

export interface NodeCards {
  /** Each node card on the page: its node's name and its element. */
  cards(): Iterable<readonly [string, { getBoundingClientRect(): ClientRect }]>;
  /** The page's scroll offsets now. */
  scroll(): Coordinates;
  /**
   * For the keyboard: the window's visible band, and a way to scroll it at once by `dy`
   * (a card below the fold is brought into view before the pod lands on it). Without
   * them the page is not scrolled.
   */
  viewport?(): Viewport;
  scrollBy?(dy: number): void;
}

/** The id a collision with node `name`'s card has (what its droppable's id was). */
export const nodeTargetId = (name: string) => `node:${name}`;

/** The node of the first collision (the card under the pointer or the keyboard's pod), or null. */
export function collidedNode(collisions: readonly Collision[] | null | undefined): string | null {
  const node: unknown = collisions?.[0]?.data?.node;
  return typeof node === 'string' ? node : null;
}

/** The cards as plain numbers, as measured. */
interface Table {
  names: string[];
  /** left, top, right, bottom per card. */
  sides: Float64Array;
  /** The scroll offsets when measured. */
  x: number;
  y: number;
  /** The cards in reading order (built on the first arrow key). */
  ordered: Target[] | null;
  /** The cards' elements, in `names` order (the keyboard checks its target's against `sides`). */
  elements: { getBoundingClientRect(): ClientRect }[];
  /** Card index by node name (built on the first arrow key). */
  index: Map<string, number> | null;
}

export interface NodeTargets {
  collisionDetection: CollisionDetection;
  coordinateGetter: KeyboardCoordinateGetter;
}

const FORWARD = new Set(['ArrowRight', 'ArrowDown']);
const BACKWARD = new Set(['ArrowLeft', 'ArrowUp']);

export function nodeTargets(source: NodeCards): NodeTargets {
  /** Per dnd-kit measurement (its droppableRects map): the cards measured then. */
  const tables = new WeakMap<object, Table>();
  const tableFor = (measurement: object): Table => {
    let table = tables.get(measurement);
    if (!table) {
      const names: string[] = [];
      const elements: Table['elements'] = [];
      for (const [name, element] of source.cards()) {
        names.push(name);
        elements.push(element);
      }
      const sides = new Float64Array(names.length * 4);
      elements.forEach((element, k) => {
        const rect = element.getBoundingClientRect();
        sides.set([rect.left, rect.top, rect.right, rect.bottom], k * 4);
      });
      const { x, y } = source.scroll();
      table = { names, sides, x, y, ordered: null, elements, index: null };
      tables.set(measurement, table);
    }
    return table;
  };

  /**
   * The node card under the pointer (mouse, touch, pen) or, for the keyboard, under the
   * dragged pod's centre. One pass over plain numbers per call.
   */
  const collisionDetection: CollisionDetection = ({ collisionRect, droppableRects, pointerCoordinates }) => {
    const point = pointerCoordinates ?? { x: collisionRect.left + collisionRect.width / 2, y: collisionRect.top + collisionRect.height / 2 };
    const { names, sides, x: x0, y: y0 } = tableFor(droppableRects);
    const scroll = source.scroll();
    // Back into the coordinates of the measurement.
    const x = point.x + (scroll.x - x0);
    const y = point.y + (scroll.y - y0);
    for (let k = 0; k < names.length; k++) {
      const i = k * 4;
      if (x < sides[i] || x > sides[i + 2] || y < sides[i + 1] || y > sides[i + 3]) continue;
      return [{ id: nodeTargetId(names[k]), data: { node: names[k], value: 0 } } satisfies Collision];
    }
    return [];
  };

  /**
   * dnd-kit's KeyboardSensor asks where an arrow key moves the dragged pod: to the next
   * node card in reading order (keyboard-coordinates.ts), wrapping around.
   */
  const coordinateGetter: KeyboardCoordinateGetter = (event, { context }) => {
    const direction = FORWARD.has(event.code) ? 1 : BACKWARD.has(event.code) ? -1 : 0;
    if (direction === 0) return undefined;
    event.preventDefault();
    let table = tableFor(context.droppableRects);
    let next = nextTarget(orderOf(table), collidedNode(context.collisions), direction);
    if (!next) return undefined;
    // The page may have changed above the cards since they were measured (a panel opened or
    // closed at the pick-up) before dnd-kit measures again: the card the pod goes to is read
    // now, and when it is not where the measurement has it, every card is measured again (the
    // collision rule reads the same table, so the pod is then over the card it landed on).
    if (moved(table, next.id as string)) {
      tables.delete(context.droppableRects);
      table = tableFor(context.droppableRects);
      next = nextTarget(orderOf(table), collidedNode(context.collisions), direction);
      if (!next) return undefined;
    }
    const size = context.collisionRect ?? { width: 0, height: 0 };
    const at = (): ClientRect => {
      const scroll = source.scroll();
      const dx = table.x - scroll.x;
      const dy = table.y - scroll.y;
      const { left, top, width, height } = next.rect;
      return { left: left + dx, top: top + dy, right: left + dx + width, bottom: top + dy + height, width, height };
    };
    const view = source.viewport?.();
    if (!view || !source.scrollBy) return landingOn(at(), size);
    // An instant scroll: the collision rule reads the scroll offsets as they are now.
    const delta = revealDelta(at(), size, view);
    if (delta !== 0) source.scrollBy(delta);
    return landingInView(at(), size, view);
  };

  return { collisionDetection, coordinateGetter };

  function orderOf(table: Table): Target[] {
    return (table.ordered ??= readingOrder(table.names.map((name, k) => ({ id: name, rect: rectOf(table.sides, k) }))));
  }

  /** Whether card `name` is now more than a pixel from where `table` measured it (the scroll aside). */
  function moved(table: Table, name: string): boolean {
    table.index ??= new Map(table.names.map((n, k) => [n, k]));
    const k = table.index.get(name);
    if (k === undefined) return false;
    const now = table.elements[k].getBoundingClientRect();
    const scroll = source.scroll();
    return Math.abs(now.left + (scroll.x - table.x) - table.sides[k * 4]) > 1 || Math.abs(now.top + (scroll.y - table.y) - table.sides[k * 4 + 1]) > 1;
  }
}

function rectOf(sides: Float64Array, k: number): ClientRect {
  const [left, top, right, bottom] = sides.subarray(k * 4, k * 4 + 4);
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}

/** The window's scroll offsets (the cluster views scroll with the page). */
export const windowScroll = (): Coordinates => ({ x: window.scrollX, y: window.scrollY });

/**
 * The window's height, less 16 px at the top and, at the bottom, what is drawn over the
 * window's foot: the drag hint, and the story bar while it is stuck there (a sticky
 * element whose bottom is the window's; at the end of the page it is in its own place).
 */
export const windowViewport = (): Viewport => {
  const height = window.innerHeight;
  let covered = 0;
  const hint = document.querySelector('[data-drag-hint]')?.getBoundingClientRect();
  if (hint) covered = Math.max(covered, height - hint.top);
  const story = document.querySelector('[data-story-log]')?.getBoundingClientRect();
  if (story && story.height > 1 && Math.abs(story.bottom - height) <= 1) covered = Math.max(covered, height - story.top);
  return { height, top: 16, bottom: covered > 0 ? covered + 8 : 16 };
};

/** Scrolls the window at once (not smoothly: the next collision reads the new offsets). */
export const windowScrollBy = (dy: number): void => window.scrollBy({ top: dy, behavior: 'instant' });
