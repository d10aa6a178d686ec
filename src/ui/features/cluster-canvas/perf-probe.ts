/**
 * Cheap probes for bench/ui: the time from a frame's message to the commit of the
 * cluster view that shows it, and a count of node-card renders. They write into
 * `window.__podscapePerf.frames` when the page has it, and do nothing otherwise.
 */
import { useLayoutEffect, useRef } from 'react';
import { now, pushStat } from '../../bridge/frame-receiver';

const stats = () => (typeof window === 'object' ? window.__podscapePerf?.frames : undefined);

/**
 * After each commit of the calling component: the ms since the newest frame's message
 * arrived (once per frame). A view rendered from a deferred frame probes itself, as its
 * commit comes after its parent's.
 */
export function useCommitProbe(enabled = true): void {
  const last = useRef(0);
  useLayoutEffect(() => {
    const s = stats();
    if (!enabled || !s || s.receivedAt === 0 || s.receivedAt === last.current) return;
    last.current = s.receivedAt;
    pushStat(s.commitMs, now() - s.receivedAt);
  });
}

export function countRender(): void {
  const s = stats();
  if (s) s.renders++;
}
