/**
 * Proof that the Filter kernel's memo of its slow nodes' verdicts
 * (filter-memo.ts) changes no result: small clusters that fill up are
 * scheduled in lockstep by the reference (every plugin's own filter, no
 * kernels), the kernels with the memo and the kernels without it, while nodes
 * are cordoned, tainted, resized, added and removed and pods leave between
 * cycles. Pod shapes differ in one request at a time (cpu, memory, ephemeral
 * storage) and in their tolerations (none, the NoSchedule taint, the
 * NoExecute taint, the cordon, every effect of a key), so a memo keyed on too
 * little, or not forgetting a slot that changed, shows as a different status
 * or node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, Taint, Toleration } from '../../model/types';
import { Rng } from '../../random/rng';
import { StaticCluster } from '../batch';
import { resolveConfig } from '../framework/config';
import { CHANGE_LOG_SIZE, NodeTable } from '../framework/node-table';
import { NodeInfo } from '../framework/node-info';
import { inTreeRegistry } from '../plugins/registry';
import { Scheduler, type CycleResult } from '../schedule-one';
import type { FusedFilter } from './filter-kernel';
import { FilterMemo, PASSES, UNKNOWN } from './filter-memo';

const TAINTS: Taint[] = [
  { key: 'a', value: 'x', effect: 'NoSchedule' },
  { key: 'b', value: '', effect: 'NoExecute' },
  { key: 'c', value: '', effect: 'PreferNoSchedule' },
];
const TOLERATIONS: (Toleration[] | undefined)[] = [
  undefined,
  [{ key: 'a', operator: 'Equal', value: 'x', effect: 'NoSchedule' }],
  [{ key: 'b', operator: 'Exists', effect: 'NoExecute' }],
  [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
  [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }],
  [],
];
const CPU = ['250m', '500m', '1'];
const MEM = [undefined, '256Mi', '1Gi'];
const EPH = [undefined, '2Gi'];

interface NodeSpec {
  cpu: string;
  memory: string;
  eph: string;
  pods: string;
  taints: number[];
  cordoned: boolean;
}

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  cpu: fc.constantFrom('1', '2', '4'),
  memory: fc.constantFrom('1Gi', '2Gi', '4Gi'),
  eph: fc.constantFrom('1Gi', '10Gi'),
  pods: fc.constantFrom('2', '3', '110'),
  taints: fc.array(fc.nat(TAINTS.length - 1), { maxLength: 2 }),
  cordoned: fc.nat(5).map((x) => x === 0),
});

interface PodSpec {
  cpu: number;
  mem: number;
  eph: number;
  tol: number;
}

const podSpec: fc.Arbitrary<PodSpec> = fc.record({
  cpu: fc.nat(CPU.length - 1),
  mem: fc.nat(MEM.length - 1),
  eph: fc.nat(5).map((x) => (x === 0 ? 1 : 0)),
  tol: fc.nat(TOLERATIONS.length - 1),
});

/** A pod: the cluster's base shape, or the base with one field changed (so that verdicts are read back, and a key missing a field shows). */
const variant = fc.record({ field: fc.nat(7), value: fc.nat(100) });

function shapeOf(base: PodSpec, v: { field: number; value: number }): PodSpec {
  const s = { ...base };
  if (v.field === 4) s.cpu = v.value % CPU.length;
  else if (v.field === 5) s.mem = v.value % MEM.length;
  else if (v.field === 6) s.eph = v.value % EPH.length;
  else if (v.field === 7) s.tol = v.value % TOLERATIONS.length;
  return s;
}

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
}

const clusterSpec = (minNodes: number, maxNodes: number, pods: number): fc.Arbitrary<ClusterSpec> =>
  fc.record({
    nodes: fc.array(nodeSpec, { minLength: minNodes, maxLength: maxNodes }),
    pods: fc.tuple(podSpec, fc.array(variant, { minLength: pods, maxLength: pods })).map(([base, vs]) => vs.map((v) => shapeOf(base, v))),
    changes: fc.array(change, { minLength: pods, maxLength: pods }),
    seed: fc.nat(1000),
  });

function node(name: string, s: NodeSpec): Node {
  const alloc = { cpu: s.cpu, memory: s.memory, 'ephemeral-storage': s.eph, pods: s.pods };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { ...(s.taints.length ? { taints: s.taints.map((t) => ({ ...TAINTS[t] })) } : {}), ...(s.cordoned ? { unschedulable: true } : {}) },
    status: { allocatable: alloc, capacity: alloc },
  };
}

function pod(i: number, s: PodSpec): Pod {
  const requests: Record<string, string> = { cpu: CPU[s.cpu] };
  if (MEM[s.mem] !== undefined) requests.memory = MEM[s.mem]!;
  if (EPH[s.eph] !== undefined) requests['ephemeral-storage'] = EPH[s.eph]!;
  const tolerations = TOLERATIONS[s.tol];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${i}`, namespace: 'default', uid: `p${i}` },
    // A fresh tolerations array per pod, as every replica has its own spec.
    spec: { containers: [{ name: 'c', image: 'redis', resources: { requests } }], ...(tolerations ? { tolerations: JSON.parse(JSON.stringify(tolerations)) as Toleration[] } : {}) },
  };
}

type Mode = 'reference' | 'memo' | 'plain';
type Built = { cluster: StaticCluster; s: Scheduler; filter: FusedFilter | undefined };

function scheduler(c: ClusterSpec, mode: Mode): Built {
  const registry = inTreeRegistry();
  const objects: KubeObject[] = [...c.nodes.map((n, i) => node(`n${i}`, n)), ...c.pods.map((p, i) => pod(i, p))];
  const cluster = new StaticCluster(objects);
  const s = new Scheduler(resolveConfig(undefined, registry), registry, { snapshot: cluster.snapshot, listers: cluster, cluster, rng: new Rng(c.seed) }, mode !== 'reference');
  const fwk = [...s.frameworks.values()][0];
  if (mode === 'reference') for (const pl of fwk.pluginsMap.values()) Object.assign(pl, { filterAll: undefined, scoreAll: undefined });
  const filter = fwk.fused?.filterKernel as FusedFilter | undefined;
  if (filter && mode === 'plain') filter.useMemo = false;
  return { cluster, s, filter };
}

function view(r: CycleResult) {
  return {
    node: r.nodeName,
    message: r.message,
    code: r.status?.code ?? null,
    scored: r.scored?.nodes.map((n) => n.name),
    unschedulablePlugins: r.diagnosis ? [...r.diagnosis.unschedulablePlugins].sort() : undefined,
    statuses: r.diagnosis ? [...r.diagnosis.nodeToStatus.byNode].map(([n, s]) => [n, s.code, s.plugin, s.reasons.join('|')]) : undefined,
  };
}

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
    const v = ch.value % 3;
    const a = { ...n.status?.allocatable };
    if (v === 0) a.cpu = String(1 + (ch.value % 4));
    else if (v === 1) a.memory = `${1 + (ch.value % 4)}Gi`;
    else a['ephemeral-storage'] = `${1 + (ch.value % 12)}Gi`;
    n.status = { ...n.status, allocatable: a, capacity: a };
  }
  snap.updateNode(n);
}

const tally = { kept: 0, reused: 0, cycles: 0, failed: 0 };

function lockstep(c: ClusterSpec): void {
  const all = (['reference', 'memo', 'plain'] as const).map((m) => scheduler(c, m));
  const [a, m, p] = all;
  for (let i = 0; i < a.cluster.pending.length; i++) {
    const results = all.map((x) => x.s.scheduleOne(x.cluster.pending[i]));
    const va = view(results[0]);
    expect(view(results[1])).toEqual(va);
    expect(view(results[2])).toEqual(va);
    expect(m.s.nextStartNodeIndex).toBe(a.s.nextStartNodeIndex);
    expect(p.s.nextStartNodeIndex).toBe(a.s.nextStartNodeIndex);
    expect(m.s.nodeEvaluations).toBe(p.s.nodeEvaluations);
    if (results[0].nodeName === null) tally.failed++;
    all.forEach((x) => apply(x, c.changes[i], i));
    tally.cycles++;
  }
  tally.kept += m.filter!.memo.kept;
  tally.reused += m.filter!.memo.reused;
  expect(p.filter!.memo.kept + p.filter!.memo.reused).toBe(0);
}

describe('the Filter kernel’s verdict memo ≡ the plugins’ own filters, through cluster changes', () => {
  it('small clusters that fill up: same node, message, statuses and start index every cycle', () => {
    fc.assert(
      fc.property(clusterSpec(2, 10, 40), (c) => lockstep(c)),
      { numRuns: 50 },
    );
    expect(tally.kept).toBeGreaterThan(800);
    expect(tally.reused).toBeGreaterThan(1500);
    // Cycles that fail (every node rejected: the whole diagnosis compared).
    expect(tally.failed).toBeGreaterThan(200);
  });

  it('100+ nodes: early stops and the rotating start index', () => {
    fc.assert(
      fc.property(clusterSpec(100, 120, 60), (c) => lockstep(c)),
      { numRuns: 6 },
    );
  });
});

describe('FilterMemo', () => {
  function table(n: number): { t: NodeTable; infos: NodeInfo[] } {
    const t = new NodeTable();
    const infos: NodeInfo[] = [];
    for (let i = 0; i < n; i++) {
      const ni = new NodeInfo();
      ni.setNode(node(`n${i}`, { cpu: '4', memory: '4Gi', eph: '10Gi', pods: '110', taints: [], cordoned: false }));
      t.attach(ni);
      infos.push(ni);
    }
    return { t, infos };
  }

  it('forgets the slots whose stamp moved since the entry was last taken, and keeps the others', () => {
    const { t, infos } = table(4);
    const memo = new FilterMemo();
    const codes = memo.entryFor('k', t).codes;
    codes.fill(PASSES, 0, 4);
    t.updatePods(infos[2]);
    const again = memo.entryFor('k', t).codes;
    expect(Array.from(again.subarray(0, 4))).toEqual([PASSES, PASSES, UNKNOWN, PASSES]);
    // Another shape has its own verdicts.
    expect(Array.from(memo.entryFor('other', t).codes.subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });

  it('forgets every slot past the change log, and when the stamps are numbered afresh', () => {
    const { t, infos } = table(3);
    const memo = new FilterMemo();
    memo.entryFor('k', t).codes.fill(PASSES, 0, 3);
    for (let i = 0; i <= CHANGE_LOG_SIZE; i++) t.updatePods(infos[1]);
    expect(Array.from(memo.entryFor('k', t).codes.subarray(0, 3))).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
    memo.entryFor('k', t).codes.fill(PASSES, 0, 3);
    t.lastGen = 0x7fffffff;
    const epoch = t.genEpoch;
    t.updatePods(infos[0]);
    expect(t.genEpoch).toBe(epoch + 1);
    expect(Array.from(memo.entryFor('k', t).codes.subarray(0, 3))).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
  });

  it('keeps 32 shapes, then reuses the oldest entry for a new one', () => {
    const { t } = table(2);
    const memo = new FilterMemo();
    for (let k = 0; k < 32; k++) memo.entryFor(`s${k}`, t).codes.fill(PASSES, 0, 2);
    expect(memo.entryFor('s0', t).codes[1]).toBe(PASSES);
    memo.entryFor('new', t);
    expect(memo.entryFor('new', t).codes[1]).toBe(UNKNOWN);
    // s0 was the oldest: it starts over; s1 … s31 keep their verdicts.
    expect(memo.entryFor('s0', t).codes[1]).toBe(UNKNOWN);
    expect(memo.entryFor('s31', t).codes[1]).toBe(PASSES);
  });

  it('gives one code per plugin and status', () => {
    const memo = new FilterMemo();
    const s1 = { code: 2 } as never;
    const s2 = { code: 3 } as never;
    const c1 = memo.codeOf(1, s1);
    expect(memo.codeOf(1, s1)).toBe(c1);
    expect(memo.codeOf(2, s1)).not.toBe(c1);
    expect(memo.codeOf(1, s2)).not.toBe(c1);
    expect(memo.codePlugin[c1 - 1]).toBe(1);
    expect(memo.codeStatus[c1 - 1]).toBe(s1);
  });
});
