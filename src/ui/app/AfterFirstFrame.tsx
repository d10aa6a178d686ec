import { useEffect, useState, type ReactNode } from 'react';
import { usePodscapeStore } from '../store/podscape-store';

/**
 * Renders its children only once the first cluster frame has been painted (issue 4, cold
 * load): panels below the fold (workloads, chart, event log) then cost nothing in the
 * commit that draws the first node cards, and render in the task after that paint.
 */
export function AfterFirstFrame({ children }: { children: ReactNode }) {
  const hasFrame = usePodscapeStore((s) => s.frame !== null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!hasFrame || shown) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the next paint: an animation frame, then a task.
    const raf = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(true));
    });
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [hasFrame, shown]);
  return shown ? children : null;
}
