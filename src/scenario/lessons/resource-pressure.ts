import type { Node } from '../../engine/model/types';
import type { Lesson } from './types';

const worker = (name: string, zone: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
});

export const resourcePressureLesson: Lesson = {
  id: 'resource-pressure',
  title: 'Requests, capacity and headroom',
  summary: 'Find room for pending replicas, then keep every node under 80 % CPU requests.',
  presetId: 'resource-pressure',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Place the fifth replica',
      body: `Five \`api\` replicas ask for 700m CPU each. The two workers have 2 CPUs each: four replicas run, the fifth is Pending with *Insufficient cpu*.

Give it somewhere to run, without scaling \`api\` down.`,
      predict: {
        question: '1.2 CPUs are free across the cluster. Why does a 700m pod not fit?',
        choices: ['The scheduler counts actual usage', 'Each node has only 600m free', 'The pod limit is reached'],
        answer: 1,
        explanation: 'A pod runs on one node. Each worker has 2 × 700m = 1.4 CPUs requested, leaving 600m: less than the pod asks for.',
      },
      goals: [
        { text: 'All 5 pods of api Running', check: { allPodsRunning: { workload: 'api', min: 5 } } },
        { text: 'No pod Pending', check: { noPendingPods: true } },
      ],
      hints: ['Add a node: `{ action: "addNode", object: { apiVersion: "v1", kind: "Node", metadata: { name: "worker-3" }, status: { allocatable: { cpu: "2", memory: "4Gi", pods: "110" } } } }`.'],
      solution: { commands: [{ action: 'addNode', object: worker('worker-3', 'zone-c') }], advanceMs: 5_000 },
    },
    {
      title: 'Grow with headroom',
      body: `Traffic grows: scale \`api\` to **7** replicas, and keep every node at or below **80 %** of its CPU in requests, so a node can absorb a spike.`,
      predict: {
        question: 'How many 2-CPU workers do 7 replicas of 700m need under the 80 % rule?',
        choices: ['3', '4', '5'],
        answer: 1,
        explanation: 'Two replicas use 1.4 of 2 CPUs (70 %); a third would need 2.1. So 7 replicas need ⌈7 / 2⌉ = 4 nodes.',
      },
      goals: [
        { text: 'All 7 pods of api Running', check: { allPodsRunning: { workload: 'api', min: 7 } } },
        { text: 'No node above 80 % CPU requests', check: { maxNodeCpuPercent: 80 } },
      ],
      hints: ['Scale with `{ action: "scale", kind: "Deployment", namespace: "default", name: "api", replicas: 7 }`.', 'Then add a fourth worker.'],
      solution: {
        commands: [
          { action: 'addNode', object: worker('worker-4', 'zone-d') },
          { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'api', replicas: 7 },
        ],
        advanceMs: 5_000,
      },
    },
  ],
};
