import { formNode } from './add-node-default';
import type { Lesson } from './types';

export const resourcePressureLesson: Lesson = {
  id: 'resource-pressure',
  title: 'Requests, capacity and headroom',
  summary: 'Find room for a pending replica, then grow with headroom: every node at or under 80 % CPU requests, which takes more nodes than fitting does.',
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
      body: `Traffic grows: \`api\` needs **11** replicas. The three small workers hold six at most (two each: 1.4 of their 2 CPUs, 70 %; a third would need 2.1), so five must go to new nodes. This time add workers of the form's default size, *Medium: 4 CPU, 16 GiB*, keeping the names and zone it proposes, and keep every node at or below **80 %** of its CPU in requests, so that a node can absorb a spike.

Add the nodes **first** and let them turn Ready, then scale \`api\` to 11 (the **+** beside it in the Workloads panel, six times). A Pending pod is bound as soon as a node with room is Ready, and the scheduler never moves a pod it has placed: scale before the second node is there and the first one takes everything that fits.`,
      predict: {
        question: 'Five replicas of 700m must go to new 4-CPU workers. How many does the 80 % rule need?',
        choices: ['One: the five ask 3.5 CPUs, and 4 are there', 'Two', 'Three'],
        answer: 1,
        explanation:
          'One Medium worker fits all five (3.5 of 4 CPUs), and with the small workers full the scheduler would put them all there: 87.5 % of its CPU requested. Fitting is not the rule: under 80 % a 4-CPU worker takes at most four replicas (2.8 CPUs, 70 %), so five need two workers. With two, the scheduler’s LeastAllocated score spreads the new pods over both.',
      },
      goals: [
        { text: 'All 11 pods of api Running', check: { allPodsRunning: { workload: 'api', min: 11 } } },
        { text: 'No node above 80 % CPU requests', check: { maxNodeCpuPercent: 80 } },
      ],
      hints: [
        'Press **Add node** and **Create node** twice, with the template *Medium: 4 CPU, 16 GiB* (the form proposes worker-4, then worker-5); then press the **+** beside `api` six times (Desired 11) and **Step**.',
        'A node above 80 %? Add the missing worker, then delete one `api` pod on the full node (select it, **Delete** in the inspector): its replacement goes to the emptier node.',
        'Or dispatch `{ action: "scale", kind: "Deployment", namespace: "default", name: "api", replicas: 11 }` through `window.__podscape` after the nodes.',
      ],
      solution: {
        commands: [formNode('medium', 'worker-4', 'zone-a'), formNode('medium', 'worker-5', 'zone-a'), { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'api', replicas: 11 }],
        advanceMs: 5_000,
      },
    },
  ],
};
