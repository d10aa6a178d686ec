/**
 * The kubelet's node-affinity admission answers a pod without a nodeSelector or required node
 * affinity at once; with that shortcut on and off, random pods and nodes get the same answer.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Node, Pod } from '../model/types';
import { NO_AFFINITY_FAST, matchesRequiredAffinity } from './admission';

const labelsArb = fc.option(fc.dictionary(fc.constantFrom('zone', 'disk', 'os'), fc.constantFrom('a', 'b', ''), { maxKeys: 3 }), { nil: undefined });
const selectorArb = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.constant(['a']),
  fc.dictionary(fc.constantFrom('zone', 'disk'), fc.constantFrom('a', 'b'), { minKeys: 1, maxKeys: 2 }),
);
const requiredArb = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.record({
    nodeSelectorTerms: fc.array(
      fc.record({ matchExpressions: fc.array(fc.record({ key: fc.constantFrom('zone', 'disk'), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'), values: fc.constantFrom(['a'], ['a', 'b']) }), { maxLength: 2 }) }),
      { maxLength: 2 },
    ),
  }),
);
const affinityArb = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.constant({ nodeAffinity: {} }),
  requiredArb.map((r) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: r } })),
);

describe('kubelet admission: node affinity', () => {
  afterEach(() => {
    NO_AFFINITY_FAST.enabled = true;
  });

  it('answers as the full match with the shortcut on and off (property)', () => {
    let fast = 0;
    fc.assert(
      fc.property(selectorArb, affinityArb, labelsArb, (nodeSelector, affinity, labels) => {
        const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], nodeSelector, affinity } } as unknown as Pod;
        const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels } };
        NO_AFFINITY_FAST.enabled = false;
        let full: boolean | string;
        try {
          full = matchesRequiredAffinity(pod, node);
        } catch (e) {
          full = `throws ${(e as Error).message}`;
        }
        NO_AFFINITY_FAST.enabled = true;
        let short: boolean | string;
        try {
          short = matchesRequiredAffinity(pod, node);
        } catch (e) {
          short = `throws ${(e as Error).message}`;
        }
        expect(short).toEqual(full);
        if (nodeSelector === undefined && affinity === undefined) fast++;
      }),
      { numRuns: 500 },
    );
    expect(fast).toBeGreaterThan(5);
  });
});
