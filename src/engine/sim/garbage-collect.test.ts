import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, Workload } from '../model/types';
import { deleteWithDependents } from './garbage-collect';
import { createSimulation, type Simulation } from './simulation';

const node = (name: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
});
const template = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const deployment = (name: string, replicas: number): Workload => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name) },
});
const daemonSet = (name: string): Workload => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default' },
  spec: { selector: { matchLabels: { app: name } }, template: template(name) },
});

function cluster(...objects: KubeObject[]): Simulation {
  const sim = createSimulation({ seed: 1 });
  sim.load([node('a'), node('b'), ...objects]);
  sim.advanceBy(30_000);
  return sim;
}
const pods = (sim: Simulation) => sim.store.list<Pod>('Pod');

describe('delete command (background propagation)', () => {
  it('deletes a Deployment, its ReplicaSet and, gracefully, its pods', () => {
    const sim = cluster(deployment('web', 3), daemonSet('logs'));
    expect(sim.store.list('ReplicaSet')).toHaveLength(1);
    expect(pods(sim).filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(3);

    expect(sim.dispatch({ action: 'delete', kind: 'Deployment', namespace: 'default', name: 'web' })).toEqual({ ok: true, messages: ['deployment.apps "web" deleted'] });
    expect(sim.store.list('Deployment')).toEqual([]);
    expect(sim.store.list('ReplicaSet')).toEqual([]);
    const web = pods(sim).filter((p) => p.metadata.labels?.app === 'web');
    expect(web).toHaveLength(3);
    for (const p of web) expect(p.metadata.deletionTimestamp).toBeDefined();

    // The kubelet finishes the graceful termination; nothing recreates them.
    sim.advanceBy(60_000);
    expect(pods(sim).map((p) => p.metadata.labels?.app)).toEqual(['logs', 'logs']);
    expect(sim.store.list('DaemonSet')).toHaveLength(1);
  });

  it('deletes a DaemonSet with its pods and leaves other workloads alone', () => {
    const sim = cluster(deployment('web', 2), daemonSet('logs'));
    expect(sim.dispatch({ action: 'delete', kind: 'DaemonSet', namespace: 'default', name: 'logs' })).toEqual({ ok: true, messages: ['daemonset.apps "logs" deleted'] });
    sim.advanceBy(60_000);
    expect(pods(sim).map((p) => p.metadata.labels?.app)).toEqual(['web', 'web']);
    expect(pods(sim).every((p) => !p.metadata.deletionTimestamp)).toBe(true);
  });

  it('deletes a Job with its pods', () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'batch', namespace: 'default' },
      spec: { completions: 4, parallelism: 2, template: { metadata: { labels: { app: 'batch' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    };
    const sim = createSimulation({ seed: 1 });
    sim.load([node('a'), job]);
    sim.advanceBy(1_000);
    expect(pods(sim).length).toBeGreaterThan(0);
    expect(sim.dispatch({ action: 'delete', kind: 'Job', namespace: 'default', name: 'batch' })).toEqual({ ok: true, messages: ['job.batch "batch" deleted'] });
    sim.advanceBy(60_000);
    expect(pods(sim)).toEqual([]);
  });

  it('routes Pods and Nodes to their own deletes and refuses what does not exist, changing nothing', () => {
    const sim = cluster(deployment('web', 1));
    const before = sim.objects().length;
    expect(sim.dispatch({ action: 'delete', kind: 'StatefulSet', namespace: 'default', name: 'web' })).toEqual({ ok: false, error: 'Error from server (NotFound): statefulsets.apps "web" not found' });
    expect(sim.dispatch({ action: 'delete', kind: 'Deployment', namespace: 'other', name: 'web' })).toEqual({ ok: false, error: 'Error from server (NotFound): deployments.apps "web" not found' });
    expect(sim.dispatch({ action: 'delete', kind: '', namespace: 'default', name: 'web' } as never)).toMatchObject({ ok: false, error: expect.stringMatching(/^kind: Invalid value/) });
    expect(sim.objects()).toHaveLength(before);
    const pod = pods(sim)[0];
    expect(sim.dispatch({ action: 'delete', kind: 'Pod', namespace: 'default', name: pod.metadata.name! })).toEqual({ ok: true, messages: [`pod "${pod.metadata.name}" deleted`] });
    expect(sim.dispatch({ action: 'delete', kind: 'Node', namespace: 'default', name: 'b' })).toEqual({ ok: true, messages: ['node "b" deleted'] });
    expect(sim.store.get('Node', undefined, 'b')).toBeUndefined();
  });

  it('keeps a dependent that another live owner still holds, dropping only the dangling reference', () => {
    const sim = cluster(deployment('web', 1), deployment('api', 1));
    const [web, api] = ['web', 'api'].map((n) => sim.store.get<Workload>('Deployment', 'default', n)!);
    const shared: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'shared',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: web.metadata.uid },
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: api.metadata.uid },
        ],
      },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    };
    sim.store.create(shared);
    const deleted = deleteWithDependents(sim.ctx, sim.store.get('Deployment', 'default', 'web')!);
    expect(deleted[0]).toBe('Deployment default/web');
    expect(deleted).toContainEqual(expect.stringMatching(/^ReplicaSet default\/web-/));
    expect(deleted).not.toContain('Pod default/shared');
    const kept = sim.store.get<Pod>('Pod', 'default', 'shared')!;
    expect(kept.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: api.metadata.uid }]);
    // With its last owner gone it goes too.
    expect(deleteWithDependents(sim.ctx, sim.store.get('Deployment', 'default', 'api')!)).toContain('Pod default/shared');
  });

  it('runs from a scenario timeline like any other command', () => {
    const sim = createSimulation({ seed: 1 });
    sim.load([node('a'), deployment('web', 2)], [{ at: 40_000, action: 'delete', kind: 'Deployment', namespace: 'default', name: 'web' }]);
    sim.advanceBy(39_000);
    expect(pods(sim).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
    sim.advanceBy(1_000);
    expect(sim.commands().map((c) => [c.source, c.result])).toEqual([['timeline', { ok: true, messages: ['deployment.apps "web" deleted'] }]]);
    expect(sim.store.list('ReplicaSet')).toEqual([]);
    sim.advanceBy(60_000);
    expect(pods(sim)).toEqual([]);
  });
});

describe('delete command with propagationPolicy Foreground and Orphan', () => {
  it('Foreground on a DaemonSet: it waits with the finalizer until its pods are gone, and nothing replaces them', () => {
    const sim = cluster(daemonSet('logs'));
    sim.dispatch({ action: 'delete', kind: 'DaemonSet', namespace: 'default', name: 'logs', propagationPolicy: 'Foreground' });
    const ds = sim.store.get('DaemonSet', 'default', 'logs')!;
    expect(ds.metadata).toMatchObject({ finalizers: ['foregroundDeletion'], deletionGracePeriodSeconds: 0, deletionTimestamp: '2026-01-01T00:00:30Z' });
    expect(pods(sim).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    sim.advanceBy(60_000);
    expect(pods(sim)).toEqual([]);
    expect(sim.store.list('DaemonSet')).toEqual([]);
  });

  it('Foreground: a dependent with another live owner only loses its reference', () => {
    const sim = cluster(deployment('web', 1));
    const [rs] = sim.store.list('ReplicaSet');
    const keep = deployment('keep', 0);
    sim.store.create(keep);
    const keeper = sim.store.get('Deployment', 'default', 'keep')!;
    sim.store.update({ ...rs, metadata: { ...rs.metadata, ownerReferences: [...(rs.metadata.ownerReferences ?? []), { apiVersion: 'apps/v1', kind: 'Deployment', name: 'keep', uid: keeper.metadata.uid! }] } });
    sim.dispatch({ action: 'delete', kind: 'Deployment', namespace: 'default', name: 'web', propagationPolicy: 'Foreground' });
    sim.advanceBy(1_000);
    expect(sim.store.get('Deployment', 'default', 'web')).toBeUndefined();
    const after = sim.store.get('ReplicaSet', 'default', rs.metadata.name!)!;
    expect(after.metadata.ownerReferences?.map((r) => r.name)).toEqual(['keep']);
    expect(after.metadata.deletionTimestamp).toBeUndefined();
  });

  it('Orphan on a Deployment: the ReplicaSet and pods stay without the reference; a new Deployment with the same selector adopts it', () => {
    const sim = cluster(deployment('web', 2));
    sim.dispatch({ action: 'delete', kind: 'Deployment', namespace: 'default', name: 'web', propagationPolicy: 'Orphan' });
    sim.advanceBy(30_000);
    expect(sim.store.list('Deployment')).toEqual([]);
    const [rs] = sim.store.list('ReplicaSet');
    expect(rs.metadata.ownerReferences).toBeUndefined();
    expect(pods(sim).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
    // A Deployment with the same selector created later adopts it (ClaimReplicaSets), as upstream does.
    sim.dispatch({ action: 'apply', object: deployment('web', 2) });
    sim.advanceBy(1_000);
    expect(sim.store.list('ReplicaSet').map((r) => r.metadata.ownerReferences?.[0]?.name)).toEqual(['web']);
  });
});

describe('owners that do not exist (the collector\'s absent-owner check)', () => {
  const owned = (name: string, ...refs: { kind: string; name: string; uid?: string; controller?: boolean }[]): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'orphan' }, ownerReferences: refs.map((r) => ({ apiVersion: r.kind === 'Job' ? 'batch/v1' : 'apps/v1', ...r })) },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  const replicaSet = (name: string, uid: string): Workload => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: template(name) },
  });
  const live = (sim: Simulation) => pods(sim).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();

  it('deletes, gracefully and at once, a pod whose owner by uid is absent or another object; keeps one listed before its owner', () => {
    const sim = createSimulation({ seed: 1 });
    sim.load([
      node('a'),
      { ...owned('ghost-1', { kind: 'ReplicaSet', name: 'gone', uid: 'u-gone', controller: true }), spec: { nodeName: 'a', containers: [{ name: 'c', image: 'nginx' }] } },
      // Same name, another uid: upstream compares the uid, so this owner is another one.
      owned('renamed-1', { kind: 'ReplicaSet', name: 'cache', uid: 'u-old-cache', controller: true }),
      // Listed before its ReplicaSet: the owner exists when the collector looks.
      owned('early-1', { kind: 'ReplicaSet', name: 'early', uid: 'u-early', controller: true }),
      replicaSet('cache', 'u-new-cache'),
      replicaSet('early', 'u-early'),
    ]);
    sim.advanceBy(0);
    // ghost-1 runs on a node: it terminates there with its grace period. renamed-1 was never
    // bound: the API server deletes an unscheduled pod at once.
    const ghost = sim.store.get<Pod>('Pod', 'default', 'ghost-1')!;
    expect(ghost.metadata.deletionTimestamp).toBeDefined();
    expect(ghost.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(sim.store.get('Pod', 'default', 'renamed-1')).toBeUndefined();
    expect(live(sim)).toContain('early-1');
    sim.advanceBy(60_000);
    expect(sim.store.get('Pod', 'default', 'ghost-1')).toBeUndefined();
    expect(sim.store.get('Pod', 'default', 'renamed-1')).toBeUndefined();
    expect(sim.store.get('Pod', 'default', 'early-1')).toBeDefined();
  });

  it('drops only the dangling reference when a live owner is left; never judges a reference without a uid or to a kind it does not run', () => {
    const sim = cluster(replicaSet('keep', 'u-keep'));
    sim.store.create(owned('two-owners', { kind: 'ReplicaSet', name: 'keep', uid: 'u-keep' }, { kind: 'ReplicaSet', name: 'gone', uid: 'u-gone' }));
    sim.store.create(owned('by-name', { kind: 'ReplicaSet', name: 'nowhere' }));
    sim.store.create(owned('crd', { kind: 'Rollout', name: 'legacy', uid: 'u-crd', controller: true }));
    // The ReplicationController is run since round 32: a pod naming an absent one is collected.
    sim.store.create(owned('rc', { kind: 'ReplicationController', name: 'legacy', uid: 'u-rc', controller: true }));
    sim.advanceBy(1_000);
    expect(sim.store.get<Pod>('Pod', 'default', 'rc')?.metadata.deletionTimestamp ?? 'gone').not.toBeUndefined();
    const two = sim.store.get<Pod>('Pod', 'default', 'two-owners')!;
    expect(two.metadata.deletionTimestamp).toBeUndefined();
    expect(two.metadata.ownerReferences?.map((r) => r.name)).toEqual(['keep']);
    for (const name of ['by-name', 'crd']) expect(sim.store.get<Pod>('Pod', 'default', name)!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('cascades: a ReplicaSet whose Deployment is absent goes with its pods', () => {
    const rs = replicaSet('web-1', 'u-rs');
    rs.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u-deploy', controller: true }];
    const sim = createSimulation({ seed: 1 });
    sim.load([node('a'), rs]);
    sim.advanceBy(0);
    expect(sim.store.list('ReplicaSet')).toEqual([]);
    sim.advanceBy(60_000);
    expect(pods(sim)).toEqual([]);
  });
});
