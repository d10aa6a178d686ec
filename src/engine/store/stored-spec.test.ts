/**
 * admitPodUpdate's stored-spec shortcut: an update that keeps the stored spec object, or
 * its values of the defaulted fields, skips the spec defaults (they were applied when that
 * spec was stored). With the
 * shortcut on and off, random pod writes and random cluster runs must store the same
 * objects and make the same writes and events.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import { VirtualClock } from '../clock/virtual-clock';
import type { Pod } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { deployment, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { recordedRun, type Step } from '../testing/recorded-run';
import { ObjectStore } from './object-store';
import { SKIP_STORED_SPEC } from './pod-admission';

type Write =
  | { op: 'status'; name: string; phase: string | undefined } // a status write keeping the stored spec
  | { op: 'spec'; name: string; spec: Partial<Pod['spec']> } // a new spec object (fields may lack defaults)
  | { op: 'same'; name: string } // the stored object written back as it is
  | { op: 'field'; name: string; field: keyof Pod['spec']; value: unknown }; // the stored spec with one field set (a bind sets nodeName)

const NAMES = ['a', 'b'];
const specArb = fc.record(
  {
    schedulerName: fc.constantFrom('default-scheduler', 'other', ''),
    terminationGracePeriodSeconds: fc.constantFrom(0, 5, null),
    restartPolicy: fc.constantFrom('Always', 'Never'),
    tolerations: fc.constantFrom([], [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }], [{ operator: 'Exists' }]),
    nodeName: fc.constantFrom('n1', 'n2'),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Partial<Pod['spec']>>;
const writeArb: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ op: fc.constant('status' as const), name: fc.constantFrom(...NAMES), phase: fc.constantFrom('Running', '', undefined) }),
  fc.record({ op: fc.constant('spec' as const), name: fc.constantFrom(...NAMES), spec: specArb }),
  fc.record({ op: fc.constant('same' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({
    op: fc.constant('field' as const),
    name: fc.constantFrom(...NAMES),
    field: fc.constantFrom<(keyof Pod['spec'])[]>('nodeName', 'schedulerName', 'terminationGracePeriodSeconds', 'restartPolicy', 'tolerations', 'priority'),
    value: fc.constantFrom(undefined, '', 'n3', 0, null, [], [{ operator: 'Exists' }]),
  }),
);

function playWrites(writes: Write[], seconds: number): string {
  const store = new ObjectStore({ clock: new VirtualClock(), rng: new Rng(3), config: { ...defaultControlPlaneConfig(), defaultTolerationSeconds: seconds } });
  for (const name of NAMES) store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c' }] } });
  for (const w of writes) {
    const pod = store.get<Pod>('Pod', 'default', w.name)!;
    if (w.op === 'status') store.update<Pod>({ ...pod, status: { ...pod.status, phase: w.phase as NonNullable<Pod['status']>['phase'] } });
    else if (w.op === 'spec') store.update<Pod>({ ...pod, spec: { containers: pod.spec.containers, ...w.spec } });
    else if (w.op === 'field') store.update<Pod>({ ...pod, spec: { ...pod.spec, [w.field]: w.value } });
    else store.update(pod);
  }
  return JSON.stringify(store.all());
}

describe('admitPodUpdate keeps a stored spec as it is', () => {
  afterEach(() => {
    SKIP_STORED_SPEC.enabled = true;
  });

  it('random status writes, spec replacements and write-backs store the same objects with and without the shortcut (property)', () => {
    fc.assert(
      fc.property(fc.array(writeArb, { minLength: 1, maxLength: 12 }), fc.constantFrom(300, 60), (writes, seconds) => {
        SKIP_STORED_SPEC.enabled = true;
        const a = playWrites(writes, seconds);
        SKIP_STORED_SPEC.enabled = false;
        const b = playWrites(writes, seconds);
        expect(a).toBe(b);
      }),
      { numRuns: 500 },
    );
  });

  const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
  const stepArb: fc.Arbitrary<Step> = fc.record({
    wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
    command: fc.oneof(
      fc.constant(null),
      ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain', 'cordon']),
      fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
      fc.constant<Command>({ action: 'apply', object: deployment('api', 3) }),
      fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'web-0' }),
    ),
  });

  it('random kills, restores, drains, scales and deletes: same writes, events and objects with and without the shortcut', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        SKIP_STORED_SPEC.enabled = true;
        const a = recordedRun(section10Cluster(), steps, { seed: 5, recordSettling: true });
        SKIP_STORED_SPEC.enabled = false;
        const b = recordedRun(section10Cluster(), steps, { seed: 5, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 17 },
    );
  });
});
