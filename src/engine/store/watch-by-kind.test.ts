/**
 * Delivery by kind: a handler subscribed with `kinds` is called for events of those kinds
 * only, and every handler an event reaches sees it in subscription order, as when every
 * handler saw every event. With delivery by kind on and off, random cluster runs must make
 * the same writes (with resourceVersions), events and objects.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import type { WatchEvent } from '../sim/contracts';
import { deployment, pdb, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { recordedRun, type Step } from '../testing/recorded-run';
import { ObjectStore, WATCH_BY_KIND } from './object-store';

const KINDS = ['Pod', 'Node', 'ReplicaSet', 'Lease'];
const newStore = () => new ObjectStore({ clock: new VirtualClock(), rng: new Rng(1), config: defaultControlPlaneConfig() });
const obj = (kind: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(kind === 'Node' ? {} : { namespace: 'default' }) },
  ...(kind === 'Pod' ? { spec: { containers: [{ name: 'c' }] } } : {}),
});

type Op = { op: 'create' | 'update' | 'remove'; kind: string; name: string } | { op: 'unwatch'; handler: number };

/** Plays writes against handlers subscribed with the given kinds (undefined: all); returns the calls `handler:event`, in order. */
function play(subs: (string[] | undefined)[], ops: Op[], writeFromHandler: boolean): string[] {
  const store = newStore();
  const calls: string[] = [];
  const unsubscribe = subs.map((kinds, i) =>
    store.watch((e: WatchEvent) => {
      if (kinds !== undefined && !kinds.includes(e.kind)) return; // what a handler that ignores other kinds does
      calls.push(`${i}:${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion ?? ''}`);
      // A handler that writes: its notifications are queued behind the current one.
      const lease = `from-${e.kind}-${e.object.metadata.name}`;
      if (writeFromHandler && i === 0 && e.type === 'ADDED' && e.kind !== 'Lease' && !store.get('Lease', 'default', lease)) store.create(obj('Lease', lease));
    }, WATCH_BY_KIND.enabled ? kinds : undefined),
  );
  for (const o of ops) {
    if (o.op === 'unwatch') {
      unsubscribe[o.handler % subs.length]();
      continue;
    }
    const there = store.get(o.kind, 'default', o.name) !== undefined;
    if (o.op === 'create' && !there) store.create(obj(o.kind, o.name));
    else if (o.op === 'update' && there) {
      const cur = store.get(o.kind, 'default', o.name)!;
      store.update({ ...cur, metadata: { ...cur.metadata, labels: { n: String(calls.length) } } });
    }
    else if (o.op === 'remove') store.remove(o.kind, 'default', o.name);
  }
  return calls;
}

const subsArb = fc.array(fc.option(fc.subarray(KINDS), { nil: undefined }), { minLength: 1, maxLength: 6 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ op: fc.constantFrom('create' as const, 'update' as const, 'remove' as const), kind: fc.constantFrom(...KINDS), name: fc.constantFrom('a', 'b') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unwatch' as const), handler: fc.nat() }) },
);

describe('watch delivery by kind', () => {
  afterEach(() => {
    WATCH_BY_KIND.enabled = true;
  });

  it('calls a handler only for its kinds, in subscription order among the handlers an event reaches', () => {
    const store = newStore();
    const seen: string[] = [];
    store.watch((e) => seen.push(`all ${e.kind}`));
    store.watch((e) => seen.push(`pods ${e.kind}`), ['Pod']);
    store.watch((e) => seen.push(`nodes+pods ${e.kind}`), ['Node', 'Pod']);
    store.create(obj('Node', 'n'));
    store.create(obj('Pod', 'p'));
    store.create(obj('ReplicaSet', 'r'));
    expect(seen).toEqual(['all Node', 'nodes+pods Node', 'all Pod', 'pods Pod', 'nodes+pods Pod', 'all ReplicaSet']);
  });

  it('a handler subscribed or unsubscribed during delivery takes effect from the next event, as before', () => {
    const store = newStore();
    const seen: string[] = [];
    let late: (() => void) | undefined;
    const first = store.watch((e) => {
      seen.push(`first ${e.object.metadata.name}`);
      if (e.object.metadata.name === 'a') {
        late = store.watch((x) => seen.push(`late ${x.object.metadata.name}`), ['Pod']);
        store.create(obj('Pod', 'b'));
      }
    }, ['Pod']);
    store.watch((e) => seen.push(`second ${e.object.metadata.name}`), ['Pod']);
    store.create(obj('Pod', 'a'));
    first();
    late!();
    store.create(obj('Pod', 'c'));
    expect(seen).toEqual(['first a', 'second a', 'first b', 'second b', 'late b', 'second c']);
  });

  it('random subscriptions and writes: every handler sees the same events in the same order as with delivery to all (property)', () => {
    fc.assert(
      fc.property(subsArb, fc.array(opArb, { maxLength: 30 }), fc.boolean(), (subs, ops, writeFromHandler) => {
        WATCH_BY_KIND.enabled = true;
        const a = play(subs, ops, writeFromHandler);
        WATCH_BY_KIND.enabled = false;
        const b = play(subs, ops, writeFromHandler);
        expect(a).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });

  const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
  const stepArb: fc.Arbitrary<Step> = fc.record({
    wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
    command: fc.oneof(
      fc.constant(null),
      ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
      fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
      fc.integer({ min: 0, max: 4 }).map((r): Command => ({ action: 'scale', kind: 'StatefulSet', namespace: 'default', name: 'db', replicas: r })),
      fc.constant<Command>({ action: 'apply', object: deployment('api', 3) }),
      fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'debug' }),
      fc.constant<Command>({ action: 'deleteNode', node: 'worker-3' }),
    ),
  });

  it('random kills, restores, drains, scales and deletes: same writes, events and objects with and without delivery by kind', () => {
    const cluster = () => [...section10Cluster(), pdb('web-pdb', 'web', { minAvailable: 4 })];
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        WATCH_BY_KIND.enabled = true;
        const a = recordedRun(cluster(), steps, { seed: 5, recordSettling: true });
        WATCH_BY_KIND.enabled = false;
        const b = recordedRun(cluster(), steps, { seed: 5, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 23 },
    );
  });
});
