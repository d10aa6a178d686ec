import { afterEach, describe, expect, it } from 'vitest';
import type { LabelSelector, TopologySpreadConstraint } from '../../../model/types';
import { Rng } from '../../../random/rng';
import { makeNode, makePod } from '../../../testing/builders';
import { PodInfo } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { SpreadColumns } from './columns';
import { filterConstraints, requiredNodeAffinity } from './constraints';
import type { NodeInfo } from '../../framework/node-info';
import { computePreScoreState, goRound, SLOT_SCORING, type PreScoreState } from './scoring';
import { PreScoreArena } from './prescore-passes';

/** Matching pods per domain value, by value (interner ids differ between column sets). */
function countsByValue(s: PreScoreState): Record<string, number>[] {
  return s.constraints.map((_, k) => {
    const out: Record<string, number> = {};
    const agg = s.counts[k];
    if (agg === null) return out;
    for (let id = 0; id < s.interners[k].size; id++) {
      const v = id < agg.length ? agg[id] : 0;
      if (v !== 0) out[s.interners[k].value(id)] = v;
    }
    return out;
  });
}

/** Each filtered node's recorded hostname count (fHost) is the reference's count at its position. */
function expectHostCountsPerFilteredNode(s: PreScoreState, reference: PreScoreState): number {
  if (s.fHost === null) return 0;
  let checked = 0;
  s.constraints.forEach((_, k) => {
    if (!s.isHostname[k]) return expect(s.fHost![k]).toBeNull();
    for (let i = 0; i < s.fPos.length; i++) {
      if (s.fPos[i] < 0) continue;
      expect(s.fHost![k]![i]).toBe(reference.hostCounts[k]![s.fPos[i]]);
      checked++;
    }
  });
  return checked;
}

/**
 * upstream's Score per filtered node in the node list, from the node's labels and
 * the reference's counts (by value, per position): Σ over the constraints whose key
 * the node has of count × weight + (maxSkew − 1), rounded; 0 when requireAll and a key is missing.
 */
function referenceScores(reference: PreScoreState, filtered: readonly NodeInfo[]): (number | null)[] {
  const byValue = countsByValue(reference);
  return filtered.map((ni, i) => {
    const pos = reference.fPos[i];
    if (pos < 0) return null;
    const labels = ni.labels ?? {};
    const has = (k: string) => typeof labels[k] === 'string';
    if (reference.requireAllTopologies && !reference.constraints.every((c) => has(c.topologyKey))) return 0;
    let score = 0;
    reference.constraints.forEach((c, k) => {
      if (!has(c.topologyKey)) return;
      const cnt = reference.isHostname[k] ? reference.hostCounts[k]![pos] : (byValue[k][labels[c.topologyKey]] ?? 0);
      score += cnt * reference.weights[k] + (c.maxSkew - 1);
    });
    return goRound(score);
  });
}

/** The scores PreScore computed for the filtered nodes in the list (null for the others). */
const scoresOf = (s: PreScoreState) => Array.from(s.fPos, (pos, i) => (pos < 0 ? null : s.fScore![i]));

afterEach(() => {
  SLOT_SCORING.enabled = true;
});

describe('PodTopologySpread PreScore from label postings', () => {
  it('equals the per-node columns across random clusters, constraints and inclusion policies', () => {
    const rng = new Rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const namespaces = ['default', 'ns1'];
    const values = ['a', 'b', 'c'];
    const keys = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'rack'];
    const snapshot = new Snapshot();
    const nodeNames = Array.from({ length: 14 }, (_, i) => `n${i}`);
    const makeRandomNode = (name: string) => {
      const b = makeNode(name);
      if (rng.float() < 0.85) b.zone(pick(['z1', 'z2', 'z3']));
      if (rng.float() < 0.5) b.label('rack', pick(['r1', 'r2']));
      if (rng.float() < 0.3) b.label('disk', pick(['ssd', 'hdd']));
      if (rng.float() < 0.2) b.taint({ key: 'dedicated', value: 'x', effect: pick(['NoSchedule', 'NoExecute', 'PreferNoSchedule'] as const) });
      return b.obj();
    };
    for (const n of nodeNames) snapshot.addNode(makeRandomNode(n));
    const indexed = new SpreadColumns(() => snapshot);
    const plain = new SpreadColumns();
    const bound: PodInfo[] = [];
    let seq = 0;
    let sparseRounds = 0;
    let shared = 0;
    let fHostChecked = 0;
    let scored = 0;
    // One arena for every round, as the plugin keeps it (small, so that it grows too).
    const arena = new PreScoreArena(64);

    for (let round = 0; round < 400; round++) {
      const r = rng.float();
      if (r < 0.6) {
        const b = makePod(`p${seq}`, pick(namespaces)).node(pick(nodeNames));
        for (const k of ['app', 'tier']) if (rng.float() < 0.7) b.label(k, pick(values));
        if (rng.float() < 0.1) b.terminating();
        const pi = new PodInfo(b.obj(), seq++);
        snapshot.addPod(pi);
        bound.push(pi);
      } else if (r < 0.85 && bound.length > 0) {
        const i = Math.floor(rng.float() * bound.length);
        snapshot.removePod(bound[i]);
        bound.splice(i, 1);
      } else if (r < 0.92) {
        const name = pick(nodeNames);
        snapshot.removeNode(name);
        for (let i = bound.length - 1; i >= 0; i--) if (bound[i].nodeName === name) bound.splice(i, 1);
        snapshot.addNode(makeRandomNode(name));
      } else {
        snapshot.updateNode(makeRandomNode(pick(nodeNames)));
      }

      // The pod being scheduled and its constraints.
      const pb = makePod(`incoming${round}`, pick(namespaces)).label('app', pick(values));
      if (rng.float() < 0.5) pb.label('tier', pick(values));
      if (rng.float() < 0.3) pb.toleration({ key: 'dedicated', operator: 'Exists' });
      const pod = pb.obj();
      if (rng.float() < 0.3) pod.spec.nodeSelector = { disk: pick(['ssd', 'hdd']) };
      const specs: TopologySpreadConstraint[] = [];
      const nc = 1 + Math.floor(rng.float() * 2);
      for (let i = 0; i < nc; i++) {
        const sel: LabelSelector = rng.float() < 0.8 ? { matchLabels: { app: pick(values) } } : { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(values)] }] };
        if (rng.float() < 0.3) sel.matchExpressions = [...(sel.matchExpressions ?? []), { key: 'tier', operator: 'NotIn', values: [pick(values)] }];
        specs.push({
          maxSkew: 1 + Math.floor(rng.float() * 3),
          topologyKey: pick(keys),
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: sel,
          ...(rng.float() < 0.3 ? { matchLabelKeys: ['tier'] } : {}),
          ...(rng.float() < 0.4 ? { nodeAffinityPolicy: pick(['Honor', 'Ignore'] as const) } : {}),
          ...(rng.float() < 0.4 ? { nodeTaintsPolicy: pick(['Honor', 'Ignore'] as const) } : {}),
        });
      }
      const pi = new PodInfo(pod, seq++);
      let constraints = filterConstraints(specs, pi.labels, 'ScheduleAnyway');
      // As the default constraints: one selector object for every constraint (one walk of the pods serves them all).
      if (constraints.length > 1 && rng.float() < 0.4) {
        const first = constraints[0];
        constraints = constraints.map((c) => ({ ...c, selector: first.selector, selectorKey: first.selectorKey, equalities: first.equalities }));
        shared++;
      }
      const required = requiredNodeAffinity(pod);
      const requireAll = rng.float() < 0.7;
      const all = snapshot.nodeInfoList();
      const filtered = all.filter(() => rng.float() < 0.7);

      const dense = computePreScoreState(plain, pi, constraints, required, requireAll, all, filtered);
      const sparse = computePreScoreState(indexed, pi, constraints, required, requireAll, all, filtered, null, Infinity);
      if (constraints.every((c) => (c.equalities?.length ?? 0) > 0)) sparseRounds++;
      expect(sparse.weights).toEqual(dense.weights);
      expect(sparse.isHostname).toEqual(dense.isHostname);
      expect(countsByValue(sparse)).toEqual(countsByValue(dense));
      expect(sparse.hostCounts.map((h) => (h === null ? null : Array.from(h.subarray(0, all.length))))).toEqual(
        dense.hostCounts.map((h) => (h === null ? null : Array.from(h.subarray(0, all.length)))),
      );
      fHostChecked += expectHostCountsPerFilteredNode(sparse, dense);
      // The default threshold (an eighth of 14 nodes) takes the columns, with the same result.
      const byDefault = computePreScoreState(indexed, pi, constraints, required, requireAll, all, filtered);
      expect(countsByValue(byDefault)).toEqual(countsByValue(dense));
      // Positions by node-table slot (as the scheduler hands them) give the same per-node data
      // (on the per-position path: slot-scoring.test.ts checks the per-slot one).
      SLOT_SCORING.enabled = false;
      const bySlots = computePreScoreState(indexed, pi, constraints, required, requireAll, all, filtered, Int32Array.from(filtered, (n) => n.slot));
      expect(Array.from(bySlots.fPos)).toEqual(Array.from(dense.fPos));
      expect(bySlots.fDoms.map((d) => Array.from(d))).toEqual(dense.fDoms.map((d) => Array.from(d)));
      expect(bySlots.weights).toEqual(dense.weights);
      expect(countsByValue(bySlots)).toEqual(countsByValue(dense));
      // Every path's per-node scores are upstream's Score.
      const want = referenceScores(dense, filtered);
      for (const s of [dense, sparse, byDefault, bySlots]) expect(scoresOf(s)).toEqual(want);
      // On a reused arena (read before its next use), the same state as on fresh arrays.
      for (const max of [Infinity, undefined]) {
        const reused = computePreScoreState(indexed, pi, constraints, required, requireAll, all, filtered, Int32Array.from(filtered, (n) => n.slot), max, arena);
        expect(scoresOf(reused)).toEqual(want);
        expect(reused.weights).toEqual(dense.weights);
        expect(countsByValue(reused)).toEqual(countsByValue(dense));
        expect(Array.from(reused.fPos)).toEqual(Array.from(dense.fPos));
        expect(reused.fDoms.map((d) => Array.from(d))).toEqual(dense.fDoms.map((d) => Array.from(d)));
        fHostChecked += expectHostCountsPerFilteredNode(reused, dense);
      }
      SLOT_SCORING.enabled = true;
      scored += want.filter((x) => x !== null && x !== 0).length;
    }
    expect(scored).toBeGreaterThan(1000);
    expect(sparseRounds).toBeGreaterThan(250);
    expect(shared).toBeGreaterThan(50);
    expect(fHostChecked).toBeGreaterThan(500);
  });
});
