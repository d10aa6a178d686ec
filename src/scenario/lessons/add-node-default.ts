import type { Command } from '../../engine/commands';

/** The sizes of the page's Add node form that lessons use (NODE_TEMPLATES in src/ui/features/node-actions/node-manifest.ts). */
const SIZES = {
  small: { cpu: '2', memoryGi: 4, instanceType: 'm6i.large' },
  medium: { cpu: '4', memoryGi: 16, instanceType: 'm6i.xlarge' },
} as const;

/**
 * The Node the page's Add node form registers for a template, a name and a zone, with no extra
 * labels or taints, as a lesson step's solution. It mirrors what the UI's buildNodeManifest
 * builds (src/scenario may not import src/ui); lesson-forms.test.ts checks each step that adds
 * a node against the form, and lessons.test.ts proves the steps.
 */
export function formNode(size: keyof typeof SIZES, name: string, zone: string): Command {
  const { cpu, memoryGi, instanceType } = SIZES[size];
  const memoryKi = memoryGi * 1024 * 1024;
  return {
    action: 'addNode',
    object: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'node.kubernetes.io/instance-type': instanceType,
          'topology.kubernetes.io/zone': zone,
        },
      },
      spec: {},
      // The form takes the kubelet's default hard eviction threshold (100Mi) off allocatable memory.
      status: { capacity: { cpu, memory: `${memoryKi}Ki`, pods: '110' }, allocatable: { cpu, memory: `${memoryKi - 100 * 1024}Ki`, pods: '110' } },
    },
  };
}

/** The form with its defaults (Medium: 4 CPU, 16 GiB; worker-4; zone-a). */
export const worker4: Command = formNode('medium', 'worker-4', 'zone-a');
