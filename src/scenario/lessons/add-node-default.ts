import type { Command } from '../../engine/commands';

/**
 * The Node the page's Add node form registers with its defaults (Medium: 4 CPU, 16 GiB;
 * worker-4; zone-a), as a lesson step's solution. It mirrors what the UI's buildNodeManifest
 * builds (src/scenario may not import src/ui); lessons.test.ts checks the steps that use it.
 */
export const worker4: Command = {
  action: 'addNode',
  object: {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'worker-4',
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'worker-4',
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': 'm6i.xlarge',
        'topology.kubernetes.io/zone': 'zone-a',
      },
    },
    spec: {},
    status: { capacity: { cpu: '4', memory: '16777216Ki', pods: '110' }, allocatable: { cpu: '4', memory: '16674816Ki', pods: '110' } },
  },
};
