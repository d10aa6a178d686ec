/**
 * Lockstep proof of the scheduler's load-time preparation (KubeScheduler.loaded:
 * Snapshot.prepare and the plugins' `prepare`): a cluster loaded with bound pods
 * (some with pod affinity or required anti-affinity), pending pods and Deployments,
 * over three zones and a zoneless node, then random kills, restores, drains, cordons,
 * node additions and deletions and scales, gives the same writes (with
 * resourceVersions), events, objects and scores with the preparation on and off.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import type { KubeObject, Pod } from '../model/types';
import { barePod, deployment, node } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import type { Step } from '../testing/recorded-run';
import { createSimulation } from '../sim/simulation';
import { LOAD_PREPARE } from './scheduler-component';
import { scoredRun } from './scored-run';
import type { Scheduler } from './schedule-one';

const NODES = Array.from({ length: 14 }, (_, i) => `node-${i}`);
const APPS = ['web', 'api', 'db'];

function cluster(): KubeObject[] {
  const out: KubeObject[] = [];
  NODES.forEach((name, i) => {
    const labels: Record<string, string> = i === 9 ? {} : { 'topology.kubernetes.io/zone': `zone-${i % 3}` };
    out.push(node(name, i === 13 ? { labels, taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } : { labels }));
  });
  APPS.forEach((app, i) => out.push(deployment(app, 3 + 2 * i)));
  // Bound at load (the preparation's case), a few with inter-pod (anti-)affinity; two pending.
  for (let j = 0; j < 24; j++) {
    const p: Pod = barePod(`loose-${j}`, j < 22 ? NODES[(j * 5) % 13] : undefined);
    p.metadata.labels = { app: `loose-${j % 4}`, tier: j % 2 ? 'a' : 'b' };
    if (j % 6 === 1) {
      p.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: `loose-${j % 4}` } }, topologyKey: 'kubernetes.io/hostname' }] } };
    } else if (j % 6 === 4) {
      p.spec.affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { tier: 'a' } }, topologyKey: 'topology.kubernetes.io/zone' } }] } };
    }
    out.push(p);
  }
  return out;
}

function run(steps: readonly Step[]): ReturnType<typeof scoredRun> {
  return scoredRun(cluster(), steps, 11);
}

const extra = (i: number): Command => ({ action: 'addNode', object: node(`extra-${i}`, { labels: { 'topology.kubernetes.io/zone': `zone-${i % 4}` } }) });

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 0, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...NODES).map(f), ['killNode', 'killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 2 }).map(extra),
    fc.constantFrom(...NODES, 'extra-0').map((n): Command => ({ action: 'deleteNode', node: n })),
    fc.record({ app: fc.constantFrom(...APPS), r: fc.integer({ min: 0, max: 9 }) }).map(({ app, r }): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: app, replicas: r })),
  ),
});

describe('the scheduler prepared at load', () => {
  afterEach(() => {
    LOAD_PREPARE.enabled = true;
  });

  it('gives the same writes, events, objects and scores as preparing nothing', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 7 }), (steps) => {
        LOAD_PREPARE.enabled = true;
        const a = run(steps);
        LOAD_PREPARE.enabled = false;
        const b = run(steps);
        expect(a.cycles.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }),
      { numRuns: 25, seed: 3 },
    );
  });

  it('builds the node list once, at load', () => {
    const sim = createSimulation({ seed: 1 });
    sim.load(cluster());
    const sched = sim.components.find((c) => c.name === 'kube-scheduler') as unknown as { scheduler: Scheduler };
    const snapshot = sched.scheduler.snapshot;
    const list = (snapshot as unknown as { list: unknown }).list;
    expect(list).not.toBeNull();
    expect(snapshot.nodeInfoList()).toBe(list);
    expect(snapshot.nodeInfoList().map((n) => n.name)).toHaveLength(NODES.length);
  });
});
