/**
 * The five workload controllers inside the real Simulation (kubelets, node
 * lifecycle, taint eviction, pod GC, scheduler): lifecycle.md §10A's owner
 * reactions when worker-2 loses power, and a Job run by the real kubelet.
 */
import { describe, expect, it } from 'vitest';
import { fromTimestamp } from '../../clock/time';
import { createKubeletManager } from '../../kubelet/kubelet-manager';
import type { KubeObject, Node, Pod, Taint } from '../../model/types';
import { createSchedulerComponent } from '../../scheduler/scheduler-component';
import { createSimulation, type Simulation } from '../../sim/simulation';
import { createDaemonSetController, type DaemonSet } from '../daemonset/daemonset-controller';
import { createDeploymentController, type Deployment } from '../deployment/deployment-controller';
import { createJobController, type Job } from '../job/job-controller';
import { createNodeLifecycleController } from '../node-lifecycle/node-lifecycle-controller';
import { createPodGCController } from '../pod-gc/pod-gc-controller';
import { createReplicaSetController, type ReplicaSet } from '../replicaset/replicaset-controller';
import { createStatefulSetController, type StatefulSet } from '../statefulset/statefulset-controller';
import { createTaintEvictionController } from '../taint-eviction/taint-eviction-controller';

const container = (name: string) => ({ name, image: `${name}:1.0`, resources: { requests: { cpu: '100m', memory: '128Mi' } } });
const template = (app: string, annotations?: Record<string, string>) => ({
  metadata: { labels: { app }, ...(annotations ? { annotations } : {}) },
  spec: { containers: [container(app)] },
});

function node(name: string, taints?: Taint[]): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: taints ? { taints } : {},
    status: { capacity: { cpu: '4', memory: '16Gi', pods: '110' }, allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
  };
}

function cluster(): KubeObject[] {
  const sel = (app: string) => ({ matchLabels: { app } });
  return [
    node('cp-1', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
    node('worker-1'),
    node('worker-2'),
    node('worker-3'),
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 6, selector: sel('web'), template: template('web') } },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'node-agent', namespace: 'default' }, spec: { selector: sel('node-agent'), template: template('node-agent') } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { replicas: 3, serviceName: 'db', selector: sel('db'), template: template('db') } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'default' }, spec: { containers: [container('debug')], nodeName: 'worker-2' } },
  ];
}

function simulation(seed = 7): Simulation {
  return createSimulation({
    seed,
    components: [
      createKubeletManager(),
      createNodeLifecycleController(),
      createTaintEvictionController(),
      createPodGCController(),
      createReplicaSetController(),
      createDeploymentController(),
      createDaemonSetController(),
      createStatefulSetController(),
      createJobController(),
      createSchedulerComponent(),
    ],
  });
}

const get = <T extends KubeObject>(sim: Simulation, kind: string, name: string) => sim.store.get<T>(kind, 'default', name)!;
const pods = (sim: Simulation) => sim.store.list<Pod>('Pod');
const events = (sim: Simulation, reason: string, object?: string) => sim.events().filter((e) => e.reason === reason && (!object || e.object.includes(object)));

describe('workload controllers in the simulation', () => {
  it.each([1, 2, 3, 7, 11])('§10A (seed %i): worker-2 loses power — the ReplicaSet replaces at eviction, the DaemonSet waits in place, db-1 waits, debug is lost', (seed) => {
    const sim = simulation(seed);
    sim.load(cluster());
    sim.advanceTo(60_000);
    expect(pods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(13);
    const onW2 = (kind: string) => pods(sim).filter((p) => p.spec.nodeName === 'worker-2' && p.metadata.ownerReferences?.[0]?.kind === kind);
    const webOnW2 = onW2('ReplicaSet').map((p) => p.metadata.name!);
    const agentOnW2 = onW2('DaemonSet')[0].metadata.name!;
    const dbOnW2 = onW2('StatefulSet').map((p) => p.metadata.name!);
    const t0 = sim.time;
    const createdBefore = events(sim, 'SuccessfulCreate').length;
    sim.dispatch({ action: 'killNode', node: 'worker-2' });

    // ≈ t0+50..55 s: NotReady and unreachable:NoSchedule. Nothing is created or deleted.
    sim.advanceTo(t0 + 60_000);
    expect(events(sim, 'SuccessfulCreate').length).toBe(createdBefore);
    const ds = get<DaemonSet>(sim, 'DaemonSet', 'node-agent').status!;
    expect(ds).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, numberMisscheduled: 1, numberUnavailable: 0 });
    const web = get<Deployment>(sim, 'Deployment', 'web').status!;
    expect(web.readyReplicas).toBe(6 - webOnW2.length);
    expect(web.availableReplicas).toBe(6 - webOnW2.length);
    if (webOnW2.length >= 2) expect(web.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    expect(get<StatefulSet>(sim, 'StatefulSet', 'db').status).toMatchObject({ replicas: 3, readyReplicas: 3 - dbOnW2.length });

    // ≈ t0+355..361 s: the taint manager deletes web/db/debug pods; the RS replaces at that instant.
    sim.advanceTo(t0 + 400_000);
    const evictions = events(sim, 'TaintManagerEviction');
    expect(evictions.map((e) => e.object.split('/')[2]).sort()).toEqual([...webOnW2, ...dbOnW2, 'debug'].sort());
    const evictedAt = evictions[0].firstTime;
    expect(evictedAt - t0).toBeGreaterThanOrEqual(350_000);
    expect(evictedAt - t0).toBeLessThanOrEqual(362_000);
    const rsName = sim.store.list<ReplicaSet>('ReplicaSet')[0].metadata.name!;
    const replacements = events(sim, 'SuccessfulCreate', `ReplicaSet/default/${rsName}`).filter((e) => e.firstTime > t0);
    expect(replacements).toHaveLength(webOnW2.length);
    for (const r of replacements) {
      const victim = get<Pod>(sim, 'Pod', webOnW2[0]);
      expect(r.firstTime).toBe(fromTimestamp(victim.metadata.deletionTimestamp)! - 30_000);
    }
    const fresh = pods(sim).filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet' && !p.metadata.deletionTimestamp);
    expect(fresh).toHaveLength(6);
    for (const p of fresh) expect(p.spec.nodeName).not.toBe('worker-2');
    expect(sim.store.list<ReplicaSet>('ReplicaSet')[0].status).toMatchObject({ replicas: 6, readyReplicas: 6, terminatingReplicas: webOnW2.length });
    expect(get<Deployment>(sim, 'Deployment', 'web').status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');

    // Settled while the node is down: no new db pod for the terminating identity, no daemon pod elsewhere, debug never recreated.
    sim.advanceTo(t0 + 1_800_000);
    for (const name of dbOnW2) expect(get<Pod>(sim, 'Pod', name).metadata.deletionTimestamp).toBeDefined();
    expect(pods(sim).filter((p) => p.metadata.name?.startsWith('db-'))).toHaveLength(3);
    expect(pods(sim).filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet')).toHaveLength(3);
    expect(get<Pod>(sim, 'Pod', agentOnW2).spec.nodeName).toBe('worker-2');
    expect(get<Pod>(sim, 'Pod', agentOnW2).metadata.deletionTimestamp).toBeUndefined();
    expect(events(sim, 'SuccessfulCreate', 'DaemonSet/').length).toBe(3);
    expect(get<Pod>(sim, 'Pod', 'debug').metadata.deletionTimestamp).toBeDefined();

    // Force-deleting db-1 (here: the db pod on worker-2) frees its identity: recreated at once, elsewhere.
    if (dbOnW2.length > 0) {
      const name = dbOnW2[0];
      sim.dispatch({ action: 'deletePod', namespace: 'default', name, force: true });
      sim.advanceTo(sim.time);
      const again = get<Pod>(sim, 'Pod', name);
      expect(again).toBeDefined();
      expect(again.metadata.deletionTimestamp).toBeUndefined();
      sim.advanceTo(sim.time + 5_000);
      expect(get<Pod>(sim, 'Pod', name).spec.nodeName).not.toBe('worker-2');
      expect(get<StatefulSet>(sim, 'StatefulSet', 'db').status).toMatchObject({ replicas: 3, readyReplicas: 3 });
    }
  });

  it('§10A, node back after eviction: Terminating objects go, db pods are recreated, the DaemonSet is whole again, debug is gone', () => {
    const sim = simulation(3);
    sim.load(cluster());
    sim.advanceTo(30_000);
    sim.dispatch({ action: 'killNode', node: 'worker-2' });
    sim.advanceTo(30_000 + 400_000);
    const dbBefore = events(sim, 'SuccessfulCreate', 'StatefulSet/').reduce((n, e) => n + e.count, 0);
    sim.dispatch({ action: 'restoreNode', node: 'worker-2' });
    sim.advanceTo(30_000 + 480_000);
    expect(pods(sim).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(0);
    expect(sim.store.get('Pod', 'default', 'debug')).toBeUndefined();
    const dbCreates = events(sim, 'SuccessfulCreate', 'StatefulSet/').reduce((n, e) => n + e.count, 0);
    const dbWasOnW2 = events(sim, 'TaintManagerEviction').some((e) => /Pod\/default\/db-/.test(e.object));
    expect(dbCreates - dbBefore).toBe(dbWasOnW2 ? 1 : 0);
    expect(get<StatefulSet>(sim, 'StatefulSet', 'db').status).toMatchObject({ replicas: 3, readyReplicas: 3 });
    expect(get<DaemonSet>(sim, 'DaemonSet', 'node-agent').status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberMisscheduled: 0 });
    expect(get<Deployment>(sim, 'Deployment', 'web').status).toMatchObject({ replicas: 6, readyReplicas: 6, terminatingReplicas: 0 });
  });

  it('replays identically: same seed, same commands → the same events and objects', () => {
    const run = () => {
      const sim = simulation(5);
      sim.load(cluster());
      sim.advanceTo(30_000);
      sim.dispatch({ action: 'killNode', node: 'worker-2' });
      sim.advanceTo(400_000);
      sim.dispatch({ action: 'scale', kind: 'StatefulSet', namespace: 'default', name: 'db', replicas: 5 });
      sim.dispatch({ action: 'restoreNode', node: 'worker-2' });
      sim.advanceTo(600_000);
      return JSON.stringify({ events: sim.events(), objects: sim.objects() });
    };
    expect(run()).toBe(run());
  });

  it('scales a Deployment through the scale command', () => {
    const sim = simulation();
    sim.load(cluster());
    sim.advanceTo(10_000);
    expect(sim.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 9 })).toMatchObject({ ok: true });
    sim.advanceTo(20_000);
    expect(get<Deployment>(sim, 'Deployment', 'web').status).toMatchObject({ replicas: 9, readyReplicas: 9, availableReplicas: 9 });
    expect(events(sim, 'ScalingReplicaSet').at(-1)?.message).toMatch(/^Scaled up replica set web-[a-z0-9]+ from 6 to 9$/);
  });

  it('runs a Job to completion with the real kubelet reading podscape.dev/run-duration', () => {
    const sim = simulation();
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { completions: 2, parallelism: 1, template: { ...template('pi', { 'podscape.dev/run-duration': '30s' }), spec: { containers: [container('pi')], restartPolicy: 'Never' } } },
    };
    job.spec.template.metadata = { labels: { app: 'pi' }, annotations: { 'podscape.dev/run-duration': '30s' } };
    sim.load([node('worker-1'), job]);
    sim.advanceTo(120_000);
    const j = get<Job>(sim, 'Job', 'pi');
    expect(j.status).toMatchObject({ succeeded: 2, failed: 0, active: 0 });
    expect(j.status?.conditions?.find((c) => c.type === 'Complete')?.status).toBe('True');
    expect(events(sim, 'Completed', 'Job/default/pi')).toHaveLength(1);
  });

  it('counts a Job pod deleted on a live node as failed (not as the Succeeded its stopped containers report) and replaces it after 10 s', () => {
    const sim = simulation();
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { metadata: { labels: { app: 'pi' }, annotations: { 'podscape.dev/run-duration': '10m' } }, spec: { containers: [container('pi')], restartPolicy: 'Never' } } },
    };
    sim.load([node('worker-1'), job]);
    sim.advanceTo(20_000);
    const [p] = pods(sim);
    const t = sim.time;
    sim.dispatch({ action: 'deletePod', namespace: 'default', name: p.metadata.name! });
    sim.advanceTo(t + 5_000);
    expect(get<Job>(sim, 'Job', 'pi').status).toMatchObject({ failed: 1, succeeded: 0 });
    sim.advanceTo(t + 20_000);
    const created = events(sim, 'SuccessfulCreate', 'Job/default/pi').map((e) => e.firstTime);
    expect(created).toEqual([0, t + 10_000]);
    expect(get<Job>(sim, 'Job', 'pi').status).toMatchObject({ failed: 1, succeeded: 0, active: 1 });
  });
});
