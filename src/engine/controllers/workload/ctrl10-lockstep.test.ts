/**
 * Lockstep of this round's controller shortcut (branch ctrl10) against the plain path:
 * SHARED_SKELETON (a ReplicaSet's pod takes the stored template's spec, admission admits a
 * copy and hands it to the next pods of that template, template.ts / pod-admission.ts
 * `shareSpec`). Random kills, restores, drains,
 * scales, rolling updates with maxSurge / maxUnavailable, Recreate rollouts, applies of
 * Deployments (templates with limits only, priority classes, tolerations of their own),
 * PriorityClass applies and removals, pod deletes: every write (kind, name,
 * resourceVersion, time and the whole object as JSON), the events and the final objects
 * are the same with the shortcut on and off. With it on, the admitted shared
 * specs are deep-frozen, so any write into one anywhere in the engine throws.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject, Pod } from '../../model/types';
import { createSimulation } from '../../sim/simulation';
import { FREEZE_SHARED } from '../../store/pod-admission';
import { nodeCommands } from '../../testing/node-commands';
import { section10Cluster } from '../node-lifecycle/cluster-fixture';
import { SHARED_SKELETON } from './template';

afterEach(() => {
  SHARED_SKELETON.enabled = true;
  FREEZE_SHARED.enabled = false;
});

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

interface Shape {
  name: string;
  replicas: number;
  v: number;
  /** 0: requests; 1: limits only (requests defaulted); 2: a priority class; 3: a NoExecute toleration of its own; 4: a class that does not exist */
  variant: number;
  recreate: boolean;
  surge: number | string;
  unavailable: number | string;
  minReady: number;
}

function deploymentOf(s: Shape): KubeObject {
  const resources = s.variant === 1 ? { limits: { cpu: '200m', memory: '64Mi' } } : { requests: { cpu: '100m', memory: '128Mi' } };
  const spec: Record<string, unknown> = { containers: [{ name: s.name, image: `${s.name}:${s.v}`, resources }] };
  if (s.variant === 2) spec.priorityClassName = 'high';
  if (s.variant === 4) spec.priorityClassName = 'missing';
  if (s.variant === 3) spec.tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 }];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: s.name, namespace: 'default' },
    spec: {
      replicas: s.replicas,
      ...(s.minReady ? { minReadySeconds: s.minReady } : {}),
      selector: { matchLabels: { app: s.name } },
      strategy: s.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: s.surge, maxUnavailable: s.unavailable } },
      template: { metadata: { labels: { app: s.name, v: String(s.v) } }, spec },
    },
  } as KubeObject;
}

const priorityClass = (value: number, globalDefault: boolean): KubeObject =>
  ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value, globalDefault }) as unknown as KubeObject;

type Op = { command: Command } | { deletePod: number } | { removeClass: true } | null;

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  name: fc.constantFrom('web', 'api'),
  replicas: fc.integer({ min: 0, max: 6 }),
  v: fc.integer({ min: 1, max: 3 }),
  variant: fc.integer({ min: 0, max: 4 }),
  recreate: fc.boolean(),
  surge: fc.constantFrom<number | string>(0, 1, 2, '25%', '50%'),
  unavailable: fc.constantFrom<number | string>(0, 1, '25%', '50%'),
  minReady: fc.constantFrom(0, 0, 5),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant(null),
  ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'uncordon']).map((a) => a.map((command): Op => ({ command }))),
  fc.record({ name: fc.constantFrom('web', 'api'), r: fc.integer({ min: 0, max: 7 }) }).map(({ name, r }): Op => ({ command: { action: 'scale', kind: 'Deployment', namespace: 'default', name, replicas: r } })),
  shapeArb.map((s): Op => ({ command: { action: 'apply', object: deploymentOf(s) } })),
  fc.nat(40).map((i): Op => ({ deletePod: i })),
  fc.record({ value: fc.integer({ min: 1, max: 3 }).map((x) => x * 1000), g: fc.boolean() }).map(({ value, g }): Op => ({ command: { action: 'apply', object: priorityClass(value, g) } })),
  fc.constant<Op>({ removeClass: true }),
);

interface Switches {
  skeleton: boolean;
}

const ALL_ON: Switches = { skeleton: true };
const ALL_OFF: Switches = { skeleton: false };

function run(steps: readonly { wait: number; op: Op }[], sw: Switches) {
  SHARED_SKELETON.enabled = sw.skeleton;
  FREEZE_SHARED.enabled = sw.skeleton;
  const sim = createSimulation({ seed: 29 });
  const writes: string[] = [];
  sim.store.watch((e) => {
    writes.push(`${sim.time} ${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion ?? ''} ${e.kind === 'Lease' ? '' : JSON.stringify(e.object)}`);
  });
  sim.load([
    ...section10Cluster().filter((o) => o.kind !== 'Deployment'),
    deploymentOf({ name: 'web', replicas: 5, v: 1, variant: 1, recreate: false, surge: 1, unavailable: 1, minReady: 0 }),
    deploymentOf({ name: 'api', replicas: 3, v: 1, variant: 0, recreate: false, surge: '25%', unavailable: '25%', minReady: 0 }),
  ]);
  sim.advanceTo(40_000);
  for (const s of steps) {
    sim.advanceBy(s.wait);
    if (s.op === null) continue;
    try {
      if ('deletePod' in s.op) {
        const pods = sim.store.list<Pod>('Pod');
        const p = pods[s.op.deletePod % Math.max(1, pods.length)];
        if (p) sim.dispatch({ action: 'deletePod', namespace: p.metadata.namespace ?? 'default', name: p.metadata.name ?? '' });
      } else if ('removeClass' in s.op) {
        if (sim.store.get('PriorityClass', undefined, 'high')) sim.store.remove('PriorityClass', undefined, 'high');
      } else sim.dispatch(s.op.command);
    } catch (e) {
      writes.push(`refused: ${(e as Error).message}`);
    }
  }
  return { writes, events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()) };
}

const stepArb = fc.record({ wait: fc.integer({ min: 0, max: 90 }).map((s) => s * 1000 + 1), op: opArb });

describe('ctrl10 shared pod specs in lockstep with the plain path', () => {
  it('a kill with templates of every variant (limits only, priority class, own toleration, missing class)', () => {
    const steps = [
      { wait: 1000, op: { command: { action: 'apply', object: priorityClass(2000, false) } } as Op },
      { wait: 1000, op: { command: { action: 'apply', object: deploymentOf({ name: 'api', replicas: 4, v: 2, variant: 2, recreate: false, surge: 1, unavailable: 0, minReady: 0 }) } } as Op },
      { wait: 30_000, op: { command: { action: 'killNode', node: 'worker-2' } } as Op },
      { wait: 5_000, op: { command: { action: 'apply', object: deploymentOf({ name: 'web', replicas: 6, v: 2, variant: 3, recreate: false, surge: '50%', unavailable: 1, minReady: 0 }) } } as Op },
      { wait: 5_000, op: { command: { action: 'apply', object: priorityClass(3000, true) } } as Op },
      { wait: 400_000, op: { command: { action: 'restoreNode', node: 'worker-2' } } as Op },
      { wait: 5_000, op: { command: { action: 'apply', object: deploymentOf({ name: 'api', replicas: 2, v: 3, variant: 4, recreate: false, surge: 1, unavailable: 1, minReady: 0 }) } } as Op },
      { wait: 60_000, op: null },
    ];
    const on = run(steps, ALL_ON);
    expect(on).toEqual(run(steps, ALL_OFF));
    // The case reaches what it is meant to: a pod created under each class state.
    expect(on.writes.some((w) => w.includes('"priority":3000'))).toBe(true);
    expect(on.writes.some((w) => w.includes('"priority":2000'))).toBe(true);
  });

  it('random kills, drains, scales, rollouts, applies, class changes and pod deletes: same writes, events and objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), (steps) => {
        const all = [...steps, { wait: 400_000, op: null }];
        expect(run(all, ALL_ON)).toEqual(run(all, ALL_OFF));
      }),
      { numRuns: 40, seed: 1010 },
    );
  });
});
