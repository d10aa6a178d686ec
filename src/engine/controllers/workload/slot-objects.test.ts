/**
 * The ReplicaSet and Deployment controllers read the object they sync (and the ReplicaSet
 * handler its ReplicaSet's minReadySeconds) from the queue slot their watch events keep
 * (sync-queue.ts SLOT_OBJECTS) instead of fetching it by namespace and name. Checked two ways:
 * every object read from a slot is the very object the store holds at that moment, and random
 * runs (node kills, scales, rollouts with old ReplicaSets cleaned up and recreated under the same
 * name, ReplicaSets and Deployments removed and re-applied, minReadySeconds changed) give the same
 * writes, with what each Deployment and ReplicaSet write wrote, events and objects with and without.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject } from '../../model/types';
import { createSimulation, type Simulation } from '../../sim/simulation';
import { nodeCommands } from '../../testing/node-commands';
import { deployment, section10Cluster } from '../node-lifecycle/cluster-fixture';
import type { ReplicaSet } from '../replicaset/replicaset-controller';
import { SLOT_OBJECTS, SyncQueue } from './sync-queue';

afterEach(() => {
  SLOT_OBJECTS.enabled = true;
});

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

/** `web` at a template version, with a history limit of 0 (old ReplicaSets are removed once scaled down) and minReadySeconds. */
const webV = (replicas: number, v: number, minReady: number): KubeObject => {
  const d = deployment('web', replicas);
  const spec = d.spec as { template: { metadata: { labels: Record<string, string> } } };
  return {
    ...d,
    spec: {
      ...d.spec,
      revisionHistoryLimit: 0,
      minReadySeconds: minReady,
      template: { ...spec.template, metadata: { labels: { app: 'web', ...(v > 1 ? { v: String(v) } : {}) } } },
    },
  };
};

type Op = { kind: 'command'; command: Command } | { kind: 'removeReplicaSet' } | { kind: 'removeDeployment'; name: string } | { kind: 'none' };
interface Step {
  wait: number;
  op: Op;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'none' }),
  ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'uncordon']).map((a) => a.map((command): Op => ({ kind: 'command', command }))),
  fc.integer({ min: 0, max: 7 }).map((r): Op => ({ kind: 'command', command: { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r } })),
  fc
    .record({ r: fc.integer({ min: 1, max: 6 }), v: fc.integer({ min: 1, max: 3 }), m: fc.constantFrom(0, 0, 5, 30) })
    .map(({ r, v, m }): Op => ({ kind: 'command', command: { action: 'apply', object: webV(r, v, m) } })),
  fc.constant<Op>({ kind: 'removeReplicaSet' }),
  fc.constantFrom('web', 'api').map((name): Op => ({ kind: 'removeDeployment', name })),
  fc.constant<Op>({ kind: 'command', command: { action: 'apply', object: deployment('api', 2) } }),
);

const stepArb: fc.Arbitrary<Step> = fc.record({ wait: fc.integer({ min: 0, max: 150 }).map((s) => s * 1000 + (s % 3) * 7), op: opArb });

function play(sim: Simulation, op: Op, writes: string[]): void {
  if (op.kind === 'command') {
    try {
      sim.dispatch(op.command);
    } catch (e) {
      writes.push(`refused: ${(e as Error).message}`);
    }
  } else if (op.kind === 'removeReplicaSet') {
    // The newest ReplicaSet of `web` goes (as a garbage collector or a user would remove it); its Deployment makes it again.
    const rs = sim.store.list<ReplicaSet>('ReplicaSet').filter((r) => r.metadata.name?.startsWith('web-')).pop();
    if (rs) sim.store.remove('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '');
  } else if (op.kind === 'removeDeployment') {
    sim.store.remove('Deployment', 'default', op.name);
  }
}

/** Every write (Deployment and ReplicaSet writes with their spec and status), the events and the objects of a run. */
function run(steps: readonly Step[], slots: boolean): { writes: string[]; events: string; objects: string } {
  SLOT_OBJECTS.enabled = slots;
  const sim = createSimulation({ seed: 13 });
  const writes: string[] = [];
  sim.store.watch((e) => {
    const o = e.object as KubeObject & { spec?: unknown; status?: unknown };
    const what = e.kind === 'Deployment' || e.kind === 'ReplicaSet' ? ` ${JSON.stringify(o.spec)} ${JSON.stringify(o.status)}` : '';
    writes.push(`${sim.time} ${e.type} ${e.kind} ${o.metadata.name} ${o.metadata.resourceVersion ?? ''}${what}`);
  });
  sim.load(cluster());
  sim.advanceTo(40_000);
  for (const s of steps) {
    sim.advanceBy(s.wait);
    play(sim, s.op, writes);
  }
  return { writes, events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()) };
}

/** The section-10 cluster with `web` as webV has it, and `api`. */
const cluster = (): KubeObject[] => [
  ...section10Cluster().filter((o) => !(o.kind === 'Deployment' && o.metadata.name === 'web')),
  webV(5, 1, 0),
  deployment('api', 3),
];

const KIND_OF: Record<string, string> = { 'replicaset-controller': 'ReplicaSet', 'deployment-controller': 'Deployment' };

describe('objects read from the sync queue slots', () => {
  it('every object a sync reads from its slot is the one the store holds', () => {
    const proto = SyncQueue.prototype as unknown as { currentLatest(): unknown };
    const original = proto.currentLatest;
    let sim: Simulation | undefined;
    let reads = 0;
    const wrong: string[] = [];
    proto.currentLatest = function (this: { label: string; current: { key: string } | null }) {
      const obj = original.call(this) as KubeObject | undefined;
      const kind = KIND_OF[this.label];
      if (obj !== undefined && kind !== undefined && sim !== undefined && this.current !== null) {
        reads++;
        const [ns, name] = this.current.key.split('/');
        if (sim.store.get(kind, ns, name) !== obj) wrong.push(`${sim.time} ${kind} ${this.current.key}`);
      }
      return obj;
    };
    try {
      fc.assert(
        fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
          sim = createSimulation({ seed: 3 });
          const writes: string[] = [];
          sim.load(cluster());
          sim.advanceTo(40_000);
          for (const s of steps) {
            sim.advanceBy(s.wait);
            play(sim, s.op, writes);
          }
          sim.advanceBy(400_000);
        }),
        { numRuns: 25, seed: 4242 },
      );
    } finally {
      proto.currentLatest = original;
      sim = undefined;
    }
    expect(reads).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it('a rollout whose old ReplicaSets are removed and made again under the same name, with removals: same as fetching', () => {
    const steps: Step[] = [
      { wait: 30_000, op: { kind: 'command', command: { action: 'apply', object: webV(5, 2, 0) } } },
      { wait: 120_000, op: { kind: 'command', command: { action: 'apply', object: webV(5, 1, 5) } } },
      { wait: 0, op: { kind: 'removeReplicaSet' } },
      { wait: 60_000, op: { kind: 'command', command: { action: 'killNode', node: 'worker-2' } } },
      { wait: 0, op: { kind: 'removeDeployment', name: 'api' } },
      { wait: 1_000, op: { kind: 'command', command: { action: 'apply', object: deployment('api', 2) } } },
      { wait: 400_000, op: { kind: 'command', command: { action: 'restoreNode', node: 'worker-2' } } },
      { wait: 200_000, op: { kind: 'none' } },
    ];
    const a = run(steps, true);
    expect(a.writes.filter((w) => w.includes(' ReplicaSet ')).length).toBeGreaterThan(40);
    expect(a.writes.some((w) => w.includes('DELETED ReplicaSet'))).toBe(true);
    expect(a).toEqual(run(steps, false));
  });

  it('random kills, drains, scales, rollouts, removals and re-applies: same writes, events and objects as fetching', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
        const all = [...steps, { wait: 400_000, op: { kind: 'none' } as Op }];
        expect(run(all, true)).toEqual(run(all, false));
      }),
      { numRuns: 40, seed: 9001 },
    );
  });
});
