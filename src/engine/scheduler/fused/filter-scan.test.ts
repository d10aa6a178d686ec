/**
 * Proof that the Filter kernel's whole-pass scan with its compact rejection
 * log (FusedFilter.scan, rejection-log.ts) decides and reports exactly as the
 * chunk loop over the kernel's `filter` with every rejection handed on
 * (FILTER_SCAN off) and as the plugin-by-plugin reference (no kernels, no
 * batch paths): random clusters that fill up (pods already bound, nodes of a
 * few pods, cordons, NoSchedule/NoExecute taints the pod may tolerate,
 * ephemeral storage) are scheduled by the three in lockstep; pods of higher
 * priority preempt, some pods arrive with a nominated node. Every cycle must
 * agree on the node, the FailedScheduling message, the status code, the
 * nomination and victims, the plugins that rejected (in order), the node
 * evaluation counter and the start index, and on the Diagnosis's statuses
 * in order with their plugins and reasons: half of them read at once, the
 * other half only after every later cycle ran (the log must stay valid after
 * the kernel's buffers were reused and the cluster changed).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, Taint, Toleration } from '../../model/types';
import { Rng } from '../../random/rng';
import { StaticCluster } from '../batch';
import { resolveConfig } from '../framework/config';
import { CycleState } from '../framework/cycle-state';
import type { Diagnosis } from '../framework/fit-error';
import { NodeToStatus, type FilterPlugin } from '../framework/interfaces';
import type { NodeInfo } from '../framework/node-info';
import { Code, Status, unresolvable, type MaybeStatus } from '../framework/status';
import { NodeResourcesFitPlugin } from '../plugins/node-resources-fit/node-resources-fit';
import { defaultNodeResourcesFitArgs } from '../plugins/node-resources-fit/args';
import { NodeUnschedulablePlugin } from '../plugins/node-unschedulable/node-unschedulable';
import { inTreeRegistry } from '../plugins/registry';
import { Rejections } from '../rejections';
import { Scheduler, type CycleResult } from '../schedule-one';
import { FILTER_SCAN, FusedFilter } from './filter-kernel';
import { COLUMN_FILL, SHAPE_VERDICTS } from './verdict-cache';
import { PodInfo } from '../framework/pod-info';

const HOST = 'kubernetes.io/hostname';

const taint: fc.Arbitrary<Taint> = fc.record({
  key: fc.constantFrom('a', 'b'),
  value: fc.constantFrom('x', ''),
  effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule') as fc.Arbitrary<Taint['effect']>,
});

const toleration: fc.Arbitrary<Toleration> = fc.oneof(
  fc.constant<Toleration>({ operator: 'Exists' }),
  fc.constant<Toleration>({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }),
  fc.record({
    key: fc.constantFrom('a', 'b'),
    operator: fc.constantFrom('Equal', 'Exists') as fc.Arbitrary<Toleration['operator']>,
    value: fc.constantFrom('x', ''),
    effect: fc.constantFrom(undefined, 'NoSchedule', 'NoExecute') as fc.Arbitrary<Toleration['effect']>,
  }),
);

interface NodeSpec {
  cpu: string;
  memory: string;
  eph: string;
  pods: string;
  taints: Taint[];
  cordoned: boolean;
  /** Pods already bound here (500m, 512Mi each, their priorities). */
  bound: number[];
}

/** One node in `rare` + 1 is cordoned, and about as many tainted. */
const nodeSpec = (rare: number): fc.Arbitrary<NodeSpec> =>
  fc.record({
    cpu: fc.constantFrom('1', '2', '2', '4'),
    memory: fc.constantFrom('1Gi', '2Gi', '4Gi'),
    eph: fc.constantFrom('0', '2Gi', '10Gi'),
    pods: fc.constantFrom('2', '4', '110', '110'),
    taints: fc.nat(rare).chain((x) => (x === 0 ? fc.array(taint, { minLength: 1, maxLength: 2 }) : fc.constant<Taint[]>([]))),
    cordoned: fc.nat(rare).map((x) => x === 0),
    bound: fc.array(fc.nat(2), { maxLength: 6 }),
  });

interface PodSpec {
  cpu: string;
  memory: string;
  eph: string;
  tolerations: Toleration[];
  priority: number;
  /** Arrives with status.nominatedNodeName set to this node's index (modulo the node count). */
  nominated: number | undefined;
}

const podSpec: fc.Arbitrary<PodSpec> = fc.record({
  cpu: fc.constantFrom('0', '250m', '500m', '1', '3'),
  memory: fc.constantFrom('0', '256Mi', '512Mi', '1Gi', '3Gi'),
  eph: fc.constantFrom('0', '0', '0', '1Gi', '5Gi'),
  tolerations: fc.oneof(fc.constant<Toleration[]>([]), fc.array(toleration, { minLength: 1, maxLength: 2 })),
  priority: fc.constantFrom(0, 0, 1, 3),
  nominated: fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.constant(undefined), fc.nat(200)),
});

interface ClusterSpec {
  nodes: NodeSpec[];
  pods: PodSpec[];
  seed: number;
}

const clusterSpec = (minNodes: number, maxNodes: number, maxPods: number, rare = 3): fc.Arbitrary<ClusterSpec> =>
  fc.record({
    nodes: fc.array(nodeSpec(rare), { minLength: minNodes, maxLength: maxNodes }),
    pods: fc.array(podSpec, { minLength: 1, maxLength: maxPods }),
    seed: fc.nat(1000),
  });

function build(c: ClusterSpec): KubeObject[] {
  const out: KubeObject[] = [];
  c.nodes.forEach((s, i) => {
    const resources = { cpu: s.cpu, memory: s.memory, pods: s.pods, ...(s.eph !== '0' ? { 'ephemeral-storage': s.eph } : {}) };
    const n: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `n${i}`, labels: { [HOST]: `n${i}` } },
      spec: { ...(s.taints.length ? { taints: s.taints.map((t) => ({ ...t })) } : {}), ...(s.cordoned ? { unschedulable: true } : {}) },
      status: { allocatable: resources, capacity: resources },
    };
    out.push(n);
    s.bound.forEach((priority, k) => {
      const p: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `b${i}-${k}`, namespace: 'default', uid: `b${i}-${k}` },
        spec: { nodeName: `n${i}`, priority, containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '500m', memory: '512Mi' } } }] },
        status: { phase: 'Running' },
      };
      out.push(p);
    });
  });
  c.pods.forEach((s, i) => {
    const requests: Record<string, string> = {};
    if (s.cpu !== '0') requests.cpu = s.cpu;
    if (s.memory !== '0') requests.memory = s.memory;
    if (s.eph !== '0') requests['ephemeral-storage'] = s.eph;
    const p: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace: 'default', uid: `p${i}` },
      spec: {
        priority: s.priority,
        containers: [{ name: 'c', image: 'x', resources: { requests } }],
        ...(s.tolerations.length ? { tolerations: s.tolerations.map((t) => ({ ...t })) } : {}),
      },
      ...(s.nominated !== undefined ? { status: { nominatedNodeName: `n${s.nominated % c.nodes.length}` } } : {}),
    };
    out.push(p);
  });
  return out;
}

const CONFIGS: unknown[] = [
  undefined,
  undefined,
  { percentageOfNodesToScore: 5 },
  { percentageOfNodesToScore: 100 },
  // NodeResourcesFit ahead of the plugins that reject on flags (they then come after it).
  {
    profiles: [
      {
        plugins: {
          filter: {
            disabled: [{ name: '*' }],
            enabled: [{ name: 'NodeResourcesFit' }, { name: 'NodeName' }, { name: 'TaintToleration' }, { name: 'NodeUnschedulable' }],
          },
        },
      },
    ],
  },
  // No NodeResourcesFit in Filter: only flags can reject.
  { profiles: [{ plugins: { filter: { disabled: [{ name: 'NodeResourcesFit' }] } } }] },
];

/** The reference runs every plugin through its per-node filter / score (no batch paths at all). */
function perNodeOnly(s: Scheduler): void {
  for (const fwk of s.frameworks.values()) {
    for (const pl of fwk.pluginsMap.values()) Object.assign(pl, { filterAll: undefined, scoreAll: undefined });
  }
}

function scheduler(c: ClusterSpec, config: unknown, fused: boolean) {
  const registry = inTreeRegistry();
  const cluster = new StaticCluster(build(c));
  const s = new Scheduler(resolveConfig(config, registry), registry, { snapshot: cluster.snapshot, listers: cluster, cluster, rng: new Rng(c.seed) }, fused);
  if (!fused) perNodeOnly(s);
  return { cluster, s };
}

const kernelOf = (s: Scheduler): FusedFilter => [...s.frameworks.values()][0].fused!.filterKernel as FusedFilter;

function view(r: CycleResult, s: Scheduler) {
  return {
    node: r.nodeName,
    message: r.message,
    code: r.status?.code ?? null,
    nominated: r.nominatedNodeName,
    victims: r.victims?.map((v) => v.key),
    unschedulablePlugins: r.diagnosis ? [...r.diagnosis.unschedulablePlugins] : undefined,
    rejected: r.diagnosis?.nodeToStatus.size,
    scored: r.scored?.nodes.map((n) => n.name),
    evaluations: s.nodeEvaluations,
    start: s.nextStartNodeIndex,
  };
}

const statuses = (r: CycleResult) =>
  r.diagnosis ? [...r.diagnosis.nodeToStatus.byNode].map(([n, s]) => [n, s.code, s.plugin, s.reasons.join('|')]) : undefined;

const tally = { cycles: 0, scans: 0, scanChunks: 0, rejections: 0, lateRead: 0, failed: 0, preempted: 0, nominatedPath: 0, verdictsComputed: 0, verdictsReused: 0 };

function lockstep(c: ClusterSpec, config: unknown, rotate: boolean): void {
  const ref = scheduler(c, config, false);
  const chunked = scheduler(c, config, true);
  const scanned = scheduler(c, config, true);
  // The scan without its verdicts per pod shape (every verdict read from the table's columns).
  const columns = scheduler(c, config, true);
  const kernel = kernelOf(scanned.s);
  const scans0 = kernel.scans;
  const chunkKernel = kernelOf(chunked.s);
  const late: [CycleResult, CycleResult, CycleResult, CycleResult][] = [];
  try {
    for (let i = 0; i < ref.cluster.pending.length; i++) {
      if (rotate) ref.s.nextStartNodeIndex = chunked.s.nextStartNodeIndex = scanned.s.nextStartNodeIndex = columns.s.nextStartNodeIndex = c.seed + 7 * i;
      const nominated = ref.cluster.pending[i].pod.status?.nominatedNodeName;
      FILTER_SCAN.enabled = false;
      const ra = ref.s.scheduleOne(ref.cluster.pending[i]);
      const rb = chunked.s.scheduleOne(chunked.cluster.pending[i]);
      FILTER_SCAN.enabled = true;
      const scansBefore = kernel.scans;
      const rc = scanned.s.scheduleOne(scanned.cluster.pending[i]);
      const scannedNow = kernel.scans > scansBefore;
      SHAPE_VERDICTS.enabled = false;
      const rd = columns.s.scheduleOne(columns.cluster.pending[i]);
      SHAPE_VERDICTS.enabled = true;
      const va = view(ra, ref.s);
      expect(view(rb, chunked.s)).toEqual(va);
      expect(view(rc, scanned.s)).toEqual(va);
      expect(view(rd, columns.s)).toEqual(va);
      if (i % 2 === 0) {
        const sa = statuses(ra);
        expect(statuses(rb)).toEqual(sa);
        expect(statuses(rc)).toEqual(sa);
        expect(statuses(rd)).toEqual(sa);
      } else late.push([ra, rb, rc, rd]);
      tally.cycles++;
      if (scannedNow) tally.rejections += rc.diagnosis?.nodeToStatus.size ?? 0;
      if (scannedNow && nominated) tally.nominatedPath++;
      if (ra.nodeName === null) tally.failed++;
      if (ra.victims?.length) tally.preempted++;
      for (const [r, x] of [
        [ra, ref],
        [rb, chunked],
        [rc, scanned],
        [rd, columns],
      ] as const) {
        for (const v of r.victims ?? []) x.cluster.evictVictim(v, r.pod, r.nominatedNodeName ?? '');
      }
    }
  } finally {
    FILTER_SCAN.enabled = true;
    SHAPE_VERDICTS.enabled = true;
  }
  // Read only now: after every later cycle reused the kernel's buffers and the cluster changed.
  for (const [ra, rb, rc, rd] of late) {
    const sa = statuses(ra);
    expect(statuses(rb)).toEqual(sa);
    expect(statuses(rc)).toEqual(sa);
    expect(statuses(rd)).toEqual(sa);
    if (ra.diagnosis && ra.diagnosis.nodeToStatus.size > 0) tally.lateRead++;
  }
  // The chunk loop never took the scan; the scanned scheduler always did where the kernel applies.
  expect(chunkKernel.scans).toBe(0);
  tally.scans += kernel.scans - scans0;
  tally.scanChunks += kernel.scanChunks;
  tally.verdictsComputed += kernel.verdicts.computed;
  tally.verdictsReused += kernel.verdicts.reused;
  expect(kernelOf(columns.s).verdicts.computed + kernelOf(columns.s).verdicts.reused).toBe(0);
}

describe('the Filter kernel\'s whole-pass scan and compact rejections ≡ the chunk loop ≡ the plugin-by-plugin reference', () => {
  afterEach(() => {
    FILTER_SCAN.enabled = true;
    SHAPE_VERDICTS.enabled = true;
  });

  it('small clusters that fill up: failed cycles, preemption, nominated nodes, several configurations', () => {
    fc.assert(
      fc.property(clusterSpec(1, 14, 16), fc.constantFrom(...CONFIGS), fc.boolean(), (c, config, rotate) => lockstep(c, config, rotate)),
      { numRuns: 250, seed: 91 },
    );
    expect(tally.scans).toBeGreaterThan(1000);
    expect(tally.rejections).toBeGreaterThan(3000);
    expect(tally.failed).toBeGreaterThan(200);
    expect(tally.preempted).toBeGreaterThan(20);
    expect(tally.lateRead).toBeGreaterThan(300);
    expect(tally.nominatedPath).toBeGreaterThan(50);
  });

  it('100+ nodes: several chunks per pass, early stops, the rotating start index', () => {
    const chunks0 = tally.scanChunks;
    const scans0 = tally.scans;
    fc.assert(
      fc.property(clusterSpec(100, 150, 24, 3), fc.constantFrom(...CONFIGS), fc.boolean(), (c, config, rotate) => lockstep(c, config, rotate)),
      { numRuns: 16, seed: 17, endOnFailure: true },
    );
    // Cordons and taints rare: a plugin may first reject in a later chunk than one after it in the list.
    fc.assert(
      fc.property(clusterSpec(100, 150, 24, 80), fc.constantFrom(...CONFIGS), fc.boolean(), (c, config, rotate) => lockstep(c, config, rotate)),
      { numRuns: 16, seed: 23, endOnFailure: true },
    );
    // More than one chunk per pass on average: the rejections made the pass take more nodes.
    expect(tally.scanChunks - chunks0).toBeGreaterThan(1.5 * (tally.scans - scans0));
  });
});

/** Between two cycles of the few-shapes run: a node changed, removed or added, or a bound pod removed. */
type Change =
  | { kind: 'cordon' | 'taint' | 'resize' | 'remove' | 'add' | 'unbind'; at: number; value: number }
  | { kind: 'none' };

const change: fc.Arbitrary<Change> = fc.oneof(
  { arbitrary: fc.constant<Change>({ kind: 'none' }), weight: 6 },
  {
    arbitrary: fc.record({ kind: fc.constantFrom('cordon', 'taint', 'resize', 'remove', 'add', 'unbind') as fc.Arbitrary<'cordon'>, at: fc.nat(1000), value: fc.nat(5) }),
    weight: 4,
  },
);

/**
 * The verdicts kept per pod shape (verdict-cache.ts) between cycles: pods of
 * five shapes (differing in one request each), so each shape's entry is taken again after other cycles bound
 * pods and nodes were cordoned, tainted, resized, removed and added, and bound
 * pods were removed. The scan with the verdicts and the scan reading every
 * node's columns must agree on everything, cycle by cycle.
 */
describe('the scan\'s verdicts kept per pod shape ≡ the verdicts read from the columns', () => {
  afterEach(() => {
    SHAPE_VERDICTS.enabled = true;
    COLUMN_FILL.enabled = true;
  });

  // Shapes that differ in one request only (cpu, memory or ephemeral storage), so a key missing one would show.
  const shapes = ['500m/512Mi', '500m/512Mi/1Gi', '1/512Mi', '500m/1Gi', '250m/1Gi/5Gi'];
  const shapePod = (i: number, shape: number, tolerations: Toleration[]): Pod => {
    const [cpu, memory, eph] = shapes[shape].split('/');
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `q${i}`, namespace: 'default', uid: `q${i}` },
      spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu, memory, ...(eph ? { 'ephemeral-storage': eph } : {}) } } }], ...(tolerations.length ? { tolerations } : {}) },
    };
  };

  // Half the runs fill an entry's unknown verdicts in one pass when many are (COLUMN_FILL), half compute each in the scan.
  it('pods of five shapes through node and pod changes between cycles', () => {
    let computed = 0;
    let reused = 0;
    let filled = 0;
    let fills = 0;
    let rejected = 0;
    let changes = 0;
    let added = 0;
    fc.assert(
      fc.property(
        clusterSpec(20, 70, 1, 4),
        fc.array(fc.record({ shape: fc.nat(4), tolerates: fc.nat(3).map((x) => x === 0), change }), { minLength: 20, maxLength: 60 }),
        fc.constantFrom(...CONFIGS),
        fc.boolean(),
        (c, steps, config, fill) => {
          COLUMN_FILL.enabled = fill;
          const on = scheduler(c, config, true);
          const off = scheduler(c, config, true);
          const kOn = kernelOf(on.s);
          const late: [CycleResult, CycleResult][] = [];
          steps.forEach((st, i) => {
            for (const x of [on, off]) {
              const snap = x.cluster.snapshot;
              const nodes = snap.nodeInfoList();
              const ch = st.change;
              if (ch.kind === 'none' || nodes.length === 0) continue;
              const ni = nodes[ch.at % nodes.length];
              const node = ni.node;
              if (ch.kind === 'cordon') snap.updateNode({ ...node, spec: { ...node.spec, unschedulable: !node.spec?.unschedulable } });
              else if (ch.kind === 'taint') snap.updateNode({ ...node, spec: { ...node.spec, taints: ch.value < 2 ? [] : [{ key: 'a', value: 'x', effect: ch.value < 4 ? 'NoSchedule' : 'PreferNoSchedule' }] } });
              else if (ch.kind === 'resize') {
                const r = { cpu: ['1', '2', '4', '500m', '3', '8'][ch.value], memory: ['1Gi', '2Gi', '4Gi', '512Mi', '3Gi', '8Gi'][ch.value], pods: ch.value === 3 ? '1' : '110', 'ephemeral-storage': ch.value < 3 ? '2Gi' : '512Mi' };
                snap.updateNode({ ...node, status: { ...node.status, allocatable: r, capacity: r } });
              } else if (ch.kind === 'remove') snap.removeNode(ni.name);
              else if (ch.kind === 'add') {
                const name = `extra${i}`;
                const r = { cpu: ['1', '2', '4', '500m', '3', '8'][ch.value], memory: '4Gi', pods: '110' };
                snap.addNode({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { [HOST]: name } }, spec: {}, status: { allocatable: r, capacity: r } });
                if (x === on) added++;
              } else if (ch.kind === 'unbind' && ni.pods.length > 0) snap.removePod(ni.pods[ch.value % ni.pods.length]);
              if (x === on) changes++;
            }
            const tolerations: Toleration[] = st.tolerates ? [{ key: 'a', operator: 'Exists' }] : [];
            const pa = new PodInfo(shapePod(i, st.shape, tolerations), 1000 + i);
            const pb = new PodInfo(shapePod(i, st.shape, tolerations), 1000 + i);
            const ra = on.s.scheduleOne(pa);
            SHAPE_VERDICTS.enabled = false;
            const rb = off.s.scheduleOne(pb);
            SHAPE_VERDICTS.enabled = true;
            expect(view(rb, off.s)).toEqual(view(ra, on.s));
            if (i % 2 === 0) expect(statuses(rb)).toEqual(statuses(ra));
            else late.push([ra, rb]);
            rejected += ra.diagnosis?.nodeToStatus.size ?? 0;
            for (const [r, x] of [
              [ra, on],
              [rb, off],
            ] as const) {
              for (const v of r.victims ?? []) x.cluster.evictVictim(v, r.pod, r.nominatedNodeName ?? '');
            }
          });
          for (const [ra, rb] of late) expect(statuses(rb)).toEqual(statuses(ra));
          expect(kernelOf(off.s).verdicts.computed + kernelOf(off.s).verdicts.reused).toBe(0);
          computed += kOn.verdicts.computed;
          reused += kOn.verdicts.reused;
          filled += kOn.verdicts.filled;
          fills += kOn.verdicts.fills;
          if (!fill) expect(kOn.verdicts.fills).toBe(0);
        },
      ),
      { numRuns: 120, seed: 41 },
    );
    COLUMN_FILL.enabled = true;
    // Kept verdicts were read far more often than computed, and both happened often, in the scan and by fills.
    expect(computed).toBeGreaterThan(5000);
    expect(filled).toBeGreaterThan(5000);
    expect(fills).toBeGreaterThan(500);
    expect(reused).toBeGreaterThan(3 * computed);
    expect(rejected).toBeGreaterThan(5000);
    expect(changes).toBeGreaterThan(1000);
    expect(added).toBeGreaterThan(50);
  });
});

/** NodeUnschedulable that answers with an error (a status that is no rejection) for some nodes, and rejects others. */
class ErringUnschedulable extends NodeUnschedulablePlugin {
  constructor(private readonly erring: ReadonlySet<string>) {
    super();
  }
  override filter(state: CycleState, pod: PodInfo, ni: NodeInfo): MaybeStatus {
    if (this.erring.has(ni.name)) return new Status(Code.Error, [`broken on ${ni.name}`]);
    // A status of its own per node (so a status read from another pass's log would show).
    if (ni.unschedulable) return unresolvable(`node(s) were unschedulable: ${ni.name}`);
    return null;
  }
}

describe('a Filter status that is no rejection, and statuses kept as objects', () => {
  afterEach(() => {
    FILTER_SCAN.enabled = true;
  });

  /** The scheduler's chunk loop over `filter`, as schedule-one.ts runs it with FILTER_SCAN off. */
  function chunkLoop(k: FusedFilter, plugins: FilterPlugin[], state: CycleState, pod: PodInfo, table: StaticCluster['snapshot']['table'], src: Int32Array, start: number, numToFind: number, d: Diagnosis) {
    const rej = new Rejections().into(d);
    const out = new Int32Array(numToFind);
    let evaluated = 0;
    let found = 0;
    let from = start;
    const numAll = src.length;
    while (evaluated < numAll && found < numToFind) {
      const take = Math.min(numToFind - found, numAll - evaluated);
      const r = k.filter(plugins, state, pod, table, out, take, rej.record, found, src, from);
      from = (from + take) % numAll;
      evaluated += take;
      if (r === undefined) throw new Error('the kernel declined');
      if (typeof r !== 'number') {
        rej.flush();
        return { error: r, evaluated, found: 0 };
      }
      found += r;
    }
    rej.flush();
    return { error: null, evaluated, found, out: Array.from(out.subarray(0, found)) };
  }

  it('stops where the chunk loop stops, with the same error, counter and handed-on rejections', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cordoned: fc.boolean(), erring: fc.nat(9).map((x) => x === 0), full: fc.boolean() }), { minLength: 1, maxLength: 60 }),
        fc.nat(59),
        fc.integer({ min: 1, max: 40 }),
        (specs, startAt, numToFind) => {
          const objects: KubeObject[] = specs.map((s, i) => ({
            apiVersion: 'v1',
            kind: 'Node',
            metadata: { name: `n${i}`, labels: { [HOST]: `n${i}` } },
            spec: s.cordoned ? { unschedulable: true } : {},
            status: { allocatable: { cpu: s.full ? '100m' : '4', memory: '4Gi', pods: '110' }, capacity: { cpu: '4', memory: '4Gi', pods: '110' } },
          }));
          objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'p' }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1' } } }] } } as Pod);
          const cluster = new StaticCluster(objects);
          const erring = new Set(specs.flatMap((s, i) => (s.erring ? [`n${i}`] : [])));
          const plugins: FilterPlugin[] = [new ErringUnschedulable(erring), new NodeResourcesFitPlugin(defaultNodeResourcesFitArgs())];
          const pod = cluster.pending[0];
          const nodes = cluster.snapshot.nodeInfoList();
          const src = cluster.snapshot.nodeSlotList();
          const start = startAt % nodes.length;
          const table = cluster.snapshot.table;
          /** Two passes (two start positions) with one kernel; each Diagnosis read only after both ran. */
          const run = (scan: boolean) => {
            const k = new FusedFilter();
            const passes = [start, (start + 7) % nodes.length].map((from) => {
              const state = new CycleState();
              (plugins[1] as NodeResourcesFitPlugin).preFilter(state, pod);
              const d: Diagnosis = { nodeToStatus: new NodeToStatus(), preFilterMsg: '', postFilterMsg: '', unschedulablePlugins: new Set(['X']) };
              let r: { error: Status | null; evaluated: number; found: number; out?: number[] };
              if (scan) {
                const out = new Int32Array(numToFind);
                const s = k.scan(plugins, state, pod, table, nodes, src, from, numToFind, out, d)!;
                r = { error: s.error, evaluated: s.evaluated, found: s.found, ...(s.error === null ? { out: Array.from(out.subarray(0, s.found)) } : {}) };
              } else r = chunkLoop(k, plugins, state, pod, table, src, from, numToFind, d);
              return {
                error: r.error === null ? null : [r.error.code, r.error.plugin, r.error.message()],
                evaluated: r.evaluated,
                found: r.found,
                out: r.out,
                size: d.nodeToStatus.size,
                plugins: [...d.unschedulablePlugins],
                d,
              };
            });
            return passes.map(({ d, ...rest }) => ({ ...rest, statuses: [...d.nodeToStatus.byNode].map(([n, s]) => [n, s.code, s.plugin, s.message()]) }));
          };
          const a = run(false);
          const b = run(true);
          expect(b).toEqual(a);
          if (a[0].error !== null) errors++;
          if (a[0].statuses.some(([, , p]) => p === 'NodeUnschedulable')) cordonRejections++;
        },
      ),
      { numRuns: 400, seed: 5 },
    );
    expect(errors).toBeGreaterThan(50);
    expect(cordonRejections).toBeGreaterThan(50);
  });
});

let errors = 0;
let cordonRejections = 0;
