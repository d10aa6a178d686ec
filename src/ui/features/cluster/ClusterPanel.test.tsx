import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ClusterPanelView } from './ClusterPanel';

describe('ClusterPanelView', () => {
  it('shows a load failure in an alert', () => {
    const html = renderToStaticMarkup(
      <ClusterPanelView load={{ status: 'error', message: 'Could not load x.yaml: x.yaml:3:1: kind: Required value' }} />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('x.yaml:3:1: kind: Required value');
  });

  it('lists nodes with their pods and the pending tray with messages', () => {
    const html = renderToStaticMarkup(
      <ClusterPanelView
        load={{
          status: 'ready',
          view: {
            nodes: [
              { name: 'cp', roles: ['control-plane'], zone: 'a', pods: [] },
              { name: 'w1', roles: [], zone: null, pods: [{ namespace: 'default', name: 'web', phase: 'Running' }] },
            ],
            pending: [{ namespace: 'default', name: 'big', message: '0/2 nodes are available: 2 Insufficient cpu.' }],
          },
        }}
      />,
    );
    expect(html).toContain('data-node="cp"');
    expect(html).toMatch(/data-node="w1"[^]*data-pod="default\/web" data-pod-phase="Running"/);
    expect(html).toMatch(/data-pending-tray[^]*data-pod="default\/big" data-pod-phase="Pending"[^]*0\/2 nodes are available/);
    expect(html).not.toContain('role="alert"');
  });
});
