/**
 * Proof that the Score kernel's per-shape cache (score-cache.ts) changes no
 * result: random clusters are scheduled by three untraced schedulers in
 * lockstep — the reference (every plugin's per-node filter / score, no
 * kernels), the kernels with the cache and the kernels without it (both
 * keeping only the totals) — while the cluster changes between cycles the way
 * the living cluster changes it: pods removed, nodes cordoned, tainted,
 * resized, added and removed, preemption evicting victims. Pods come in a few
 * resource shapes (so cached values are reused across cycles), with and
 * without tolerations and images, at several priorities. Every cycle must
 * agree on the node, the message, the scored nodes, their totals, the
 * statuses and the start index; counters check that values were reused, and
 * recomputed after their node changed.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, Taint, Toleration } from '../../model/types';
import { Rng } from '../../random/rng';
import { StaticCluster } from '../batch';
import { resolveConfig } from '../framework/config';
import { inTreeRegistry } from '../plugins/registry';
import { Scheduler, type CycleResult } from '../schedule-one';
import type { FusedScore } from './score-kernel';
import { SCORE_FILL } from './score-cache';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const TAINTS: Taint[] = [
  { key: 'a', value: 'x', effect: 'PreferNoSchedule' },
  { key: 'b', value: '', effect: 'PreferNoSchedule' },
  { key: 'a', value: 'x', effect: 'NoSchedule' },
];
/**
 * Resource shapes: cached across cycles; the last (no requests) is not a
 * cacheable shape. Pairs differ only where the non-zero defaults (100m,
 * 200Mi) stand in for a missing request: same NodeResourcesFit requests,
 * other BalancedAllocation requests.
 */
const SHAPES: Record<string, string>[] = [
  { cpu: '500m', memory: '1Gi' },
  { cpu: '1', memory: '128Mi' },
  { cpu: '250m' },
  { cpu: '250m', memory: '200Mi' },
  { memory: '1Gi' },
  { cpu: '100m', memory: '1Gi' },
  {},
];

interface NodeSpec {
  cpu: string;
  memory: string;
  pods: string;
  taints: number[];
  cordoned: boolean;
  image: boolean;
  zone: string;
}

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  cpu: fc.constantFrom('0', '2', '4', '8', '8'),
  memory: fc.constantFrom('4Gi', '16Gi', '16Gi', '100Pi'),
  pods: fc.constantFrom('2', '4', '110', '110'),
  taints: fc.array(fc.nat(TAINTS.length - 1), { maxLength: 2 }),
  cordoned: fc.nat(8).map((x) => x === 0),
  image: fc.nat(5).map((x) => x === 0),
  zone: fc.constantFrom('z0', 'z1'),
});

interface PodSpec {
  shape: number;
  tolerate: boolean;
  image: string;
  priority: number;
}

const podSpec: fc.Arbitrary<PodSpec> = fc.record({
  shape: fc.nat(SHAPES.length - 1),
  tolerate: fc.nat(4).map((x) => x === 0),
  image: fc.constantFrom('redis', 'redis', 'nginx:1.25'),
  priority: fc.nat(2),
});

/** What changes between two cycles (`which` picks a pod or node modulo how many there are). */
type Change =
  | { kind: 'none' }
  | { kind: 'removePod'; which: number }
  | { kind: 'cordon' | 'taint' | 'untaint' | 'resize'; which: number; value: number }
  | { kind: 'addNode'; node: NodeSpec }
  | { kind: 'removeNode'; which: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Change>({ kind: 'none' }) },
  { weight: 3, arbitrary: fc.nat(1000).map((which): Change => ({ kind: 'removePod', which })) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constantFrom('cordon', 'taint', 'untaint', 'resize') as fc.Arbitrary<'cordon' | 'taint' | 'untaint' | 'resize'>, which: fc.nat(1000), value: fc.nat(1000) }),
  },
  { weight: 1, arbitrary: nodeSpec.map((node): Change => ({ kind: 'addNode', node })) },
  { weight: 1, arbitrary: fc.nat(1000).map((which): Change => ({ kind: 'removeNode', which })) },
);

interface ClusterSpec {
  nodes: NodeSpec[];
  pods: PodSpec[];
  changes: Change[];
  seed: number;
  /** The node table's stamp counter starts this close to its limit (-1: at 0), so that it wraps mid-run. */
  stampsLeft: number;
}

const clusterSpec = (minNodes: number, maxNodes: number, maxPods: number): fc.Arbitrary<ClusterSpec> =>
  fc.record({
    nodes: fc.array(nodeSpec, { minLength: minNodes, maxLength: maxNodes }),
    pods: fc.array(podSpec, { minLength: maxPods >> 1, maxLength: maxPods }),
    changes: fc.array(change, { minLength: maxPods, maxLength: maxPods }),
    seed: fc.nat(1000),
    stampsLeft: fc.oneof(fc.constant(-1), fc.nat(60)),
  });

function node(name: string, s: NodeSpec): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { [HOST]: name, [ZONE]: s.zone } },
    spec: { ...(s.taints.length ? { taints: s.taints.map((t) => ({ ...TAINTS[t] })) } : {}), ...(s.cordoned ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: s.cpu, memory: s.memory, pods: s.pods },
      capacity: { cpu: s.cpu, memory: s.memory, pods: s.pods },
      ...(s.image ? { images: [{ names: ['nginx:1.25'], sizeBytes: 500 * 2 ** 20 }] } : {}),
    },
  };
}

function pod(i: number, s: PodSpec): Pod {
  const tolerations: Toleration[] = [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${i}`, namespace: 'default', uid: `p${i}` },
    spec: {
      containers: [{ name: 'c', image: s.image, resources: { requests: { ...SHAPES[s.shape] } } }],
      ...(s.tolerate ? { tolerations } : {}),
      priority: s.priority,
    },
  };
}

type Built = { cluster: StaticCluster; s: Scheduler; score: FusedScore | undefined };

function scheduler(c: ClusterSpec, config: unknown, mode: 'reference' | 'cached' | 'uncached'): Built {
  const registry = inTreeRegistry();
  const objects: KubeObject[] = [...c.nodes.map((n, i) => node(`n${i}`, n)), ...c.pods.map((p, i) => pod(i, p))];
  const cluster = new StaticCluster(objects);
  if (c.stampsLeft >= 0) cluster.snapshot.table.lastGen = 0x7fffffff - c.stampsLeft;
  const s = new Scheduler(resolveConfig(config, registry), registry, { snapshot: cluster.snapshot, listers: cluster, cluster, rng: new Rng(c.seed) }, mode !== 'reference');
  const fwk = [...s.frameworks.values()][0];
  if (mode === 'reference') for (const pl of fwk.pluginsMap.values()) Object.assign(pl, { filterAll: undefined, scoreAll: undefined });
  const score = fwk.fused?.scoreKernel as FusedScore | undefined;
  if (score && mode === 'uncached') score.useCache = false;
  return { cluster, s, score };
}

function view(r: CycleResult) {
  return {
    node: r.nodeName,
    message: r.message,
    code: r.status?.code ?? null,
    nominated: r.nominatedNodeName,
    victims: r.victims?.map((v) => v.key),
    scored: r.scored?.nodes.map((n) => n.name),
    totals: r.scored ? Array.from(r.scored.totals) : undefined,
    statuses: r.diagnosis ? [...r.diagnosis.nodeToStatus.byNode].map(([n, s]) => [n, s.code, s.plugin, s.reasons.join('|')]) : undefined,
  };
}

/** Applies one change to a cluster (the same on every scheduler's copy). */
function apply(x: Built, ch: Change, step: number): void {
  const snap = x.cluster.snapshot;
  const nodes = snap.nodeInfoList();
  if (ch.kind === 'none') return;
  if (ch.kind === 'removePod') {
    const bound = x.cluster.pending.filter((p) => p.pod.spec.nodeName && snap.nodeOfPod(p.key));
    if (bound.length > 0) snap.removePod(bound[ch.which % bound.length]);
    return;
  }
  if (ch.kind === 'addNode') {
    snap.addNode(node(`x${step}`, ch.node));
    return;
  }
  if (nodes.length <= 1) return;
  const ni = nodes[ch.which % nodes.length];
  if (ch.kind === 'removeNode') {
    snap.removeNode(ni.name);
    return;
  }
  const n = JSON.parse(JSON.stringify(ni.node)) as Node;
  if (ch.kind === 'cordon') n.spec = { ...n.spec, unschedulable: !n.spec?.unschedulable };
  else if (ch.kind === 'taint') n.spec = { ...n.spec, taints: [...(n.spec?.taints ?? []), { ...TAINTS[ch.value % TAINTS.length] }] };
  else if (ch.kind === 'untaint') n.spec = { ...n.spec, taints: (n.spec?.taints ?? []).slice(1) };
  else {
    const cpu = String(1 + (ch.value % 9));
    n.status = { ...n.status, allocatable: { ...n.status?.allocatable, cpu }, capacity: { ...n.status?.capacity, cpu } };
  }
  snap.updateNode(n);
}

const tally = { cycles: 0, computed: 0, refreshed: 0, reused: 0, filled: 0, fills: 0, cachedRuns: 0, wrapped: 0, decided: 0, fellBack: 0 };

afterEach(() => {
  SCORE_FILL.enabled = true;
});

/** The scheduler's generator state (what every later draw depends on). */
const rngState = (s: Scheduler): number[] => Array.from((s as unknown as { rng: { s: Int32Array } }).rng.s);

/** With `fill`, the cached scheduler fills an entry's missing values in one pass when many are missing (SCORE_FILL). */
function lockstep(c: ClusterSpec, config: unknown, fill = true): void {
  SCORE_FILL.enabled = fill;
  const all = [scheduler(c, config, 'reference'), scheduler(c, config, 'cached'), scheduler(c, config, 'uncached')];
  const [a, b, u] = all;
  for (let i = 0; i < a.cluster.pending.length; i++) {
    const results = all.map((x) => x.s.scheduleOne(x.cluster.pending[i]));
    const va = view(results[0]);
    expect(view(results[1])).toEqual(va);
    expect(view(results[2])).toEqual(va);
    expect(b.s.nextStartNodeIndex).toBe(a.s.nextStartNodeIndex);
    expect(u.s.nextStartNodeIndex).toBe(a.s.nextStartNodeIndex);
    // The same seeded draws (host selection in the cached loop draws as selectHostIndex does).
    expect(rngState(b.s)).toEqual(rngState(a.s));
    expect(rngState(u.s)).toEqual(rngState(a.s));
    all.forEach((x, k) => {
      const r = results[k];
      for (const v of r.victims ?? []) x.cluster.evictVictim(v, r.pod, r.nominatedNodeName ?? '');
      if (r.nominatedNodeName) (x.cluster.pending[i].pod.status ??= {}).nominatedNodeName = r.nominatedNodeName;
      apply(x, c.changes[i], i);
    });
    tally.cycles++;
  }
  const cache = b.score!.cache;
  tally.computed += cache.computed;
  tally.refreshed += cache.refreshed;
  tally.reused += cache.reused;
  tally.filled += cache.filled;
  tally.fills += cache.fills;
  if (!fill) expect(cache.fills).toBe(0);
  tally.cachedRuns += b.score!.defaultRuns;
  tally.wrapped += b.cluster.snapshot.table.genEpoch;
  tally.decided += b.score!.selection.decided;
  tally.fellBack += b.score!.selection.fellBack;
  expect(u.score!.cache.computed + u.score!.cache.reused).toBe(0);
}

describe('the Score kernel’s shape cache ≡ the plugins’ own Score, through cluster changes', () => {
  it('small clusters: pods and nodes change between cycles', () => {
    fc.assert(
      fc.property(
        clusterSpec(2, 12, 40),
        fc.constantFrom<unknown>(undefined, { profiles: [{ plugins: { score: { enabled: [{ name: 'NodeResourcesBalancedAllocation', weight: 3 }] } } }] }),
        fc.boolean(),
        (c, config, fill) => lockstep(c, config, fill),
      ),
      { numRuns: 60 },
    );
    expect(tally.cachedRuns).toBeGreaterThan(400);
    expect(tally.reused).toBeGreaterThan(400);
    // Values computed where the loops met them (the runs without fills), and by fills.
    expect(tally.computed).toBeGreaterThan(400);
    expect(tally.filled).toBeGreaterThan(400);
    expect(tally.fills).toBeGreaterThan(100);
    // Values recomputed because their node changed (a pod bound or removed, the node updated).
    expect(tally.refreshed).toBeGreaterThan(200);
    // Runs in which the stamps were numbered afresh (the counter reached 2^31 − 1).
    expect(tally.wrapped).toBeGreaterThan(5);
    // Hosts chosen in the cached loop, and cycles whose skipped nodes sent it back to selectHostIndex.
    expect(tally.decided).toBeGreaterThan(200);
    expect(tally.fellBack).toBeGreaterThan(20);
  });

  it('100+ nodes: early stops, the rotating start index, chunks that wrap', () => {
    fc.assert(
      fc.property(clusterSpec(100, 130, 40), fc.constantFrom<unknown>(undefined, { percentageOfNodesToScore: 5 }), fc.boolean(), (c, config, fill) => lockstep(c, config, fill)),
      { numRuns: 8 },
    );
  });
});

describe('the shape cache past the node table’s change log', () => {
  it.each([false, true])('forgets every value when more slots moved than the log holds (fill %s)', (fill) => {
    SCORE_FILL.enabled = fill;
    const c: ClusterSpec = {
      nodes: [0, 1, 2].map(() => ({ cpu: '8', memory: '16Gi', pods: '110', taints: [], cordoned: false, image: false, zone: 'z0' })),
      pods: [0, 0, 1, 0].map((shape) => ({ shape, tolerate: false, image: 'redis', priority: 0 })),
      changes: [],
      seed: 1,
      stampsLeft: -1,
    };
    const all = [scheduler(c, undefined, 'reference'), scheduler(c, undefined, 'cached')];
    const cycle = (i: number) => {
      const [ra, rb] = all.map((x) => x.s.scheduleOne(x.cluster.pending[i]));
      expect(view(rb)).toEqual(view(ra));
      return ra;
    };
    // The first pod's shape gets a value for every node.
    cycle(0);
    for (const x of all) {
      const snap = x.cluster.snapshot;
      // A pod of the second shape lands on n1 (its value for the first shape changes)…
      const moved = x.cluster.pending[2];
      moved.pod.spec.nodeName = 'n1';
      snap.addPod(moved);
      // … then the log is overrun by moves of n2 that leave it as it was.
      const p = x.cluster.pending[3];
      p.pod.spec.nodeName = 'n2';
      for (let j = 0; j < 9000; j++) {
        snap.addPod(p);
        snap.removePod(p);
      }
      delete p.pod.spec.nodeName;
    }
    expect(all[1].cluster.snapshot.table.changes).toBeGreaterThan(18000);
    const r = cycle(1);
    expect(r.scored?.nodes.length).toBe(3);
    // Every value forgotten: computed again where the loop meets it, or all at once by a fill.
    if (fill) expect(all[1].score!.cache.fills).toBe(2);
    else expect(all[1].score!.cache.refreshed).toBeGreaterThan(0);
  });
});
