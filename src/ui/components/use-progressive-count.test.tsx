import { act, useEffect } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { createRoot as CreateRoot } from 'react-dom/client';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installMiniDom } from '../testing/mini-dom';
import { shownCount, useProgressiveCount } from './use-progressive-count';

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('shownCount', () => {
  const list = names('n', 300);
  it('keeps as many as the last commit showed that are still in the list, and starts a new list at `first`', () => {
    expect(shownCount({ keys: [], count: 0 }, null, list, 120)).toBe(120);
    expect(shownCount({ keys: list, count: 180 }, null, list, 120)).toBe(180);
    expect(shownCount({ keys: list, count: 300 }, null, [...list], 120)).toBe(300); // an equal list, a new array
    expect(shownCount({ keys: list, count: 300 }, null, [...list.slice(0, 250), 'x', ...list.slice(251)], 120)).toBe(299); // one replaced
    expect(shownCount({ keys: list, count: 300 }, null, names('m', 300), 120)).toBe(120); // a new cluster
    expect(shownCount({ keys: list, count: 300 }, null, list.slice(0, 10), 120)).toBe(10); // never past the list
    expect(shownCount({ keys: list, count: 300 }, null, ['a-new-node', ...list], 120)).toBe(300); // one added before the others
    expect(shownCount({ keys: list, count: 300 }, null, [...list.slice(0, 5), ...list.slice(6)], 120)).toBe(299); // one removed
    expect(shownCount({ keys: list, count: 180 }, null, [...names('m', 100), ...list], 120)).toBe(180);
  });
  it('grows by what a step asked for the same list only', () => {
    expect(shownCount({ keys: list, count: 120 }, { keys: list, count: 180 }, list, 120)).toBe(180);
    expect(shownCount({ keys: list, count: 120 }, { keys: [...list], count: 180 }, list, 120)).toBe(120);
  });
});

describe('useProgressiveCount', () => {
  let createRoot: typeof CreateRoot;
  beforeAll(async () => {
    installMiniDom();
    ({ createRoot } = await import('react-dom/client'));
  });

  /** Renders `count` of `keys` and records every committed count. */
  function Probe({ keys, commits }: { keys: readonly string[]; commits: number[] }) {
    const count = useProgressiveCount(keys, 120, 60);
    useEffect(() => void commits.push(count));
    return null;
  }

  it('mounts a long list a step per task until every item is shown, and keeps it through an update', async () => {
    vi.useFakeTimers();
    try {
      const { container } = installMiniDom();
      const root = createRoot(container as unknown as Element);
      const commits: number[] = [];
      const list = names('n', 300);
      act(() => root.render(<Probe keys={list} commits={commits} />));
      expect(commits).toEqual([120]);
      for (let i = 0; i < 5; i++) await act(() => vi.advanceTimersByTimeAsync(0));
      expect(commits).toEqual([120, 180, 240, 300]); // then nothing more is scheduled
      // The same nodes in a new array (a frame that changed one): all of them at once.
      act(() => root.render(<Probe keys={[...list]} commits={commits} />));
      expect(commits.at(-1)).toBe(300);
      // A new cluster starts again from the first slice.
      act(() => root.render(<Probe keys={names('m', 200)} commits={commits} />));
      expect(commits.at(-1)).toBe(120);
      await act(() => vi.advanceTimersByTimeAsync(0));
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(commits.at(-1)).toBe(200);
      act(() => root.unmount());
    } finally {
      vi.useRealTimers();
    }
  });

  it('paced: takes a step only after an animation frame, by what the step function says', async () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    try {
      const { container } = installMiniDom();
      const root = createRoot(container as unknown as Element);
      const commits: number[] = [];
      const step = (count: number) => (count < 4 ? 2 : 10);
      function Paced({ keys }: { keys: readonly string[] }) {
        const count = useProgressiveCount(keys, 0, step, true);
        useEffect(() => void commits.push(count));
        return null;
      }
      act(() => root.render(<Paced keys={names('n', 20)} />));
      expect(commits).toEqual([0]);
      await act(() => vi.advanceTimersByTimeAsync(10));
      expect(commits).toEqual([0]); // no frame yet: no step
      for (let i = 0; i < 5; i++) {
        act(() => frames.splice(0).forEach((run) => run()));
        await act(() => vi.advanceTimersByTimeAsync(0));
      }
      expect(commits).toEqual([0, 2, 4, 14, 20]);
      expect(frames).toEqual([]); // nothing more is asked for
      act(() => root.unmount());
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });

  it('renders every item in a static render', () => {
    function List({ keys }: { keys: readonly string[] }) {
      const count = useProgressiveCount(keys, 2, 1);
      return <ul>{keys.slice(0, count).map((k) => <li key={k}>{k}</li>)}</ul>;
    }
    expect(renderToStaticMarkup(<List keys={names('n', 5)} />)).toBe('<ul><li>n0</li><li>n1</li><li>n2</li><li>n3</li><li>n4</li></ul>');
  });
});
