/**
 * Proof that the fused Filter and Score kernels decide exactly as the
 * plugin-by-plugin passes they replace: random clusters are scheduled by two
 * untraced schedulers in lockstep, one with the kernels and one running every
 * plugin's per-node filter / score (the reference, no batch paths), and
 * every cycle must agree on the node, the message, the statuses (and their
 * order), the plugins that rejected, every plugin's normalized scores, the
 * totals and the start index. A third scheduler runs the kernels keeping only
 * the totals (as untraced cycles do by default: `keepScores` false) and must
 * agree on all but the per-plugin scores, which it does not return. The clusters lean on what sends a node down the
 * kernels' per-plugin paths (cordons, hard and PreferNoSchedule taints the pod
 * may tolerate, full nodes, nodes without cpu or memory, held images) and on
 * what makes them decline (scalar requests, other strategies, extra plugins),
 * and on PodTopologySpread scored inside the Score kernel: pods with their own
 * spread constraints, or owned by a ReplicaSet (the system default
 * constraints), on nodes with and without a zone, and on InterPodAffinity
 * (pods with preferred pod affinity or anti-affinity).
 * Counters check that both the kernels and the fallbacks really ran.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, ResourceList, Taint, Toleration, TopologySpreadConstraint } from '../../model/types';
import { Rng } from '../../random/rng';
import { StaticCluster } from '../batch';
import { resolveConfig } from '../framework/config';
import { inTreeRegistry } from '../plugins/registry';
import { Scheduler, type CycleResult } from '../schedule-one';
import type { FusedFilter } from './filter-kernel';
import type { FusedScore } from './score-kernel';

/** The kernels the scheduler installs (schedule-one.ts), with their run counters. */
type DefaultFusedPasses = { filterKernel: FusedFilter; scoreKernel: FusedScore };

const taint: fc.Arbitrary<Taint> = fc.record({
  key: fc.constantFrom('a', 'b'),
  value: fc.constantFrom('x', ''),
  effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule', 'PreferNoSchedule') as fc.Arbitrary<Taint['effect']>,
});

const toleration: fc.Arbitrary<Toleration> = fc.oneof(
  fc.constant<Toleration>({ operator: 'Exists' }),
  fc.constant<Toleration>({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }),
  fc.record({
    key: fc.constantFrom('a', 'b'),
    operator: fc.constantFrom('Equal', 'Exists') as fc.Arbitrary<Toleration['operator']>,
    value: fc.constantFrom('x', ''),
    effect: fc.constantFrom(undefined, 'NoSchedule', 'PreferNoSchedule') as fc.Arbitrary<Toleration['effect']>,
  }),
);

interface NodeSpec {
  cpu: string;
  memory: string;
  pods: string;
  taints: Taint[];
  cordoned: boolean;
  image: boolean;
  /** The zone label (undefined: the node has none). */
  zone: string | undefined;
}

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  cpu: fc.constantFrom('0', '1', '2', '4', '8', '8'),
  // 100Pi: LeastAllocated past 2^53 (BigInt), which the Score kernel leaves to the plugin.
  memory: fc.constantFrom('0', '1Gi', '4Gi', '16Gi', '16Gi', '100Pi'),
  pods: fc.constantFrom('1', '3', '110'),
  taints: fc.array(taint, { maxLength: 2 }),
  cordoned: fc.nat(6).map((x) => x === 0),
  image: fc.nat(4).map((x) => x === 0),
  zone: fc.constantFrom('z0', 'z1', 'z2', 'z0', 'z1', undefined),
});

interface PodSpec {
  requests: ResourceList;
  tolerations: Toleration[];
  image: string;
  priority: number;
  /** The pod's app label and owner: a ReplicaSet owner gives it PodTopologySpread's system default constraints. */
  app: 'a' | 'b' | undefined;
  owned: boolean;
  spread: 'none' | 'anyway-zone' | 'anyway-host' | 'anyway-both' | 'doNotSchedule-zone';
  /** A preferred pod (anti-)affinity term (InterPodAffinity then scores, inside the kernel). */
  prefer: 'none' | 'away-host' | 'near-zone';
}

const podSpec: fc.Arbitrary<PodSpec> = fc.record({
  requests: fc
    .record(
      {
        cpu: fc.constantFrom('0', '100m', '500m', '1', '3'),
        memory: fc.constantFrom('0', '128Mi', '1Gi', '3Gi'),
        'ephemeral-storage': fc.constantFrom('0', '1Gi'),
      },
      { requiredKeys: [] },
    )
    // One pod in eight asks for an extended resource (the Filter kernel declines those).
    .chain((r) => fc.nat(7).map((x) => (x === 0 ? { ...r, 'example.com/gpu': '1' } : r)))
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as ResourceList),
  tolerations: fc.array(toleration, { maxLength: 2 }),
  image: fc.constantFrom('nginx:1.25', 'redis'),
  priority: fc.nat(2),
  app: fc.constantFrom('a', 'b', 'b', undefined),
  owned: fc.nat(2).map((x) => x > 0),
  spread: fc.constantFrom('none', 'none', 'none', 'anyway-zone', 'anyway-host', 'anyway-both', 'doNotSchedule-zone'),
  prefer: fc.constantFrom('none', 'none', 'none', 'away-host', 'near-zone'),
});

function preferredAffinity(s: PodSpec): Pod['spec']['affinity'] {
  if (s.prefer === 'none') return undefined;
  const term = (topologyKey: string, weight: number) => [{ weight, podAffinityTerm: { topologyKey, labelSelector: { matchLabels: { app: s.app ?? 'a' } } } }];
  return s.prefer === 'away-host'
    ? { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: term(HOST, 10) } }
    : { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: term(ZONE, 7) } };
}

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function spreadConstraints(s: PodSpec): TopologySpreadConstraint[] | undefined {
  if (s.spread === 'none') return undefined;
  const labelSelector = { matchLabels: { app: s.app ?? 'a' } };
  const c = (topologyKey: string, maxSkew: number, whenUnsatisfiable: TopologySpreadConstraint['whenUnsatisfiable']) => ({ maxSkew, topologyKey, whenUnsatisfiable, labelSelector });
  if (s.spread === 'anyway-zone') return [c(ZONE, 2, 'ScheduleAnyway')];
  if (s.spread === 'anyway-host') return [c(HOST, 1, 'ScheduleAnyway')];
  if (s.spread === 'anyway-both') return [c(ZONE, 1, 'ScheduleAnyway'), c(HOST, 3, 'ScheduleAnyway')];
  return [c(ZONE, 1, 'DoNotSchedule')];
}

interface ClusterSpec {
  nodes: NodeSpec[];
  pods: PodSpec[];
  seed: number;
}

const clusterSpec = (minNodes: number, maxNodes: number, maxPods: number): fc.Arbitrary<ClusterSpec> =>
  fc.record({
    nodes: fc.array(nodeSpec, { minLength: minNodes, maxLength: maxNodes }),
    pods: fc.array(podSpec, { minLength: 1, maxLength: maxPods }),
    seed: fc.nat(1000),
  });

function build(c: ClusterSpec): KubeObject[] {
  const nodes: Node[] = c.nodes.map((s, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${i}`, labels: { [HOST]: `n${i}`, ...(s.zone !== undefined ? { [ZONE]: s.zone } : {}) } },
    spec: { ...(s.taints.length ? { taints: s.taints.map((t) => ({ ...t })) } : {}), ...(s.cordoned ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: s.cpu, memory: s.memory, pods: s.pods },
      capacity: { cpu: s.cpu, memory: s.memory, pods: s.pods },
      ...(s.image ? { images: [{ names: ['nginx:1.25'], sizeBytes: 500 * 2 ** 20 }] } : {}),
    },
  }));
  const pods: Pod[] = c.pods.map((s, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p${i}`,
      namespace: 'default',
      uid: `p${i}`,
      ...(s.app !== undefined ? { labels: { app: s.app } } : {}),
      ...(s.owned && s.app !== undefined ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${s.app}`, uid: `rs-${s.app}`, controller: true }] } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: s.image, resources: { requests: { ...s.requests } } }],
      ...(s.tolerations.length ? { tolerations: s.tolerations.map((t) => ({ ...t })) } : {}),
      ...(spreadConstraints(s) ? { topologySpreadConstraints: spreadConstraints(s) } : {}),
      ...(preferredAffinity(s) ? { affinity: preferredAffinity(s) } : {}),
      priority: s.priority,
    },
  }));
  // The owners the default spreading selects by (their selector: the app label).
  const replicaSets = (['a', 'b'] as const).map((app) => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `rs-${app}`, namespace: 'default', uid: `rs-${app}` },
    spec: { replicas: 1, selector: { matchLabels: { app } }, template: { metadata: { labels: { app } }, spec: { containers: [] } } },
  })) as unknown as KubeObject[];
  return [...nodes, ...replicaSets, ...pods];
}

const CONFIGS: unknown[] = [
  undefined,
  { percentageOfNodesToScore: 10 },
  // Weights the kernel takes; a strategy and resources it declines.
  { profiles: [{ plugins: { score: { enabled: [{ name: 'TaintToleration', weight: 7 }, { name: 'ImageLocality', weight: 4 }] } } }] },
  { profiles: [{ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] } } }] }] },
  { profiles: [{ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }] }] },
  { profiles: [{ plugins: { score: { disabled: [{ name: 'NodeResourcesBalancedAllocation' }, { name: 'TaintToleration' }] } } }] },
];

const tally = { filter: 0, score: 0, totals: 0, totalsDefault: 0, cycles: 0, cyclesScored: 0, spreadScored: 0, affinityScored: 0 };

function scheduler(c: ClusterSpec, config: unknown, fused: boolean, keepScores = true) {
  const registry = inTreeRegistry();
  const cluster = new StaticCluster(build(c));
  const s = new Scheduler(resolveConfig(config, registry), registry, { snapshot: cluster.snapshot, listers: cluster, cluster, rng: new Rng(c.seed) }, fused);
  s.keepScores = keepScores;
  return { cluster, s };
}

function view(r: CycleResult) {
  return {
    node: r.nodeName,
    message: r.message,
    code: r.status?.code ?? null,
    nominated: r.nominatedNodeName,
    victims: r.victims?.map((v) => v.key),
    plugins: r.scored?.plugins.slice(),
    scored: r.scored?.nodes.map((n) => n.name),
    totals: r.scored ? Array.from(r.scored.totals) : undefined,
    scores: r.scored ? r.scored.scores && r.scored.scores.map((s) => s.slice()) : undefined,
    unschedulablePlugins: r.diagnosis ? [...r.diagnosis.unschedulablePlugins] : undefined,
    statuses: r.diagnosis ? [...r.diagnosis.nodeToStatus.byNode].map(([n, s]) => [n, s.code, s.plugin, s.reasons.join('|')]) : undefined,
  };
}

/** The reference runs every plugin through its per-node filter / score (no batch paths at all). */
function perNodeOnly(s: Scheduler): void {
  for (const fwk of s.frameworks.values()) {
    for (const pl of fwk.pluginsMap.values()) Object.assign(pl, { filterAll: undefined, scoreAll: undefined });
  }
}

/** `rotate`: each cycle starts filtering at another node (a small cluster's chunk then wraps around the node list). */
/** The scheduler's generator state (what every later draw depends on). */
const rngState = (s: Scheduler): number[] => Array.from((s as unknown as { rng: { s: Int32Array } }).rng.s);

function lockstep(c: ClusterSpec, config: unknown, rotate = false): void {
  const a = scheduler(c, config, false);
  perNodeOnly(a.s);
  const b = scheduler(c, config, true);
  const t = scheduler(c, config, true, false);
  const passes = [...b.s.frameworks.values()][0].fused as DefaultFusedPasses;
  const totalsPasses = [...t.s.frameworks.values()][0].fused as DefaultFusedPasses;
  for (let i = 0; i < a.cluster.pending.length; i++) {
    if (rotate) a.s.nextStartNodeIndex = b.s.nextStartNodeIndex = t.s.nextStartNodeIndex = c.seed + 5 * i;
    const scoreRuns = passes.scoreKernel.runs;
    const ra = a.s.scheduleOne(a.cluster.pending[i]);
    const rb = b.s.scheduleOne(b.cluster.pending[i]);
    const rt = t.s.scheduleOne(t.cluster.pending[i]);
    const va = view(ra);
    expect(view(rb)).toEqual(va);
    // Totals only: the per-plugin scores are not returned; all else is the same.
    expect(view(rt)).toEqual({ ...va, scores: ra.scored ? null : undefined });
    // The same seeded draws (the totals-only kernel may choose the host in its loop).
    expect(rngState(t.s)).toEqual(rngState(a.s));
    for (const [r, x] of [[ra, a], [rb, b], [rt, t]] as const) {
      for (const v of r.victims ?? []) x.cluster.evictVictim(v, r.pod, r.nominatedNodeName ?? '');
      if (r.nominatedNodeName) (x.cluster.pending[i].pod.status ??= {}).nominatedNodeName = r.nominatedNodeName;
    }
    tally.cycles++;
    if (rb.scored && passes.scoreKernel.runs > scoreRuns) {
      tally.cyclesScored++;
      if (rb.scored.plugins.includes('PodTopologySpread')) tally.spreadScored++;
      if (rb.scored.plugins.includes('InterPodAffinity')) tally.affinityScored++;
    }
  }
  expect(b.s.nextStartNodeIndex).toBe(a.s.nextStartNodeIndex);
  expect(t.s.nextStartNodeIndex).toBe(a.s.nextStartNodeIndex);
  expect(totalsPasses.scoreKernel.runs).toBe(passes.scoreKernel.runs);
  tally.filter += passes.filterKernel.runs;
  tally.score += passes.scoreKernel.runs;
  tally.totals += totalsPasses.scoreKernel.runs;
  tally.totalsDefault += totalsPasses.scoreKernel.defaultRuns;
}

describe('fused kernels ≡ plugin-by-plugin passes', () => {
  it('small clusters, several configurations: every cycle agrees', () => {
    fc.assert(
      fc.property(clusterSpec(1, 12, 14), fc.constantFrom(...CONFIGS), (c, config) => lockstep(c, config)),
      { numRuns: 200 },
    );
    // Both kernels ran, and so did the fallbacks (cycles scored without the kernel).
    expect(tally.filter).toBeGreaterThan(100);
    expect(tally.score).toBeGreaterThan(100);
    expect(tally.cyclesScored).toBeLessThan(tally.cycles);
    // The totals-only kernel took both loops: the default profile's (total-default.ts) and the general one.
    expect(tally.totalsDefault).toBeGreaterThan(50);
    expect(tally.totalsDefault).toBeLessThan(tally.totals - 50);
    // PodTopologySpread (own ScheduleAnyway constraints, or the system defaults of an owned pod) scored inside the kernel.
    expect(tally.spreadScored).toBeGreaterThan(20);
    expect(tally.affinityScored).toBeGreaterThan(20);
  });

  it('small clusters from a rotating start index: every chunk wraps around the node list', () => {
    fc.assert(
      fc.property(clusterSpec(2, 12, 10), fc.constantFrom(...CONFIGS), (c, config) => lockstep(c, config, true)),
      { numRuns: 100 },
    );
  });

  it('100+ nodes: chunked filtering, early stops and the rotating start index', () => {
    fc.assert(
      fc.property(clusterSpec(100, 140, 30), fc.constantFrom(undefined, { percentageOfNodesToScore: 5 }), (c, config) => lockstep(c, config)),
      { numRuns: 10 },
    );
  });

  it('a traced cycle does not use the kernels', () => {
    const c: ClusterSpec = { nodes: [nodeSpecOf(), nodeSpecOf()], pods: [{ requests: { cpu: '1' }, tolerations: [], image: 'redis', priority: 0, app: undefined, owned: false, spread: 'none', prefer: 'none' }], seed: 1 };
    const { cluster, s } = scheduler(c, undefined, true);
    const passes = [...s.frameworks.values()][0].fused as DefaultFusedPasses;
    const r = s.scheduleOne(cluster.pending[0], { trace: true });
    expect(r.nodeName).not.toBeNull();
    expect(passes.filterKernel.runs + passes.scoreKernel.runs).toBe(0);
  });
});

function nodeSpecOf(): NodeSpec {
  return { cpu: '4', memory: '4Gi', pods: '110', taints: [], cordoned: false, image: false, zone: 'z0' };
}
