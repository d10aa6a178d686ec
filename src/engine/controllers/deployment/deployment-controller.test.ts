import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { createReplicaSetController, type ReplicaSet } from '../replicaset/replicaset-controller';
import { isPodActive, isPodReady } from '../workload/pods';
import { computeHash } from '../workload/template';
import { Harness, podTemplate } from '../workload/testing';
import { createDeploymentController, type Deployment } from './deployment-controller';
import { getCondition, resolveFenceposts } from './util';

const SAFE = /^[bcdfghjklmnpqrstvwxz2456789]+$/;

function deployment(name: string, replicas: number, strategy?: Deployment['spec']['strategy'], extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }), ...(strategy ? { strategy } : {}), ...extra },
  };
}

function setup(nodes = ['n1', 'n2', 'n3'], extra: { startDelay?: number } = {}) {
  return new Harness({ nodes, ...extra, components: [createReplicaSetController(), createDeploymentController()] });
}

const rsOf = (h: Harness) => h.store.list<ReplicaSet>('ReplicaSet');
const dep = (h: Harness, name = 'web') => h.get<Deployment>('Deployment', name);

function setImage(h: Harness, image: string, name = 'web') {
  const d = dep(h, name);
  h.store.update<Deployment>({ ...d, spec: { ...d.spec, template: podTemplate({ app: name }, image) } });
}

function setReplicas(h: Harness, replicas: number, name = 'web') {
  const d = dep(h, name);
  h.store.update<Deployment>({ ...d, spec: { ...d.spec, replicas } });
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet named <deployment>-<pod-template-hash> that labels its pods with the hash', () => {
    const h = setup();
    h.create(deployment('web', 3));
    h.advance(0);
    const [rs] = rsOf(h);
    const hash = rs.metadata.name!.slice('web-'.length);
    expect(hash).toMatch(SAFE);
    expect(hash.length).toBeGreaterThanOrEqual(9);
    expect(hash.length).toBeLessThanOrEqual(10);
    expect(hash).toBe(computeHash(deployment('web', 3).spec.template));
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(h.events({ reason: 'ScalingReplicaSet' })).toEqual([
      expect.objectContaining({ type: 'Normal', object: 'Deployment/default/web', source: 'deployment-controller', message: `Scaled up replica set ${rs.metadata.name} from 0 to 3` }),
    ]);
    for (const p of h.pods()) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(dep(h).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('reports status and the Available / Progressing conditions as pods come up', () => {
    const h = setup();
    h.create(deployment('web', 3));
    h.advance(0);
    const rsName = rsOf(h)[0].metadata.name;
    let s = dep(h).status!;
    expect(s).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 3, observedGeneration: 1 });
    expect(getCondition(s, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(getCondition(s, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` });
    h.advance(2000);
    s = dep(h).status!;
    expect(s).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0, terminatingReplicas: 0 });
    expect(getCondition(s, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(getCondition(s, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` });
  });

  it('goes Available=False when more than maxUnavailable pods are unready, and back when replacements are Ready', () => {
    const h = setup(['n1', 'n2', 'n3']);
    h.create(deployment('web', 6));
    h.advance(3000);
    const lost = h.pods((p) => p.spec.nodeName === 'n2');
    expect(lost).toHaveLength(2);
    h.killNode('n2');
    for (const p of lost) h.markNotReady(p);
    h.advance(0);
    // 4 available < 6 − floor(25% of 6) = 5
    expect(dep(h).status).toMatchObject({ readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 2 });
    expect(getCondition(dep(h).status, 'Available')?.status).toBe('False');
    expect(h.events({ reason: 'ScalingReplicaSet' })).toHaveLength(1); // no Deployment event for node loss
    // The taint manager deletes them; the ReplicaSet replaces them at once, elsewhere.
    for (const p of lost) h.ctx.store.update({ ...h.get<Pod>('Pod', p.metadata.name!), metadata: { ...h.get<Pod>('Pod', p.metadata.name!).metadata, deletionTimestamp: h.ctx.timestamp(h.clock.now + 30_000), deletionGracePeriodSeconds: 30 } });
    h.advance(0);
    expect(dep(h).status).toMatchObject({ replicas: 6, terminatingReplicas: 2 });
    h.advance(1000);
    expect(dep(h).status).toMatchObject({ replicas: 6, readyReplicas: 6, availableReplicas: 6, unavailableReplicas: 0, terminatingReplicas: 2 });
    expect(getCondition(dep(h).status, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
  });

  it.each([
    { replicas: 4, surge: 1, unavailable: 0 },
    { replicas: 4, surge: 0, unavailable: 1 },
    { replicas: 10, surge: '25%', unavailable: '25%' },
    { replicas: 5, surge: 2, unavailable: 2 },
    { replicas: 3, surge: '50%', unavailable: 0 },
    { replicas: 1, surge: 0, unavailable: '10%' }, // both resolve to 0 → maxUnavailable 1
  ])('rolls $replicas replicas within maxSurge=$surge / maxUnavailable=$unavailable', ({ replicas, surge, unavailable }) => {
    const h = setup(['n1', 'n2', 'n3', 'n4']);
    const d = deployment('web', replicas, { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } });
    h.create(d);
    h.advance(5000);
    const [maxSurge, maxUnavailable] = resolveFenceposts(d);
    setImage(h, 'nginx:1.28');
    let steps = 0;
    const newPods = () => h.pods((p) => isPodActive(p) && p.spec.containers[0].image === 'nginx:1.28');
    while (newPods().filter(isPodReady).length < replicas || h.pods((p) => p.spec.containers[0].image === 'nginx:1.27').length > 0) {
      h.advance(100);
      const active = h.pods(isPodActive);
      expect(active.length).toBeLessThanOrEqual(replicas + maxSurge);
      expect(active.filter(isPodReady).length).toBeGreaterThanOrEqual(replicas - maxUnavailable);
      const specSum = rsOf(h).reduce((n, r) => n + (r.spec.replicas ?? 0), 0);
      expect(specSum).toBeLessThanOrEqual(replicas + maxSurge);
      expect(++steps).toBeLessThan(2000);
    }
    h.advance(100);
    const rss = rsOf(h);
    expect(rss).toHaveLength(2);
    const newRS = rss.find((r) => r.spec.template?.spec.containers[0].image === 'nginx:1.28')!;
    const oldRS = rss.find((r) => r !== newRS)!;
    expect(newRS.spec.replicas).toBe(replicas);
    expect(oldRS.spec.replicas).toBe(0);
    expect(newRS.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep(h).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep(h).status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas, unavailableReplicas: 0 });
    expect(getCondition(dep(h).status, 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` });
    const messages = h.events({ reason: 'ScalingReplicaSet' }).map((e) => e.message);
    expect(messages.filter((m) => m.startsWith(`Scaled down replica set ${oldRS.metadata.name} from `) && m.endsWith(' to 0'))).toHaveLength(1);
    expect(messages.every((m) => /^Scaled (up|down) replica set web-[a-z0-9]+ from \d+ to \d+$/.test(m))).toBe(true);
  });

  it('starts a rolling update as the upstream docs show it: new +1, old −1, new +1 (25%/25% of 4)', () => {
    const h = setup();
    h.create(deployment('web', 4));
    h.advance(5000);
    const oldName = rsOf(h)[0].metadata.name;
    setImage(h, 'nginx:1.28');
    h.advance(0);
    const newName = rsOf(h).find((r) => r.metadata.name !== oldName)!.metadata.name;
    expect(h.events({ reason: 'ScalingReplicaSet' }).slice(1).map((e) => e.message)).toEqual([
      `Scaled up replica set ${newName} from 0 to 1`,
      `Scaled down replica set ${oldName} from 4 to 3`,
      `Scaled up replica set ${newName} from 1 to 2`,
    ]);
  });

  it('Recreate deletes every old pod and creates new ones only once the old ones are gone', () => {
    const h = setup(['n1', 'n2'], { startDelay: 500 });
    h.create(deployment('web', 3, { type: 'Recreate' }));
    h.advance(5000);
    setImage(h, 'nginx:1.28');
    h.advance(0);
    expect(h.pods((p) => p.spec.containers[0].image === 'nginx:1.28')).toHaveLength(0);
    expect(h.pods((p) => !!p.metadata.deletionTimestamp)).toHaveLength(3);
    const oldName = rsOf(h)[0].metadata.name;
    h.advance(999); // the fake kubelet removes terminating pods after 1 s
    expect(h.pods((p) => p.spec.containers[0].image === 'nginx:1.28')).toHaveLength(0);
    h.advance(1);
    const fresh = h.pods((p) => p.spec.containers[0].image === 'nginx:1.28');
    expect(fresh).toHaveLength(3);
    expect(h.pods((p) => p.spec.containers[0].image === 'nginx:1.27')).toHaveLength(0);
    const newName = rsOf(h).find((r) => r.metadata.name !== oldName)!.metadata.name;
    expect(h.events({ reason: 'ScalingReplicaSet' }).map((e) => e.message)).toEqual([
      `Scaled up replica set ${oldName} from 0 to 3`,
      `Scaled down replica set ${oldName} from 3 to 0`,
      `Scaled up replica set ${newName} from 0 to 3`,
    ]);
    h.advance(1000);
    expect(getCondition(dep(h).status, 'Available')?.status).toBe('True');
  });

  it.each([
    { from: 3, to: 5, verb: 'up' },
    { from: 5, to: 2, verb: 'down' },
  ])('scales its ReplicaSet $verb from $from to $to when spec.replicas changes', ({ from, to, verb }) => {
    const h = setup();
    h.create(deployment('web', from));
    h.advance(3000);
    setReplicas(h, to);
    h.advance(0);
    const rs = rsOf(h)[0];
    expect(rs.spec.replicas).toBe(to);
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe(String(to));
    expect(h.events({ reason: 'ScalingReplicaSet' }).at(-1)?.message).toBe(`Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}`);
    h.advance(2000);
    expect(h.pods(isPodActive)).toHaveLength(to);
  });

  it('scales proportionally when resized mid-rollout', () => {
    const h = setup(['n1', 'n2', 'n3', 'n4'], { startDelay: 60_000 });
    h.create(deployment('web', 10));
    h.advance(61_000);
    setImage(h, 'nginx:1.28');
    h.advance(0); // new RS 3 (surge 3), old 10 → 8 (unavailable 2): 13 pods
    const before = rsOf(h).map((r) => r.spec.replicas);
    expect(before.reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(13);
    setReplicas(h, 20);
    h.advance(0);
    const after = rsOf(h).reduce((a, r) => a + (r.spec.replicas ?? 0), 0);
    expect(after).toBe(25); // 20 + 25% surge
    for (const r of rsOf(h)) expect(r.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('20');
  });

  it('marks Progressing=False ProgressDeadlineExceeded when pods cannot become available in time', () => {
    const h = setup([]); // nowhere to run
    h.create(deployment('web', 2, undefined, { progressDeadlineSeconds: 60 }));
    h.advance(0);
    const rsName = rsOf(h)[0].metadata.name;
    h.advance(60_000);
    expect(getCondition(dep(h).status, 'Progressing')?.status).toBe('True');
    h.advance(1000);
    expect(getCondition(dep(h).status, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
    });
  });

  it('records the paused condition and only scales while paused', () => {
    const h = setup();
    h.create(deployment('web', 2));
    h.advance(3000);
    const d = dep(h);
    h.store.update<Deployment>({ ...d, spec: { ...d.spec, paused: true, template: podTemplate({ app: 'web' }, 'nginx:1.28') } });
    h.advance(0);
    expect(rsOf(h)).toHaveLength(1);
    expect(getCondition(dep(h).status, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setReplicas(h, 3);
    h.advance(0);
    expect(rsOf(h)[0].spec.replicas).toBe(3);
    const cur = dep(h);
    h.store.update<Deployment>({ ...cur, spec: { ...cur.spec, paused: false } });
    h.advance(0);
    expect(rsOf(h)).toHaveLength(2);
  });

  it('warns and does nothing with an empty selector', () => {
    const h = setup();
    const d = deployment('web', 2);
    d.spec.selector = {};
    h.create(d);
    h.advance(0);
    expect(rsOf(h)).toHaveLength(0);
    expect(h.events({ reason: 'SelectingAll' })).toEqual([
      expect.objectContaining({ type: 'Warning', message: 'This deployment is selecting all pods. A non-empty selector is required.' }),
    ]);
  });
});

describe('deployment helpers', () => {
  it.each([
    { replicas: 4, surge: undefined, unavailable: undefined, want: [1, 1] },
    { replicas: 6, surge: undefined, unavailable: undefined, want: [2, 1] }, // surge rounds up, unavailable down
    { replicas: 10, surge: '25%', unavailable: '25%', want: [3, 2] },
    { replicas: 1, surge: '1%', unavailable: '1%', want: [1, 0] },
    { replicas: 2, surge: 0, unavailable: '1%', want: [0, 1] }, // both 0 → unavailable 1
    { replicas: 3, surge: 2, unavailable: 0, want: [2, 0] },
  ])('resolves maxSurge=$surge maxUnavailable=$unavailable of $replicas to $want', ({ replicas, surge, unavailable, want }) => {
    const d = deployment('x', replicas, { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } });
    expect(resolveFenceposts(d)).toEqual(want);
  });

  it('hashes templates deterministically into 9–10 safe characters, and the collision count changes the hash', () => {
    const t = podTemplate({ app: 'web' });
    expect(computeHash(t)).toBe(computeHash(JSON.parse(JSON.stringify(t))));
    expect(computeHash(t)).not.toBe(computeHash(t, 1));
    expect(computeHash(t)).not.toBe(computeHash(podTemplate({ app: 'web' }, 'nginx:1.28')));
    for (let i = 0; i < 50; i++) {
      const h = computeHash(podTemplate({ app: `a${i}` }));
      expect(h).toMatch(SAFE);
      expect(h.length).toBeGreaterThanOrEqual(1);
      expect(h.length).toBeLessThanOrEqual(10);
    }
  });
});
