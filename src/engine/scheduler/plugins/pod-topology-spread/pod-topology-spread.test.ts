import { describe, expect, it } from 'vitest';
import type { Labels } from '../../../model/labels';
import type { LabelSelector, Node, Pod, Service, TopologySpreadConstraint, Workload } from '../../../model/types';
import { Rng } from '../../../random/rng';
import { makeNode, makePod, type PodBuilder } from '../../../testing/builders';
import { CycleState } from '../../framework/cycle-state';
import type { Handle } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { PodInfo } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { Code, type MaybeStatus } from '../../framework/status';
import { defaultPodTopologySpreadArgs, validatePodTopologySpreadArgs, type PodTopologySpreadArgs } from './args';
import type {
  PodTopologySpreadPlugin} from './pod-topology-spread';
import {
  podTopologySpreadFactory,
  PRE_FILTER_STATE_KEY,
  REASON_CONSTRAINTS_NOT_MATCH,
  REASON_NODE_LABEL_NOT_MATCH,
} from './pod-topology-spread';

// ---- harness ----

const HOST = 'kubernetes.io/hostname';
const ZONE = 'zone';
const fooSelector: LabelSelector = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
const barSelector: LabelSelector = { matchExpressions: [{ key: 'bar', operator: 'Exists' }] };

interface Objects {
  services?: Service[];
  replicaSets?: Workload[];
  statefulSets?: Workload[];
  replicationControllers?: Workload[];
  namespaces?: Record<string, Labels>;
}

const inNs = <T extends { metadata: { namespace?: string } }>(list: T[] | undefined, ns: string) =>
  (list ?? []).filter((o) => (o.metadata.namespace ?? 'default') === ns);

function makeHandle(snapshot: Snapshot, objs: Objects = {}): Handle {
  return {
    snapshot,
    listers: {
      namespaceLabels: (ns) => objs.namespaces?.[ns],
      services: (ns) => inNs(objs.services, ns),
      replicaSets: (ns) => inNs(objs.replicaSets, ns),
      statefulSets: (ns) => inNs(objs.statefulSets, ns),
      replicationControllers: (ns) => inNs(objs.replicationControllers, ns),
      podDisruptionBudgets: () => [],
    },
    nominator: { nominatedPodsForNode: () => [] },
    cluster: { bind: () => null, evictVictim: () => {}, clearNomination: () => {} },
    rng: new Rng(1),
    runFilterPluginsWithNominatedPods: () => null,
    runPreFilterExtensionAddPod: () => null,
    runPreFilterExtensionRemovePod: () => null,
  };
}

let seq = 0;
const info = (p: Pod) => new PodInfo(p, seq++);

function setup(nodes: Node[], pods: Pod[], args: Partial<PodTopologySpreadArgs> = { defaultingType: 'List' }, objs: Objects = {}) {
  const snapshot = new Snapshot();
  for (const n of nodes) snapshot.addNode(n);
  for (const p of pods) snapshot.addPod(info(p));
  const handle = makeHandle(snapshot, objs);
  const plugin = podTopologySpreadFactory.create(defaultPodTopologySpreadArgs(args), handle) as PodTopologySpreadPlugin;
  return { snapshot, handle, plugin };
}

type Outcome = 'pass' | `${'U' | 'UAU' | 'E'}: ${string}`;

function outcome(s: MaybeStatus): Outcome {
  if (s === null || s.code === Code.Success) return 'pass';
  const tag = s.code === Code.Unschedulable ? 'U' : s.code === Code.UnschedulableAndUnresolvable ? 'UAU' : 'E';
  return `${tag}: ${s.message()}`;
}

/** PreFilter, then Filter on every node: node name → outcome ('skip' if PreFilter skipped). */
function runFilter(plugin: PodTopologySpreadPlugin, snapshot: Snapshot, pod: PodInfo, state = new CycleState()) {
  const pre = plugin.preFilter(state, pod, snapshot.nodeInfoList());
  if (pre.status?.code === Code.Skip) return 'skip' as const;
  expect(pre.status).toBeNull();
  const out: Record<string, Outcome> = {};
  for (const ni of snapshot.nodeInfoList()) out[ni.name] = outcome(plugin.filter(state, pod, ni));
  return out;
}

/** PreScore/Score/NormalizeScore over the named candidate nodes (all nodes by default). */
function runScore(plugin: PodTopologySpreadPlugin, snapshot: Snapshot, pod: PodInfo, candidates?: string[]) {
  const nodes = candidates ? candidates.map((n) => snapshot.get(n)!) : snapshot.nodeInfoList();
  const state = new CycleState();
  const st = plugin.preScore(state, pod, nodes);
  if (st?.code === Code.Skip) return 'skip' as const;
  expect(st).toBeNull();
  const raw = nodes.map((n) => plugin.score(state, pod, n));
  const scores = raw.slice();
  expect(plugin.normalizeScore(state, pod, nodes, scores)).toBeNull();
  const out: Record<string, number> = {};
  nodes.forEach((n, i) => (out[n.name] = scores[i]));
  return out;
}

const spread = (
  maxSkew: number,
  topologyKey: string,
  whenUnsatisfiable: TopologySpreadConstraint['whenUnsatisfiable'],
  labelSelector: LabelSelector | null | undefined,
  extra: Partial<TopologySpreadConstraint> = {},
): TopologySpreadConstraint => ({ maxSkew, topologyKey, whenUnsatisfiable, labelSelector, ...extra });

const zoneNode = (name: string, zone: string) => makeNode(name).label(ZONE, zone);
const pod = (name: string, node?: string): PodBuilder => {
  const b = makePod(name);
  return node ? b.node(node) : b;
};
const fooPods = (node: string, n: number, prefix = `p-${node}`) =>
  Array.from({ length: n }, (_, i) => pod(`${prefix}-${i}`, node).label('foo', '').obj());

const fourNodes = () => [
  zoneNode('node-a', 'zone1').obj(),
  zoneNode('node-b', 'zone1').obj(),
  zoneNode('node-x', 'zone2').obj(),
  zoneNode('node-y', 'zone2').obj(),
];

// ---- Filter ----

describe('PodTopologySpread Filter', () => {
  const U = `U: ${REASON_CONSTRAINTS_NOT_MATCH}` as const;
  const UAU = `UAU: ${REASON_NODE_LABEL_NOT_MATCH}` as const;
  const cases: {
    name: string;
    pod: Pod;
    nodes?: Node[];
    existing?: Pod[];
    want: Record<string, Outcome> | 'skip';
  }[] = [
    {
      name: 'no existing pods',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector)).obj(),
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      name: 'the incoming pod does not match its own selector (self = 0)',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', barSelector)).obj(),
      existing: [pod('p-a1', 'node-a').label('bar', '').obj(), pod('p-a2', 'node-a').label('bar', '').obj()],
      want: { 'node-a': U, 'node-b': U, 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      name: 'existing pods in another namespace do not count',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector)).obj(),
      existing: [
        makePod('p-a1', 'ns1').node('node-a').label('foo', '').obj(),
        makePod('p-b1', 'ns2').node('node-b').label('foo', '').obj(),
      ],
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      // zone1: 2, zone2: 3 → min 2: zone1 2+1-2=1 fits, zone2 3+1-2=2 does not
      name: 'pods spread across zones as 2/3',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector)).obj(),
      existing: [...fooPods('node-a', 1), ...fooPods('node-b', 1), ...fooPods('node-x', 1), ...fooPods('node-y', 2)],
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': U, 'node-y': U },
    },
    {
      name: 'pods spread across zones as 1/3, maxSkew 2',
      pod: pod('p').label('foo', '').spreadConstraint(spread(2, ZONE, 'DoNotSchedule', fooSelector)).obj(),
      existing: [...fooPods('node-a', 1), ...fooPods('node-x', 1), ...fooPods('node-y', 2)],
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': U, 'node-y': U },
    },
    {
      name: 'terminating pods are not counted',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector)).obj(),
      existing: [
        ...fooPods('node-a', 1),
        pod('t-x1', 'node-x').label('foo', '').terminating().obj(),
        pod('t-x2', 'node-x').label('foo', '').terminating().obj(),
      ],
      // zone1: 1, zone2: 0 → zone1 is at the limit
      want: { 'node-a': U, 'node-b': U, 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      name: 'node without the topology key: missing required label, and its pods are not counted',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector)).obj(),
      nodes: [...fourNodes(), makeNode('node-c').obj()],
      existing: [...fooPods('node-c', 5), ...fooPods('node-x', 1)],
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': U, 'node-y': U, 'node-c': UAU },
    },
    {
      name: 'two constraints: the first failing constraint decides, missing label checked in order',
      pod: pod('p')
        .label('foo', '')
        .spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector))
        .spreadConstraint(spread(1, HOST, 'DoNotSchedule', fooSelector))
        .obj(),
      // zone1: 3 (a:2, b:1), zone2: 1 (x:1) → zone1 fails the zone constraint;
      // hostname: a:2 b:1 x:1 y:0 → x fails (1+1-0 > 1), y passes
      existing: [...fooPods('node-a', 2), ...fooPods('node-b', 1), ...fooPods('node-x', 1)],
      want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': 'pass' },
    },
    {
      name: 'nil selector matches no pods, not even the incoming one',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', null)).obj(),
      existing: fooPods('node-a', 4),
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      name: 'empty selector: existing pods count nothing, the incoming pod counts itself',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', {})).obj(),
      existing: fooPods('node-a', 4),
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      // two zones < minDomains 3 → global minimum 0: zone1 (1 pod) 1+1-0 > 1
      name: 'minDomains above the number of domains treats the minimum as 0',
      pod: pod('p')
        .label('foo', '')
        .spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector, { minDomains: 3 }))
        .obj(),
      existing: [...fooPods('node-a', 1), ...fooPods('node-x', 1)],
      want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
    {
      name: 'minDomains met keeps the real minimum',
      pod: pod('p')
        .label('foo', '')
        .spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector, { minDomains: 2 }))
        .obj(),
      existing: [...fooPods('node-a', 1), ...fooPods('node-x', 1)],
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      // with matchLabelKeys only version=v2 pods count: zone1 0, zone2 1
      name: 'matchLabelKeys narrows the selector to the incoming pod value',
      pod: pod('p')
        .labels({ foo: '', version: 'v2' })
        .spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector, { matchLabelKeys: ['version'] }))
        .obj(),
      existing: [
        pod('a1', 'node-a').labels({ foo: '', version: 'v1' }).obj(),
        pod('a2', 'node-a').labels({ foo: '', version: 'v1' }).obj(),
        pod('x1', 'node-x').labels({ foo: '', version: 'v2' }).obj(),
      ],
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': U, 'node-y': U },
    },
    {
      name: 'without matchLabelKeys every version counts',
      pod: pod('p')
        .labels({ foo: '', version: 'v2' })
        .spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector))
        .obj(),
      existing: [
        pod('a1', 'node-a').labels({ foo: '', version: 'v1' }).obj(),
        pod('a2', 'node-a').labels({ foo: '', version: 'v1' }).obj(),
        pod('x1', 'node-x').labels({ foo: '', version: 'v2' }).obj(),
      ],
      want: { 'node-a': U, 'node-b': U, 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      name: 'matchLabelKeys on a nil selector keeps it matching nothing',
      pod: pod('p')
        .labels({ foo: '', version: 'v2' })
        .spreadConstraint(spread(1, ZONE, 'DoNotSchedule', null, { matchLabelKeys: ['version'] }))
        .obj(),
      existing: [pod('x1', 'node-x').labels({ foo: '', version: 'v2' }).obj(), pod('x2', 'node-x').labels({ version: 'v2' }).obj()],
      want: { 'node-a': 'pass', 'node-b': 'pass', 'node-x': 'pass', 'node-y': 'pass' },
    },
    {
      name: 'only ScheduleAnyway constraints: PreFilter skips',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'ScheduleAnyway', fooSelector)).obj(),
      want: 'skip',
    },
    {
      name: 'no constraints and List defaulting without default constraints: PreFilter skips',
      pod: pod('p').label('foo', '').obj(),
      want: 'skip',
    },
  ];

  it.each(cases)('$name', ({ pod: p, nodes, existing, want }) => {
    const { snapshot, plugin } = setup(nodes ?? fourNodes(), existing ?? []);
    expect(runFilter(plugin, snapshot, info(p))).toEqual(want);
  });

  describe('node inclusion policies', () => {
    // zone1/zone2 nodes are env=prod; zone3's node is not, and is tainted.
    const nodes = () => [
      zoneNode('node-a', 'zone1').label('env', 'prod').obj(),
      zoneNode('node-b', 'zone2').label('env', 'prod').obj(),
      zoneNode('node-c', 'zone3').taint({ key: 'dedicated', value: 'x', effect: 'NoSchedule' }).obj(),
    ];
    const existing = () => [...fooPods('node-a', 1), ...fooPods('node-b', 1)];
    const base = (extra: Partial<TopologySpreadConstraint>) =>
      pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector, extra));

    it.each([
      {
        name: 'nodeAffinityPolicy Honor (default): zone3 is outside the nodeSelector and not a domain',
        pod: base({}).nodeSelector({ env: 'prod' }).obj(),
        want: { 'node-a': 'pass', 'node-b': 'pass', 'node-c': 'pass' },
      },
      {
        name: 'nodeAffinityPolicy Ignore: zone3 counts with 0 pods, so min is 0',
        pod: base({ nodeAffinityPolicy: 'Ignore' }).nodeSelector({ env: 'prod' }).obj(),
        want: { 'node-a': `U: ${REASON_CONSTRAINTS_NOT_MATCH}`, 'node-b': `U: ${REASON_CONSTRAINTS_NOT_MATCH}`, 'node-c': 'pass' },
      },
      {
        name: 'required node affinity is honored like a nodeSelector',
        pod: base({}).nodeAffinityIn('env', ['prod']).obj(),
        want: { 'node-a': 'pass', 'node-b': 'pass', 'node-c': 'pass' },
      },
      {
        name: 'nodeTaintsPolicy Ignore (default): the tainted zone3 counts',
        pod: base({}).obj(),
        want: { 'node-a': `U: ${REASON_CONSTRAINTS_NOT_MATCH}`, 'node-b': `U: ${REASON_CONSTRAINTS_NOT_MATCH}`, 'node-c': 'pass' },
      },
      {
        name: 'nodeTaintsPolicy Honor: the untolerated zone3 is not a domain',
        pod: base({ nodeTaintsPolicy: 'Honor' }).obj(),
        want: { 'node-a': 'pass', 'node-b': 'pass', 'node-c': 'pass' },
      },
      {
        name: 'nodeTaintsPolicy Honor with a toleration: zone3 counts again',
        pod: base({ nodeTaintsPolicy: 'Honor' }).toleration({ key: 'dedicated', operator: 'Exists' }).obj(),
        want: { 'node-a': `U: ${REASON_CONSTRAINTS_NOT_MATCH}`, 'node-b': `U: ${REASON_CONSTRAINTS_NOT_MATCH}`, 'node-c': 'pass' },
      },
    ])('$name', ({ pod: p, want }) => {
      const { snapshot, plugin } = setup(nodes(), existing());
      expect(runFilter(plugin, snapshot, info(p))).toEqual(want);
    });
  });

  it('applies DoNotSchedule default constraints (List) with the selector of a Service', () => {
    const svc: Service = { kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { app: 'web' } } };
    const { snapshot, plugin } = setup(
      fourNodes(),
      [pod('w1', 'node-a').label('app', 'web').obj(), pod('o1', 'node-x').label('app', 'other').obj()],
      { defaultingType: 'List', defaultConstraints: [spread(1, ZONE, 'DoNotSchedule', undefined)] },
      { services: [svc] },
    );
    const p = info(pod('p').label('app', 'web').obj());
    expect(runFilter(plugin, snapshot, p)).toEqual({
      'node-a': `U: ${REASON_CONSTRAINTS_NOT_MATCH}`,
      'node-b': `U: ${REASON_CONSTRAINTS_NOT_MATCH}`,
      'node-x': 'pass',
      'node-y': 'pass',
    });
    // A pod no Service selects gets no default constraints.
    expect(runFilter(plugin, snapshot, info(pod('q').label('app', 'none').obj()))).toBe('skip');
  });

  it('reports an error status when a selector does not parse', () => {
    const { snapshot, plugin } = setup(fourNodes(), []);
    const bad = pod('p')
      .spreadConstraint(spread(1, ZONE, 'DoNotSchedule', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }))
      .obj();
    const out = plugin.preFilter(new CycleState(), info(bad), snapshot.nodeInfoList());
    expect(out.status?.code).toBe(Code.Error);
    expect(out.status?.message()).toMatch(/^get constraints from pod: /);
  });

  it('Filter without PreFilter state is an error', () => {
    const { snapshot, plugin } = setup(fourNodes(), []);
    const s = plugin.filter(new CycleState(), info(pod('p').obj()), snapshot.get('node-a')!);
    expect(outcome(s)).toBe(`E: reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
  });
});

// ---- AddPod / RemovePod ----

describe('PodTopologySpread PreFilterExtensions', () => {
  const incoming = () =>
    info(pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector)).obj());

  function filterWith(plugin: PodTopologySpreadPlugin, snapshot: Snapshot, p: PodInfo, state: CycleState) {
    const out: Record<string, Outcome> = {};
    for (const ni of snapshot.nodeInfoList()) out[ni.name] = outcome(plugin.filter(state, p, ni));
    return out;
  }

  it('RemovePod lowers a domain count and AddPod raises it; clones are independent', () => {
    const victim = info(pod('a1', 'node-a').label('foo', '').obj());
    const snapshot = new Snapshot();
    for (const n of fourNodes()) snapshot.addNode(n);
    snapshot.addPod(victim);
    const plugin = podTopologySpreadFactory.create(defaultPodTopologySpreadArgs({}), makeHandle(snapshot)) as PodTopologySpreadPlugin;
    const p = incoming();
    const state = new CycleState();
    expect(plugin.preFilter(state, p, snapshot.nodeInfoList()).status).toBeNull();
    const U = `U: ${REASON_CONSTRAINTS_NOT_MATCH}`;
    expect(filterWith(plugin, snapshot, p, state)).toEqual({ 'node-a': U, 'node-b': U, 'node-x': 'pass', 'node-y': 'pass' });

    const copy = state.clone();
    expect(plugin.removePod(copy, p, victim, snapshot.get('node-a')!)).toBeNull();
    expect(filterWith(plugin, snapshot, p, copy)).toEqual({ 'node-a': 'pass', 'node-b': 'pass', 'node-x': 'pass', 'node-y': 'pass' });
    // the original state is untouched
    expect(filterWith(plugin, snapshot, p, state)).toEqual({ 'node-a': U, 'node-b': U, 'node-x': 'pass', 'node-y': 'pass' });

    const other = info(pod('x9', 'node-x').label('foo', '').obj());
    expect(plugin.addPod(copy, p, other, snapshot.get('node-x')!)).toBeNull();
    expect(filterWith(plugin, snapshot, p, copy)).toEqual({ 'node-a': 'pass', 'node-b': 'pass', 'node-x': U, 'node-y': U });
  });

  it('ignores pods of another namespace, pods the selector does not match, and nodes without the key', () => {
    const snapshot = new Snapshot();
    for (const n of [...fourNodes(), makeNode('node-c').obj()]) snapshot.addNode(n);
    const plugin = podTopologySpreadFactory.create(defaultPodTopologySpreadArgs({}), makeHandle(snapshot)) as PodTopologySpreadPlugin;
    const p = incoming();
    const state = new CycleState();
    plugin.preFilter(state, p, snapshot.nodeInfoList());
    plugin.addPod(state, p, info(makePod('o', 'other').node('node-a').label('foo', '').obj()), snapshot.get('node-a')!);
    plugin.addPod(state, p, info(pod('nf', 'node-a').label('bar', '').obj()), snapshot.get('node-a')!);
    plugin.addPod(state, p, info(pod('c1', 'node-c').label('foo', '').obj()), snapshot.get('node-c')!);
    expect(filterWith(plugin, snapshot, p, state)).toEqual({
      'node-a': 'pass',
      'node-b': 'pass',
      'node-x': 'pass',
      'node-y': 'pass',
      'node-c': `UAU: ${REASON_NODE_LABEL_NOT_MATCH}`,
    });
  });

  it('AddPod raises the global minimum (nodeAffinityPolicy Ignore keeps zone3 a domain)', () => {
    const snapshot = new Snapshot();
    for (const n of [
      zoneNode('node-a', 'zone1').label('env', 'prod').obj(),
      zoneNode('node-x', 'zone2').label('env', 'prod').obj(),
      zoneNode('node-y', 'zone3').obj(),
    ])
      snapshot.addNode(n);
    for (const p of [...fooPods('node-a', 1), ...fooPods('node-x', 1)]) snapshot.addPod(info(p));
    const plugin = podTopologySpreadFactory.create(defaultPodTopologySpreadArgs({}), makeHandle(snapshot)) as PodTopologySpreadPlugin;
    const p = info(
      pod('p')
        .label('foo', '')
        .nodeSelector({ env: 'prod' })
        .spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector, { minDomains: 2, nodeAffinityPolicy: 'Ignore' }))
        .obj(),
    );
    const state = new CycleState();
    plugin.preFilter(state, p, snapshot.nodeInfoList());
    // three domains (Ignore), counts 1/1/0 → min 0 → zone1 and zone2 fail
    const U = `U: ${REASON_CONSTRAINTS_NOT_MATCH}`;
    expect(filterWith(plugin, snapshot, p, state)).toEqual({ 'node-a': U, 'node-x': U, 'node-y': 'pass' });
    plugin.addPod(state, p, info(pod('y1', 'node-y').label('foo', '').obj()), snapshot.get('node-y')!);
    expect(filterWith(plugin, snapshot, p, state)).toEqual({ 'node-a': 'pass', 'node-x': 'pass', 'node-y': 'pass' });
  });
});

// ---- Score ----

describe('PodTopologySpread Score', () => {
  const hostNodes = (...names: string[]) => names.map((n) => makeNode(n).obj());
  const cases: {
    name: string;
    pod: Pod;
    nodes: Node[];
    candidates?: string[];
    existing?: Pod[];
    args?: Partial<PodTopologySpreadArgs>;
    objs?: Objects;
    want: Record<string, number> | 'skip';
  }[] = [
    {
      name: 'one constraint on node, no existing pods',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, HOST, 'ScheduleAnyway', fooSelector)).obj(),
      nodes: hostNodes('node-a', 'node-b'),
      want: { 'node-a': 100, 'node-b': 100 },
    },
    {
      name: 'one constraint on node, only one node is a candidate',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, HOST, 'ScheduleAnyway', fooSelector)).obj(),
      nodes: hostNodes('node-a', 'node-b'),
      candidates: ['node-a'],
      existing: [...fooPods('node-a', 2), ...fooPods('node-b', 1)],
      want: { 'node-a': 100 },
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates (2/1/0/3)',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, HOST, 'ScheduleAnyway', fooSelector)).obj(),
      nodes: hostNodes('node-a', 'node-b', 'node-c', 'node-d'),
      existing: [...fooPods('node-a', 2), ...fooPods('node-b', 1), ...fooPods('node-d', 3)],
      want: { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 },
    },
    {
      name: 'one constraint on node, null selector',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, HOST, 'ScheduleAnyway', null)).obj(),
      nodes: hostNodes('node-a', 'node-b', 'node-c', 'node-d'),
      existing: [...fooPods('node-a', 2), ...fooPods('node-b', 1), ...fooPods('node-d', 3)],
      want: { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 },
    },
    {
      name: 'maxSkew 2 waters differences down',
      pod: pod('p').label('foo', '').spreadConstraint(spread(2, HOST, 'ScheduleAnyway', fooSelector)).obj(),
      nodes: hostNodes('node-a', 'node-b', 'node-c', 'node-d'),
      existing: [...fooPods('node-a', 2), ...fooPods('node-b', 1), ...fooPods('node-d', 3)],
      want: { 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 },
    },
    {
      name: 'maxSkew 3 with 4/3/2/1',
      pod: pod('p').label('foo', '').spreadConstraint(spread(3, HOST, 'ScheduleAnyway', fooSelector)).obj(),
      nodes: hostNodes('node-a', 'node-b', 'node-c', 'node-d'),
      existing: [...fooPods('node-a', 4), ...fooPods('node-b', 3), ...fooPods('node-c', 2), ...fooPods('node-d', 1)],
      want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
    },
    {
      name: 'system defaulting, nodes without zone, pods selected by a Service',
      pod: pod('p').label('foo', '').obj(),
      nodes: hostNodes('node-a', 'node-b', 'node-c', 'node-d'),
      existing: [...fooPods('node-a', 4), ...fooPods('node-b', 3), ...fooPods('node-c', 2), ...fooPods('node-d', 1)],
      args: { defaultingType: 'System' },
      objs: { services: [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } }] },
      want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
    },
    {
      name: 'one constraint on node, 3 of 4 nodes are candidates (4/2/1/~3~)',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, HOST, 'ScheduleAnyway', fooSelector)).obj(),
      nodes: hostNodes('node-a', 'node-b', 'node-x', 'node-y'),
      candidates: ['node-a', 'node-b', 'node-x'],
      existing: [...fooPods('node-a', 4), ...fooPods('node-b', 2), ...fooPods('node-x', 1), ...fooPods('node-y', 3)],
      want: { 'node-a': 33, 'node-b': 83, 'node-x': 100 },
    },
    {
      name: 'a candidate without the topology key is ignored (scores 0)',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, HOST, 'ScheduleAnyway', fooSelector)).obj(),
      nodes: [
        makeNode('node-a').obj(),
        { ...makeNode('node-b').obj(), metadata: { name: 'node-b', labels: { n: 'node-b' } } },
        makeNode('node-x').obj(),
        makeNode('node-y').obj(),
      ],
      candidates: ['node-a', 'node-b', 'node-x'],
      existing: [...fooPods('node-a', 4), ...fooPods('node-b', 2), ...fooPods('node-x', 1), ...fooPods('node-y', 3)],
      want: { 'node-a': 16, 'node-b': 0, 'node-x': 100 },
    },
    {
      name: 'one constraint on zone, 3 of 4 nodes are candidates',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'ScheduleAnyway', fooSelector)).obj(),
      nodes: fourNodes(),
      candidates: ['node-a', 'node-b', 'node-x'],
      existing: [...fooPods('node-a', 4), ...fooPods('node-b', 2), ...fooPods('node-x', 1), ...fooPods('node-y', 3)],
      want: { 'node-a': 75, 'node-b': 75, 'node-x': 100 },
    },
    {
      name: 'two constraints on zone and node, 2 of 4 nodes are candidates',
      pod: pod('p')
        .label('foo', '')
        .spreadConstraint(spread(1, ZONE, 'ScheduleAnyway', fooSelector))
        .spreadConstraint(spread(1, HOST, 'ScheduleAnyway', fooSelector))
        .obj(),
      nodes: fourNodes(),
      candidates: ['node-a', 'node-x'],
      existing: [...fooPods('node-a', 2), ...fooPods('node-b', 1), ...fooPods('node-x', 2), ...fooPods('node-y', 4)],
      want: { 'node-a': 100, 'node-x': 63 },
    },
    {
      name: 'no soft constraints: PreScore skips',
      pod: pod('p').label('foo', '').spreadConstraint(spread(1, ZONE, 'DoNotSchedule', fooSelector)).obj(),
      nodes: fourNodes(),
      want: 'skip',
    },
    {
      name: 'default constraints and a ReplicaSet that is not the owner: PreScore skips',
      pod: pod('p').labels({ foo: 'bar', baz: 'sup' }).owner('ReplicaSet', 'rs2').obj(),
      nodes: [makeNode('node-a').label('planet', 'mars').obj()],
      args: { defaultingType: 'List', defaultConstraints: [spread(2, 'planet', 'ScheduleAnyway', undefined)] },
      objs: {
        replicaSets: [
          { metadata: { name: 'rs1', namespace: 'default' }, spec: { selector: { matchExpressions: [{ key: 'tar', operator: 'Exists' }] } } },
        ],
      },
      want: 'skip',
    },
  ];

  it.each(cases)('$name', ({ pod: p, nodes, candidates, existing, args, objs, want }) => {
    const { snapshot, plugin } = setup(nodes, existing ?? [], args, objs);
    expect(runScore(plugin, snapshot, info(p), candidates)).toEqual(want);
  });

  it('system default constraints: nodes without a zone are scored (zone "" is a domain), selector from a ReplicaSet', () => {
    // hostname weight ln(4+2), zone domains {mars, ""} → ln(2+2); maxSkew 3 and 5.
    const nodes = [
      makeNode('node-a').label('topology.kubernetes.io/zone', 'mars').obj(),
      makeNode('node-b').label('topology.kubernetes.io/zone', 'mars').obj(),
      makeNode('node-c').obj(),
      makeNode('node-d').obj(),
    ];
    const existing = [
      pod('a1', 'node-a').label('foo', 'tar').obj(),
      pod('a2', 'node-a').label('foo', 'tar').obj(),
      pod('c1', 'node-c').label('foo', 'tar').obj(),
      pod('d1', 'node-d').label('other', '').obj(),
    ];
    const { snapshot, plugin } = setup(nodes, existing, { defaultingType: 'System' }, {
      replicaSets: [{ metadata: { name: 'rs1', namespace: 'default' }, spec: { selector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] } } }],
    });
    const p = info(pod('p').labels({ foo: 'tar', baz: 'sup' }).owner('ReplicaSet', 'rs1').obj());
    const wh = Math.log(6);
    const wz = Math.log(4);
    const raw = {
      'node-a': Math.round(2 * wh + 2 + 2 * wz + 4),
      'node-b': Math.round(0 * wh + 2 + 2 * wz + 4),
      'node-c': Math.round(1 * wh + 2),
      'node-d': Math.round(0 * wh + 2),
    };
    const vals = Object.values(raw);
    const max = Math.max(...vals);
    const min = Math.min(...vals);
    const want = Object.fromEntries(Object.entries(raw).map(([k, s]) => [k, Math.trunc((100 * (max + min - s)) / max)]));
    expect(runScore(plugin, snapshot, p)).toEqual(want);
  });

  it('ignored candidates add no domains to the topology weights (raw score)', () => {
    // node-b lacks "rack", so it is ignored: zone and rack each have one domain → ln(3) both.
    const { snapshot, plugin } = setup(
      [makeNode('node-a').labels({ [ZONE]: 'zone1', rack: 'r1' }).obj(), makeNode('node-b').labels({ [ZONE]: 'zone2' }).obj()],
      fooPods('node-a', 5),
    );
    const p = info(
      pod('p')
        .label('foo', '')
        .spreadConstraint(spread(1, ZONE, 'ScheduleAnyway', fooSelector))
        .spreadConstraint(spread(1, 'rack', 'ScheduleAnyway', fooSelector))
        .obj(),
    );
    const state = new CycleState();
    expect(plugin.preScore(state, p, snapshot.nodeInfoList())).toBeNull();
    const raw = snapshot.nodeInfoList().map((n) => plugin.score(state, p, n));
    expect(raw).toEqual([Math.round(10 * Math.log(3)), 0]);
  });

  it('default selector: Services, RC selector maps and ReplicaSet/StatefulSet selectors, in the pod namespace only', () => {
    const nodes = hostNodes('node-a', 'node-b');
    const existing = [
      pod('a1', 'node-a').labels({ app: 'web', tier: 'fe' }).obj(),
      pod('a2', 'node-a').labels({ app: 'web' }).obj(),
      makePod('b1', 'other').node('node-b').labels({ app: 'web', tier: 'fe' }).obj(),
    ];
    const sts: Workload = {
      metadata: { name: 'ss', namespace: 'default' },
      spec: { selector: { matchLabels: { tier: 'fe' } } },
    };
    const rc: Workload = { metadata: { name: 'rc', namespace: 'default' }, spec: { selector: { tier: 'fe' } as unknown as LabelSelector } };
    const svc: Service = { metadata: { name: 's', namespace: 'default' }, spec: { selector: { app: 'web' } } };
    const objs: Objects = { services: [svc], statefulSets: [sts], replicationControllers: [rc] };
    const p = (owner?: { kind: string; apiVersion: string; name: string }) => {
      const b = pod('p').labels({ app: 'web', tier: 'fe' });
      if (owner) (b.pod.metadata.ownerReferences ??= []).push({ ...owner, controller: true });
      return info(b.obj());
    };
    // Service only: app=web → 2 pods on node-a, 0 on node-b (other namespace)
    // StatefulSet (apps/v1) or RC (v1) adds tier=fe → 1 pod on node-a
    // A ReplicaSet reference with the wrong apiVersion is not followed.
    const scores = (pi: PodInfo) => {
      const { snapshot, plugin } = setup(nodes, existing, { defaultingType: 'System' }, objs);
      const state = new CycleState();
      plugin.preScore(state, pi, snapshot.nodeInfoList());
      return snapshot.nodeInfoList().map((n) => plugin.score(state, pi, n));
    };
    const wh = Math.log(4);
    expect(scores(p())).toEqual([Math.round(2 * wh + 2), 2]);
    expect(scores(p({ kind: 'StatefulSet', apiVersion: 'apps/v1', name: 'ss' }))).toEqual([Math.round(wh + 2), 2]);
    expect(scores(p({ kind: 'ReplicationController', apiVersion: 'v1', name: 'rc' }))).toEqual([Math.round(wh + 2), 2]);
    expect(scores(p({ kind: 'StatefulSet', apiVersion: 'apps/v1beta1', name: 'ss' }))).toEqual([Math.round(2 * wh + 2), 2]);
  });
});

// ---- cached counts stay right as the cluster changes ----

describe('PodTopologySpread counts across cycles', () => {
  /** Upstream's algorithm, recounting every pod each time. */
  function naiveFilter(snapshot: Snapshot, p: PodInfo, c: TopologySpreadConstraint): Record<string, Outcome> {
    const sel = (l: Labels) => c.labelSelector != null && Object.entries(c.labelSelector.matchLabels ?? {}).every(([k, v]) => l?.[k] === v);
    const counts = new Map<string, number>();
    for (const ni of snapshot.nodeInfoList()) {
      const v = ni.labels?.[c.topologyKey];
      if (v === undefined) continue;
      const n = ni.pods.filter((x) => x.namespace === p.namespace && !x.terminating && sel(x.labels)).length;
      counts.set(v, (counts.get(v) ?? 0) + n);
    }
    const min = counts.size < (c.minDomains ?? 1) ? 0 : Math.min(...counts.values());
    const self = sel(p.labels) ? 1 : 0;
    const out: Record<string, Outcome> = {};
    for (const ni of snapshot.nodeInfoList()) {
      const v = ni.labels?.[c.topologyKey];
      if (v === undefined) out[ni.name] = `UAU: ${REASON_NODE_LABEL_NOT_MATCH}`;
      else out[ni.name] = (counts.get(v) ?? 0) + self - min > c.maxSkew ? `U: ${REASON_CONSTRAINTS_NOT_MATCH}` : 'pass';
    }
    return out;
  }

  it('matches a full recount after binds, deletions and relabelled nodes', () => {
    const rng = new Rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const zones = ['z1', 'z2', 'z3'];
    const snapshot = new Snapshot();
    const nodes = Array.from({ length: 12 }, (_, i) => {
      const b = makeNode(`n${i}`);
      if (i % 5 !== 4) b.label(ZONE, zones[i % 3]);
      return b.obj();
    });
    for (const n of nodes) snapshot.addNode(n);
    const plugin = podTopologySpreadFactory.create(defaultPodTopologySpreadArgs({}), makeHandle(snapshot)) as PodTopologySpreadPlugin;
    const apps = ['a', 'b'];
    const bound: PodInfo[] = [];
    for (let round = 0; round < 120; round++) {
      const app = pick(apps);
      const key = pick([ZONE, HOST]);
      const c = spread(1 + Math.floor(rng.float() * 2), key, 'DoNotSchedule', { matchLabels: { app } }, { minDomains: pick([1, 1, 4]) });
      const p = info(pod(`in-${round}`).label('app', app).spreadConstraint(c).obj());
      expect(runFilter(plugin, snapshot, p)).toEqual(naiveFilter(snapshot, p, c));
      // change the cluster
      const r = rng.float();
      if (r < 0.7) {
        const b = pod(`b-${round}`, pick(nodes).metadata.name!).label('app', pick(apps));
        if (rng.float() < 0.1) b.terminating();
        const pi = info(b.obj());
        snapshot.addPod(pi);
        bound.push(pi);
      } else if (r < 0.9 && bound.length > 0) {
        const i = Math.floor(rng.float() * bound.length);
        snapshot.removePod(bound[i]);
        bound.splice(i, 1);
      } else {
        const n = pick(nodes);
        const relabelled: Node = { ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, [ZONE]: pick(zones) } } };
        snapshot.updateNode(relabelled);
      }
    }
  });

  it('scores like a full recount, with own constraints and with system defaults', () => {
    const TZ = 'topology.kubernetes.io/zone';
    const rng = new Rng(3);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const snapshot = new Snapshot();
    const nodes = Array.from({ length: 14 }, (_, i) => {
      const b = makeNode(`n${i}`);
      if (i % 6 !== 5) b.label(TZ, `z${i % 3}`);
      return b.obj();
    });
    for (const n of nodes) snapshot.addNode(n);
    const services: Service[] = [
      { metadata: { name: 'sa', namespace: 'default' }, spec: { selector: { app: 'a' } } },
      { metadata: { name: 'sb', namespace: 'default' }, spec: { selector: { app: 'b' } } },
    ];
    const plugin = podTopologySpreadFactory.create(defaultPodTopologySpreadArgs(undefined), makeHandle(snapshot, { services })) as PodTopologySpreadPlugin;
    const apps = ['a', 'b', 'c'];

    /** upstream scoring over every pod; constraints select app=<app> (system defaults: the Service's selector). */
    const naive = (app: string, own: TopologySpreadConstraint[], candidates: NodeInfo[]) => {
      const requireAll = own.length > 0;
      const cs =
        own.length > 0
          ? own
          : app === 'c'
            ? []
            : [spread(3, HOST, 'ScheduleAnyway', undefined), spread(5, TZ, 'ScheduleAnyway', undefined)];
      if (cs.length === 0) return 'skip' as const;
      const count = (ni: NodeInfo) => ni.pods.filter((x) => x.namespace === 'default' && !x.terminating && x.labels?.app === app).length;
      const hasAll = (ni: NodeInfo) => cs.every((c) => ni.labels?.[c.topologyKey] !== undefined);
      const ignored = new Set(requireAll ? candidates.filter((n) => !hasAll(n)).map((n) => n.name) : []);
      const kept = candidates.filter((n) => !ignored.has(n.name));
      const domains = cs.map((c) => new Set(kept.map((n) => n.labels?.[c.topologyKey] ?? '')));
      const counts = cs.map((c, k) => {
        const m = new Map<string, number>();
        if (c.topologyKey === HOST) return m;
        for (const ni of snapshot.nodeInfoList()) {
          if (requireAll && !hasAll(ni)) continue;
          const v = ni.labels?.[c.topologyKey] ?? '';
          if (domains[k].has(v)) m.set(v, (m.get(v) ?? 0) + count(ni));
        }
        return m;
      });
      const weights = cs.map((c, k) => Math.log((c.topologyKey === HOST ? kept.length : domains[k].size) + 2));
      const raw = candidates.map((ni) => {
        if (ignored.has(ni.name)) return 0;
        let s = 0;
        cs.forEach((c, k) => {
          const v = ni.labels?.[c.topologyKey];
          if (v === undefined) return;
          const cnt = c.topologyKey === HOST ? count(ni) : (counts[k].get(v) ?? 0);
          s += cnt * weights[k] + (c.maxSkew - 1);
        });
        return Math.round(s);
      });
      const live = raw.filter((_, i) => !ignored.has(candidates[i].name));
      const max = Math.max(0, ...live);
      const min = Math.min(...live);
      const out: Record<string, number> = {};
      candidates.forEach((ni, i) => {
        out[ni.name] = ignored.has(ni.name) ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - raw[i])) / max);
      });
      return out;
    };

    const bound: PodInfo[] = [];
    for (let round = 0; round < 150; round++) {
      const app = pick(apps);
      const own: TopologySpreadConstraint[] = [];
      if (rng.float() < 0.6) {
        own.push(spread(1 + Math.floor(rng.float() * 3), pick([TZ, HOST]), 'ScheduleAnyway', { matchLabels: { app } }));
        if (rng.float() < 0.4) own.push(spread(2, own[0].topologyKey === HOST ? TZ : HOST, 'ScheduleAnyway', { matchLabels: { app } }));
      }
      const b = pod(`in-${round}`).label('app', app);
      for (const c of own) b.spreadConstraint(c);
      const p = info(b.obj());
      const candidates = snapshot.nodeInfoList().filter(() => rng.float() < 0.7);
      if (candidates.length > 0) {
        expect(runScore(plugin, snapshot, p, candidates.map((n) => n.name))).toEqual(naive(app, own, candidates));
      }
      const r = rng.float();
      if (r < 0.75) {
        const nb = pod(`b-${round}`, pick(nodes).metadata.name!).label('app', pick(apps));
        if (rng.float() < 0.1) nb.terminating();
        const pi = info(nb.obj());
        snapshot.addPod(pi);
        bound.push(pi);
      } else if (r < 0.92 && bound.length > 0) {
        const i = Math.floor(rng.float() * bound.length);
        snapshot.removePod(bound[i]);
        bound.splice(i, 1);
      } else {
        const n = pick(nodes);
        const labels = { ...n.metadata.labels };
        if (rng.float() < 0.3) delete labels[TZ];
        else labels[TZ] = `z${Math.floor(rng.float() * 3)}`;
        // a node without a hostname label is ignored for own constraints but may still have a zone
        if (rng.float() < 0.2) delete labels[HOST];
        else labels[HOST] = n.metadata.name!;
        snapshot.updateNode({ ...n, metadata: { ...n.metadata, labels } });
      }
    }
  });

  it('keeps working after a node is added (the node list changes)', () => {
    const { snapshot, plugin } = setup(fourNodes(), [...fooPods('node-a', 1)]);
    const c = spread(1, ZONE, 'DoNotSchedule', fooSelector);
    const p = () => info(pod('p').label('foo', '').spreadConstraint(c).obj());
    expect((runFilter(plugin, snapshot, p()) as Record<string, Outcome>)['node-a']).toBe(`U: ${REASON_CONSTRAINTS_NOT_MATCH}`);
    snapshot.addNode(zoneNode('node-z', 'zone3').obj());
    snapshot.addPod(info(pod('z1', 'node-z').label('foo', '').obj()));
    snapshot.addPod(info(pod('x1', 'node-x').label('foo', '').obj()));
    expect(runFilter(plugin, snapshot, p())).toEqual({
      'node-a': 'pass',
      'node-b': 'pass',
      'node-x': 'pass',
      'node-y': 'pass',
      'node-z': 'pass',
    });
  });
});

// ---- args ----

describe('PodTopologySpreadArgs', () => {
  it('defaults to System with no constraints', () => {
    expect(defaultPodTopologySpreadArgs(undefined)).toEqual({ defaultConstraints: [], defaultingType: 'System' });
    expect(defaultPodTopologySpreadArgs({ defaultingType: 'List' }).defaultingType).toBe('List');
  });

  it('accepts the defaults and a valid List', () => {
    expect(validatePodTopologySpreadArgs(defaultPodTopologySpreadArgs(undefined), '')).toEqual([]);
    expect(
      validatePodTopologySpreadArgs(
        { defaultingType: 'List', defaultConstraints: [spread(1, ZONE, 'DoNotSchedule', undefined), spread(2, ZONE, 'ScheduleAnyway', undefined)] },
        '',
      ),
    ).toEqual([]);
  });

  it.each([
    {
      name: 'System with constraints',
      args: { defaultingType: 'System', defaultConstraints: [spread(1, ZONE, 'DoNotSchedule', undefined)] },
      want: ['defaultingType: Invalid value: "System": when .defaultConstraints are not empty'],
    },
    {
      name: 'unknown defaultingType',
      args: { defaultingType: 'Custom', defaultConstraints: [] },
      want: ['defaultingType: Unsupported value: "Custom": supported values: "System", "List"'],
    },
    {
      name: 'bad constraints',
      args: {
        defaultingType: 'List',
        defaultConstraints: [
          spread(0, '', '' as 'DoNotSchedule', undefined),
          spread(1, ZONE, 'Sometimes' as 'DoNotSchedule', { matchLabels: { a: 'b' } }),
          spread(1, 'a/b/c', 'DoNotSchedule', undefined),
          spread(1, 'a/b/c', 'DoNotSchedule', undefined),
        ],
      },
      want: [
        'defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)',
        'defaultConstraints[0].topologyKey: Required value: can not be empty',
        'defaultConstraints[0].whenUnsatisfiable: Required value: can not be empty',
        'defaultConstraints[1].whenUnsatisfiable: Unsupported value: "Sometimes": supported values: "DoNotSchedule", "ScheduleAnyway"',
        'defaultConstraints[1].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod',
        `defaultConstraints[2].topologyKey: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
        `defaultConstraints[3].topologyKey: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
        'defaultConstraints[3]: Duplicate value: "{a/b/c, DoNotSchedule}"',
      ],
    },
    {
      name: 'a topology key with a bad prefix and name',
      args: { defaultingType: 'List', defaultConstraints: [spread(1, 'Bad_Prefix/-x', 'DoNotSchedule', undefined)] },
      want: [
        `defaultConstraints[0].topologyKey: Invalid value: "Bad_Prefix/-x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        `defaultConstraints[0].topologyKey: Invalid value: "Bad_Prefix/-x": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ],
    },
  ])('$name', ({ args, want }) => {
    expect(validatePodTopologySpreadArgs(args as PodTopologySpreadArgs, '')).toEqual(want);
  });

  it('prefixes messages with the given path', () => {
    expect(validatePodTopologySpreadArgs({ defaultingType: 'Custom' as 'List', defaultConstraints: [] }, 'profiles[0].pluginConfig[2].args')).toEqual([
      'profiles[0].pluginConfig[2].args.defaultingType: Unsupported value: "Custom": supported values: "System", "List"',
    ]);
  });
});

// Keep the NodeInfo type import used (for editors that flag unused imports in tests).
export type { NodeInfo };
