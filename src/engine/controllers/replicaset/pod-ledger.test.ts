import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import { selectorFromSet } from '../../model/labels';
import type { KubeObject, Pod } from '../../model/types';
import type { Store, WatchEvent } from '../../sim/contracts';
import { recordedRun, type Step } from '../../testing/recorded-run';
import { barePod, deployment, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { isPodActive, isPodReady, isPodTerminating } from '../workload/pods';
import { BY_NUMBER, POD_LEDGER, PodLedger, VIA_OWNER } from './pod-ledger';
import { HOLD_BEFORE } from './replicaset-controller';
import { nodeCommands } from '../../testing/node-commands';

interface PodSpec {
  name: string;
  owner: string;
  app: string;
  tier: boolean;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  ready: boolean;
  deleting: boolean;
}

describe('PodLedger', () => {
  const OWNERS = ['u1', 'u2'];
  const podArb = fc.record({
    name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    owner: fc.constantFrom(...OWNERS, 'none', 'job'),
    app: fc.constantFrom('web', 'other'),
    tier: fc.boolean(),
    phase: fc.constantFrom<PodSpec['phase'][]>('Pending', 'Running', 'Succeeded', 'Failed'),
    ready: fc.boolean(),
    deleting: fc.boolean(),
  });
  const toPod = (p: PodSpec): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: 'default',
      uid: `pod-${p.name}`,
      labels: { app: p.app, ...(p.tier ? { tier: 'x' } : {}) },
      ...(p.owner === 'none' ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: p.owner === 'job' ? 'Job' : 'ReplicaSet', name: p.owner === 'job' ? 'j' : `rs-${p.owner}`, uid: p.owner, controller: true }] }),
      ...(p.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: { containers: [] },
    status: { phase: p.phase, conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False' }] },
  });

  afterEach(() => {
    VIA_OWNER.enabled = true;
    BY_NUMBER.enabled = true;
  });

  it('finds the same entries by object number as through the maps, pods sharing a uid included', () => {
    const selector = selectorFromSet({ app: 'web' });
    const template = selectorFromSet({ app: 'web', tier: 'x' });
    // Two pods may carry one uid (a scenario may set uids); numbers are handed out as the store
    // does: one per live pod, reused (last freed first) only after the pod's DELETED event.
    const opArb = fc.tuple(podArb, fc.boolean(), fc.constantFrom('own', 'own', 'shared'));
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), fc.boolean(), (ops, via) => {
        const a = new PodLedger();
        const b = new PodLedger();
        const store = { resourceVersion: '0', list: () => [] } as unknown as Store;
        a.start(store);
        b.start(store);
        const live = new Map<string, { pod: Pod; id: number }>();
        const free: number[] = [];
        let next = 0;
        for (const [p, remove, uidKind] of ops) {
          const pod = toPod(p);
          if (uidKind === 'shared') pod.metadata.uid = 'pod-shared';
          const had = live.get(p.name);
          let e: WatchEvent;
          if (remove && had) {
            live.delete(p.name);
            e = { type: 'DELETED', kind: 'Pod', object: had.pod, id: had.id };
          } else {
            // An update mostly keeps the pod's uid, as the store does; the ledger must not rely on it.
            if (had && uidKind === 'own') pod.metadata.uid = had.pod.metadata.uid;
            const id = had ? had.id : free.length > 0 ? free.pop()! : next++;
            live.set(p.name, { pod, id });
            e = { type: had ? 'MODIFIED' : 'ADDED', kind: 'Pod', object: pod, old: had?.pod, id };
          }
          VIA_OWNER.enabled = via;
          BY_NUMBER.enabled = true;
          const oa = a.observe(e);
          BY_NUMBER.enabled = false;
          const ob = b.observe(e);
          if (e.type === 'DELETED') free.push(e.id!);
          expect([oa?.uid, oa?.name]).toEqual([ob?.uid, ob?.name]);
          for (const uid of OWNERS) {
            expect(a.countsFor(uid, `rs-${uid}`, selector, template)).toEqual(b.countsFor(uid, `rs-${uid}`, selector, template));
            expect(new Set(a.podsOf(uid))).toEqual(new Set(b.podsOf(uid)));
          }
        }
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it.each([true, false])('counts what calculateStatus counts over the pods each ReplicaSet controls, through random creates, updates and deletes (entries found through their owner: %s)', (via) => {
    VIA_OWNER.enabled = via;
    const selector = selectorFromSet({ app: 'web' });
    const template = selectorFromSet({ app: 'web', tier: 'x' });
    fc.assert(
      fc.property(fc.array(fc.tuple(podArb, fc.boolean()), { minLength: 1, maxLength: 40 }), (ops) => {
        const ledger = new PodLedger();
        const live = new Map<string, Pod>();
        let rv = 0;
        const store = { resourceVersion: '0', list: () => [] } as unknown as Store;
        ledger.start(store);
        for (const [p, remove] of ops) {
          const pod = toPod(p);
          const had = live.get(p.name);
          let e: WatchEvent;
          if (remove && had) {
            live.delete(p.name);
            e = { type: 'DELETED', kind: 'Pod', object: had };
          } else {
            live.set(p.name, pod);
            e = { type: had ? 'MODIFIED' : 'ADDED', kind: 'Pod', object: pod, old: had };
          }
          ledger.observe(e);
          rv++;
          for (const uid of OWNERS) {
            const owned = [...live.values()].filter((x) => x.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet' && x.metadata.ownerReferences[0].uid === uid);
            const counts = ledger.countsFor(uid, `rs-${uid}`, selector, template);
            if (owned.some((x) => !selector.matches(x.metadata.labels))) {
              expect(counts).toBeUndefined();
              continue;
            }
            const active = owned.filter(isPodActive);
            expect(counts).toEqual({
              active: active.length,
              terminating: owned.filter(isPodTerminating).length,
              ready: active.filter(isPodReady).length,
              labeled: active.filter((x) => template.matches(x.metadata.labels)).length,
            });
            expect(new Set(ledger.podsOf(uid))).toEqual(new Set(owned));
          }
        }
        expect(ledger.current({ resourceVersion: String(rv) } as Store)).toBe(true);
        expect(ledger.current({ resourceVersion: String(rv + 1) } as Store)).toBe(false);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('keeps what podsOf returned when held, through random creates, updates, re-owning and deletes after it', () => {
    const opArb = fc.tuple(podArb, fc.boolean());
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 20 }), fc.array(opArb, { maxLength: 20 }), fc.constantFrom(...OWNERS), (first, then, held) => {
        const ledger = new PodLedger();
        ledger.start({ resourceVersion: '0', list: () => [] } as unknown as Store);
        const live = new Map<string, { pod: Pod; id: number }>();
        let next = 0;
        const play = ([p, remove]: [PodSpec, boolean]) => {
          const pod = toPod(p);
          const had = live.get(p.name);
          if (remove && had) {
            live.delete(p.name);
            ledger.observe({ type: 'DELETED', kind: 'Pod', object: had.pod, id: had.id });
          } else {
            const id = had ? had.id : next++;
            live.set(p.name, { pod, id });
            ledger.observe({ type: had ? 'MODIFIED' : 'ADDED', kind: 'Pod', object: pod, old: had?.pod, id });
          }
        };
        first.forEach(play);
        const before = ledger.podsOf(`${held}`);
        ledger.hold(held);
        then.forEach(play);
        expect(new Set(ledger.heldPods())).toEqual(new Set(before));
        expect(ledger.heldPods().length).toBe(before.length);
        ledger.release();
      }),
      { numRuns: 400, seed: 17 },
    );
  });

  it('declines a ReplicaSet whose pods name it by another name', () => {
    const ledger = new PodLedger();
    ledger.start({ resourceVersion: '0', list: () => [] } as unknown as Store);
    const pod = toPod({ name: 'a', owner: 'u1', app: 'web', tier: false, phase: 'Running', ready: true, deleting: false });
    ledger.observe({ type: 'ADDED', kind: 'Pod', object: pod });
    const sel = selectorFromSet({ app: 'web' });
    expect(ledger.countsFor('u1', 'rs-u1', sel, sel)).toEqual({ active: 1, terminating: 0, ready: 1, labeled: 1 });
    expect(ledger.countsFor('u1', 'renamed', sel, sel)).toBeUndefined();
  });
});

/** Every write and event of a run, with the ledger on or off. */
function run(objects: KubeObject[], steps: Step[], ledger: boolean) {
  POD_LEDGER.enabled = ledger;
  return recordedRun(objects, steps, { seed: 5, recordSettling: true });
}

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

/** A ReplicaSet of its own (no Deployment), whose pods and orphans the commands below touch. */
const solo = (replicas: number, tier: boolean, minReadySeconds: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'solo', namespace: 'default' },
  spec: {
    replicas,
    minReadySeconds,
    selector: { matchLabels: { app: 'solo' } },
    template: { metadata: { labels: { app: 'solo', ...(tier ? { tier: 'x' } : {}) } }, spec: { containers: [{ name: 'c', image: 'c:1', resources: { requests: { cpu: '100m' } } }] } },
  },
});
const stray = (i: number, app: string): KubeObject => ({ ...barePod(`stray-${i}`), metadata: { name: `stray-${i}`, namespace: 'default', labels: { app } } });

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 0, max: 120 }).map((s) => s * 1000 + 1),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'uncordon']),
    fc.integer({ min: 0, max: 9 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.integer({ min: 0, max: 6 }).map((r): Command => ({ action: 'scale', kind: 'ReplicaSet', namespace: 'default', name: 'solo', replicas: r })),
    fc.record({ r: fc.integer({ min: 0, max: 6 }), tier: fc.boolean(), min: fc.constantFrom(0, 0, 5) }).map(({ r, tier, min }): Command => ({ action: 'apply', object: solo(r, tier, min) })),
    fc.record({ i: fc.integer({ min: 0, max: 3 }), app: fc.constantFrom('solo', 'solo', 'loner') }).map(({ i, app }): Command => ({ action: 'apply', object: stray(i, app) })),
    fc.integer({ min: 0, max: 3 }).map((i): Command => ({ action: 'deletePod', namespace: 'default', name: `stray-${i}` })),
    fc.constant<Command>({ action: 'apply', object: { ...deployment('web', 5), spec: { ...deployment('web', 5).spec, template: { ...deployment('web', 5).spec.template, metadata: { labels: { app: 'web', v: '2' } } } } } }),
  ),
});

describe('ReplicaSet syncs from the pod ledger', () => {
  afterEach(() => {
    POD_LEDGER.enabled = true;
    VIA_OWNER.enabled = true;
    BY_NUMBER.enabled = true;
    HOLD_BEFORE.enabled = true;
  });

  it('pod entries and queue slots found through the owner: same writes, events and objects as through the maps by uid and key', () => {
    const play = (objects: KubeObject[], steps: Step[], via: boolean) => {
      VIA_OWNER.enabled = via;
      return recordedRun(objects, steps, { seed: 5, recordSettling: true });
    };
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 4 }), (steps, soloReplicas) => {
        const objects = [...section10Cluster(), solo(soloReplicas, false, 0)];
        expect(play(objects, steps, true)).toEqual(play(objects, steps, false));
      }),
      { numRuns: 30, seed: 77 },
    );
  });

  it('the pods from before a sync\'s creates kept by the ledger: same writes, events and objects as listing them up front', () => {
    const play = (objects: KubeObject[], steps: Step[], on: boolean) => {
      HOLD_BEFORE.enabled = on;
      return recordedRun(objects, steps, { seed: 5, recordSettling: true });
    };
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 4 }), (steps, soloReplicas) => {
        const objects = [...section10Cluster(), solo(soloReplicas, false, 0)];
        expect(play(objects, steps, true)).toEqual(play(objects, steps, false));
      }),
      { numRuns: 20, seed: 83 },
    );
  });

  it('pod entries found by object number: same writes, events and objects as through the owner and the map by uid', () => {
    const play = (objects: KubeObject[], steps: Step[], on: boolean) => {
      BY_NUMBER.enabled = on;
      return recordedRun(objects, steps, { seed: 5, recordSettling: true });
    };
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 4 }), (steps, soloReplicas) => {
        const objects = [...section10Cluster(), solo(soloReplicas, false, 0)];
        expect(play(objects, steps, true)).toEqual(play(objects, steps, false));
      }),
      { numRuns: 30, seed: 79 },
    );
  });

  it('random kills, restores, drains, scales, adoptions, releases and template changes: same writes, events and objects as claiming every sync', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 4 }), (steps, soloReplicas) => {
        const objects = [...section10Cluster(), solo(soloReplicas, false, 0)];
        expect(run(objects, steps, true)).toEqual(run(objects, steps, false));
      }),
      { numRuns: 30, seed: 2026 },
    );
  });
});
