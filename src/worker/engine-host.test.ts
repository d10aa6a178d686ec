import { describe, expect, it } from 'vitest';
import { createEngineHost } from './engine-host';

const SCENARIO = `
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: tiny }
spec: { title: Tiny, seed: 7 }
---
apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels: { topology.kubernetes.io/zone: zone-a }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True" }]
---
apiVersion: v1
kind: Pod
metadata: { name: small, namespace: default }
spec:
  containers: [{ name: app, image: nginx, resources: { requests: { cpu: 500m, memory: 256Mi } } }]
---
apiVersion: v1
kind: Pod
metadata: { name: huge, namespace: default }
spec:
  containers: [{ name: app, image: nginx, resources: { requests: { cpu: "8" } } }]
`;

describe('engine host', () => {
  it('loads a scenario, schedules its pods and keeps the view as its snapshot', () => {
    const host = createEngineHost();
    expect(host.snapshot()).toBeNull();
    const view = host.load(SCENARIO, 'tiny.yaml');
    expect(view.nodes).toEqual([
      { name: 'worker-1', roles: [], zone: 'zone-a', pods: [{ namespace: 'default', name: 'small', phase: 'Running' }] },
    ]);
    expect(view.pending).toHaveLength(1);
    expect(view.pending[0].name).toBe('huge');
    expect(view.pending[0].message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
    expect(host.snapshot()).toBe(view);
  });

  it('throws a user-facing error for broken YAML and keeps the last good view', () => {
    const host = createEngineHost();
    const good = host.load(SCENARIO);
    expect(() => host.load('kind: Pod\nmetadata: [unclosed', 'broken.yaml')).toThrow();
    expect(host.snapshot()).toBe(good);
  });
});
