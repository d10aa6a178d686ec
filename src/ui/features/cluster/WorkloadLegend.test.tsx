/**
 * The legend's owners are read in its render, not in its store selector: a legend that a
 * frame unmounts (the cards view, when a new large scenario switches to the canvas) never
 * reads the new cluster's owners, and a frame that changes pods but not owners does not
 * re-render the list.
 */
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../../bridge/engine-client';
import { frame, node, pod } from '../../../protocol/frame-fixtures';
import { applyFrame, createPodscapeStore, StoreProvider, usePodscapeStore } from '../../store/podscape-store';
import { installMiniDom, type MiniElement } from '../../testing/mini-dom';
import type * as PartModule from '../../store/table-pod-part';
import type { createRoot as CreateRoot } from 'react-dom/client';

const reads: number[] = [];
vi.mock('../../store/table-pod-part', async (importOriginal) => {
  const real = await importOriginal<typeof PartModule>();
  return { ...real, podOwners: (pods: Parameters<typeof real.podOwners>[0]) => (reads.push(pods.size), real.podOwners(pods)) };
});

let createRoot: typeof CreateRoot;
beforeAll(async () => {
  installMiniDom();
  ({ createRoot } = await import('react-dom/client'));
});

const rs = (name: string) => ({ kind: 'ReplicaSet', name, controller: true });

describe('WorkloadLegend', () => {
  it('reads the owners only where it renders, once per pods map, and keeps its list while the owners stay', async () => {
    const { WorkloadLegend } = await import('./WorkloadLegend');
    const store = createPodscapeStore();
    // Shown while the cluster is small, as the cards view is.
    const Small = () => (usePodscapeStore((s) => (s.frame?.nodes.length ?? 0) < 3) ? <WorkloadLegend /> : null);
    act(() => applyFrame(store, frame({ seq: 1, nodes: [node('w1')], pods: [pod('a', 'w1', { owner: rs('web-5f7') })] })));
    const { container }: { container: MiniElement } = installMiniDom();
    const root = createRoot(container as unknown as Element);
    act(() => root.render(<StoreProvider store={store} client={{} as EngineClient}><Small /></StoreProvider>));
    const items = () => (container.withAttribute('aria-label')[0]?.childNodes ?? []).map((li) => li.textContent);
    expect(items()).toEqual(['web-5f7 ReplicaSet', 'bare pod']);
    expect(reads).toEqual([1]);

    // Another pod of the same owner: read once more (a new pods map), the list element kept.
    const list = container.withAttribute('aria-label')[0];
    act(() => applyFrame(store, frame({ seq: 2, reset: false, nodes: [node('w1')], pods: [pod('a', 'w1', { owner: rs('web-5f7') }), pod('b', 'w1', { owner: rs('web-5f7') })] })));
    expect(reads).toEqual([1, 2]);
    expect(container.withAttribute('aria-label')[0]).toBe(list);

    // A new, larger scenario unmounts the legend: its 30 pods' owners are never read.
    const many = Array.from({ length: 30 }, (_, i) => pod(`p${i}`, 'n1', { owner: rs(`app${i}-1`) }));
    act(() => applyFrame(store, frame({ seq: 3, nodes: [node('n1'), node('n2'), node('n3')], pods: many })));
    expect(reads).toEqual([1, 2]);
    expect(items()).toEqual([]);
    act(() => root.unmount());
  });
});

describe('ownersOf (entries kept per owner object)', () => {
  it('equals the entries built afresh over random pods maps that share and replace owner objects', async () => {
    const fc = (await import('fast-check')).default;
    const { ownersOf } = await import('./WorkloadLegend');
    const { colourKey } = await import('./workload-colour');
    const owners = [rs('web-5f7c9d8b4'), rs('web-5f7c9d8b4'), rs('api-6d8f7b9c5'), { kind: 'Job', name: 'batch', controller: true }, { kind: 'StatefulSet', name: 'db', controller: true }];
    fc.assert(
      fc.property(fc.array(fc.array(fc.option(fc.nat({ max: owners.length - 1 }), { nil: null }), { maxLength: 8 }), { minLength: 1, maxLength: 5 }), (maps) => {
        for (const picks of maps) {
          // Owner objects reused from map to map (a pod the frame did not change), or copies (a new pod object).
          const pods = new Map(picks.map((k, i) => [`uid-${i}`, pod(`p${i}`, 'w1', { owner: k === null ? null : i % 2 ? owners[k] : { ...owners[k] } })]));
          const fresh = [...new Set([...pods.values()].flatMap((p) => (p.owner ? [`${p.owner.kind}\u0000${colourKey(p.owner)}`] : [])))].sort();
          expect(ownersOf(pods)).toEqual(fresh);
        }
      }),
    );
  });
});
