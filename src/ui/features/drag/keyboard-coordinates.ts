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

/** The visible band of the window: its height, less what is drawn over its bottom (the drag hint). */
export interface Viewport {
  height: number;
  /** Pixels kept free at the top and at the bottom. */
  top: number;
  bottom: number;
}

/**
 * How far to scroll the page down (negative: up) so that a keyboard drag's next card
 * shows where the dragged pod lands on it: nothing when its top (the verdict) and its
 * landing point are both in view; else the card's top goes to the band's top, or, for a
 * card that ends inside the band, as little as brings its landing point into view.
 */
export function revealDelta(target: ClientRect, size: { height: number }, view: Viewport): number {
  const land = landingOn(target, { width: 0, height: size.height }).y;
  const top = view.top;
  const bottom = view.height - view.bottom;
  if (target.top >= top && land + size.height <= bottom) return 0;
  if (target.top < top) return target.top - top;
  // Below: scroll until the landing point shows, but never past the card's top.
  return Math.min(target.top - top, land + size.height - bottom);
}

/**
 * Where the pod's top-left goes on a card after the reveal: the landing point, raised
 * into the visible band when the card is taller than the band (still inside the card).
 */
export function landingInView(target: ClientRect, size: { width: number; height: number }, view: Viewport): Coordinates {
  const at = landingOn(target, size);
  const lowest = view.height - view.bottom - size.height;
  const highest = target.top;
  return { x: at.x, y: Math.max(highest, Math.min(at.y, lowest)) };
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
