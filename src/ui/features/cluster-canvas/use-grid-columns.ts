import { useLayoutEffect, useState, type RefObject } from 'react';
import { columnsFor } from './grid-geometry';

const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
const observes = () => typeof ResizeObserver === 'function';

/**
 * The large grid's column count (grid-geometry.ts's columnsFor) from its element's width,
 * or null until it is known. Where the browser has a ResizeObserver, its first report gives
 * the width after the page's own layout: nothing forces a layout (nor renders a second time)
 * inside the commit that mounts the grid, which for a new large cluster is the task that
 * also unmounts the old view (issue 4's long tasks). The grid mounts no card until then
 * (CanvasCluster.tsx), so the first cards are laid out in the right columns. Without a
 * ResizeObserver (tests) the width is read in the layout effect, one column until then
 * (and where nothing lays out, as in a static render).
 */
export function useGridColumns(ref: RefObject<HTMLElement | null>): number | null {
  const [columns, setColumns] = useState<number | null>(() => (observes() ? null : 1));
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (!observes()) {
      setColumns(columnsFor(element.clientWidth, remPx()));
      return;
    }
    const observer = new ResizeObserver((entries) => setColumns(columnsFor(entries[0].contentRect.width, remPx())));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return columns;
}
