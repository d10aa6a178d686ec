import { describe, expect, it } from 'vitest';
import { fromTimestamp } from '../clock/time';
import { barePod, node } from '../controllers/node-lifecycle/cluster-fixture';
import type { KubeObject, Node, Pod } from '../model/types';
import { deletePod } from '../sim/api';
import type { ControlPlaneConfig } from '../sim/contracts';
import { createSimulation } from '../sim/simulation';
import { createKubeletManager } from './kubelet-manager';
import { leaseTable, refreshLeaseObjects } from './lease-table';

const s = (x: number) => x * 1000;

function cluster(objects: KubeObject[], controlPlane?: Partial<ControlPlaneConfig>) {
  const sim = createSimulation({ seed: 5, controlPlane, components: [createKubeletManager()] });
  sim.load(objects);
  sim.advanceTo(0);
  return sim;
}

const pod = (sim: ReturnType<typeof cluster>, name: string) => sim.store.get<Pod>('Pod', 'default', name);
const events = (sim: ReturnType<typeof cluster>, object: string) => sim.events().filter((e) => e.object === object);
const cond = (p: Pod | undefined, type: string) => p?.status?.conditions?.find((c) => c.type === type);

function sized(name: string, allocatable: Record<string, string>): Node {
  const n = node(name);
  n.status = { capacity: { ...allocatable }, allocatable: { ...allocatable } };
  return n;
}

function withRequests(name: string, nodeName: string, requests: Record<string, string>, extra: Partial<Pod['spec']> = {}): Pod {
  const p = barePod(name, nodeName);
  p.spec.containers[0].resources = { requests };
  Object.assign(p.spec, extra);
  return p;
}

describe('kubelet: node registration, status and Lease', () => {
  it('posts the healthy conditions, the boot ID and the registration events', () => {
    const sim = cluster([node('w')]);
    const n = sim.store.get<Node>('Node', undefined, 'w')!;
    expect(n.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect((n.status!.nodeInfo as { bootID: string }).bootID).toMatch(/^[0-9a-f-]{36}$/);
    expect(n.status!.allocatable!.pods).toBe('110');
    expect(events(sim, 'Node//w').map((e) => [e.reason, e.message, e.source])).toEqual([
      ['Starting', 'Starting kubelet.', 'kubelet'],
      ['NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', 'kubelet'],
      ['NodeHasSufficientMemory', 'Node w status is now: NodeHasSufficientMemory', 'kubelet'],
      ['NodeHasNoDiskPressure', 'Node w status is now: NodeHasNoDiskPressure', 'kubelet'],
      ['NodeHasSufficientPID', 'Node w status is now: NodeHasSufficientPID', 'kubelet'],
      ['NodeReady', 'Node w status is now: NodeReady', 'kubelet'],
    ]);
  });

  it('keeps the boot ID of a loaded Node (its machine is already up; only a reboot changes it)', () => {
    const loaded = node('w');
    loaded.status = { nodeInfo: { bootID: '0b6d2c4e-1111-4222-8333-944455556666', kubeletVersion: 'v1.36.0' } };
    const sim = cluster([loaded, node('fresh')]);
    const bootId = (name: string) => (sim.store.get<Node>('Node', undefined, name)!.status!.nodeInfo as { bootID: string; kubeletVersion?: string }).bootID;
    expect(bootId('w')).toBe('0b6d2c4e-1111-4222-8333-944455556666');
    expect(bootId('fresh')).toMatch(/^[0-9a-f-]{36}$/);
    expect(events(sim, 'Node//w').map((e) => e.reason)).not.toContain('Rebooted');
    sim.dispatch({ action: 'killNode', node: 'w' });
    sim.advanceTo(s(10));
    sim.dispatch({ action: 'restoreNode', node: 'w' });
    sim.advanceTo(s(11));
    expect(bootId('w')).not.toBe('0b6d2c4e-1111-4222-8333-944455556666');
    expect(events(sim, 'Node//w').find((e) => e.reason === 'Rebooted')?.message).toBe(`Node w has been rebooted, boot id: ${bootId('w')}`);
  });

  it('creates the node Lease and renews it every leaseRenewInterval', () => {
    const sim = cluster([node('w')]);
    const lease = sim.store.get('Lease', 'kube-node-lease', 'w')!;
    expect(lease).toMatchObject({
      apiVersion: 'coordination.k8s.io/v1',
      metadata: { ownerReferences: [{ kind: 'Node', name: 'w', uid: sim.store.get('Node', undefined, 'w')!.metadata.uid }] },
      spec: { holderIdentity: 'w', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00Z' },
    });
    sim.advanceTo(s(35));
    expect(leaseTable(sim.ctx).renewTime('w', sim.time)).toBe(s(30));
    // The stored object is written at boot and power loss; refreshLeaseObjects brings it up to date for views.
    refreshLeaseObjects(sim.ctx);
    expect(fromTimestamp((sim.store.get('Lease', 'kube-node-lease', 'w')!.spec as { renewTime: string }).renewTime)).toBe(s(30));
    const rv = sim.store.get('Lease', 'kube-node-lease', 'w')!.metadata.resourceVersion;
    sim.advanceTo(s(47));
    sim.dispatch({ action: 'killNode', node: 'w' });
    const frozen = sim.store.get('Lease', 'kube-node-lease', 'w')!;
    expect(frozen.metadata.resourceVersion).not.toBe(rv);
    expect((frozen.spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:00:40Z');
    sim.advanceTo(s(100));
    expect(leaseTable(sim.ctx).renewTime('w', sim.time)).toBe(s(40));
  });

  it('records NodeNotSchedulable / NodeSchedulable at the next 10 s status tick after cordon / uncordon', () => {
    const sim = cluster([node('w')]);
    sim.advanceTo(s(3));
    sim.dispatch({ action: 'cordon', node: 'w' });
    sim.advanceTo(s(12));
    sim.dispatch({ action: 'uncordon', node: 'w' });
    sim.advanceTo(s(25));
    const got = events(sim, 'Node//w').filter((e) => e.reason.endsWith('Schedulable')).map((e) => [e.reason, e.firstTime, e.message]);
    expect(got).toEqual([
      ['NodeNotSchedulable', s(10), 'Node w status is now: NodeNotSchedulable'],
      ['NodeSchedulable', s(20), 'Node w status is now: NodeSchedulable'],
    ]);
  });

  it('deletes the Lease with its Node', () => {
    const sim = cluster([node('w')]);
    sim.dispatch({ action: 'deleteNode', node: 'w' });
    expect(sim.store.get('Lease', 'kube-node-lease', 'w')).toBeUndefined();
  });
});

describe('kubelet: pods', () => {
  it('starts an admitted pod after podStartDelay: Running, Ready, container statuses, events', () => {
    const sim = cluster([node('w'), barePod('p', 'w')]);
    expect(pod(sim, 'p')!.status?.phase).toBe('Pending');
    sim.advanceTo(s(1));
    const p = pod(sim, 'p')!;
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.startTime).toBe('2026-01-01T00:00:00Z');
    expect(p.status!.conditions!.map((c) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    expect(p.status!.containerStatuses).toEqual([
      { name: 'p', image: 'p:1.0', imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:01Z' } }, lastState: {} },
    ]);
    expect(events(sim, 'Pod/default/p').map((e) => [e.reason, e.message])).toEqual([
      ['Pulled', 'Container image "p:1.0" already present on machine and can be accessed by the pod'],
      ['Created', 'Container created'],
      ['Started', 'Container started'],
    ]);
  });

  it('rejects what does not fit with OutOfcpu / OutOfmemory / OutOfpods and upstream messages', () => {
    const sim = cluster([
      sized('w', { cpu: '2', memory: '1Gi', pods: '2' }),
      withRequests('a', 'w', { cpu: '1500m', memory: '512Mi' }),
      withRequests('b', 'w', { cpu: '1' }),
      withRequests('c', 'w', { memory: '768Mi' }),
      withRequests('d', 'w', { cpu: '100m' }),
      withRequests('e', 'w', { cpu: '100m' }),
    ]);
    const status = (n: string) => [pod(sim, n)!.status?.phase, pod(sim, n)!.status?.reason, pod(sim, n)!.status?.message];
    expect(status('b')).toEqual(['Failed', 'OutOfcpu', "Pod was rejected: Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000"]);
    expect(status('c')).toEqual(['Failed', 'OutOfmemory', `Pod was rejected: Node didn't have enough resource: memory, requested: ${768 * 2 ** 20}, used: ${512 * 2 ** 20}, capacity: ${2 ** 30}`]);
    expect(status('e')).toEqual(['Failed', 'OutOfpods', "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2"]);
    expect(events(sim, 'Pod/default/b')).toMatchObject([{ type: 'Warning', reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000", source: 'kubelet' }]);
    sim.advanceTo(s(1));
    expect(pod(sim, 'd')!.status?.phase).toBe('Running');
  });

  it('rejects a node affinity / selector mismatch and an untolerated NoExecute taint, not a NoSchedule one', () => {
    const tainted = node('t', { taints: [{ key: 'dedicated', value: 'x', effect: 'NoExecute' }, { key: 'soft', effect: 'NoSchedule' }] });
    const sim = cluster([
      node('w', { labels: { disk: 'hdd' } }),
      tainted,
      { ...barePod('sel', 'w'), spec: { ...barePod('sel', 'w').spec, nodeSelector: { disk: 'ssd' } } } as Pod,
      barePod('taint', 't'),
      { ...barePod('tolerant', 't'), spec: { ...barePod('tolerant', 't').spec, tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }] } } as Pod,
    ]);
    expect(pod(sim, 'sel')!.status).toMatchObject({
      phase: 'Failed',
      reason: 'NodeAffinity',
      message: "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    });
    expect(events(sim, 'Pod/default/sel')).toMatchObject([{ type: 'Warning', reason: 'NodeAffinity', message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" }]);
    expect(pod(sim, 'taint')!.status).toMatchObject({
      phase: 'Failed',
      reason: 'TaintToleration',
      message: "Pod was rejected: Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate",
    });
    sim.advanceTo(s(1));
    expect(pod(sim, 'tolerant')!.status?.phase).toBe('Running');
  });

  it('completes a restartPolicy Never pod after its podscape.dev/run-duration and frees its resources', () => {
    const job = withRequests('job', 'w', { cpu: '2' }, { restartPolicy: 'Never' });
    job.metadata.annotations = { 'podscape.dev/run-duration': '30s' };
    const sim = cluster([sized('w', { cpu: '2', memory: '1Gi', pods: '10' }), job]);
    sim.advanceTo(s(30.5));
    expect(pod(sim, 'job')!.status?.phase).toBe('Running');
    sim.advanceTo(s(31));
    const p = pod(sim, 'job')!;
    expect(p.status?.phase).toBe('Succeeded');
    expect(cond(p, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect((p.status!.containerStatuses as { state: unknown }[])[0].state).toEqual({
      terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:01Z', finishedAt: '2026-01-01T00:00:31Z' },
    });
    sim.store.create(withRequests('next', 'w', { cpu: '2' }));
    sim.advanceTo(s(32));
    expect(pod(sim, 'next')!.status?.phase).toBe('Running');
  });

  it('stops a deleted pod gracefully: Killing at once, gone after containerStopDelay (capped by the grace period)', () => {
    const sim = cluster([node('w'), barePod('p', 'w'), { ...barePod('q', 'w'), spec: { ...barePod('q', 'w').spec, terminationGracePeriodSeconds: 2 } } as Pod], { containerStopDelay: 5_000 });
    sim.advanceTo(s(10));
    deletePod(sim.ctx, pod(sim, 'p')!);
    deletePod(sim.ctx, pod(sim, 'q')!);
    sim.advanceTo(s(10));
    expect(events(sim, 'Pod/default/p').filter((e) => e.reason === 'Killing')).toMatchObject([{ message: 'Stopping container p', firstTime: s(10), source: 'kubelet' }]);
    sim.advanceTo(s(11.9));
    expect(pod(sim, 'q')).toBeDefined();
    sim.advanceTo(s(12));
    expect(pod(sim, 'q')).toBeUndefined();
    sim.advanceTo(s(14.9));
    expect(pod(sim, 'p')).toBeDefined();
    sim.advanceTo(s(15));
    expect(pod(sim, 'p')).toBeUndefined();
  });

  it('adopts a pod the scenario gives as Running: Ready without start events', () => {
    const sim = cluster([node('w'), { ...barePod('static', 'w'), status: { phase: 'Running' } } as Pod]);
    const p = pod(sim, 'static')!;
    expect(cond(p, 'Ready')?.status).toBe('True');
    expect((p.status!.containerStatuses as { ready: boolean }[])[0].ready).toBe(true);
    expect(events(sim, 'Pod/default/static')).toHaveLength(0);
    sim.advanceTo(s(5));
    expect(events(sim, 'Pod/default/static')).toHaveLength(0);
  });

  it('kills the containers of a force-deleted pod', () => {
    const sim = cluster([node('w'), barePod('p', 'w')]);
    sim.advanceTo(s(5));
    sim.dispatch({ action: 'deletePod', namespace: 'default', name: 'p', force: true });
    expect(pod(sim, 'p')).toBeUndefined();
    expect(events(sim, 'Pod/default/p').filter((e) => e.reason === 'Killing')).toMatchObject([{ firstTime: s(5) }]);
  });
});

describe('kubelet: power', () => {
  it('does nothing while the machine is off; finishes, admits and restarts pods when it is back', () => {
    const sim = cluster([node('w'), node('other'), barePod('running', 'w'), barePod('doomed', 'w'), barePod('late')]);
    sim.advanceTo(s(20));
    sim.dispatch({ action: 'killNode', node: 'w' });
    const leaseAt = (sim.store.get('Lease', 'kube-node-lease', 'w')!.spec as { renewTime: string }).renewTime;
    deletePod(sim.ctx, pod(sim, 'doomed')!);
    sim.dispatch({ action: 'bindPod', namespace: 'default', name: 'late', node: 'w' });
    sim.advanceTo(s(300));
    expect((sim.store.get('Lease', 'kube-node-lease', 'w')!.spec as { renewTime: string }).renewTime).toBe(leaseAt);
    expect(pod(sim, 'doomed')!.metadata.deletionTimestamp).toBeDefined();
    expect(pod(sim, 'late')!.status?.phase).toBe('Pending');
    expect(pod(sim, 'running')!.status?.phase).toBe('Running');
    expect(events(sim, 'Pod/default/doomed').filter((e) => e.reason === 'Killing')).toHaveLength(0);

    sim.dispatch({ action: 'restoreNode', node: 'w' });
    expect(pod(sim, 'doomed')).toBeDefined();
    sim.advanceTo(s(301));
    expect(pod(sim, 'doomed')).toBeUndefined();
    expect(pod(sim, 'late')!.status?.phase).toBe('Running');
    const r = pod(sim, 'running')!;
    const cs = (r.status!.containerStatuses as { restartCount: number; lastState: { terminated?: { reason: string } }; state: { running?: { startedAt: string } } }[])[0];
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated?.reason).toBe('Unknown');
    expect(cs.state.running?.startedAt).toBe('2026-01-01T00:05:01Z');
    expect(events(sim, 'Pod/default/running').find((e) => e.reason === 'SandboxChanged')).toMatchObject({ message: 'Pod sandbox changed, it will be killed and re-created.' });
    expect(events(sim, 'Node//w').find((e) => e.reason === 'Rebooted')).toMatchObject({ type: 'Warning', firstTime: s(300) });
  });

  it('between the reboot and the restart shows the old containers terminated (255, Unknown) and PodReadyToStartContainers, Ready, ContainersReady False', () => {
    const sim = cluster([node('w'), barePod('running', 'w')]);
    sim.advanceTo(s(20));
    sim.dispatch({ action: 'killNode', node: 'w' });
    sim.advanceTo(s(100));
    sim.dispatch({ action: 'restoreNode', node: 'w' });
    sim.advanceTo(s(100.5));
    const r = pod(sim, 'running')!;
    expect(r.status?.phase).toBe('Running');
    const cs = (r.status!.containerStatuses as Record<string, unknown>[])[0];
    expect(cs).toMatchObject({ ready: false, restartCount: 0, state: { terminated: { exitCode: 255, reason: 'Unknown', startedAt: '2026-01-01T00:00:01Z', finishedAt: '2026-01-01T00:01:40Z' } } });
    const message = 'containers with unready status: [running]';
    expect(['PodReadyToStartContainers', 'Ready', 'ContainersReady'].map((t) => [cond(r, t)?.status, cond(r, t)?.reason, cond(r, t)?.message])).toEqual([
      ['False', undefined, undefined],
      ['False', 'ContainersNotReady', message],
      ['False', 'ContainersNotReady', message],
    ]);
    sim.advanceTo(s(101));
    const again = pod(sim, 'running')!;
    expect((again.status!.containerStatuses as Record<string, unknown>[])[0]).toMatchObject({ ready: true, restartCount: 1, lastState: { terminated: { exitCode: 255, reason: 'Unknown', finishedAt: '2026-01-01T00:01:40Z' } } });
    expect(['PodReadyToStartContainers', 'Ready', 'ContainersReady'].map((t) => [cond(again, t)?.status, cond(again, t)?.lastTransitionTime])).toEqual([
      ['True', '2026-01-01T00:01:41Z'],
      ['True', '2026-01-01T00:01:41Z'],
      ['True', '2026-01-01T00:01:41Z'],
    ]);
  });

  it('fails a restartPolicy Never pod whose containers died with the machine instead of restarting it (computePodActions, getPhase)', () => {
    const never = barePod('never', 'w');
    never.spec.restartPolicy = 'Never';
    const sim = cluster([node('w'), never]);
    sim.advanceTo(s(20));
    sim.dispatch({ action: 'killNode', node: 'w' });
    sim.advanceTo(s(100));
    sim.dispatch({ action: 'restoreNode', node: 'w' });
    sim.advanceTo(s(110));
    const p = pod(sim, 'never')!;
    expect(p.status?.phase).toBe('Failed');
    expect((p.status!.containerStatuses as Record<string, unknown>[])[0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 255, reason: 'Unknown' } } });
    expect(cond(p, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(events(sim, 'Pod/default/never').filter((e) => e.reason === 'Started')).toHaveLength(1);
  });

  it('forgets the container back-off when the kubelet restarts: a crash-looping pod restarts at the reboot, then backs off from 10 s again', () => {
    const p = barePod('crash', 'w');
    p.metadata.annotations = { 'podscape.dev/run-duration': '5s', 'podscape.dev/exit-code': '1' };
    const sim = cluster([node('w'), p]);
    // Runs 1–6 s, 7–12 s, 23–28 s, 49–54 s; at 60 s it waits out a 40 s back-off.
    sim.advanceTo(s(60));
    const waiting = (x: Pod) => (x.status!.containerStatuses as { state: { waiting?: { message?: string } } }[])[0].state.waiting?.message;
    expect(waiting(pod(sim, 'crash')!)).toMatch(/^back-off 40s /);
    sim.dispatch({ action: 'killNode', node: 'w' });
    sim.advanceTo(s(70));
    sim.dispatch({ action: 'restoreNode', node: 'w' });
    sim.advanceTo(s(71));
    const cs = (x: Pod) => (x.status!.containerStatuses as { restartCount: number; state: { running?: { startedAt: string } } }[])[0];
    expect(cs(pod(sim, 'crash')!)).toMatchObject({ restartCount: 4, state: { running: { startedAt: '2026-01-01T00:01:11Z' } } });
    // Exits at 76 s: the reboot's restart made a fresh 10 s entry at 70 s, so this exit waits 10 s.
    sim.advanceTo(s(77));
    expect(waiting(pod(sim, 'crash')!)).toMatch(/^back-off 10s /);
  });
});
