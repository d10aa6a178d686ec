/**
 * The canvas view renders once per frame: PodViews defers the frame only for the list view
 * (a deferred value that changes renders the view a second time, at transition priority).
 * Counted with react-dom/client over the minimal DOM, CanvasCluster wrapped by a counter.
 */
import { act, type ComponentProps } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { createRoot as CreateRoot } from 'react-dom/client';
import type { Frame } from '../../../protocol/engine-api';
import { frame, node, pod } from '../../../protocol/frame-fixtures';
import type { EngineClient } from '../../bridge/engine-client';
import { applyFrame, createPodscapeStore, StoreProvider } from '../../store/podscape-store';
import { installMiniDom } from '../../testing/mini-dom';
import type * as CanvasModule from './CanvasCluster';
import type * as ListModule from './PodList';
import { CANVAS_THRESHOLD, PodViews } from './PodViews';

const renders: string[] = [];
vi.mock('./CanvasCluster', async (importOriginal) => {
  const real = await importOriginal<typeof CanvasModule>();
  return {
    ...real,
    CanvasCluster: (props: ComponentProps<typeof real.CanvasCluster>) => {
      renders.push(`canvas ${props.frame.seq}`);
      return null;
    },
  };
});
vi.mock('./PodList', async (importOriginal) => {
  const real = await importOriginal<typeof ListModule>();
  return {
    ...real,
    PodList: (props: ComponentProps<typeof real.PodList>) => {
      renders.push(`list ${props.frame.seq}`);
      return null;
    },
  };
});

let createRoot: typeof CreateRoot;
beforeAll(async () => {
  installMiniDom();
  ({ createRoot } = await import('react-dom/client'));
});

describe('PodViews render counts', () => {
  it('renders the canvas view once per frame', () => {
    const store = createPodscapeStore();
    const first: Frame = frame({ seq: 1, nodes: Array.from({ length: CANVAS_THRESHOLD + 1 }, (_, i) => node(`n${i}`)), pods: [pod('a', 'n0')] });
    act(() => applyFrame(store, first));
    const { container } = installMiniDom();
    const root = createRoot(container as unknown as Element);
    act(() =>
      root.render(
        <StoreProvider store={store} client={{} as EngineClient}>
          <PodViews cards={null} />
        </StoreProvider>,
      ),
    );
    expect(renders).toEqual(['canvas 1']);
    renders.length = 0;
    for (let seq = 2; seq <= 6; seq++) act(() => applyFrame(store, { ...first, seq, reset: false, playing: true, time: seq * 100 }));
    expect(renders).toEqual(['canvas 2', 'canvas 3', 'canvas 4', 'canvas 5', 'canvas 6']);
    act(() => root.unmount());
    renders.length = 0;
  });
});
