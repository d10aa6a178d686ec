import { describe, expect, it } from 'vitest';
import { buildNodeManifest, NODE_TEMPLATES, nextWorkerName, parseLabels, parseTaints } from './node-manifest';

const template = (id: string) => NODE_TEMPLATES.find((t) => t.id === id)!;

describe('buildNodeManifest', () => {
  it('builds a v1 Node with capacity, allocatable (less the eviction threshold), 110 pods, zone and labels', () => {
    const node = buildNodeManifest({ template: template('small'), name: ' worker-4 ', zone: 'eu-west-1a', labels: 'disktype=ssd', taints: '' });
    expect(node).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'worker-4',
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': 'worker-4',
          'kubernetes.io/os': 'linux',
          'node.kubernetes.io/instance-type': 'm6i.large',
          'topology.kubernetes.io/zone': 'eu-west-1a',
          disktype: 'ssd',
        },
      },
      spec: {},
      status: { capacity: { cpu: '2', memory: '4194304Ki', pods: '110' }, allocatable: { cpu: '2', memory: '4091904Ki', pods: '110' } },
    });
  });

  it('gives the GPU template its extended resource and taint, plus the taints typed in', () => {
    const node = buildNodeManifest({ template: template('gpu'), name: 'gpu-1', zone: '', labels: '', taints: 'dedicated=ml:NoExecute' });
    expect(node.status?.capacity).toMatchObject({ 'nvidia.com/gpu': '1' });
    expect(node.metadata.labels).not.toHaveProperty('topology.kubernetes.io/zone');
    expect(node.spec?.taints).toEqual([
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'ml', effect: 'NoExecute' },
    ]);
  });

  it('refuses a missing name and malformed labels or taints, saying which', () => {
    const base = { template: template('medium'), name: 'w', zone: '', labels: '', taints: '' };
    expect(() => buildNodeManifest({ ...base, name: '  ' })).toThrow('name: Required value');
    expect(() => buildNodeManifest({ ...base, labels: 'a=b, oops' })).toThrow('labels: "oops" is not key=value');
    expect(() => buildNodeManifest({ ...base, taints: 'gpu=yes' })).toThrow(/^taints: "gpu=yes" needs an effect/);
    expect(() => buildNodeManifest({ ...base, taints: 'x:Sometimes' })).toThrow(/needs an effect/);
  });
});

describe('form helpers', () => {
  it('picks the next free worker-N', () => {
    expect(nextWorkerName([])).toBe('worker-1');
    expect(nextWorkerName(['control-plane', 'worker-1', 'worker-2', 'worker-4'])).toBe('worker-3');
  });

  it('reads labels and taints as kubectl writes them', () => {
    expect(parseLabels('a=1,\n b = 2 ,c=')).toEqual({ a: '1', b: '2', c: '' });
    expect(parseTaints('k:NoSchedule, k2=v:PreferNoSchedule')).toEqual([
      { key: 'k', effect: 'NoSchedule' },
      { key: 'k2', value: 'v', effect: 'PreferNoSchedule' },
    ]);
  });
});
