import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame } from '../protocol/engine-api';
import { createEngineHost, createManualTicker } from './engine-host';
import { unreachableToleration } from './frames';
import type { Pod } from '../engine/model/types';
import { encodePods, PodTable } from '../protocol/pod-table';

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

describe('controller-derived fields of cached frames', () => {
  it('a pod\'s evictionAt appears once its node is killed and tainted, and goes when the node returns; untouched frames keep their identity', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(SCENARIO, 'deadlines.yaml');
    let f = host.step(12_000);
    const onB = f.pods.filter((p) => p.nodeName === 'b');
    expect(onB.length).toBeGreaterThan(0);
    const patientBefore = pod(f, 'patient');
    expect(patientBefore.evictionAt).toBeNull();

    host.dispatch({ action: 'killNode', node: 'a' });
    // Ready turns Unknown at 30 s, the unreachable NoExecute taint follows on a monitor pass.
    while (nodeA(f).unreachableTaintedAt === null && f.time < 60_000) f = host.step(1_000);
    const taintedAt = nodeA(f).unreachableTaintedAt!;
    expect(taintedAt).not.toBeNull();
    f = host.step(1_000);
    const patient = pod(f, 'patient');
    // The stored pod did not change (still Running, not deleted), only the controller's
    // pending eviction did: the frame must say so.
    expect(patient).toMatchObject({ phase: patientBefore.phase, deletionTimestamp: null, evictionAt: taintedAt + 90_000 });
    expect(nodeA(f).evictionAt).toBe(taintedAt + 60_000);
    // Pods on the healthy node are the same frame objects as before the kill.
    f.pods.filter((p) => p.nodeName === 'b').forEach((p, i) => expect(p).toBe(onB[i]));
    const stillPending = host.step(1_000);
    expect(pod(stillPending, 'patient')).toBe(pod(f, 'patient')); // unchanged eviction: same object

    host.dispatch({ action: 'restoreNode', node: 'a' });
    f = host.snapshot()!;
    while (nodeA(f).unreachableTaintedAt !== null && f.time < taintedAt + 50_000) f = host.step(1_000);
    expect(f.time).toBeLessThan(taintedAt + 60_000); // back before anything was evicted
    expect(nodeA(f)).toMatchObject({ status: 'Ready', unreachableTaintedAt: null, evictionAt: null });
    expect(pod(f, 'patient')).toMatchObject({ evictionAt: null, deletionTimestamp: null });
    expect(pod(f, 'plain')).toMatchObject({ evictionAt: null, deletionTimestamp: null });
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

/** Node a and the bare pod `crash` on it, whose container exits 1 every 5 s (restartPolicy Always). */
const CRASH_LOOP_POD = `apiVersion: v1
kind: Node
metadata: { name: a }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
---
apiVersion: v1
kind: Pod
metadata: { name: crash, namespace: default, annotations: { podscape.dev/run-duration: 5s, podscape.dev/exit-code: "1" } }
spec: { nodeName: a, containers: [{ name: app, image: app }] }
`;

describe('a crash-looping pod in the frame (kubectl STATUS and RESTARTS)', () => {
  it('carries CrashLoopBackOff and the restart count while the phase stays Running; a Never pod that exits 1 carries Error', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(
      `${CRASH_LOOP_POD}---
apiVersion: v1
kind: Pod
metadata: { name: once, namespace: default, annotations: { podscape.dev/run-duration: 5s, podscape.dev/exit-code: "1" } }
spec: { nodeName: a, restartPolicy: Never, containers: [{ name: app, image: app }] }
`,
      'crash.yaml',
    );
    let f = host.step(3_000);
    expect(pod(f, 'crash')).toMatchObject({ phase: 'Running', containerReason: null, restarts: 0, ready: true });
    // Exits at 6 s, restarts at 7 s, exits at 12 s and backs off 10 s.
    f = host.step(12_000);
    expect(pod(f, 'crash')).toMatchObject({ phase: 'Running', containerReason: 'CrashLoopBackOff', restarts: 1, ready: false });
    expect(pod(f, 'once')).toMatchObject({ phase: 'Failed', containerReason: 'Error', restarts: 0 });
  });

  it("carries kubectl's last restart time (the newest lastState.terminated.finishedAt), which RESTARTS prints as '1 (3s ago)', through the wire's pod table", () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(
      CRASH_LOOP_POD,
      'crash.yaml',
    );
    let f = host.step(3_000);
    expect(pod(f, 'crash').lastRestartAt).toBeNull();
    f = host.step(12_000);
    const crash = pod(f, 'crash');
    const statuses = (host.getObject('Pod', 'default', 'crash') as Pod).status!.containerStatuses as { lastState: { terminated: { finishedAt: string } } }[];
    const finished = statuses[0].lastState.terminated.finishedAt;
    expect(crash.lastRestartAt).toBe(Date.parse(finished) - Date.UTC(2026, 0, 1));
    expect(crash.lastRestartAt).toBeGreaterThan(5_000);
    expect(crash.lastRestartAt).toBeLessThan(15_000);
    const table = PodTable.fromPacket(encodePods(f.pods, f.nodes), f.nodes);
    expect(table.get(0).lastRestartAt).toBe(crash.lastRestartAt);
  });
});

describe('a pod waiting for its image in the frame (kubectl STATUS)', () => {
  it('carries ContainerCreating while a pull runs, ErrImagePull and ImagePullBackOff for an image that cannot be pulled, the phase Pending', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(
      `apiVersion: v1
kind: Node
metadata: { name: a }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
---
apiVersion: v1
kind: Pod
metadata: { name: slow, namespace: default, annotations: { podscape.dev/image-pull: 20s } }
spec: { nodeName: a, containers: [{ name: app, image: "app:1" }] }
---
apiVersion: v1
kind: Pod
metadata: { name: typo, namespace: default, annotations: { podscape.dev/image-pull: fail } }
spec: { nodeName: b, containers: [{ name: app, image: "app:1.O" }] }
---
apiVersion: v1
kind: Node
metadata: { name: b }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
`,
      'pulls.yaml',
    );
    const typo = (f: Frame) => f.pods.find((p) => p.name === 'typo')!;
    let f = host.step(5_000);
    expect(pod(f, 'slow')).toMatchObject({ phase: 'Pending', containerReason: 'ContainerCreating', ready: false });
    // On a node of its own: node a pulls one image at a time (serializeImagePulls), so there it would wait for slow's pull.
    expect(typo(f)).toMatchObject({ phase: 'Pending', containerReason: 'ErrImagePull' });
    // The typo pulls at 1 s and 11 s; the re-sync at 21 s finds it backing off (20 s).
    f = host.step(17_000);
    expect(pod(f, 'slow')).toMatchObject({ phase: 'Running', containerReason: null, ready: true });
    expect(typo(f)).toMatchObject({ phase: 'Pending', containerReason: 'ImagePullBackOff' });
  });
});
