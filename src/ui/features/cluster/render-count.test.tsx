/**
 * Narrow selectors, proven by counting renders: the cards are mounted with
 * react-dom/client over a minimal DOM, frames are applied to the store, and the
 * memoised NodeCard / PodCard components (wrapped by a counting mock with the same
 * memo semantics) report each time they actually render.
 */
import { act, memo, type ComponentProps, type FunctionComponent } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../../protocol/engine-api';
import type { EngineClient } from '../../bridge/engine-client';
import { installMiniDom, type MiniElement } from '../../testing/mini-dom';
import { select } from '../../store/actions';
import { applyFrame, createPodscapeStore, StoreProvider, withFrame } from '../../store/podscape-store';
import { frame, node, pod } from '../../../protocol/frame-fixtures';
import type * as NodeCardModule from './NodeCard';
import type * as PodCardModule from './PodCard';
import type * as DragStoreModule from '../drag/drag-store';
import type { NodeVerdict } from '../drag/verdict';
import type { createRoot as CreateRoot } from 'react-dom/client';

const renders: string[] = [];

vi.mock('./PodCard', async (importOriginal) => {
  const real = await importOriginal<typeof PodCardModule>();
  const inner = (real.PodCard as unknown as { type: FunctionComponent<ComponentProps<typeof real.PodCard>> }).type;
  return {
    ...real,
    PodCard: memo((props: ComponentProps<typeof real.PodCard>) => {
      renders.push(`pod ${props.pod.name}`);
      return inner(props);
    }),
  };
});
vi.mock('./NodeCard', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCardModule>();
  const inner = (real.NodeCard as unknown as { type: FunctionComponent<ComponentProps<typeof real.NodeCard>> }).type;
  const NodeCard = memo((props: ComponentProps<typeof real.NodeCard>) => {
    renders.push(`node ${props.node.name}`);
    return inner(props);
  });
  // NodeSlot renders the module's own NodeCard; give the slot the counted one.
  const { usePodscapeStore } = await import('../../store/podscape-store');
  const { useNodeDrop } = await import('../drag/node-drop');
  const NO_PODS: readonly string[] = [];
  // Memoised on its name, as the real slot is.
  const NodeSlot = memo(({ name }: { name: string }) => {
    const n = usePodscapeStore((s) => s.cluster.nodes.get(name));
    const podUids = usePodscapeStore((s) => s.cluster.podsByNode.get(name) ?? NO_PODS);
    const drop = useNodeDrop(name);
    return n ? <NodeCard node={n} podUids={podUids} {...drop} /> : null;
  });
  return { ...real, NodeCard, NodeSlot };
});

/** The drag stores the cluster view creates (one per mount), so that a test can play a drag. */
const dragStores: DragStoreModule.DragStore[] = [];
vi.mock('../drag/drag-store', async (importOriginal) => {
  const real = await importOriginal<typeof DragStoreModule>();
  return {
    ...real,
    createDragStore: () => {
      const store = real.createDragStore();
      dragStores.push(store);
      return store;
    },
  };
});

let createRoot: typeof CreateRoot;
let container: MiniElement;

beforeAll(async () => {
  installMiniDom();
  ({ createRoot } = await import('react-dom/client'));
});

afterEach(() => {
  renders.length = 0;
});

const FIRST = frame({
  seq: 1,
  nodes: [node('w1'), node('w2')],
  pods: [pod('a', 'w1'), pod('b', 'w1'), pod('c', 'w2'), pod('wait', null)],
  queue: [{ namespace: 'default', name: 'wait', queue: 'active', reason: null, message: null }],
});

async function mount(first: Frame = FIRST) {
  const { ClusterPanel } = await import('./ClusterPanel');
  const store = createPodscapeStore();
  // Counts the store's live subscriptions (zustand's useStore subscribes through store.subscribe).
  let subscriptions = 0;
  const subscribe = store.subscribe;
  store.subscribe = (listener) => {
    subscriptions++;
    const unsubscribe = subscribe(listener);
    return () => {
      subscriptions--;
      unsubscribe();
    };
  };
  act(() => {
    applyFrame(store, first);
    store.setState({ status: 'ready' });
  });
  ({ container } = installMiniDom());
  const root = createRoot(container as unknown as Element);
  act(() =>
    root.render(
      <StoreProvider store={store} client={{} as EngineClient}>
        <ClusterPanel />
      </StoreProvider>,
    ),
  );
  const next = (over: Partial<Frame>) => act(() => applyFrame(store, { ...first, reset: false, ...over, seq: store.getState().frame!.seq + 1 }));
  return { root, next, store, subscriptions: () => subscriptions };
}

const pods = (...names: string[]) => names.map((n) => `default/${n}`);
const shown = () => container.withAttribute('data-pod').map((el) => el.getAttribute('data-pod'));

describe('cluster view render counts', () => {
  it('mounts a long list of node cards none at first, then a few cards of pods a step, until every card is there', async () => {
    vi.useFakeTimers();
    try {
      const { STEP_PODS } = await import('./node-growth');
      // Cards of 25 pods: two fit a step of STEP_PODS (60), a third does not.
      expect(STEP_PODS).toBe(60);
      const names = Array.from({ length: 5 }, (_, i) => `n${i}`);
      const podsOf = (n: string) => Array.from({ length: 25 }, (_, i) => pod(`p-${n}-${i}`, n));
      const { root } = await mount(frame({ seq: 1, nodes: names.map((n) => node(n)), pods: names.flatMap(podsOf) }));
      const cards = () => container.withAttribute('data-node').length;
      expect(cards()).toBe(0);
      const steps: number[] = [];
      for (let i = 0; i < 4; i++) {
        await act(() => vi.advanceTimersByTimeAsync(0));
        steps.push(cards());
      }
      expect(steps).toEqual([2, 4, 5, 5]);
      expect(shown()).toEqual(names.flatMap((n) => podsOf(n).map((p) => `default/${p.name}`)));
      act(() => root.unmount());
    } finally {
      vi.useRealTimers();
    }
  });

  it('renders each card once on mount, and nothing again for an equal frame', async () => {
    const { root, next } = await mount();
    expect(renders.sort()).toEqual(['node w1', 'node w2', 'pod a', 'pod b', 'pod c', 'pod wait']);
    // Document order: the pending tray comes first, then the nodes' pods.
    expect(shown()).toEqual(pods('wait', 'a', 'b', 'c'));
    renders.length = 0;
    next({ time: 100 });
    expect(renders).toEqual([]);
    act(() => root.unmount());
  });

  it('re-renders only the card of the one pod that changed', async () => {
    const { root, next } = await mount();
    renders.length = 0;
    next({ time: 200, pods: [pod('a', 'w1'), pod('b', 'w1', { ready: false }), pod('c', 'w2'), pod('wait', null)] });
    expect(renders).toEqual(['pod b']);
    act(() => root.unmount());
  });

  it('re-renders the two node cards and mounts one pod card when a pending pod binds', async () => {
    const { root, next } = await mount();
    renders.length = 0;
    next({ time: 300, pods: [pod('a', 'w1'), pod('b', 'w1'), pod('c', 'w2'), pod('wait', 'w2', { phase: 'Pending' })], queue: [] });
    expect(renders.sort()).toEqual(['node w2', 'pod wait']);
    expect(container.withAttribute('data-node').map((el) => [el.getAttribute('data-node'), el.withAttribute('data-pod').length])).toEqual([
      ['w1', 2],
      ['w2', 2],
    ]);
    act(() => root.unmount());
  });

  it('re-renders only the hovered and the previously hovered node card while a pod is dragged', async () => {
    const { root } = await mount();
    const drag = dragStores[dragStores.length - 1];
    const picked = pod('wait', null);
    const verdicts = new Map<string, NodeVerdict>([
      ['w1', { kind: 'fits', score: 150, best: true }],
      ['w2', { kind: 'rejects', reasons: ['Insufficient cpu'], plugins: ['NodeResourcesFit'] }],
    ]);
    const verdictOf = (name: string) => container.withAttribute('data-node').find((el) => el.getAttribute('data-node') === name)!.getAttribute('data-drop-verdict');
    renders.length = 0;
    act(() => drag.setState({ active: picked, verdicts, over: null }));
    expect(renders).toEqual(['pod wait']); // it dims; no node card moves
    renders.length = 0;
    act(() => drag.setState({ over: 'w1' }));
    expect(renders).toEqual(['node w1']);
    expect([verdictOf('w1'), verdictOf('w2')]).toEqual(['fits', null]);
    renders.length = 0;
    act(() => drag.setState({ over: 'w2' }));
    expect(renders.sort()).toEqual(['node w1', 'node w2']);
    expect([verdictOf('w1'), verdictOf('w2')]).toEqual([null, 'rejects']);
    renders.length = 0;
    act(() => drag.setState({ active: null, verdicts: null, over: null }));
    expect(renders.sort()).toEqual(['node w2', 'pod wait']);
    act(() => root.unmount());
  });

  it('re-renders only the pod cards whose selection changed, and gives a node card\'s pods one store subscription between them', async () => {
    const { root, store, subscriptions } = await mount();
    renders.length = 0;
    act(() => select(store, { kind: 'pod', key: 'default/a' }));
    expect(renders).toEqual(['pod a']);
    expect(container.withAttribute('data-selected').map((el) => el.getAttribute('data-pod'))).toEqual(['default/a']);
    renders.length = 0;
    act(() => select(store, { kind: 'pod', key: 'default/wait' }));
    expect(renders.sort()).toEqual(['pod a', 'pod wait']);
    renders.length = 0;
    act(() => select(store, { kind: 'node', key: 'w1' }));
    expect(renders.sort()).toEqual(['node w1', 'pod wait']);
    renders.length = 0;
    act(() => select(store, null));
    expect(renders).toEqual(['node w1']);
    const few = subscriptions();
    act(() => root.unmount());

    // Six more pods on w1: no more subscriptions to the store (the node's pod list holds one for all of them).
    const extra = ['d', 'e', 'f', 'g', 'h', 'i'].map((name) => pod(name, 'w1'));
    const more = await mount({ ...FIRST, pods: [...FIRST.pods, ...extra] });
    expect(container.withAttribute('data-pod')).toHaveLength(FIRST.pods.length + extra.length);
    expect(more.subscriptions()).toBe(few);
    act(() => more.root.unmount());
  });

  it('looks up no pod of a card whose node a new scenario lacks, nor of a tray pod no longer pending', async () => {
    const { root, store } = await mount();
    // The new scenario: other nodes; 'wait' still pending, 'a' bound to a new node.
    const NEW = frame({
      seq: 2,
      nodes: [node('x1')],
      pods: [pod('a', 'x1'), pod('wait', null), pod('new', 'x1')],
      queue: [{ namespace: 'default', name: 'wait', queue: 'active', reason: null, message: null }],
    });
    const lookups: string[] = [];
    act(() => {
      const next = withFrame(store.getState(), NEW)!;
      const { nodeNames, labelKeys, nodes, pods, podsByNode, pending, pendingMessages } = next.cluster!;
      const spied = new Map(pods);
      spied.get = (uid: string) => (lookups.push(uid), pods.get(uid));
      store.setState({ ...next, cluster: { nodeNames, labelKeys, nodes, pods: spied, podsByNode, pending, pendingMessages } });
    });
    // The new cards' slots look up their pods; the old slots of w1 and w2 (a, b, c) do not.
    expect([...new Set(lookups)].sort()).toEqual(['uid-a', 'uid-new', 'uid-wait']);
    expect(shown()).toEqual(pods('wait', 'a', 'new'));

    // A tray pod deleted: its tray slot, about to unmount, does not look it up.
    lookups.length = 0;
    act(() => {
      const next = withFrame(store.getState(), { ...NEW, seq: 3, reset: false, pods: [pod('a', 'x1'), pod('new', 'x1')], queue: [] })!;
      const { nodeNames, labelKeys, nodes, pods, podsByNode, pending, pendingMessages } = next.cluster!;
      const spied = new Map(pods);
      spied.get = (uid: string) => (lookups.push(uid), pods.get(uid));
      store.setState({ ...next, cluster: { nodeNames, labelKeys, nodes, pods: spied, podsByNode, pending, pendingMessages } });
    });
    expect(lookups).not.toContain('uid-wait');
    expect(shown()).toEqual(pods('a', 'new'));
    act(() => root.unmount());
  });
});
