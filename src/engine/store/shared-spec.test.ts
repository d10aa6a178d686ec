/**
 * Pod admission of a shared spec (shareSpec, a controller's template skeleton): each create
 * gives the pod exactly what admitting its own deep copy gives (JSON, key order included),
 * whatever the PriorityClasses and configuration at that create; a refused create refuses
 * with the same error; the shared spec itself is never written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod, PriorityClass } from '../model/types';
import { deepClone } from './clone';
import { admitPodCreate, shareSpec, type AdmissionConfig } from './pod-admission';

const cls = (name: string, value: number, globalDefault: boolean, policy?: string): PriorityClass =>
  ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, globalDefault, ...(policy ? { preemptionPolicy: policy } : {}) }) as unknown as PriorityClass;

const specArb = fc.record(
  {
    containers: fc.constantFrom<unknown>(
      [{ name: 'c', resources: { limits: { cpu: '200m', memory: '64Mi' } } }],
      [{ name: 'c', resources: { requests: { cpu: '100m' } } }, { name: 'd' }],
      [{ name: 'c', resources: { limits: { cpu: '1' }, requests: { memory: '1Mi' } } }],
      [],
    ),
    priorityClassName: fc.constantFrom('high', 'low', 'missing', 'system-node-critical'),
    priority: fc.constantFrom(0, 7),
    preemptionPolicy: fc.constantFrom('Never', 'PreemptLowerPriority'),
    tolerations: fc.constantFrom<unknown>([], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }], [{ operator: 'Exists' }]),
    schedulerName: fc.constant('other'),
    restartPolicy: fc.constant('Never'),
    terminationGracePeriodSeconds: fc.constant(3),
  },
  { requiredKeys: ['containers'] },
);

/** Class lists that come and go; a list is rebuilt (new objects) when it changes, as the store replaces objects. */
const classSets: (() => PriorityClass[])[] = [
  () => [],
  () => [cls('high', 1000, false)],
  () => [cls('high', 1000, false), cls('low', 10, true, 'Never')],
  () => [cls('low', 20, true)],
];

const configArb = fc.record({ defaultTolerationSeconds: fc.constantFrom(300, 20), terminationGracePeriodSeconds: fc.constantFrom(30, 5) });

function admit(pod: Pod, classes: readonly PriorityClass[], config: AdmissionConfig): string {
  try {
    admitPodCreate(pod, classes, config);
    return JSON.stringify(pod);
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
}

describe('admission of a shared spec', () => {
  it('gives every pod what its own copy would get, and leaves the shared spec as it was (property)', () => {
    const stepArb = fc.record({ classes: fc.integer({ min: 0, max: 3 }), rebuild: fc.boolean(), config: configArb });
    fc.assert(
      fc.property(specArb, fc.array(stepArb, { minLength: 1, maxLength: 8 }), (raw, steps) => {
        const skeleton = deepClone(raw) as Pod['spec'];
        const before = JSON.stringify(skeleton);
        let last = -1;
        let classes: PriorityClass[] = [];
        steps.forEach((s, i) => {
          if (s.classes !== last || s.rebuild) classes = classSets[s.classes]();
          last = s.classes;
          const meta = { name: `p-${i}`, namespace: 'default' };
          const shared: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { ...meta }, spec: skeleton, status: { phase: 'Pending' } };
          const own: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { ...meta }, spec: deepClone(skeleton), status: { phase: 'Pending' } };
          shareSpec(skeleton);
          expect(admit(shared, classes, s.config)).toBe(admit(own, classes, s.config));
          expect(JSON.stringify(skeleton)).toBe(before);
        });
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('pods of one skeleton under unchanged classes and configuration share one admitted spec', () => {
    const skeleton = { containers: [{ name: 'c' }] } as Pod['spec'];
    const classes: PriorityClass[] = [];
    const config = { defaultTolerationSeconds: 300, terminationGracePeriodSeconds: 30 };
    const a: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: skeleton };
    const b: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: skeleton };
    shareSpec(skeleton);
    admitPodCreate(a, classes, config);
    shareSpec(skeleton);
    admitPodCreate(b, classes, config);
    expect(a.spec).not.toBe(skeleton);
    expect(b.spec).toBe(a.spec);
  });
});
