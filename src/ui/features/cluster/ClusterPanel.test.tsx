import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import type { Frame } from '../../../protocol/engine-api';
import type { EngineClient } from '../../bridge/engine-client';
import { createPodscapeStore, StoreProvider, withFrame, type PodscapeState } from '../../store/podscape-store';
import { ClusterPanel } from './ClusterPanel';
import { frame, node, pod } from '../../../protocol/frame-fixtures';

/** Server-renders the panel over a store holding `f` (useSyncExternalStore reads the initial state there). */
function render(f: Frame | null, status: PodscapeState['status'] = 'ready', incoming: number | null = null): string {
  const base = createPodscapeStore().getState();
  const state: PodscapeState = { ...base, status, ...(f ? withFrame(base, f) : {}), incoming };
  const store = createStore<PodscapeState>()(() => state);
  return renderToStaticMarkup(
    <StoreProvider store={store} client={{} as EngineClient}>
      <ClusterPanel />
    </StoreProvider>,
  );
}

describe('ClusterPanel', () => {
  it('lays the node cards out in natural order (worker-2 before worker-10), whatever the API order', () => {
    const names = ['worker-1', 'worker-10', 'worker-11', 'worker-2', 'worker-9'];
    const html = render(frame({ nodes: names.map((n) => node(n)) }));
    expect([...html.matchAll(/data-node="([^"]+)"/g)].map((m) => m[1])).toEqual(['worker-1', 'worker-2', 'worker-9', 'worker-10', 'worker-11']);
  });

  it('says it is loading before the first frame', () => {
    expect(render(null, 'loading')).toContain('role="status"');
    expect(render(null, 'failed')).toBe('');
  });

  it('puts pods in their node card and the unbound ones in the pending tray with their message', () => {
    const html = render(
      frame({
        nodes: [
          node('cp', { roles: ['control-plane'], zone: 'a', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
          node('w1', { status: 'Unknown', unschedulable: true, powered: false }),
        ],
        pods: [pod('big', null), pod('old', 'w1', { deletionTimestamp: '2026-01-01T00:05:55Z' }), pod('web', 'w1')],
        queue: [{ namespace: 'default', name: 'big', queue: 'unschedulable', reason: 'Unschedulable', message: '0/2 nodes are available: 2 Insufficient cpu.' }],
      }),
    );
    expect(html).toMatch(/data-node="cp" data-node-status="Ready" data-powered="true" aria-labelledby/);
    expect(html).toContain('data-node="w1" data-node-status="Unknown" data-unschedulable="true" data-powered="false"');
    expect(html).toMatch(/data-node="w1"[^]*data-pod="default\/old" data-pod-phase="Running" data-terminating="true"[^]*Terminating/);
    expect(html).toMatch(/data-node="w1"[^]*data-pod="default\/web" data-pod-phase="Running"/);
    expect(html).toMatch(/data-pending-tray[^]*data-pod="default\/big" data-pod-phase="Pending"[^]*0\/2 nodes are available/);
    // Each card's pod count, for its height before it is first drawn (cluster.css).
    expect(html).toMatch(/data-node="cp"[^>]*style="--pod-count:0"/);
    expect(html).toMatch(/data-node="w1"[^>]*style="--pod-count:2"/);
    expect(html.match(/role="meter"/g)).toHaveLength(6);
    expect(html).toMatch(/data-node="cp"[^]*role="meter" aria-label="cpu"[^]*role="meter" aria-label="memory"[^]*role="meter" aria-label="pods"/);
    expect(html).not.toContain('role="alert"');
    // Badges and taint chips.
    expect(html).toMatch(/data-node="cp"[^]*>control-plane<[^]*zone a[^]*node-role.kubernetes.io\/<wbr\/>control-plane:<wbr\/>NoSchedule/);
    expect(html).toMatch(/data-node="w1"[^]*>worker<[^]*/);
    expect(html).toMatch(/data-node="w1"[^]*>cordoned<[^]*>powered off</);
  });

  it('shows a node pressure condition that is True as a badge, as the canvas card lists it', () => {
    const html = render(frame({ nodes: [node('w1', { pressures: ['MemoryPressure'] }), node('w2')], pods: [] }));
    expect(html).toMatch(/data-node="w1"[^]*data-pressure="MemoryPressure"[^>]*>MemoryPressure</);
    expect(html.split('data-node="w2"')[1]).not.toContain('data-pressure');
  });

  it('takes the DOM cards down while a large cluster, which the canvas view will show, is on its way', () => {
    const small = frame({ nodes: [node('w1')], pods: [pod('a', 'w1')] });
    expect(render(small, 'ready', 201)).toBe('<p role="status" style="min-height:200vh">Loading the cluster…</p>');
    // A cluster the cards will show again, or none coming: the cards stay.
    expect(render(small, 'ready', 200)).toContain('data-pod="default/a"');
    expect(render(small)).toContain('data-pod="default/a"');
  });

  it('says so when the pending tray is empty', () => {
    const html = render(frame({ nodes: [node('w1')], pods: [pod('a', 'w1')] }));
    expect(html).toMatch(/data-pending-tray[^]*Pending pods \(0\)[^]*No pending pods/);
  });

  it('sends a pod bound to a missing node to the pending tray, saying so', () => {
    const html = render(frame({ nodes: [node('w1')], pods: [pod('a', 'w1'), pod('lost', 'gone')] }));
    expect(html).toMatch(/data-pending-tray[^]*data-pod="default\/lost"[^]*node &quot;gone&quot; not found/);
    expect(html).toMatch(/data-node="w1"[^]*data-pod="default\/a"/);
  });

  it('captions each pod of a node that stopped answering with its fate, and counts down', () => {
    const html = render(
      frame({
        time: 20_000,
        nodes: [node('w1', { powered: false, lastHeartbeat: 10_000, readyUnknownAt: 60_000 })],
        pods: [
          pod('ds', 'w1', { owner: { kind: 'DaemonSet', name: 'agent' }, unreachableToleration: 'forever' }),
          pod('db-0', 'w1', { owner: { kind: 'StatefulSet', name: 'db' } }),
          pod('web-abc', 'w1', { owner: { kind: 'ReplicaSet', name: 'web-5d8f7c9b4' }, evictionAt: 260_000 }),
          pod('report', 'w1'),
        ],
      }),
    );
    expect(html).toMatch(/data-pod="default\/ds"[^]*data-pod-fate="stays"/);
    expect(html).toMatch(/data-pod="default\/db-0"[^]*data-pod-fate="waits"[^]*no new db-0/);
    expect(html).toMatch(/data-pod="default\/web-abc"[^]*Evicted in <span role="timer"[^>]*>4:00<[^]*data-pod-fate="replaced"/);
    expect(html.match(/aria-label="Evicted in"/g)).toHaveLength(1);
    expect(html).toMatch(/data-pod="default\/report"[^]*data-pod-fate="gone"/);
    expect(html).toMatch(/Ready → Unknown in <span role="timer"[^>]*>0:40</);
    expect(html).toContain('5 min after the NoExecute unreachable taint');
  });

  it('groups nodes by zone only when asked, with no caption on a healthy node', () => {
    const html = render(frame({ nodes: [node('a', { zone: 'z1' }), node('b', { zone: 'z2' })], pods: [pod('p', 'a')] }));
    expect(html).toMatch(/<label[^>]*>Group nodes by<select[^>]*>[^]*<option value="none" selected="">none<\/option><option value="zone">zone<\/option>/);
    expect(html).not.toContain('data-pod-fate');
    expect(html).not.toContain('data-node-deadline');
  });
});
