/**
 * Loads in flight (a scenario, a preset, a session or share link): the engine may take
 * seconds to schedule a large cluster's pods, and meanwhile the page still shows the old
 * cluster. features/status/LoadingNotice.tsx says that a load is under way. Kept beside the store (per page,
 * like the store), not in it: nothing else reads it.
 */
import { createStore, type StoreApi } from 'zustand';
import type { PodscapeStore } from './podscape-store';

const LOADS = new WeakMap<PodscapeStore, StoreApi<number>>();

/** How many loads of this page are under way. */
export function loadsInFlight(store: PodscapeStore): StoreApi<number> {
  let loads = LOADS.get(store);
  if (!loads) {
    loads = createStore<number>()(() => 0);
    LOADS.set(store, loads);
  }
  return loads;
}

/** Counts `load` as under way until it settles; returns it as it is. */
export function trackLoad<T>(store: PodscapeStore, load: Promise<T>): Promise<T> {
  const loads = loadsInFlight(store);
  loads.setState(loads.getState() + 1, true);
  const done = () => loads.setState(Math.max(0, loads.getState() - 1), true);
  load.then(done, done);
  return load;
}
