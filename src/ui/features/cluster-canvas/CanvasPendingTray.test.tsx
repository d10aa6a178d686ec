/**
 * The large cluster's pending tray holds still while the clock plays and it is out of view
 * (a stub IntersectionObserver says when), and shows the newest pods as soon as it is in
 * view or the clock stops: mounted with react-dom/client over the minimal DOM.
 */
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { createRoot as CreateRoot } from 'react-dom/client';
import type { NodeFrame, PodFrame, QueuedPodFrame } from '../../../protocol/engine-api';
import { frame, node, pod } from '../../../protocol/frame-fixtures';
import { PodTable } from '../../../protocol/pod-table';
import type { EngineClient } from '../../bridge/engine-client';
import { applyFrame, createPodscapeStore, StoreProvider } from '../../store/podscape-store';
import { installMiniDom, type MiniElement } from '../../testing/mini-dom';
import { unboundRows } from './group-pods';
import { CanvasPendingTray } from './CanvasPendingTray';

let createRoot: typeof CreateRoot;
/** The observer's callback: reports the tray in or out of view. */
let report: ((entries: { isIntersecting: boolean }[]) => void) | null = null;

beforeAll(async () => {
  installMiniDom();
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
        report = callback;
      }
      observe() {}
      disconnect() {}
    },
  );
  ({ createRoot } = await import('react-dom/client'));
});
afterAll(() => {
  vi.unstubAllGlobals();
});

const nodes: NodeFrame[] = [node('n1')];
const queued = (pods: PodFrame[]): QueuedPodFrame[] => pods.filter((p) => p.nodeName === null).map((p) => ({ namespace: p.namespace, name: p.name, queue: 'active', reason: 'Unschedulable', message: `why ${p.name}` }));

describe('CanvasPendingTray', () => {
  it('keeps what it showed while playing out of view; the newest pods once in view or paused', () => {
    const store = createPodscapeStore();
    const { container } = installMiniDom();
    const root = createRoot(container as unknown as Element);
    let table = PodTable.fromPods([pod('a', null), pod('b', 'n1')], nodes);
    let queue = queued([pod('a', null)]);
    const shown = () => (container as MiniElement).withAttribute('data-pod').map((el) => el.getAttribute('data-pod'));
    const heading = () => (container as MiniElement).textContent.match(/Pending pods \(\d+\)/)?.[0];
    const render = () =>
      act(() =>
        root.render(
          <StoreProvider store={store} client={{} as EngineClient}>
            <CanvasPendingTray table={table} pending={unboundRows(table)} queue={queue} selected={null} />
          </StoreProvider>,
        ),
      );
    const playing = (on: boolean) => act(() => applyFrame(store, frame({ seq: (store.getState().frame?.seq ?? 0) + 1, playing: on, nodes })));
    const step = (pods: PodFrame[]) => {
      table = PodTable.fromPods(pods, nodes);
      queue = queued(pods);
      render();
    };

    playing(false);
    render();
    expect(shown()).toEqual(['default/a']);
    expect((container as MiniElement).textContent).toContain('why a');
    // Out of view while playing: the replacement wave's pods come and go unseen.
    act(() => report!([{ isIntersecting: false }]));
    playing(true);
    step([pod('a', null), pod('b', 'n1'), pod('c', null)]);
    expect(shown()).toEqual(['default/a']);
    expect(heading()).toBe('Pending pods (1)');
    step([pod('b', 'n1'), pod('c', null), pod('d', null)]);
    expect(shown()).toEqual(['default/a']);
    // Scrolled into view: the newest at once.
    act(() => report!([{ isIntersecting: true }]));
    expect(shown()).toEqual(['default/c', 'default/d']);
    expect(heading()).toBe('Pending pods (2)');
    // Out of view again; then the clock stops: the newest at once.
    act(() => report!([{ isIntersecting: false }]));
    step([pod('b', 'n1'), pod('c', 'n1'), pod('d', null)]);
    expect(shown()).toEqual(['default/c', 'default/d']);
    playing(false);
    expect(shown()).toEqual(['default/d']);
    expect((container as MiniElement).textContent).toContain('why d');
    // Paused, out of view: it follows every change (advance(), paused steps, tests).
    step([pod('b', 'n1'), pod('c', 'n1'), pod('d', 'n1')]);
    expect(shown()).toEqual([]);
    expect((container as MiniElement).textContent).toContain('Every pod has a node.');
    act(() => root.unmount());
  });
});
