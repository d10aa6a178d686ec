import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../engine/model/types';
import type { PodFrame } from '../../../protocol/engine-api';
import { findPod, planDrop, recreateCommands } from './drop-plan';
import type { NodeVerdict } from './verdict';

const frame = (over: Partial<PodFrame> = {}): PodFrame => ({
  uid: 'u1',
  namespace: 'team',
  name: 'p',
  phase: 'Pending',
  nodeName: null,
  deletionTimestamp: null,
  ready: false,
  owner: null,
  requests: { cpu: 0, memory: 0 },
  unreachableToleration: 300,
  evictionAt: null,
  ...over,
});
const fits: NodeVerdict = { kind: 'fits', score: 10, best: true };
const rejects: NodeVerdict = { kind: 'rejects', reasons: ['Insufficient cpu'], plugins: ['NodeResourcesFit'] };

describe('planDrop', () => {
  it('binds an unbound pod on a node that fits, and asks first anywhere else', () => {
    expect(planDrop(frame(), 'n1', fits)).toEqual({ kind: 'bind', command: { action: 'bindPod', namespace: 'team', name: 'p', node: 'n1' } });
    expect(planDrop(frame(), 'n1', rejects)).toMatchObject({ kind: 'bindAnyway', verdict: rejects });
    expect(planDrop(frame(), 'n1', undefined)).toMatchObject({ kind: 'bindAnyway', verdict: undefined });
  });

  it('deletes a controller-owned pod (gracefully) and recreates a bare one', () => {
    const owned = frame({ nodeName: 'n0', owner: { kind: 'StatefulSet', name: 'db' } });
    expect(planDrop(owned, 'n1', fits)).toEqual({ kind: 'replace', owner: { kind: 'StatefulSet', name: 'db' }, commands: [{ action: 'deletePod', namespace: 'team', name: 'p' }], verdict: fits });
    expect(planDrop(frame({ nodeName: 'n0' }), 'n1', rejects)).toEqual({ kind: 'recreate', verdict: rejects });
  });

  it('does nothing on the pod’s own node or for a pod being deleted', () => {
    expect(planDrop(frame({ nodeName: 'n1' }), 'n1', fits)).toMatchObject({ kind: 'none' });
    expect(planDrop(frame({ deletionTimestamp: '2026-01-01T00:00:00Z' }), 'n1', fits)).toMatchObject({ kind: 'none', why: 'pod p is being deleted' });
  });
});

describe('recreateCommands', () => {
  it('force-deletes, then applies the same pod without server fields or status, bound to the target', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'team', uid: 'u1', resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'x' } },
      spec: { nodeName: 'n0', containers: [{ name: 'c', image: 'nginx' }], priority: 0 },
      status: { phase: 'Running' },
    };
    expect(recreateCommands(pod, 'n1')).toEqual([
      { action: 'deletePod', namespace: 'team', name: 'p', force: true },
      {
        action: 'apply',
        object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team', labels: { app: 'x' } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }], priority: 0 } },
      },
    ]);
    expect(findPod([pod], 'team', 'p')).toBe(pod);
    expect(findPod([pod], 'default', 'p')).toBeUndefined();
  });
});
