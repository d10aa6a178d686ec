/**
 * Dragging pods drawn on a canvas (the large-cluster view): a canvas is one element
 * for many pods, so the press handler (PodDragAndDrop) cannot read the pod off the
 * pressed element as it does for a pod card. Each pod canvas registers what it can
 * answer instead: the pod under a point, and the pod its keyboard focus is on. The
 * drag itself is the same as a card's: the one draggable proxy is pointed at the
 * canvas, and the drop goes through the same controller.
 */
import { useContext, useLayoutEffect, useRef, type RefObject } from 'react';
import { DragStoreContext } from './drag-store';

export interface PodCanvasSource {
  /** The uid of the pod drawn under (clientX, clientY), or null. */
  podAt(clientX: number, clientY: number): string | null;
  /** The uid of the pod the canvas's keyboard focus is on, or null. */
  focusedPod(): string | null;
}

const sources = new WeakMap<Element, PodCanvasSource>();

/** Marks a canvas whose pods can be dragged. */
export const POD_CANVAS = 'data-pod-canvas';

/** The key that picks up the focused pod of a canvas (Enter selects it, as before). */
export const CANVAS_PICK_UP_KEY = ' ';

export function registerPodCanvas(element: Element, source: PodCanvasSource): () => void {
  sources.set(element, source);
  return () => {
    if (sources.get(element) === source) sources.delete(element);
  };
}

/**
 * The pod a press on a pod canvas picks up: under the pointer, or (Space on the focused
 * canvas itself) the one its keyboard focus is on. Null when the press is not on a pod canvas.
 */
export function canvasPress(
  event: { target: EventTarget | null; clientX?: number; clientY?: number; key?: string },
  eventName: 'onPointerDown' | 'onKeyDown',
): { uid: string; element: HTMLElement } | null {
  const target = event.target as Partial<Element> | null;
  if (typeof target?.closest !== 'function') return null;
  const element = target.closest<HTMLElement>(`[${POD_CANVAS}]`);
  const source = element && sources.get(element);
  if (!element || !source) return null;
  let uid: string | null;
  if (eventName === 'onKeyDown') uid = target === element && event.key === CANVAS_PICK_UP_KEY ? source.focusedPod() : null;
  else uid = source.podAt(event.clientX ?? NaN, event.clientY ?? NaN);
  return uid === null ? null : { uid, element };
}

/**
 * Makes a pod canvas draggable: registers `source` (read at press time, so it may close
 * over the latest render's pods) and returns `dragging()`, true while any pod is being
 * dragged, when the canvas must leave the arrow keys and Enter to the drag. Reads the
 * drag store only when asked: no subscription per canvas.
 */
export function usePodCanvasDrag(canvas: RefObject<HTMLElement | null>, source: PodCanvasSource): { dragging: () => boolean } {
  const latest = useRef(source);
  latest.current = source;
  const drag = useContext(DragStoreContext);
  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element) return;
    return registerPodCanvas(element, {
      podAt: (x, y) => latest.current.podAt(x, y),
      focusedPod: () => latest.current.focusedPod(),
    });
  }, [canvas]);
  return { dragging: () => drag?.getState().active != null };
}
