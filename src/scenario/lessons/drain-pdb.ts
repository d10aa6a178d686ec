import type { Lesson } from './types';

export const drainPdbLesson: Lesson = {
  id: 'drain-pdb',
  title: 'Maintenance without downtime',
  summary: 'Cordon and drain a node while a PodDisruptionBudget keeps three web pods available, then read kubectl when the budget blocks a drain, and unblock it.',
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
    {
      title: 'A drain that does not end',
      body: `Traffic is low tonight, so **web** is scaled down to 3 pods; \`web-pdb\` still asks for \`minAvailable: 3\`. Now **worker-1** needs the upgrade.

Press the **−** beside web in the Workloads panel once (3 pods), then drain worker-1 and let the clock run for 20 s. Read what kubectl prints in the drain's notice (**Show kubectl output**, in the line at the foot of the page, brings it into view): its output is the only place that says why the drain is not finishing.`,
      predict: {
        question: 'web runs 3 pods and the budget needs 3. What does kubectl drain worker-1 print?',
        choices: [
          'node/worker-1 drained, after evicting its web pod: a drain outranks a budget',
          'An error for the web pod every 5 s: evicting it would violate the pod’s disruption budget',
          'One error, then it exits and uncordons worker-1',
        ],
        answer: 1,
        explanation:
          'With 3 healthy pods and 3 required, the budget allows 0 disruptions (kubectl get pdb shows ALLOWED DISRUPTIONS 0). Each eviction is answered 429 Too Many Requests, "Cannot evict pod as it would violate the pod\'s disruption budget.", and kubectl prints `error when evicting pods/"web-…" -n "default" (will retry after 5s): …`, then tries again 5 s later, for ever: its --timeout defaults to 0, no limit. worker-1 stays cordoned and its web pod keeps running, and no event says why: a refused eviction records none. (If the pod the scale-down removed was still on worker-1, terminating, kubectl evicted it at once: the Eviction API checks no budget for a pod already being deleted.)',
      },
      goals: [
        { text: 'web runs at most 3 pods', check: { livePods: { workload: 'web', max: 3 } } },
        {
          text: 'kubectl drain worker-1 printed that the eviction would violate the disruption budget',
          check: { drainOutput: { node: 'worker-1', includes: "Cannot evict pod as it would violate the pod's disruption budget.", stream: 'stderr' } },
        },
        { text: 'A web pod still runs on worker-1', check: { podsOnNode: { node: 'worker-1', workload: 'web', min: 1 } } },
      ],
      hints: [
        'Press **−** beside web, then worker-1’s **Drain** button, then **Step** twice.',
        'Or dispatch `{ action: "scale", kind: "Deployment", namespace: "default", name: "web", replicas: 3 }` and `{ action: "drain", node: "worker-1", ignoreDaemonSets: true }` through `window.__podscape`.',
      ],
      solution: {
        commands: [
          { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 3 },
          { action: 'drain', node: 'worker-1', ignoreDaemonSets: true },
        ],
        advanceMs: 20_000,
      },
    },
    {
      title: 'Give the budget room',
      body: `Leave the drain running: kubectl is still retrying. Give the budget room instead: press the **+** beside web once (4 pods again), and watch the drain's output.`,
      predict: {
        question: 'You scale web back to 4 while kubectl retries. What happens?',
        choices: [
          'The new pod starts on worker-1, so the drain must evict it too',
          'Nothing: the drain has to be stopped and run again',
          'The new pod starts on another node; once it is ready a retry is allowed and the drain ends',
        ],
        answer: 2,
        explanation:
          'worker-1 is cordoned, so the new pod goes to another node (worker-2, the emptiest). Once it is Running and Ready, 4 pods are healthy against 3 required: the disruption controller sets the budget\'s disruptionsAllowed to 1, and kubectl\'s next retry, at most 5 s later, is allowed. It prints `pod/web-… evicted` once the pod is gone, then `node/worker-1 drained`, and the ReplicaSet replaces the evicted pod. A budget leaves room for maintenance only when the workload runs more pods than it requires.',
      },
      goals: [
        { text: 'kubectl printed node/worker-1 drained', check: { drainOutput: { node: 'worker-1', includes: 'node/worker-1 drained' } } },
        { text: 'No live pod left on worker-1', check: { podsOnNode: { node: 'worker-1', max: 0 } } },
        { text: 'All 4 pods of web Running', check: { allPodsRunning: { workload: 'web', min: 4 } } },
      ],
      hints: [
        'Press **+** beside web, then **Step**: the next retry comes within 5 s of the new pod being ready.',
        'Or dispatch `{ action: "scale", kind: "Deployment", namespace: "default", name: "web", replicas: 4 }` through `window.__podscape`.',
      ],
      solution: { commands: [{ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 4 }], advanceMs: 15_000 },
    },
  ],
};
