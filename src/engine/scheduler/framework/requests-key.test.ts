import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podNonZeroRequests, podRequests } from '../../model/pod-requests';
import type { Pod } from '../../model/types';
import { PodInfo } from './pod-info';
import { requestsKey } from '../../model/requests-key';

/** A deep copy keeping undefined entries and -0 (which a JSON round trip would not). */
function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = deepCopy((v as Record<string, unknown>)[k]);
    return out as T;
  }
  return v;
}

/** Requests as plain data, or the error a malformed spec throws. */
function requestsOrError(pod: Pod): unknown {
  try {
    const nz = podNonZeroRequests(pod);
    return { requests: { ...podRequests(pod) }, nz };
  } catch (e) {
    return { error: String(e) };
  }
}

// Small pools so that equal keys (and near misses) come up often.
const name = fc.constantFrom('cpu', 'memory', 'ephemeral-storage', 'example.com/gpu', 'hugepages-2Mi', 'pods');
const raw = fc.oneof(
  fc.constantFrom('100m', '0.1', '1', '2Gi', '1Gi', '1024Mi', '', 'abc', '-1', '1e3'),
  fc.constantFrom(1, 0, -0, 0.5, 2, 1e3),
  fc.constantFrom(undefined, null, true, { x: 1 }),
);
const list = fc.oneof(fc.constant(undefined), fc.constant(null), fc.dictionary(name, raw, { maxKeys: 3 }), fc.constant('junk'));
const container = fc.oneof(
  fc.record({ name: fc.constant('c'), resources: fc.oneof(fc.constant(undefined), fc.record({ requests: list, limits: list }, { requiredKeys: [] })) }),
  fc.constant(null),
);
const init = fc.record({ name: fc.constant('i'), restartPolicy: fc.constantFrom(undefined, 'Always', 'Never'), resources: fc.record({ requests: list }) }, { requiredKeys: ['name', 'resources'] });
const spec = fc.record(
  {
    containers: fc.array(container, { maxLength: 3 }),
    initContainers: fc.oneof(fc.constant(undefined), fc.array(init, { maxLength: 2 })),
    resources: fc.oneof(fc.constant(undefined), fc.record({ requests: list })),
    overhead: list,
  },
  { requiredKeys: ['containers'] },
);
const podOf = (s: unknown): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: s as Pod['spec'] });

describe('requestsKey', () => {
  it('gives two specs the same key only when their requests are the same', () => {
    fc.assert(
      fc.property(spec, spec, (a, b) => {
        const ka = requestsKey(a as Pod['spec']);
        const kb = requestsKey(b as Pod['spec']);
        if (ka !== null && ka === kb) expect(requestsOrError(podOf(a))).toEqual(requestsOrError(podOf(b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('names ordinary specs, so that replicas of a template share their requests', () => {
    const s = { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '1Gi' } } }] } as Pod['spec'];
    expect(requestsKey(s)).not.toBeNull();
    expect(requestsKey(deepCopy(s))).toBe(requestsKey(s));
    expect(requestsKey({ containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '2Gi' } } }] } as Pod['spec'])).not.toBe(requestsKey(s));
  });

  it('a PodInfo over a stored spec has the requests of one built without the caches', () => {
    const requestsOfInfo = (pod: Pod, stored: boolean): unknown => {
      try {
        const pi = new PodInfo(pod, 0, stored ? pod.spec : undefined);
        return { requests: { ...pi.requests }, nz: { milliCPU: pi.nonZeroMilliCPU, memory: pi.nonZeroMemory } };
      } catch (e) {
        return { error: String(e) };
      }
    };
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 6 }), (specs) => {
        for (const s of specs) {
          const pod = podOf(deepCopy(s));
          expect(requestsOfInfo(pod, true)).toEqual(requestsOfInfo(podOf(s), false));
        }
      }),
      { numRuns: 500 },
    );
  });
});
