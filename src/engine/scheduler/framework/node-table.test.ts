import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Taint } from '../../model/types';
import { Rng } from '../../random/rng';
import { makeNode, makePod } from '../../testing/builders';
import { defaultNormalizeScore, normalizeCounts } from '../plugins/helpers/normalize-score';
import { scale100 } from '../plugins/helpers/resource-allocation';
import {
  CHANGE_LOG_SIZE,
  F_HARD_TAINT, F_IMAGES, F_PODS_FULL, F_PREFER_TAINT, F_UNSCHEDULABLE, R_ALLOC_CPU, R_ALLOC_MEM, R_FREE_CPU, R_FREE_MEM, R_NZ_CPU, R_NZ_MEM,
  R_REQ_CPU, R_REQ_MEM, REC, type NodeTable,
} from './node-table';
import type { NodeInfo } from './node-info';
import { PodInfo } from './pod-info';
import { Snapshot } from './snapshot';

/** What the table must hold for a NodeInfo, read from the NodeInfo itself. */
function expected(ni: NodeInfo) {
  const hard = ni.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  const prefer = ni.taints.filter((t) => t.effect === 'PreferNoSchedule').length;
  return [
    ni.allocatable.milliCPU, ni.allocatable.memory, ni.allocatable.ephemeralStorage, ni.allocatable.allowedPodNumber,
    ni.requested.milliCPU, ni.requested.memory, ni.requested.ephemeralStorage,
    ni.allocatable.milliCPU - ni.requested.milliCPU, ni.allocatable.memory - ni.requested.memory, ni.allocatable.ephemeralStorage - ni.requested.ephemeralStorage,
    ni.nonZeroRequested.milliCPU, ni.nonZeroRequested.memory, ni.pods.length,
    (ni.unschedulable ? F_UNSCHEDULABLE : 0) | (hard ? F_HARD_TAINT : 0) | (prefer > 0 ? F_PREFER_TAINT : 0) | (ni.imageSizes.size > 0 ? F_IMAGES : 0) |
      (ni.pods.length + 1 > ni.allocatable.allowedPodNumber ? F_PODS_FULL : 0),
    prefer,
  ];
}

function row(t: NodeTable, s: number) {
  return [
    t.allocCpu[s], t.allocMem[s], t.allocEph[s], t.allocPods[s], t.reqCpu[s], t.reqMem[s], t.reqEph[s],
    t.freeCpu[s], t.freeMem[s], t.freeEph[s], t.nzCpu[s], t.nzMem[s], t.podCount[s], t.flags[s], t.preferTaints[s],
  ];
}

/** A slot's interleaved record (NodeTable.rec), by R_* offset. */
function record(t: NodeTable, s: number) {
  return Array.from(t.rec.subarray(s * REC, (s + 1) * REC));
}

/** What the record must hold: the columns of the same names, at their R_* offsets. */
function recordOfColumns(t: NodeTable, s: number) {
  const r = new Array<number>(REC).fill(NaN);
  r[R_FREE_CPU] = t.freeCpu[s];
  r[R_FREE_MEM] = t.freeMem[s];
  r[R_ALLOC_CPU] = t.allocCpu[s];
  r[R_ALLOC_MEM] = t.allocMem[s];
  r[R_NZ_CPU] = t.nzCpu[s];
  r[R_NZ_MEM] = t.nzMem[s];
  r[R_REQ_CPU] = t.reqCpu[s];
  r[R_REQ_MEM] = t.reqMem[s];
  return r;
}

function checkTable(snap: Snapshot) {
  const t = snap.table;
  const list = snap.nodeInfoList();
  expect(t.size).toBe(list.length);
  expect([...snap.nodeSlotList()]).toEqual(list.map((n) => n.slot));
  for (const ni of list) {
    expect(ni.table).toBe(t);
    expect(t.infos[ni.slot]).toBe(ni);
    expect(row(t, ni.slot)).toEqual(expected(ni));
    expect(record(t, ni.slot)).toEqual(recordOfColumns(t, ni.slot));
  }
  for (const f of [F_UNSCHEDULABLE, F_HARD_TAINT, F_PREFER_TAINT, F_IMAGES, F_PODS_FULL]) {
    expect(t.count(f)).toBe(list.filter((n) => (expected(n)[13] & f) !== 0).length);
  }
}

/** Each live slot's NodeInfo, numbers and stamp (NodeTable.gen). */
function stampedRows(snap: Snapshot) {
  return new Map(snap.nodeInfoList().map((ni) => [ni.slot, { ni, row: [...row(snap.table, ni.slot), ...record(snap.table, ni.slot)], gen: snap.table.gen[ni.slot] }]));
}

/**
 * A slot whose node or numbers changed has a new stamp; live stamps are
 * positive and distinct; with `changes` and `epoch` (the table's before the
 * step), every slot whose stamp moved is in the change log since, unless the
 * stamps were numbered afresh.
 */
function checkStamps(snap: Snapshot, before: ReturnType<typeof stampedRows>, changes?: number, epoch?: number) {
  const after = stampedRows(snap);
  const t = snap.table;
  const logged = new Set<number>();
  for (let c = changes ?? t.changes; c < t.changes; c++) logged.add(t.changeLog[c & (CHANGE_LOG_SIZE - 1)]);
  for (const [slot, a] of after) {
    const b = before.get(slot);
    if (b === undefined || b.ni !== a.ni || JSON.stringify(b.row) !== JSON.stringify(a.row)) expect(a.gen).not.toBe(b?.gen);
    // (Numbering afresh moves every stamp unlogged; the epoch tells the caches to forget everything then.)
    if (changes !== undefined && epoch === t.genEpoch && a.gen !== b?.gen) expect(logged.has(slot)).toBe(true);
  }
  const gens = [...after.values()].map((a) => a.gen);
  expect([new Set(gens).size, gens.every((g) => g > 0)]).toEqual([after.size, true]);
}

const taints: Taint[] = [
  { key: 'a', effect: 'NoSchedule' },
  { key: 'b', effect: 'PreferNoSchedule' },
  { key: 'c', effect: 'NoExecute' },
  { key: 'd', effect: 'PreferNoSchedule' },
];

function node(name: string, v: number): Node {
  const b = makeNode(name).capacity({ cpu: `${1 + (v % 7)}`, memory: `${1 + (v % 5)}Gi`, 'ephemeral-storage': v % 3 ? '10Gi' : '0', pods: `${v % 4 ? 110 : 2}` });
  if (v & 1) b.unschedulable();
  for (let i = 0; i < taints.length; i++) if ((v >> (i + 1)) & 1) b.taint(taints[i]);
  if ((v >> 5) & 1) b.image(['nginx:1.25'], 1e8);
  return b.obj();
}

describe('NodeTable', () => {
  it('mirrors every NodeInfo of the snapshot through node and pod changes; clones never write to it', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('addNode' as const), n: fc.nat(7), v: fc.nat(63) }),
      fc.record({ k: fc.constant('removeNode' as const), n: fc.nat(7) }),
      fc.record({ k: fc.constant('addPod' as const), n: fc.nat(7), p: fc.nat(30), v: fc.nat(9) }),
      fc.record({ k: fc.constant('removePod' as const), p: fc.nat(30) }),
      fc.record({ k: fc.constant('clone' as const), n: fc.nat(7), p: fc.nat(30) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const snap = new Snapshot();
        for (const o of ops) {
          const before = stampedRows(snap);
          const [changes, epoch] = [snap.table.changes, snap.table.genEpoch];
          if (o.k === 'addNode') snap.addNode(node(`n${o.n}`, o.v));
          else if (o.k === 'removeNode') snap.removeNode(`n${o.n}`);
          else if (o.k === 'addPod') {
            if (snap.get(`n${o.n}`) && !snap.nodeOfPod(`default/p${o.p}`)) {
              const b = makePod(`p${o.p}`).node(`n${o.n}`);
              if (o.v > 0) b.req({ cpu: `${o.v * 100}m`, ...(o.v % 2 ? { memory: `${o.v}00Mi` } : {}), ...(o.v % 3 ? {} : { 'ephemeral-storage': '1Gi' }) });
              else b.container();
              snap.addPod(b.info());
            }
          } else if (o.k === 'removePod') snap.removePod(makePod(`p${o.p}`).info());
          else {
            const ni = snap.get(`n${o.n}`);
            if (ni) {
              const before = row(snap.table, ni.slot);
              const c = ni.clone();
              expect(c.table).toBeNull();
              c.addPod(makePod(`clone-${o.p}`).node(ni.name).req({ cpu: '1' }).info());
              if (c.pods.length > 1) c.removePod(c.pods[0]);
              expect(row(snap.table, ni.slot)).toEqual(before);
            }
          }
          checkTable(snap);
          checkStamps(snap, before, changes, epoch);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('moves a slot’s stamp on every change of its node or pods (few pod names: removals find their pod)', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('addPod' as const), n: fc.nat(2), p: fc.nat(5), v: fc.nat(9) }),
      fc.record({ k: fc.constant('removePod' as const), p: fc.nat(5) }),
      fc.record({ k: fc.constant('updateNode' as const), n: fc.nat(2), v: fc.nat(63) }),
      fc.record({ k: fc.constant('replaceNode' as const), n: fc.nat(2), v: fc.nat(63) }),
    );
    let [removals, wraps] = [0, 0];
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 40 }), fc.oneof(fc.constant(-1), fc.nat(30)), (ops, stampsLeft) => {
        const snap = new Snapshot(); // near the counter's limit, stamps are numbered afresh (distinct; the epoch moves)
        if (stampsLeft >= 0) snap.table.lastGen = 0x7fffffff - stampsLeft;
        for (let n = 0; n < 3; n++) snap.addNode(node(`n${n}`, n));
        for (const o of ops) {
          const before = stampedRows(snap);
          const [changes, epoch] = [snap.table.changes, snap.table.genEpoch];
          if (o.k === 'addPod') {
            if (!snap.nodeOfPod(`default/p${o.p}`)) snap.addPod(makePod(`p${o.p}`).node(`n${o.n}`).req({ cpu: `${o.v * 100}m` }).info());
          } else if (o.k === 'removePod') {
            if (snap.nodeOfPod(`default/p${o.p}`)) removals++;
            snap.removePod(makePod(`p${o.p}`).info());
          } else if (o.k === 'updateNode') snap.updateNode(node(`n${o.n}`, o.v));
          else {
            snap.removeNode(`n${o.n}`);
            snap.addNode(node(`n${o.n}`, o.v));
          }
          checkStamps(snap, before, changes, epoch);
        }
        wraps += snap.table.genEpoch;
      }),
    ); // fast-check's default 100 runs
    expect([removals > 40, wraps > 10]).toEqual([true, true]);
  });

  it('reuses freed slots', () => {
    const snap = new Snapshot();
    snap.addNode(node('a', 0));
    snap.addNode(node('b', 0));
    const slotA = snap.get('a')!.slot;
    snap.removeNode('a');
    snap.addNode(node('c', 2));
    expect(snap.get('c')!.slot).toBe(slotA);
    checkTable(snap);
  });
});

/** The generator as it was before its state moved into a typed array. */
class ReferenceRng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }
  nextUint32(): number {
    const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
    const r = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }
  intn(n: number): number {
    if (n <= 1) return 0;
    const limit = 4294967296 - (4294967296 % n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % n;
  }
}

describe('hot-path arithmetic equals its reference', () => {
  it('Rng: same draws as the reference generator', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.nat().map((x) => 2 ** 31 + x)), { maxLength: 200 }), (seed, ns) => {
        const a = new Rng(seed);
        const b = new ReferenceRng(seed);
        for (const n of ns) {
          expect(a.intn(n)).toBe(b.intn(n));
          expect(a.nextUint32()).toBe(b.nextUint32());
        }
      }),
    );
  });

  it('scale100 is floor(a·100 / c) exactly', () => {
    const big = fc.bigInt({ min: 0n, max: 2n ** 60n });
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), big.map(Number)), fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.maxSafeNat().map((x) => x + 1)), (a, c) => {
        if (!Number.isSafeInteger(a)) return;
        expect(scale100(a, c)).toBe(Number((BigInt(a) * 100n) / BigInt(c)));
      }),
      { numRuns: 2000 },
    );
  });

  it('defaultNormalizeScore and normalizeCounts equal the plain int64 rescaling', () => {
    const reference = (maxPriority: number, reverse: boolean, scores: number[]) => {
      let max = 0;
      for (const v of scores) if (v > max) max = v;
      return scores.map((v) => {
        if (max === 0) return reverse ? maxPriority : v;
        const p = maxPriority * v;
        const s = Number.isSafeInteger(p) ? Math.trunc(p / max) : Number((BigInt(maxPriority) * BigInt(v)) / BigInt(max));
        return reverse ? maxPriority - s : s;
      });
    };
    const show = (xs: number[]) => xs.map((v) => (Object.is(v, -0) ? '-0' : v));
    const score = fc.oneof(fc.nat(5), fc.nat(2000), fc.integer({ min: -5, max: 5 }), fc.constant(-0), fc.maxSafeNat());
    fc.assert(
      fc.property(fc.array(score, { maxLength: 30 }), fc.boolean(), fc.constantFrom(10, 100), (scores, reverse, mp) => {
        const got = scores.slice();
        defaultNormalizeScore(mp, reverse, got);
        expect(show(got)).toEqual(show(reference(mp, reverse, scores)));
      }),
      { numRuns: 1000 },
    );
    // Counts with a known maximum, with the lookup table reused across calls of different maxima.
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(40), { maxLength: 20 }), { maxLength: 6 }), fc.boolean(), (batches, reverse) => {
        for (const counts of batches) {
          const got = counts.slice();
          normalizeCounts(100, reverse, got, Math.max(0, ...counts));
          expect(got).toEqual(reference(100, reverse, counts));
        }
      }),
    );
  });

  it('PodInfo requests reach the table unchanged', () => {
    const snap = new Snapshot();
    snap.addNode(makeNode('n').capacity({ cpu: '2', memory: '1Gi' }).obj());
    snap.addPod(new PodInfo(makePod('p').node('n').req({ cpu: '1500m' }).obj()));
    const ni = snap.get('n')!;
    expect(snap.table.reqCpu[ni.slot]).toBe(1500);
    expect(snap.table.nzMem[ni.slot]).toBe(ni.nonZeroRequested.memory);
  });
});
