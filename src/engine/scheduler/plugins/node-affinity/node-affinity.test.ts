import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import { Code, type MaybeStatus } from '../../framework/status';
import type { NodeAffinity, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from '../../../model/types';
import { makeNode, makePod } from '../../../testing/builders';
import { PodInfo } from '../../framework/pod-info';
import { NodeAffinityPlugin, nodeAffinityFactory, type NodeAffinityArgs } from './node-affinity';

const REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
const REASON_CONFLICT = 'pod affinity terms conflict';

const nameIn = (...values: string[]): NodeSelectorRequirement => ({ key: 'metadata.name', operator: 'In', values });
const expr = (key: string, operator: NodeSelectorRequirement['operator'], values?: string[]): NodeSelectorRequirement =>
  values ? { key, operator, values } : { key, operator };

/** A pod with the given required node selector terms (ORed). */
function podWithTerms(terms: NodeSelectorTerm[], nodeSelector?: Record<string, string>): PodInfo {
  const b = makePod('p').container();
  if (nodeSelector) b.nodeSelector(nodeSelector);
  const pod: Pod = b.obj();
  pod.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
  return new PodInfo(pod);
}

function nodeInfo(name: string, labels: Record<string, string> = {}): NodeInfo {
  const node = makeNode(name).obj();
  node.metadata.labels = labels;
  return new NodeInfo(node);
}

function expectStatus(s: MaybeStatus, want: { code: Code; reason: string } | null): void {
  if (want === null) {
    expect(s).toBeNull();
  } else {
    expect(s?.code).toBe(want.code);
    expect(s?.reasons).toEqual([want.reason]);
  }
}

const uau = (reason: string) => ({ code: Code.UnschedulableAndUnresolvable, reason });

describe('NodeAffinity PreFilter + Filter', () => {
  const cases: {
    name: string;
    pod: PodInfo;
    node?: string;
    labels?: Record<string, string>;
    args?: NodeAffinityArgs;
    runPreFilter?: boolean;
    wantPreFilter?: { code: Code; reason?: string };
    wantNodeNames?: string[];
    want: { code: Code; reason: string } | null;
  }[] = [
    {
      name: 'nodeSelector key missing on the node',
      pod: makePod('p').container().nodeSelector({ foo: 'bar' }).info(),
      want: uau(REASON_POD),
    },
    { name: 'nodeSelector matches', pod: makePod('p').container().nodeSelector({ foo: 'bar' }).info(), labels: { foo: 'bar' }, want: null },
    {
      name: 'node labels are a superset of the nodeSelector',
      pod: makePod('p').container().nodeSelector({ foo: 'bar' }).info(),
      labels: { foo: 'bar', baz: 'blah' },
      want: null,
    },
    {
      name: 'node labels are a subset of the nodeSelector',
      pod: makePod('p').container().nodeSelector({ foo: 'bar', baz: 'blah' }).info(),
      labels: { foo: 'bar' },
      want: uau(REASON_POD),
    },
    {
      name: 'an empty nodeSelector map counts as none (protobuf drops it): Skip',
      pod: makePod('p').container().nodeSelector({}).info(),
      wantPreFilter: { code: Code.Skip },
      want: null,
    },
    { name: 'In matches', pod: podWithTerms([{ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }]), labels: { foo: 'bar' }, want: null },
    {
      name: 'Gt compares integers',
      pod: podWithTerms([{ matchExpressions: [expr('kernel-version', 'Gt', ['0204'])] }]),
      labels: { 'kernel-version': '0206' },
      want: null,
    },
    {
      name: 'Lt fails on a non-integer label',
      pod: podWithTerms([{ matchExpressions: [expr('kernel-version', 'Lt', ['10'])] }]),
      labels: { 'kernel-version': 'v2' },
      want: uau(REASON_POD),
    },
    { name: 'NotIn matches another value', pod: podWithTerms([{ matchExpressions: [expr('mem', 'NotIn', ['DDR', 'DDR2'])] }]), labels: { mem: 'DDR3' }, want: null },
    { name: 'NotIn matches a missing label', pod: podWithTerms([{ matchExpressions: [expr('mem', 'NotIn', ['DDR'])] }]), want: null },
    { name: 'Exists', pod: podWithTerms([{ matchExpressions: [expr('GPU', 'Exists')] }]), labels: { GPU: 'K1' }, want: null },
    { name: 'DoesNotExist fails when present', pod: podWithTerms([{ matchExpressions: [expr('GPU', 'DoesNotExist')] }]), labels: { GPU: 'K1' }, want: uau(REASON_POD) },
    {
      name: 'In without a matching value',
      pod: podWithTerms([{ matchExpressions: [expr('foo', 'In', ['value1', 'value2'])] }]),
      labels: { foo: 'bar' },
      want: uau(REASON_POD),
    },
    { name: 'a term with empty matchExpressions matches nothing', pod: podWithTerms([{ matchExpressions: [] }]), labels: { foo: 'bar' }, want: uau(REASON_POD) },
    { name: 'an empty term list matches nothing', pod: podWithTerms([]), labels: { foo: 'bar' }, want: uau(REASON_POD) },
    {
      name: 'no node affinity and no nodeSelector: Skip',
      pod: makePod('p').container().info(),
      wantPreFilter: { code: Code.Skip },
      want: null,
    },
    {
      name: 'affinity without a required selector: Skip',
      pod: makePod('p').container().preferredNodeAffinity(1, [expr('a', 'Exists')]).info(),
      wantPreFilter: { code: Code.Skip },
      want: null,
    },
    {
      name: 'expressions in one term are ANDed (match)',
      pod: podWithTerms([{ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] }]),
      labels: { GPU: 'NVIDIA' },
      want: null,
    },
    {
      name: 'expressions in one term are ANDed (no match)',
      pod: podWithTerms([{ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', ['AMD', 'INTER'])] }]),
      labels: { GPU: 'NVIDIA' },
      want: uau(REASON_POD),
    },
    {
      name: 'terms are ORed',
      pod: podWithTerms([{ matchExpressions: [expr('foo', 'In', ['bar'])] }, { matchExpressions: [expr('diff', 'In', ['x'])] }]),
      labels: { foo: 'bar' },
      want: null,
    },
    {
      name: 'nodeSelector and affinity both satisfied',
      pod: podWithTerms([{ matchExpressions: [expr('foo', 'Exists')] }], { foo: 'bar' }),
      labels: { foo: 'bar' },
      want: null,
    },
    {
      name: 'affinity satisfied but nodeSelector not',
      pod: podWithTerms([{ matchExpressions: [expr('foo', 'Exists')] }], { foo: 'bar' }),
      labels: { foo: 'barrrr' },
      want: uau(REASON_POD),
    },
    {
      name: 'an unparsable term matches nothing while the other terms still apply',
      pod: podWithTerms([{ matchExpressions: [expr('foo', 'Bogus' as never, ['x'])] }, { matchExpressions: [expr('foo', 'Exists')] }]),
      labels: { foo: 'bar' },
      want: null,
    },
    {
      name: 'matchFields pins the pod to node1 (on node1)',
      pod: podWithTerms([{ matchFields: [nameIn('node1')] }]),
      node: 'node1',
      wantNodeNames: ['node1'],
      want: null,
    },
    {
      name: 'matchFields pins the pod to node1 (on node2)',
      pod: podWithTerms([{ matchFields: [nameIn('node1')] }]),
      node: 'node2',
      wantNodeNames: ['node1'],
      want: uau(REASON_POD),
    },
    {
      name: 'a term without matchFields leaves every node possible',
      pod: podWithTerms([{ matchFields: [nameIn('node1')] }, { matchExpressions: [expr('foo', 'In', ['bar'])] }]),
      node: 'node2',
      labels: { foo: 'bar' },
      want: null,
    },
    {
      name: 'matchFields and matchExpressions in one term are ANDed',
      pod: podWithTerms([{ matchFields: [nameIn('node1')], matchExpressions: [expr('foo', 'In', ['bar'])] }]),
      node: 'node2',
      labels: { foo: 'bar' },
      wantNodeNames: ['node1'],
      want: uau(REASON_POD),
    },
    {
      name: 'two matchFields terms give the union',
      pod: podWithTerms([{ matchFields: [nameIn('node1')] }, { matchFields: [nameIn('node2')] }]),
      node: 'node2',
      wantNodeNames: ['node1', 'node2'],
      want: null,
    },
    {
      name: 'conflicting matchFields in one term: PreFilter rejects',
      pod: podWithTerms([{ matchFields: [nameIn('node1'), nameIn('node2')] }]),
      node: 'node2',
      wantPreFilter: { code: Code.UnschedulableAndUnresolvable, reason: REASON_CONFLICT },
      want: uau(REASON_POD),
    },
    {
      name: 'NotIn on metadata.name does not narrow the node set',
      pod: podWithTerms([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node1'] }] }]),
      node: 'node2',
      want: null,
    },
    {
      name: 'matches the added affinity and the pod affinity',
      pod: podWithTerms([{ matchExpressions: [expr('zone', 'In', ['foo'])] }]),
      node: 'node2',
      labels: { zone: 'foo' },
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [nameIn('node2')] }] } } },
      want: null,
    },
    {
      name: 'matches the added affinity but not the pod affinity',
      pod: podWithTerms([{ matchExpressions: [expr('zone', 'In', ['bar'])] }]),
      node: 'node2',
      labels: { zone: 'foo' },
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [nameIn('node2')] }] } } },
      want: uau(REASON_POD),
    },
    {
      name: 'added affinity is checked first, even for a pod without affinity',
      pod: makePod('p').container().info(),
      node: 'node2',
      labels: { zone: 'foo' },
      args: {
        addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'In', ['bar'])] }] } },
      },
      want: uau(REASON_ENFORCED),
    },
    {
      name: 'added affinity failure wins over the pod affinity failure',
      pod: podWithTerms([{ matchExpressions: [expr('zone', 'In', ['baz'])] }]),
      labels: { zone: 'foo' },
      args: {
        addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'In', ['bar'])] }] } },
      },
      want: uau(REASON_ENFORCED),
    },
    {
      name: 'nodeSelector works without PreFilter',
      pod: makePod('p').container().nodeSelector({ foo: 'bar' }).info(),
      labels: { foo: 'bar', baz: 'blah' },
      runPreFilter: false,
      want: null,
    },
    {
      name: 'node affinity works without PreFilter',
      pod: podWithTerms([{ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD'])] }]),
      labels: { GPU: 'AMD' },
      runPreFilter: false,
      want: uau(REASON_POD),
    },
  ];

  it.each(cases)('$name', ({ pod, node, labels, args, runPreFilter, wantPreFilter, wantNodeNames, want }) => {
    const pl = nodeAffinityFactory.create(args ?? {}, {} as never);
    const state = new CycleState();
    const ni = nodeInfo(node ?? 'node1', labels);
    if (runPreFilter !== false) {
      const out = pl.preFilter!(state, pod, [ni]);
      if (wantPreFilter) {
        expect(out.status?.code).toBe(wantPreFilter.code);
        if (wantPreFilter.reason) expect(out.status?.reasons).toEqual([wantPreFilter.reason]);
      } else {
        expect(out.status).toBeNull();
      }
      expect(out.nodeNames ? [...out.nodeNames].sort() : undefined).toEqual(wantNodeNames);
    }
    expectStatus(pl.filter!(state, pod, ni), want);
  });

  it('writes its PreFilter state under PreFilterNodeAffinity, and clones share it', () => {
    const pl = new NodeAffinityPlugin({});
    const state = new CycleState();
    pl.preFilter(state, makePod('p').container().nodeSelector({ a: 'b' }).info(), []);
    const data = state.read('PreFilterNodeAffinity');
    expect(data.clone()).toBe(data);
    expect(pl.preFilterExtensions()).toBeNull();
  });
});

describe('NodeAffinity Score (after NormalizeScore)', () => {
  const pref = (weight: number, ...reqs: NodeSelectorRequirement[]): PreferredSchedulingTerm => ({
    weight,
    preference: { matchExpressions: reqs },
  });
  const fooBar = expr('foo', 'In', ['bar']);
  const keyValue = expr('key', 'In', ['value']);
  const azOne = expr('az', 'In', ['az1']);
  const podPreferring = (...terms: PreferredSchedulingTerm[]): PodInfo => {
    const pod = makePod('p').container().obj();
    pod.spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } };
    return new PodInfo(pod);
  };
  const l1 = { foo: 'bar' };
  const l2 = { key: 'value' };
  const l3 = { az: 'az1' };
  const l5 = { foo: 'bar', key: 'value', az: 'az1' };

  const cases: {
    name: string;
    pod: PodInfo;
    nodes: Record<string, string>[];
    args?: NodeAffinityArgs;
    runPreScore?: boolean;
    skip?: boolean;
    want: number[];
  }[] = [
    { name: 'no node affinity: Skip, all zero', pod: makePod('p').container().info(), nodes: [l1, l2, l3], skip: true, want: [0, 0, 0] },
    { name: 'no node matches: all zero', pod: podPreferring(pref(2, fooBar)), nodes: [{ abc: 'x' }, l2, l3], want: [0, 0, 0] },
    { name: 'only the first node matches', pod: podPreferring(pref(2, fooBar)), nodes: [l1, l2, l3], want: [100, 0, 0] },
    {
      name: 'different weights normalised to the best node',
      pod: podPreferring(pref(2, fooBar), pref(4, keyValue), pref(5, fooBar, keyValue, azOne)),
      nodes: [l1, l5, l2],
      want: [18, 100, 36],
    },
    {
      name: 'added preferred affinity alone',
      pod: makePod('p').container().info(),
      nodes: [l1, l2],
      args: { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(2, fooBar)] } },
      want: [100, 0],
    },
    {
      name: 'added preferred affinity adds to the pod terms',
      pod: podPreferring(pref(2, fooBar)),
      nodes: [l1, l2, l5],
      args: { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(3, keyValue)] } },
      want: [40, 60, 100],
    },
    {
      name: 'correct without PreScore',
      pod: podPreferring(pref(2, fooBar), pref(4, keyValue), pref(5, fooBar, keyValue, azOne)),
      nodes: [l1, l5, l2],
      runPreScore: false,
      want: [18, 100, 36],
    },
    {
      name: 'weight-0 and empty terms count for nothing',
      pod: podPreferring(pref(0, fooBar), { weight: 50, preference: {} }, pref(1, keyValue)),
      nodes: [l1, l2],
      want: [0, 100],
    },
    {
      name: 'an empty preferred list counts as none (protobuf drops it): Skip',
      pod: podPreferring(),
      nodes: [l1, l2],
      skip: true,
      want: [0, 0],
    },
    {
      name: 'matchFields in a preferred term',
      pod: podPreferring({ weight: 10, preference: { matchFields: [nameIn('node1')] } }),
      nodes: [l1, l1],
      want: [0, 100],
    },
  ];

  it.each(cases)('$name', ({ pod, nodes, args, runPreScore, skip, want }) => {
    const pl = nodeAffinityFactory.create(args ?? {}, {} as never) as NodeAffinityPlugin;
    const state = new CycleState();
    const infos = nodes.map((labels, i) => nodeInfo(`node${i}`, labels));
    if (runPreScore !== false) {
      const s = pl.preScore(state, pod, infos);
      if (skip) {
        expect(s?.code).toBe(Code.Skip);
      } else {
        expect(s).toBeNull();
      }
    }
    const scores = infos.map((n) => pl.score(state, pod, n));
    expect(pl.scoreExtensions().normalizeScore(state, pod, infos, scores)).toBeNull();
    expect(scores).toEqual(want);
  });

  it('PreScore reports a preferred term that does not parse', () => {
    const pl = new NodeAffinityPlugin({});
    const s = pl.preScore(new CycleState(), podPreferring(pref(1, fooBar), pref(2, expr('a', 'Bogus' as never, ['x']))), []);
    expect(s?.code).toBe(Code.Error);
    expect(s?.message()).toBe('[1].matchExpressions[0].operator: Unsupported value: "Bogus"');
  });

  it('raw scores are the summed weights', () => {
    const pl = new NodeAffinityPlugin({});
    const state = new CycleState();
    const pod = podPreferring(pref(2, fooBar), pref(4, keyValue), pref(5, fooBar, keyValue, azOne));
    pl.preScore(state, pod, []);
    expect([l1, l5, l2, {}].map((l, i) => pl.score(state, pod, nodeInfo(`n${i}`, l)))).toEqual([2, 11, 4, 0]);
  });
});

describe('NodeAffinity args', () => {
  const bad: NodeAffinity = {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'In', ['a'])] }, { matchExpressions: [expr('zone', 'Bogus' as never, ['a'])] }],
    },
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 0, preference: { matchExpressions: [expr('x', 'Bogus' as never)] } },
      { weight: 5, preference: { matchExpressions: [expr('x', 'Exists', ['v'])] } },
    ],
  };

  const cases: { name: string; args: NodeAffinityArgs; path: string; want: string[] }[] = [
    { name: 'no added affinity', args: {}, path: '', want: [] },
    { name: 'null added affinity', args: { addedAffinity: null }, path: '', want: [] },
    {
      name: 'valid added affinity',
      args: {
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'In', ['a'])] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, preference: { matchFields: [nameIn('n1')] } }],
        },
      },
      path: '',
      want: [],
    },
    {
      name: 'errors name the field path; weight-0 terms are not parsed',
      args: { addedAffinity: bad },
      path: '',
      want: [
        'addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1].matchExpressions[0].operator: Unsupported value: "Bogus"',
        "addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[1].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ],
    },
    {
      name: 'errors are prefixed with the given path',
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: bad.requiredDuringSchedulingIgnoredDuringExecution } },
      path: 'profiles[0].pluginConfig[1].args',
      want: [
        'profiles[0].pluginConfig[1].args.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1].matchExpressions[0].operator: Unsupported value: "Bogus"',
      ],
    },
  ];
  it.each(cases)('$name', ({ args, path, want }) => {
    expect(nodeAffinityFactory.validateArgs!(args, path)).toEqual(want);
  });

  it('has no defaults to fill in', () => {
    expect(nodeAffinityFactory.defaultArgs!(undefined)).toEqual({});
    const added: NodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [] };
    expect(nodeAffinityFactory.defaultArgs!({ addedAffinity: added })).toEqual({ addedAffinity: added });
  });

  it('creating the plugin with unparsable added affinity fails', () => {
    expect(() => nodeAffinityFactory.create({ addedAffinity: bad }, {} as never)).toThrow(
      /^parsing addedAffinity\.requiredDuringSchedulingIgnoredDuringExecution: nodeSelectorTerms\[1\]/,
    );
  });

  it('an empty added required selector rejects every node', () => {
    const pl = new NodeAffinityPlugin({ addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } });
    const state = new CycleState();
    const pod = makePod('p').container().info();
    expect(pl.preFilter(state, pod, []).status).toBeNull();
    expectStatus(pl.filter(state, pod, nodeInfo('n1')), uau(REASON_ENFORCED));
  });
});
