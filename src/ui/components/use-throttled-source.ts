import { useEffect, useRef, useState } from 'react';
import { Throttle } from './use-throttled';

/** Something that changes and says so: a store slice, a sampler. */
export interface Source<T> {
  get(): T;
  /** Calls `listener` after each change; returns a function that stops it. */
  subscribe(listener: () => void): () => void;
}

/**
 * The value of `source` for a view that need not follow every change (an event log, a
 * chart): the component re-renders at most once per `ms` of real time, and not at all
 * while `held` (a section scrolled out of view while the clock plays); when it stops
 * being held it shows the newest value at once. Unlike `useThrottled(useStore(…))`, a
 * change in between costs a comparison, not a render of the component.
 */
export function useThrottledSource<T>(source: Source<T>, ms: number, held = false): T {
  const [value, setValue] = useState(() => source.get());
  const current = useRef(source);
  current.current = source;
  const gate = useRef<Throttle | null>(null);
  gate.current ??= new Throttle(() => setValue(() => current.current.get()));
  useEffect(() => {
    const g = gate.current!;
    g.live = true;
    return () => g.stop();
  }, []);
  useEffect(() => {
    if (held) return;
    const g = gate.current!;
    // What changed while held (or before this subscription) shows now.
    g.request(ms);
    return source.subscribe(() => g.request(ms));
  }, [source, ms, held]);
  return value;
}

/**
 * A source over a store's state: `select`'s answer, the previous answer kept while
 * `same` says it is unchanged (so a composite answer does not re-render for nothing).
 */
export function selectSource<S, T>(store: { getState(): S; subscribe(listener: () => void): () => void }, select: (state: S) => T, same: (a: T, b: T) => boolean = Object.is): Source<T> {
  let last: { value: T } | null = null;
  return {
    get() {
      const next = select(store.getState());
      if (last === null || !same(last.value, next)) last = { value: next };
      return last.value;
    },
    subscribe: (listener) => store.subscribe(() => listener()),
  };
}

/**
 * `selectSource(store, select, same)` made once per store and kept (so a component's
 * subscription stays the same object across renders): call the result with the store.
 */
export function sourcePerStore<S, T>(select: (state: S) => T, same: (a: T, b: T) => boolean = Object.is) {
  const made = new WeakMap<object, Source<T>>();
  return (store: { getState(): S; subscribe(listener: () => void): () => void }): Source<T> => {
    let source = made.get(store);
    if (!source) made.set(store, (source = selectSource(store, select, same)));
    return source;
  };
}
