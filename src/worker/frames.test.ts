import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame } from '../protocol/engine-api';
import { createEngineHost, createManualTicker } from './engine-host';
import { unreachableToleration } from './frames';

const SCENARIO = `
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: deadlines }
spec: { seed: 3, controlPlane: { nodeMonitorGracePeriod: 20s, defaultTolerationSeconds: 60 } }
---
apiVersion: v1
kind: Node
metadata: { name: a }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True" }]
---
apiVersion: v1
kind: Node
metadata: { name: b }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True" }]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: default }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers: [{ name: agent, image: agent }]
---
apiVersion: v1
kind: Pod
metadata: { name: patient, namespace: default }
spec:
  nodeName: a
  containers: [{ name: app, image: app }]
  tolerations: [{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 90 }]
---
apiVersion: v1
kind: Pod
metadata: { name: plain, namespace: default }
spec:
  nodeName: a
  containers: [{ name: app, image: app }]
`;

const nodeA = (f: Frame): NodeFrame => f.nodes.find((n) => n.name === 'a')!;
const pod = (f: Frame, prefix: string) => f.pods.find((p) => p.name.startsWith(prefix) && p.nodeName === 'a')!;

describe('frame deadlines after a power loss', () => {
  it('predict when Ready turns Unknown and when each pod is evicted, as the controllers then do', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(SCENARIO, 'deadlines.yaml');
    let f = host.step(12_000);
    expect(nodeA(f)).toMatchObject({ status: 'Ready', readyUnknownAt: null, evictionAt: null });
    expect(nodeA(f).lastHeartbeat).toBe(10_000);
    expect(pod(f, 'plain').unreachableToleration).toBe(60);
    expect(pod(f, 'patient').unreachableToleration).toBe(90);
    expect(pod(f, 'agent').unreachableToleration).toBe('forever');

    host.dispatch({ action: 'killNode', node: 'a' });
    f = host.snapshot()!;
    const unknownAt = nodeA(f).readyUnknownAt!;
    // The last renewal (10 s) plus the 20 s grace, on a 5 s monitor pass.
    expect(unknownAt).toBe(30_000);
    f = host.step(unknownAt - 100 - f.time);
    expect(nodeA(f)).toMatchObject({ status: 'Ready', readyUnknownAt: unknownAt });
    f = host.step(100);
    expect(nodeA(f)).toMatchObject({ status: 'Unknown', readyUnknownAt: null, unreachableTaintedAt: null });

    f = host.step(10_000);
    const plainAt = pod(f, 'plain').evictionAt!;
    const patientAt = pod(f, 'patient').evictionAt!;
    expect(patientAt - plainAt).toBe(30_000);
    expect(pod(f, 'agent').evictionAt).toBeNull();
    // Tolerations count from when the taint was added.
    expect(plainAt - nodeA(f).unreachableTaintedAt!).toBe(60_000);
    expect(nodeA(f).evictionAt).toBe(plainAt);
    expect(nodeA(f).lastHeartbeat).toBe(10_000);

    f = host.step(plainAt - 100 - f.time);
    expect(pod(f, 'plain').deletionTimestamp).toBeNull();
    f = host.step(100);
    expect(pod(f, 'plain')).toMatchObject({ evictionAt: null, deletionTimestamp: expect.any(String) });
    expect(nodeA(f).evictionAt).toBe(patientAt);
  });
});

describe('unreachableToleration', () => {
  it('is 0 without a matching toleration, the smallest seconds, or forever without a limit', () => {
    expect(unreachableToleration(undefined)).toBe(0);
    expect(unreachableToleration([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }])).toBe(0);
    expect(unreachableToleration([{ operator: 'Exists' }])).toBe('forever');
    expect(unreachableToleration([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }])).toBe(0);
    expect(unreachableToleration([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 42 }])).toBe(42);
  });
});
