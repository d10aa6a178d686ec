import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import { toTimestamp } from '../clock/time';
import { EventRecorder } from '../events/recorder';
import type { KubeObject, Node, Pod } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import type { Component, ControlPlaneConfig, SimContext } from '../sim/contracts';
import { ObjectStore } from '../store/object-store';
import { Simulation } from '../sim/simulation';
import { makeNode, makePod } from '../testing/builders';
import { createSchedulerComponent, type SchedulerComponentOptions } from './scheduler-component';

/** Removes a terminating bound pod once its containers stop, as the kubelet does on a live node. */
function fakeKubelet(): Component {
  return {
    name: 'fake-kubelet',
    start(ctx) {
      const seen = new Set<string>();
      ctx.store.watch((e) => {
        const p = e.object as Pod;
        if (e.kind !== 'Pod' || e.type === 'DELETED' || !p.spec.nodeName || !p.metadata.deletionTimestamp) return;
        if (seen.has(p.metadata.uid!)) return;
        seen.add(p.metadata.uid!);
        ctx.clock.after(ctx.config.containerStopDelay, 'fake kubelet: containers stopped', () => {
          const cur = ctx.store.get<Pod>('Pod', p.metadata.namespace, p.metadata.name!);
          if (cur?.metadata.uid === p.metadata.uid) ctx.store.remove('Pod', p.metadata.namespace, p.metadata.name!);
        });
      });
    },
  };
}

function sim(opts: { seed?: number; config?: Partial<ControlPlaneConfig>; scheduler?: SchedulerComponentOptions; ksc?: unknown } = {}) {
  const seed = opts.seed ?? 1;
  const clock = new VirtualClock();
  const config = { ...defaultControlPlaneConfig(), ...opts.config };
  const store = new ObjectStore({ clock, rng: new Rng(seed + 1000), config });
  const recorder = new EventRecorder(clock);
  const ctx: SimContext = {
    clock,
    store,
    recorder,
    rng: new Rng(seed),
    config,
    timestamp: (t) => toTimestamp(t ?? clock.now),
    nodeUp: () => true,
  };
  const scheduler = createSchedulerComponent(opts.ksc, opts.scheduler);
  scheduler.start(ctx);
  fakeKubelet().start(ctx);
  const pod = (name: string) => store.get<Pod>('Pod', 'default', name);
  const events = (reason: string, name?: string) =>
    recorder.all().filter((e) => e.reason === reason && (name === undefined || e.object === `Pod/default/${name}`));
  return { ctx, clock, store, recorder, scheduler, pod, events, run: (t: number) => clock.advanceTo(t) };
}

const node = (name: string, cpu = '4'): Node => makeNode(name).capacity({ cpu, memory: '8Gi' }).obj();
const condition = (p: Pod | undefined, type: string) => p?.status?.conditions?.find((c) => c.type === type);

describe('scheduler component: binding', () => {
  it('binds a pending pod and records Scheduled', () => {
    const s = sim();
    s.store.create(node('n1'));
    s.store.create(makePod('web').req({ cpu: '1' }).obj());
    s.run(0);
    const p = s.pod('web')!;
    expect(p.spec.nodeName).toBe('n1');
    expect(condition(p, 'PodScheduled')).toMatchObject({ status: 'True', lastTransitionTime: toTimestamp(0) });
    expect(condition(p, 'PodScheduled')!.reason).toBeUndefined();
    expect(s.events('Scheduled')).toEqual([
      { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web to n1', object: 'Pod/default/web', source: 'default-scheduler', count: 1, firstTime: 0, lastTime: 0 },
    ]);
    expect(s.scheduler.pendingPods()).toEqual({ active: [], backoff: [], unschedulable: [], gated: [] });
  });

  it('leaves pods of other schedulers alone, and counts pods already bound', () => {
    const s = sim();
    s.store.create(node('n1', '2'));
    s.store.create(makePod('bound').req({ cpu: '1' }).node('n1').obj());
    const other = makePod('other').req({ cpu: '1' }).obj();
    other.spec.schedulerName = 'my-scheduler';
    s.store.create(other);
    s.store.create(makePod('big').req({ cpu: '2' }).obj());
    s.run(60_000);
    expect(s.pod('other')!.spec.nodeName).toBeUndefined();
    expect(s.events('FailedScheduling', 'other')).toEqual([]);
    expect(s.pod('big')!.spec.nodeName).toBeUndefined();
    expect(s.events('FailedScheduling', 'big')[0].message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });
});

describe('scheduler component: failures and queueing hints', () => {
  it('records FailedScheduling and PodScheduled=False, then schedules the pod as soon as a node that fits is added', () => {
    const s = sim();
    s.store.create(node('small', '1'));
    s.store.create(makePod('p').req({ cpu: '2' }).obj());
    s.run(0);
    // More than the node's allocatable: UnschedulableAndUnresolvable, so preemption cannot help.
    const msg = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    expect(s.events('FailedScheduling', 'p')).toMatchObject([{ type: 'Warning', message: msg, source: 'default-scheduler', count: 1 }]);
    expect(condition(s.pod('p'), 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
    expect(s.scheduler.pendingPods().unschedulable).toEqual(['default/p']);
    // Nothing retries it while nothing changes.
    s.run(5_400);
    expect(s.events('FailedScheduling', 'p')[0].count).toBe(1);
    s.store.create(node('big', '4'));
    s.run(5_400);
    expect(s.pod('p')!.spec.nodeName).toBe('big');
    expect(s.events('Scheduled', 'p')[0].firstTime).toBe(5_400);
    // The binding replaces the whole condition: no reason or message left from the failure.
    expect(condition(s.pod('p'), 'PodScheduled')).toEqual({ type: 'PodScheduled', status: 'True', lastTransitionTime: toTimestamp(5_400) });
  });

  it('with strict backoff, a pod moved by a node added during its backoff waits for the backoff to end', () => {
    const s = sim({ scheduler: { popFromBackoffQ: false } });
    s.store.create(node('small', '1'));
    s.store.create(makePod('p').req({ cpu: '2' }).obj());
    s.run(400);
    s.store.create(node('big', '4'));
    s.run(999);
    expect(s.pod('p')!.spec.nodeName).toBeUndefined();
    expect(s.scheduler.pendingPods().backoff).toEqual(['default/p']);
    s.run(1_000);
    expect(s.pod('p')!.spec.nodeName).toBe('big');
    expect(s.events('Scheduled', 'p')[0].firstTime).toBe(1_000);
  });

  it('does not retry a pod rejected for resources on an unrelated label change, but does when a bound pod is deleted', () => {
    const s = sim();
    s.store.create(node('n1', '4'));
    s.store.create(makePod('hog').req({ cpu: '3' }).node('n1').obj());
    s.store.create(makePod('p').req({ cpu: '2' }).obj());
    s.run(10_000);
    expect(s.events('FailedScheduling', 'p')[0].count).toBe(1);
    const n = s.store.get<Node>('Node', undefined, 'n1')!;
    s.store.update({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, team: 'blue' } } });
    s.run(20_000);
    expect(s.events('FailedScheduling', 'p')[0].count).toBe(1);
    expect(s.pod('p')!.spec.nodeName).toBeUndefined();
    s.store.remove('Pod', 'default', 'hog');
    s.run(20_000);
    expect(s.pod('p')!.spec.nodeName).toBe('n1');
    expect(s.events('Scheduled', 'p')[0].firstTime).toBe(20_000);
  });

  it('frees the resources of a pod that finished (Succeeded pods leave the scheduler cache)', () => {
    const s = sim();
    s.store.create(node('n1', '2'));
    s.store.create(makePod('job').req({ cpu: '2' }).node('n1').obj());
    s.store.create(makePod('p').req({ cpu: '2' }).obj());
    s.run(3_000);
    expect(s.pod('p')!.spec.nodeName).toBeUndefined();
    const job = s.pod('job')!;
    s.store.update({ ...job, status: { ...job.status, phase: 'Succeeded' } });
    s.run(3_000);
    expect(s.pod('p')!.spec.nodeName).toBe('n1');
  });

  it('retries every pod left in the pool longer than 5 minutes on the 30 s flush', () => {
    const s = sim();
    s.store.create(node('n1'));
    s.store.create(makePod('p').req({ cpu: '1' }).nodeSelector({ disk: 'ssd' }).obj());
    s.run(0);
    const failed = () => s.events('FailedScheduling', 'p')[0];
    expect(failed()).toMatchObject({ count: 1, message: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling." });
    s.run(329_999);
    expect(failed().count).toBe(1);
    // Failed at 0: the flush at 300 s finds it exactly 5 min old (not more), the one at 330 s moves it.
    s.run(330_000);
    expect(failed()).toMatchObject({ count: 2, lastTime: 330_000 });
    s.run(660_000);
    expect(failed()).toMatchObject({ count: 3, lastTime: 660_000 });
  });

  it('retries a pod waiting for a missing PersistentVolumeClaim as soon as the claim is created', () => {
    const s = sim();
    s.store.create(node('n1'));
    const p = makePod('db').req({ cpu: '1' }).obj();
    p.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
    s.store.create(p);
    s.run(10_000);
    expect(s.events('FailedScheduling', 'db')).toMatchObject([{ count: 1 }]);
    expect(s.events('FailedScheduling', 'db')[0].message).toContain('persistentvolumeclaim "data" not found');
    s.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv-1' } });
    s.run(10_000);
    expect(s.pod('db')!.spec.nodeName).toBe('n1');
  });

  it('keeps a gated pod out of scheduling until its gates are removed', () => {
    const s = sim();
    s.store.create(node('n1'));
    s.store.create(makePod('g').req({ cpu: '1' }).schedulingGates('example.com/quota').obj());
    s.run(60_000);
    expect(s.events('FailedScheduling', 'g')).toEqual([]);
    expect(s.scheduler.pendingPods().gated).toEqual(['default/g']);
    const g = s.pod('g')!;
    s.store.update({ ...g, spec: { ...g.spec, schedulingGates: [] } });
    s.run(60_000);
    expect(s.pod('g')!.spec.nodeName).toBe('n1');
  });

  it('retries "no nodes available" with the error backoff and binds once a node exists', () => {
    const s = sim();
    s.store.create(makePod('p').req({ cpu: '1' }).obj());
    s.run(0);
    expect(s.events('FailedScheduling', 'p')).toMatchObject([{ message: 'no nodes available to schedule pods', count: 1 }]);
    expect(condition(s.pod('p'), 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    // Backoff 1 s from t=0 → the 1 s window, flushed at 2 s; then 2 s → flushed at 5 s.
    s.run(1_999);
    expect(s.events('FailedScheduling', 'p')[0].count).toBe(1);
    s.run(2_000);
    expect(s.events('FailedScheduling', 'p')[0].count).toBe(2);
    s.store.create(node('n1'));
    s.run(4_999);
    expect(s.pod('p')!.spec.nodeName).toBeUndefined();
    s.run(5_000);
    expect(s.pod('p')!.spec.nodeName).toBe('n1');
  });

  it('uses the backoff of the KubeSchedulerConfiguration when it sets one', () => {
    const s = sim({ ksc: { podInitialBackoffSeconds: 4, podMaxBackoffSeconds: 8 }, scheduler: { popFromBackoffQ: false } });
    s.store.create(makePod('p').req({ cpu: '1' }).obj());
    s.run(3_999);
    expect(s.events('FailedScheduling', 'p')[0].count).toBe(1);
    s.run(4_000);
    expect(s.events('FailedScheduling', 'p')[0].count).toBe(2);
  });
});

describe('scheduler component: preemption', () => {
  it('evicts the victim gracefully, nominates the preemptor and binds it once the victim is gone', () => {
    const s = sim();
    s.store.create(node('n1', '2'));
    s.store.create(makePod('low').req({ cpu: '2' }).priority(0).obj());
    s.run(0);
    expect(s.pod('low')!.spec.nodeName).toBe('n1');
    s.run(10_000);
    const high = s.store.create(makePod('high').req({ cpu: '2' }).priority(1000).obj());
    s.run(10_000);

    // The victim: DisruptionTarget, Preempted, a graceful delete.
    const low = s.pod('low')!;
    expect(condition(low, 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    expect(low.metadata.deletionTimestamp).toBe(toTimestamp(10_000 + 30_000));
    expect(s.events('Preempted', 'low')).toMatchObject([
      { type: 'Normal', message: `Preempted by pod ${high.metadata.uid} on node n1`, source: 'default-scheduler', firstTime: 10_000 },
    ]);
    // The preemptor: FailedScheduling, then nominated to n1.
    expect(s.events('FailedScheduling', 'high')).toMatchObject([{ message: '0/1 nodes are available: 1 Insufficient cpu.' }]);
    expect(s.pod('high')!.status?.nominatedNodeName).toBe('n1');
    expect(s.scheduler.nominatedNodeOf('default/high')).toBe('n1');
    const order = s.recorder.all().map((e) => `${e.reason} ${e.object}`);
    expect(order.indexOf('FailedScheduling Pod/default/high')).toBeLessThan(order.indexOf('Preempted Pod/default/low'));

    // Still waiting while the victim terminates.
    s.run(10_999);
    expect(s.pod('high')!.spec.nodeName).toBeUndefined();
    // The kubelet removes the victim 1 s later; the preemptor binds at once.
    s.run(11_000);
    expect(s.pod('low')).toBeUndefined();
    const bound = s.pod('high')!;
    expect(bound.spec.nodeName).toBe('n1');
    expect(bound.status?.nominatedNodeName).toBeUndefined();
    expect(s.events('Scheduled', 'high')[0].firstTime).toBe(11_000);
    expect(s.scheduler.nominatedNodeOf('default/high')).toBeUndefined();
  });

  it('keeps the space preemption freed for the preemptor, not for a lower-priority pod that arrives meanwhile', () => {
    const s = sim();
    s.store.create(node('n1', '2'));
    s.store.create(makePod('low').req({ cpu: '2' }).priority(0).obj());
    s.run(0);
    s.store.create(makePod('high').req({ cpu: '2' }).priority(1000).obj());
    s.run(500);
    s.store.create(makePod('late').req({ cpu: '2' }).priority(0).obj());
    s.run(5_000);
    expect(s.pod('high')!.spec.nodeName).toBe('n1');
    expect(s.pod('late')!.spec.nodeName).toBeUndefined();
  });
});

describe('scheduler component: determinism', () => {
  const scenario = (seed: number) => {
    const s = sim({ seed });
    for (const n of ['a', 'b', 'c']) s.store.create(node(n));
    for (let i = 0; i < 7; i++) s.store.create(makePod(`p${i}`).req({ cpu: '1' }).obj());
    s.run(10_000);
    const placement = s.store.list<Pod>('Pod').map((p) => `${p.metadata.name}@${p.spec.nodeName}`);
    return { placement, events: JSON.stringify(s.recorder.all()), objects: JSON.stringify(s.store.list<KubeObject>('Pod')) };
  };

  it('gives the same bindings, events and objects for the same seed', () => {
    expect(scenario(42)).toEqual(scenario(42));
  });

  it('breaks score ties with the seed', () => {
    const placements = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => scenario(seed).placement.join(',')));
    expect(placements.size).toBeGreaterThan(1);
  });
});

describe('scheduler component in the full simulation', () => {
  it('preempts ReplicaSet pods for a higher-priority pod; the replacements wait while the preemptor takes the node', () => {
    const sim = new Simulation({ seed: 7 });
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'low', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'low' } },
        template: { metadata: { labels: { app: 'low' } }, spec: { containers: [{ name: 'c', image: 'app', resources: { requests: { cpu: '1' } } }] } },
      },
    };
    sim.load([makeNode('n1').capacity({ cpu: '2', memory: '4Gi' }).obj(), rs]);
    sim.advanceTo(5_000);
    const high = makePod('high').req({ cpu: '2' }, 'app').priority(1000).obj();
    delete high.metadata.uid;
    expect(sim.dispatch({ action: 'apply', object: high }).ok).toBe(true);
    sim.advanceTo(60_000);

    const pods = sim.objects().filter((o): o is Pod => o.kind === 'Pod');
    const uid = pods.find((p) => p.metadata.name === 'high')!.metadata.uid;
    const events = sim.events();
    const preempted = events.filter((e) => e.reason === 'Preempted');
    expect(preempted.map((e) => e.message)).toEqual([`Preempted by pod ${uid} on node n1`, `Preempted by pod ${uid} on node n1`]);
    const scheduled = events.find((e) => e.reason === 'Scheduled' && e.object === 'Pod/default/high')!;
    // Bound once the kubelet has stopped the victims, after their preemption.
    expect(scheduled.firstTime).toBeGreaterThan(5_000);
    expect(pods.find((p) => p.metadata.name === 'high')!.spec.nodeName).toBe('n1');
    const replacements = pods.filter((p) => p.metadata.name !== 'high');
    expect(replacements).toHaveLength(2);
    for (const p of replacements) {
      expect(p.spec.nodeName).toBeUndefined();
      expect(condition(p, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    }
  });
});
