import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame, PodFrame } from '../../../protocol/engine-api';
import type { EngineClient } from '../../bridge/engine-client';
import { createPodscapeStore, StoreProvider } from '../../store/podscape-store';
import { ClusterPanelView, placePods } from './ClusterPanel';

/** Node cards hold controls that reach the store and the engine client: give them a (never called) one. */
const inRuntime = (ui: React.ReactNode) => (
  <StoreProvider store={createPodscapeStore()} client={{} as EngineClient}>
    {ui}
  </StoreProvider>
);

const amounts = { cpu: 0, memory: 0, pods: 0 };
const node = (name: string, over: Partial<NodeFrame> = {}): NodeFrame => ({
  name,
  status: 'Ready',
  unschedulable: false,
  powered: true,
  roles: [],
  zone: null,
  labels: {},
  taints: [],
  allocatable: amounts,
  requested: amounts,
  ...over,
});
const pod = (name: string, nodeName: string | null, over: Partial<PodFrame> = {}): PodFrame => ({
  uid: `uid-${name}`,
  namespace: 'default',
  name,
  phase: nodeName ? 'Running' : 'Pending',
  nodeName,
  deletionTimestamp: null,
  ready: nodeName !== null,
  owner: null,
  requests: { cpu: 0, memory: 0 },
  ...over,
});
const frame = (over: Partial<Frame>): Frame => ({
  seq: 1,
  time: 0,
  playing: false,
  speed: 1,
  reset: true,
  nodes: [],
  pods: [],
  queue: [],
  events: [],
  workloads: [],
  ...over,
});

describe('ClusterPanelView', () => {
  it('says it is loading before the first frame', () => {
    expect(renderToStaticMarkup(<ClusterPanelView status="loading" frame={null} />)).toContain('role="status"');
    expect(renderToStaticMarkup(<ClusterPanelView status="failed" frame={null} />)).toBe('');
  });

  it('puts pods in their node card and the unbound ones in the pending tray with their message', () => {
    const html = renderToStaticMarkup(
      inRuntime(<ClusterPanelView
        status="ready"
        frame={frame({
          nodes: [node('cp', { roles: ['control-plane'], zone: 'a' }), node('w1', { status: 'Unknown', unschedulable: true, powered: false })],
          pods: [
            pod('big', null),
            pod('old', 'w1', { deletionTimestamp: '2026-01-01T00:05:55Z' }),
            pod('web', 'w1'),
          ],
          queue: [{ namespace: 'default', name: 'big', queue: 'unschedulable', reason: 'Unschedulable', message: '0/2 nodes are available: 2 Insufficient cpu.' }],
        })}
      />),
    );
    expect(html).toContain('data-node="cp" data-node-status="Ready" aria-labelledby');
    expect(html).toContain('data-node="w1" data-node-status="Unknown" data-unschedulable="true"');
    expect(html).toMatch(/data-node="w1"[^]*data-pod="default\/old" data-pod-phase="Running" data-terminating="true"[^]*Terminating/);
    expect(html).toMatch(/data-node="w1"[^]*data-pod="default\/web" data-pod-phase="Running"/);
    expect(html).toMatch(/data-pending-tray[^]*data-pod="default\/big" data-pod-phase="Pending"[^]*0\/2 nodes are available/);
    expect(html.match(/role="meter"/g)).toHaveLength(6);
    expect(html).toMatch(/data-node="cp"[^]*role="meter" aria-label="cpu"[^]*role="meter" aria-label="memory"[^]*role="meter" aria-label="pods"/);
    expect(html).not.toContain('role="alert"');
  });
});

describe('placePods', () => {
  it('sends a pod bound to a missing node to the pending tray, saying so', () => {
    const { byNode, pending } = placePods(frame({ nodes: [node('w1')], pods: [pod('a', 'w1'), pod('lost', 'gone')] }));
    expect(byNode.get('w1')!.map((p) => p.name)).toEqual(['a']);
    expect(pending).toEqual([{ pod: expect.objectContaining({ name: 'lost' }), message: 'node "gone" not found' }]);
  });
});
