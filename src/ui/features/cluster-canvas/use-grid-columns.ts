import { useLayoutEffect, useState, type RefObject } from 'react';
import { columnsFor } from './grid-geometry';

const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/**
 * The large grid's column count (grid-geometry.ts's columnsFor) from its element's width:
 * measured before the first paint and again whenever the element is resized (the window,
 * the root font size past 1,600 px). One column until measured (and where nothing lays out).
 */
export function useGridColumns(ref: RefObject<HTMLElement | null>): number {
  const [columns, setColumns] = useState(1);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setColumns(columnsFor(element.clientWidth, remPx()));
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver((entries) => setColumns(columnsFor(entries[0].contentRect.width, remPx())));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return columns;
}
