import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing/builders';
import { labelSelectorAsSelector } from '../../model/labels';
import type { Pod } from '../../model/types';
import { PodInfo } from './pod-info';

describe('PodInfo requests per stored spec', () => {
  it('gives a copy of a stored pod the same requests as the pod, each PodInfo its own Resource', () => {
    const stored = makePod('web').req({ cpu: '250m', memory: '64Mi' }).initReq({ cpu: '1' }, true).overhead({ cpu: '10m' }).obj();
    const first = new PodInfo({ ...stored, spec: { ...stored.spec } }, 1, stored.spec);
    const second = new PodInfo({ ...stored, spec: { ...stored.spec } }, 2, stored.spec);
    const plain = new PodInfo(stored);
    for (const pi of [first, second]) {
      expect(pi.requests).toEqual(plain.requests);
      expect([pi.nonZeroMilliCPU, pi.nonZeroMemory]).toEqual([plain.nonZeroMilliCPU, plain.nonZeroMemory]);
    }
    expect(first.requests.milliCPU).toBe(1260);
    first.requests.milliCPU += 1;
    expect(second.requests.milliCPU).toBe(1260);
  });

  it('does not remember a spec that is not a stored one', () => {
    const pod = makePod('web').req({ cpu: '100m' }).obj();
    expect(new PodInfo(pod).requests.milliCPU).toBe(100);
    pod.spec.containers[0].resources = { requests: { cpu: '300m' } };
    expect(new PodInfo(pod).requests.milliCPU).toBe(300);
  });
});

describe('PodInfo of an updated bound pod, re-pointed in place (sameButStatus, rerecord)', () => {
  // Terms hold compiled selectors (closures): compared by what they say.
  const terms = (ts: readonly { namespaces: ReadonlySet<string>; topologyKey: string; weight?: number }[]) =>
    ts.map((t) => ({ namespaces: [...t.namespaces], topologyKey: t.topologyKey, weight: t.weight }));
  const fields = (pi: PodInfo) => {
    const { postedIn: _p, postingKeys: _k, requiredAffinityTerms, requiredAntiAffinityTerms, preferredAffinityTerms, preferredAntiAffinityTerms, ...rest } = pi;
    return { ...rest, terms: [requiredAffinityTerms, requiredAntiAffinityTerms, preferredAffinityTerms, preferredAntiAffinityTerms].map(terms) };
  };

  it('is re-pointed exactly when the update keeps spec and labels, and then equals a PodInfo built afresh', () => {
    fc.assert(
      fc.property(
        fc.record({
          cpu: fc.constantFrom('100m', '1', '250m'),
          port: fc.option(fc.integer({ min: 1, max: 3 })),
          priority: fc.option(fc.integer({ min: -5, max: 5 })),
          affinity: fc.boolean(),
          labels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b'), { maxKeys: 2 }),
          start: fc.option(fc.constantFrom('2024-01-01T00:00:00Z', '2024-01-01T00:05:00Z')),
          newStart: fc.option(fc.constantFrom('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 'not a time')),
          deleting: fc.boolean(),
          newSpec: fc.boolean(),
          newLabels: fc.boolean(),
        }),
        (r) => {
          const b = makePod('web').namespace('ns').uid('u1').req({ cpu: r.cpu }).labels(r.labels).node('n1');
          if (r.port !== null) b.hostPort(8000 + r.port);
          if (r.priority !== null) b.priority(r.priority);
          if (r.affinity) b.podAntiAffinity({ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'a' } } });
          if (r.start !== null) b.startTime(r.start);
          const stored = b.obj();
          const before = new PodInfo(stored, 3, stored.spec);
          // An update as the store makes it: spec and labels shared unless replaced.
          const updated = {
            ...stored,
            metadata: { ...stored.metadata, ...(r.deleting ? { deletionTimestamp: '2024-01-01T00:10:00Z' } : {}), ...(r.newLabels ? { labels: { ...stored.metadata.labels, tier: 'c' } } : {}) },
            spec: r.newSpec ? { ...stored.spec, priority: 7, containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '3' } } }] } : stored.spec,
            status: { ...stored.status, ...(r.newStart !== null ? { startTime: r.newStart } : {}), conditions: [{ type: 'DisruptionTarget', status: 'True' as const }] },
          };
          const fresh = new PodInfo(updated, 3, updated.spec);
          expect(before.sameButStatus(updated)).toBe(!r.newSpec && !r.newLabels);
          if (!before.sameButStatus(updated)) return;
          before.rerecord(updated);
          expect(fields(before)).toEqual(fields(fresh));
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('PodInfo of a bound pod from the PodInfo the cycle assumed (another spec object)', () => {
  const terms = (ts: readonly { namespaces: ReadonlySet<string>; topologyKey: string; weight?: number }[]) =>
    ts.map((t) => ({ namespaces: [...t.namespaces], topologyKey: t.topologyKey, weight: t.weight }));
  const fields = (pi: PodInfo) => {
    const { postedIn: _p, postingKeys: _k, pod: _pod, requiredAffinityTerms, requiredAntiAffinityTerms, preferredAffinityTerms, preferredAntiAffinityTerms, ...rest } = pi;
    return { ...rest, terms: [requiredAffinityTerms, requiredAntiAffinityTerms, preferredAffinityTerms, preferredAntiAffinityTerms].map(terms) };
  };
  // Another value for each field PodInfo derives from: requests, sidecars, pod-level requests, overhead, host ports, affinity.
  const other: Record<string, unknown> = {
    containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '3', memory: '1Gi' } }, ports: [{ containerPort: 80, hostPort: 9000 }] }],
    initContainers: [{ name: 'i', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '2' } }, ports: [{ containerPort: 81, hostPort: 9001 }] }],
    resources: { requests: { cpu: '5', memory: '2Gi' } },
    overhead: { cpu: '7' },
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'z' } } }] } },
  };

  it('is re-pointed only when every field it reads is the very object, and then equals a fresh build', () => {
    fc.assert(
      fc.property(
        fc.record({
          init: fc.boolean(),
          overhead: fc.boolean(),
          port: fc.boolean(),
          affinity: fc.boolean(),
          replaced: fc.option(fc.constantFrom('containers', 'initContainers', 'resources', 'overhead', 'affinity')),
          equalCopy: fc.boolean(),
        }),
        (r) => {
          const b = makePod('web').namespace('ns').uid('u1').req({ cpu: '250m' }).labels({ app: 'a' });
          if (r.init) b.initReq({ cpu: '1' }, true);
          if (r.overhead) b.overhead({ cpu: '10m' });
          if (r.port) b.hostPort(8080);
          if (r.affinity) b.podAntiAffinity({ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'a' } } });
          const pending = b.obj();
          // The scheduler's copy of the pending pod, assumed on a node.
          const assumedPod = { ...pending, spec: { ...pending.spec, nodeName: 'n1' } };
          const assumed = new PodInfo(assumedPod, 4, pending.spec);
          // The binding's stored spec, then the kubelet's status update sharing it.
          const boundSpec: Record<string, unknown> = { ...pending.spec, nodeName: 'n1' };
          if (r.replaced !== null) {
            const was = boundSpec[r.replaced];
            boundSpec[r.replaced] = r.equalCopy && was !== undefined ? JSON.parse(JSON.stringify(was)) : other[r.replaced];
          }
          const started: Pod = { ...pending, spec: boundSpec as Pod['spec'], status: { phase: 'Running', startTime: '2024-01-01T00:00:00Z' } };
          const fresh = new PodInfo(started, 4, started.spec);
          expect(assumed.sameButStatus(started)).toBe(r.replaced === null);
          if (r.replaced !== null) return;
          assumed.rerecord(started);
          expect(fields(assumed)).toEqual(fields(fresh));
        },
      ),
      { numRuns: 400, seed: 13 },
    );
  });
});

describe('PodInfo.selectedBy', () => {
  it('answers as selector.matches for any sequence of selectors, the same ones asked again', () => {
    const value = fc.constantFrom('a', 'b', 'c');
    const labels = fc.option(fc.dictionary(fc.constantFrom('app', 'tier', 'pod-template-hash'), value), { nil: undefined });
    const selector = fc
      .record({
        matchLabels: fc.option(fc.dictionary(fc.constantFrom('app', 'tier'), value), { nil: undefined }),
        matchExpressions: fc.option(
          fc.array(fc.record({ key: fc.constantFrom('app', 'tier', 'pod-template-hash'), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'), values: fc.array(value, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
          { nil: undefined },
        ),
      })
      .map((s) => labelSelectorAsSelector({ matchLabels: s.matchLabels, matchExpressions: s.matchExpressions?.map((r) => (r.operator === 'Exists' || r.operator === 'DoesNotExist' ? { key: r.key, operator: r.operator } : r)) }));
    fc.assert(
      fc.property(fc.array(labels, { minLength: 1, maxLength: 4 }), fc.array(selector, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (ls, sels, asks) => {
        const pods = ls.map((l, i) => {
          const pod = makePod(`p${i}`).obj();
          pod.metadata.labels = l;
          return new PodInfo(pod, i);
        });
        for (const a of asks) {
          const p = pods[a % pods.length];
          const s = sels[(a >> 2) % sels.length];
          expect(p.selectedBy(s)).toBe(s.matches(p.labels));
        }
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
