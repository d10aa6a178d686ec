import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../engine/model/types';
import { createEngineHost, createManualTicker } from './engine-host';

const node = (name: string) => `
---
apiVersion: v1
kind: Node
metadata: { name: ${name} }
status:
  allocatable: { cpu: "4", memory: 8Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]`;

const SCENARIO = `
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: objects }
spec: { seed: 3 }
${node('worker-1')}
${node('worker-2')}
---
apiVersion: v1
kind: Pod
metadata: { name: ml-training, namespace: default }
spec:
  containers: [{ name: trainer, image: trainer, resources: { requests: { cpu: "8" } } }]
`;

function loaded() {
  const host = createEngineHost({ ticker: createManualTicker() });
  host.load(SCENARIO);
  return host;
}

describe('EngineHost.getObject', () => {
  it('returns a pod as the API server stores it, status included', () => {
    const pod = loaded().getObject('Pod', 'default', 'ml-training') as Pod;
    expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ml-training', namespace: 'default' } });
    expect(pod.metadata.uid).toEqual(expect.any(String));
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }));
  });

  it('follows the cluster: a dead node turns Unknown and gets the unreachable taints with their time', () => {
    const host = loaded();
    host.dispatch({ action: 'killNode', node: 'worker-2' });
    host.step(60_000);
    const node = host.getObject('Node', null, 'worker-2') as Node;
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    expect(node.spec?.taints).toContainEqual(expect.objectContaining({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: expect.any(String) }));
  });

  it('hands out a copy, returns null for what does not exist, and refuses malformed arguments', () => {
    const host = loaded();
    const first = host.getObject('Node', null, 'worker-1') as Node;
    first.metadata.name = 'changed';
    expect((host.getObject('Node', null, 'worker-1') as Node).metadata.name).toBe('worker-1');
    expect(host.getObject('Pod', 'default', 'nope')).toBeNull();
    expect(host.getObject('Pod', 'kube-system', 'ml-training')).toBeNull();
    expect(() => host.getObject(42 as never, null, 'x')).toThrow(/getObject: expected/);
    expect(() => createEngineHost({ ticker: createManualTicker() }).getObject('Node', null, 'x')).toThrow('getObject: no scenario is loaded yet');
  });
});

describe('EngineHost.listObjects', () => {
  const ROLLOUT = `${node('worker-1').replace('---', '')}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: default }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: app, image: "web:1" }] } }
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: loose, namespace: default }
spec:
  replicas: 0
  selector: { matchLabels: { app: loose } }
  template: { metadata: { labels: { app: loose } }, spec: { containers: [{ name: app, image: "loose:1" }] } }
`;

  it("lists a kind in a namespace, or only the objects a controller owns (a Deployment's ReplicaSets), as copies", () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(ROLLOUT);
    host.step(2_000);
    const deployment = host.getObject('Deployment', 'default', 'web')!;
    expect(host.listObjects('ReplicaSet', 'default').map((o) => o.metadata.name).sort()).toEqual(['loose', expect.stringMatching(/^web-/)]);
    const owned = host.listObjects('ReplicaSet', 'default', deployment.metadata.uid);
    expect(owned.map((o) => o.metadata.name)).toEqual([expect.stringMatching(/^web-/)]);
    expect(host.listObjects('ReplicaSet', 'other')).toEqual([]);
    owned[0].metadata.name = 'changed';
    expect(host.listObjects('ReplicaSet', 'default', deployment.metadata.uid)[0].metadata.name).toMatch(/^web-/);
    expect(() => host.listObjects(3 as unknown as string, null)).toThrow(/listObjects: expected a kind/);
  });
});
