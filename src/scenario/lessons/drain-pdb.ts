import type { Lesson } from './types';

export const drainPdbLesson: Lesson = {
  id: 'drain-pdb',
  title: 'Maintenance without downtime',
  summary: 'Cordon and drain a node while a PodDisruptionBudget keeps three web pods available.',
  presetId: 'drain-pdb',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Cordon worker-2',
      body: `**worker-2** needs a kernel upgrade. It runs two of the four \`web\` pods, and the PodDisruptionBudget \`web-pdb\` wants at least 3 available.

First, cordon it: mark it unschedulable.`,
      predict: {
        question: 'What happens to the two web pods already on worker-2 when you cordon it?',
        choices: ['They keep running', 'They are evicted', 'They are moved to another node'],
        answer: 0,
        explanation: 'Cordoning only sets spec.unschedulable: the scheduler stops placing new pods there. Running pods stay.',
      },
      goals: [{ text: 'worker-2 is cordoned', check: { nodeUnschedulable: { node: 'worker-2', value: true } } }],
      hints: ['Use worker-2’s **Cordon** button, or dispatch `{ action: "cordon", node: "worker-2" }` through `window.__podscape`.'],
      solution: { commands: [{ action: 'cordon', node: 'worker-2' }], advanceMs: 5_000 },
    },
    {
      title: 'Drain it',
      body: `Drain worker-2. Drain evicts pods through the Eviction API, which checks the budget: with 4 pods and \`minAvailable: 3\` only one may be disrupted at a time.

Watch what happens to the second pod.`,
      predict: {
        question: 'The budget allows one disruption and worker-2 runs two web pods. What does drain do?',
        choices: ['Evicts both at once: a drain is an administrator’s action', 'Evicts one; the other eviction is refused and retried until the first replacement is Running', 'Evicts one, then stops and reports the node drained'],
        answer: 1,
        explanation:
          'Drain sends both evictions at once and the Eviction API checks the budget for each. The first is allowed (4 healthy, 3 needed); the second gets 429 Too Many Requests, "Cannot evict pod as it would violate the pod\'s disruption budget.", and kubectl retries it every 5 s. Once the first replacement is Running and Ready, 4 pods are healthy again and the retry goes through.',
      },
      goals: [
        { text: 'No live pod left on worker-2', check: { podsOnNode: { node: 'worker-2', max: 0 } } },
        { text: 'All 4 pods of web Running', check: { allPodsRunning: { workload: 'web', min: 4 } } },
      ],
      hints: [
        'Use worker-2’s **Drain** button (its ⚙ options have `--ignore-daemonsets` on), or dispatch `{ action: "drain", node: "worker-2", ignoreDaemonSets: true }`.',
        'A refused eviction is retried every 5 s: advance half a minute.',
      ],
      solution: { commands: [{ action: 'drain', node: 'worker-2', ignoreDaemonSets: true }], advanceMs: 30_000 },
    },
    {
      title: 'Bring it back',
      body: `The upgrade is done: uncordon worker-2.`,
      predict: {
        question: 'Once worker-2 is uncordoned, how many web pods run on it?',
        choices: ['2: the two evicted pods move back', 'None, until new pods are created', '1: the scheduler evens the nodes out'],
        answer: 1,
        explanation:
          'Uncordon only clears spec.unschedulable. The scheduler places new pods and never moves running ones, so worker-2 stays empty until a pod is created (scale web up and the new pod lands there, the emptiest node).',
      },
      goals: [
        { text: 'worker-2 is schedulable', check: { nodeUnschedulable: { node: 'worker-2', value: false } } },
        { text: 'All 4 pods of web Running', check: { allPodsRunning: { workload: 'web', min: 4 } } },
      ],
      hints: ['Use worker-2’s **Uncordon** button, or dispatch `{ action: "uncordon", node: "worker-2" }`.'],
      solution: { commands: [{ action: 'uncordon', node: 'worker-2' }], advanceMs: 1_000 },
    },
  ],
};
