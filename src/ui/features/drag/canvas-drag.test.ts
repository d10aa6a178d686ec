import { describe, expect, it } from 'vitest';
import { canvasPress, POD_CANVAS, registerPodCanvas } from './canvas-drag';

/** A stand-in element: `closest` finds `canvas` for the pod-canvas selector. */
const inside = (canvas: object | null) => ({ closest: (selector: string) => (selector === `[${POD_CANVAS}]` ? canvas : null) }) as unknown as HTMLElement;

describe('canvasPress', () => {
  const canvas = inside(null);
  (canvas as unknown as { closest: () => unknown }).closest = () => canvas;
  const pods = ['uid-0', 'uid-1', 'uid-2'];
  let focused = -1;
  const unregister = registerPodCanvas(canvas, {
    podAt: (x, y) => (y >= 0 && y < 10 && x >= 0 && x < 30 ? pods[Math.floor(x / 10)] : null),
    focusedPod: () => (focused >= 0 ? pods[focused] : null),
  });

  it('picks up the pod under the pointer, and nothing over a gap', () => {
    expect(canvasPress({ target: canvas, clientX: 15, clientY: 5 }, 'onPointerDown')).toEqual({ uid: 'uid-1', element: canvas });
    expect(canvasPress({ target: canvas, clientX: 45, clientY: 5 }, 'onPointerDown')).toBeNull();
  });

  it('picks up the focused pod with Space on the canvas itself, never with Enter (which selects) or without focus', () => {
    expect(canvasPress({ target: canvas, key: ' ' }, 'onKeyDown')).toBeNull();
    focused = 2;
    expect(canvasPress({ target: canvas, key: ' ' }, 'onKeyDown')).toEqual({ uid: 'uid-2', element: canvas });
    expect(canvasPress({ target: canvas, key: 'Enter' }, 'onKeyDown')).toBeNull();
    expect(canvasPress({ target: inside(canvas), key: ' ' }, 'onKeyDown')).toBeNull(); // a key on something inside, not the canvas
  });

  it('ignores presses outside a registered pod canvas, and a canvas once it unregistered', () => {
    expect(canvasPress({ target: inside(null), clientX: 5, clientY: 5 }, 'onPointerDown')).toBeNull();
    expect(canvasPress({ target: null }, 'onPointerDown')).toBeNull();
    const other = inside(null);
    expect(canvasPress({ target: inside(other), clientX: 5, clientY: 5 }, 'onPointerDown')).toBeNull();
    unregister();
    expect(canvasPress({ target: canvas, clientX: 5, clientY: 5 }, 'onPointerDown')).toBeNull();
  });
});
