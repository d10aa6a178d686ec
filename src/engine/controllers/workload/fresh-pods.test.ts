import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject, PodTemplateSpec } from '../../model/types';
import { deepClone } from '../../store/clone';
import { newControllerRef } from './owners';
import { podFromTemplate } from './template';

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

describe('pods built from a template', () => {
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
});
