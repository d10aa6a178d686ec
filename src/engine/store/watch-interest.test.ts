/**
 * Delivery by interest: a watcher that declares which changes (and which controller kinds)
 * it reacts to is called only for the events that meet that interest, in subscription
 * order among the handlers an event reaches. Proved three ways:
 * - the masks against a plain reference (each bit clear only when its field is the same by
 *   `===`; the controller bits from sim/api.ts ownerRefOf);
 * - random subscriptions, interests and pod writes on a bare store: each handler's
 *   deliveries (and the order of all deliveries) with interests on equal the deliveries
 *   with interests off, filtered by the reference masks;
 * - random cluster runs (kills, restores, drains, cordons, deletes, scales, applies, a Job,
 *   a DaemonSet, a StatefulSet, a bare pod, a PDB): the same writes with resourceVersions,
 *   events and objects with interests on and off, and each engine watcher's deliveries with
 *   interests on are its deliveries with them off minus those outside its interest.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject, Pod } from '../model/types';
import { Rng } from '../random/rng';
import { ownerRefOf } from '../sim/api';
import { defaultControlPlaneConfig } from '../sim/config';
import type { WatchEvent, WatchInterest } from '../sim/contracts';
import { createSimulation, type Simulation } from '../sim/simulation';
import { deployment, pdb, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { RUN_DURATION_ANNOTATION } from '../kubelet/exit-annotations';
import { nodeCommands } from '../testing/node-commands';
import type { Step } from '../testing/recorded-run';
import { OTHER_WHEN_DECLARED } from './fan-out';
import { ObjectStore } from './object-store';
import { ANY_CHANGE, ANY_CONTROLLER, Change, Controller, WATCH_INTEREST, changeMask, controllerMask, interestFor } from './watch-interest';
import { KUBELET_INTEREST } from '../kubelet/kubelet-manager';
import { NODE_LIFECYCLE_INTEREST } from '../controllers/node-lifecycle/node-lifecycle-controller';
import { TAINT_EVICTION_INTEREST } from '../controllers/taint-eviction/taint-eviction-controller';
import { POD_GC_INTEREST, createPodGCController } from '../controllers/pod-gc/pod-gc-controller';
import { COMPONENTS } from '../sim/components';
import { DAEMONSET_INTEREST } from '../controllers/daemonset/daemonset-controller';
import { STATEFULSET_INTEREST } from '../controllers/statefulset/statefulset-controller';
import { JOB_INTEREST } from '../controllers/job/job-controller';

afterEach(() => {
  WATCH_INTEREST.enabled = true;
  OTHER_WHEN_DECLARED.enabled = true;
});

// ---- the reference masks ------------------------------------------------------------

type Loose = Record<string, unknown> & { metadata: Record<string, unknown>; spec?: Record<string, unknown>; status?: Record<string, unknown> };

/** Change bits the plain way: every field compared, OTHER from the sets of keys. */
function refChanges(e: WatchEvent): number {
  if (e.type === 'ADDED') return Change.ADDED;
  if (e.type === 'DELETED') return Change.DELETED;
  const o = e.old as unknown as Loose;
  const n = e.object as unknown as Loose;
  let m = 0;
  if (o.spec !== n.spec) m |= Change.SPEC;
  if (o.spec?.nodeName !== n.spec?.nodeName) m |= Change.NODE_NAME;
  if (o.status !== n.status) m |= Change.STATUS;
  if (o.status?.phase !== n.status?.phase) m |= Change.PHASE;
  if (o.metadata.labels !== n.metadata.labels) m |= Change.LABELS;
  if (o.metadata.deletionTimestamp !== n.metadata.deletionTimestamp || o.metadata.deletionGracePeriodSeconds !== n.metadata.deletionGracePeriodSeconds) m |= Change.DELETION;
  if (o.metadata.ownerReferences !== n.metadata.ownerReferences) m |= Change.OWNERS;
  const differs = (a: Record<string, unknown>, b: Record<string, unknown>, skip: string[]) => {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !skip.includes(k)));
    return [...keys].some((k) => !(k in a) || !(k in b) || a[k] !== b[k]);
  };
  if (differs(o, n, ['metadata', 'spec', 'status']) || differs(o.metadata, n.metadata, ['labels', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'resourceVersion'])) m |= Change.OTHER;
  return m;
}

const KIND_BIT: Record<string, number> = { ReplicaSet: Controller.REPLICA_SET, DaemonSet: Controller.DAEMON_SET, StatefulSet: Controller.STATEFUL_SET, Job: Controller.JOB };
const refControllerBit = (obj: KubeObject) => {
  const r = ownerRefOf(obj);
  return r === undefined ? Controller.NONE : (KIND_BIT[r.kind] ?? Controller.OTHER);
};
const refControllers = (e: WatchEvent) => refControllerBit(e.object) | (e.old ? refControllerBit(e.old) : 0);

/** Whether an interest (resolved) takes an event, by the reference masks. */
const takes = (i: { changes: number; controllers: number }, e: WatchEvent) =>
  (i.changes === ANY_CHANGE || (i.changes & refChanges(e)) !== 0) && (i.controllers & refControllers(e)) !== 0;

// ---- random pods and edits ----------------------------------------------------------

const refArb = fc.record({
  kind: fc.constantFrom('ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'Deployment', 'CronJob'),
  name: fc.constantFrom('a', 'b'),
  controller: fc.constantFrom(true, false, undefined),
});
const ownersArb = fc.option(fc.array(refArb, { maxLength: 3 }), { nil: undefined });

/** One edit of a stored pod, as the engine's writers make them (new objects for what changes, the rest shared). */
type Edit =
  | { f: 'nodeName'; v: string | undefined }
  | { f: 'specCopy' }
  | { f: 'phase'; v: string }
  | { f: 'condition'; v: string }
  | { f: 'labels'; v: string | null }
  | { f: 'deletion'; grace: number }
  | { f: 'owners'; v: Array<{ kind: string; name: string; controller?: boolean }> | undefined }
  | { f: 'annotation'; v: string }
  | { f: 'extra'; v: string | undefined }
  | { f: 'same' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ f: fc.constant('nodeName' as const), v: fc.constantFrom('n1', 'n2', undefined) }),
  fc.constant({ f: 'specCopy' as const }),
  fc.record({ f: fc.constant('phase' as const), v: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed') }),
  fc.record({ f: fc.constant('condition' as const), v: fc.constantFrom('True', 'False') }),
  fc.record({ f: fc.constant('labels' as const), v: fc.constantFrom('x', 'y', null) }),
  fc.record({ f: fc.constant('deletion' as const), grace: fc.constantFrom(0, 30) }),
  fc.record({ f: fc.constant('owners' as const), v: ownersArb }),
  fc.record({ f: fc.constant('annotation' as const), v: fc.constantFrom('1', '2') }),
  fc.record({ f: fc.constant('extra' as const), v: fc.constantFrom('e', undefined) }),
  fc.constant({ f: 'same' as const }),
);

function edited(cur: Pod, edits: Edit[]): Pod {
  let p: Pod = { ...cur, metadata: { ...cur.metadata } };
  for (const e of edits) {
    switch (e.f) {
      case 'nodeName':
        p = { ...p, spec: { ...p.spec, nodeName: e.v } };
        if (e.v === undefined) delete p.spec.nodeName;
        break;
      case 'specCopy':
        p = { ...p, spec: { ...p.spec } };
        break;
      case 'phase':
        p = { ...p, status: { ...p.status, phase: e.v as NonNullable<Pod['status']>['phase'] } };
        break;
      case 'condition':
        p = { ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: e.v as 'True' | 'False' }] } };
        break;
      case 'labels':
        p.metadata.labels = e.v === null ? undefined : { app: e.v };
        if (e.v === null) delete p.metadata.labels;
        break;
      case 'deletion':
        p.metadata.deletionTimestamp = '2026-01-01T00:01:00Z';
        p.metadata.deletionGracePeriodSeconds = e.grace;
        break;
      case 'owners':
        if (e.v === undefined) delete p.metadata.ownerReferences;
        else p.metadata.ownerReferences = e.v.map((r) => ({ apiVersion: 'apps/v1', uid: `uid-${r.kind}-${r.name}`, ...r }));
        break;
      case 'annotation':
        p.metadata.annotations = { note: e.v };
        break;
      case 'extra':
        if (e.v === undefined) delete (p as unknown as Record<string, unknown>).extra;
        else (p as unknown as Record<string, unknown>).extra = e.v;
        break;
      case 'same':
        break;
    }
  }
  return p;
}

const newStore = () => new ObjectStore({ clock: new VirtualClock(), rng: new Rng(1), config: defaultControlPlaneConfig() });
const pod = (name: string, owners?: Array<{ kind: string; name: string; controller?: boolean }>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'x' }, ...(owners ? { ownerReferences: owners.map((r) => ({ apiVersion: 'apps/v1', uid: `uid-${r.kind}-${r.name}`, ...r })) } : {}) },
  spec: { containers: [{ name: 'c' }] },
});

type PodOp = { op: 'create'; name: string; owners?: Array<{ kind: string; name: string; controller?: boolean }> } | { op: 'update'; name: string; edits: Edit[] } | { op: 'remove'; name: string } | { op: 'watch'; interest: WatchInterest | undefined; kinds?: readonly string[] };

const interestArb: fc.Arbitrary<WatchInterest | undefined> = fc.option(
  fc.record(
    {
      changes: fc.option(fc.integer({ min: 0, max: ANY_CHANGE }), { nil: undefined }),
      controllers: fc.option(fc.integer({ min: 0, max: ANY_CONTROLLER }), { nil: undefined }),
    },
    { requiredKeys: [] },
  ).map((pi) => ({ Pod: pi })),
  { nil: undefined },
);
const podOpArb: fc.Arbitrary<PodOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('create' as const), name: fc.constantFrom('a', 'b', 'c'), owners: ownersArb }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('update' as const), name: fc.constantFrom('a', 'b', 'c'), edits: fc.array(editArb, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), name: fc.constantFrom('a', 'b', 'c') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('watch' as const), interest: interestArb, kinds: fc.option(fc.constant(['Pod', 'Lease']), { nil: undefined }) }) },
);

/**
 * Plays pod writes against watchers with random interests; returns every delivery in order
 * (`watcher:event`) and, per delivery, the event and the watcher's resolved interest. The
 * first watcher's handler writes a Lease for each pod event it acts on (nested writes); every
 * handler does nothing for an event outside its interest (by the reference masks).
 */
function playPods(interests: (WatchInterest | undefined)[], ops: PodOp[]) {
  const store = newStore();
  const log: string[] = [];
  const seen: Array<{ w: number; e: WatchEvent; mine: string }> = [];
  let count = 0;
  const add = (interest: WatchInterest | undefined, kinds?: readonly string[]) => {
    const w = count++;
    store.watch(
      (e) => {
        const mine = `${w}:${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`;
        log.push(mine);
        seen.push({ w, e, mine });
        // Keeps the promise an interest makes: nothing at all for an event outside it.
        if (!takes(interestFor(interest, e.kind), e)) return;
        if (w === 0 && e.kind === 'Pod' && e.type !== 'DELETED' && !store.get('Lease', 'default', `l-${e.object.metadata.resourceVersion}`)) {
          store.create({ apiVersion: 'v1', kind: 'Lease', metadata: { name: `l-${e.object.metadata.resourceVersion}`, namespace: 'default' } });
        }
      },
      kinds,
      interest,
    );
    return w;
  };
  const interestOf: Array<WatchInterest | undefined> = [];
  for (const i of interests) interestOf[add(i)] = i;
  for (const o of ops) {
    if (o.op === 'watch') {
      interestOf[add(o.interest, o.kinds)] = o.interest;
      continue;
    }
    const cur = store.get<Pod>('Pod', 'default', o.name);
    if (o.op === 'create' && !cur) store.create(pod(o.name, o.owners));
    else if (o.op === 'update' && cur) store.update(edited(cur, o.edits), { take: true });
    else if (o.op === 'remove') store.remove('Pod', 'default', o.name);
  }
  return { log, seen, interestOf };
}

describe('change and controller masks', () => {
  it('each change bit is clear only when its field is the same (===), OTHER included; controller bits as ownerRefOf (property)', () => {
    fc.assert(
      fc.property(ownersArb, fc.array(fc.array(editArb, { maxLength: 4 }), { minLength: 1, maxLength: 6 }), (owners, rounds) => {
        const store = newStore();
        const events: WatchEvent[] = [];
        store.watch((e) => events.push(e));
        store.create(pod('p', owners));
        for (const edits of rounds) store.update(edited(store.get<Pod>('Pod', 'default', 'p')!, edits), { take: true });
        store.remove('Pod', 'default', 'p');
        for (const e of events) {
          expect(changeMask(e)).toBe(refChanges(e));
          expect(changeMask(e, false)).toBe(refChanges(e) & ~Change.OTHER);
          expect(controllerMask(e)).toBe(refControllers(e));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an update of the stored object edited in place shows no change, as the handlers comparing old and new see none', () => {
    const store = newStore();
    const events: WatchEvent[] = [];
    store.watch((e) => events.push(e));
    const p = store.create(pod('p'));
    store.update(p);
    expect(changeMask(events[1])).toBe(0);
  });

  it('interestFor: a kind or mask left out means every event', () => {
    expect(interestFor(undefined, 'Pod')).toEqual({ changes: ANY_CHANGE, controllers: ANY_CONTROLLER });
    expect(interestFor({ Pod: { changes: Change.ADDED } }, 'Node')).toEqual({ changes: ANY_CHANGE, controllers: ANY_CONTROLLER });
    expect(interestFor({ Pod: { controllers: Controller.JOB } }, 'Pod')).toEqual({ changes: ANY_CHANGE, controllers: Controller.JOB });
  });
});

describe('watch delivery by interest', () => {
  it('random interests and pod writes: deliveries with interests are those without, filtered by the reference masks, in the same order (property)', () => {
    fc.assert(
      fc.property(fc.array(interestArb, { minLength: 1, maxLength: 5 }), fc.array(podOpArb, { maxLength: 30 }), fc.boolean(), (interests, ops, otherWhenDeclared) => {
        WATCH_INTEREST.enabled = true;
        // The OTHER bit left uncomputed when no watcher that filters changes declared it (fan-out.ts), or computed whenever some watcher filters.
        OTHER_WHEN_DECLARED.enabled = otherWhenDeclared;
        const on = playPods(interests, ops);
        OTHER_WHEN_DECLARED.enabled = true;
        WATCH_INTEREST.enabled = false;
        const off = playPods(interests, ops);
        const expected = off.seen.filter(({ w, e }) => takes(interestFor(off.interestOf[w], e.kind), e)).map((s) => s.mine);
        expect(on.log).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('a handler with an interest is skipped for a status write and called for a bind', () => {
    const store = newStore();
    const calls: string[] = [];
    store.watch((e) => calls.push(`node ${e.type}`), ['Pod'], { Pod: { changes: Change.ADDED | Change.NODE_NAME } });
    store.watch((e) => calls.push(`all ${e.type}`), ['Pod']);
    const p = store.create(pod('p'));
    const bound = store.update({ ...p, spec: { ...p.spec, nodeName: 'n1' } });
    store.update({ ...bound, status: { phase: 'Running' } });
    expect(calls).toEqual(['node ADDED', 'all ADDED', 'node MODIFIED', 'all MODIFIED', 'all MODIFIED']);
  });
});

// ---- the engine's watchers ------------------------------------------------------------

/** A Job of `completions` pods that each run 20 s. */
const job = (name: string, completions: number): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: {
    completions,
    parallelism: 2,
    template: {
      metadata: { labels: { app: name }, annotations: { [RUN_DURATION_ANNOTATION]: '20s' } },
      spec: { restartPolicy: 'Never', containers: [{ name, image: `${name}:1`, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
    },
  },
});

const cluster = () => [...section10Cluster(), pdb('web-pdb', 'web', { minAvailable: 4 }), job('batch', 4)];

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'cordon', 'uncordon']),
    fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
    fc.integer({ min: 0, max: 4 }).map((r): Command => ({ action: 'scale', kind: 'StatefulSet', namespace: 'default', name: 'db', replicas: r })),
    fc.constant<Command>({ action: 'apply', object: deployment('api', 3) }),
    fc.constant<Command>({ action: 'apply', object: job('batch2', 2) }),
    fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'debug' }),
    fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'db-0', force: true }),
    fc.constant<Command>({ action: 'deleteNode', node: 'worker-3' }),
    fc.constantFrom(...WORKERS).map((node): Command => ({ action: 'bindPod', namespace: 'default', name: 'manual', node })),
    fc.constant<Command>({ action: 'apply', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'manual', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'c:1' }], schedulerName: 'none' } } }),
  ),
});

interface EngineRun {
  writes: string[];
  events: string;
  objects: string;
  /** Per subscription (in order), the events it was handed. */
  deliveries: string[][];
  /** Per subscription, its interest (what it passed to watch). */
  interests: Array<WatchInterest | undefined>;
  /** Per subscription, the events it was handed, with the event for filtering. */
  raw: Array<Array<{ e: WatchEvent; s: string }>>;
}

/** A recorded run (writes with time and resourceVersion, events, objects) that also records what each watcher was handed. */
/** A step of a story: a command, or a write straight to the store (what no command can do, as a binding the scheduler makes). */
type StoryStep = Step | { wait: number; poke: (sim: Simulation) => void };

function engineRun(steps: readonly StoryStep[], seed: number, gcThreshold?: number): EngineRun {
  const proto = ObjectStore.prototype as unknown as { watch: (h: (e: WatchEvent) => void, kinds?: readonly string[], interest?: WatchInterest) => () => void };
  const watch = proto.watch;
  const raw: Array<Array<{ e: WatchEvent; s: string }>> = [];
  const interests: Array<WatchInterest | undefined> = [];
  let clock = () => 0;
  proto.watch = function (this: ObjectStore, h, kinds, interest) {
    const mine: Array<{ e: WatchEvent; s: string }> = [];
    raw.push(mine);
    interests.push(interest);
    return watch.call(
      this,
      (e: WatchEvent) => {
        mine.push({ e, s: `${clock()} ${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion ?? ''}` });
        h(e);
      },
      kinds,
      interest,
    );
  };
  try {
    // A low terminated-pod threshold lets pod GC act on the Job's finished pods.
    const components = gcThreshold === undefined ? undefined : COMPONENTS.map((c) => (c.name === 'pod-gc' ? createPodGCController(gcThreshold) : c.create({})));
    const sim = createSimulation({ seed, components });
    clock = () => sim.time;
    sim.load(cluster());
    const writes: string[] = [];
    sim.store.watch((e) => writes.push(`${sim.time} ${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion ?? ''}`));
    sim.advanceTo(40_000);
    for (const s of steps) {
      sim.advanceBy(s.wait);
      if ('poke' in s) s.poke(sim);
      else if (s.command) {
        try {
          sim.dispatch(s.command);
        } catch (err) {
          writes.push(`refused: ${(err as Error).message}`);
        }
      }
    }
    return { writes, events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()), deliveries: raw.map((r) => r.map((x) => x.s)), interests, raw };
  } finally {
    proto.watch = watch;
  }
}

/** Compares a run with interests on and off: everything observable, and each watcher's deliveries. */
function lockstep(steps: readonly StoryStep[], seed: number, gcThreshold?: number): { on: EngineRun; off: EngineRun } {
  WATCH_INTEREST.enabled = true;
  const on = engineRun(steps, seed, gcThreshold);
  WATCH_INTEREST.enabled = false;
  const off = engineRun(steps, seed, gcThreshold);
  WATCH_INTEREST.enabled = true;
  expect(on.writes).toEqual(off.writes);
  expect(on.events).toEqual(off.events);
  expect(on.objects).toEqual(off.objects);
  expect(on.interests.length).toBe(off.interests.length);
  for (let w = 0; w < off.raw.length; w++) {
    const expected = off.raw[w].filter(({ e }) => takes(interestFor(off.interests[w], e.kind), e)).map((x) => x.s);
    expect(on.deliveries[w]).toEqual(expected);
  }
  return { on, off };
}

const ENGINE_INTERESTS = [KUBELET_INTEREST, NODE_LIFECYCLE_INTEREST, TAINT_EVICTION_INTEREST, POD_GC_INTEREST, DAEMONSET_INTEREST, STATEFULSET_INTEREST, JOB_INTEREST];

describe("the engine's watchers with their interests", () => {
  it('declare interests for Pod events, and the runs below skip deliveries', () => {
    for (const i of ENGINE_INTERESTS) expect(i.Pod).toBeDefined();
    const { on, off } = lockstep(
      [
        { wait: 5000, command: { action: 'killNode', node: 'worker-1' } },
        { wait: 400_000, command: { action: 'restoreNode', node: 'worker-1' } },
        { wait: 60_000, command: { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, force: true } },
        { wait: 60_000, command: null },
      ],
      3,
    );
    const count = (r: EngineRun) => r.deliveries.reduce((n, d) => n + d.length, 0);
    // The kubelets, node lifecycle, taint eviction, pod GC, DaemonSet, StatefulSet and Job controllers skip most pod events.
    expect(count(on)).toBeLessThan(count(off) * 0.85);
  });

  it('random kills, restores, drains, scales, binds, applies and deletes: same writes, events, objects; deliveries are those without interests filtered (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        lockstep(steps, 5);
      }),
      { numRuns: 25, seed: 31 },
    );
  });
});

describe("the store's own shortcuts in cluster runs", () => {
  it('OTHER_WHEN_DECLARED on and off: same writes, events, objects and every watcher\'s deliveries (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        const on = engineRun(steps, 5);
        OTHER_WHEN_DECLARED.enabled = false;
        let off: EngineRun;
        try {
          off = engineRun(steps, 5);
        } finally {
          OTHER_WHEN_DECLARED.enabled = true;
        }
        expect(on.writes).toEqual(off.writes);
        expect(on.events).toEqual(off.events);
        expect(on.objects).toEqual(off.objects);
        expect(on.deliveries).toEqual(off.deliveries);
      }),
      { numRuns: 15, seed: 37 },
    );
  });
});

const manual = (labels: Record<string, string>, name = 'manual'): Command => ({
  action: 'apply',
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'c:1' }], schedulerName: 'none' } },
});
/** A pod imported as running and Ready on worker-1 (as `kubectl get -o yaml` prints one). */
const pinned: Command = {
  action: 'apply',
  object: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pinned', namespace: 'default' },
    spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'c:1' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  },
};
const at = (wait: number, command: Command | null): Step => ({ wait, command });
/** An unscheduled pod imported with a Ready=True condition (so a binding onto a not-ready node has something to mark). */
const ready: Command = {
  action: 'apply',
  object: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'ready', namespace: 'default' },
    spec: { schedulerName: 'none', containers: [{ name: 'c', image: 'c:1' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  },
};

/** Runs that reach what each declared bit guards (a pod landing on a not-ready or missing node, orphans, finished pods). */
const STORIES: Array<{ name: string; steps: StoryStep[] }> = [
  { name: 'a pod created on a not-ready node', steps: [at(1000, { action: 'killNode', node: 'worker-1' }), at(60_000, pinned), at(400_000, null)] },
  {
    name: 'a pod bound to a not-ready node',
    steps: [at(1000, { action: 'killNode', node: 'worker-1' }), at(60_000, manual({ app: 'x' })), at(1000, { action: 'bindPod', namespace: 'default', name: 'manual', node: 'worker-1' }), at(400_000, null)],
  },
  {
    name: 'a Ready pod bound to a not-ready node',
    steps: [at(1000, { action: 'killNode', node: 'worker-1' }), at(60_000, ready), at(1000, { action: 'bindPod', namespace: 'default', name: 'ready', node: 'worker-1' }), at(100_000, null)],
  },
  {
    // bindPod refuses a node that does not exist; a binding written straight to the store does not.
    name: 'a pod bound to a node that does not exist',
    steps: [
      at(1000, manual({ app: 'x' })),
      { wait: 1000, poke: (sim) => void sim.store.update(((p: Pod) => ({ ...p, spec: { ...p.spec, nodeName: 'ghost' } }))(sim.store.get<Pod>('Pod', 'default', 'manual')!)) },
      at(120_000, null),
    ],
  },
  { name: 'orphans a DaemonSet and a StatefulSet can adopt', steps: [at(1000, manual({ app: 'node-agent' }, 'stray')), at(1000, manual({ app: 'db' }, 'db-7')), at(60_000, null)] },
  { name: "the Job's pods finish (pod GC threshold 1)", steps: [at(120_000, { action: 'deletePod', namespace: 'default', name: 'debug' }), at(60_000, null)] },
];

describe('interests broken on purpose', () => {
  it('the stories pass with the declared interests', () => {
    for (const s of STORIES) lockstep(s.steps, 7, s.name.includes('threshold') ? 1 : undefined);
  });

  /** Whether the stories or the random runs find a difference with one bit taken out of an interest. */
  function detected(interest: { Pod: { changes?: number; controllers?: number } }, field: 'changes' | 'controllers', bit: number): boolean {
    const was = interest.Pod[field];
    interest.Pod[field] = (was ?? (field === 'changes' ? ANY_CHANGE : ANY_CONTROLLER)) & ~bit;
    try {
      for (const s of STORIES) {
        try {
          lockstep(s.steps, 7, s.name.includes('threshold') ? 1 : undefined);
        } catch {
          return true;
        }
      }
      try {
        fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => void lockstep(steps, 5)), { numRuns: 10, seed: 31 });
      } catch {
        return true;
      }
      return false;
    } finally {
      interest.Pod[field] = was;
      WATCH_INTEREST.enabled = true;
    }
  }

  const CASES: Array<[string, { Pod: { changes?: number; controllers?: number } }, 'changes' | 'controllers', number]> = [
    ['kubelet without DELETION', KUBELET_INTEREST, 'changes', Change.DELETION],
    ['kubelet without NODE_NAME', KUBELET_INTEREST, 'changes', Change.NODE_NAME],
    ['kubelet without DELETED', KUBELET_INTEREST, 'changes', Change.DELETED],
    ['node lifecycle without NODE_NAME', NODE_LIFECYCLE_INTEREST, 'changes', Change.NODE_NAME],
    ['node lifecycle without ADDED', NODE_LIFECYCLE_INTEREST, 'changes', Change.ADDED],
    ['taint eviction without SPEC', TAINT_EVICTION_INTEREST, 'changes', Change.SPEC],
    ['taint eviction without ADDED', TAINT_EVICTION_INTEREST, 'changes', Change.ADDED],
    ['pod GC without PHASE', POD_GC_INTEREST, 'changes', Change.PHASE],
    ['pod GC without NODE_NAME', POD_GC_INTEREST, 'changes', Change.NODE_NAME],
    ['DaemonSet controller without DAEMON_SET', DAEMONSET_INTEREST, 'controllers', Controller.DAEMON_SET],
    ['DaemonSet controller without NONE', DAEMONSET_INTEREST, 'controllers', Controller.NONE],
    ['StatefulSet controller without STATEFUL_SET', STATEFULSET_INTEREST, 'controllers', Controller.STATEFUL_SET],
    ['StatefulSet controller without NONE', STATEFULSET_INTEREST, 'controllers', Controller.NONE],
    ['Job controller without JOB', JOB_INTEREST, 'controllers', Controller.JOB],
  ];
  for (const [name, interest, field, bit] of CASES) {
    it(`fail: ${name}`, () => {
      expect(detected(interest, field, bit)).toBe(true);
    });
  }
});
