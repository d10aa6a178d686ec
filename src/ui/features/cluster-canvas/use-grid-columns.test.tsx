import { act, useRef } from 'react';
import type { createRoot as CreateRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installMiniDom } from '../../testing/mini-dom';
import { columnsFor } from './grid-geometry';
import { useGridColumns } from './use-grid-columns';

const seen: (number | null)[] = [];
function Grid() {
  const ref = useRef<HTMLDivElement>(null);
  const columns = useGridColumns(ref);
  seen.push(columns);
  return <div ref={ref} />;
}

describe('useGridColumns', () => {
  let createRoot: typeof CreateRoot;
  let reads = 0;
  beforeAll(async () => {
    const { container } = installMiniDom();
    // Reading an element's width is what forces a layout in a browser: count the reads.
    Object.defineProperty(Object.getPrototypeOf(container), 'clientWidth', {
      configurable: true,
      get: () => {
        reads++;
        return 1280;
      },
    });
    ({ createRoot } = await import('react-dom/client'));
  });

  it("with a ResizeObserver: null until its first report, which gives the count; the element's width is never read in the commit", () => {
    let report: ((entries: { contentRect: { width: number } }[]) => void) | null = null;
    const observed: unknown[] = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: typeof report) {
          report = callback;
        }
        observe(element: unknown) {
          observed.push(element);
        }
        disconnect() {}
      },
    );
    vi.stubGlobal('getComputedStyle', () => ({ fontSize: '16px' }));
    try {
      const { container } = installMiniDom();
      const root = createRoot(container as unknown as Element);
      seen.length = 0;
      reads = 0;
      act(() => root.render(<Grid />));
      expect(reads).toBe(0); // no width read (no forced layout) in the commit
      expect(seen).toEqual([null]); // one render, nothing measured yet
      expect(observed).toHaveLength(1);
      act(() => report!([{ contentRect: { width: 1280 } }]));
      expect(seen.at(-1)).toBe(columnsFor(1280, 16));
      act(() => report!([{ contentRect: { width: 600 } }]));
      expect(seen.at(-1)).toBe(columnsFor(600, 16));
      act(() => root.unmount());
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('without one: the width read in the layout effect', () => {
    vi.stubGlobal('getComputedStyle', () => ({ fontSize: '16px' }));
    try {
      const { container } = installMiniDom();
      const root = createRoot(container as unknown as Element);
      seen.length = 0;
      reads = 0;
      act(() => root.render(<Grid />));
      expect(reads).toBe(1);
      expect(seen).toEqual([1, columnsFor(1280, 16)]);
      act(() => root.unmount());
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('without one: one column in a static render', () => {
    seen.length = 0;
    renderToStaticMarkup(<Grid />);
    expect(seen).toEqual([1]);
  });
});
