import { describe, expect, it } from 'vitest';
import type { PodFrame } from '../../../protocol/engine-api';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { connectEngine, loadScenario } from '../../store/actions';
import { createPodscapeStore } from '../../store/podscape-store';
import { createDragController } from './drag-controller';
import { createDragStore } from './drag-store';
import { outcomeText } from './DropOutcomeNotice';

const SCENARIO = `
apiVersion: v1
kind: Node
metadata: { name: big }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: small }
status: { allocatable: { cpu: "1", memory: 1Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: gpu }
spec: { taints: [{ key: dedicated, value: gpu, effect: NoSchedule }] }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: v1
kind: Pod
metadata: { name: batch }
spec:
  schedulerName: manual
  containers: [{ name: main, image: busybox, resources: { requests: { cpu: "2", memory: 1Gi } } }]
---
apiVersion: v1
kind: Pod
metadata: { name: solo }
spec:
  nodeName: big
  containers: [{ name: main, image: nginx, resources: { requests: { cpu: 500m } } }]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, resources: { requests: { cpu: 100m } } }] }
`;

async function setup() {
  const client = createInProcessClient({ ticker: createManualTicker() });
  const store = createPodscapeStore();
  await connectEngine(store, client);
  await loadScenario(store, client, SCENARIO);
  const drag = createDragStore();
  const controller = createDragController(store, client, drag);
  const pod = (name: string) => store.getState().frame!.pods.find((p) => p.name === name);
  const web = () => store.getState().frame!.pods.find((p) => p.owner?.name === 'web' && p.deletionTimestamp === null)!;
  return { client, store, drag, controller, pod, web };
}

describe('the drag controller', () => {
  it('asks the engine once at pick-up and binds a pending pod dropped on a node that fits', async () => {
    const { drag, controller, pod, store } = await setup();
    const verdicts = await controller.start(pod('batch')!);
    expect(drag.getState().active?.name).toBe('batch');
    expect(drag.getState().verdicts).toBe(verdicts);
    expect(verdicts!.get('big')).toMatchObject({ kind: 'fits' });
    expect(verdicts!.get('small')).toEqual({ kind: 'rejects', reasons: ['Insufficient cpu'], plugins: ['NodeResourcesFit'] });
    expect(verdicts!.get('gpu')).toMatchObject({ kind: 'rejects', reasons: ['node(s) had untolerated taint(s)'] });

    controller.over('big');
    expect(drag.getState().over).toBe('big');
    const plan = await controller.drop('big');
    expect(plan?.kind).toBe('bind');
    expect(pod('batch')?.nodeName).toBe('big');
    expect(drag.getState()).toMatchObject({ active: null, over: null, pending: null, outcome: { action: 'bound', node: 'big' } });
    expect(outcomeText(store.getState(), drag.getState().outcome!)).toBe('Bound pod batch on node big (Pending).');
  });

  it('asks before binding to a rejecting node, and shows the kubelet refusing it', async () => {
    const { drag, controller, pod, store } = await setup();
    void controller.start(pod('batch')!);
    const plan = await controller.drop('small'); // the verdicts arrive first: drop waits for them
    expect(plan).toMatchObject({ kind: 'bindAnyway', verdict: { kind: 'rejects', reasons: ['Insufficient cpu'] } });
    expect(pod('batch')?.nodeName).toBeNull();
    expect(drag.getState().pending?.node).toBe('small');

    await controller.confirm();
    expect(pod('batch')).toMatchObject({ nodeName: 'small', phase: 'Failed' });
    expect(outcomeText(store.getState(), drag.getState().outcome!)).toMatch(
      /^The kubelet on small refused pod batch: OutOfcpu — Node didn't have enough resource: cpu, requested: 2000, used: \d+, capacity: 1000$/,
    );
  });

  it('binds to a NoSchedule-tainted node anyway and the kubelet runs it', async () => {
    const { controller, pod, store, drag } = await setup();
    void controller.start(pod('batch')!);
    await controller.drop('gpu');
    await controller.confirm();
    expect(pod('batch')?.nodeName).toBe('gpu');
    expect(pod('batch')?.phase).not.toBe('Failed');
    expect(outcomeText(store.getState(), drag.getState().outcome!)).toMatch(/^Bound pod batch on node gpu/);
  });

  it('deletes a controller-owned pod on confirmation and lets its ReplicaSet replace it', async () => {
    const { controller, web, drag, store } = await setup();
    const before: PodFrame = web();
    void controller.start(before);
    const plan = await controller.drop(before.nodeName === 'big' ? 'gpu' : 'big');
    expect(plan).toMatchObject({ kind: 'replace', owner: { kind: 'ReplicaSet', name: 'web' } });
    await controller.confirm();
    const frame = store.getState().frame!;
    expect(frame.pods.find((p) => p.name === before.name)?.deletionTimestamp).not.toBeNull();
    expect(web().name).not.toBe(before.name);
    expect(outcomeText(store.getState(), drag.getState().outcome!)).toBe(`Deleted pod ${before.name}: ReplicaSet web creates a replacement, and the scheduler picks its node.`);
  });

  it('deletes a bare pod and creates it again bound to the target', async () => {
    const { controller, pod } = await setup();
    const before = pod('solo')!;
    expect(before.nodeName).toBe('big');
    void controller.start(before);
    expect(await controller.drop('small')).toMatchObject({ kind: 'recreate', verdict: { kind: 'fits' } });
    await controller.confirm();
    const after = pod('solo')!;
    expect(after.nodeName).toBe('small');
    expect(after.uid).not.toBe(before.uid);
    expect(after.deletionTimestamp).toBeNull();
  });

  it('does nothing for a drop on the pod’s own node, outside any node, or after cancel', async () => {
    const { controller, pod, drag } = await setup();
    void controller.start(pod('solo')!);
    expect(await controller.drop('big')).toMatchObject({ kind: 'none', why: 'pod solo is already on node big' });
    void controller.start(pod('solo')!);
    expect(await controller.drop(null)).toBeNull();
    void controller.start(pod('batch')!);
    controller.cancel();
    expect(drag.getState()).toMatchObject({ active: null, verdicts: null, pending: null });
    expect(pod('batch')?.nodeName).toBeNull();
  });
});
