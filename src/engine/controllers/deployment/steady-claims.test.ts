import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject } from '../../model/types';
import { createSimulation } from '../../sim/simulation';
import type { Step } from '../../testing/recorded-run';
import { nodeCommands } from '../../testing/node-commands';
import { deployment, section10Cluster } from '../node-lifecycle/cluster-fixture';
import type { ReplicaSet } from '../replicaset/replicaset-controller';
import { tracedSyncs } from './traced-syncs';
import { SteadyClaims, STEADY_CLAIMS } from './steady-claims';
import { writtenRun } from './written-run';


/** Every write (with resourceVersions, and what Deployment and ReplicaSet writes wrote), event and object of a run, with the kept claims on or off. */
function run(objects: KubeObject[], steps: Step[], kept: boolean) {
  STEADY_CLAIMS.enabled = kept;
  return writtenRun(objects, steps, 11);
}

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

/** A ReplicaSet of no Deployment, labelled `app` (an orphan that `web` adopts when it is `web`). */
const loose = (app: string, replicas: number, ownedByWeb = false): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'loose',
    namespace: 'default',
    labels: { app },
    ...(ownedByWeb ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }] } : {}),
  },
  spec: {
    replicas,
    selector: { matchLabels: { app } },
    template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'c:1', resources: { requests: { cpu: '100m' } } }] } },
  },
});

const webV = (replicas: number, v: number, annotated: boolean): KubeObject => {
  const d = deployment('web', replicas);
  const spec = d.spec as { template: { metadata: { labels: Record<string, string> } } };
  return {
    ...d,
    metadata: { ...d.metadata, ...(annotated ? { annotations: { team: 'blue' } } : {}) },
    spec: { ...d.spec, progressDeadlineSeconds: 120, template: { ...spec.template, metadata: { labels: { app: 'web', ...(v > 1 ? { v: String(v) } : {}) } } } },
  };
};

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 0, max: 200 }).map((s) => s * 1000 + 1),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.record({ r: fc.integer({ min: 1, max: 7 }), v: fc.integer({ min: 1, max: 2 }), a: fc.boolean() }).map(({ r, v, a }): Command => ({ action: 'apply', object: webV(r, v, a) })),
    fc.record({ app: fc.constantFrom('web', 'other'), r: fc.integer({ min: 0, max: 2 }), owned: fc.boolean() }).map(({ app, r, owned }): Command => ({ action: 'apply', object: loose(app, r, owned) })),
    fc.integer({ min: 0, max: 3 }).map((r): Command => ({ action: 'scale', kind: 'ReplicaSet', namespace: 'default', name: 'loose', replicas: r })),
  ),
});

describe('kept Deployment claims', () => {
  afterEach(() => {
    STEADY_CLAIMS.enabled = true;
  });

  it('a Deployment that lost pods to a dead node: same writes, events and objects as claiming every sync', () => {
    const steps: Step[] = [
      { wait: 610_000, command: { action: 'killNode', node: 'worker-2' } },
      { wait: 400_000, command: { action: 'restoreNode', node: 'worker-2' } },
      { wait: 100_000, command: { action: 'killNode', node: 'worker-3' } },
      { wait: 400_000, command: null },
    ];
    const objects = [...section10Cluster(), deployment('api', 4)];
    const proto = SteadyClaims.prototype;
    const lookup = proto.replicaSetFor;
    let hits = 0;
    proto.replicaSetFor = function (...args) {
      const rs = lookup.apply(this, args);
      if (rs !== undefined) hits++;
      return rs;
    };
    try {
      const a = run(objects, steps, true);
      expect(a.writes.filter((w) => w.includes(' Deployment ')).length).toBeGreaterThan(15);
      expect(hits).toBeGreaterThan(10);
      expect(a).toEqual(run(objects, steps, false));
    } finally {
      proto.replicaSetFor = lookup;
    }
  });

  it('random kills, restores, drains, scales, template and annotation changes, orphans adopted, owned and stray ReplicaSets: same as claiming every sync', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), fc.boolean(), (steps, late) => {
        const objects = [...section10Cluster(), deployment('api', 3)];
        const all: Step[] = late ? [{ wait: 600_000, command: null }, ...steps] : steps;
        expect(run(objects, all, true)).toEqual(run(objects, all, false));
      }),
      { numRuns: 40, seed: 7117 },
    );
  });

  it("a ReplicaSet's desired-replicas annotation changed behind the Deployment's back: the next sync sees the scaling event", () => {
    // A scaling event takes dc.sync (no Progressing update, no re-queue) instead of the rollout: the syncs differ.
    const play = (kept: boolean) => {
      STEADY_CLAIMS.enabled = kept;
      const { result, syncs } = tracedSyncs(() => playOnce());
      return { ...result, syncs };
    };
    const playOnce = () => {
      const sim = createSimulation({ seed: 2 });
      sim.load([...section10Cluster()]);
      sim.advanceTo(700_000);
      sim.dispatch({ action: 'killNode', node: 'worker-2' });
      sim.advanceBy(60_000);
      const rs = sim.store.list<ReplicaSet>('ReplicaSet').find((r) => r.metadata.name?.startsWith('web-'))!;
      const annotations = { ...rs.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': '4' };
      sim.store.update({ ...rs, metadata: { ...rs.metadata, annotations } });
      sim.advanceBy(400_000);
      return { events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()) };
    };
    const a = play(true);
    expect(a.syncs.length).toBeGreaterThan(100);
    expect(a).toEqual(play(false));
  });

  it('forgets a Deployment when another ReplicaSet names it or an orphan changes, not on a status write', () => {
    const claims = new SteadyClaims();
    const d = webV(3, 1, false) as never as Parameters<SteadyClaims['note']>[1];
    const rs = { ...(loose('web', 3, true) as ReplicaSet), metadata: { ...(loose('web', 3, true) as ReplicaSet).metadata, uid: 'u' } };
    const stored = new Map<string, ReplicaSet>([['loose', rs]]);
    const store = { get: (_k: string, _ns: string, name: string) => stored.get(name) } as never;
    claims.note('default/web', d, rs);
    expect(claims.replicaSetFor('default/web', d, store)).toBe(rs);
    const statusOnly = { ...rs, metadata: { ...rs.metadata }, status: { replicas: 2 } } as ReplicaSet;
    stored.set('loose', statusOnly);
    claims.observe({ type: 'MODIFIED', kind: 'ReplicaSet', object: statusOnly, old: rs });
    expect(claims.replicaSetFor('default/web', d, store)).toBe(statusOnly);
    claims.observe({ type: 'ADDED', kind: 'ReplicaSet', object: { ...rs, metadata: { ...rs.metadata, name: 'other' } } });
    expect(claims.replicaSetFor('default/web', d, store)).toBeUndefined();
    claims.note('default/web', d, statusOnly);
    claims.observe({ type: 'ADDED', kind: 'ReplicaSet', object: loose('web', 1) });
    expect(claims.replicaSetFor('default/web', d, store)).toBeUndefined();
    claims.note('default/web', d, statusOnly);
    const relabelled = { ...statusOnly, metadata: { ...statusOnly.metadata, labels: { app: 'web' } } } as ReplicaSet;
    stored.set('loose', relabelled);
    expect(claims.replicaSetFor('default/web', d, store)).toBeUndefined();
  });
});
