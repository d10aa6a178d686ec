import { describe, expect, it } from 'vitest';
import { makePod } from '../testing/builders';
import {
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  defaultRequestsFromLimits,
  podNonZeroRequests,
  podRequests,
  validatePodResources,
  validateResourceList,
} from './pod-requests';
import { QuantityError } from './quantity';
import type { Pod, ResourceList } from './types';

const Mi = 1024 * 1024;
const Gi = 1024 * Mi;

/** Sets pod-level spec.resources. */
function podLevel(pod: Pod, requests?: ResourceList, limits?: ResourceList): Pod {
  pod.spec.resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
  return pod;
}

describe('podRequests (reference §5.1)', () => {
  const cases: [string, Pod, { milliCPU: number; memory: number }][] = [
    ['no containers requests', makePod('p').container().obj(), { milliCPU: 0, memory: 0 }],
    [
      'containers are summed',
      makePod('p').req({ cpu: '1', memory: '1Gi' }).req({ cpu: '500m', memory: '512Mi' }).obj(),
      { milliCPU: 1500, memory: 1.5 * Gi },
    ],
    [
      'an init container larger than the containers sets the request',
      makePod('p').req({ cpu: '1', memory: '1Gi' }).initReq({ cpu: '2', memory: '512Mi' }).obj(),
      { milliCPU: 2000, memory: Gi },
    ],
    [
      'init containers count one at a time (max, not sum)',
      makePod('p').req({ cpu: '1' }).initReq({ cpu: '1500m' }).initReq({ cpu: '1200m' }).obj(),
      { milliCPU: 1500, memory: 0 },
    ],
    [
      'a sidecar adds to the containers',
      makePod('p').req({ cpu: '1', memory: '1Gi' }).initReq({ cpu: '500m', memory: '256Mi' }, true).obj(),
      { milliCPU: 1500, memory: 1.25 * Gi },
    ],
    [
      'an init container after a sidecar runs alongside it',
      makePod('p').req({ cpu: '1' }).initReq({ cpu: '1' }, true).initReq({ cpu: '3' }).obj(),
      { milliCPU: 4000, memory: 0 }, // max(1 + 1, 1 + 3)
    ],
    [
      'an init container before a sidecar does not',
      makePod('p').req({ cpu: '1' }).initReq({ cpu: '3' }).initReq({ cpu: '1' }, true).obj(),
      { milliCPU: 3000, memory: 0 }, // max(1 + 1, 3, 1)
    ],
    [
      'sidecars accumulate for later init containers',
      makePod('p').req({ cpu: '1' }).initReq({ cpu: '1' }, true).initReq({ cpu: '2' }, true).initReq({ cpu: '2' }).obj(),
      { milliCPU: 5000, memory: 0 }, // max(1 + 1 + 2, 1 + 2 + 2)
    ],
    [
      'the maximum is taken per resource',
      makePod('p').req({ cpu: '1', memory: '2Gi' }).initReq({ cpu: '2', memory: '1Gi' }).obj(),
      { milliCPU: 2000, memory: 2 * Gi },
    ],
    [
      'overhead is added on top',
      makePod('p').req({ cpu: '1' }).initReq({ cpu: '2' }).overhead({ cpu: '250m', memory: '120Mi' }).obj(),
      { milliCPU: 2250, memory: 120 * Mi },
    ],
    [
      'numbers from YAML are quantities too',
      makePod('p').req({ cpu: 0.5, memory: 1048576 }).req({ cpu: 2 }).obj(),
      { milliCPU: 2500, memory: Mi },
    ],
    [
      'sub-milli values are rounded up per list, as the API server stores them',
      makePod('p').req({ cpu: '100u', memory: '0.5' }).req({ cpu: '100u', memory: '0.5' }).obj(),
      { milliCPU: 2, memory: 1 },
    ],
    [
      'pod-level requests replace the aggregate for cpu and memory',
      podLevel(makePod('p').req({ cpu: '1', memory: '1Gi' }).req({ cpu: '1' }).obj(), { cpu: '3' }),
      { milliCPU: 3000, memory: Gi },
    ],
    [
      'pod-level requests, then overhead',
      podLevel(makePod('p').req({ cpu: '1' }).overhead({ cpu: '100m', memory: '10Mi' }).obj(), { cpu: '2', memory: '1Gi' }),
      { milliCPU: 2100, memory: Gi + 10 * Mi },
    ],
  ];
  it.each(cases)('%s', (_name, pod, want) => {
    const r = podRequests(pod);
    expect({ milliCPU: r.milliCPU, memory: r.memory }).toEqual(want);
  });

  it('sums ephemeral-storage, extended resources and hugepages', () => {
    const pod = makePod('p')
      .req({ 'ephemeral-storage': '1Gi', 'example.com/gpu': '1', 'hugepages-2Mi': '4Mi' })
      .req({ 'example.com/gpu': 2 })
      .initReq({ 'example.com/gpu': '4' })
      .obj();
    const r = podRequests(pod);
    expect(r.ephemeralStorage).toBe(Gi);
    expect(r.get('example.com/gpu')).toBe(4);
    expect(r.get('hugepages-2Mi')).toBe(4 * Mi);
  });

  it('pod-level hugepages replace the aggregate; other pod-level names are ignored', () => {
    const pod = podLevel(makePod('p').req({ 'hugepages-2Mi': '2Mi', 'example.com/gpu': '1' }).obj(), {
      'hugepages-2Mi': '8Mi',
      'example.com/gpu': '5',
    });
    const r = podRequests(pod);
    expect(r.get('hugepages-2Mi')).toBe(8 * Mi);
    expect(r.get('example.com/gpu')).toBe(1);
  });

  it('pod-level requests with no supported resource are not "set"', () => {
    const pod = podLevel(makePod('p').req({ cpu: '1' }).obj(), { 'example.com/gpu': '1' });
    expect(podRequests(pod).milliCPU).toBe(1000);
  });

  it('ignores names the scheduler does not track (not scalar resources)', () => {
    const r = podRequests(makePod('p').req({ cpu: '1', bogus: '5' }).obj());
    expect(r.names()).toEqual(['cpu']);
  });

  it('throws QuantityError on a malformed quantity', () => {
    expect(() => podRequests(makePod('p').req({ cpu: 'lots' }).obj())).toThrow(QuantityError);
  });
});

describe('podNonZeroRequests (reference §5.2, §10)', () => {
  const cases: [string, Pod, { milliCPU: number; memory: number }][] = [
    ['no requests: 100m / 200Mi (§10)', makePod('p').container().obj(), { milliCPU: 100, memory: 209715200 }],
    ['per container', makePod('p').container().container().obj(), { milliCPU: 200, memory: 400 * Mi }],
    ['real requests are kept', makePod('p').req({ cpu: '1', memory: '1Gi' }).obj(), { milliCPU: 1000, memory: Gi }],
    ['only the missing resource is defaulted', makePod('p').req({ cpu: '250m' }).obj(), { milliCPU: 250, memory: 200 * Mi }],
    ['an explicit "0" stays 0', makePod('p').req({ cpu: '0', memory: '0' }).obj(), { milliCPU: 0, memory: 0 }],
    [
      'defaults count per container, mixed with real requests',
      makePod('p').req({ cpu: '1' }).container().obj(),
      { milliCPU: 1100, memory: 400 * Mi },
    ],
    [
      'a sidecar without requests adds the defaults',
      makePod('p').req({ cpu: '1', memory: '1Gi' }).initReq({}, true).obj(),
      { milliCPU: 1100, memory: Gi + 200 * Mi },
    ],
    [
      'an init container without requests counts as 100m / 200Mi',
      makePod('p').req({ cpu: '50m', memory: '100Mi' }).initReq({}).obj(),
      { milliCPU: 100, memory: 200 * Mi },
    ],
    ['overhead is added', makePod('p').container().overhead({ cpu: '50m', memory: '1Mi' }).obj(), { milliCPU: 150, memory: 201 * Mi }],
    [
      'pod-level cpu set: cpu from the pod level, memory defaulted per container',
      podLevel(makePod('p').container().container().obj(), { cpu: '2' }),
      { milliCPU: 2000, memory: 400 * Mi },
    ],
    [
      'pod-level cpu set and a container requests memory: no default at all',
      podLevel(makePod('p').req({ memory: '1Gi' }).container().obj(), { cpu: '2' }),
      { milliCPU: 2000, memory: Gi },
    ],
    [
      'pod-level memory set, no cpu anywhere: cpu defaulted per container',
      podLevel(makePod('p').container().container().container().obj(), { memory: '1Gi' }),
      { milliCPU: 300, memory: Gi },
    ],
  ];
  it.each(cases)('%s', (_name, pod, want) => {
    expect(podNonZeroRequests(pod)).toEqual(want);
  });

  it('exports the upstream constants', () => {
    expect([DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST]).toEqual([100, 209715200]);
  });

  it('leaves the real requests of the same pod untouched (defaults are scoring-only)', () => {
    const pod = makePod('p').container().obj();
    podNonZeroRequests(pod);
    expect(podRequests(pod).milliCPU).toBe(0);
    expect(pod.spec.containers[0].resources).toBeUndefined();
  });
});

describe('defaultRequestsFromLimits', () => {
  it('copies limits into missing requests, containers and init containers', () => {
    const pod = makePod('p').obj();
    pod.spec.containers.push(
      { name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } },
      { name: 'b', resources: { requests: { cpu: '100m' }, limits: { cpu: '2', memory: 512 } } },
      { name: 'c' },
    );
    pod.spec.initContainers = [{ name: 'i', resources: { limits: { 'example.com/gpu': '1' } } }];
    defaultRequestsFromLimits(pod);
    expect(pod.spec.containers[0].resources!.requests).toEqual({ cpu: '1', memory: '1Gi' });
    expect(pod.spec.containers[1].resources!.requests).toEqual({ cpu: '100m', memory: 512 });
    expect(pod.spec.containers[2].resources).toBeUndefined();
    expect(pod.spec.initContainers[0].resources!.requests).toEqual({ 'example.com/gpu': '1' });
    expect(podRequests(pod).milliCPU).toBe(1100);
  });

  it('defaults pod-level requests from pod-level limits when containers request nothing', () => {
    const pod = podLevel(makePod('p').container().obj(), undefined, { cpu: '2', memory: '1Gi', 'hugepages-2Mi': '4Mi' });
    defaultRequestsFromLimits(pod);
    expect(pod.spec.resources!.requests).toEqual({ cpu: '2', memory: '1Gi', 'hugepages-2Mi': '4Mi' });
    expect(podRequests(pod).milliCPU).toBe(2000);
  });

  it('defaults pod-level cpu/memory requests from the containers aggregate first', () => {
    const pod = podLevel(makePod('p').req({ cpu: '500m' }).req({ cpu: '1' }).obj(), undefined, { cpu: '4', memory: '1Gi' });
    defaultRequestsFromLimits(pod);
    expect(pod.spec.resources!.requests).toEqual({ cpu: '1500m', memory: '1Gi' });
  });

  it('keeps pod-level requests that are set, and does nothing without pod-level limits', () => {
    const a = podLevel(makePod('p').req({ cpu: '1' }).obj(), { cpu: '3' }, { cpu: '4' });
    defaultRequestsFromLimits(a);
    expect(a.spec.resources!.requests).toEqual({ cpu: '3' });
    const b = podLevel(makePod('p').req({ cpu: '1' }).obj(), { memory: '1Gi' });
    defaultRequestsFromLimits(b);
    expect(b.spec.resources!.requests).toEqual({ memory: '1Gi' });
  });

  it('tolerates malformed input and leaves it for validation', () => {
    const pod = makePod('p').obj();
    (pod.spec.containers as unknown[]).push(
      null,
      { name: 'x', resources: 'big' },
      { name: 'y', resources: { limits: [] } },
      { name: 'w', resources: { requests: 'odd', limits: { cpu: '1' } } },
    );
    pod.spec.resources = { limits: { cpu: '2' } };
    pod.spec.containers.push({ name: 'z', resources: { requests: { cpu: 'nonsense' } } });
    expect(() => defaultRequestsFromLimits(pod)).not.toThrow();
    expect(pod.spec.resources.requests).toEqual({ cpu: '2' });
    expect(pod.spec.containers[3].resources!.requests).toBe('odd');
    expect(validatePodResources(pod, 'spec')).toContain(
      'spec.containers[3].resources.requests: Invalid value: "odd": must be a map of resource names to quantities',
    );
  });
});

describe('validateResourceList', () => {
  const P = 'spec.containers[0].resources.requests';
  const TOO_BIG = 'is too large (Podscape holds amounts up to 9007199254740991, i.e. 8Pi - 1 bytes)';
  const TOO_BIG_CPU = 'is too large (Podscape holds cpu up to 9007199254740991m, about 9007199254740 cores)';
  const cases: [string, unknown, string[]][] = [
    ['absent', undefined, []],
    ['null', null, []],
    ['valid', { cpu: '500m', memory: '1Gi', 'example.com/gpu': 2, pods: '110', 'ephemeral-storage': 0 }, []],
    ['not a map', 'lots', [`${P}: Invalid value: "lots": must be a map of resource names to quantities`]],
    ['a list', ['1'], [`${P}: Invalid value: ["1"]: must be a map of resource names to quantities`]],
    [
      'malformed quantity',
      { cpu: 'one' },
      [`${P}.cpu: Invalid value: "one": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`],
    ],
    ['bad suffix', { memory: '1gb' }, [`${P}.memory: Invalid value: "1gb": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`]],
    ['unknown suffix', { memory: '1MM' }, [`${P}.memory: Invalid value: "1MM": unable to parse quantity's suffix`]],
    ['not a quantity type', { cpu: true }, [`${P}.cpu: Invalid value: true: must be a quantity such as "500m" or "1Gi"`]],
    ['negative', { cpu: '-0.5' }, [`${P}.cpu: Invalid value: "-500m": must be greater than or equal to 0`]],
    ['negative number', { memory: -1 }, [`${P}.memory: Invalid value: "-1": must be greater than or equal to 0`]],
    ['largest exact memory', { memory: '9007199254740991' }, []],
    ['memory of 8Pi', { memory: '8Pi' }, [`${P}.memory: Invalid value: "8Pi": ${TOO_BIG}`]],
    ['largest exact cpu', { cpu: '9007199254740' }, []],
    ['cpu too large in millicores', { cpu: '9007199254741' }, [`${P}.cpu: Invalid value: "9007199254741": ${TOO_BIG_CPU}`]],
    ['beyond what a quantity holds here', { memory: '1e5000' }, [`${P}.memory: Invalid value: "1e5000": ${TOO_BIG}`]],
    ['fractional extended resource', { 'example.com/gpu': '500m' }, [`${P}.example.com/gpu: Invalid value: "500m": must be an integer`]],
    ['fractional pods', { pods: 1.5 }, [`${P}.pods: Invalid value: "1500m": must be an integer`]],
    ['fractional memory is fine', { memory: '0.5' }, []],
    [
      'several errors, in key order',
      { cpu: '-1', memory: 'x', 'example.com/gpu': '0.5' },
      [
        `${P}.cpu: Invalid value: "-1": must be greater than or equal to 0`,
        `${P}.memory: Invalid value: "x": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        `${P}.example.com/gpu: Invalid value: "500m": must be an integer`,
      ],
    ],
  ];
  it.each(cases)('%s', (_name, list, want) => {
    expect(validateResourceList(list, P)).toEqual(want);
  });
});

describe('validatePodResources', () => {
  it('accepts a well-formed pod', () => {
    const pod = makePod('p').req({ cpu: '1', memory: '1Gi' }).initReq({ cpu: '2' }, true).overhead({ cpu: '10m' }).obj();
    pod.spec.containers[0].resources!.limits = { cpu: '2', memory: '1Gi' };
    podLevel(pod, { cpu: '4' }, { cpu: '4' });
    expect(validatePodResources(pod, 'spec')).toEqual([]);
  });

  it('reports requests above limits on the requests map, with canonical values', () => {
    const pod = makePod('p').obj();
    pod.spec.containers.push({ name: 'a', resources: { requests: { cpu: '2000m', memory: '1Gi' }, limits: { cpu: 1, memory: '1Gi' } } });
    expect(validatePodResources(pod, 'spec')).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });

  it('requires requests equal to limits for resources that cannot be overcommitted', () => {
    const pod = makePod('p').obj();
    pod.spec.containers.push({
      name: 'a',
      resources: {
        requests: { 'example.com/gpu': '1', 'hugepages-2Mi': '2Mi', memory: '1Gi' },
        limits: { 'example.com/gpu': '2', 'hugepages-2Mi': '2Mi', memory: '2Gi' },
      },
    });
    expect(validatePodResources(pod, 'spec')).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
    ]);
  });

  it('covers init containers, overhead and pod-level resources', () => {
    const pod = makePod('p').req({ cpu: '1' }).initReq({ cpu: 'abc' }).overhead({ memory: '-1Mi' }).obj();
    podLevel(pod, { cpu: '3' }, { cpu: '2' });
    expect(validatePodResources(pod, 'spec')).toEqual([
      `spec.initContainers[0].resources.requests.cpu: Invalid value: "abc": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      'spec.overhead.memory: Invalid value: "-1Mi": must be greater than or equal to 0',
      'spec.resources.requests: Invalid value: "3": must be less than or equal to cpu limit of 2',
    ]);
  });

  it('refuses a resource name a container cannot request, as validateContainerResourceName does (names like constructor included)', () => {
    const pod = makePod('p').overhead({ gpu: '1' }).obj();
    pod.spec.containers.push({
      name: 'a',
      resources: {
        limits: { constructor: '1', 'example.com/gpu': '1', 'hugepages-2Mi': '2Mi', 'kubernetes.io/thing': '1' },
        requests: { foo: '1', pods: '1', 'Bad Name!': '1', 'example.com/requests.x': '1' },
      },
    });
    expect(validatePodResources(pod, 'spec')).toEqual([
      'spec.containers[0].resources.limits.constructor: Invalid value: "constructor": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits.constructor: Invalid value: "constructor": must be a standard resource for containers',
      'spec.containers[0].resources.requests.foo: Invalid value: "foo": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests.foo: Invalid value: "foo": must be a standard resource for containers',
      'spec.containers[0].resources.requests.pods: Invalid value: "pods": must be a standard resource for containers',
      `spec.containers[0].resources.requests.Bad Name!: Invalid value: "Bad Name!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      'spec.containers[0].resources.requests.Bad Name!: Invalid value: "Bad Name!": must be a standard resource for containers',
      'spec.overhead.gpu: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.overhead.gpu: Invalid value: "gpu": must be a standard resource for containers',
    ]);
  });

  it('refuses a pod-level resource name other than cpu, memory and hugepages-*, as validatePodResourceName does', () => {
    const pod = makePod('p').obj();
    podLevel(pod, { cpu: '1', foo: '1', 'ephemeral-storage': '1Gi', 'example.com/gpu': '1', constructor: '1', 'Bad Name!': '1', 'hugepages-2Mi': '2Mi' }, { memory: '1Gi', 'kubernetes.io/x': '1', pods: '1' });
    const supported = 'supported values: "cpu", "hugepages-", "memory"';
    expect(validatePodResources(pod, 'spec')).toEqual([
      `spec.resources.limits.kubernetes.io/x: Unsupported value: "kubernetes.io/x": ${supported}`,
      `spec.resources.limits.pods: Unsupported value: "pods": ${supported}`,
      'spec.resources.requests.foo: Invalid value: "foo": must be a standard resource type or fully qualified',
      `spec.resources.requests.ephemeral-storage: Unsupported value: "ephemeral-storage": ${supported}`,
      `spec.resources.requests.example.com/gpu: Unsupported value: "example.com/gpu": ${supported}`,
      'spec.resources.requests.constructor: Invalid value: "constructor": must be a standard resource type or fully qualified',
      `spec.resources.requests.Bad Name!: Invalid value: "Bad Name!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });

  it('reports limits before requests, and malformed resources blocks', () => {
    const pod = makePod('p').obj();
    pod.spec.containers.push(
      { name: 'a', resources: { requests: { cpu: '-1' }, limits: { cpu: '-2' } } },
      { name: 'b', resources: 'lots' as never },
    );
    expect(validatePodResources(pod, 'spec')).toEqual([
      'spec.containers[0].resources.limits.cpu: Invalid value: "-2": must be greater than or equal to 0',
      'spec.containers[0].resources.requests.cpu: Invalid value: "-1": must be greater than or equal to 0',
      'spec.containers[0].resources.requests: Invalid value: "-1": must be less than or equal to cpu limit of -2',
      'spec.containers[1].resources: Invalid value: "lots": must be a map with requests and limits',
    ]);
  });

  it('every pod it accepts can be measured without throwing', () => {
    const pods = [
      makePod('a').req({ cpu: '1', 'example.com/x': '3' }).initReq({ memory: '1Gi' }, true).obj(),
      podLevel(makePod('b').container().obj(), { cpu: '1' }),
    ];
    for (const pod of pods) {
      expect(validatePodResources(pod, 'spec')).toEqual([]);
      expect(() => podRequests(pod)).not.toThrow();
      expect(() => podNonZeroRequests(pod)).not.toThrow();
    }
  });
});
