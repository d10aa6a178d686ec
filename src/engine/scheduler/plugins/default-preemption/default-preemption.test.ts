import { describe, expect, it } from 'vitest';
import type { Node, Pod, PodDisruptionBudget } from '../../../model/types';
import { Rng } from '../../../random/rng';
import { makeNode, makePod, selector } from '../../../testing/builders';
import { CycleState } from '../../framework/cycle-state';
import { NodeToStatus, type Handle, type PostFilterResult } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { PodInfo } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { Code, Status, errorStatus, unresolvable, unschedulable, type MaybeStatus } from '../../framework/status';
import { calculateNumCandidates, defaultPreemptionArgs, validateDefaultPreemptionArgs } from './args';
import { aggregateErrorMessage, pickOneNodeForPreemption, type Candidate } from './candidates';
import { defaultPreemptionFactory, type DefaultPreemption } from './default-preemption';
import { fitErrorHistogram, fitErrorMessage } from './fit-error';
import { PDBIndex, splitByPDBViolation } from './pdb';
import { TaintTolerationPlugin } from '../taint-toleration/taint-toleration';

// ---------------------------------------------------------------------------
// A small fake Handle: a real Snapshot, and a filter that checks pod count,
// cpu and memory the way NodeResourcesFit does (enough for preemption).

function resourceFit(pod: PodInfo, ni: NodeInfo): MaybeStatus {
  const reasons: string[] = [];
  if (ni.pods.length + 1 > ni.allocatable.allowedPodNumber) reasons.push('Too many pods');
  const r = pod.requests;
  if (r.milliCPU > 0 && r.milliCPU > ni.allocatable.milliCPU - ni.requested.milliCPU) reasons.push('Insufficient cpu');
  if (r.memory > 0 && r.memory > ni.allocatable.memory - ni.requested.memory) reasons.push('Insufficient memory');
  return reasons.length > 0 ? unschedulable(...reasons).withPlugin('NodeResourcesFit') : null;
}

type FilterFn = (pod: PodInfo, ni: NodeInfo) => MaybeStatus;

/** Runs filters in order and stops at the first failure, as the framework does. */
const chain =
  (filters: FilterFn[]): FilterFn =>
  (pod, ni) => {
    for (const f of filters) {
      const s = f(pod, ni);
      if (s) return s;
    }
    return null;
  };

interface World {
  handle: Handle;
  check: FilterFn;
  snapshot: Snapshot;
  evicted: string[];
  cleared: string[];
  filteredNodes: string[];
  removeCalls: string[];
  addCalls: string[];
  nominated: Map<string, PodInfo[]>;
}

interface WorldOpts {
  pdbs?: PodDisruptionBudget[];
  seed?: number;
  nominated?: Pod[];
  /** Filters run before the resource check (e.g. a real plugin's filter). */
  filters?: FilterFn[];
}

function world(nodes: Node[], pods: Pod[], opts: WorldOpts = {}): World {
  const snapshot = new Snapshot();
  for (const n of nodes) snapshot.addNode(n);
  pods.forEach((p, i) => snapshot.addPod(new PodInfo(p, i)));
  const nominated = new Map<string, PodInfo[]>();
  for (const p of opts.nominated ?? []) {
    const node = p.status!.nominatedNodeName!;
    nominated.set(node, [...(nominated.get(node) ?? []), new PodInfo(p)]);
  }
  const check = chain([...(opts.filters ?? []), resourceFit]);
  const w: World = {
    check,
    snapshot,
    evicted: [],
    cleared: [],
    filteredNodes: [],
    removeCalls: [],
    addCalls: [],
    nominated,
    handle: undefined as unknown as Handle,
  };
  const pdbs = opts.pdbs ?? [];
  const filter = (pod: PodInfo, ni: NodeInfo): MaybeStatus => {
    w.filteredNodes.push(ni.name);
    return check(pod, ni);
  };
  // Like the node label "error=true" of upstream's TestPlugin: the PreFilter extensions fail there.
  const extension = (verb: string, calls: string[]) => (_s: CycleState, pod: PodInfo, other: PodInfo, ni: NodeInfo) => {
    calls.push(`${ni.name}/${other.name}`);
    if (ni.labels?.error === 'true') {
      return errorStatus(`running ${verb} on PreFilter plugin "test-plugin": failed to ${verb === 'AddPod' ? 'add' : 'remove'} pod: ${pod.name}`);
    }
    return null;
  };
  w.handle = {
    snapshot,
    rng: new Rng(opts.seed ?? 1),
    listers: {
      namespaceLabels: () => undefined,
      services: () => [],
      replicaSets: () => [],
      statefulSets: () => [],
      replicationControllers: () => [],
      podDisruptionBudgets: (ns) => pdbs.filter((b) => (b.metadata.namespace ?? 'default') === ns),
    },
    nominator: { nominatedPodsForNode: (n) => nominated.get(n) ?? [] },
    cluster: {
      bind: () => null,
      evictVictim: (v, preemptor, node) => void w.evicted.push(`${v.name}@${node} by ${preemptor.name}`),
      clearNomination: (p) => void w.cleared.push(p.name),
    },
    runFilterPluginsWithNominatedPods(_state, pod, ni) {
      const extra = (nominated.get(ni.name) ?? []).filter((p) => p.priority >= pod.priority && p.uid !== pod.uid);
      if (extra.length > 0) {
        const withNominated = ni.clone();
        for (const p of extra) withNominated.addPod(p);
        const s = filter(pod, withNominated);
        if (s) return s;
      }
      return filter(pod, ni);
    },
    runPreFilterExtensionAddPod: extension('AddPod', w.addCalls),
    runPreFilterExtensionRemovePod: extension('RemovePod', w.removeCalls),
  };
  return w;
}

/** The main cycle's Filter statuses for `pod`: every failing node gets its status. */
function filterStatuses(w: World, pod: PodInfo): NodeToStatus {
  const m = new NodeToStatus();
  for (const ni of w.snapshot.nodeInfoList()) {
    const s = w.check(pod, ni);
    if (s) m.set(ni.name, s);
  }
  m.absentNodesStatus = unresolvable();
  return m;
}

function statuses(byNode: Record<string, Status>, absent: Status | null = unresolvable()): NodeToStatus {
  const m = new NodeToStatus();
  for (const [n, s] of Object.entries(byNode)) m.set(n, s);
  m.absentNodesStatus = absent;
  return m;
}

function run(w: World, pod: Pod, m?: NodeToStatus, args = defaultPreemptionArgs(undefined)): PostFilterResult {
  const pi = new PodInfo(pod, 1000);
  const pl = defaultPreemptionFactory.create(args, w.handle) as DefaultPreemption;
  return pl.postFilter(new CycleState(), pi, m ?? filterStatuses(w, pi));
}

const names = (pods: readonly PodInfo[] | undefined) => (pods ?? []).map((p) => p.name);

const onePod = { pods: '1' };
const node = (name: string, cap: Record<string, string> = onePod) => makeNode(name).capacity(cap).obj();

// ---------------------------------------------------------------------------

describe('DefaultPreemption args', () => {
  it('defaults to 10% and 100', () => {
    expect(defaultPreemptionArgs(undefined)).toEqual({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
    expect(defaultPreemptionArgs({ minCandidateNodesAbsolute: 0 })).toEqual({
      minCandidateNodesPercentage: 10,
      minCandidateNodesAbsolute: 0,
    });
    expect(defaultPreemptionFactory.defaultArgs!({ minCandidateNodesPercentage: 50 })).toEqual({
      minCandidateNodesPercentage: 50,
      minCandidateNodesAbsolute: 100,
    });
  });

  it('accepts the defaults and the edges of the ranges', () => {
    expect(validateDefaultPreemptionArgs(defaultPreemptionArgs(undefined), 'args')).toEqual([]);
    expect(validateDefaultPreemptionArgs({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 }, '')).toEqual([]);
    expect(validateDefaultPreemptionArgs({ minCandidateNodesPercentage: 100, minCandidateNodesAbsolute: 0 }, '')).toEqual([]);
  });

  it('rejects out-of-range values and both zero, with upstream messages', () => {
    expect(validateDefaultPreemptionArgs({ minCandidateNodesPercentage: -1, minCandidateNodesAbsolute: -1 }, 'args')).toEqual([
      'args.minCandidateNodesPercentage: Invalid value: -1: not in valid range [0, 100]',
      'args.minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)',
    ]);
    expect(validateDefaultPreemptionArgs({ minCandidateNodesPercentage: 900, minCandidateNodesAbsolute: 100 }, '')).toEqual([
      'minCandidateNodesPercentage: Invalid value: 900: not in valid range [0, 100]',
    ]);
    expect(validateDefaultPreemptionArgs({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }, 'args')).toEqual([
      'args.minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute',
      'args.minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage',
    ]);
    expect(() => defaultPreemptionFactory.create({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }, {} as Handle)).toThrow(
      /cannot be zero/,
    );
  });

  it('counts candidates as max(pct% of nodes, absolute), capped at the node count', () => {
    const a = (pct: number, abs: number) => ({ minCandidateNodesPercentage: pct, minCandidateNodesAbsolute: abs });
    expect(calculateNumCandidates(10, a(10, 100))).toBe(10);
    expect(calculateNumCandidates(5000, a(10, 100))).toBe(500);
    expect(calculateNumCandidates(999, a(10, 100))).toBe(100);
    expect(calculateNumCandidates(1999, a(10, 0))).toBe(199);
    expect(calculateNumCandidates(50, a(40, 1))).toBe(20);
    expect(calculateNumCandidates(3, a(100, 1))).toBe(3);
  });

  it('the factory builds the plugin under its upstream name', () => {
    expect(defaultPreemptionFactory.create(defaultPreemptionArgs(undefined), {} as Handle).name).toBe('DefaultPreemption');
  });
});

describe('DefaultPreemption eligibility', () => {
  it('a pod with preemptionPolicy Never does not preempt', () => {
    const w = world([node('node1')], [makePod('p1').node('node1').obj()]);
    const r = run(w, makePod('p').priority(1000).preemptionPolicy('Never').obj());
    expect(r.status?.code).toBe(Code.Unschedulable);
    expect(r.status?.reasons).toEqual(['preemption: not eligible due to preemptionPolicy=Never.']);
    expect(r.nominatedNodeName).toBeUndefined();
    expect(w.evicted).toEqual([]);
  });

  it('waits while a victim of its earlier preemption is still terminating on the nominated node', () => {
    const victim = makePod('p1').node('node1').terminating().obj();
    victim.status = { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] };
    const w = world([node('node1'), node('node2')], [victim, makePod('p2').node('node2').obj()]);
    const pod = makePod('p').priority(1000).nominated('node1').obj();
    const r = run(w, pod);
    expect(r.status?.reasons).toEqual(['preemption: not eligible due to a terminating pod on the nominated node.']);
    expect(r.nominatedNodeName).toBeUndefined();
  });

  it('a terminating pod that was not preempted, or of higher priority, does not hold the pod back', () => {
    const deleted = makePod('p1').node('node1').terminating().obj(); // no DisruptionTarget condition
    const w = world([node('node1')], [deleted]);
    expect(run(w, makePod('p').priority(1000).nominated('node1').obj()).nominatedNodeName).toBe('node1');

    const high = makePod('p1').node('node1').priority(2000).terminating().obj();
    high.status = { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] };
    const w2 = world([node('node1'), node('node2')], [high, makePod('p2').node('node2').obj()]);
    expect(run(w2, makePod('p').priority(1000).nominated('node1').obj()).nominatedNodeName).toBe('node2');
  });

  it('preempts again when the nominated node became UnschedulableAndUnresolvable', () => {
    const victim = makePod('p1').node('node1').terminating().obj();
    victim.status = { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] };
    const w = world([node('node1'), node('node2')], [victim, makePod('p2').node('node2').obj()]);
    const m = statuses({ node1: unresolvable("node(s) didn't match Pod's node affinity/selector"), node2: unschedulable('Too many pods') });
    const r = run(w, makePod('p').priority(1000).nominated('node1').obj(), m);
    expect(r.status).toBeNull();
    expect(r.nominatedNodeName).toBe('node2');
    expect(w.evicted).toEqual(['p2@node2 by p']);
  });
});

describe('DefaultPreemption without candidates', () => {
  it('a pod of equal priority finds no victims', () => {
    const w = world([node('node1')], [makePod('p1').node('node1').obj()]);
    const r = run(w, makePod('p').obj());
    expect(r.status?.code).toBe(Code.Unschedulable);
    expect(r.status?.reasons).toEqual(['preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.']);
    expect(r.nominatedNodeName).toBe('');
    expect(r.victims).toBeUndefined();
  });

  it('nodes whose status is UnschedulableAndUnresolvable, or absent, are not candidates', () => {
    const w = world([node('node1')], [makePod('p1').node('node1').obj()]);
    const pod = makePod('p').priority(1000).obj();
    for (const m of [statuses({ node1: unresolvable('node(s) had untolerated taint(s)') }), statuses({}), statuses({}, null)]) {
      const r = run(w, pod, m);
      expect(r.status?.reasons).toEqual(['preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.']);
      expect(r.nominatedNodeName).toBe('');
    }
    expect(w.filteredNodes).toEqual([]);
    expect(w.removeCalls).toEqual([]);
  });

  it('a pod that still does not fit after removing every lower-priority pod', () => {
    const cap = { cpu: '200m', memory: '400', pods: '110' };
    const w = world(
      [node('node1', cap), node('node2', cap)],
      [makePod('p1').node('node1').obj(), makePod('p2').node('node2').obj()],
    );
    const r = run(w, makePod('p').priority(1000).req({ cpu: '300m', memory: '300' }).obj());
    expect(r.status?.reasons).toEqual(['preemption: 0/2 nodes are available: 2 Insufficient cpu.']);
  });

  it('mixed reasons: no lower-priority pods on two nodes, not enough cpu on the third', () => {
    const cap = { cpu: '200m', memory: '400', pods: '110' };
    const w = world(
      [node('node1'), node('node2', cap), node('node3')],
      [
        makePod('p1').node('node1').priority(1000).obj(),
        makePod('p2').node('node2').obj(),
        makePod('p3').node('node3').priority(1000).obj(),
      ],
    );
    const m = statuses({ node1: unschedulable('Too many pods'), node2: unschedulable('Insufficient cpu'), node3: unschedulable('Too many pods') });
    const r = run(w, makePod('p').priority(1000).req({ cpu: '300m', memory: '300' }).obj(), m);
    expect(r.status?.reasons).toEqual([
      'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.',
    ]);
  });

  it('with the real TaintToleration filter: a tainted node is not helped by preemption', () => {
    const taint = new TaintTolerationPlugin();
    const tainted = makeNode('node1').capacity(onePod).taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).obj();
    const filters: FilterFn[] = [(pod, ni) => taint.filter(new CycleState(), pod, ni)];
    const w = world([tainted, node('node2')], [makePod('p1').node('node1').obj(), makePod('p2').node('node2').priority(2000).obj()], {
      filters,
    });
    const r = run(w, makePod('p').priority(1000).obj());
    expect(r.status?.reasons).toEqual([
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    ]);
    // Tolerating the taint makes node1 a candidate.
    const w2 = world([tainted, node('node2')], [makePod('p1').node('node1').obj(), makePod('p2').node('node2').priority(2000).obj()], {
      filters,
    });
    const tolerant = makePod('p').priority(1000).toleration({ key: 'dedicated', operator: 'Exists' }).obj();
    expect(run(w2, tolerant).nominatedNodeName).toBe('node1');
  });

  it('UAU nodes count under "Preemption is not helpful for scheduling", sorted as strings', () => {
    const cap = { cpu: '200m', memory: '400', pods: '110' };
    const w = world(
      ['node1', 'node2', 'node3', 'node4'].map((n) => node(n, cap)),
      [makePod('p1').node('node1').obj(), makePod('p2').node('node2').obj()],
    );
    const m = statuses({
      node1: unschedulable('Insufficient cpu'),
      node2: unschedulable('Insufficient cpu'),
      node4: unresolvable('node(s) had untolerated taint(s)'),
    });
    const r = run(w, makePod('p').priority(1000).req({ cpu: '300m', memory: '300' }).obj(), m);
    expect(r.status?.code).toBe(Code.Unschedulable);
    expect(r.status?.reasons).toEqual([
      'preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.',
    ]);
    expect(new Set(w.filteredNodes)).toEqual(new Set(['node1', 'node2']));
  });

  it('an absent-nodes status of Unschedulable (a PreFilter rejection) makes every node a potential node', () => {
    const w = world([node('node1'), node('node2')], [makePod('p1').node('node1').priority(5).obj()]);
    const m = statuses({}, unschedulable("node(s) didn't match pod topology spread constraints"));
    const r = run(w, makePod('p').priority(1).obj(), m);
    expect(r.status?.reasons).toEqual([
      'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    ]);
  });

  it('a PreFilter extension error on the only node is an Error status, nomination untouched', () => {
    const w = world(
      [makeNode('node1').capacity({ cpu: '300m', memory: '300' }).label('error', 'true').obj()],
      [makePod('p1').node('node1').obj()],
    );
    const m = statuses({ node1: unschedulable('Insufficient cpu') });
    const r = run(w, makePod('p').priority(1000).req({ cpu: '300m', memory: '300' }).obj(), m);
    expect(r.status?.code).toBe(Code.Error);
    expect(r.status?.reasons).toEqual(['preemption: running RemovePod on PreFilter plugin "test-plugin": failed to remove pod: p']);
    expect(r.nominatedNodeName).toBeUndefined();
  });

  it('an error on one node does not stop another from being chosen', () => {
    const cap = { cpu: '300m', memory: '300' };
    const w = world(
      [makeNode('node1').capacity(cap).label('error', 'true').obj(), node('node2', cap)],
      [makePod('p1').node('node1').obj(), makePod('p2').node('node2').req({ cpu: '200m', memory: '200' }).obj()],
    );
    const m = statuses({ node1: unschedulable('Insufficient cpu'), node2: unschedulable('Insufficient cpu') });
    const r = run(w, makePod('p').priority(1000).req({ cpu: '300m', memory: '300' }).obj(), m);
    expect(r.status).toBeNull();
    expect(r.nominatedNodeName).toBe('node2');
  });
});

describe('DefaultPreemption picks a node', () => {
  it('evicts the lower-priority pod and nominates its node', () => {
    const w = world([node('node1')], [makePod('p1').node('node1').obj()]);
    const r = run(w, makePod('p').priority(1000).obj());
    expect(r.status).toBeNull();
    expect(r.nominatedNodeName).toBe('node1');
    expect(names(r.victims)).toEqual(['p1']);
    expect(w.evicted).toEqual(['p1@node1 by p']);
    // The dry run worked on copies: the snapshot still has the pod.
    expect(w.snapshot.get('node1')!.pods.map((p) => p.name)).toEqual(['p1']);
  });

  it('only a node with lower-priority pods can be made schedulable', () => {
    const w = world(
      [node('node1'), node('node2')],
      [makePod('p1').node('node1').priority(1000).obj(), makePod('p2').node('node2').priority(0).obj()],
    );
    const r = run(w, makePod('p').priority(100).obj());
    expect(r.nominatedNodeName).toBe('node2');
    expect(names(r.victims)).toEqual(['p2']);
  });

  it('prefers the node with fewer PDB violations', () => {
    const pdbs: PodDisruptionBudget[] = [
      { metadata: { name: 'pdb', namespace: 'default' }, spec: { selector: selector({ app: 'db' }) }, status: { disruptionsAllowed: 0 } },
    ];
    const w = world(
      [node('node1'), node('node2')],
      [makePod('p1').node('node1').label('app', 'db').priority(1).obj(), makePod('p2').node('node2').priority(50).obj()],
      { pdbs },
    );
    const r = run(w, makePod('p').priority(1000).obj());
    expect(r.nominatedNodeName).toBe('node2');
    expect(names(r.victims)).toEqual(['p2']);
  });

  it('with equal violations, prefers the lowest highest-victim priority (upstream "minHighestPriority")', () => {
    const pdbs: PodDisruptionBudget[] = [
      {
        metadata: { name: 'violating', namespace: 'default' },
        spec: { selector: selector({ pdb: 'violating' }) },
        status: { disruptionsAllowed: 0 },
      },
      {
        metadata: { name: 'non-violating', namespace: 'default' },
        spec: { selector: selector({ pdb: 'non-violating' }) },
        status: { disruptionsAllowed: 2147483647 },
      },
    ];
    const w = world(
      [node('node1'), node('node2')],
      [
        makePod('p1').node('node1').label('pdb', 'non-violating').priority(1000).obj(),
        makePod('p2').node('node1').label('pdb', 'violating').priority(0).obj(),
        makePod('p3').node('node2').label('pdb', 'violating').priority(100).obj(),
      ],
      { pdbs },
    );
    const r = run(w, makePod('p').priority(10000).obj());
    expect(r.nominatedNodeName).toBe('node2');
    expect(names(r.victims)).toEqual(['p3']);
  });

  it('prefers the node whose victims have the lowest priority', () => {
    const w = world(
      [node('node1'), node('node2'), node('node3')],
      [
        makePod('a').node('node1').priority(100).obj(),
        makePod('b').node('node2').priority(50).obj(),
        makePod('c').node('node3').priority(70).obj(),
      ],
    );
    const r = run(w, makePod('p').priority(1000).obj());
    expect(r.nominatedNodeName).toBe('node2');
    expect(w.evicted).toEqual(['b@node2 by p']);
  });

  it('shifts priorities before summing: one negative-priority victim beats two', () => {
    const w = world(
      [node('node1', { cpu: '3', pods: '10' }), node('node2', { cpu: '2', pods: '10' })],
      [
        makePod('a1').node('node1').priority(-100).req({ cpu: '1' }).obj(),
        makePod('a2').node('node1').priority(5000).req({ cpu: '1' }).obj(),
        makePod('b1').node('node2').priority(-100).req({ cpu: '1' }).obj(),
        makePod('b2').node('node2').priority(-100).req({ cpu: '1' }).obj(),
      ],
    );
    // node1 needs a1 gone; node2 needs both. Unshifted, -200 < -100 would pick node2.
    const r = run(w, makePod('p').priority(1000).req({ cpu: '2' }).obj());
    expect(r.nominatedNodeName).toBe('node1');
    expect(names(r.victims)).toEqual(['a1']);
  });

  it('prefers the node needing fewer victims (here the shifted sum already decides)', () => {
    const cap = { cpu: '3', pods: '10' };
    const w = world(
      [node('node1', cap), node('node2', cap)],
      [
        makePod('a1').node('node1').priority(10).req({ cpu: '1' }).obj(),
        makePod('a2').node('node1').priority(10).req({ cpu: '1' }).obj(),
        makePod('a3').node('node1').priority(10).req({ cpu: '1' }).obj(),
        makePod('b1').node('node2').priority(10).req({ cpu: '2' }).obj(),
        makePod('b2').node('node2').priority(10).req({ cpu: '1' }).obj(),
      ],
    );
    const r = run(w, makePod('p').priority(1000).req({ cpu: '2' }).obj());
    // node1 would lose two pods (sum of shifted priorities is larger), node2 just b1.
    expect(r.nominatedNodeName).toBe('node2');
    expect(names(r.victims)).toEqual(['b1']);
  });

  it('prefers the node whose most important victims started most recently', () => {
    const w = world(
      [node('node1'), node('node2')],
      [
        makePod('old').node('node1').priority(10).startTime('2024-01-01T00:00:00Z').obj(),
        makePod('new').node('node2').priority(10).startTime('2024-02-01T00:00:00Z').obj(),
      ],
    );
    const r = run(w, makePod('p').priority(1000).obj());
    expect(r.nominatedNodeName).toBe('node2');
  });

  it('reprieves pods that still fit, most important first', () => {
    const cap = { cpu: '3', pods: '10' };
    const w = world(
      [node('node1', cap)],
      [
        makePod('low').node('node1').priority(1).req({ cpu: '1' }).obj(),
        makePod('high').node('node1').priority(30).req({ cpu: '1' }).obj(),
        makePod('mid').node('node1').priority(20).req({ cpu: '1' }).obj(),
        makePod('bigger').node('node1').priority(2000).obj(),
      ],
    );
    const r = run(w, makePod('p').priority(1000).req({ cpu: '2' }).obj());
    expect(r.nominatedNodeName).toBe('node1');
    expect(names(r.victims)).toEqual(['mid', 'low']);
    // Every lower-priority pod was taken out first, then put back one by one in importance order.
    expect(w.removeCalls.slice(0, 3)).toEqual(['node1/low', 'node1/high', 'node1/mid']);
    expect(w.addCalls).toEqual(['node1/high', 'node1/mid', 'node1/low']);
  });

  it('reprieves PDB-protected pods before the others, even when they are less important', () => {
    const pdbs: PodDisruptionBudget[] = [
      { metadata: { name: 'pdb', namespace: 'default' }, spec: { selector: selector({ app: 'db' }) }, status: { disruptionsAllowed: 0 } },
    ];
    const cap = { cpu: '2', pods: '10' };
    const w = world(
      [node('node1', cap)],
      [
        makePod('protected').node('node1').label('app', 'db').priority(1).req({ cpu: '1' }).obj(),
        makePod('plain').node('node1').priority(5).req({ cpu: '1' }).obj(),
      ],
      { pdbs },
    );
    const r = run(w, makePod('p').priority(1000).req({ cpu: '1' }).obj());
    expect(names(r.victims)).toEqual(['plain']);
    expect(w.addCalls).toEqual(['node1/protected', 'node1/plain']);
  });

  it('victims from both PDB groups come back in importance order', () => {
    const pdbs: PodDisruptionBudget[] = [
      { metadata: { name: 'pdb', namespace: 'default' }, spec: { selector: selector({ app: 'db' }) }, status: { disruptionsAllowed: 0 } },
    ];
    const w = world(
      [node('node1', { cpu: '2', pods: '10' })],
      [
        makePod('protected').node('node1').label('app', 'db').priority(1).req({ cpu: '1' }).obj(),
        makePod('plain').node('node1').priority(5).req({ cpu: '1' }).obj(),
      ],
      { pdbs },
    );
    const r = run(w, makePod('p').priority(1000).req({ cpu: '2' }).obj());
    expect(names(r.victims)).toEqual(['plain', 'protected']);
  });

  it('clears lower-priority nominations on the chosen node and skips victims already terminating', () => {
    const w = world(
      [node('node1', { pods: '2' })],
      [makePod('gone').node('node1').terminating().obj(), makePod('v').node('node1').obj()],
      {
        nominated: [
          makePod('lower').priority(5).nominated('node1').obj(),
          makePod('higher').priority(5000).nominated('node1').obj(),
        ],
      },
    );
    // "higher" is nominated with a priority ≥ the pod's, so it counts as running: both pods must go.
    const r = run(w, makePod('p').priority(1000).obj());
    expect(r.nominatedNodeName).toBe('node1');
    expect(names(r.victims).sort()).toEqual(['gone', 'v']);
    expect(w.evicted).toEqual(['v@node1 by p']);
    expect(w.cleared).toEqual(['lower']);
  });

  it('does nothing more when every victim is already terminating', () => {
    const w = world([node('node1')], [makePod('gone').node('node1').terminating().obj()], {
      nominated: [makePod('lower').priority(5).nominated('node1').obj()],
    });
    const r = run(w, makePod('p').priority(1000).obj());
    expect(r.status).toBeNull();
    expect(r.nominatedNodeName).toBe('node1');
    expect(w.evicted).toEqual([]);
    expect(w.cleared).toEqual([]);
  });
});

describe('DefaultPreemption determinism', () => {
  const nodes = Array.from({ length: 20 }, (_, i) => node(`node${String(i).padStart(2, '0')}`));
  const pods = nodes.map((n, i) => makePod(`v${i}`).node(n.metadata.name!).priority(1).obj());
  const args = { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 1 };

  const once = (seed: number) => {
    const w = world(nodes, pods, { seed });
    const r = run(w, makePod('p').priority(1000).obj(), undefined, args);
    return { node: r.nominatedNodeName, filtered: w.filteredNodes };
  };

  it('starts at rng.intn(#potential nodes) and stops after max(10%, absolute) candidates', () => {
    const seed = 42;
    const offset = new Rng(seed).intn(20);
    const { node: chosen, filtered } = once(seed);
    // 10% of 20 = 2 candidates; all tie, so the first one found wins.
    expect(chosen).toBe(`node${String(offset).padStart(2, '0')}`);
    const visited = [...new Set(filtered)];
    expect(visited).toEqual([offset, (offset + 1) % 20].map((i) => `node${String(i).padStart(2, '0')}`));
  });

  it('the same seed gives the same choice; different seeds spread over nodes', () => {
    for (const seed of [1, 7, 99]) expect(once(seed)).toEqual(once(seed));
    const chosen = new Set(Array.from({ length: 12 }, (_, s) => once(s).node));
    expect(chosen.size).toBeGreaterThan(3);
  });

  it('does not draw from the rng when no node is a potential node', () => {
    const w = world([node('node1')], [makePod('p1').node('node1').obj()], { seed: 5 });
    run(w, makePod('p').priority(1000).obj(), statuses({}));
    expect(w.handle.rng.nextUint32()).toBe(new Rng(5).nextUint32());
  });
});

describe('PDB split', () => {
  const pdb = (name: string, sel: PodDisruptionBudget['spec']['selector'], allowed: number, ns = 'default', disrupted: string[] = []) =>
    ({
      metadata: { name, namespace: ns },
      spec: { selector: sel },
      status: { disruptionsAllowed: allowed, disruptedPods: Object.fromEntries(disrupted.map((d) => [d, '2024-01-01T00:00:00Z'])) },
    }) as PodDisruptionBudget;
  const index = (pdbs: PodDisruptionBudget[]) =>
    new PDBIndex({
      namespaceLabels: () => undefined,
      services: () => [],
      replicaSets: () => [],
      statefulSets: () => [],
      replicationControllers: () => [],
      podDisruptionBudgets: (ns) => pdbs.filter((b) => b.metadata.namespace === ns),
    });
  const pi = (name: string, labels?: Record<string, string>, ns = 'default') => {
    const b = makePod(name, ns);
    if (labels) b.labels(labels);
    return b.info();
  };

  it('draws the budget down pod by pod', () => {
    const r = splitByPDBViolation([pi('a', { app: 'x' }), pi('b', { app: 'x' }), pi('c', { app: 'y' })], index([pdb('x', selector({ app: 'x' }), 1)]));
    expect(names(r.violating)).toEqual(['b']);
    expect(names(r.nonViolating)).toEqual(['a', 'c']);
  });

  it('ignores pods already disrupted, other namespaces, unlabeled pods and empty or nil selectors', () => {
    const pdbs = [
      pdb('x', selector({ app: 'x' }), 0, 'default', ['a']),
      pdb('other', selector({ app: 'x' }), 0, 'other'),
      pdb('empty', {}, 0),
      pdb('nil', null, 0),
    ];
    const r = splitByPDBViolation([pi('a', { app: 'x' }), pi('b'), pi('c', { app: 'z' })], index(pdbs));
    expect(names(r.violating)).toEqual([]);
    const r2 = splitByPDBViolation([pi('d', { app: 'x' })], index(pdbs));
    expect(names(r2.violating)).toEqual(['d']);
    const r3 = splitByPDBViolation([pi('e', { app: 'x' }, 'other')], index(pdbs));
    expect(names(r3.violating)).toEqual(['e']);
  });

  it('a pod matched by several budgets violates if any of them goes below zero', () => {
    const pdbs = [pdb('roomy', selector({ app: 'x' }), 5), pdb('tight', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, 0)];
    const r = splitByPDBViolation([pi('a', { app: 'x' }), pi('b', { app: 'x', tier: 'db' })], index(pdbs));
    expect(names(r.violating)).toEqual(['b']);
  });
});

describe('candidate choice (pickOneNodeForPreemption)', () => {
  const v = (name: string, priority: number, start?: string) => {
    const b = makePod(name).priority(priority);
    if (start) b.startTime(start);
    return b.info();
  };
  const c = (nodeName: string, victims: PodInfo[], numPDBViolations = 0): Candidate => ({ nodeName, victims, numPDBViolations });

  it('walks the criteria in order', () => {
    expect(pickOneNodeForPreemption([])).toBeNull();
    expect(pickOneNodeForPreemption([c('only', [v('a', 100)], 3)])!.nodeName).toBe('only');
    // 1. PDB violations
    expect(pickOneNodeForPreemption([c('n1', [v('a', 1)], 1), c('n2', [v('b', 500)], 0)])!.nodeName).toBe('n2');
    // 2. highest victim priority
    expect(pickOneNodeForPreemption([c('n1', [v('a', 10)]), c('n2', [v('b', 5), v('c', 5)])])!.nodeName).toBe('n2');
    // 3. shifted sum
    expect(pickOneNodeForPreemption([c('n1', [v('a', 10), v('b', 8)]), c('n2', [v('c', 10), v('d', 3)])])!.nodeName).toBe('n2');
    // 4. number of victims (sums equal only thanks to the shift arithmetic)
    const n1 = c('n1', [v('a', 100), v('b', -1073741774), v('c', -1073741774)]);
    const n2 = c('n2', [v('d', 100), v('e', 100)]);
    expect(pickOneNodeForPreemption([n1, n2])!.nodeName).toBe('n2');
    // 5. latest earliest start among the highest-priority victims; a pod not started counts as now
    const early = c('n1', [v('a', 10, '2024-01-01T00:00:00Z'), v('b', 5, '2025-01-01T00:00:00Z')]);
    const late = c('n2', [v('c', 10, '2024-06-01T00:00:00Z'), v('d', 5, '2020-01-01T00:00:00Z')]);
    expect(pickOneNodeForPreemption([early, late])!.nodeName).toBe('n2');
    expect(pickOneNodeForPreemption([late, c('n3', [v('e', 10), v('f', 5, '2019-01-01T00:00:00Z')])])!.nodeName).toBe('n3');
    // 6. the first one left
    expect(pickOneNodeForPreemption([c('x', [v('a', 1)]), c('y', [v('b', 1)])])!.nodeName).toBe('x');
  });
});

describe('preemption messages', () => {
  it('sorts "<count> <reason>" entries as whole strings', () => {
    const m = new NodeToStatus();
    for (let i = 0; i < 10; i++) m.set(`a${i}`, unschedulable('Insufficient cpu'));
    m.set('b0', unschedulable('Insufficient memory', 'Insufficient cpu'));
    m.set('b1', unschedulable('Insufficient memory'));
    m.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, ['Preemption is not helpful for scheduling']);
    expect(fitErrorHistogram(15, m)).toEqual([
      '11 Insufficient cpu',
      '2 Insufficient memory',
      '3 Preemption is not helpful for scheduling',
    ]);
    expect(fitErrorMessage(15, m)).toBe(
      '0/15 nodes are available: 11 Insufficient cpu, 2 Insufficient memory, 3 Preemption is not helpful for scheduling.',
    );
    expect(fitErrorMessage(0, new NodeToStatus())).toBe('0/0 nodes are available:');
  });

  it('aggregates errors like apimachinery', () => {
    expect(aggregateErrorMessage(['a'])).toBe('a');
    expect(aggregateErrorMessage(['a', 'a'])).toBe('a');
    expect(aggregateErrorMessage(['a', 'b', 'a'])).toBe('[a, b]');
  });
});
