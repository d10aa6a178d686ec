import { act, useState } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createRoot as CreateRoot } from 'react-dom/client';
import { installMiniDom, type MiniElement } from '../testing/mini-dom';
import { Throttle, useThrottled } from './use-throttled';
import { shallow } from 'zustand/shallow';
import { selectSource, useThrottledSource, type Source } from './use-throttled-source';

let createRoot: typeof CreateRoot;
beforeAll(async () => {
  installMiniDom();
  ({ createRoot } = await import('react-dom/client'));
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Throttle', () => {
  it('delivers the first request at once, then at most once per interval, with one timer for many requests', () => {
    let delivered = 0;
    const throttle = new Throttle(() => delivered++);
    throttle.request(250);
    expect(delivered).toBe(1);
    const timers = vi.getTimerCount();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(10);
      throttle.request(250);
    }
    expect(delivered).toBe(1);
    expect(vi.getTimerCount()).toBe(timers + 1);
    vi.advanceTimersByTime(150); // 250 ms after the first delivery
    expect(delivered).toBe(2);
    expect(throttle.pending).toBe(false);
    vi.advanceTimersByTime(1000); // quiet: nothing more
    expect(delivered).toBe(2);
    throttle.request(250); // after a quiet spell: at once
    expect(delivered).toBe(3);
    throttle.request(250);
    throttle.stop();
    vi.advanceTimersByTime(1000);
    expect(delivered).toBe(3);
    throttle.request(250);
    expect(delivered).toBe(3);
  });
});

/** A source whose value the test sets, counting get calls. */
function counter(): Source<number> & { set(v: number): void } {
  let value = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(v) {
      value = v;
      listeners.forEach((l) => l());
    },
  };
}

function mount(element: React.ReactElement) {
  const { container } = installMiniDom();
  const root = createRoot(container as unknown as Element);
  act(() => root.render(element));
  return { container: container as MiniElement, root };
}

describe('useThrottledSource', () => {
  it('renders the first change at once, holds the rest to one render per interval with the newest value, and none while held', () => {
    const source = counter();
    const seen: number[] = [];
    let hold: (held: boolean) => void = () => {};
    function View() {
      const [held, setHeld] = useState(false);
      hold = setHeld;
      seen.push(useThrottledSource(source, 250, held));
      return null;
    }
    const { root } = mount(<View />);
    expect(seen).toEqual([0]);
    act(() => vi.advanceTimersByTime(1000)); // a quiet spell since the mount
    act(() => source.set(1));
    expect(seen.at(-1)).toBe(1);
    const renders = seen.length;
    act(() => {
      for (let v = 2; v <= 20; v++) {
        vi.advanceTimersByTime(5);
        source.set(v);
      }
    });
    expect(seen.length).toBe(renders); // held back: not one render per change
    act(() => vi.advanceTimersByTime(250));
    expect(seen.at(-1)).toBe(20);
    expect(seen.length).toBe(renders + 1);

    // Held (off screen while playing): no render at all, then the newest value at once.
    act(() => hold(true));
    const whileHeld = seen.length;
    act(() => {
      for (let v = 21; v <= 40; v++) {
        vi.advanceTimersByTime(100);
        source.set(v);
      }
    });
    expect(seen.length).toBe(whileHeld);
    act(() => hold(false));
    expect(seen.at(-1)).toBe(40);
    act(() => root.unmount());
  });

  it('keeps a composite answer while its parts are the same, so an unrelated store change does not re-render', () => {
    let state = { a: 1, b: 'x', other: 0 };
    const listeners = new Set<() => void>();
    const store = {
      getState: () => state,
      subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
    };
    const source = selectSource(store, (s) => ({ a: s.a, b: s.b }), shallow);
    const first = source.get();
    state = { ...state, other: 1 };
    expect(source.get()).toBe(first);
    state = { ...state, a: 2 };
    expect(source.get()).toEqual({ a: 2, b: 'x' });
    expect(source.get()).not.toBe(first);
  });
});

describe('useThrottled', () => {
  it('passes the first change at once and the newest of a burst after the interval', () => {
    const seen: number[] = [];
    let set: (v: number) => void = () => {};
    function View() {
      const [value, setValue] = useState(0);
      set = setValue;
      seen.push(useThrottled(value, 250));
      return null;
    }
    const { root } = mount(<View />);
    act(() => vi.advanceTimersByTime(1000));
    act(() => set(1));
    expect(seen.at(-1)).toBe(1);
    act(() => {
      for (let v = 2; v <= 9; v++) {
        vi.advanceTimersByTime(10);
        set(v);
      }
    });
    expect(seen.at(-1)).toBe(1);
    act(() => vi.advanceTimersByTime(250));
    expect(seen.at(-1)).toBe(9);
    act(() => root.unmount());
  });
});
