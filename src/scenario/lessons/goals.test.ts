import { describe, expect, it } from 'vitest';
import { evaluateGoal, ownedBy, type Goal, type GoalFrame } from './goals';

type Pod = GoalFrame['pods'][number];
type Node = GoalFrame['nodes'][number];

const pod = (name: string, nodeName: string | null, over: Partial<Pod> = {}): Pod => ({
  namespace: 'default',
  name,
  phase: nodeName ? 'Running' : 'Pending',
  nodeName,
  deletionTimestamp: null,
  owner: { kind: 'ReplicaSet', name: 'web-5746d46c86' },
  ...over,
});
const node = (name: string, over: Partial<Node> = {}): Node => ({
  name,
  status: 'Ready',
  unschedulable: false,
  taints: [],
  allocatable: { cpu: 2000 },
  requested: { cpu: 0 },
  ...over,
});
const frame = (over: Partial<GoalFrame>): GoalFrame => ({ nodes: [], pods: [], queue: [], events: [], ...over });
const met = (goal: Goal, f: GoalFrame) => evaluateGoal(goal, f).met;

describe('ownedBy', () => {
  it('matches a Deployment through its ReplicaSet, and other controllers by name', () => {
    expect(ownedBy(pod('a', null), 'web')).toBe(true);
    expect(ownedBy(pod('a', null), 'we')).toBe(false);
    expect(ownedBy(pod('a', null, { owner: { kind: 'ReplicaSet', name: 'web-api-5746d46c86' } }), 'web')).toBe(false);
    expect(ownedBy(pod('a', null, { owner: { kind: 'StatefulSet', name: 'db' } }), 'db')).toBe(true);
    expect(ownedBy(pod('a', null, { owner: null }), 'a')).toBe(false);
    expect(ownedBy(pod('a', null, { namespace: 'other' }), 'web')).toBe(false);
  });
});

describe('evaluateGoal', () => {
  it('allPodsRunning needs every live pod Running and at least min of them', () => {
    const goal: Goal = { allPodsRunning: { workload: 'web', min: 2 } };
    expect(evaluateGoal(goal, frame({ pods: [pod('a', 'w1'), pod('b', null)] }))).toEqual({ met: false, detail: '1 of 2 pods of web Running' });
    expect(met(goal, frame({ pods: [pod('a', 'w1'), pod('b', 'w2')] }))).toBe(true);
    expect(met(goal, frame({ pods: [pod('a', 'w1')] }))).toBe(false);
    // A terminating pod no longer counts either way.
    expect(met(goal, frame({ pods: [pod('a', 'w1'), pod('b', 'w2'), pod('c', 'w3', { deletionTimestamp: 't', phase: 'Running' })] }))).toBe(true);
    expect(met({ allPodsRunning: { workload: 'web' } }, frame({}))).toBe(false);
  });

  it('podScheduled and podsOnNode', () => {
    const f = frame({ pods: [pod('a', 'w1'), pod('b', null, { owner: null }), pod('c', 'w1', { deletionTimestamp: 't' })] });
    expect(evaluateGoal({ podScheduled: { pod: 'default/a' } }, f)).toEqual({ met: true, detail: 'default/a is on w1' });
    expect(met({ podScheduled: { pod: 'default/a', node: 'w2' } }, f)).toBe(false);
    expect(evaluateGoal({ podScheduled: { pod: 'default/b' } }, f)).toEqual({ met: false, detail: 'default/b is Pending' });
    expect(evaluateGoal({ podScheduled: { pod: 'default/zz' } }, f).detail).toBe('default/zz does not exist');
    expect(evaluateGoal({ podsOnNode: { node: 'w1', max: 0 } }, f)).toEqual({ met: false, detail: '1 pod on w1' });
    expect(met({ podsOnNode: { node: 'w2', max: 0 } }, f)).toBe(true);
    expect(met({ podsOnNode: { node: 'w1', workload: 'web', min: 1, max: 1 } }, f)).toBe(true);
  });

  it('podState: a phase, Terminating while deleted whatever the phase, Absent when gone', () => {
    const f = frame({ pods: [pod('a', 'w1'), pod('b', null), pod('c', 'w2', { deletionTimestamp: 't', phase: 'Running' }), pod('d', 'w1', { phase: 'Succeeded' })] });
    expect(evaluateGoal({ podState: { pod: 'default/a', state: 'Running' } }, f)).toEqual({ met: true, detail: 'default/a is Running on w1' });
    expect(met({ podState: { pod: 'default/a', state: 'Terminating' } }, f)).toBe(false);
    expect(evaluateGoal({ podState: { pod: 'default/b', state: 'Running' } }, f)).toEqual({ met: false, detail: 'default/b is Pending' });
    expect(met({ podState: { pod: 'default/b', state: 'Pending' } }, f)).toBe(true);
    expect(evaluateGoal({ podState: { pod: 'default/c', state: 'Terminating' } }, f)).toEqual({ met: true, detail: 'default/c is Terminating on w2' });
    expect(met({ podState: { pod: 'default/c', state: 'Running' } }, f)).toBe(false);
    expect(met({ podState: { pod: 'default/d', state: 'Succeeded' } }, f)).toBe(true);
    expect(evaluateGoal({ podState: { pod: 'default/zz', state: 'Absent' } }, f)).toEqual({ met: true, detail: 'default/zz does not exist' });
    expect(met({ podState: { pod: 'default/a', state: 'Absent' } }, f)).toBe(false);
    expect(met({ podState: { pod: 'other/a', state: 'Absent' } }, f)).toBe(true);
    expect(() => evaluateGoal({ podState: { pod: 'default/a', state: 'Gone' } } as unknown as Goal, f)).toThrow('podState: unknown state "Gone": expected one of Pending, Running');
  });

  it('livePods counts the workload\'s pods that are neither terminating nor finished', () => {
    const f = frame({
      pods: [
        pod('a', 'w1'),
        pod('b', null),
        pod('c', 'w2', { deletionTimestamp: 't' }),
        pod('d', 'w2', { phase: 'Failed' }),
        pod('e', 'w1', { owner: { kind: 'StatefulSet', name: 'db' } }),
      ],
    });
    expect(evaluateGoal({ livePods: { workload: 'web', min: 2, max: 2 } }, f)).toEqual({ met: true, detail: '2 live pods of web' });
    expect(met({ livePods: { workload: 'web', max: 1 } }, f)).toBe(false);
    expect(met({ livePods: { workload: 'web', min: 3 } }, f)).toBe(false);
    expect(evaluateGoal({ livePods: { workload: 'db', max: 0 } }, f)).toEqual({ met: false, detail: '1 live pod of db' });
    expect(met({ livePods: { workload: 'db', namespace: 'other', max: 0 } }, f)).toBe(true);
  });

  it('pendingBecause needs a waiting pod of the workload whose message contains the text', () => {
    const why = "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.";
    const f = frame({
      pods: [pod('a', 'w1'), pod('b', null), pod('x', null, { owner: { kind: 'ReplicaSet', name: 'api-7c9f8d6b5' } })],
      queue: [
        { namespace: 'default', name: 'b', message: why },
        { namespace: 'default', name: 'x', message: '0/3 nodes are available: 3 Insufficient cpu.' },
      ],
    });
    expect(evaluateGoal({ pendingBecause: { workload: 'web', includes: "didn't match pod anti-affinity rules" } }, f)).toEqual({ met: true, detail: `b: ${why}` });
    expect(evaluateGoal({ pendingBecause: { workload: 'web', includes: 'Insufficient cpu' } }, f)).toEqual({ met: false, detail: `b: ${why}` });
    expect(met({ pendingBecause: { workload: 'api', includes: 'Insufficient cpu' } }, f)).toBe(true);
    expect(evaluateGoal({ pendingBecause: { workload: 'db', includes: 'x' } }, f)).toEqual({ met: false, detail: 'no pod of db is Pending' });
    // Not yet tried: in the queue without a message.
    const fresh = frame({ pods: [pod('b', null)], queue: [{ namespace: 'default', name: 'b', message: null }] });
    expect(evaluateGoal({ pendingBecause: { workload: 'web', includes: 'Insufficient' } }, fresh)).toEqual({ met: false, detail: '1 pod of web Pending, not yet tried' });
  });

  it('eventRecorded sums the counts of matching events, optionally about one object', () => {
    const f = frame({
      events: [
        { reason: 'Preempted', object: 'Pod/default/batch-1', count: 1 },
        { reason: 'Preempted', object: 'Pod/default/batch-2', count: 1 },
        { reason: 'FailedScheduling', object: 'Pod/default/payments', count: 3 },
      ],
    });
    expect(evaluateGoal({ eventRecorded: { reason: 'Preempted' } }, f)).toEqual({ met: true, detail: '2 Preempted events' });
    expect(met({ eventRecorded: { reason: 'Preempted', min: 3 } }, f)).toBe(false);
    expect(met({ eventRecorded: { reason: 'Preempted', object: 'Pod/default/batch-2' } }, f)).toBe(true);
    expect(evaluateGoal({ eventRecorded: { reason: 'Preempted', object: 'Pod/default/web' } }, f)).toEqual({ met: false, detail: 'no Preempted event about Pod/default/web' });
    expect(evaluateGoal({ eventRecorded: { reason: 'FailedScheduling', min: 3 } }, f)).toEqual({ met: true, detail: '3 FailedScheduling events' });
    expect(met({ eventRecorded: { reason: 'Killing' } }, frame({}))).toBe(false);
    // A cluster-scoped object (`Node//worker-1`, empty namespace) reads Node/worker-1 in the detail.
    expect(evaluateGoal({ eventRecorded: { reason: 'RemovingNode', object: 'Node//worker-1' } }, frame({}))).toEqual({ met: false, detail: 'no RemovingNode event about Node/worker-1' });
  });

  it('eventMessage needs an event of the reason (about the object) whose message contains the text', () => {
    const f = frame({
      events: [
        { reason: 'Killing', object: 'Pod/default/web-1', count: 1, message: 'Stopping container nginx' },
        { reason: 'FailedScheduling', object: 'Pod/default/api-1', count: 2, message: '0/3 nodes are available: 3 Insufficient cpu.' },
        { reason: 'FailedScheduling', object: 'Pod/default/api-2', count: 1, message: "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules." },
      ],
    });
    expect(evaluateGoal({ eventMessage: { reason: 'FailedScheduling', includes: 'Insufficient cpu' } }, f)).toEqual({
      met: true,
      detail: 'FailedScheduling (Pod/default/api-1): 0/3 nodes are available: 3 Insufficient cpu.',
    });
    expect(met({ eventMessage: { reason: 'FailedScheduling', includes: 'anti-affinity', object: 'Pod/default/api-2' } }, f)).toBe(true);
    // The text is in another pod's event: not about this one.
    expect(evaluateGoal({ eventMessage: { reason: 'FailedScheduling', includes: 'anti-affinity', object: 'Pod/default/api-1' } }, f)).toEqual({
      met: false,
      detail: '1 FailedScheduling event about Pod/default/api-1, none saying “anti-affinity”',
    });
    // The text under another reason does not count.
    expect(met({ eventMessage: { reason: 'Killing', includes: 'Insufficient cpu' } }, f)).toBe(false);
    expect(evaluateGoal({ eventMessage: { reason: 'Preempted', includes: 'x', object: 'Node//worker-1' } }, f)).toEqual({ met: false, detail: 'no Preempted event about Node/worker-1' });
    // An event without a message (a frame that does not carry it) matches no text.
    expect(met({ eventMessage: { reason: 'Killing', includes: 'Stopping' } }, frame({ events: [{ reason: 'Killing', object: 'Pod/default/web-1', count: 1 }] }))).toBe(false);
  });

  it('drainOutput reads the newest drain of the node, from its cordon line on', () => {
    const refused = `error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
    const line = (node: string, text: string, stream: 'stdout' | 'stderr' = 'stdout') => ({ node, stream, text });
    const log = [
      line('worker-1', 'node/worker-1 cordoned'),
      line('worker-1', 'evicting pod default/web-1'),
      line('worker-1', refused, 'stderr'),
      line('worker-2', 'node/worker-2 cordoned'),
      line('worker-2', 'node/worker-2 drained'),
    ];
    const goal: Goal = { drainOutput: { node: 'worker-1', includes: "Cannot evict pod as it would violate the pod's disruption budget." } };
    expect(evaluateGoal(goal, frame({ drainLog: log }))).toEqual({ met: true, detail: `kubectl drain worker-1: ${refused}` });
    expect(met({ drainOutput: { node: 'worker-1', includes: 'disruption budget', stream: 'stderr' } }, frame({ drainLog: log }))).toBe(true);
    expect(met({ drainOutput: { node: 'worker-1', includes: 'disruption budget', stream: 'stdout' } }, frame({ drainLog: log }))).toBe(false);
    // Another node's line is not this node's output.
    expect(evaluateGoal({ drainOutput: { node: 'worker-1', includes: 'drained' } }, frame({ drainLog: log }))).toEqual({
      met: false,
      detail: `kubectl drain worker-1, last line: ${refused}`,
    });
    expect(evaluateGoal({ drainOutput: { node: 'worker-3', includes: 'drained' } }, frame({ drainLog: log }))).toEqual({ met: false, detail: 'no kubectl drain worker-3 output yet' });
    expect(met(goal, frame({}))).toBe(false);
    // A new drain of worker-1 starts a new output: the old refusal is no longer what kubectl shows.
    const again = [...log, line('worker-1', 'node/worker-1 already cordoned'), line('worker-1', 'evicting pod default/web-1')];
    expect(evaluateGoal(goal, frame({ drainLog: again }))).toEqual({ met: false, detail: 'kubectl drain worker-1, last line: evicting pod default/web-1' });
    expect(met({ drainOutput: { node: 'worker-1', includes: 'already cordoned' } }, frame({ drainLog: again }))).toBe(true);
  });

  it('eventRecorded with includes counts only the events whose message says it (a cancelled eviction is not an eviction)', () => {
    const ev = (object: string, message: string, count = 1) => ({ reason: 'TaintManagerEviction', object, count, message });
    const f = frame({ events: [ev('Pod/default/a', 'Marking for deletion Pod default/a'), ev('Pod/default/b', 'Cancelling deletion Pod default/b', 2)] });
    const goal: Goal = { eventRecorded: { reason: 'TaintManagerEviction', includes: 'Marking for deletion', min: 2 } };
    expect(met({ eventRecorded: { reason: 'TaintManagerEviction', min: 2 } }, f)).toBe(true);
    expect(evaluateGoal(goal, f)).toEqual({ met: false, detail: '1 TaintManagerEviction event saying “Marking for deletion”' });
    expect(met(goal, frame({ events: [...f.events, ev('Pod/default/b', 'Marking for deletion Pod default/b')] }))).toBe(true);
    // An event without a message matches no text.
    expect(met({ eventRecorded: { reason: 'TaintManagerEviction', includes: 'Marking' } }, frame({ events: [{ reason: 'TaintManagerEviction', object: 'Pod/default/a', count: 3 }] }))).toBe(false);
  });

  it('disruptionBudget needs a PodDisruptionBudget with every field given, in the namespace', () => {
    const budget = (over: Partial<NonNullable<GoalFrame['disruptionBudgets']>[number]> = {}) => ({
      namespace: 'default',
      name: 'batch-pdb',
      selector: 'app=batch',
      minAvailable: 3 as number | string | null,
      maxUnavailable: null as number | string | null,
      disruptionsAllowed: 0,
      ...over,
    });
    const goal: Goal = { disruptionBudget: { selector: 'app=batch', minAvailable: 3 } };
    expect(evaluateGoal(goal, frame({}))).toEqual({ met: false, detail: 'no PodDisruptionBudget in default' });
    expect(evaluateGoal(goal, frame({ disruptionBudgets: [budget()] }))).toEqual({
      met: true,
      detail: 'PodDisruptionBudget batch-pdb (app=batch, minAvailable 3, 0 disruptions allowed)',
    });
    // Another bound, another selector, another namespace, or a percentage for a number: not this budget.
    expect(evaluateGoal(goal, frame({ disruptionBudgets: [budget({ minAvailable: 2, disruptionsAllowed: 1 })] }))).toEqual({
      met: false,
      detail: 'no PodDisruptionBudget app=batch, minAvailable 3: batch-pdb (app=batch, minAvailable 2, 1 disruption allowed)',
    });
    expect(met(goal, frame({ disruptionBudgets: [budget({ selector: 'app=web' })] }))).toBe(false);
    expect(met(goal, frame({ disruptionBudgets: [budget({ namespace: 'batch' })] }))).toBe(false);
    expect(met(goal, frame({ disruptionBudgets: [budget({ minAvailable: '3' })] }))).toBe(false);
    expect(met({ disruptionBudget: { namespace: 'batch', name: 'batch-pdb' } }, frame({ disruptionBudgets: [budget({ namespace: 'batch' })] }))).toBe(true);
    expect(met({ disruptionBudget: { maxUnavailable: 1 } }, frame({ disruptionBudgets: [budget(), budget({ name: 'web', minAvailable: null, maxUnavailable: 1 })] }))).toBe(true);
  });

  it('podRestarts needs every live pod of the workload restarted at least min times (kubectl RESTARTS)', () => {
    const goal: Goal = { podRestarts: { workload: 'web', min: 2 } };
    const f = (...restarts: (number | undefined)[]) => frame({ pods: restarts.map((r, i) => pod(`p${i}`, 'w1', { restarts: r })) });
    expect(evaluateGoal(goal, f(3, 2))).toEqual({ met: true, detail: '2 of 2 pods of web restarted at least 2 times (fewest: 2)' });
    // One pod short is enough to miss it: a replacement starts from 0.
    expect(evaluateGoal(goal, f(5, 0))).toEqual({ met: false, detail: '1 of 2 pods of web restarted at least 2 times (fewest: 0)' });
    // A frame without the count (a pod that never restarted) reads as 0.
    expect(met(goal, f(4, undefined))).toBe(false);
    // No live pod: nothing restarted.
    expect(evaluateGoal(goal, frame({}))).toEqual({ met: false, detail: 'no live pod of web' });
    // Terminating and finished pods do not count either way.
    expect(met(goal, frame({ pods: [pod('a', 'w1', { restarts: 2 }), pod('b', 'w1', { restarts: 0, deletionTimestamp: 't' }), pod('c', 'w1', { restarts: 0, phase: 'Failed' })] }))).toBe(true);
    expect(evaluateGoal({ podRestarts: { workload: 'web', min: 1 } }, f(1)).detail).toBe('1 of 1 pod of web restarted at least once (fewest: 1)');
  });

  it('podRestarts with max: every live pod restarted within [min, max] (round 31; max 0 is never restarted)', () => {
    const f = (...restarts: (number | undefined)[]) => frame({ pods: restarts.map((r, i) => pod(`p${i}`, 'w1', { restarts: r })) });
    const never: Goal = { podRestarts: { workload: 'web', min: 0, max: 0 } };
    expect(evaluateGoal(never, f(0, undefined))).toEqual({ met: true, detail: '2 of 2 pods of web never restarted (most: 0)' });
    expect(evaluateGoal(never, f(0, 1))).toEqual({ met: false, detail: '1 of 2 pods of web never restarted (most: 1)' });
    expect(evaluateGoal({ podRestarts: { workload: 'web', min: 1, max: 3 } }, f(1, 4))).toEqual({ met: false, detail: '1 of 2 pods of web restarted 1 to 3 times (most: 4)' });
    expect(evaluateGoal({ podRestarts: { workload: 'web', min: 2, max: 2 } }, f(2))).toEqual({ met: true, detail: '1 of 1 pod of web restarted exactly 2 times (most: 2)' });
    expect(evaluateGoal(never, frame({}))).toEqual({ met: false, detail: 'no live pod of web' });
  });

  it('readyPods counts the live pods of the workload whose Ready condition is True', () => {
    const goal: Goal = { readyPods: { workload: 'web', min: 2, max: 3 } };
    const f = (...ready: (boolean | undefined)[]) => frame({ pods: ready.map((r, i) => pod(`p${i}`, 'w1', { ready: r })) });
    expect(evaluateGoal(goal, f(true, true, false))).toEqual({ met: true, detail: '2 of 3 live pods of web Ready' });
    // Running but not Ready (a failing readiness probe) does not count; absent reads as not ready.
    expect(evaluateGoal(goal, f(true, false, undefined))).toEqual({ met: false, detail: '1 of 3 live pods of web Ready' });
    expect(met(goal, f(true, true, true, true))).toBe(false);
    // Terminating and finished pods do not count, however ready.
    expect(met(goal, frame({ pods: [pod('a', 'w1', { ready: true }), pod('b', 'w1', { ready: true, deletionTimestamp: 't' }), pod('c', 'w1', { ready: true, phase: 'Succeeded' })] }))).toBe(false);
    expect(evaluateGoal({ readyPods: { workload: 'web', max: 0 } }, frame({})).met).toBe(true);
  });

  it('queue and terminating pods', () => {
    expect(evaluateGoal({ noPendingPods: true }, frame({ queue: [{ namespace: 'default', name: 'x' }] }))).toEqual({ met: false, detail: '1 pod Pending' });
    expect(met({ noPendingPods: true }, frame({}))).toBe(true);
    expect(met({ noTerminatingPods: true }, frame({ pods: [pod('a', 'w1', { deletionTimestamp: 't' })] }))).toBe(false);
    expect(met({ noTerminatingPods: true }, frame({ pods: [pod('a', 'w1')] }))).toBe(true);
  });

  it('node status, cordon and taints', () => {
    const f = frame({ nodes: [node('w1', { status: 'Unknown', unschedulable: true, taints: [{ key: 'gpu', value: 'x', effect: 'NoSchedule' }] })] });
    expect(met({ nodeStatus: { node: 'w1', status: 'Unknown' } }, f)).toBe(true);
    expect(met({ nodeStatus: { node: 'w1', status: 'Ready' } }, f)).toBe(false);
    expect(evaluateGoal({ nodeStatus: { node: 'w9', status: 'Ready' } }, f)).toEqual({ met: false, detail: 'node w9 does not exist' });
    expect(met({ nodeUnschedulable: { node: 'w1', value: true } }, f)).toBe(true);
    expect(met({ nodeUnschedulable: { node: 'w1', value: false } }, f)).toBe(false);
    expect(met({ nodeTaintPresent: { node: 'w1', key: 'gpu' } }, f)).toBe(true);
    expect(met({ nodeTaintPresent: { node: 'w1', key: 'gpu', effect: 'NoExecute' } }, f)).toBe(false);
    // With an effect, the detail names it: the node does have a gpu taint, only not a NoExecute one.
    expect(evaluateGoal({ nodeTaintPresent: { node: 'w1', key: 'gpu', effect: 'NoExecute' } }, f).detail).toBe('w1 has no gpu:NoExecute taint');
    expect(evaluateGoal({ nodeTaintPresent: { node: 'w1', key: 'gpu', effect: 'NoSchedule' } }, f).detail).toBe('w1 has the gpu:NoSchedule taint');
    expect(evaluateGoal({ nodeTaintPresent: { node: 'w1', key: 'gpu' } }, f).detail).toBe('w1 has the gpu taint');
  });

  it('nodeLabel: the node has the label (with this value, when given)', () => {
    const f = frame({ nodes: [node('w1', { labels: { disktype: 'ssd', 'topology.kubernetes.io/zone': 'zone-a' } }), node('w2', { labels: {} }), node('w3')] });
    expect(evaluateGoal({ nodeLabel: { node: 'w1', key: 'disktype' } }, f)).toEqual({ met: true, detail: 'w1 has disktype=ssd' });
    expect(met({ nodeLabel: { node: 'w1', key: 'disktype', value: 'ssd' } }, f)).toBe(true);
    // The key is there with another value: not met, and the detail says what it is.
    expect(evaluateGoal({ nodeLabel: { node: 'w1', key: 'disktype', value: 'hdd' } }, f)).toEqual({ met: false, detail: 'w1 has disktype=ssd' });
    expect(evaluateGoal({ nodeLabel: { node: 'w2', key: 'disktype', value: 'ssd' } }, f)).toEqual({ met: false, detail: 'w2 has no disktype label' });
    // A frame without labels reads as a node without labels.
    expect(met({ nodeLabel: { node: 'w3', key: 'disktype' } }, f)).toBe(false);
    expect(met({ not: { nodeLabel: { node: 'w2', key: 'disktype' } } }, f)).toBe(true);
    expect(evaluateGoal({ nodeLabel: { node: 'w9', key: 'disktype' } }, f)).toEqual({ met: false, detail: 'node w9 does not exist' });
  });

  it('maxNodeCpuPercent looks at the fullest node', () => {
    const f = frame({ nodes: [node('w1', { requested: { cpu: 1400 } }), node('w2', { requested: { cpu: 1700 } })] });
    expect(evaluateGoal({ maxNodeCpuPercent: 80 }, f)).toEqual({ met: false, detail: 'highest: w2 at 85 % CPU requested' });
    expect(met({ maxNodeCpuPercent: 85 }, f)).toBe(true);
  });

  it('combinators, and an unknown goal is an error naming it', () => {
    const f = frame({ nodes: [node('w1')] });
    const ready: Goal = { nodeStatus: { node: 'w1', status: 'Ready' } };
    const cordoned: Goal = { nodeUnschedulable: { node: 'w1', value: true } };
    expect(met({ all: [ready, cordoned] }, f)).toBe(false);
    expect(met({ any: [ready, cordoned] }, f)).toBe(true);
    expect(met({ not: cordoned }, f)).toBe(true);
    expect(() => evaluateGoal({ podsRunnning: {} } as unknown as Goal, f)).toThrow('unknown goal "podsRunnning"');
  });
});

describe('podRequests (round 31)', () => {
  const team = (name: string, cpu: number, memory: number, over: Partial<Pod> = {}) =>
    pod(name, 'w1', { namespace: 'team', owner: { kind: 'ReplicaSet', name: 'worker-cf5f464f4' }, requests: { cpu, memory }, ...over });
  const Mi = 1024 * 1024;

  it('is met when every live pod of the workload requests exactly the amounts given', () => {
    const f = frame({ pods: [team('a', 100, 64 * Mi), team('b', 100, 64 * Mi)] });
    expect(evaluateGoal({ podRequests: { workload: 'worker', namespace: 'team', cpu: '100m' } }, f)).toEqual({ met: true, detail: '2 of 2 live pods of worker request cpu 100m' });
    expect(met({ podRequests: { workload: 'worker', namespace: 'team', cpu: '0.1', memory: '64Mi' } }, f)).toBe(true);
    expect(met({ podRequests: { workload: 'worker', namespace: 'team', cpu: '200m' } }, f)).toBe(false);
    // Another namespace's worker is not this one.
    expect(evaluateGoal({ podRequests: { workload: 'worker', cpu: '100m' } }, f)).toEqual({ met: false, detail: 'no live pod of worker' });
  });

  it('names a pod that requests something else, reads a frame without requests as none, and skips pods being deleted', () => {
    const f = frame({ pods: [team('a', 100, 64 * Mi), team('b', 250, 64 * Mi)] });
    expect(evaluateGoal({ podRequests: { workload: 'worker', namespace: 'team', cpu: '100m', memory: '64Mi' } }, f)).toEqual({
      met: false,
      detail: '1 of 2 live pods of worker request what is wanted; b requests cpu 250m, memory 64Mi',
    });
    const bare = frame({ pods: [pod('c', 'w1', { namespace: 'team', owner: { kind: 'ReplicaSet', name: 'worker-cf5f464f4' } })] });
    expect(evaluateGoal({ podRequests: { workload: 'worker', namespace: 'team', cpu: '100m' } }, bare)).toEqual({
      met: false,
      detail: '0 of 1 live pod of worker request what is wanted; c requests cpu 0',
    });
    const leaving = frame({ pods: [team('a', 100, 0), team('b', 250, 0, { deletionTimestamp: '2026-01-01T00:00:00Z' })] });
    expect(met({ podRequests: { workload: 'worker', namespace: 'team', cpu: '100m' } }, leaving)).toBe(true);
  });

  it('refuses a goal with no amount or with an amount that is not a quantity', () => {
    const f = frame({ pods: [team('a', 100, 0)] });
    expect(() => evaluateGoal({ podRequests: { workload: 'worker', namespace: 'team' } }, f)).toThrow('podRequests: give cpu, memory or both');
    expect(() => evaluateGoal({ podRequests: { workload: 'worker', namespace: 'team', cpu: '100 millicores' } }, f)).toThrow('podRequests: cpu "100 millicores" is not a quantity');
  });
});
