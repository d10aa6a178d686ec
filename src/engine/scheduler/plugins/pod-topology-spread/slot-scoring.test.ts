import { afterEach, describe, expect, it } from 'vitest';
import type { TopologySpreadConstraint } from '../../../model/types';
import { Rng } from '../../../random/rng';
import { makeNode, makePod } from '../../../testing/builders';
import type { NodeInfo } from '../../framework/node-info';
import { PodInfo } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { SpreadColumns } from './columns';
import { filterConstraints, requiredNodeAffinity, type Constraint } from './constraints';
import { PreScoreArena } from './prescore-passes';
import { computePreScoreState, goRound, SLOT_SCORING, type PreScoreState } from './scoring';
import { scoreBySlot } from './slot-scoring';

afterEach(() => {
  SLOT_SCORING.enabled = true;
});

/** Matching pods per domain value, by value. */
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

/** upstream's Score of each filtered node (all in the list), from its labels and the reference state's counts. */
function upstreamScores(ref: PreScoreState, filtered: readonly NodeInfo[], all: readonly NodeInfo[]): number[] {
  const byValue = countsByValue(ref);
  return filtered.map((ni) => {
    const labels = ni.labels ?? {};
    let score = 0;
    ref.constraints.forEach((c, k) => {
      if (typeof labels[c.topologyKey] !== 'string') return;
      const cnt = ref.isHostname[k] ? ref.hostCounts[k]![all.indexOf(ni)] : (byValue[k][labels[c.topologyKey]] ?? 0);
      score += cnt * ref.weights[k] + (c.maxSkew - 1);
    });
    return goRound(score);
  });
}

const hostCountsOf = (s: PreScoreState, n: number) => s.hostCounts.map((h) => (h === null ? null : Array.from(h.subarray(0, n))));

describe('PodTopologySpread PreScore and Score by slot', () => {
  it('equals the per-node path across random clusters, default-like constraints and list changes', () => {
    const rng = new Rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)];
    const namespaces = ['default', 'ns1'];
    const apps = ['a', 'b', 'c'];
    const snapshot = new Snapshot();
    const nodeNames = Array.from({ length: 24 }, (_, i) => `n${i}`);
    const makeRandomNode = (name: string) => {
      const b = makeNode(name);
      const r = rng.float();
      // Zones, a zone label of "" (the same domain as a missing one), no zone; some without a hostname.
      if (r < 0.8) b.zone(pick(['z1', 'z2', 'z3', 'z4']));
      else if (r < 0.88) b.zone('');
      const node = b.obj();
      if (rng.float() < 0.05) delete node.metadata.labels!['kubernetes.io/hostname'];
      if (rng.float() < 0.3) node.metadata.labels!.rack = pick(['r1', 'r2']);
      return node;
    };
    for (const n of nodeNames) snapshot.addNode(makeRandomNode(n));
    const cols = new SpreadColumns(() => snapshot);
    const plain = new SpreadColumns();
    const arena = new PreScoreArena(64);
    const bound: PodInfo[] = [];
    let seq = 0;
    let slotRounds = 0;
    let fallbacks = 0;
    let earlyStops = 0;
    let scored = 0;

    for (let round = 0; round < 600; round++) {
      // The cluster changes between cycles: pods come and go, nodes are updated, removed and added back (slots reused).
      for (let c = 0; c < 3; c++) {
        const r = rng.float();
        if (r < 0.55) {
          const b = makePod(`p${seq}`, pick(namespaces)).node(pick(nodeNames)).label('app', pick(apps));
          if (rng.float() < 0.5) b.label('pod-template-hash', pick(['h1', 'h2']));
          if (rng.float() < 0.15) b.terminating();
          const pi = new PodInfo(b.obj(), seq++);
          if (snapshot.addPod(pi)) bound.push(pi);
        } else if (r < 0.85 && bound.length > 0) {
          const i = Math.floor(rng.float() * bound.length);
          snapshot.removePod(bound[i]);
          bound.splice(i, 1);
        } else if (r < 0.92) {
          const name = pick(nodeNames);
          snapshot.removeNode(name);
          for (let i = bound.length - 1; i >= 0; i--) if (bound[i].nodeName === name) bound.splice(i, 1);
          snapshot.addNode(makeRandomNode(name));
        } else snapshot.updateNode(makeRandomNode(pick(nodeNames)));
      }

      const app = pick(apps);
      const pb = makePod(`incoming${round}`, pick(namespaces)).label('app', app);
      const pod = pb.obj();
      if (rng.float() < 0.15) pod.spec.nodeSelector = { rack: 'r1' };
      const matchLabels: Record<string, string> = { app };
      if (rng.float() < 0.5) matchLabels['pod-template-hash'] = pick(['h1', 'h2']);
      const keys = rng.float() < 0.8 ? ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'] : [pick(['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'rack'])];
      const specs: TopologySpreadConstraint[] = keys.map((topologyKey) => ({
        maxSkew: 1 + Math.floor(rng.float() * 5),
        topologyKey,
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels },
        ...(rng.float() < 0.1 ? { nodeTaintsPolicy: 'Honor' as const } : {}),
        ...(rng.float() < 0.3 ? { nodeAffinityPolicy: pick(['Honor', 'Ignore'] as const) } : {}),
      }));
      const pi = new PodInfo(pod, seq++);
      let constraints: Constraint[] = filterConstraints(specs, pi.labels, 'ScheduleAnyway');
      // As the system defaults: one selector object and equalities list for all (mostly).
      if (constraints.length > 1 && rng.float() < 0.9) {
        const first = constraints[0];
        constraints = constraints.map((c) => ({ ...c, selector: first.selector, selectorKey: first.selectorKey, equalities: first.equalities }));
      }
      const required = requiredNodeAffinity(pod);
      const all = snapshot.nodeInfoList();
      const filtered = rng.float() < 0.2 ? all.slice() : all.filter(() => rng.float() < 0.5);
      if (filtered.length === 0) continue;
      // The scheduler hands the nodes over from a rotating start.
      const start = Math.floor(rng.float() * filtered.length);
      const rotated = filtered.slice(start).concat(filtered.slice(0, start));
      const slots = Int32Array.from(rotated, (n) => n.slot);

      const dense = computePreScoreState(plain, pi, constraints, required, false, all, rotated);
      const viaSlots = computePreScoreState(cols, pi, constraints, required, false, all, rotated, slots, Infinity, arena);
      if (viaSlots.slot === null) {
        fallbacks++;
        continue;
      }
      slotRounds++;
      expect(viaSlots.weights).toEqual(dense.weights);
      expect(countsByValue(viaSlots)).toEqual(countsByValue(dense));
      expect(hostCountsOf(viaSlots, all.length)).toEqual(hostCountsOf(dense, all.length));
      const distinctZones = new Set(rotated.map((n) => n.labels?.['topology.kubernetes.io/zone'] ?? '')).size;
      const allZones = new Set(all.map((n) => n.labels?.['topology.kubernetes.io/zone'] ?? '')).size;
      if (distinctZones === allZones && rotated.length > allZones + 2) earlyStops++;

      const want = upstreamScores(dense, rotated, all);
      const out = new Array<number>(rotated.length).fill(-1);
      scoreBySlot(viaSlots.constraints, viaSlots.isHostname, viaSlots.weights, viaSlots.counts, viaSlots.slot, rotated.length, out);
      expect(out).toEqual(want);
      // score() per node reads the same state.
      expect(rotated.map((ni) => scoreOne(viaSlots, ni, pi))).toEqual(want);
      scored += want.filter((x) => x !== 0).length;
    }
    expect(slotRounds).toBeGreaterThan(300);
    expect(fallbacks).toBeGreaterThan(30);
    expect(earlyStops).toBeGreaterThan(100);
    expect(scored).toBeGreaterThan(3000);
  });
});

/** PodTopologySpreadPlugin.score's arithmetic over a state (per-position hostname counts, counts by domain). */
function scoreOne(s: PreScoreState, ni: NodeInfo, pod: PodInfo): number {
  void pod;
  let score = 0;
  s.constraints.forEach((c, k) => {
    const v = ni.labels?.[c.topologyKey];
    if (typeof v !== 'string') return;
    let cnt: number;
    if (s.isHostname[k]) cnt = s.hostCounts[k]![s.positions.get(ni)!];
    else {
      const id = s.interners[k].lookup(v);
      cnt = id >= 0 ? s.counts[k]![id] : 0;
    }
    score += cnt * s.weights[k] + (c.maxSkew - 1);
  });
  return goRound(score);
}
