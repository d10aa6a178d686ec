import { formNode } from './add-node-default';
import type { Lesson } from './types';

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

Give it somewhere to run, without scaling \`api\` down: press **Add node** (top right of the page), choose the template *Small: 2 CPU, 4 GiB*, the size of the two workers (the form proposes Medium, 4 CPUs), keep the name and zone it proposes (worker-3, zone-a) and press **Create node**.`,
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
      hints: [
        'Press **Add node**, pick *Small: 2 CPU, 4 GiB* under *Template*, press **Create node**, then **Step**: the Pending pod is bound as soon as worker-3 is Ready.',
        'Or dispatch `{ action: "addNode", object: <a Node named worker-3 with 2 CPUs> }` through `window.__podscape`.',
      ],
      solution: { commands: [formNode('small', 'worker-3', 'zone-a')], advanceMs: 5_000 },
    },
    {
      title: 'Grow with headroom',
      body: `Traffic grows: scale \`api\` to **7** replicas (the **+** beside it in the Workloads panel), and keep every node at or below **80 %** of its CPU in requests, so a node can absorb a spike. Add nodes of the same size as before, *Small: 2 CPU, 4 GiB*: the question is how many 2-CPU workers it takes.`,
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
      hints: [
        'Press the **+** beside `api` in the Workloads panel twice (Desired 7), or dispatch `{ action: "scale", kind: "Deployment", namespace: "default", name: "api", replicas: 7 }`.',
        'Then add a fourth worker with **Add node**, template *Small: 2 CPU, 4 GiB* again (it proposes worker-4), and press **Step**.',
      ],
      solution: {
        commands: [
          formNode('small', 'worker-4', 'zone-a'),
          { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'api', replicas: 7 },
        ],
        advanceMs: 5_000,
      },
    },
  ],
};
