import { describe, expect, it } from 'vitest';
import type { Labels } from '../../../model/labels';
import type { LabelSelector, Node, Pod, PodAffinityTerm } from '../../../model/types';
import { Rng } from '../../../random/rng';
import { makeNode, makePod, type PodBuilder } from '../../../testing/builders';
import { CycleState } from '../../framework/cycle-state';
import type { Handle } from '../../framework/interfaces';
import { affinityTermMatches, PodInfo, type AffinityTerm } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { Code, type MaybeStatus } from '../../framework/status';
import { defaultInterPodAffinityArgs, validateInterPodAffinityArgs, type InterPodAffinityArgs } from './args';
import type {
  InterPodAffinityPlugin} from './inter-pod-affinity';
import {
  interPodAffinityFactory,
  PRE_FILTER_STATE_KEY,
  REASON_AFFINITY_RULES_NOT_MATCH,
  REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
} from './inter-pod-affinity';

// ---- harness ----

function makeHandle(snapshot: Snapshot, namespaces: Record<string, Labels> = {}): Handle {
  return {
    snapshot,
    listers: {
      namespaceLabels: (ns) => namespaces[ns],
      services: () => [],
      replicaSets: () => [],
      statefulSets: () => [],
      replicationControllers: () => [],
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

function setup(nodes: Node[], pods: Pod[], args: Partial<InterPodAffinityArgs> = {}, namespaces: Record<string, Labels> = {}) {
  const snapshot = new Snapshot();
  for (const n of nodes) snapshot.addNode(n);
  for (const p of pods) snapshot.addPod(info(p));
  const handle = makeHandle(snapshot, namespaces);
  const plugin = interPodAffinityFactory.create(defaultInterPodAffinityArgs(args), handle) as InterPodAffinityPlugin;
  return { snapshot, plugin };
}

type Outcome = 'pass' | `${'U' | 'UAU' | 'E'}: ${string}`;
function outcome(s: MaybeStatus): Outcome {
  if (s === null || s.code === Code.Success) return 'pass';
  const tag = s.code === Code.Unschedulable ? 'U' : s.code === Code.UnschedulableAndUnresolvable ? 'UAU' : 'E';
  return `${tag}: ${s.message()}`;
}

function filterAll(plugin: InterPodAffinityPlugin, snapshot: Snapshot, pod: PodInfo, state: CycleState) {
  const out: Record<string, Outcome> = {};
  for (const ni of snapshot.nodeInfoList()) out[ni.name] = outcome(plugin.filter(state, pod, ni));
  return out;
}

function runFilter(plugin: InterPodAffinityPlugin, snapshot: Snapshot, pod: PodInfo, state = new CycleState()) {
  const pre = plugin.preFilter(state, pod, snapshot.nodeInfoList());
  if (pre.status?.code === Code.Skip) return 'skip' as const;
  expect(pre.status).toBeNull();
  return filterAll(plugin, snapshot, pod, state);
}

function runScore(plugin: InterPodAffinityPlugin, snapshot: Snapshot, pod: PodInfo) {
  const nodes = snapshot.nodeInfoList();
  const state = new CycleState();
  const st = plugin.preScore(state, pod, nodes);
  if (st?.code === Code.Skip) return 'skip' as const;
  expect(st).toBeNull();
  const scores = nodes.map((n) => plugin.score(state, pod, n));
  expect(plugin.normalizeScore(state, pod, nodes, scores)).toBeNull();
  const out: Record<string, number> = {};
  nodes.forEach((n, i) => (out[n.name] = scores[i]));
  return out;
}

const sel = (key: string, op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values?: string[]): LabelSelector => ({
  matchExpressions: [{ key, operator: op, ...(values ? { values } : {}) }],
});
const term = (labelSelector: LabelSelector | null, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({
  labelSelector,
  topologyKey,
  ...extra,
});
const node = (name: string, labels: Record<string, string>) => makeNode(name).labels(labels).obj();
const pod = (name: string, nodeName?: string, ns = 'default'): PodBuilder => {
  const b = makePod(name, ns);
  return nodeName ? b.node(nodeName) : b;
};

const U_ANTI = `U: ${REASON_ANTI_AFFINITY_RULES_NOT_MATCH}` as const;
const U_EXISTING = `U: ${REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH}` as const;
const UAU_AFF = `UAU: ${REASON_AFFINITY_RULES_NOT_MATCH}` as const;

// ---- Filter ----

describe('InterPodAffinity Filter', () => {
  const nodes = () => [
    node('n1', { region: 'r1', zone: 'z11' }),
    node('n2', { region: 'r1', zone: 'z12' }),
    node('n3', { region: 'r2', zone: 'z21' }),
    node('n4', { zone: 'z41' }), // no region
  ];
  const scan = sel('service', 'In', ['securityscan']);
  const cases: {
    name: string;
    pod: Pod;
    existing?: Pod[];
    namespaces?: Record<string, Labels>;
    want: Record<string, Outcome> | 'skip';
  }[] = [
    {
      name: 'no affinity anywhere: PreFilter skips',
      pod: pod('p').label('service', 'securityscan').obj(),
      existing: [pod('e1', 'n1').label('service', 'securityscan').obj()],
      want: 'skip',
    },
    {
      name: 'existing anti-affinity that does not select the pod: PreFilter skips',
      pod: pod('p').label('service', 'web').obj(),
      existing: [pod('e1', 'n1').podAntiAffinity(term(scan, 'zone')).obj()],
      want: 'skip',
    },
    {
      name: 'required affinity: nodes in the region of a matching pod pass; no region is unresolvable',
      pod: pod('p').podAffinity(term(scan, 'region')).obj(),
      existing: [pod('e1', 'n2').label('service', 'securityscan').obj()],
      want: { n1: 'pass', n2: 'pass', n3: UAU_AFF, n4: UAU_AFF },
    },
    {
      name: 'required affinity: a matching pod in another namespace does not count',
      pod: pod('p').podAffinity(term(scan, 'region')).obj(),
      existing: [pod('e1', 'n2', 'other').label('service', 'securityscan').obj()],
      want: { n1: UAU_AFF, n2: UAU_AFF, n3: UAU_AFF, n4: UAU_AFF },
    },
    {
      name: 'required affinity with namespaces listed',
      pod: pod('p').podAffinity(term(scan, 'region', { namespaces: ['other'] })).obj(),
      existing: [pod('e1', 'n3', 'other').label('service', 'securityscan').obj()],
      want: { n1: UAU_AFF, n2: UAU_AFF, n3: 'pass', n4: UAU_AFF },
    },
    {
      name: 'required affinity with a namespaceSelector (namespace labels)',
      pod: pod('p').podAffinity(term(scan, 'region', { namespaceSelector: { matchLabels: { team: 'a' } } })).obj(),
      existing: [
        pod('e1', 'n3', 'team-a').label('service', 'securityscan').obj(),
        pod('e2', 'n1', 'team-b').label('service', 'securityscan').obj(),
      ],
      namespaces: { 'team-a': { team: 'a' }, 'team-b': { team: 'b' } },
      want: { n1: UAU_AFF, n2: UAU_AFF, n3: 'pass', n4: UAU_AFF },
    },
    {
      name: 'required affinity with an empty namespaceSelector selects every namespace',
      pod: pod('p').podAffinity(term(scan, 'region', { namespaceSelector: {} })).obj(),
      existing: [pod('e1', 'n1', 'anywhere').label('service', 'securityscan').obj()],
      want: { n1: 'pass', n2: 'pass', n3: UAU_AFF, n4: UAU_AFF },
    },
    {
      name: 'first pod of a group: no matching pod anywhere and the pod matches its own term',
      pod: pod('p').label('service', 'securityscan').podAffinity(term(scan, 'region')).obj(),
      want: { n1: 'pass', n2: 'pass', n3: 'pass', n4: UAU_AFF },
    },
    {
      name: 'no first-pod exception when the pod does not match its own term',
      pod: pod('p').label('service', 'web').podAffinity(term(scan, 'region')).obj(),
      want: { n1: UAU_AFF, n2: UAU_AFF, n3: UAU_AFF, n4: UAU_AFF },
    },
    {
      name: 'no first-pod exception once some pod matches somewhere',
      pod: pod('p').label('service', 'securityscan').podAffinity(term(scan, 'region')).obj(),
      existing: [pod('e1', 'n3').label('service', 'securityscan').obj()],
      want: { n1: UAU_AFF, n2: UAU_AFF, n3: 'pass', n4: UAU_AFF },
    },
    {
      name: 'all affinity terms must be matched by one and the same pod',
      pod: pod('p')
        .podAffinity(term(scan, 'region'))
        .podAffinity(term(sel('team', 'In', ['red']), 'region'))
        .obj(),
      existing: [
        pod('e1', 'n1').label('service', 'securityscan').obj(),
        pod('e2', 'n2').label('team', 'red').obj(),
        pod('e3', 'n3').labels({ service: 'securityscan', team: 'red' }).obj(),
      ],
      want: { n1: UAU_AFF, n2: UAU_AFF, n3: 'pass', n4: UAU_AFF },
    },
    {
      name: 'required anti-affinity: the zone of a matching pod is refused, other zones and keyless nodes pass',
      pod: pod('p').podAntiAffinity(term(scan, 'region')).obj(),
      existing: [pod('e1', 'n1').label('service', 'securityscan').obj()],
      want: { n1: U_ANTI, n2: U_ANTI, n3: 'pass', n4: 'pass' },
    },
    {
      name: 'terminating pods still count for anti-affinity',
      pod: pod('p').podAntiAffinity(term(scan, 'zone')).obj(),
      existing: [pod('e1', 'n3').label('service', 'securityscan').terminating().obj()],
      want: { n1: 'pass', n2: 'pass', n3: U_ANTI, n4: 'pass' },
    },
    {
      name: 'nil label selector matches no pod',
      pod: pod('p').podAntiAffinity(term(null, 'zone')).obj(),
      existing: [pod('e1', 'n3').label('service', 'securityscan').obj()],
      want: { n1: 'pass', n2: 'pass', n3: 'pass', n4: 'pass' },
    },
    {
      name: "existing pod's anti-affinity (symmetry) refuses its topology domain",
      pod: pod('p').label('service', 'securityscan').obj(),
      existing: [pod('e1', 'n1').podAntiAffinity(term(scan, 'region')).obj()],
      want: { n1: U_EXISTING, n2: U_EXISTING, n3: 'pass', n4: 'pass' },
    },
    {
      name: "existing pod's anti-affinity with a namespaceSelector matching the incoming namespace",
      pod: pod('p', undefined, 'team-a').label('service', 'securityscan').obj(),
      existing: [
        pod('e1', 'n3', 'ops').podAntiAffinity(term(scan, 'zone', { namespaceSelector: { matchLabels: { team: 'a' } } })).obj(),
        pod('e2', 'n1', 'ops').podAntiAffinity(term(scan, 'zone', { namespaceSelector: { matchLabels: { team: 'b' } } })).obj(),
      ],
      namespaces: { 'team-a': { team: 'a' } },
      want: { n1: 'pass', n2: 'pass', n3: U_EXISTING, n4: 'pass' },
    },
    {
      name: "existing pod's anti-affinity in another namespace (default namespaces) does not apply",
      pod: pod('p').label('service', 'securityscan').obj(),
      existing: [pod('e1', 'n1', 'other').podAntiAffinity(term(scan, 'zone')).obj()],
      want: 'skip',
    },
    {
      name: 'checks run in order: affinity, then anti-affinity, then existing anti-affinity',
      pod: pod('p')
        .label('service', 'securityscan')
        .podAffinity(term(sel('app', 'Exists'), 'region'))
        .podAntiAffinity(term(sel('app', 'In', ['db']), 'zone'))
        .obj(),
      existing: [
        pod('e1', 'n1').label('app', 'db').obj(),
        pod('e2', 'n2').label('app', 'web').podAntiAffinity(term(scan, 'zone')).obj(),
      ],
      want: { n1: U_ANTI, n2: U_EXISTING, n3: UAU_AFF, n4: UAU_AFF },
    },
  ];

  it.each(cases)('$name', ({ pod: p, existing, namespaces, want }) => {
    const { snapshot, plugin } = setup(nodes(), existing ?? [], {}, namespaces);
    expect(runFilter(plugin, snapshot, info(p))).toEqual(want);
  });

  it('Filter without PreFilter state is an error', () => {
    const { snapshot, plugin } = setup(nodes(), []);
    expect(outcome(plugin.filter(new CycleState(), info(pod('p').obj()), snapshot.get('n1')!))).toBe(
      `E: error reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`,
    );
  });
});

// ---- AddPod / RemovePod ----

describe('InterPodAffinity PreFilterExtensions', () => {
  const nodes = () => [node('n1', { zone: 'z1' }), node('n2', { zone: 'z1' }), node('n3', { zone: 'z2' })];
  const scan = sel('service', 'In', ['securityscan']);

  it('RemovePod of an existing anti-affinity pod frees its domain; the original state is untouched', () => {
    const victim = info(pod('e1', 'n1').podAntiAffinity(term(scan, 'zone')).obj());
    const snapshot = new Snapshot();
    for (const n of nodes()) snapshot.addNode(n);
    snapshot.addPod(victim);
    const plugin = interPodAffinityFactory.create(defaultInterPodAffinityArgs({}), makeHandle(snapshot)) as InterPodAffinityPlugin;
    const p = info(pod('p').label('service', 'securityscan').obj());
    const state = new CycleState();
    expect(runFilter(plugin, snapshot, p, state)).toEqual({ n1: U_EXISTING, n2: U_EXISTING, n3: 'pass' });
    const copy = state.clone();
    expect(plugin.removePod(copy, p, victim, snapshot.get('n1')!)).toBeNull();
    expect(filterAll(plugin, snapshot, p, copy)).toEqual({ n1: 'pass', n2: 'pass', n3: 'pass' });
    expect(filterAll(plugin, snapshot, p, state)).toEqual({ n1: U_EXISTING, n2: U_EXISTING, n3: 'pass' });
    expect(plugin.addPod(copy, p, victim, snapshot.get('n3')!)).toBeNull();
    expect(filterAll(plugin, snapshot, p, copy)).toEqual({ n1: 'pass', n2: 'pass', n3: U_EXISTING });
  });

  it('AddPod updates the incoming pod affinity and anti-affinity counts', () => {
    const { snapshot, plugin } = setup(nodes(), []);
    const p = info(
      pod('p')
        .podAffinity(term(scan, 'zone'))
        .podAntiAffinity(term(sel('app', 'In', ['db']), 'kubernetes.io/hostname'))
        .obj(),
    );
    const state = new CycleState();
    expect(runFilter(plugin, snapshot, p, state)).toEqual({ n1: UAU_AFF, n2: UAU_AFF, n3: UAU_AFF });
    plugin.addPod(state, p, info(pod('s', 'n3').label('service', 'securityscan').obj()), snapshot.get('n3')!);
    expect(filterAll(plugin, snapshot, p, state)).toEqual({ n1: UAU_AFF, n2: UAU_AFF, n3: 'pass' });
    plugin.addPod(state, p, info(pod('d', 'n3').label('app', 'db').obj()), snapshot.get('n3')!);
    expect(filterAll(plugin, snapshot, p, state)).toEqual({ n1: UAU_AFF, n2: UAU_AFF, n3: U_ANTI });
    plugin.removePod(state, p, info(pod('s', 'n3').label('service', 'securityscan').obj()), snapshot.get('n3')!);
    expect(filterAll(plugin, snapshot, p, state)).toEqual({ n1: UAU_AFF, n2: UAU_AFF, n3: UAU_AFF });
  });
});

// ---- Score ----

describe('InterPodAffinity Score', () => {
  const china = { region: 'China' };
  const india = { region: 'India' };
  const az1 = { az: 'az1' };
  const az2 = { az: 'az2' };
  const chinaAz1 = { region: 'China', az: 'az1' };
  const s1 = { security: 'S1' };
  const s2 = { security: 'S2' };
  const inSec = (v: string) => sel('security', 'In', [v]);
  type Aff = (b: PodBuilder) => PodBuilder;
  const stayWithS1InRegion: Aff = (b) => b.preferredPodAffinity(5, term(inSec('S1'), 'region'));
  const stayWithS2InRegion: Aff = (b) => b.preferredPodAffinity(6, term(inSec('S2'), 'region'));
  const affinity3: Aff = (b) =>
    b
      .preferredPodAffinity(8, term({ matchExpressions: [{ key: 'security', operator: 'NotIn', values: ['S1'] }, { key: 'security', operator: 'In', values: ['S2'] }] }, 'region'))
      .preferredPodAffinity(2, term({ matchExpressions: [{ key: 'security', operator: 'Exists' }, { key: 'wrongkey', operator: 'DoesNotExist' }] }, 'region'));
  const hardAffinity: Aff = (b) =>
    b
      .podAffinity(term(sel('security', 'In', ['S1', 'value2']), 'region'))
      .podAffinity(term({ matchExpressions: [{ key: 'security', operator: 'Exists' }, { key: 'wrongkey', operator: 'DoesNotExist' }] }, 'region'));
  const awayFromS1InAz: Aff = (b) => b.preferredPodAntiAffinity(5, term(inSec('S1'), 'az'));
  const awayFromS2InAz: Aff = (b) => b.preferredPodAntiAffinity(5, term(inSec('S2'), 'az'));
  const stayWithS1AwayFromS2: Aff = (b) =>
    b.preferredPodAffinity(8, term(inSec('S1'), 'region')).preferredPodAntiAffinity(5, term(inSec('S2'), 'az'));
  const nsSel = { namespaces: ['subteam2.team2'], namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In' as const, values: ['team1'] }] } };
  const affinityNamespaceSelector: Aff = (b) => b.preferredPodAffinity(5, term(inSec('S1'), 'region', nsSel));
  const antiAffinityNamespaceSelector: Aff = (b) => b.preferredPodAntiAffinity(5, term(inSec('S1'), 'region', nsSel));
  const namespaces = {
    'subteam1.team1': { team: 'team1' },
    'subteam2.team1': { team: 'team1' },
    'subteam1.team2': { team: 'team2' },
    'subteam2.team2': { team: 'team2' },
  };

  let n = 0;
  const mk = (labels: Record<string, string>, nodeName?: string, aff?: Aff, ns = 'default') => {
    let b = pod(`p${n++}`, nodeName, ns).labels(labels);
    if (aff) b = aff(b);
    return b.obj();
  };

  const cases: {
    name: string;
    pod: Pod;
    pods?: Pod[];
    nodes: Node[];
    args?: Partial<InterPodAffinityArgs>;
    want: Record<string, number> | 'skip';
  }[] = [
    {
      name: 'no affinity anywhere: PreScore skips',
      pod: mk(s1),
      nodes: [node('node1', china), node('node2', india), node('node3', az1)],
      want: 'skip',
    },
    {
      name: 'affinity: the region with a matching pod scores high',
      pod: mk(s1, undefined, stayWithS1InRegion),
      pods: [mk(s1, 'node1'), mk(s2, 'node2'), mk(s1, 'node3')],
      nodes: [node('node1', china), node('node2', india), node('node3', az1)],
      want: { node1: 100, node2: 0, node3: 0 },
    },
    {
      name: 'affinity: every node of the matching region scores the same',
      pod: mk({}, undefined, stayWithS1InRegion),
      pods: [mk(s1, 'node1')],
      nodes: [node('node1', china), node('node2', chinaAz1), node('node3', india)],
      want: { node1: 100, node2: 100, node3: 0 },
    },
    {
      name: 'affinity: more matches in a region scores higher (true minimum: India is the lowest)',
      pod: mk(s1, undefined, stayWithS2InRegion),
      pods: [mk(s2, 'node1'), mk(s2, 'node1'), mk(s2, 'node2'), mk(s2, 'node3'), mk(s2, 'node4'), mk(s2, 'node5')],
      nodes: [node('node1', china), node('node2', india), node('node3', china), node('node4', china), node('node5', india)],
      want: { node1: 100, node2: 0, node3: 100, node4: 100, node5: 0 },
    },
    {
      name: 'affinity: operators and partial matches',
      pod: mk(s1, undefined, affinity3),
      pods: [mk(s1, 'node1'), mk(s2, 'node2'), mk(s1, 'node3')],
      nodes: [node('node1', china), node('node2', india), node('node3', az1)],
      want: { node1: 20, node2: 100, node3: 0 },
    },
    {
      name: "symmetry: existing pods' preferred affinity",
      pod: mk(s2),
      pods: [mk(s1, 'node1', stayWithS1InRegion), mk(s2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', china), node('node2', india), node('node3', az1)],
      want: { node1: 0, node2: 100, node3: 0 },
    },
    {
      name: 'symmetry with a namespaceSelector',
      pod: mk(s1, undefined, undefined, 'subteam1.team1'),
      pods: [mk(s1, 'node1', affinityNamespaceSelector), mk(s2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', china), node('node2', india), node('node3', az1)],
      want: { node1: 100, node2: 0, node3: 0 },
    },
    {
      name: 'anti-affinity symmetry with a namespaceSelector',
      pod: mk(s1, undefined, undefined, 'subteam1.team1'),
      pods: [mk(s1, 'node1', antiAffinityNamespaceSelector), mk(s2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', china), node('node2', india), node('node3', az1)],
      want: { node1: 0, node2: 100, node3: 100 },
    },
    {
      name: "symmetry: existing pods' required affinity (hardPodAffinityWeight 1)",
      pod: mk(s1),
      pods: [mk(s1, 'node1', hardAffinity), mk(s2, 'node2', hardAffinity)],
      nodes: [node('node1', china), node('node2', india), node('node3', az1)],
      want: { node1: 100, node2: 100, node3: 0 },
    },
    {
      name: 'hardPodAffinityWeight 0 ignores required terms of existing pods',
      pod: mk(s1),
      pods: [mk(s1, 'node1', hardAffinity), mk(s2, 'node2', hardAffinity)],
      nodes: [node('node1', china), node('node2', india), node('node3', az1)],
      args: { hardPodAffinityWeight: 0 },
      want: 'skip',
    },
    {
      name: 'anti-affinity: a node with a matching pod scores low',
      pod: mk(s1, undefined, awayFromS1InAz),
      pods: [mk(s1, 'node1'), mk(s2, 'node2')],
      nodes: [node('node1', az1), node('node2', china)],
      want: { node1: 0, node2: 100 },
    },
    {
      name: 'anti-affinity: more matching pods scores lower',
      pod: mk(s1, undefined, awayFromS1InAz),
      pods: [mk(s1, 'node1'), mk(s1, 'node1'), mk(s2, 'node2')],
      nodes: [node('node1', az1), node('node2', india)],
      want: { node1: 0, node2: 100 },
    },
    {
      name: "anti-affinity symmetry: existing pods' preferred anti-affinity",
      pod: mk(s2),
      pods: [mk(s1, 'node1', awayFromS2InAz), mk(s2, 'node2', awayFromS1InAz)],
      nodes: [node('node1', az1), node('node2', az2)],
      want: { node1: 0, node2: 100 },
    },
    {
      name: 'affinity and anti-affinity with the same labels',
      pod: mk(s1, undefined, stayWithS1AwayFromS2),
      pods: [mk(s1, 'node1'), mk(s1, 'node1'), mk(s1, 'node2'), mk(s1, 'node3'), mk(s1, 'node3'), mk(s1, 'node4'), mk(s1, 'node5')],
      nodes: [node('node1', chinaAz1), node('node2', india), node('node3', china), node('node4', china), node('node5', india)],
      want: { node1: 100, node2: 0, node3: 100, node4: 100, node5: 0 },
    },
    {
      name: 'affinity, anti-affinity and symmetry together (negative raw scores)',
      pod: mk(s1, undefined, stayWithS1AwayFromS2),
      pods: [mk(s1, 'node1'), mk(s2, 'node2'), mk({}, 'node3', stayWithS1AwayFromS2), mk({}, 'node4', awayFromS1InAz)],
      nodes: [node('node1', china), node('node2', az1), node('node3', india), node('node4', az2)],
      want: { node1: 100, node2: 0, node3: 100, node4: 0 },
    },
    {
      name: 'all raw scores equal: every node 0',
      pod: mk(s1),
      pods: [mk(s1, 'node1'), mk({}, 'node2', stayWithS1AwayFromS2)],
      nodes: [node('node1', china), node('node2', china)],
      want: { node1: 0, node2: 0 },
    },
    {
      name: 'incoming preferred terms with a namespaceSelector and namespaces',
      pod: mk(s1, undefined, affinityNamespaceSelector, 'subteam1.team1'),
      pods: [
        mk(s1, 'node1', undefined, 'subteam1.team1'),
        mk(s1, 'node1', undefined, 'subteam1.team1'),
        mk(s1, 'node1', undefined, 'subteam2.team2'),
        mk(s1, 'node2', undefined, 'subteam2.team1'),
      ],
      nodes: [node('node1', china), node('node2', india)],
      want: { node1: 100, node2: 0 },
    },
    {
      name: 'incoming preferred anti-affinity with a namespaceSelector',
      pod: mk(s1, undefined, antiAffinityNamespaceSelector, 'subteam1.team1'),
      pods: [
        mk(s1, 'node1', undefined, 'subteam1.team1'),
        mk(s1, 'node1', undefined, 'subteam1.team1'),
        mk(s1, 'node1', undefined, 'subteam1.team2'),
        mk(s1, 'node2', undefined, 'subteam2.team1'),
      ],
      nodes: [node('node1', china), node('node2', india)],
      want: { node1: 0, node2: 100 },
    },
    {
      name: 'ignorePreferredTermsOfExistingPods skips a pod without preferred terms',
      pod: mk(s2),
      pods: [mk(s1, 'node1', stayWithS1AwayFromS2), mk(s2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', china), node('node2', india)],
      args: { ignorePreferredTermsOfExistingPods: true },
      want: 'skip',
    },
    {
      name: 'without ignorePreferredTermsOfExistingPods the same pod is scored',
      pod: mk(s2),
      pods: [mk(s1, 'node1', stayWithS1AwayFromS2), mk(s2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', china), node('node2', india)],
      want: { node1: 0, node2: 100 },
    },
  ];

  it.each(cases)('$name', ({ pod: p, pods, nodes, args, want }) => {
    const { snapshot, plugin } = setup(nodes, pods ?? [], args, namespaces);
    expect(runScore(plugin, snapshot, info(p))).toEqual(want);
  });

  it('normalizes over the true min and max with float truncation', () => {
    // raw: n1 = +5·3 = 15, n2 = +5·1 − 4·1 = 1, n3 = −4·2 = −8 → (s+8)/23·100
    const { snapshot, plugin } = setup(
      [node('n1', { zone: 'a' }), node('n2', { zone: 'b' }), node('n3', { zone: 'c' })],
      [
        mk({ app: 'x' }, 'n1'),
        mk({ app: 'x' }, 'n1'),
        mk({ app: 'x' }, 'n1'),
        mk({ app: 'x' }, 'n2'),
        mk({ app: 'y' }, 'n2'),
        mk({ app: 'y' }, 'n3'),
        mk({ app: 'y' }, 'n3'),
      ],
    );
    const p = info(
      pod('p')
        .preferredPodAffinity(5, term(sel('app', 'In', ['x']), 'zone'))
        .preferredPodAntiAffinity(4, term(sel('app', 'In', ['y']), 'zone'))
        .obj(),
    );
    const state = new CycleState();
    plugin.preScore(state, p, snapshot.nodeInfoList());
    const raw = snapshot.nodeInfoList().map((ni) => plugin.score(state, p, ni));
    expect(raw).toEqual([15, 1, -8]);
    expect(runScore(plugin, snapshot, p)).toEqual({ n1: 100, n2: Math.trunc(100 * (9 / 23)), n3: 0 });
  });
});

// ---- cached indexes stay right as the cluster changes ----

describe('InterPodAffinity across cycles', () => {
  const nsLabels: Record<string, Labels> = { ns1: { team: 't1' }, ns2: { team: 't2' }, ns3: { team: 't1' } };

  /** Upstream's algorithm over every pod, for comparison. */
  function incomingMatches(t: AffinityTerm, p: PodInfo): boolean {
    if (!t.selector.matches(p.labels)) return false;
    if (t.namespaces.has(p.namespace)) return true;
    if (t.namespaceSelector.empty) return true;
    if (t.namespaceSelector.nothing) return false;
    return t.namespaceSelector.matches(nsLabels[p.namespace]);
  }

  function naive(snapshot: Snapshot, p: PodInfo, hard: number) {
    const all = snapshot.nodeInfoList();
    const own = nsLabels[p.namespace];
    const add = (m: Map<string, number>, labels: Labels, key: string, d: number) => {
      const v = labels?.[key];
      if (v !== undefined) m.set(`${key}=${v}`, (m.get(`${key}=${v}`) ?? 0) + d);
    };
    const existing = new Map<string, number>();
    const aff = new Map<string, number>();
    const anti = new Map<string, number>();
    for (const ni of all) {
      for (const e of ni.pods) {
        for (const t of e.requiredAntiAffinityTerms) if (affinityTermMatches(t, p, own)) add(existing, ni.labels, t.topologyKey, 1);
        if (p.requiredAffinityTerms.length > 0 && p.requiredAffinityTerms.every((t) => incomingMatches(t, e))) {
          for (const t of p.requiredAffinityTerms) add(aff, ni.labels, t.topologyKey, 1);
        }
        for (const t of p.requiredAntiAffinityTerms) if (incomingMatches(t, e)) add(anti, ni.labels, t.topologyKey, 1);
      }
    }
    let filter: Record<string, Outcome> | 'skip' = 'skip';
    if (existing.size > 0 || p.requiredAffinityTerms.length > 0 || p.requiredAntiAffinityTerms.length > 0) {
      filter = {};
      const self = p.requiredAffinityTerms.length > 0 && p.requiredAffinityTerms.every((t) => incomingMatches(t, p));
      for (const ni of all) {
        const l = ni.labels ?? {};
        let ok = true;
        let exist = true;
        for (const t of p.requiredAffinityTerms) {
          if (l[t.topologyKey] === undefined) ok = false;
          else if ((aff.get(`${t.topologyKey}=${l[t.topologyKey]}`) ?? 0) <= 0) exist = false;
        }
        if (ok && !exist) ok = aff.size === 0 && self;
        if (!ok) filter[ni.name] = UAU_AFF;
        else if (p.requiredAntiAffinityTerms.some((t) => l[t.topologyKey] !== undefined && (anti.get(`${t.topologyKey}=${l[t.topologyKey]}`) ?? 0) > 0))
          filter[ni.name] = U_ANTI;
        else if (Object.entries(l).some(([k, v]) => (existing.get(`${k}=${v}`) ?? 0) > 0)) filter[ni.name] = U_EXISTING;
        else filter[ni.name] = 'pass';
      }
    }
    // score
    const topo = new Map<string, number>();
    let touched = false;
    const proc = (t: AffinityTerm, w: number, target: PodInfo, labels: Labels, matcher: (t: AffinityTerm, x: PodInfo) => boolean) => {
      if (matcher(t, target) && labels?.[t.topologyKey] !== undefined) {
        add(topo, labels, t.topologyKey, w);
        touched = true;
      }
    };
    const existingMatch = (t: AffinityTerm, x: PodInfo) => affinityTermMatches(t, x, own);
    for (const ni of all) {
      for (const e of ni.pods) {
        for (const t of p.preferredAffinityTerms) proc(t, t.weight, e, ni.labels, incomingMatches);
        for (const t of p.preferredAntiAffinityTerms) proc(t, -t.weight, e, ni.labels, incomingMatches);
        if (hard > 0) for (const t of e.requiredAffinityTerms) proc(t, hard, p, ni.labels, existingMatch);
        for (const t of e.preferredAffinityTerms) proc(t, t.weight, p, ni.labels, existingMatch);
        for (const t of e.preferredAntiAffinityTerms) proc(t, -t.weight, p, ni.labels, existingMatch);
      }
    }
    let score: Record<string, number> | 'skip' = 'skip';
    if (touched) {
      const raw = all.map((ni) => Object.entries(ni.labels ?? {}).reduce((s, [k, v]) => s + (topo.get(`${k}=${v}`) ?? 0), 0));
      const max = Math.max(...raw);
      const min = Math.min(...raw);
      score = {};
      all.forEach((ni, i) => ((score as Record<string, number>)[ni.name] = max - min > 0 ? Math.trunc(100 * ((raw[i] - min) / (max - min))) : 0));
    }
    return { filter, score };
  }

  it('matches a full recount after binds, deletions and relabelled nodes', () => {
    const rng = new Rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const zones = ['z1', 'z2', 'z3'];
    const snapshot = new Snapshot();
    const nodes = Array.from({ length: 10 }, (_, i) => {
      const labels: Record<string, string> = { region: i < 5 ? 'r1' : 'r2' };
      if (i % 4 !== 3) labels.zone = zones[i % 3];
      return node(`n${i}`, labels);
    });
    for (const n of nodes) snapshot.addNode(n);
    const hard = 3;
    const plugin = interPodAffinityFactory.create(
      defaultInterPodAffinityArgs({ hardPodAffinityWeight: hard }),
      makeHandle(snapshot, nsLabels),
    ) as InterPodAffinityPlugin;
    const apps = ['a', 'b', 'c'];
    const nss = ['ns1', 'ns2', 'ns3'];
    const keys = ['zone', 'region', 'kubernetes.io/hostname'];
    const randomTerm = (): PodAffinityTerm => {
      const r = rng.float();
      const extra: Partial<PodAffinityTerm> =
        r < 0.5 ? {} : r < 0.65 ? { namespaceSelector: {} } : r < 0.85 ? { namespaceSelector: { matchLabels: { team: 't1' } } } : { namespaces: [pick(nss)] };
      // one-value In selectors are indexed by label; two-value ones are not
      const selector = rng.float() < 0.8 ? sel('app', 'In', [pick(apps)]) : sel('app', 'In', [pick(apps), pick(apps)]);
      return term(selector, pick(keys), extra);
    };
    const randomPod = (name: string, nodeName?: string) => {
      let b = pod(name, nodeName, pick(nss)).label('app', pick(apps));
      const r = rng.float();
      if (r < 0.25) b = b.podAntiAffinity(randomTerm());
      else if (r < 0.35) b = b.podAffinity(randomTerm());
      else if (r < 0.5) b = b.preferredPodAffinity(1 + Math.floor(rng.float() * 100), randomTerm());
      else if (r < 0.6) b = b.preferredPodAntiAffinity(1 + Math.floor(rng.float() * 100), randomTerm());
      if (rng.float() < 0.1) b = b.podAntiAffinity(randomTerm());
      if (nodeName && rng.float() < 0.05) b = b.terminating();
      return b.obj();
    };
    const bound: PodInfo[] = [];
    let compared = 0;
    for (let round = 0; round < 200; round++) {
      const p = info(randomPod(`in-${round}`));
      const want = naive(snapshot, p, hard);
      expect(runFilter(plugin, snapshot, p)).toEqual(want.filter);
      expect(runScore(plugin, snapshot, p)).toEqual(want.score);
      if (want.filter !== 'skip' || want.score !== 'skip') compared++;
      const r = rng.float();
      if (r < 0.7) {
        const pi = info(randomPod(`b-${round}`, pick(nodes).metadata.name!));
        snapshot.addPod(pi);
        bound.push(pi);
      } else if (r < 0.9 && bound.length > 0) {
        const i = Math.floor(rng.float() * bound.length);
        snapshot.removePod(bound[i]);
        bound.splice(i, 1);
      } else {
        const n = pick(nodes);
        snapshot.updateNode({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, zone: pick(zones) } } });
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('RemovePod/AddPod on a cloned state equal a recount without/with the pod', () => {
    const rng = new Rng(5);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const snapshot = new Snapshot();
    const nodes = Array.from({ length: 6 }, (_, i) => node(`n${i}`, { zone: `z${i % 3}` }));
    for (const n of nodes) snapshot.addNode(n);
    const plugin = interPodAffinityFactory.create(defaultInterPodAffinityArgs({}), makeHandle(snapshot, nsLabels)) as InterPodAffinityPlugin;
    const pods: PodInfo[] = [];
    for (let i = 0; i < 30; i++) {
      let b = pod(`e${i}`, pick(nodes).metadata.name!, 'ns1').label('app', pick(['a', 'b']));
      if (i % 3 === 0) b = b.podAntiAffinity(term(sel('app', 'In', [pick(['a', 'b'])]), 'zone'));
      const pi = info(b.obj());
      snapshot.addPod(pi);
      pods.push(pi);
    }
    for (let round = 0; round < 20; round++) {
      const p = info(
        pod(`in${round}`, undefined, 'ns1')
          .label('app', pick(['a', 'b']))
          .podAntiAffinity(term(sel('app', 'In', [pick(['a', 'b'])]), 'zone'))
          .obj(),
      );
      const state = new CycleState();
      runFilter(plugin, snapshot, p, state);
      const victim = pick(pods);
      const nodeInfo = snapshot.nodeOfPod(victim.key)!;
      const copy = state.clone();
      plugin.removePod(copy, p, victim, nodeInfo);
      const got = filterAll(plugin, snapshot, p, copy);
      snapshot.removePod(victim);
      const want = naive(snapshot, p, 1).filter;
      snapshot.addPod(victim);
      expect(got).toEqual(want);
      plugin.addPod(copy, p, victim, nodeInfo);
      expect(filterAll(plugin, snapshot, p, copy)).toEqual(naive(snapshot, p, 1).filter);
    }
  });
});

// ---- args ----

describe('InterPodAffinityArgs', () => {
  it('defaults hardPodAffinityWeight to 1', () => {
    expect(defaultInterPodAffinityArgs(undefined)).toEqual({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
    expect(defaultInterPodAffinityArgs({ hardPodAffinityWeight: 0 }).hardPodAffinityWeight).toBe(0);
  });

  it.each([
    { w: 0, want: [] },
    { w: 100, want: [] },
    { w: -1, want: ['hardPodAffinityWeight: Invalid value: -1: not in valid range [0, 100]'] },
    { w: 101, want: ['hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]'] },
  ])('hardPodAffinityWeight $w', ({ w, want }) => {
    expect(validateInterPodAffinityArgs({ hardPodAffinityWeight: w, ignorePreferredTermsOfExistingPods: false }, '')).toEqual(want);
  });

  it('prefixes messages with the given path', () => {
    expect(validateInterPodAffinityArgs({ hardPodAffinityWeight: 200, ignorePreferredTermsOfExistingPods: false }, 'profiles[0].pluginConfig[1].args')).toEqual([
      'profiles[0].pluginConfig[1].args.hardPodAffinityWeight: Invalid value: 200: not in valid range [0, 100]',
    ]);
  });
});
