import { describe, expect, it } from 'vitest';
import { node } from '../../../protocol/frame-fixtures';
import { groupNodes, groupOptions } from './grouping';

const nodes = [
  node('cp', { zone: 'eu-1a', labels: { 'topology.kubernetes.io/zone': 'eu-1a', 'node-role.kubernetes.io/control-plane': '' } }),
  node('w1', { zone: 'eu-1b', labels: { 'topology.kubernetes.io/zone': 'eu-1b', disktype: 'hdd' } }),
  node('w2', { zone: 'eu-1a', labels: { 'topology.kubernetes.io/zone': 'eu-1a', disktype: 'ssd' } }),
  node('w3', { zone: null, labels: {} }),
];

describe('groupOptions', () => {
  it('offers none, zone, then every label key except the zone label', () => {
    expect(groupOptions(['disktype', 'node-role.kubernetes.io/control-plane', 'topology.kubernetes.io/zone']).map((o) => o.value)).toEqual([
      'none',
      'zone',
      'label:disktype',
      'label:node-role.kubernetes.io/control-plane',
    ]);
  });
});

describe('groupNodes', () => {
  it('keeps one untitled group for none', () => {
    expect(groupNodes(nodes, 'none')).toEqual([{ key: 'all', heading: null, nodeNames: ['cp', 'w1', 'w2', 'w3'] }]);
  });

  it('groups by zone in value order, nodes in frame order, the zoneless last', () => {
    expect(groupNodes(nodes, 'zone').map((g) => [g.heading, g.nodeNames])).toEqual([
      ['zone: eu-1a', ['cp', 'w2']],
      ['zone: eu-1b', ['w1']],
      ['no zone', ['w3']],
    ]);
  });

  it('groups by any label key, an empty value included', () => {
    expect(groupNodes(nodes, 'label:disktype').map((g) => [g.heading, g.nodeNames])).toEqual([
      ['disktype: hdd', ['w1']],
      ['disktype: ssd', ['w2']],
      ['no disktype', ['cp', 'w3']],
    ]);
    expect(groupNodes(nodes, 'label:node-role.kubernetes.io/control-plane').map((g) => [g.heading, g.nodeNames])).toEqual([
      ['node-role.kubernetes.io/control-plane: (empty)', ['cp']],
      ['no node-role.kubernetes.io/control-plane', ['w1', 'w2', 'w3']],
    ]);
  });

  it('gives every group a distinct key', () => {
    const keys = groupNodes(nodes, 'label:disktype').map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
