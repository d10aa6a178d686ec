import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { toTimestamp } from '../../clock/time';
import { lessForDeletion, podsToDelete } from './pod-ranking';

interface P {
  name: string;
  node?: string;
  phase?: 'Pending' | 'Running' | 'Unknown';
  ready?: boolean;
  readySince?: number;
  created?: number;
  cost?: number;
  restarts?: number;
}

function pod(p: P): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      uid: `uid-${p.name}`,
      creationTimestamp: toTimestamp(p.created ?? 0),
      ...(p.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(p.cost) } } : {}),
    },
    spec: { containers: [{ name: 'c' }], ...(p.node ? { nodeName: p.node } : {}) },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: p.ready === false ? 'False' : 'True', lastTransitionTime: toTimestamp(p.readySince ?? 0) }],
      containerStatuses: [{ name: 'c', restartCount: p.restarts ?? 0 }],
    },
  };
}

const NOW = 10 * 3600_000;

describe('ActivePodsWithRanks', () => {
  it.each([
    { why: 'unassigned before assigned', first: { name: 'a' }, second: { name: 'b', node: 'n1' } },
    { why: 'Pending before Running', first: { name: 'a', node: 'n1', phase: 'Pending' as const }, second: { name: 'b', node: 'n1' } },
    { why: 'Unknown before Running', first: { name: 'a', node: 'n1', phase: 'Unknown' as const }, second: { name: 'b', node: 'n1' } },
    { why: 'not ready before ready', first: { name: 'a', node: 'n1', ready: false }, second: { name: 'b', node: 'n1' } },
    { why: 'lower deletion cost first', first: { name: 'a', node: 'n1', cost: -5 }, second: { name: 'b', node: 'n1' } },
    { why: 'ready more recently (log scale) first', first: { name: 'a', node: 'n1', readySince: NOW - 60_000 }, second: { name: 'b', node: 'n1', readySince: NOW - 3600_000 } },
    { why: 'more restarts first', first: { name: 'a', node: 'n1', restarts: 3 }, second: { name: 'b', node: 'n1' } },
    { why: 'newer (log scale) first', first: { name: 'a', node: 'n1', created: NOW - 60_000 }, second: { name: 'b', node: 'n1', created: NOW - 3600_000 } },
  ])('$why', ({ first, second }) => {
    const a = pod(first);
    const b = pod(second);
    expect(lessForDeletion(a, 1, b, 1, NOW)).toBe(true);
    expect(lessForDeletion(b, 1, a, 1, NOW)).toBe(false);
  });

  it('prefers pods doubled up on a node with more related pods', () => {
    const a = pod({ name: 'a', node: 'n1' });
    const b = pod({ name: 'b', node: 'n2' });
    expect(lessForDeletion(a, 3, b, 1, NOW)).toBe(true);
    expect(lessForDeletion(b, 1, a, 3, NOW)).toBe(false);
  });

  it('picks the first diff pods, ranking by related active pods on the same node', () => {
    const own = [pod({ name: 'a', node: 'n1' }), pod({ name: 'b', node: 'n2' }), pod({ name: 'c', node: 'n3' })];
    // Two pods of a sibling ReplicaSet also run on n2.
    const related = [...own, pod({ name: 'x', node: 'n2' }), pod({ name: 'y', node: 'n2' })];
    expect(podsToDelete(own, related, 1, NOW).map((p) => p.metadata.name)).toEqual(['b']);
    expect(podsToDelete(own, related, 3, NOW)).toHaveLength(3);
  });
});
