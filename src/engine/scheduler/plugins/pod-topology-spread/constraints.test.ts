/**
 * defaultSelector: a controller's selector is parsed once per selector
 * object, and what it builds (alone, or ANDed with the Services selecting the
 * pod) is what upstream's helper.DefaultSelector gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector, type Selector } from '../../../model/labels';
import type { LabelSelector, Pod, Service, Workload } from '../../../model/types';
import type { ClusterListers } from '../../framework/interfaces';
import { PodInfo } from '../../framework/pod-info';
import { defaultSelector, selectorEqualities } from './constraints';

function pod(labels: Record<string, string>, owner?: string): PodInfo {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      namespace: 'default',
      labels,
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }] } : {}),
    },
    spec: { containers: [] },
  };
  return new PodInfo(p);
}

function replicaSet(name: string, selector: LabelSelector | undefined): Workload {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' }, spec: { selector } } as unknown as Workload;
}

function listers(rs: Workload[], services: Service[] = []): ClusterListers {
  return {
    namespaceLabels: () => ({}),
    services: () => services,
    replicaSets: () => rs,
    statefulSets: () => [],
    replicationControllers: () => [],
    podDisruptionBudgets: () => [],
  };
}

describe('defaultSelector', () => {
  it("a ReplicaSet's selector alone: built once per selector object, rebuilt for a new one", () => {
    const selector = { matchLabels: { app: 'a', 'pod-template-hash': 'h1' } };
    const rs = replicaSet('rs', selector);
    const p = pod({ app: 'a', 'pod-template-hash': 'h1' }, 'rs');
    const first = defaultSelector(p, listers([rs]));
    expect(first.key).toBe(JSON.stringify([[], selector]));
    expect(first.empty).toBe(false);
    expect(first.equalities).toEqual([['app', 'a'], ['pod-template-hash', 'h1']]);
    expect(first.selector.matches({ app: 'a', 'pod-template-hash': 'h1' })).toBe(true);
    expect(first.selector.matches({ app: 'a', 'pod-template-hash': 'h2' })).toBe(false);
    expect(defaultSelector(p, listers([replicaSet('rs', selector)]))).toBe(first);

    const other = { matchLabels: { app: 'a' } };
    const second = defaultSelector(p, listers([replicaSet('rs', other)]));
    expect(second.key).toBe(JSON.stringify([[], other]));
    expect(second.equalities).toEqual([['app', 'a']]);
    expect(second.selector.matches({ app: 'a', 'pod-template-hash': 'h2' })).toBe(true);
  });

  it('ANDed with the Services that select the pod', () => {
    const selector = { matchLabels: { app: 'a' } };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { tier: 'web' } } } as Service;
    const p = pod({ app: 'a', tier: 'web' }, 'rs');
    const d = defaultSelector(p, listers([replicaSet('rs', selector)], [svc]));
    expect(d.key).toBe(JSON.stringify([[['tier', 'web']], selector]));
    expect(d.equalities).toEqual([['app', 'a'], ['tier', 'web']]);
    expect(d.selector.matches({ app: 'a', tier: 'web' })).toBe(true);
    expect(d.selector.matches({ app: 'a' })).toBe(false);
    // The controller's selector alone is still what a pod no Service selects gets.
    expect(defaultSelector(pod({ app: 'a' }, 'rs'), listers([replicaSet('rs', selector)], [svc])).key).toBe(JSON.stringify([[], selector]));
  });

  it('a nil or malformed controller selector adds nothing', () => {
    const p = pod({ app: 'a' }, 'rs');
    expect(defaultSelector(p, listers([replicaSet('rs', undefined)])).empty).toBe(true);
    const bad = { matchExpressions: [{ key: 'app', operator: 'Bogus', values: ['a'] }] } as unknown as LabelSelector;
    expect(defaultSelector(p, listers([replicaSet('rs', bad)])).empty).toBe(true);
    expect(defaultSelector(p, listers([replicaSet('rs', bad)])).empty).toBe(true);
  });
});

describe('defaultSelector by content', () => {
  it('equal-content copies of a selector (as every workload write makes) give what a fresh parse gives', () => {
    const value = fc.oneof(fc.constantFrom('a', 'b', '1', ''), fc.constantFrom(1, undefined, null, true));
    const key = fc.constantFrom('app', 'tier', '1', '0', 'pod-template-hash', 'constructor');
    const matchLabels = fc.dictionary(key, value, { maxKeys: 3 });
    const expression = fc.record({ key, operator: fc.constantFrom('In', 'NotIn', 'Exists', 'Gt'), values: fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }) });
    const selector = fc.oneof(
      fc.record({ matchLabels }),
      fc.record({ matchLabels, matchExpressions: fc.array(expression, { maxLength: 2 }) }),
      fc.record({ matchLabels, extra: fc.constant(1) }),
    );
    const labels = fc.dictionary(fc.constantFrom('app', 'tier', '1', '0', 'pod-template-hash'), fc.constantFrom('a', 'b', '1', ''), { maxKeys: 4 });
    fc.assert(
      fc.property(selector, fc.array(labels, { minLength: 1, maxLength: 6 }), fc.boolean(), (sel, labelSets, reorder) => {
        // Two separate objects with the same content (the second maybe built in another key order).
        const copy = (s: LabelSelector): LabelSelector => {
          const c = JSON.parse(JSON.stringify(s)) as LabelSelector;
          if (reorder && c.matchLabels) c.matchLabels = Object.fromEntries(Object.entries(c.matchLabels).reverse());
          return c;
        };
        for (const s of [sel as LabelSelector, copy(sel as LabelSelector), copy(sel as LabelSelector)]) {
          const d = defaultSelector(pod({}, 'rs'), listers([replicaSet('rs', s)]));
          let ref: Selector | null;
          try {
            ref = labelSelectorAsSelector(s, 'selector');
          } catch {
            ref = null;
          }
          if (ref === null || ref.nothing) {
            expect(d.empty).toBe(true);
            continue;
          }
          expect(d.key).toBe(JSON.stringify([[], s]));
          expect(d.empty).toBe(ref.empty);
          expect(d.equalities).toEqual(selectorEqualities(s));
          for (const l of labelSets) expect(d.selector.matches(l)).toBe(ref.matches(l));
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
