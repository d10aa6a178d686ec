/**
 * Lockstep proof of PodTopologySpread folded into the Score kernel's selecting
 * loop (select-fold.ts, plugins/pod-topology-spread/score-fold.ts): random
 * clusters with zones (and nodes without one, or with the zone ""), nodes
 * without a hostname label, siblings already bound (some terminating), nodes
 * the loop skips (PreferNoSchedule taints, nodes without cpu, held images),
 * many equal nodes (ties, so seeded draws), pods owned by ReplicaSets (the
 * system default constraints), pods with their own constraints and plain
 * pods, are scheduled by three schedulers in lockstep: the reference (every
 * plugin per node, no kernels), the kernels keeping only the totals with the
 * fold (and the walk of the label postings' typed columns), and the same without
 * either; the reference also scores PodTopologySpread without the per-slot path. Every cycle must agree on the node, the
 * message, the statuses, the scored nodes and their totals, and the seeded
 * generator's state after the cycle.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, Taint, TopologySpreadConstraint } from '../../model/types';
import { Rng } from '../../random/rng';
import { StaticCluster } from '../batch';
import { resolveConfig } from '../framework/config';
import { inTreeRegistry } from '../plugins/registry';
import { SPREAD_FOLD } from '../plugins/pod-topology-spread/score-fold';
import { SLOT_SCORING } from '../plugins/pod-topology-spread/scoring';
import { TYPED_WALK } from '../plugins/pod-topology-spread/slot-scoring';
import { Scheduler, type CycleResult } from '../schedule-one';
import type { FusedScore } from './score-kernel';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const APPS = ['a', 'b', 'c', 'd'] as const;
type App = (typeof APPS)[number];

interface NodeSpec {
  cpu: string;
  memory: string;
  zone: string | undefined;
  hostname: boolean;
  prefer: boolean;
  image: boolean;
}

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  // Mostly equal nodes: ties.
  cpu: fc.constantFrom('4', '4', '4', '4', '8', '0'),
  memory: fc.constantFrom('8Gi', '8Gi', '8Gi', '16Gi'),
  zone: fc.constantFrom('z0', 'z1', 'z2', 'z3', 'z0', 'z1', '', undefined),
  hostname: fc.nat(11).map((x) => x !== 0),
  prefer: fc.nat(9).map((x) => x === 0),
  image: fc.nat(9).map((x) => x === 0),
});

interface PodSpec {
  app: App | undefined;
  owned: boolean;
  spread: 'none' | 'host-zone' | 'zone-host' | 'host';
  cpu: string;
  tolerate: boolean;
  image: string;
}

const podSpec: fc.Arbitrary<PodSpec> = fc.record({
  app: fc.constantFrom<App | undefined>('a', 'b', 'c', 'd', 'a', 'b', undefined),
  owned: fc.nat(5).map((x) => x > 0),
  spread: fc.constantFrom('none', 'none', 'none', 'none', 'host-zone', 'zone-host', 'host'),
  cpu: fc.constantFrom('100m', '100m', '250m', '1'),
  tolerate: fc.nat(4).map((x) => x === 0),
  image: fc.constantFrom('nginx:1.25', 'redis', 'redis'),
});

interface Bound {
  app: App;
  node: number;
  terminating: boolean;
  /** Another tier than its ReplicaSet's (app d's selector then does not select it, though it is in the app=d posting). */
  odd: boolean;
}

interface ClusterSpec {
  nodes: NodeSpec[];
  bound: Bound[];
  pods: PodSpec[];
  seed: number;
}

const clusterSpec: fc.Arbitrary<ClusterSpec> = fc.integer({ min: 24, max: 90 }).chain((n) =>
  fc.record({
    nodes: fc.array(nodeSpec, { minLength: n, maxLength: n }),
    bound: fc.array(
      fc.record({ app: fc.constantFrom(...APPS), node: fc.nat(n - 1), terminating: fc.nat(7).map((x) => x === 0), odd: fc.nat(2).map((x) => x === 0) }),
      { maxLength: 14 },
    ),
    pods: fc.array(podSpec, { minLength: 4, maxLength: 24 }),
    seed: fc.nat(1000),
  }),
);

const PREFER: Taint = { key: 'soft', value: 'x', effect: 'PreferNoSchedule' };

/**
 * App d's ReplicaSet selects by two labels; every other pod carries tier=web too, so the
 * posting walked for d is app=d, which also holds d's pods of another tier (not selected).
 */
const labelsOf = (app: App, odd = false): Record<string, string> => (app === 'd' ? { app, tier: odd ? 'db' : 'web' } : { app, tier: 'web' });
/** The ReplicaSets' selectors: d's both labels, the others' app alone. */
const selectorOf = (app: App): Record<string, string> => (app === 'd' ? { app, tier: 'web' } : { app });

function spreadOf(s: PodSpec): TopologySpreadConstraint[] | undefined {
  if (s.spread === 'none') return undefined;
  const labelSelector = { matchLabels: { app: s.app ?? 'a' } };
  const c = (topologyKey: string, maxSkew: number): TopologySpreadConstraint => ({ maxSkew, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector });
  if (s.spread === 'host-zone') return [c(HOST, 2), c(ZONE, 4)];
  if (s.spread === 'zone-host') return [c(ZONE, 1), c(HOST, 3)];
  return [c(HOST, 1)];
}

function build(c: ClusterSpec): KubeObject[] {
  const nodes: Node[] = c.nodes.map((s, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${i}`, labels: { ...(s.hostname ? { [HOST]: `n${i}` } : {}), ...(s.zone !== undefined ? { [ZONE]: s.zone } : {}) } },
    spec: s.prefer ? { taints: [{ ...PREFER }] } : {},
    status: {
      allocatable: { cpu: s.cpu, memory: s.memory, pods: '110' },
      capacity: { cpu: s.cpu, memory: s.memory, pods: '110' },
      ...(s.image ? { images: [{ names: ['nginx:1.25'], sizeBytes: 500 * 2 ** 20 }] } : {}),
    },
  }));
  const owner = (app: App) => [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${app}`, uid: `rs-${app}`, controller: true }];
  const container = (image: string, cpu: string) => [{ name: 'c', image, resources: { requests: { cpu, memory: '128Mi' } } }];
  const bound: Pod[] = c.bound.map((b, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `b${i}`,
      namespace: 'default',
      uid: `b${i}`,
      labels: labelsOf(b.app, b.odd),
      ownerReferences: owner(b.app),
      ...(b.terminating ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: { nodeName: `n${b.node}`, containers: container('redis', '100m') },
    status: { phase: 'Running' },
  }));
  const pods: Pod[] = c.pods.map((s, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p${i}`,
      namespace: 'default',
      uid: `p${i}`,
      ...(s.app !== undefined ? { labels: labelsOf(s.app) } : {}),
      ...(s.owned && s.app !== undefined ? { ownerReferences: owner(s.app) } : {}),
    },
    spec: {
      containers: container(s.image, s.cpu),
      ...(s.tolerate ? { tolerations: [{ key: 'soft', operator: 'Exists' as const, effect: 'PreferNoSchedule' as const }] } : {}),
      ...(spreadOf(s) ? { topologySpreadConstraints: spreadOf(s) } : {}),
    },
  }));
  const replicaSets = APPS.map((app) => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `rs-${app}`, namespace: 'default', uid: `rs-${app}` },
    spec: { replicas: 1, selector: { matchLabels: selectorOf(app) }, template: { metadata: { labels: labelsOf(app) }, spec: { containers: [] } } },
  })) as unknown as KubeObject[];
  return [...nodes, ...replicaSets, ...bound, ...pods];
}

const CONFIGS: unknown[] = [
  undefined,
  { percentageOfNodesToScore: 30 },
  // PodTopologySpread weighted otherwise (the fold multiplies by the weight).
  { profiles: [{ plugins: { score: { enabled: [{ name: 'PodTopologySpread', weight: 5 }] } } }] },
];

function scheduler(c: ClusterSpec, config: unknown, fused: boolean) {
  const registry = inTreeRegistry();
  const cluster = new StaticCluster(build(c));
  const s = new Scheduler(resolveConfig(config, registry), registry, { snapshot: cluster.snapshot, listers: cluster, cluster, rng: new Rng(c.seed) }, fused);
  s.keepScores = false;
  if (!fused) {
    // The reference: every plugin's per-node filter and score, no batch paths.
    for (const fwk of s.frameworks.values()) for (const pl of fwk.pluginsMap.values()) Object.assign(pl, { filterAll: undefined, scoreAll: undefined });
  }
  return { cluster, s };
}

function view(r: CycleResult) {
  return {
    node: r.nodeName,
    message: r.message,
    code: r.status?.code ?? null,
    plugins: r.scored?.plugins.slice(),
    scored: r.scored?.nodes.map((n) => n.name),
    totals: r.scored ? Array.from(r.scored.totals) : undefined,
    statuses: r.diagnosis ? [...r.diagnosis.nodeToStatus.byNode].map(([n, s]) => [n, s.code, s.plugin, s.reasons.join('|')]) : undefined,
  };
}

const rngState = (s: Scheduler): number[] => Array.from((s as unknown as { rng: { s: Int32Array } }).rng.s);
const kernelOf = (s: Scheduler) => ([...s.frameworks.values()][0].fused as unknown as { scoreKernel: FusedScore }).scoreKernel;

const tally = { cycles: 0, folded: 0, decided: 0, fellBack: 0 };

function lockstep(c: ClusterSpec, config: unknown): void {
  const ref = scheduler(c, config, false);
  const folded = scheduler(c, config, true);
  const plain = scheduler(c, config, true);
  const kernel = kernelOf(folded.s);
  for (let i = 0; i < ref.cluster.pending.length; i++) {
    // The reference scores PodTopologySpread node by node from its own walk of the pods.
    SLOT_SCORING.enabled = false;
    TYPED_WALK.enabled = false;
    const ra = ref.s.scheduleOne(ref.cluster.pending[i]);
    SLOT_SCORING.enabled = true;
    TYPED_WALK.enabled = true;
    SPREAD_FOLD.enabled = true;
    const before = kernel.folded;
    const { decided, fellBack } = kernel.selection;
    const rf = folded.s.scheduleOne(folded.cluster.pending[i]);
    // The kernel without the fold, walking the posting's pods.
    SPREAD_FOLD.enabled = false;
    TYPED_WALK.enabled = false;
    const rp = plain.s.scheduleOne(plain.cluster.pending[i]);
    SPREAD_FOLD.enabled = true;
    TYPED_WALK.enabled = true;
    const va = view(ra);
    expect(view(rf)).toEqual(va);
    expect(view(rp)).toEqual(va);
    expect(rngState(folded.s)).toEqual(rngState(ref.s));
    expect(rngState(plain.s)).toEqual(rngState(ref.s));
    tally.cycles++;
    if (kernel.folded > before) {
      tally.folded++;
      tally.decided += kernel.selection.decided - decided;
      tally.fellBack += kernel.selection.fellBack - fellBack;
    }
  }
  expect(kernelOf(plain.s).folded).toBe(0);
}

describe('PodTopologySpread folded into the selecting Score loop ≡ the plugin-by-plugin pass', () => {
  afterEach(() => {
    SPREAD_FOLD.enabled = true;
    SLOT_SCORING.enabled = true;
    TYPED_WALK.enabled = true;
  });

  it('random clusters with zones, siblings, ties, default and own constraints: every cycle agrees, draws included', () => {
    const walks = TYPED_WALK.taken;
    fc.assert(
      fc.property(clusterSpec, fc.constantFrom(...CONFIGS), (c, config) => lockstep(c, config)),
      { numRuns: 150, seed: 9 },
    );
    // The fold ran, and its cycles were decided in the loop and by the fallback to selectHostIndex.
    expect(tally.folded).toBeGreaterThan(300);
    expect(tally.decided).toBeGreaterThan(100);
    expect(tally.fellBack).toBeGreaterThan(10);
    expect(tally.folded).toBeLessThan(tally.cycles);
    // The posting columns were walked (the reference and the unfolded kernel walked the pods).
    expect(TYPED_WALK.taken - walks).toBeGreaterThan(200);
  });
});
