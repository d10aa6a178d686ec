import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storedPodRequests } from './pod-requests-cache';
import { podNonZeroRequests, podRequests } from './pod-requests';
import type { Pod } from './types';

/** What the uncached functions give (or throw) for a pod, as plain data. */
function reference(pod: Pod): unknown {
  try {
    const nz = podNonZeroRequests(pod);
    return { requests: { ...podRequests(pod) }, nonZeroMilliCPU: nz.milliCPU, nonZeroMemory: nz.memory };
  } catch (e) {
    return { error: String(e) };
  }
}

function cached(pod: Pod): unknown {
  try {
    const r = storedPodRequests(pod);
    return { requests: { ...r.requests }, nonZeroMilliCPU: r.nonZeroMilliCPU, nonZeroMemory: r.nonZeroMemory };
  } catch (e) {
    return { error: String(e) };
  }
}

/** A fresh copy (as every replica of a template gets), keeping undefined entries. */
function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copy) as T;
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k]);
  return out as T;
}

// Few names and amounts, so that specs that differ in one place come up often.
const amount = fc.oneof(fc.constantFrom('250m', '0.25', '1', '1Gi', '1024Mi', '0', 'x1', '-2'), fc.constantFrom(1, 0, 0.5, 3), fc.constantFrom(null, false));
const resourceName = fc.constantFrom('cpu', 'memory', 'example.com/gpu', 'hugepages-1Gi', 'ephemeral-storage');
const list = fc.oneof(fc.constant(undefined), fc.dictionary(resourceName, amount, { maxKeys: 3 }), fc.constant(7));
const container = fc.record({ name: fc.constantFrom('a', 'b'), resources: fc.oneof(fc.constant(undefined), fc.record({ requests: list, limits: list }, { requiredKeys: [] })) });
const initContainer = fc.record({ name: fc.constant('init'), restartPolicy: fc.constantFrom(undefined, 'Always'), resources: fc.record({ requests: list }) });
const specArb = fc.record(
  {
    containers: fc.array(container, { minLength: 1, maxLength: 2 }),
    initContainers: fc.array(initContainer, { maxLength: 2 }),
    resources: fc.record({ requests: list }),
    overhead: list,
    nodeName: fc.constantFrom('n1', 'n2'),
  },
  { requiredKeys: ['containers'] },
);
const podOf = (spec: unknown): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: spec as Pod['spec'] });

describe('storedPodRequests', () => {
  it('answers what podRequests and podNonZeroRequests give, for fresh copies of random specs and for the same spec again (property)', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), (specs, again) => {
        const pods = specs.map((s) => podOf(copy(s)));
        for (const pod of pods) expect(cached(pod)).toEqual(reference(podOf(copy(pod.spec))));
        for (const i of again) {
          const pod = pods[i % pods.length];
          expect(cached(pod)).toEqual(reference(pod));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('parses a template once: replicas with equal specs share one answer', () => {
    const spec = { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] };
    const a = storedPodRequests(podOf(copy(spec)));
    expect(storedPodRequests(podOf({ ...copy(spec), nodeName: 'n1' }))).toBe(a);
    expect(a.requests.milliCPU).toBe(100);
    expect(storedPodRequests(podOf({ containers: [{ name: 'c', resources: { requests: { cpu: '200m', memory: '64Mi' } } }] })).requests.milliCPU).toBe(200);
  });

  it('stays right past the content map limit (cleared, then filled again)', () => {
    for (let i = 1; i <= 4200; i++) {
      const r = storedPodRequests(podOf({ containers: [{ name: 'c', resources: { requests: { cpu: `${i}m` } } }] }));
      expect(r.requests.milliCPU).toBe(i);
    }
    expect(storedPodRequests(podOf({ containers: [{ name: 'c', resources: { requests: { cpu: '1m' } } }] })).requests.milliCPU).toBe(1);
  });
});
