import { useEffect, useRef, useState } from 'react';

/**
 * `value`, changing at most once per `ms` of real time: the first change after a quiet
 * period passes at once, later ones are held and the newest always arrives. For views
 * that need not redraw on every frame while the clock plays (ages, charts, queries).
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    const apply = () => {
      last.current = performance.now();
      setOut(value);
    };
    if (wait <= 0) {
      apply();
      return;
    }
    const id = setTimeout(apply, wait);
    return () => clearTimeout(id);
  }, [value, ms]);
  return out;
}
