/**
 * "Show n-12": a pod the scheduler placed on a node whose card is off screen (a replacement's
 * flight on a projector ends below the fold). The page does not move by itself, which would
 * jump on every event; the story bar offers a button that brings the node into view.
 */
import type { FrameEvent } from '../../../protocol/engine-api';

export interface Landing {
  /** `namespace/name` of the pod. */
  pod: string;
  node: string;
}

/** The pods the scheduler bound in these events, from kube-scheduler's Scheduled message ("Successfully assigned ns/pod to node"). */
export function landings(events: readonly FrameEvent[]): Landing[] {
  const out: Landing[] = [];
  for (const e of events) {
    if (e.reason !== 'Scheduled') continue;
    const match = /^Successfully assigned (\S+) to (\S+)$/.exec(e.message);
    if (match) out.push({ pod: match[1], node: match[2] });
  }
  return out;
}

/** Where a box lies against the window's band that the story bar leaves free: in it, above it or below it. */
export function placeOf(box: { top: number; bottom: number }, viewportHeight: number, barSpace: number): 'in view' | 'above' | 'below' {
  if (box.bottom <= 0) return 'above';
  if (box.top >= viewportHeight - barSpace) return 'below';
  return 'in view';
}
