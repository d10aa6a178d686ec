import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject, Pod, Workload } from '../model/types';
import { Rng } from '../random/rng';
import type { WatchEvent } from '../sim/contracts';
import { defaultControlPlaneConfig } from '../sim/config';
import { deepClone, deepEqual } from './clone';
import { ObjectStore, StoreError } from './object-store';
import { kubectlRef, resourceOf } from './resources';

function setup(seed = 1) {
  const clock = new VirtualClock();
  const store = new ObjectStore({ clock, rng: new Rng(seed), config: defaultControlPlaneConfig() });
  return { clock, store };
}

const pod = (name: string, extra: Partial<Pod['spec']> = {}, meta: Partial<Pod['metadata']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...meta },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra },
});
const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

describe('ObjectStore writes', () => {
  it('fills uid, resourceVersion and creationTimestamp, deterministically from the seed', () => {
    const a = setup(7);
    const b = setup(7);
    a.clock.advanceTo(1500);
    const p = a.store.create(pod('web'));
    const q = b.store.create(pod('web'));
    expect(p.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p.metadata.uid).toBe(q.metadata.uid);
    expect(p.metadata.resourceVersion).toBe('1');
    expect(p.metadata.creationTimestamp).toBe('2026-01-01T00:00:01.500Z');
    const n = a.store.create(node('n1'));
    expect(n.metadata.resourceVersion).toBe('2');
    expect(setup(8).store.create(pod('web')).metadata.uid).not.toBe(p.metadata.uid);
  });

  it('keeps a uid and creationTimestamp given on create (objects loaded from a cluster dump)', () => {
    const { store } = setup();
    const p = store.create(pod('web', {}, { uid: 'u-1', creationTimestamp: '2025-12-31T23:00:00Z', resourceVersion: '999' }));
    expect(p.metadata.uid).toBe('u-1');
    expect(p.metadata.creationTimestamp).toBe('2025-12-31T23:00:00Z');
    expect(p.metadata.resourceVersion).toBe('1');
  });

  it('generates names with a 5-character suffix from upstream\'s alphabet', () => {
    const { store } = setup(3);
    const names = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const p = store.create<Pod>({ ...pod(''), metadata: { generateName: 'web-5d8f7c9b4-', namespace: 'default' } });
      expect(p.metadata.name).toMatch(/^web-5d8f7c9b4-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      names.add(p.metadata.name!);
    }
    expect(names.size).toBe(50);
  });

  it('copies on create: the caller\'s object does not alias the stored one', () => {
    const { store } = setup();
    const template = pod('web');
    const stored = store.create(template);
    template.spec.containers[0].image = 'changed';
    expect(stored.spec.containers[0].image).toBe('nginx');
    expect(template.spec.tolerations).toBeUndefined();
  });

  it('refuses clashes, missing names and unknown objects with API-server wording', () => {
    const { store } = setup();
    store.create(pod('web'));
    expect(() => store.create(pod('web'))).toThrow(new StoreError('AlreadyExists', 'pods "web" already exists'));
    expect(() => store.update(pod('nope'))).toThrow('pods "nope" not found');
    expect(() => store.create({ kind: 'Pod', metadata: { namespace: 'default' }, spec: { containers: [{ name: 'c' }] } })).toThrow(
      /name or generateName is required/,
    );
    expect(() => store.create({ kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [] } })).toThrow('Pod "x" is invalid: spec.containers: Required value');
    const d: Workload = { kind: 'Deployment', metadata: { name: 'web' }, spec: {} };
    expect(() => store.update(d)).toThrow('deployments.apps "web" not found');
    try {
      store.create(pod('web'));
    } catch (e) {
      expect((e as StoreError).code).toBe('AlreadyExists');
    }
  });

  it('defaults namespaces for namespaced kinds and drops them for cluster-scoped ones', () => {
    const { store } = setup();
    const p = store.create<Pod>({ ...pod('a'), metadata: { name: 'a' } });
    expect(p.metadata.namespace).toBe('default');
    expect(store.get('Pod', undefined, 'a')).toBe(p);
    const n = store.create<KubeObject>({ kind: 'Node', metadata: { name: 'n', namespace: 'x' } });
    expect(n.metadata.namespace).toBeUndefined();
    expect(store.get('Node', 'anything', 'n')).toBe(n);
    const odd = store.create<KubeObject>({ kind: 'Widget', metadata: { name: 'w' } });
    expect(odd.metadata.namespace).toBeUndefined();
    expect(store.get('Widget', undefined, 'w')).toBe(odd);
  });

  it('refuses an update from a stale copy of a re-created object (UID precondition)', () => {
    const { store } = setup();
    const first = store.create(pod('db-0'));
    store.remove('Pod', 'default', 'db-0');
    store.create(pod('db-0'));
    const stale = deepClone(first);
    stale.status = { phase: 'Failed' };
    expect(() => store.update(stale)).toThrow(/Precondition failed: UID in precondition/);
    expect(store.get<Pod>('Pod', 'default', 'db-0')!.status!.phase).toBe('Pending');
  });

  it('keeps uid, creationTimestamp and deletionTimestamp across updates', () => {
    const { store, clock } = setup();
    const p = store.create(pod('web'));
    clock.advanceTo(5000);
    const u = store.update<Pod>({ ...pod('web'), metadata: { name: 'web', namespace: 'default', deletionTimestamp: '2026-01-01T00:00:35Z', deletionGracePeriodSeconds: 30 } });
    expect(u.metadata.uid).toBe(p.metadata.uid);
    expect(u.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    const again = store.update({ ...u, metadata: { ...u.metadata, deletionTimestamp: undefined, deletionGracePeriodSeconds: undefined } });
    expect(again.metadata.deletionTimestamp).toBe('2026-01-01T00:00:35Z');
    expect(again.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('bumps metadata.generation of workloads on spec changes only', () => {
    const { store } = setup();
    const d = store.create<Workload>({ kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2 } });
    expect(d.metadata.generation).toBe(1);
    const s = store.update<Workload>({ ...d, status: { replicas: 2 } });
    expect(s.metadata.generation).toBe(1);
    const t = store.update<Workload>({ ...s, spec: { replicas: 3 } });
    expect(t.metadata.generation).toBe(2);
    // Pods have one too (KEP-5067, GA in v1.35): pod-generation.test.ts.
    expect(store.create(pod('p')).metadata.generation).toBe(1);
  });

  it('fills a missing ownerReference uid from the named owner', () => {
    const { store } = setup();
    const rs = store.create<Workload>({ kind: 'ReplicaSet', metadata: { name: 'web-abc' }, spec: {} });
    const p = store.create(pod('web-abc-x', {}, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', controller: true }] }));
    expect(p.metadata.ownerReferences![0].uid).toBe(rs.metadata.uid);
    expect(store.ownedBy(rs.metadata.uid!)).toEqual([p]);
  });
});

describe('ObjectStore pod admission', () => {
  it('adds the default not-ready and unreachable tolerations, 300 s, in upstream order', () => {
    const { store } = setup();
    const p = store.create(pod('web', { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(p.spec.tolerations).toEqual([
      { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    // Idempotent on update.
    const u = store.update({ ...p, status: { phase: 'Running' } });
    expect(u.spec.tolerations).toHaveLength(3);
  });

  it('leaves pods that already tolerate the taints alone (DaemonSet pods, wildcard tolerations)', () => {
    const { store } = setup();
    const ds = store.create(
      pod('agent', {
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        ],
      }),
    );
    expect(ds.spec.tolerations).toHaveLength(2);
    expect(ds.spec.tolerations!.every((t) => t.tolerationSeconds === undefined)).toBe(true);
    expect(store.create(pod('all', { tolerations: [{ operator: 'Exists' }] })).spec.tolerations).toEqual([{ operator: 'Exists' }]);
    // Only one of the two tolerated: the other is added.
    const half = store.create(pod('half', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }));
    expect(half.spec.tolerations!.map((t) => [t.key, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/unreachable', 60],
      ['node.kubernetes.io/not-ready', 300],
    ]);
    // A NoSchedule toleration does not count.
    expect(store.create(pod('ns', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }] })).spec.tolerations).toHaveLength(3);
  });

  it('uses the configured toleration seconds and grace period', () => {
    const clock = new VirtualClock();
    const store = new ObjectStore({ clock, rng: new Rng(1), config: { defaultTolerationSeconds: 30, terminationGracePeriodSeconds: 5 } });
    const p = store.create(pod('web'));
    expect(p.spec.tolerations!.map((t) => t.tolerationSeconds)).toEqual([30, 30]);
    expect(p.spec.terminationGracePeriodSeconds).toBe(5);
  });

  it('defaults grace period, scheduler name, restart policy, phase, priority and requests from limits', () => {
    const { store } = setup();
    const p = store.create(pod('web', { containers: [{ name: 'c', resources: { limits: { cpu: '1', memory: '1Gi' } } }], terminationGracePeriodSeconds: 0 }));
    expect(p.spec.terminationGracePeriodSeconds).toBe(0);
    expect(p.spec.schedulerName).toBe('default-scheduler');
    expect(p.spec.restartPolicy).toBe('Always');
    expect(p.status!.phase).toBe('Pending');
    expect(p.spec.priority).toBe(0);
    expect(p.spec.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(p.spec.containers[0].resources!.requests).toEqual({ cpu: '1', memory: '1Gi' });
    expect(store.create(pod('q')).spec.terminationGracePeriodSeconds).toBe(30);
    const running = store.create({ ...pod('r'), status: { phase: 'Running' } });
    expect(running.status!.phase).toBe('Running');
  });

  it('resolves priority from a PriorityClass and refuses unknown classes', () => {
    const { store } = setup();
    store.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'Never' } as KubeObject);
    const p = store.create(pod('web', { priorityClassName: 'high' }));
    expect(p.spec.priority).toBe(1000);
    expect(p.spec.preemptionPolicy).toBe('Never');
    expect(store.create(pod('sys', { priorityClassName: 'system-node-critical' })).spec.priority).toBe(2000001000);
    expect(() => store.create(pod('bad', { priorityClassName: 'nope' }))).toThrow('pods "bad" is forbidden: no PriorityClass with name nope was found');
    expect(store.get('Pod', 'default', 'bad')).toBeUndefined();
  });
});

describe('ObjectStore reads and indexes', () => {
  it('lists sorted by namespace then name, optionally in one namespace', () => {
    const { store } = setup();
    for (const [ns, n] of [
      ['b', 'x'],
      ['a-b', 'z'],
      ['a', 'y'],
      ['a', 'b'],
    ]) {
      store.create(pod(n, {}, { namespace: ns }));
    }
    const names = (l: KubeObject[]) => l.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(names(store.list('Pod'))).toEqual(['a/b', 'a/y', 'a-b/z', 'b/x']);
    expect(names(store.list('Pod', 'a'))).toEqual(['a/b', 'a/y']);
    expect(store.list('Deployment')).toEqual([]);
    // An update shows up in a cached list.
    const p = store.get<Pod>('Pod', 'a', 'b')!;
    const u = store.update({ ...p, status: { phase: 'Running' } });
    expect(store.list('Pod')[0]).toBe(u);
    // The returned array is the caller's.
    store.list('Pod').pop();
    expect(store.list('Pod')).toHaveLength(4);
    store.remove('Pod', 'a', 'y');
    expect(names(store.list('Pod'))).toEqual(['a/b', 'a-b/z', 'b/x']);
  });

  it('indexes pods by node through binds, moves and deletes', () => {
    const { store } = setup();
    const a = store.create(pod('a', { nodeName: 'n1' }));
    const b = store.create(pod('b'));
    expect(store.podsOnNode('n1')).toEqual([a]);
    // Bind by copy.
    store.update({ ...b, spec: { ...b.spec, nodeName: 'n1' } });
    expect(store.podsOnNode('n1').map((p) => p.metadata.name)).toEqual(['a', 'b']);
    // Move by in-place edit.
    const live = store.get<Pod>('Pod', 'default', 'a')!;
    live.spec.nodeName = 'n2';
    store.update(live);
    expect(store.podsOnNode('n1').map((p) => p.metadata.name)).toEqual(['b']);
    expect(store.podsOnNode('n2').map((p) => p.metadata.name)).toEqual(['a']);
    store.remove('Pod', 'default', 'b');
    expect(store.podsOnNode('n1')).toEqual([]);
    expect(store.podsOnNode('nowhere')).toEqual([]);
  });

  it('indexes objects by owner uid', () => {
    const { store } = setup();
    const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true };
    store.create(pod('p2', {}, { ownerReferences: [ref] }));
    store.create(pod('p1', {}, { ownerReferences: [ref] }));
    store.create(pod('other'));
    expect(store.ownedBy('rs-uid').map((p) => p.metadata.name)).toEqual(['p1', 'p2']);
    const p1 = store.get<Pod>('Pod', 'default', 'p1')!;
    store.update({ ...p1, metadata: { ...p1.metadata, ownerReferences: [] } });
    expect(store.ownedBy('rs-uid').map((p) => p.metadata.name)).toEqual(['p2']);
    store.remove('Pod', 'default', 'p2');
    expect(store.ownedBy('rs-uid')).toEqual([]);
  });

  it('lists every object sorted by kind, namespace, name', () => {
    const { store } = setup();
    store.create(pod('b'));
    store.create(node('n'));
    store.create(pod('a'));
    expect(store.all().map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Node/n', 'Pod/a', 'Pod/b']);
    expect(store.count('Pod')).toBe(2);
  });
});

describe('ObjectStore watch', () => {
  it('delivers ADDED, MODIFIED (with the previous state) and DELETED', () => {
    const { store } = setup();
    const seen: WatchEvent[] = [];
    const stop = store.watch((e) => seen.push(e));
    const p = store.create(pod('web'));
    const running = store.update({ ...p, status: { phase: 'Running' } });
    store.update({ ...running, status: { phase: 'Succeeded' } });
    store.remove('Pod', 'default', 'web');
    store.remove('Pod', 'default', 'web');
    stop();
    store.create(pod('later'));
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
    expect(seen.map((e) => (e.object as Pod).status!.phase)).toEqual(['Pending', 'Running', 'Succeeded', 'Succeeded']);
    expect((seen[1].old as Pod).status!.phase).toBe('Pending');
    expect((seen[2].old as Pod).status!.phase).toBe('Running');
    expect(seen[1].old).toBe(p);
    expect(seen.every((e) => e.kind === 'Pod')).toBe(true);
  });

  it('never writes to the object given to update, nor to structure it shares with the old version', () => {
    const { store } = setup();
    const p = store.create(pod('web'));
    const rv = p.metadata.resourceVersion;
    const next: Pod = { ...p, spec: { ...p.spec, schedulerName: undefined, tolerations: undefined }, status: {} };
    const stored = store.update(next);
    expect(next.metadata.resourceVersion).toBe(rv);
    expect(p.metadata.resourceVersion).toBe(rv);
    expect(next.spec.tolerations).toBeUndefined();
    expect(next.status).toEqual({});
    expect(stored).not.toBe(next);
    expect(stored.spec.schedulerName).toBe('default-scheduler');
    expect(stored.spec.tolerations).toHaveLength(2);
    expect(stored.status!.phase).toBe('Pending');
    expect(store.get('Pod', 'default', 'web')).toBe(stored);
    // Unchanged parts are shared, not copied.
    expect(stored.spec.containers).toBe(p.spec.containers);
  });

  it('queues writes made by handlers and delivers them in order, never recursively', () => {
    const { store } = setup();
    const log: string[] = [];
    store.watch((e) => {
      log.push(`A:${e.type}:${e.object.metadata.name}`);
      if (e.type === 'ADDED' && e.object.metadata.name === 'x') {
        store.create(pod('y'));
        store.create(pod('z'));
      }
    });
    store.watch((e) => log.push(`B:${e.type}:${e.object.metadata.name}`));
    store.create(pod('x'));
    expect(log).toEqual(['A:ADDED:x', 'B:ADDED:x', 'A:ADDED:y', 'B:ADDED:y', 'A:ADDED:z', 'B:ADDED:z']);
  });

  it('holds notifications during a transaction and delivers them after', () => {
    const { store } = setup();
    const counts: number[] = [];
    store.watch(() => counts.push(store.count('Pod')));
    store.transaction(() => {
      store.create(pod('a'));
      store.create(pod('b'));
      expect(counts).toEqual([]);
    });
    expect(counts).toEqual([2, 2]);
  });

  it('recovers after a handler throws', () => {
    const { store } = setup();
    let fail = true;
    const seen: string[] = [];
    store.watch((e) => {
      if (fail) throw new Error('boom');
      seen.push(e.object.metadata.name!);
    });
    expect(() => store.create(pod('a'))).toThrow('boom');
    fail = false;
    store.create(pod('b'));
    expect(seen).toEqual(['b']);
  });
});

describe('helpers', () => {
  it('clones and compares plain data', () => {
    const v = { a: [1, { b: 'x' }], c: null, d: undefined };
    const c = deepClone(v);
    expect(c).toEqual({ a: [1, { b: 'x' }], c: null });
    expect(c.a).not.toBe(v.a);
    expect(deepEqual(v, c)).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });
  it('names resources as the API server and kubectl do', () => {
    expect(resourceOf('Pod')).toBe('pods');
    expect(resourceOf('PriorityClass')).toBe('priorityclasses.scheduling.k8s.io');
    expect(resourceOf('PodDisruptionBudget')).toBe('poddisruptionbudgets.policy');
    expect(resourceOf('NetworkPolicy')).toBe('networkpolicies.networking.k8s.io');
    expect(kubectlRef('Deployment', 'web')).toBe('deployment.apps/web');
    expect(kubectlRef('Node', 'n')).toBe('node/n');
  });
});
