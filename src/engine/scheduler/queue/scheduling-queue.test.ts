import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../../testing/builders';
import type { Node, Pod } from '../../model/types';
import { PodInfo } from '../framework/pod-info';
import * as names from '../plugins/names';
import { PrioritySortPlugin } from '../plugins/priority-sort/priority-sort';
import {
  EventAssignedPodDelete,
  EventNodeAdd,
  EventUnscheduledPodDelete,
  nodeSchedulingPropertiesChange,
} from './cluster-events';
import { BACKOFF_WINDOW, SchedulingQueue, type QueueOptions } from './scheduling-queue';

const ALL_PLUGINS = [
  names.SchedulingGates,
  names.NodeUnschedulable,
  names.NodeName,
  names.TaintToleration,
  names.NodeAffinity,
  names.NodePorts,
  names.NodeResourcesFit,
  names.PodTopologySpread,
  names.InterPodAffinity,
];

function setup(opts: Partial<QueueOptions> = {}) {
  const time = { now: 0 };
  const sort = new PrioritySortPlugin();
  const q = new SchedulingQueue({
    now: () => time.now,
    less: (a, b) => sort.less(a, b),
    podInitialBackoff: 1000,
    podMaxBackoff: 10_000,
    podMaxInUnschedulablePodsDuration: 300_000,
    preEnqueue: (pi) => ((pi.pod.spec.schedulingGates?.length ?? 0) > 0 ? names.SchedulingGates : null),
    namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns }),
    plugins: ALL_PLUGINS,
    ...opts,
  });
  return { q, time };
}

let seq = 0;
const info = (p: Pod): PodInfo => new PodInfo(p, seq++);

/** Pops the pod and fails it with these rejecting plugins. */
function fail(q: SchedulingQueue, key: string, plugins: string[]) {
  const popped = q.pop()!;
  expect(popped.key).toBe(key);
  return q.addUnschedulable(popped, new Set(plugins));
}

const node = (name: string, cpu: string): Node => makeNode(name).capacity({ cpu, memory: '8Gi' }).obj();

describe('backoff', () => {
  it('doubles from the initial backoff up to the max: 1, 2, 4, 8, 10, 10 s', () => {
    const { q } = setup();
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => q.backoffDuration(n))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('strict mode (popFromBackoffQ off): the pod leaves backoffQ exactly when its backoff ends', () => {
    const { q, time } = setup({ popFromBackoffQ: false });
    q.add(info(makePod('p').req({ cpu: '1' }).obj()));
    expect(fail(q, 'default/p', [names.NodeResourcesFit])).toBe('unschedulable');
    time.now = 400;
    q.moveAllToActiveOrBackoffQueue(EventNodeAdd, undefined, node('n1', '4'));
    expect(q.where('default/p')).toBe('backoff');
    expect(q.hasWork).toBe(false);
    expect(q.nextBackoffFlushAt()).toBe(1000);
    time.now = 999;
    q.flushBackoffQCompleted();
    expect(q.where('default/p')).toBe('backoff');
    time.now = 1000;
    q.flushBackoffQCompleted();
    expect(q.where('default/p')).toBe('active');
  });

  it('aligned mode (default): expiries fall into 1 s windows, flushed at the start of the next one', () => {
    const { q, time } = setup();
    time.now = 300;
    q.add(info(makePod('p').req({ cpu: '1' }).obj()));
    fail(q, 'default/p', [names.NodeResourcesFit]);
    // 300 + 1000 → window 1000; done when the window of "now" is past it.
    expect(q.backoffTime(q.get('default/p')!)).toBe(1000);
    time.now = 1500;
    expect(q.isBackingOff(q.get('default/p')!)).toBe(true);
    time.now = 2 * BACKOFF_WINDOW;
    expect(q.isBackingOff(q.get('default/p')!)).toBe(false);
  });

  it('an idle scheduler takes backoffQ pods early (SchedulerPopFromBackoffQ), never errorBackoffQ ones', () => {
    const { q, time } = setup();
    q.add(info(makePod('rejected').req({ cpu: '1' }).obj()));
    q.add(info(makePod('errored').req({ cpu: '1' }).obj()));
    fail(q, 'default/rejected', [names.NodeResourcesFit]);
    fail(q, 'default/errored', []);
    expect(q.where('default/errored')).toBe('backoff');
    expect(q.hasWork).toBe(false);
    time.now = 200;
    q.moveAllToActiveOrBackoffQueue(EventNodeAdd, undefined, node('n1', '4'));
    expect(q.where('default/rejected')).toBe('backoff');
    expect(q.hasWork).toBe(true);
    expect(q.pop()!.key).toBe('default/rejected');
    expect(q.pop()).toBeUndefined();
    // The errored pod: expiry 1000 (window 1000), flushed at 2000.
    expect(q.nextBackoffFlushAt()).toBe(2000);
    time.now = 2000;
    q.flushBackoffQCompleted();
    expect(q.pop()!.key).toBe('default/errored');
  });
});

describe('activeQ order', () => {
  it('is priority first, then queue time, then arrival', () => {
    const { q, time } = setup();
    q.add(info(makePod('a').priority(1).obj()));
    q.add(info(makePod('b').priority(5).obj()));
    time.now = 10;
    q.add(info(makePod('c').priority(5).obj()));
    time.now = 5;
    q.add(info(makePod('d').priority(1).obj()));
    expect([q.pop(), q.pop(), q.pop(), q.pop()].map((x) => x!.key)).toEqual(['default/b', 'default/c', 'default/a', 'default/d']);
  });
});

describe('queueing hints', () => {
  it('NodeResourcesFit: a node label change does not move the pod, a deleted bound pod does', () => {
    const { q, time } = setup();
    q.add(info(makePod('p').req({ cpu: '2' }).obj()));
    fail(q, 'default/p', [names.NodeResourcesFit]);
    time.now = 5000;
    const n = node('n1', '4');
    const relabelled = { ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, team: 'a' } } };
    const events = nodeSchedulingPropertiesChange(relabelled, n);
    expect(events.map((e) => e.label)).toEqual(['NodeLabelChange']);
    q.moveAllToActiveOrBackoffQueue(events[0], n, relabelled);
    expect(q.where('default/p')).toBe('unschedulable');
    // A pending pod's deletion frees nothing.
    q.moveAllToActiveOrBackoffQueue(EventUnscheduledPodDelete, makePod('other').obj(), undefined);
    expect(q.where('default/p')).toBe('unschedulable');
    q.moveAllToActiveOrBackoffQueue(EventAssignedPodDelete, makePod('bound').node('n1').obj(), undefined);
    // Backoff (1 s from t=0) is over: straight to activeQ.
    expect(q.where('default/p')).toBe('active');
  });

  it('NodeResourcesFit: a new node too small for the pod does not move it', () => {
    const { q } = setup();
    q.add(info(makePod('p').req({ cpu: '8' }).obj()));
    fail(q, 'default/p', [names.NodeResourcesFit]);
    q.moveAllToActiveOrBackoffQueue(EventNodeAdd, undefined, node('small', '4'));
    expect(q.where('default/p')).toBe('unschedulable');
    q.moveAllToActiveOrBackoffQueue(EventNodeAdd, undefined, node('big', '16'));
    expect(q.where('default/p')).toBe('backoff');
  });

  it('NodeAffinity: moves on a label change that makes a node match, TaintToleration on a taint removal', () => {
    const { q } = setup();
    q.add(info(makePod('aff').nodeSelector({ disk: 'ssd' }).obj()));
    q.add(info(makePod('tol').obj()));
    fail(q, 'default/aff', [names.NodeAffinity]);
    fail(q, 'default/tol', [names.TaintToleration]);
    const tainted = makeNode('n').taint({ key: 'k', value: 'v', effect: 'NoSchedule' }).obj();
    const labelled = { ...tainted, metadata: { ...tainted.metadata, labels: { ...tainted.metadata.labels, disk: 'ssd' } } };
    for (const e of nodeSchedulingPropertiesChange(labelled, tainted)) q.moveAllToActiveOrBackoffQueue(e, tainted, labelled);
    expect(q.where('default/aff')).toBe('backoff');
    expect(q.where('default/tol')).toBe('unschedulable');
    const untainted = { ...labelled, spec: { ...labelled.spec, taints: [] } };
    for (const e of nodeSchedulingPropertiesChange(untainted, labelled)) q.moveAllToActiveOrBackoffQueue(e, labelled, untainted);
    expect(q.where('default/tol')).toBe('backoff');
  });

  it('NodeUnschedulable: moves on uncordon, not on cordon', () => {
    const { q } = setup();
    q.add(info(makePod('p').obj()));
    fail(q, 'default/p', [names.NodeUnschedulable]);
    const cordoned = makeNode('n').unschedulable().obj();
    const open = makeNode('n').obj();
    for (const e of nodeSchedulingPropertiesChange(cordoned, open)) q.moveAllToActiveOrBackoffQueue(e, open, cordoned);
    expect(q.where('default/p')).toBe('unschedulable');
    for (const e of nodeSchedulingPropertiesChange(open, cordoned)) q.moveAllToActiveOrBackoffQueue(e, cordoned, open);
    expect(q.where('default/p')).toBe('backoff');
  });

  it('InterPodAffinity: a bound pod matching the affinity moves the pod; an unrelated one does not', () => {
    const { q } = setup();
    const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
    q.add(info(makePod('web').podAffinity(term).obj()));
    fail(q, 'default/web', [names.InterPodAffinity]);
    q.assignedPodAdded(makePod('cache').label('app', 'cache').node('n1').obj());
    expect(q.where('default/web')).toBe('unschedulable');
    q.assignedPodAdded(makePod('db').label('app', 'db').node('n1').obj());
    expect(q.where('default/web')).toBe('backoff');
  });

  it('a pod rejected by no plugin (an error) goes to errorBackoffQ, not the pool', () => {
    const { q } = setup();
    q.add(info(makePod('p').obj()));
    expect(fail(q, 'default/p', [])).toBe('backoff');
    expect(q.pendingPods().backoff).toEqual(['default/p']);
  });
});

describe('the unschedulable pool', () => {
  it('is flushed for pods that stayed longer than 5 minutes', () => {
    const { q, time } = setup();
    q.add(info(makePod('p').nodeSelector({ zone: 'nowhere' }).obj()));
    fail(q, 'default/p', [names.NodeAffinity]);
    time.now = 300_000;
    q.flushUnschedulablePodsLeftover();
    expect(q.where('default/p')).toBe('unschedulable');
    time.now = 300_001;
    q.flushUnschedulablePodsLeftover();
    expect(q.where('default/p')).toBe('active');
  });

  it('holds gated pods until their gates are removed', () => {
    const { q } = setup();
    const gated = makePod('g').schedulingGates('example.com/wait').obj();
    q.add(info(gated));
    expect(q.pendingPods().gated).toEqual(['default/g']);
    expect(q.hasWork).toBe(false);
    // Unrelated events never move a gated pod.
    q.moveAllToActiveOrBackoffQueue(EventNodeAdd, undefined, node('n', '4'));
    expect(q.where('default/g')).toBe('unschedulable');
    const ungated = { ...gated, spec: { ...gated.spec, schedulingGates: [] } };
    q.update(gated, info(ungated));
    expect(q.where('default/g')).toBe('active');
  });

  it('drops deleted pods from every queue', () => {
    const { q } = setup();
    q.add(info(makePod('a').obj()));
    q.add(info(makePod('b').obj()));
    fail(q, 'default/a', [names.NodeResourcesFit]);
    q.delete('default/a');
    q.delete('default/b');
    expect(q.pendingPods()).toEqual({ active: [], backoff: [], unschedulable: [], gated: [] });
  });
});
