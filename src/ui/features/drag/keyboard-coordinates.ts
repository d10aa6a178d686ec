/**
 * Keyboard dragging from node to node, and the collision rule both sensors use.
 *
 * dnd-kit's KeyboardSensor asks a coordinate getter where an arrow key moves
 * the dragged pod. Ours jumps to the next node card in reading order (left to
 * right, then the next row): ArrowRight/ArrowDown forward, ArrowLeft/ArrowUp
 * back, wrapping around. It returns the top-left corner that puts the dragged
 * pod's centre inside the target card (centred, in its lower part), so the
 * collision rule below finds that card. No engine call, no React state: it reads rectangles dnd-kit
 * measured at drag start.
 */
import type { ClientRect, Collision, CollisionDetection, KeyboardCoordinateGetter, Modifier, UniqueIdentifier } from '@dnd-kit/core';

export interface Coordinates {
  x: number;
  y: number;
}

const FORWARD = new Set(['ArrowRight', 'ArrowDown']);
const BACKWARD = new Set(['ArrowLeft', 'ArrowUp']);

export interface Target {
  id: UniqueIdentifier;
  rect: ClientRect;
}

/** Rows within this many pixels of each other count as one row. */
const ROW_TOLERANCE = 8;

/** The targets in reading order: by row (top), then left to right. */
export function readingOrder(targets: readonly Target[]): Target[] {
  return [...targets].sort((a, b) => (Math.abs(a.rect.top - b.rect.top) > ROW_TOLERANCE ? a.rect.top - b.rect.top : a.rect.left - b.rect.left));
}

/** The target after (or before) `current` in `ordered`, wrapping; from nowhere, the first (or last). */
export function nextTarget(ordered: readonly Target[], current: UniqueIdentifier | null, direction: 1 | -1): Target | null {
  if (ordered.length === 0) return null;
  const i = current === null ? -1 : ordered.findIndex((t) => t.id === current);
  if (i < 0) return direction === 1 ? ordered[0] : ordered[ordered.length - 1];
  return ordered[(i + direction + ordered.length) % ordered.length];
}

/** Where on a card the dragged pod's centre lands: centred, low enough to leave the card's verdict readable. */
const LANDING_HEIGHT = 0.8;

/** The top-left corner that puts the centre of a `size` rectangle on `target`'s landing point. */
export function landingOn(target: ClientRect, size: { width: number; height: number }): Coordinates {
  return { x: target.left + target.width / 2 - size.width / 2, y: target.top + target.height * LANDING_HEIGHT - size.height / 2 };
}

export const nodeKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const direction = FORWARD.has(event.code) ? 1 : BACKWARD.has(event.code) ? -1 : 0;
  if (direction === 0) return undefined;
  event.preventDefault();
  const targets: Target[] = [];
  for (const [id, rect] of context.droppableRects) {
    if (context.droppableContainers.get(id)?.disabled) continue;
    targets.push({ id, rect });
  }
  const next = nextTarget(readingOrder(targets), context.over?.id ?? null, direction);
  if (!next) return undefined;
  return landingOn(next.rect, context.collisionRect ?? { width: 0, height: 0 });
};

type RectMap = Parameters<CollisionDetection>[0]['droppableRects'];

/**
 * The droppable rectangles as plain numbers, read once per measurement.
 * dnd-kit's rectangles compute each side from the live scroll position on
 * every read (four reads per card, a thousand cards, several times per pointer
 * move); here one card is read per call and the shift since the snapshot is
 * applied to all (scrolling moves every card alike).
 */
interface Plain {
  ids: UniqueIdentifier[];
  /** left, top, right, bottom per card. */
  sides: Float64Array;
  probe: ClientRect;
  left: number;
  top: number;
}

const plainCache = new WeakMap<RectMap, Plain>();

function plainRects(rects: RectMap): Plain | null {
  let plain = plainCache.get(rects);
  if (!plain) {
    const ids: UniqueIdentifier[] = [];
    const sides = new Float64Array(rects.size * 4);
    let probe: ClientRect | null = null;
    for (const [id, rect] of rects) {
      const i = ids.length * 4;
      sides[i] = rect.left;
      sides[i + 1] = rect.top;
      sides[i + 2] = rect.right;
      sides[i + 3] = rect.bottom;
      ids.push(id);
      probe ??= rect;
    }
    if (!probe) return null;
    plain = { ids, sides, probe, left: sides[0], top: sides[1] };
    plainCache.set(rects, plain);
  }
  return plain;
}

/**
 * The node card under the pointer (mouse, touch, pen) or, for the keyboard,
 * under the dragged pod's centre. One pass over plain numbers per call.
 */
export const nodeUnderPoint: CollisionDetection = ({ collisionRect, droppableRects, droppableContainers, pointerCoordinates }) => {
  const point = pointerCoordinates ?? { x: collisionRect.left + collisionRect.width / 2, y: collisionRect.top + collisionRect.height / 2 };
  const plain = plainRects(droppableRects);
  if (!plain) return [];
  // Back into the coordinates of the snapshot.
  const x = point.x - (plain.probe.left - plain.left);
  const y = point.y - (plain.probe.top - plain.top);
  const { ids, sides } = plain;
  for (let k = 0; k < ids.length; k++) {
    const i = k * 4;
    if (x < sides[i] || x > sides[i + 2] || y < sides[i + 1] || y > sides[i + 3]) continue;
    const container = droppableContainers.find((c) => c.id === ids[k]);
    if (container) return [{ id: container.id, data: { droppableContainer: container, value: 0 } } satisfies Collision];
  }
  return [];
};

/**
 * For the drag overlay: with a pointer, centres the dragged box on the pointer
 * (a pod card can be as wide as the pending tray; the chip inside it is centred,
 * so it follows the pointer wherever the card was grabbed). The keyboard has no
 * pointer and is left alone.
 */
export const centreOnPointer: Modifier = ({ transform, activatorEvent, draggingNodeRect }) => {
  const at = pointerOf(activatorEvent);
  if (!at || !draggingNodeRect) return transform;
  return {
    ...transform,
    x: transform.x + at.x - draggingNodeRect.left - draggingNodeRect.width / 2,
    y: transform.y + at.y - draggingNodeRect.top - draggingNodeRect.height / 2,
  };
};

function pointerOf(event: Event | null): Coordinates | null {
  if (!event) return null;
  const e = event as Partial<PointerEvent & TouchEvent>;
  if (typeof e.clientX === 'number' && typeof e.clientY === 'number') return { x: e.clientX, y: e.clientY };
  const touch = e.touches?.[0] ?? e.changedTouches?.[0];
  return touch ? { x: touch.clientX, y: touch.clientY } : null;
}
