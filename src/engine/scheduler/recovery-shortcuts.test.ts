/**
 * Lockstep proof of the scheduler's recovery shortcuts: random node kills,
 * restores, drains, cordons, scales and deletions of a cluster large enough
 * for PodTopologySpread's sparse and per-slot paths (96 nodes, 20 of them
 * untainted, 12 Deployments
 * of 4–11 replicas, a Service over some of them, a Deployment pinned by a
 * nodeSelector) give the same writes (with resourceVersions), events and
 * objects with each shortcut on and off.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject, Workload } from '../model/types';
import { deployment, node } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import type { Step } from '../testing/recorded-run';
import { POSTINGS_VIA_POD } from './framework/label-index';
import { PREPARE_SELECTORS } from './informers';
import { forgetParsedSelectors } from './plugins/pod-topology-spread/constraints';
import { SLOT_SCORING } from './plugins/pod-topology-spread/scoring';
import { SPREAD_FOLD } from './plugins/pod-topology-spread/score-fold';
import { SAME_PLAN } from './plugins/pod-topology-spread/pod-topology-spread';
import { TYPED_WALK } from './plugins/pod-topology-spread/slot-scoring';
import { SLOT_VERDICTS } from './plugins/taint-toleration/taint-toleration';
import { scoredRun } from './scored-run';

/** scoredRun over this file's cluster: the recorded run plus every scoring cycle's scores. */
function run(steps: readonly Step[]): ReturnType<typeof scoredRun> {
  return scoredRun(cluster(), steps, 5);
}

/**
 * cluster() plus a Deployment that tolerates the cordon's taint (and may land on
 * cordoned workers): a worker's hard taints then flip between tolerated
 * (cordoned) and untolerated (unreachable) for it, so a stale verdict shows.
 */
function tolerantCluster(): KubeObject[] {
  const tolerant: Workload = deployment('tolerant', 6);
  tolerant.spec.template!.spec!.tolerations = [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }];
  return [...cluster(), tolerant];
}

const NODES = Array.from({ length: 96 }, (_, i) => `node-${i}`);
const APPS = Array.from({ length: 12 }, (_, i) => `app-${i}`);
const WORKERS = 20;

function cluster(): KubeObject[] {
  const out: KubeObject[] = [];
  NODES.forEach((name, i) => {
    // Four zones, a few nodes without one; the pods go to the first 20 nodes, the others
    // are tainted (still in the node list, so the spreading counts stay sparse).
    const labels: Record<string, string> = i % 11 === 5 ? {} : { 'topology.kubernetes.io/zone': `zone-${i % 4}` };
    const n = node(name, i < WORKERS ? { labels } : { labels, taints: [{ key: 'dedicated', value: 'other', effect: 'NoSchedule' }] });
    if (i % 8 === 3) n.status!.allocatable = { cpu: '500m', memory: '1Gi', pods: '110' };
    out.push(n);
  });
  APPS.forEach((app, i) => out.push(deployment(app, 4 + (i % 7))));
  const pinned: Workload = deployment('pinned', 3);
  pinned.spec.template!.spec!.nodeSelector = { 'topology.kubernetes.io/zone': 'zone-1' };
  out.push(pinned);
  out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'front', namespace: 'default' }, spec: { selector: { app: 'app-3' } } } as KubeObject);
  return out;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 60, max: 500 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...NODES.slice(0, WORKERS)).map(f), ['killNode', 'killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.record({ app: fc.constantFrom(...APPS), r: fc.integer({ min: 0, max: 11 }) }).map(({ app, r }): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: app, replicas: r })),
  ),
});

/** stepArb, or a scale of tolerantCluster's Deployment (its cycles are what meet the flipping taints). */
const tolerantStepArb: fc.Arbitrary<Step> = fc.oneof(
  stepArb,
  fc.record({
    wait: fc.integer({ min: 20, max: 200 }).map((s) => s * 1000),
    command: fc.integer({ min: 0, max: 14 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'tolerant', replicas: r })),
  }),
);

describe('the scheduler recovery shortcuts', () => {
  afterEach(() => {
    SLOT_SCORING.enabled = true;
    PREPARE_SELECTORS.enabled = true;
    SLOT_VERDICTS.enabled = true;
    SPREAD_FOLD.enabled = true;
    SAME_PLAN.enabled = true;
    TYPED_WALK.enabled = true;
    POSTINGS_VIA_POD.enabled = true;
  });

  it('PodTopologySpread finds a pod\'s postings through its label set, the binding files it by the keys and set it remembered: the same writes, events, objects and scores as by key strings', () => {
    const taken = POSTINGS_VIA_POD.taken;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 8 }), (steps) => {
        POSTINGS_VIA_POD.enabled = true;
        const a = run(steps);
        POSTINGS_VIA_POD.enabled = false;
        const b = run(steps);
        expect(a.cycles.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }),
      { numRuns: 4, seed: 41 },
    );
    expect(POSTINGS_VIA_POD.taken - taken).toBeGreaterThan(100);
  });

  it('PodTopologySpread walks a posting\'s typed columns: the same writes, events, objects and scores as walking its pods', () => {
    const taken = TYPED_WALK.taken;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 8 }), (steps) => {
        TYPED_WALK.enabled = true;
        const a = run(steps);
        TYPED_WALK.enabled = false;
        const b = run(steps);
        expect(a.cycles.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }),
      { numRuns: 10, seed: 37 },
    );
    expect(TYPED_WALK.taken - taken).toBeGreaterThan(200);
  });

  it('one spreading plan for every list made from the default constraints: the same writes, events, objects and scores as a plan per list', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 8 }), (steps) => {
        SAME_PLAN.enabled = true;
        const a = run(steps);
        SAME_PLAN.enabled = false;
        const b = run(steps);
        expect(a.cycles.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }),
      { numRuns: 6, seed: 31 },
    );
  });

  it('PodTopologySpread folded into the selecting Score loop: the same writes, events, objects and scores as scoring it on its own', () => {
    const taken = SPREAD_FOLD.taken;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 8 }), (steps) => {
        SPREAD_FOLD.enabled = true;
        const a = run(steps);
        SPREAD_FOLD.enabled = false;
        const b = run(steps);
        expect(a.cycles.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }),
      { numRuns: 10, seed: 23 },
    );
    expect(SPREAD_FOLD.taken - taken).toBeGreaterThan(200);
  });

  it('TaintToleration verdicts by the slot\'s taint stamp: the same writes, events, objects and scores as asking the NodeInfo', () => {
    const hits = SLOT_VERDICTS.hits;
    fc.assert(
      fc.property(fc.array(tolerantStepArb, { minLength: 4, maxLength: 12 }), (steps) => {
        SLOT_VERDICTS.enabled = true;
        const a = scoredRun(tolerantCluster(), steps, 5);
        SLOT_VERDICTS.enabled = false;
        const b = scoredRun(tolerantCluster(), steps, 5);
        expect(a.cycles.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }),
      { numRuns: 10, seed: 13 },
    );
    expect(SLOT_VERDICTS.hits - hits).toBeGreaterThan(1000);
  });

  it('PodTopologySpread by slot: the same writes, events and objects as the per-node path', () => {
    const taken = SLOT_SCORING.taken;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 8 }), (steps) => {
        SLOT_SCORING.enabled = true;
        const a = run(steps);
        SLOT_SCORING.enabled = false;
        const b = run(steps);
        expect(a.cycles.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }),
      { numRuns: 12, seed: 42 },
    );
    expect(SLOT_SCORING.taken - taken).toBeGreaterThan(200);
  });

  it('workload selectors parsed as the informers see them: the same writes, events, objects and scores as parsing them in the first cycle', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 3, maxLength: 8 }), (steps) => {
        PREPARE_SELECTORS.enabled = true;
        forgetParsedSelectors();
        const a = run(steps);
        PREPARE_SELECTORS.enabled = false;
        forgetParsedSelectors();
        const b = run(steps);
        expect(a.cycles.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }),
      { numRuns: 8, seed: 11 },
    );
  });
});
