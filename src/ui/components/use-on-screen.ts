import { useEffect, useState } from 'react';

/**
 * Whether an element is on screen (or within `margin` of it), for sections below the
 * fold that need not redraw while nobody can see them. Returns the ref to attach and
 * the answer; true until the observer first answers, and always where the browser has
 * no IntersectionObserver (static renders, tests).
 */
export function useOnScreen<E extends Element>(margin = '200px'): [(element: E | null) => void, boolean] {
  const [element, setElement] = useState<E | null>(null);
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    if (!element || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries.at(-1);
        if (entry) setOnScreen(entry.isIntersecting);
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, margin]);
  return [setElement, onScreen];
}
