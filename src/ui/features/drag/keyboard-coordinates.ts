/**
 * Keyboard dragging from node to node: the rules (node-targets.ts applies them).
 *
 * dnd-kit's KeyboardSensor asks a coordinate getter where an arrow key moves
 * the dragged pod. Ours jumps to the next node card in reading order (left to
 * right, then the next row): ArrowRight/ArrowDown forward, ArrowLeft/ArrowUp
 * back, wrapping around. It returns the top-left corner that puts the dragged
 * pod's centre inside the target card (centred, in its lower part), so the
 * collision rule finds that card. No engine call, no React state: it reads the
 * card rectangles measured at drag start.
 */
import type { ClientRect, Modifier, UniqueIdentifier } from '@dnd-kit/core';

export interface Coordinates {
  x: number;
  y: number;
}

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
