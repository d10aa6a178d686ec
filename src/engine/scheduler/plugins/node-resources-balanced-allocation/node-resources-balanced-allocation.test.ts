import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { Code } from '../../framework/status';
import { makeNode, makePod, type NodeBuilder, type PodBuilder } from '../../../testing/builders';
import type { NodeResourcesBalancedAllocationPlugin } from './node-resources-balanced-allocation';
import {
  balanceChangeScore,
  balancedResourceScore,
  defaultBalancedAllocationArgs,
  nodeResourcesBalancedAllocationFactory,
  PRESCORE_STATE_KEY,
  validateBalancedAllocationArgs,
  type NodeResourcesBalancedAllocationArgs,
} from './node-resources-balanced-allocation';

function nodeInfo(node: NodeBuilder, ...pods: PodBuilder[]): NodeInfo {
  const ni = new NodeInfo(node.obj());
  pods.forEach((p, i) => ni.addPod(p.node(ni.name).info(i + 1)));
  return ni;
}

function plugin(args?: Partial<NodeResourcesBalancedAllocationArgs>): NodeResourcesBalancedAllocationPlugin {
  return nodeResourcesBalancedAllocationFactory.create(
    defaultBalancedAllocationArgs(args),
    undefined as never,
  ) as NodeResourcesBalancedAllocationPlugin;
}

/** PreScore then Score on every node; null when PreScore skips. */
function scores(pod: PodInfo, nodes: NodeInfo[], args?: Partial<NodeResourcesBalancedAllocationArgs>): number[] | null {
  const p = plugin(args);
  const state = new CycleState();
  const s = p.preScore(state, pod);
  if (s !== null) {
    expect(s.code).toBe(Code.Skip);
    return null;
  }
  return nodes.map((n) => p.score(state, pod, n));
}

const resources = (...names: string[]) => ({ resources: names.map((name) => ({ name, weight: 1 })) });

describe('NodeResourcesBalancedAllocation', () => {
  // Upstream's test nodes: millicores and bytes; requests 3000m / 5000 bytes.
  const node = (name: string, cpu: string, memory: string, ...pods: PodBuilder[]) => nodeInfo(makeNode(name).capacity({ cpu, memory }), ...pods);
  const cpuAndMemory = () => makePod('p').req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000' });
  const cpuOnly = () => makePod('c').req({ cpu: '1000m', memory: '0' }).req({ cpu: '2000m', memory: '0' });

  it('reference §10: 93 with the pod, 100 without, so 71; Skip for a pod without requests', () => {
    const ni = node('a', '4', '8Gi', makePod('x').req({ cpu: '1', memory: '2Gi' }));
    // With the pod 0.5 and 0.375 (93); without it 0.25 and 0.25 (100): 50 + ⌊(50 + 93 − 100) / 2⌋.
    expect(scores(makePod('p').req({ cpu: '1', memory: '1Gi' }).info(), [ni])).toEqual([71]);
    expect(scores(makePod('p').container().info(), [ni])).toBeNull();
    expect(scores(makePod('p').req({ cpu: '0', memory: '0' }).info(), [ni])).toBeNull();
  });

  it.each([
    {
      name: 'nothing scheduled, differently sized nodes: |0.75 − 0.5| / 2',
      nodes: () => [node('n1', '4000m', '10000'), node('n2', '6000m', '10000')],
      // n1: 87 with the pod, 100 without → 68; n2: 100 and 100 → 75 (balance unchanged).
      want: [68, 75],
    },
    {
      name: 'existing pods count with their real requests, not the non-zero defaults',
      nodes: () => [node('n1', '10000m', '20000', cpuOnly(), makePod('be').container()), node('n2', '10000m', '20000', cpuAndMemory())],
      // n1: 0.6 and 0.25 → 82, without the pod 0.3 and 0 → 85: 73;
      // n2: 0.6 and 0.5 → 95, without 0.3 and 0.25 → 97: 74.
      want: [73, 74],
    },
    {
      name: 'fractions are capped at 1',
      nodes: () => [node('n1', '4000m', '10000', cpuOnly(), cpuAndMemory())],
      // cpu 9000m / 4000m → 1; memory 10000 / 10000 → 1 (100); without the pod
      // 6000m / 4000m → 1 and 0.5 (75): 50 + ⌊75 / 2⌋.
      want: [87],
    },
    {
      name: 'a node with no allocatable cpu or memory has no fractions (std 0 with and without the pod)',
      nodes: () => [nodeInfo(makeNode('empty'))],
      want: [75],
    },
  ])('$name', ({ nodes, want }) => {
    expect(scores(cpuAndMemory().info(), nodes())).toEqual(want);
  });

  it('a pod requesting memory only is scored', () => {
    const ni = node('a', '4', '8Gi');
    // cpu 0, memory 0.5 → std 0.25 (75); an empty node is balanced (100): 62.
    expect(scores(makePod('p').req({ memory: '4Gi' }).info(), [ni])).toEqual([62]);
  });

  it('uses the population standard deviation over three resources', () => {
    const ni = nodeInfo(makeNode('a').capacity({ cpu: '4', memory: '8Gi', 'example.com/foo': '4' }));
    const pod = makePod('p').req({ cpu: '2', memory: '2Gi', 'example.com/foo': '3' }).info();
    // 0.5, 0.25, 0.75: std = sqrt(0.125 / 3) = 0.2041 → 79; the empty node 100: 64.
    expect(scores(pod, [ni], resources('cpu', 'memory', 'example.com/foo'))).toEqual([64]);
  });

  it('skips an extended resource the pod does not request, and one the node lacks', () => {
    const ni = nodeInfo(makeNode('a').capacity({ cpu: '4', memory: '8Gi', 'example.com/foo': '4' }), makePod('x').req({ cpu: '1', memory: '2Gi' }));
    const args = resources('cpu', 'memory', 'example.com/foo', 'example.com/bar', 'ephemeral-storage');
    expect(scores(makePod('p').req({ cpu: '1', memory: '1Gi' }).info(), [ni], args)).toEqual([71]);
    // example.com/bar requested but absent on the node: still skipped.
    expect(scores(makePod('p').req({ cpu: '1', memory: '1Gi', 'example.com/bar': '1' }).info(), [ni], args)).toEqual([71]);
  });

  it('one resource, or a best-effort pod for the configured resources', () => {
    const ni = node('a', '4', '8Gi');
    // One fraction: std 0 with and without the pod.
    expect(scores(makePod('p').req({ cpu: '3' }).info(), [ni], resources('cpu'))).toEqual([75]);
    // Requests only memory, but only cpu is configured: best effort for this plugin.
    expect(scores(makePod('p').req({ memory: '1Gi' }).info(), [ni], resources('cpu'))).toBeNull();
  });

  it('scores without PreScore state, and 0 for a best-effort pod then', () => {
    const p = plugin();
    const ni = node('a', '4', '8Gi', makePod('x').req({ cpu: '1', memory: '2Gi' }));
    expect(p.score(new CycleState(), makePod('p').req({ cpu: '1', memory: '1Gi' }).info(), ni)).toBe(71);
    expect(p.score(new CycleState(), makePod('p').container().info(), ni)).toBe(0);
  });

  it('scores the change in balance (v1.36): up to 100 for a pod that balances its node, down to 50 for one that unbalances it', () => {
    const memoryOnly = makePod('m').req({ cpu: '0', memory: '5000' }).info();
    // A node full on cpu and empty on memory (1 and 0: 50) filled on memory (1 and 1: 100), and an
    // empty node (100) left lopsided (0 and 1: 50). The old score (balance with the pod) said 100 and 50 too,
    // but a pod that keeps a lopsided node lopsided now scores 75, not 50.
    const lopsided = node('n1', '3000m', '5000', makePod('c').req({ cpu: '3000m', memory: '0' }));
    expect(scores(memoryOnly, [lopsided, node('n2', '3000m', '5000')])).toEqual([100, 50]);
    const cpuOnly1 = makePod('c1').req({ cpu: '1000m', memory: '0' }).info();
    // 1 and 0 before and after (50 and 50): unchanged, 75.
    expect(scores(cpuOnly1, [node('n3', '3000m', '5000', makePod('c').req({ cpu: '3000m', memory: '0' }))])).toEqual([75]);
  });

  it('balanceChangeScore maps the change to [50, 100], 75 for none', () => {
    expect(balanceChangeScore(100, 50)).toBe(100);
    expect(balanceChangeScore(50, 100)).toBe(50);
    expect(balanceChangeScore(80, 80)).toBe(75);
    // Go's integer division truncates: 50 + (50 + 93 − 100) / 2 = 50 + 21.
    expect(balanceChangeScore(93, 100)).toBe(71);
  });

  it('writes its state under PreScoreNodeResourcesBalancedAllocation', () => {
    const state = new CycleState();
    plugin().preScore(state, makePod('p').req({ cpu: '1' }).info());
    expect(state.tryRead(PRESCORE_STATE_KEY)).toBeDefined();
  });

  it('balancedResourceScore truncates (1 − std) × 100', () => {
    expect(balancedResourceScore([0.5, 0.375], 2)).toBe(93);
    expect(balancedResourceScore([0, 1], 2)).toBe(50);
    expect(balancedResourceScore([0.3], 1)).toBe(100);
    expect(balancedResourceScore([], 0)).toBe(100);
    expect(balancedResourceScore([0, 0, 1], 3)).toBe(Math.trunc((1 - Math.sqrt(2 / 9)) * 100));
  });
});

describe('NodeResourcesBalancedAllocationArgs', () => {
  it('defaults to cpu and memory, weight 1', () => {
    expect(defaultBalancedAllocationArgs(undefined)).toEqual(resources('cpu', 'memory'));
    expect(defaultBalancedAllocationArgs({ resources: [] })).toEqual(resources('cpu', 'memory'));
    expect(defaultBalancedAllocationArgs({ resources: [{ name: 'nvidia.com/gpu', weight: 0 }, { name: 'cpu' } as never] })).toEqual(
      resources('nvidia.com/gpu', 'cpu'),
    );
  });

  it('rejects duplicate names and weights other than 1', () => {
    const args = defaultBalancedAllocationArgs({ resources: [{ name: 'cpu', weight: 1 }, { name: 'cpu', weight: 2 }, { name: 'memory', weight: 3 }] });
    expect(validateBalancedAllocationArgs(args)).toEqual([
      'resources[1].name: Duplicate value: "cpu"',
      'resources[1].weight: Invalid value: 2: must be 1',
      'resources[2].weight: Invalid value: 3: must be 1',
    ]);
    expect(validateBalancedAllocationArgs(args, 'profiles[0].pluginConfig[0].args')[0]).toBe(
      'profiles[0].pluginConfig[0].args.resources[1].name: Duplicate value: "cpu"',
    );
    expect(() => nodeResourcesBalancedAllocationFactory.create(args, undefined as never)).toThrow(
      '[resources[1].name: Duplicate value: "cpu", resources[1].weight: Invalid value: 2: must be 1, resources[2].weight: Invalid value: 3: must be 1]',
    );
  });
});
