import { useRef } from 'react';

/**
 * `value`, or while `held` the last value seen while not held (the first one when it has
 * always been held): for a section that need not follow the frames while nobody can see it
 * (scrolled out of view while the clock plays). Memos and memoised children keyed on the
 * answer then skip every held render; the newest value shows on the first render after.
 */
export function useHeld<T>(value: T, held: boolean): T {
  const kept = useRef(value);
  if (!held) kept.current = value;
  return kept.current;
}
