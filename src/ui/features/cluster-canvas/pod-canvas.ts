/**
 * Drawing a node's pods on a canvas: a grid of small squares coloured by phase, an
 * outline for the selected pod, a hollow square for a terminating one, a half-filled one
 * for a Running pod that is not Ready (the pod card's "◐ Running, not ready"), a cross over
 * a pod whose container is in trouble (CrashLoopBackOff, Error: `troubled`). Layout and hit
 * testing are plain functions (tested); `drawPods` only paints, from the pods' phase
 * bytes (group-pods.ts): no pod objects.
 */
import { PHASE_MASK, PHASES, READY, TERMINATING } from '../../../protocol/pod-table';
import { troubled } from '../cluster/pod-trouble';
import type { PodSlice } from './group-pods';

/** CSS pixels: each pod is a CELL-sized square, GAP apart, COLUMNS to a row. */
export const CELL = 10;
export const GAP = 3;
export const COLUMNS = 12;

export interface Palette {
  Pending: string;
  Running: string;
  Succeeded: string;
  Failed: string;
  Unknown: string;
  selected: string;
  background: string;
}

export const LIGHT: Palette = {
  Pending: '#9a6700',
  Running: '#1a7f37',
  Succeeded: '#8c959f',
  Failed: '#cf222e',
  Unknown: '#8250df',
  selected: '#0969da',
  background: '#ffffff',
};

export const DARK: Palette = {
  Pending: '#d29922',
  Running: '#3fb950',
  Succeeded: '#6e7681',
  Failed: '#f85149',
  Unknown: '#a371f7',
  selected: '#58a6ff',
  background: '#161b22',
};

/** The canvas size in CSS pixels for `count` pods (at least one row, so an empty node keeps its height). */
export function canvasSize(count: number): { width: number; height: number } {
  const rows = Math.max(1, Math.ceil(count / COLUMNS));
  return { width: COLUMNS * (CELL + GAP) + GAP, height: rows * (CELL + GAP) + GAP };
}

/** Top-left corner of pod `index`'s square, in CSS pixels. */
export function cellOrigin(index: number): { x: number; y: number } {
  return { x: GAP + (index % COLUMNS) * (CELL + GAP), y: GAP + Math.floor(index / COLUMNS) * (CELL + GAP) };
}

/** The index of the pod under (x, y) CSS pixels, or -1 over a gap or past the last pod. */
export function podIndexAt(x: number, y: number, count: number): number {
  const column = Math.floor((x - GAP) / (CELL + GAP));
  const row = Math.floor((y - GAP) / (CELL + GAP));
  if (column < 0 || column >= COLUMNS || row < 0) return -1;
  const inX = x - GAP - column * (CELL + GAP) < CELL;
  const inY = y - GAP - row * (CELL + GAP) < CELL;
  const index = row * COLUMNS + column;
  return inX && inY && index < count ? index : -1;
}

export { troubled };

const RUNNING = PHASES.indexOf('Running');

/**
 * Whether a pod's phase byte and container reason read as the pod card's "Running, not ready"
 * (PodCard.tsx `runningNotReady`): phase Running, not terminating, no container reason in
 * kubectl's STATUS, and the READY bit clear.
 */
export function runningNotReadyState(state: number, reason: string | null | undefined): boolean {
  return (state & (PHASE_MASK | READY | TERMINATING)) === RUNNING && (reason === null || reason === undefined);
}

export function drawPods(
  context: CanvasRenderingContext2D,
  pods: PodSlice,
  options: { palette: Palette; ratio: number; selected: number; focused: number },
): void {
  const { palette, ratio, selected, focused } = options;
  const { states, versions, reasons } = pods;
  const { width, height } = canvasSize(states.length);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = palette.background;
  context.fillRect(0, 0, width, height);
  for (let i = 0; i < states.length; i++) {
    const { x, y } = cellOrigin(i);
    const colour = palette[PHASES[states[i] & PHASE_MASK]] ?? palette.Unknown;
    if ((states[i] & TERMINATING) !== 0) {
      context.strokeStyle = colour;
      context.lineWidth = 2;
      context.strokeRect(x + 1, y + 1, CELL - 2, CELL - 2);
    } else if (runningNotReadyState(states[i], reasons?.[i])) {
      // Half filled, as the card's ◐: the left half in Running's colour inside its outline.
      context.fillStyle = colour;
      context.fillRect(x, y, CELL / 2, CELL);
      context.strokeStyle = colour;
      context.lineWidth = 2;
      context.strokeRect(x + 1, y + 1, CELL - 2, CELL - 2);
    } else {
      context.fillStyle = colour;
      context.fillRect(x, y, CELL, CELL);
      if (reasons && troubled(reasons[i])) {
        // A cross, so that the shape says it too: red over the phase's colour (background over a Failed pod's red).
        context.strokeStyle = colour === palette.Failed ? palette.background : palette.Failed;
        context.lineWidth = 2;
        context.beginPath();
        context.moveTo(x + 1.5, y + 1.5);
        context.lineTo(x + CELL - 1.5, y + CELL - 1.5);
        context.moveTo(x + CELL - 1.5, y + 1.5);
        context.lineTo(x + 1.5, y + CELL - 1.5);
        context.stroke();
      }
    }
    if ((selected !== 0 && versions[i] === selected) || i === focused) {
      context.strokeStyle = palette.selected;
      context.lineWidth = 2;
      context.strokeRect(x - 1.5, y - 1.5, CELL + 3, CELL + 3);
    }
  }
}
