/**
 * Proof that the untraced hot path (node table, plugins' filterAll/scoreAll,
 * chunked filtering) decides exactly as the per-node path the tracing
 * decorator forces: random small clusters (taints, cordons, images, extended
 * resources, zero/missing requests, bound pods, priorities) are scheduled
 * both ways in lockstep and every cycle must agree on the node, the message,
 * the nominations and the weighted totals; and each fast-path plugin's
 * filterAll/scoreAll must equal its filter/score node by node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, ResourceList, Taint, Toleration } from '../model/types';
import { Rng } from '../random/rng';
import { StaticCluster } from './batch';
import { resolveConfig } from './framework/config';
import { CycleState } from './framework/cycle-state';
import type { AnyPlugin } from './framework/interfaces';
import { NodeToStatus } from './framework/interfaces';
import { PodInfo } from './framework/pod-info';
import { inTreeRegistry } from './plugins/registry';
import { Scheduler } from './schedule-one';

// ---- generators ---------------------------------------------------------------

const CPU = ['0', '100m', '250m', '1', '2', '3500m', '8'];
const MEM = ['0', '128Mi', '1Gi', '4Gi', '16Gi'];
const EPH = ['0', '1Gi', '10Gi'];
const GPU = ['0', '1', '2'];
const IMAGES = ['nginx:1.25', 'registry.k8s.io/pause:3.10', 'redis', 'busybox:latest'];
const SIZES = [10 * 2 ** 20, 300 * 2 ** 20, 2 * 2 ** 30];

const taint: fc.Arbitrary<Taint> = fc.record({
  key: fc.constantFrom('dedicated', 'gpu', 'maintenance'),
  value: fc.constantFrom('a', 'b', ''),
  effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule') as fc.Arbitrary<Taint['effect']>,
});

const toleration: fc.Arbitrary<Toleration> = fc.oneof(
  fc.constant<Toleration>({ operator: 'Exists' }),
  fc.constant<Toleration>({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }),
  fc.record({
    key: fc.constantFrom('dedicated', 'gpu', 'maintenance'),
    operator: fc.constantFrom('Equal', 'Exists') as fc.Arbitrary<Toleration['operator']>,
    value: fc.constantFrom('a', 'b'),
    effect: fc.constantFrom(undefined, 'NoSchedule', 'NoExecute', 'PreferNoSchedule') as fc.Arbitrary<Toleration['effect']>,
  }),
);

/** A resource list with some keys missing (so some requests and allocatables are absent). */
const resources = (withPods: boolean): fc.Arbitrary<ResourceList> =>
  fc
    .record(
      {
        cpu: fc.constantFrom(...CPU),
        memory: fc.constantFrom(...MEM),
        'ephemeral-storage': fc.constantFrom(...EPH),
        'example.com/gpu': fc.constantFrom(...GPU),
        ...(withPods ? { pods: fc.constantFrom('0', '1', '3', '110') } : {}),
      },
      { requiredKeys: [] },
    )
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as ResourceList);

interface NodeSpec {
  alloc: ResourceList;
  taints: Taint[];
  unschedulable: boolean;
  images: { names: string[]; sizeBytes: number }[];
  zone: string;
}

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  alloc: resources(true).map((r) => ({ cpu: '4', memory: '8Gi', pods: '110', ...r })),
  taints: fc.array(taint, { maxLength: 2 }),
  unschedulable: fc.nat(5).map((x) => x === 0),
  images: fc.array(fc.record({ names: fc.subarray(IMAGES, { minLength: 1, maxLength: 2 }), sizeBytes: fc.constantFrom(...SIZES) }), { maxLength: 2 }),
  zone: fc.constantFrom('a', 'b', 'c'),
});

interface PodSpec {
  containers: { requests?: ResourceList; image: string }[];
  init: boolean;
  tolerations: Toleration[];
  priority: number;
  boundTo: number | null;
}

const podSpec = (numNodes: number, bound: boolean): fc.Arbitrary<PodSpec> =>
  fc.record({
    containers: fc.array(
      fc.record({ requests: fc.option(resources(false), { nil: undefined }), image: fc.constantFrom(...IMAGES) }),
      { minLength: 1, maxLength: 2 },
    ),
    init: fc.boolean(),
    tolerations: fc.array(toleration, { maxLength: 2 }),
    priority: fc.nat(3),
    boundTo: bound ? fc.nat(numNodes - 1) : fc.constant(null),
  });

interface ClusterSpec {
  nodes: NodeSpec[];
  bound: PodSpec[];
  pending: PodSpec[];
  seed: number;
}

const clusterSpec = (minNodes: number, maxNodes: number, maxPending: number): fc.Arbitrary<ClusterSpec> =>
  fc.integer({ min: minNodes, max: maxNodes }).chain((n) =>
    fc.record({
      nodes: fc.array(nodeSpec, { minLength: n, maxLength: n }),
      bound: fc.array(podSpec(n, true), { maxLength: Math.min(2 * n, 12) }),
      pending: fc.array(podSpec(n, false), { minLength: 1, maxLength: maxPending }),
      seed: fc.nat(1000),
    }),
  );

/** Fresh objects for a spec (scheduling mutates pods). */
function build(c: ClusterSpec): KubeObject[] {
  const nodes: Node[] = c.nodes.map((s, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}`, 'topology.kubernetes.io/zone': s.zone } },
    spec: { ...(s.taints.length ? { taints: s.taints.map((t) => ({ ...t })) } : {}), ...(s.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { ...s.alloc }, capacity: { ...s.alloc }, ...(s.images.length ? { images: s.images } : {}) },
  }));
  const pod = (s: PodSpec, name: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: name },
    spec: {
      containers: s.containers.map((k, j) => ({ name: `c${j}`, image: k.image, ...(k.requests ? { resources: { requests: { ...k.requests } } } : {}) })),
      ...(s.init ? { initContainers: [{ name: 'init', image: 'busybox:latest', resources: { requests: { cpu: '500m' } } }] } : {}),
      ...(s.tolerations.length ? { tolerations: s.tolerations.map((t) => ({ ...t })) } : {}),
      priority: s.priority,
      ...(s.boundTo !== null ? { nodeName: `n${s.boundTo}` } : {}),
    },
  });
  return [...nodes, ...c.bound.map((s, i) => pod(s, `bound-${i}`)), ...c.pending.map((s, i) => pod(s, `p-${i}`))];
}

const CONFIGS: unknown[] = [
  undefined,
  { percentageOfNodesToScore: 10 },
  {
    profiles: [
      {
        pluginConfig: [
          { name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] } } },
          { name: 'NodeResourcesBalancedAllocation', args: { resources: [{ name: 'memory', weight: 1 }, { name: 'cpu', weight: 1 }, { name: 'ephemeral-storage', weight: 1 }] } },
        ],
      },
    ],
  },
  {
    profiles: [
      {
        pluginConfig: [
          {
            name: 'NodeResourcesFit',
            args: {
              ignoredResources: ['example.com/gpu'],
              scoringStrategy: {
                type: 'RequestedToCapacityRatio',
                resources: [{ name: 'cpu', weight: 2 }, { name: 'example.com/gpu', weight: 1 }],
                requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 60, score: 10 }, { utilization: 100, score: 3 }] },
              },
            },
          },
          { name: 'NodeResourcesBalancedAllocation', args: { resources: [{ name: 'cpu', weight: 1 }, { name: 'example.com/gpu', weight: 1 }] } },
        ],
      },
    ],
  },
  { profiles: [{ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 2 }, { name: 'ephemeral-storage', weight: 1 }] } } }] }] },
];

// ---- lockstep scheduling ---------------------------------------------------------

function scheduler(objects: KubeObject[], config: unknown, seed: number) {
  const registry = inTreeRegistry();
  const cluster = new StaticCluster(objects);
  const s = new Scheduler(resolveConfig(config, registry), registry, { snapshot: cluster.snapshot, listers: cluster, cluster, rng: new Rng(seed) });
  // Untraced cycles keep each plugin's scores too, to compare them with the traced ones.
  s.keepScores = true;
  return { cluster, s };
}

/** Schedules every pending pod once with tracing and once without; every cycle must agree. */
function lockstep(c: ClusterSpec, config: unknown): number {
  const a = scheduler(build(c), config, c.seed);
  const b = scheduler(build(c), config, c.seed);
  let bound = 0;
  for (let i = 0; i < a.cluster.pending.length; i++) {
    const ra = a.s.scheduleOne(a.cluster.pending[i], { trace: true });
    const rb = b.s.scheduleOne(b.cluster.pending[i]);
    const view = (r: typeof ra) => ({
      node: r.nodeName,
      message: r.message,
      code: r.status?.code ?? null,
      nominated: r.nominatedNodeName,
      victims: r.victims?.map((v) => v.key),
      plugins: r.scored?.plugins,
      scored: r.scored?.nodes.map((n) => n.name),
      totals: r.scored ? Array.from(r.scored.totals) : undefined,
      scores: r.scored?.scores?.map((s) => s.slice()),
      unschedulablePlugins: r.diagnosis ? [...r.diagnosis.unschedulablePlugins] : undefined,
      statuses: r.diagnosis ? [...r.diagnosis.nodeToStatus.byNode].map(([n, s]) => [n, s.code, s.reasons.join('|')]) : undefined,
    });
    expect(view(rb)).toEqual(view(ra));
    for (const v of ra.victims ?? []) a.cluster.evictVictim(v, ra.pod, ra.nominatedNodeName ?? '');
    for (const v of rb.victims ?? []) b.cluster.evictVictim(v, rb.pod, rb.nominatedNodeName ?? '');
    if (ra.nominatedNodeName) (a.cluster.pending[i].pod.status ??= {}).nominatedNodeName = ra.nominatedNodeName;
    if (rb.nominatedNodeName) (b.cluster.pending[i].pod.status ??= {}).nominatedNodeName = rb.nominatedNodeName;
    if (ra.nodeName !== null) bound++;
  }
  expect(b.s.nextStartNodeIndex).toBe(a.s.nextStartNodeIndex);
  return bound;
}

describe('fast path ≡ per-node path', () => {
  it('small clusters: same node, message, nominations and totals every cycle, for several configurations', () => {
    fc.assert(
      fc.property(clusterSpec(1, 12, 12), fc.constantFrom(...CONFIGS), (c, config) => {
        lockstep(c, config);
      }),
      { numRuns: 150 },
    );
  });

  it('100+ nodes: chunked filtering with an early stop and the rotating start index', () => {
    fc.assert(
      fc.property(clusterSpec(100, 130, 25), fc.constantFrom(undefined, { percentageOfNodesToScore: 5 }), (c, config) => {
        lockstep(c, config);
      }),
      { numRuns: 12 },
    );
  });

  it('every fast-path plugin: filterAll/scoreAll equal filter/score node by node', () => {
    fc.assert(
      fc.property(clusterSpec(1, 12, 3), fc.constantFrom(...CONFIGS), fc.boolean(), (c, config, named) => {
        const { cluster, s } = scheduler(build(c), config, c.seed);
        const fwk = [...s.frameworks.values()][0];
        const table = cluster.snapshot.table;
        const nodes = cluster.snapshot.nodeInfoList();
        const all = Int32Array.from(nodes, (n) => n.slot);
        for (const pi of cluster.pending) {
          // A pod that names a node exercises NodeName's per-node branch.
          const pod = named ? new PodInfo({ ...pi.pod, spec: { ...pi.pod.spec, nodeName: nodes[0].name } }) : pi;
          const state = new CycleState();
          fwk.runPreFilterPlugins(state, pod);
          for (const pl of fwk.filterPlugins as AnyPlugin[]) {
            if (!pl.filterAll) continue;
            const slots = all.slice();
            const rejected = new Map<string, string>();
            const k = pl.filterAll(state, pod, table, slots, slots.length, (ni, st) => rejected.set(ni.name, `${st.code}:${st.reasons.join('|')}`));
            const kept = [...slots.subarray(0, k)].map((sl) => table.infos[sl]!.name);
            const want = nodes.filter((n) => pl.filter!(state, pod, n) === null).map((n) => n.name);
            expect({ plugin: pl.name, kept }).toEqual({ plugin: pl.name, kept: want });
            for (const n of nodes) {
              const st = pl.filter!(state, pod, n);
              if (st !== null) expect(rejected.get(n.name)).toBe(`${st.code}:${st.reasons.join('|')}`);
            }
          }
          fwk.runPreScorePlugins(state, pod, nodes);
          for (const pl of fwk.scorePlugins as AnyPlugin[]) {
            if (!pl.scoreAll || state.skipScorePlugins.has(pl.name)) continue;
            const fast = nodes.map(() => 0.5);
            pl.scoreAll(state, pod, table, all, nodes.length, fast);
            const slow = nodes.map((n) => pl.score!(state, pod, n));
            expect({ plugin: pl.name, scores: fast.map((v) => (Object.is(v, -0) ? '-0' : v)) }).toEqual({
              plugin: pl.name,
              scores: slow.map((v) => (Object.is(v, -0) ? '-0' : v)),
            });
            const ext = pl.scoreExtensions?.();
            if (ext) {
              // Normalizing right after scoreAll (which may remember the maximum) equals normalizing per-node scores.
              ext.normalizeScore(state, pod, nodes, fast);
              ext.normalizeScore(state, pod, nodes, slow);
              expect(fast).toEqual(slow);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('NodeToStatus', () => {
  it('setNew then a later pass that repeats nodes keeps map semantics', () => {
    const m = new NodeToStatus();
    const st = (r: string) => ({ code: 2, reasons: [r] }) as never;
    m.setNew('a', st('1'));
    m.setNew('b', st('2'));
    expect(m.size).toBe(2);
    m.index();
    m.setNew('a', st('3'));
    expect(m.size).toBe(2);
    expect([...m.byNode.keys()]).toEqual(['a', 'b']);
    expect(m.get('a')).toEqual(st('3'));
  });
});
