/**
 * DefaultTolerationSeconds' list for pods without tolerations is one shared list per
 * tolerationSeconds: the same content as a fresh list, and random cluster runs with the
 * shared list and with fresh lists make the same writes, events and objects.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../commands';
import { VirtualClock } from '../clock/virtual-clock';
import type { Pod, Toleration } from '../model/types';
import { Rng } from '../random/rng';
import { defaultControlPlaneConfig } from '../sim/config';
import { deployment, section10Cluster } from '../controllers/node-lifecycle/cluster-fixture';
import { nodeCommands } from '../testing/node-commands';
import { recordedRun, type Step } from '../testing/recorded-run';
import { ObjectStore } from './object-store';
import { SHARE_DEFAULT_TOLERATIONS, withDefaultTolerations } from './pod-admission';

const newStore = (seconds: number) =>
  new ObjectStore({ clock: new VirtualClock(), rng: new Rng(1), config: { ...defaultControlPlaneConfig(), defaultTolerationSeconds: seconds } });
const pod = (name: string, tolerations?: Toleration[]): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c' }], ...(tolerations ? { tolerations } : {}) },
});

describe('the shared default tolerations', () => {
  afterEach(() => {
    SHARE_DEFAULT_TOLERATIONS.enabled = true;
  });

  it('pods created without tolerations hold one list per tolerationSeconds, equal to a fresh one', () => {
    const store = newStore(300);
    const a = store.create(pod('a'));
    const b = store.create(pod('b', []));
    const c = store.create(pod('c', [{ key: 'x', operator: 'Exists' }]));
    expect(a.spec.tolerations).toBe(b.spec.tolerations);
    expect(c.spec.tolerations).not.toBe(a.spec.tolerations);
    SHARE_DEFAULT_TOLERATIONS.enabled = false;
    const fresh = newStore(300).create(pod('a'));
    expect(JSON.stringify(a.spec.tolerations)).toBe(JSON.stringify(fresh.spec.tolerations));
    expect(fresh.spec.tolerations).not.toBe(a.spec.tolerations);
    SHARE_DEFAULT_TOLERATIONS.enabled = true;
    const other = newStore(60).create(pod('a'));
    expect(other.spec.tolerations?.map((t) => t.tolerationSeconds)).toEqual([60, 60]);
  });

  it('gives the same content as a fresh list for any list and seconds (property)', () => {
    const tolArb = fc.record(
      { key: fc.constantFrom('node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'x', ''), operator: fc.constantFrom('Exists', 'Equal'), effect: fc.constantFrom('NoExecute', 'NoSchedule', '') },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Toleration>;
    fc.assert(
      fc.property(fc.option(fc.array(tolArb, { maxLength: 3 }), { nil: undefined }), fc.constantFrom(0, 60, 300), (list, seconds) => {
        SHARE_DEFAULT_TOLERATIONS.enabled = true;
        const shared = JSON.stringify(withDefaultTolerations(list, seconds));
        SHARE_DEFAULT_TOLERATIONS.enabled = false;
        expect(shared).toBe(JSON.stringify(withDefaultTolerations(list, seconds)));
      }),
      { numRuns: 300 },
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
      fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'debug' }),
    ),
  });

  it('random kills, restores, drains, scales and deletes: same writes, events and objects with the shared list and fresh lists', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        SHARE_DEFAULT_TOLERATIONS.enabled = true;
        const a = recordedRun(section10Cluster(), steps, { seed: 5, recordSettling: true });
        SHARE_DEFAULT_TOLERATIONS.enabled = false;
        const b = recordedRun(section10Cluster(), steps, { seed: 5, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 31 },
    );
  });
});
