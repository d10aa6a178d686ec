import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { Code, type MaybeStatus } from '../../framework/status';
import type { Node } from '../../../model/types';
import { makeNode, makePod, type NodeBuilder, type PodBuilder } from '../../../testing/builders';
import { defaultNodeResourcesFitArgs, validateNodeResourcesFitArgs, type NodeResourcesFitArgs } from './args';
import type { NodeResourcesFitPlugin } from './node-resources-fit';
import {
  fits,
  nodeResourcesFitFactory,
  PREFILTER_STATE_KEY,
  REASON_INSUFFICIENT_CPU,
  REASON_INSUFFICIENT_EPHEMERAL_STORAGE,
  REASON_INSUFFICIENT_MEMORY,
  REASON_TOO_MANY_PODS,
} from './node-resources-fit';
import { isExtendedResourceName, isScalarResourceName, scale100 } from '../helpers/resource-allocation';
import { brokenLinear } from './scoring';

const Mi = 1024 * 1024;

function nodeInfo(node: NodeBuilder | Node, ...pods: PodBuilder[]): NodeInfo {
  const ni = new NodeInfo('obj' in node ? (node as NodeBuilder).obj() : node);
  pods.forEach((p, i) => ni.addPod(p.node(ni.name).info(i + 1)));
  return ni;
}

function plugin(args?: Partial<NodeResourcesFitArgs>): NodeResourcesFitPlugin {
  return nodeResourcesFitFactory.create(defaultNodeResourcesFitArgs(args), undefined as never) as NodeResourcesFitPlugin;
}

function filter(pod: PodBuilder, ni: NodeInfo, args?: Partial<NodeResourcesFitArgs>): MaybeStatus {
  const p = plugin(args);
  const info = pod.info();
  const state = new CycleState();
  expect(p.preFilter(state, info).status).toBeNull();
  return p.filter(state, info, ni);
}

function scores(pod: PodInfo, nodes: NodeInfo[], args?: Partial<NodeResourcesFitArgs>): number[] {
  const p = plugin(args);
  const state = new CycleState();
  expect(p.preScore(state, pod)).toBeNull();
  return nodes.map((n) => p.score(state, pod, n));
}

const outcome = (s: MaybeStatus) => (s === null ? 'Success' : { code: Code[s.code], reasons: s.reasons });
const U = (...reasons: string[]) => ({ code: 'Unschedulable', reasons });
const UAU = (...reasons: string[]) => ({ code: 'UnschedulableAndUnresolvable', reasons });

describe('NodeResourcesFit Filter', () => {
  const node4c8g = () => makeNode('n1').capacity({ cpu: '4', memory: '8Gi' });
  const cases: { name: string; pod: PodBuilder; node: () => NodeInfo; args?: Partial<NodeResourcesFitArgs>; want: unknown }[] = [
    {
      name: 'fits (reference §10)',
      pod: makePod('p').req({ cpu: '1', memory: '1Gi' }),
      node: () => nodeInfo(node4c8g(), makePod('a').req({ cpu: '1', memory: '2Gi' })),
      want: 'Success',
    },
    {
      name: 'request equal to what is free fits',
      pod: makePod('p').req({ cpu: '3', memory: '6Gi' }),
      node: () => nodeInfo(node4c8g(), makePod('a').req({ cpu: '1', memory: '2Gi' })),
      want: 'Success',
    },
    {
      name: 'insufficient cpu, resolvable by preemption',
      pod: makePod('p').req({ cpu: '2' }),
      node: () => nodeInfo(node4c8g(), makePod('a').req({ cpu: '3' })),
      want: U(REASON_INSUFFICIENT_CPU),
    },
    {
      name: 'cpu and memory both short, reported in order',
      pod: makePod('p').req({ memory: '7Gi', cpu: '2' }),
      node: () => nodeInfo(node4c8g(), makePod('a').req({ cpu: '3', memory: '2Gi' })),
      want: U(REASON_INSUFFICIENT_CPU, REASON_INSUFFICIENT_MEMORY),
    },
    {
      name: 'request larger than the whole allocatable is unresolvable',
      pod: makePod('p').req({ cpu: '5' }),
      node: () => nodeInfo(node4c8g()),
      want: UAU(REASON_INSUFFICIENT_CPU),
    },
    {
      name: 'one unresolvable reason makes the whole status unresolvable',
      pod: makePod('p').req({ cpu: '2', memory: '9Gi' }),
      node: () => nodeInfo(node4c8g(), makePod('a').req({ cpu: '3' })),
      want: UAU(REASON_INSUFFICIENT_CPU, REASON_INSUFFICIENT_MEMORY),
    },
    {
      name: 'too many pods, even for a best-effort pod',
      pod: makePod('p').container(),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '4', pods: '1' }), makePod('a').container()),
      want: U(REASON_TOO_MANY_PODS),
    },
    {
      name: 'too many pods comes first and never makes the status unresolvable',
      pod: makePod('p').req({ cpu: '2' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '4', pods: '1' }), makePod('a').req({ cpu: '3' })),
      want: U(REASON_TOO_MANY_PODS, REASON_INSUFFICIENT_CPU),
    },
    {
      name: 'a node without allocatable pods admits no pod',
      pod: makePod('p').req({ cpu: '1' }),
      node: () => nodeInfo({ metadata: { name: 'bare' }, status: { allocatable: { cpu: '4' } } }),
      want: U(REASON_TOO_MANY_PODS),
    },
    {
      name: 'ephemeral-storage',
      pod: makePod('p').req({ 'ephemeral-storage': '10Gi' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '4', 'ephemeral-storage': '20Gi' }), makePod('a').req({ 'ephemeral-storage': '15Gi' })),
      want: U(REASON_INSUFFICIENT_EPHEMERAL_STORAGE),
    },
    {
      name: 'extended resource short on the node',
      pod: makePod('p').req({ 'nvidia.com/gpu': '2' }),
      node: () => nodeInfo(makeNode('n1').capacity({ 'nvidia.com/gpu': '4' }), makePod('a').req({ 'nvidia.com/gpu': '3' })),
      want: U('Insufficient nvidia.com/gpu'),
    },
    {
      name: 'extended resource the node does not have at all',
      pod: makePod('p').req({ cpu: '1', 'example.com/foo': '1' }),
      node: () => nodeInfo(node4c8g()),
      want: UAU('Insufficient example.com/foo'),
    },
    {
      name: 'scalar reasons follow cpu and memory',
      pod: makePod('p').req({ 'hugepages-2Mi': '4Mi', cpu: '5' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '4', 'hugepages-2Mi': '2Mi' })),
      want: UAU(REASON_INSUFFICIENT_CPU, 'Insufficient hugepages-2Mi'),
    },
    {
      name: 'a zero request for a missing extended resource is not checked',
      pod: makePod('p').req({ cpu: '1', 'example.com/foo': '0' }),
      node: () => nodeInfo(node4c8g()),
      want: 'Success',
    },
    {
      name: 'ignoredResources skips an extended resource',
      pod: makePod('p').req({ cpu: '1', 'example.com/foo': '1' }),
      node: () => nodeInfo(node4c8g()),
      args: { ignoredResources: ['example.com/foo'] },
      want: 'Success',
    },
    {
      name: 'ignoredResourceGroups skips every resource of the group',
      pod: makePod('p').req({ 'example.com/foo': '1', 'example.com/bar': '1', 'other.io/baz': '1' }),
      node: () => nodeInfo(node4c8g()),
      args: { ignoredResourceGroups: ['example.com'] },
      want: UAU('Insufficient other.io/baz'),
    },
    {
      name: 'ignoredResources does not apply to hugepages (not an extended resource)',
      pod: makePod('p').req({ 'hugepages-2Mi': '4Mi' }),
      node: () => nodeInfo(node4c8g()),
      args: { ignoredResources: ['hugepages-2Mi'] },
      want: UAU('Insufficient hugepages-2Mi'),
    },
    {
      name: 'init container larger than the containers sets the request',
      pod: makePod('p').initReq({ cpu: '3' }).req({ cpu: '1' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '2' })),
      want: UAU(REASON_INSUFFICIENT_CPU),
    },
    {
      name: 'init containers do not add up',
      pod: makePod('p').initReq({ cpu: '2' }).initReq({ cpu: '2' }).req({ cpu: '1' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '2' })),
      want: 'Success',
    },
    {
      name: 'a sidecar adds to the containers',
      pod: makePod('p').initReq({ cpu: '1' }, true).req({ cpu: '1' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '2' }), makePod('a').req({ cpu: '500m' })),
      want: U(REASON_INSUFFICIENT_CPU),
    },
    {
      name: 'an init container after a sidecar runs beside it',
      pod: makePod('p').initReq({ cpu: '1' }, true).initReq({ cpu: '2' }).req({ cpu: '1' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '3' })),
      want: 'Success',
    },
    {
      name: 'an init container after a sidecar, one millicore too many',
      pod: makePod('p').initReq({ cpu: '1' }, true).initReq({ cpu: '2001m' }).req({ cpu: '1' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '3' })),
      want: UAU(REASON_INSUFFICIENT_CPU),
    },
    {
      name: 'pod overhead counts',
      pod: makePod('p').req({ cpu: '1' }).overhead({ cpu: '250m' }),
      node: () => nodeInfo(makeNode('n1').capacity({ cpu: '2' }), makePod('a').req({ cpu: '1' })),
      want: U(REASON_INSUFFICIENT_CPU),
    },
  ];
  it.each(cases)('$name', ({ pod, node, args, want }) => {
    expect(outcome(filter(pod, node(), args))).toEqual(want);
  });

  it('writes its state under PreFilterNodeResourcesFit and needs it', () => {
    const p = plugin();
    const pod = makePod('p').req({ cpu: '1' }).info();
    const state = new CycleState();
    p.preFilter(state, pod);
    expect(state.tryRead(PREFILTER_STATE_KEY)).toBeDefined();
    expect(() => p.filter(new CycleState(), pod, nodeInfo(makeNode('n')))).toThrow(/PreFilterNodeResourcesFit/);
  });

  it('fits() reports requested, used and capacity', () => {
    const ni = nodeInfo(makeNode('n1').capacity({ cpu: '4', pods: '1' }), makePod('a').req({ cpu: '3' }));
    expect(fits(makePod('p').req({ cpu: '2' }).info(), ni)).toEqual([
      { resourceName: 'pods', reason: REASON_TOO_MANY_PODS, requested: 1, used: 1, capacity: 1, unresolvable: false },
      { resourceName: 'cpu', reason: REASON_INSUFFICIENT_CPU, requested: 2000, used: 3000, capacity: 4000, unresolvable: false },
    ]);
  });
});

describe('NodeResourcesFit Score', () => {
  // Upstream's test nodes: cpu in whole cores, memory in bytes.
  const big = (name: string, cpu: string, memory = '10000') => nodeInfo(makeNode(name).capacity({ cpu, memory }));
  const pod3000 = () => makePod('p').req({ cpu: '1000', memory: '2000' }).req({ cpu: '2000', memory: '3000' }).info();

  it('reference §10: LeastAllocated 56, and 72 for a pod without requests', () => {
    const ni = () => nodeInfo(makeNode('a').capacity({ cpu: '4', memory: '8Gi' }), makePod('x').req({ cpu: '1', memory: '2Gi' }));
    expect(scores(makePod('p').req({ cpu: '1', memory: '1Gi' }).info(), [ni()])).toEqual([56]);
    expect(scores(makePod('p').container().info(), [ni()])).toEqual([72]);
  });

  it('LeastAllocated counts existing best-effort pods at their non-zero defaults', () => {
    // 2 × 100m on 4 cores and 2 × 200Mi on 1000Mi, plus the pod's 1 core / 300Mi.
    const ni = nodeInfo(makeNode('a').capacity({ cpu: '4', memory: `${1000 * Mi}` }), makePod('x').container(), makePod('y').container());
    expect(scores(makePod('p').req({ cpu: '1', memory: '300Mi' }).info(), [ni])).toEqual([Math.floor((70 + 30) / 2)]);
  });

  it.each([
    { name: 'LeastAllocated', args: {}, want: [37, 50] },
    { name: 'LeastAllocated, cpu weighs double', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 2 }, { name: 'memory', weight: 1 }] } }, want: [33, 50] },
    { name: 'MostAllocated', args: { scoringStrategy: { type: 'MostAllocated', resources: [] } }, want: [62, 50] },
  ])('$name on differently sized nodes', ({ args, want }) => {
    expect(scores(pod3000(), [big('n1', '4000'), big('n2', '6000')], args as Partial<NodeResourcesFitArgs>)).toEqual(want);
  });

  it('over capacity: LeastAllocated scores the resource 0, MostAllocated 100', () => {
    const pod = makePod('p').req({ cpu: '5000', memory: '5000' }).info();
    expect(scores(pod, [big('n1', '4000')])).toEqual([25]);
    expect(scores(pod, [big('n1', '4000')], { scoringStrategy: { type: 'MostAllocated', resources: [] } })).toEqual([75]);
  });

  it('MostAllocated with the non-zero defaults of a best-effort pod', () => {
    const ni = nodeInfo(makeNode('a').capacity({ cpu: '4', memory: '8Gi' }));
    expect(scores(makePod('p').container().info(), [ni], { scoringStrategy: { type: 'MostAllocated', resources: [] } })).toEqual([2]);
  });

  describe('RequestedToCapacityRatio', () => {
    const rtcr = (shape: { utilization: number; score: number }[], resources: { name: string; weight: number }[]) => ({
      scoringStrategy: { type: 'RequestedToCapacityRatio', resources, requestedToCapacityRatio: { shape } },
    });
    const spread = rtcr([{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }], [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }]);

    it('a falling shape rounds the weighted mean (37.5 → 38)', () => {
      expect(scores(pod3000(), [big('n1', '4000'), big('n2', '6000')], spread)).toEqual([38, 50]);
    });

    it('resources that score 0 drop out of the mean', () => {
      // memory: 3 × 200Mi against 10000 bytes is full (score 0); cpu is nearly empty (score 100).
      const ni = nodeInfo(makeNode('n1').capacity({ cpu: '4000', memory: '10000' }), makePod('a').container(), makePod('b').container());
      expect(scores(makePod('p').container().info(), [ni], spread)).toEqual([100]);
    });

    const binpack = rtcr([{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }], [{ name: 'intel.com/foo', weight: 1 }]);
    const gpuNode = (name: string, foo: string) => nodeInfo(makeNode(name).capacity({ cpu: '4000', memory: `${10000 * Mi}`, 'intel.com/foo': foo }));

    it('bin packing one extended resource', () => {
      expect(scores(makePod('p').req({ 'intel.com/foo': '2' }).info(), [gpuNode('n1', '8'), gpuNode('n2', '4')], binpack)).toEqual([2, 5]);
    });

    it('an extended resource the pod does not request is skipped (score 0 overall)', () => {
      expect(scores(makePod('p').container().info(), [gpuNode('n1', '8')], binpack)).toEqual([0]);
    });

    it('bin packing two weighted extended resources', () => {
      const args = rtcr([{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }], [
        { name: 'intel.com/foo', weight: 3 },
        { name: 'intel.com/bar', weight: 5 },
      ]);
      const n = (name: string, foo: string, bar: string) => nodeInfo(makeNode(name).capacity({ 'intel.com/foo': foo, 'intel.com/bar': bar }));
      const pod = makePod('p').req({ 'intel.com/foo': '2', 'intel.com/bar': '2' }).info();
      // n1: foo 25% → 2, bar 50% → 5: (6 + 25) / 8 = 3.875 → 4. n2: (15 + 10) / 8 = 3.125 → 3.
      expect(scores(pod, [n('n1', '8', '4'), n('n2', '4', '8')], args)).toEqual([4, 3]);
    });
  });

  it('skips extended resources the pod does not request and resources the node lacks', () => {
    const ni = () => nodeInfo(makeNode('a').capacity({ cpu: '4', memory: '8Gi', 'nvidia.com/gpu': '8' }), makePod('x').req({ cpu: '1', memory: '2Gi' }));
    const args = {
      scoringStrategy: {
        type: 'LeastAllocated',
        resources: ['cpu', 'memory', 'nvidia.com/gpu', 'hugepages-2Mi', 'ephemeral-storage', 'pods'].map((name) => ({ name, weight: 1 })),
      },
    };
    expect(scores(makePod('p').req({ cpu: '1', memory: '1Gi' }).info(), [ni()], args)).toEqual([56]);
    // Requested, the gpu counts: (50 + 62 + 87) / 3 = 66.
    expect(scores(makePod('p').req({ cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1' }).info(), [ni()], args)).toEqual([66]);
  });

  it('scores the same without PreScore state', () => {
    const p = plugin();
    const pod = makePod('p').req({ cpu: '1', memory: '1Gi' }).info();
    const ni = nodeInfo(makeNode('a').capacity({ cpu: '4', memory: '8Gi' }), makePod('x').req({ cpu: '1', memory: '2Gi' }));
    expect(p.score(new CycleState(), pod, ni)).toBe(56);
  });

  it('stays exact past 2^53', () => {
    const ni = nodeInfo(makeNode('huge').capacity({ cpu: '4', memory: '6711322456421901' }));
    const pod = makePod('p').req({ cpu: '2', memory: '2416076084311884' }).info();
    // memory: MostAllocated 2416076084311884 × 100 / 6711322456421901 = 35 (a float division gives 36).
    expect(scores(pod, [ni], { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'memory', weight: 1 }] } })).toEqual([35]);
  });
});

describe('integer helpers', () => {
  it.each([
    [0, 7, 0],
    [1, 3, 33],
    [2, 3, 66],
    [4000, 4000, 100],
    [2416076084311884, 6711322456421901, 35],
    [2009750105146460, 5911029721019001, 33],
    [2 ** 60, 2 ** 61, 50],
  ])('scale100(%d, %d) = %d', (a, c, want) => {
    expect(scale100(a, c)).toBe(want);
  });

  it('brokenLinear interpolates with truncation and clamps at both ends', () => {
    const u = Float64Array.of(10, 90);
    const s = Float64Array.of(10, 90);
    expect([-10, 0, 10, 15, 19, 20, 89, 90, 100].map((p) => brokenLinear(u, s, p))).toEqual([10, 10, 10, 15, 19, 20, 89, 90, 90]);
    const down = [Float64Array.of(0, 40, 100), Float64Array.of(20, 100, 0)] as const;
    expect([0, 20, 30, 40, 70, 99, 100, 110].map((p) => brokenLinear(down[0], down[1], p))).toEqual([20, 60, 80, 100, 50, 2, 0, 0]);
  });

  it('classifies resource names as upstream', () => {
    expect(['nvidia.com/gpu', 'example.com/foo', 'kubernetes.io/foo', 'requests.example.com/x', 'cpu', 'Example.com/x'].map(isExtendedResourceName)).toEqual([
      true, true, false, false, false, false,
    ]);
    expect(['hugepages-1Gi', 'attachable-volumes-csi-x', 'kubernetes.io/batch-cpu', 'nvidia.com/gpu', 'pods', 'foo'].map(isScalarResourceName)).toEqual([
      true, true, true, true, false, false,
    ]);
  });
});

describe('NodeResourcesFitArgs', () => {
  it('defaults to LeastAllocated over cpu and memory', () => {
    expect(defaultNodeResourcesFitArgs(undefined)).toEqual({
      ignoredResources: [],
      ignoredResourceGroups: [],
      scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
    });
  });

  it('fills resources and zero weights but not the type of a given strategy', () => {
    expect(defaultNodeResourcesFitArgs({ scoringStrategy: { type: 'MostAllocated', resources: [] } }).scoringStrategy.resources).toEqual([
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ]);
    const a = defaultNodeResourcesFitArgs({ scoringStrategy: { resources: [{ name: 'cpu', weight: 0 }, { name: 'nvidia.com/gpu' }] } } as never);
    expect(a.scoringStrategy).toEqual({ type: '', resources: [{ name: 'cpu', weight: 1 }, { name: 'nvidia.com/gpu', weight: 1 }] });
    expect(validateNodeResourcesFitArgs(a)).toEqual([
      'scoringStrategy.type: Unsupported value: "": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
    ]);
  });

  const validate = (args: unknown, path = '') => validateNodeResourcesFitArgs(defaultNodeResourcesFitArgs(args as never), path);

  it.each([
    { name: 'defaults are valid', args: undefined, want: [] },
    {
      name: 'duplicate resource names are accepted, as upstream',
      args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'cpu', weight: 2 }] } },
      want: [],
    },
    {
      name: 'unsupported type',
      args: { scoringStrategy: { type: 'Foo', resources: [] } },
      want: ['scoringStrategy.type: Unsupported value: "Foo": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"'],
    },
    {
      name: 'weights out of (0, 100]',
      args: { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 101 }, { name: 'memory', weight: -1 }] } },
      want: [
        'scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]',
        'scoringStrategy.resources[1].weight: Invalid value: -1: resource weight of memory not in valid range (0, 100]',
      ],
    },
    {
      name: 'shape not increasing and out of range',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          resources: [],
          requestedToCapacityRatio: { shape: [{ utilization: 50, score: 11 }, { utilization: 50, score: 1 }, { utilization: 101, score: -1 }] },
        },
      },
      want: [
        'scoringStrategy.shape[1].utilization: Invalid value: 50: values must be sorted in increasing order',
        'scoringStrategy.shape[0].score: Invalid value: 11: not in valid range [0, 10]',
        'scoringStrategy.shape[2].utilization: Invalid value: 101: not in valid range [0, 100]',
        'scoringStrategy.shape[2].score: Invalid value: -1: not in valid range [0, 10]',
      ],
    },
    {
      name: 'empty shape',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio', resources: [], requestedToCapacityRatio: { shape: [] } } },
      want: ['scoringStrategy.shape: Required value: at least one point must be specified'],
    },
    {
      name: 'RequestedToCapacityRatio without its parameters',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio', resources: [] } },
      want: ['scoringStrategy.shape: Required value: at least one point must be specified'],
    },
    {
      name: 'ignored resources must be qualified names',
      args: { ignoredResources: ['example.com/foo', 'a/b/c', '-bad'] },
      want: [
        'ignoredResources[1]: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\') with an optional DNS subdomain prefix and \'/\' (e.g. \'example.com/MyName\')',
        'ignoredResources[2]: Invalid value: "-bad": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
      ],
    },
    {
      name: 'ignored resource groups cannot contain a slash',
      args: { ignoredResourceGroups: ['example.com', 'example.com/foo', 'Bad.Com/x'] },
      want: [
        'ignoredResourceGroups[1]: Invalid value: "example.com/foo": resource group name can\'t contain \'/\'',
        'ignoredResourceGroups[2]: Invalid value: "Bad.Com/x": resource group name can\'t contain \'/\'',
        'ignoredResourceGroups[2]: Invalid value: "Bad.Com/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
      ],
    },
  ])('$name', ({ args, want }) => {
    expect(validate(args)).toEqual(want);
  });

  it('prefixes field paths', () => {
    expect(validate({ scoringStrategy: { type: 'X', resources: [] } }, 'profiles[0].pluginConfig[2].args')).toEqual([
      'profiles[0].pluginConfig[2].args.scoringStrategy.type: Unsupported value: "X": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
    ]);
  });

  it('create rejects invalid args with the aggregated message', () => {
    const args = defaultNodeResourcesFitArgs({ scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 200 }] } });
    expect(() => nodeResourcesFitFactory.create(args, undefined as never)).toThrow(
      'scoringStrategy.resources[0].weight: Invalid value: 200: resource weight of cpu not in valid range (0, 100]',
    );
  });
});
