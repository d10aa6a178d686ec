import { describe, expect, it } from 'vitest';
import type { NodeFrame } from '../../../protocol/engine-api';
import { reasonWords } from './reason-words';

const GI = 1024 ** 3;
const node = (over: Partial<NodeFrame> = {}): NodeFrame => ({
  name: 'worker-1',
  status: 'Ready',
  unschedulable: false,
  powered: true,
  roles: [],
  zone: null,
  labels: {},
  taints: [],
  allocatable: { cpu: 2000, memory: 4 * GI, pods: 110 },
  requested: { cpu: 940, memory: GI, pods: 4 },
  lastHeartbeat: null,
  readyUnknownAt: null,
  unreachableTaintedAt: null,
  evictionAt: null,
  ...over,
});
const pod = { requests: { cpu: 8000, memory: 32 * GI } };

describe('reasonWords: a filter reason in numbers and plain words', () => {
  it('says what the pod asks for and what the node has free', () => {
    expect(reasonWords('Insufficient cpu', pod, node())).toBe('the pod asks for 8 cpu; 1060m of 2 are free');
    expect(reasonWords('Insufficient memory', pod, node())).toBe('the pod asks for 32Gi memory; 3Gi of 4Gi are free');
  });

  it('rounds memory that no binary suffix says exactly', () => {
    expect(reasonWords('Insufficient memory', pod, node({ allocatable: { cpu: 2000, memory: 14950332 * 1024, pods: 110 }, requested: { cpu: 0, memory: 2949120 * 1024, pods: 1 } }))).toBe(
      'the pod asks for 32Gi memory; about 11.4Gi of about 14.3Gi are free',
    );
  });

  it('counts pods for Too many pods, and says none is free when requests exceed allocatable', () => {
    expect(reasonWords('Too many pods', pod, node({ requested: { cpu: 0, memory: 0, pods: 110 } }))).toBe('the node already runs 110 of its 110 pods');
    expect(reasonWords('Insufficient cpu', pod, node({ requested: { cpu: 2500, memory: 0, pods: 1 } }))).toBe('the pod asks for 8 cpu; none of 2 is free');
  });

  it('names the node’s NoSchedule and NoExecute taints for an untolerated taint, not its PreferNoSchedule ones', () => {
    const tainted = node({
      taints: [
        { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
        { key: 'gpu', value: 'yes', effect: 'PreferNoSchedule' },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      ],
    });
    expect(reasonWords('node(s) had untolerated taint(s)', pod, tainted)).toBe(
      'its taints: node-role.kubernetes.io/control-plane:NoSchedule, node.kubernetes.io/unreachable:NoExecute; the pod has no toleration for one of them',
    );
    expect(reasonWords("node(s) had untolerated taint {gpu: yes}", pod, tainted)).toBeNull();
  });

  it('explains the two volume reasons', () => {
    expect(reasonWords('node(s) had volume node affinity conflict', pod, node())).toMatch(/bound to a PersistentVolume that only other nodes can reach/);
    expect(reasonWords("node(s) didn't find available persistent volumes to bind", pod, node())).toMatch(/^no free PersistentVolume usable from here matches a claim/);
  });

  it('explains a cordon and a selector mismatch, and leaves other reasons alone', () => {
    expect(reasonWords('node(s) were unschedulable', pod, node({ unschedulable: true }))).toBe('cordoned: spec.unschedulable is true');
    expect(reasonWords("node(s) didn't match Pod's node affinity/selector", pod, node())).toBe('its labels do not match the pod’s nodeSelector or required node affinity');
    expect(reasonWords('node(s) had untolerated taint(s)', pod, node())).toBeNull();
    expect(reasonWords('node(s) had no available volume zone', pod, node())).toBeNull();
    expect(reasonWords('Insufficient cpu', pod, undefined)).toBeNull();
  });
});
