import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/model/types';
import { buildClusterView } from './cluster-view';

const node = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
});

describe('buildClusterView', () => {
  it('takes roles and zone from the well-known labels, keeping node order', () => {
    const view = buildClusterView(
      [
        node('cp', {
          'node-role.kubernetes.io/control-plane': '',
          'node-role.kubernetes.io/etcd': '',
          'topology.kubernetes.io/zone': 'eu-west-1a',
        }),
        node('w1'),
      ],
      [],
    );
    expect(view).toEqual({
      nodes: [
        { name: 'cp', roles: ['control-plane', 'etcd'], zone: 'eu-west-1a', pods: [] },
        { name: 'w1', roles: [], zone: null, pods: [] },
      ],
      pending: [],
    });
  });

  it('puts bound and placed pods under their node and the rest in pending with their message', () => {
    const boundPod: KubeObject = {
      kind: 'Pod',
      metadata: { name: 'etcd', namespace: 'kube-system' },
      spec: { nodeName: 'w1', containers: [] },
      status: { phase: 'Succeeded' },
    };
    const view = buildClusterView(
      [node('w1'), boundPod],
      [
        { namespace: 'default', name: 'web', nodeName: 'w1', message: '' },
        { namespace: 'default', name: 'big', nodeName: null, message: '0/1 nodes are available: 1 Insufficient cpu.' },
        { namespace: 'default', name: 'lost', nodeName: 'gone', message: '' },
      ],
    );
    expect(view.nodes[0].pods).toEqual([
      { namespace: 'kube-system', name: 'etcd', phase: 'Succeeded' },
      { namespace: 'default', name: 'web', phase: 'Running' },
    ]);
    expect(view.pending).toEqual([
      { namespace: 'default', name: 'big', message: '0/1 nodes are available: 1 Insufficient cpu.' },
      { namespace: 'default', name: 'lost', message: 'node "gone" not found' },
    ]);
  });

  it('lists a bound pod once when the scheduler also reports it', () => {
    const bound: KubeObject = { kind: 'Pod', metadata: { name: 'a' }, spec: { nodeName: 'w1', containers: [] } };
    const view = buildClusterView([node('w1'), bound], [{ namespace: 'default', name: 'a', nodeName: 'w1', message: '' }]);
    expect(view.nodes[0].pods).toEqual([{ namespace: 'default', name: 'a', phase: 'Running' }]);
  });
});
