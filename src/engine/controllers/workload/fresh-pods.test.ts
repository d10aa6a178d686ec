import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject, PodTemplateSpec } from '../../model/types';
import { deepClone } from '../../store/clone';
import { TAKE_FRESH } from '../../store/object-store';
import { recordedRun, type Step } from '../../testing/recorded-run';
import { deployment, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { newControllerRef } from './owners';
import { podFromTemplate } from './template';
import { nodeCommands } from '../../testing/node-commands';

const owner: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default', uid: 'u-1' } };

// Templates as they may come out of YAML or a merge: nested spec fields, maps with undefined values.
const value = fc.oneof(fc.string({ maxLength: 3 }), fc.constant(undefined));
const map = fc.dictionary(fc.constantFrom('a', 'b', 'app', 'tier'), value, { maxKeys: 4 });
const templateArb: fc.Arbitrary<PodTemplateSpec> = fc.record(
  {
    metadata: fc.record({ labels: map, annotations: map, finalizers: fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }) }, { requiredKeys: [] }),
    spec: fc.record({
      containers: fc.array(fc.record({ name: fc.string({ maxLength: 3 }), image: value, resources: fc.record({ requests: map }, { requiredKeys: [] }) }), { minLength: 1, maxLength: 2 }),
      nodeSelector: map,
      priority: fc.oneof(fc.integer(), fc.constant(undefined)),
    }),
  },
  { requiredKeys: ['spec'] },
) as fc.Arbitrary<PodTemplateSpec>;

describe('pods built from a template are stored as built', () => {
  afterEach(() => {
    TAKE_FRESH.enabled = true;
  });

  it('a pod from any template is what the store would copy: no undefined field, nothing shared with the template', () => {
    fc.assert(
      fc.property(templateArb, (template) => {
        const before = JSON.stringify(template);
        const pod = podFromTemplate(template, owner, newControllerRef(owner, 'apps/v1', 'ReplicaSet'));
        expect(pod).toStrictEqual(deepClone(pod));
        expect(Object.keys(pod.metadata)).toEqual(Object.keys(deepClone(pod).metadata));
        // Writing to the pod leaves the template alone.
        pod.metadata.labels!.x = 'y';
        pod.spec.containers[0].name = 'changed';
        expect(JSON.stringify(template)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
  const stepArb: fc.Arbitrary<Step> = fc.record({
    wait: fc.integer({ min: 1, max: 400 }).map((s) => s * 1000),
    command: fc.oneof(
      fc.constant(null),
      ...nodeCommands((f) => fc.constantFrom(...WORKERS).map(f), ['killNode', 'restoreNode', 'drain']),
      fc.integer({ min: 0, max: 8 }).map((r): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: r })),
      fc.constant<Command>({ action: 'apply', object: { ...deployment('web', 6), spec: { ...deployment('web', 6).spec, template: { metadata: { labels: { app: 'web' }, annotations: { note: 'v2' } }, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } } }),
      fc.constant<Command>({ action: 'deletePod', namespace: 'default', name: 'web-0' }),
    ),
  });

  it('random kills, restores, drains, scales and template changes: same writes, events and objects as copying', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        TAKE_FRESH.enabled = true;
        const a = recordedRun(section10Cluster(), steps, { seed: 9, recordSettling: true });
        TAKE_FRESH.enabled = false;
        const b = recordedRun(section10Cluster(), steps, { seed: 9, recordSettling: true });
        expect(a).toEqual(b);
      }),
      { numRuns: 20, seed: 99 },
    );
  });
});
