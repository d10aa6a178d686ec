/**
 * Mounting a long list a slice per task (issue 4: a large cluster's load). A thousand node
 * cards, drop targets or table rows created in one commit are a long task of their own;
 * mounted a slice at a time, each task stays short and the page keeps answering. What was
 * already on the page stays: as many items as the last commit showed that are still in the
 * list are rendered at once (a frame that changes a node, a node added or removed, an undo
 * to the same nodes), and only a list that is new grows again from `first`. A static render (no effects to
 * finish the job) renders every item.
 */
import { startTransition, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';

/** How many of a list's items were rendered at a commit, and the keys they had. */
export interface ShownPrefix {
  keys: readonly unknown[];
  count: number;
}

const NONE: ShownPrefix = { keys: [], count: 0 };
const subscribeNothing = () => () => {};

/**
 * How many of `keys` to render: as many as the last commit showed that are still in the
 * list, what a growth step asked for this same list, and at least `first`.
 */
export function shownCount(committed: ShownPrefix, grown: ShownPrefix | null, keys: readonly unknown[], first: number): number {
  let kept = 0;
  if (committed.keys === keys) kept = committed.count;
  else {
    const limit = Math.min(committed.count, keys.length);
    while (kept < limit && Object.is(committed.keys[kept], keys[kept])) kept++;
    if (kept < limit) {
      // The keys moved (a node added or removed before others): as many as are still there.
      const now = new Set(keys);
      kept = 0;
      for (let i = 0; i < committed.count; i++) if (now.has(committed.keys[i])) kept++;
    }
  }
  const asked = grown !== null && grown.keys === keys ? grown.count : 0;
  return Math.min(keys.length, Math.max(first, kept, asked));
}

/**
 * The number of items (of a list with these `keys`, in order) to render now: it grows by
 * `step` a task (or by `step(count)` when a function), after each commit, until every item
 * is rendered. `paced`: a step at most per frame (the next one waits for an animation frame,
 * then a task), so the browser styles and lays out each step's new items in a frame of its
 * own rather than several steps' in one (items on screen: the first cards of a grid).
 */
export function useProgressiveCount(keys: readonly unknown[], first: number, step: number | ((count: number) => number), paced = false): number {
  const server = useSyncExternalStore(subscribeNothing, () => false, () => true);
  const committed = useRef<ShownPrefix>(NONE);
  const [grown, setGrown] = useState<ShownPrefix | null>(null);
  const count = server ? keys.length : shownCount(committed.current, grown, keys, first);
  useLayoutEffect(() => {
    committed.current = { keys, count };
  });
  useEffect(() => {
    if (count >= keys.length) return;
    // At transition priority: React slices a step's render, and input comes first.
    const by = typeof step === 'number' ? step : step(count);
    const grow = () => startTransition(() => setGrown({ keys, count: count + by }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = paced && typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (timer = setTimeout(grow, 0))) : undefined;
    if (frame === undefined) timer = setTimeout(grow, 0);
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [keys, count, step, paced]);
  return count;
}
