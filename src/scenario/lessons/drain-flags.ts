import type { Lesson } from './types';

/** web-pdb with room for one disruption: 2 of web's 3 pods must stay available. */
const roomyBudget = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web-pdb', namespace: 'default' },
  spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
};

const BUDGET_YAML = '`{ apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: web-pdb, namespace: default }, spec: { minAvailable: 2, selector: { matchLabels: { app: web } } } }`';

/**
 * kubectl drain's flags against a PodDisruptionBudget that allows no disruption
 * (kubectl pkg/drain/drain.go; the Eviction API's 429 in pkg/registry/core/pod/storage/eviction.go):
 * a refused eviction is retried every 5 s for ever (--timeout defaults to 0s); --timeout gives up
 * at its deadline and leaves the node cordoned with the pod still on it; --disable-eviction sends
 * plain DELETEs, which no budget checks. The fix is the budget itself.
 */
export const drainFlagsLesson: Lesson = {
  id: 'drain-flags',
  title: 'When drain waits for ever',
  summary: 'A PodDisruptionBudget that allows nothing: drain retries, --timeout gives up, --disable-eviction goes past the budget.',
  presetId: 'drain-flags',
  warmupMs: 5_000,
  steps: [
    {
      title: 'A budget that allows nothing',
      body: `**worker-1** and **worker-2** need a kernel upgrade. \`web\` runs 3 pods, one on each worker, and its PodDisruptionBudget \`web-pdb\` asks for \`minAvailable: 3\`: with 3 pods, not one may be disrupted. \`docs\` has no budget.

Drain worker-1 with its **Drain** button (the default flags), then let the clock run for half a minute and watch what kubectl prints.`,
      predict: {
        question: 'The budget allows 0 disruptions. What does kubectl drain do with the web pod on worker-1?',
        choices: ['It exits at once with an error and uncordons worker-1', 'It tries the eviction again every 5 s, with no end', 'It deletes the pod anyway: a budget is only advice'],
        answer: 1,
        explanation:
          'The Eviction API answers 429 Too Many Requests, "Cannot evict pod as it would violate the pod\'s disruption budget.", and kubectl prints that it will retry after 5s, then does, again and again: its --timeout defaults to 0s, no limit. The docs pod, with no budget, was evicted at once and replaced on another worker. The drain ends only when the budget allows the eviction, or when you stop it.',
      },
      goals: [
        { text: 'worker-1 is cordoned', check: { nodeUnschedulable: { node: 'worker-1', value: true } } },
        { text: 'No docs pod left on worker-1', check: { podsOnNode: { node: 'worker-1', workload: 'docs', max: 0 } } },
        { text: 'The web pod still runs on worker-1', check: { podsOnNode: { node: 'worker-1', workload: 'web', min: 1 } } },
        {
          text: 'kubectl drain worker-1 printed why: the eviction would violate the disruption budget',
          check: { drainOutput: { node: 'worker-1', includes: "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.", stream: 'stderr' } },
        },
      ],
      hints: ['Press worker-1’s **Drain** button, then **Step** or a faster **Speed**: every 5 s the eviction is refused again.'],
      solution: { commands: [{ action: 'drain', node: 'worker-1', ignoreDaemonSets: true, deleteEmptyDirData: true }], advanceMs: 30_000 },
    },
    {
      title: 'Give up after a while: --timeout',
      body: `A maintenance script cannot wait for ever. Open worker-2’s drain options (⚙), type \`30s\` in **--timeout**, and drain worker-2. Leave worker-1’s drain as it is: it is still retrying.

Let the clock run past the 30 s.`,
      predict: {
        question: 'At the 30 s deadline drain gives up. What does it leave behind on worker-2?',
        choices: ['worker-2 uncordoned, as it was before the drain', 'worker-2 cordoned, its web pod still running there', 'worker-2 cordoned and empty: the web pod deleted at the deadline'],
        answer: 1,
        explanation:
          'At the deadline the retry gives up with "global timeout reached: 30s", kubectl lists the pods still pending and exits with an error. It never undoes the cordon it started with: worker-2 stays unschedulable with the web pod it could not evict still running. Whoever runs the drain decides what next: uncordon the node, or deal with the budget.',
      },
      goals: [
        { text: 'worker-2 is cordoned', check: { nodeUnschedulable: { node: 'worker-2', value: true } } },
        { text: 'No docs pod left on worker-2', check: { podsOnNode: { node: 'worker-2', workload: 'docs', max: 0 } } },
        { text: 'The web pod still runs on worker-2', check: { podsOnNode: { node: 'worker-2', workload: 'web', min: 1 } } },
        { text: 'kubectl drain worker-2 gave up: global timeout reached', check: { drainOutput: { node: 'worker-2', includes: 'global timeout reached: 30s', stream: 'stderr' } } },
      ],
      hints: ['In worker-2’s ⚙ options type `30s` in the **--timeout** field, then press its **Drain** button and step the clock 40 s.'],
      solution: { commands: [{ action: 'drain', node: 'worker-2', ignoreDaemonSets: true, deleteEmptyDirData: true, timeout: '30s' }], advanceMs: 40_000 },
    },
    {
      title: 'Past the budget: --disable-eviction',
      body: `Drain worker-1 again, now with **--disable-eviction** ticked in its ⚙ options. A new drain of a node takes over from the one still retrying there, as pressing Ctrl-C and running it again would.

With this flag kubectl does not ask the Eviction API: it deletes the pods.`,
      predict: {
        question: 'Just after this drain starts, how many web pods are ready?',
        choices: ['3: drain still waits for the budget', '2: the pod is deleted at once, below the budget’s 3', '3: the replacement starts before the old pod is deleted'],
        answer: 1,
        explanation:
          'A plain DELETE is not checked against any PodDisruptionBudget. The web pod on worker-1 goes at once and web has 2 ready pods, one fewer than minAvailable, until its replacement runs on worker-3, the only node not cordoned. Here that costs a few seconds of one pod; a budget that guards a quorum (a 3-member database with minAvailable 2) would lose it if two of its nodes were drained this way. kubectl’s help says it: the flag bypasses the budgets, use it with caution.',
      },
      goals: [
        { text: 'No web pod left on worker-1', check: { podsOnNode: { node: 'worker-1', workload: 'web', max: 0 } } },
        { text: 'All 3 pods of web Running', check: { allPodsRunning: { workload: 'web', min: 3 } } },
      ],
      hints: ['Tick **--disable-eviction** in worker-1’s ⚙ options, press its **Drain** button, then step the clock 10 s.'],
      solution: { commands: [{ action: 'drain', node: 'worker-1', ignoreDaemonSets: true, deleteEmptyDirData: true, disableEviction: true }], advanceMs: 10_000 },
    },
    {
      title: 'Fix the budget instead',
      body: `The real problem is the budget: \`minAvailable: 3\` for 3 pods leaves no room for any maintenance. Apply a budget with \`minAvailable: 2\` (**Apply YAML**, the object is in the hints), then drain worker-2 once more with the plain eviction (clear its **--timeout**, or leave it: the eviction now goes through long before).`,
      predict: {
        question: 'Where does the web pod evicted from worker-2 start again?',
        choices: ['On worker-1, which was drained and is empty of web pods', 'On worker-3', 'Nowhere: it stays Pending until a node is uncordoned'],
        answer: 1,
        explanation:
          'A finished drain leaves its node cordoned: worker-1 is still unschedulable, and so is worker-2. worker-3 is the only node left, and it has room, so all three web pods run there now. The budget held: the eviction was allowed because 3 pods were available and 2 are enough.',
      },
      goals: [
        { text: 'No live pod left on worker-2', check: { podsOnNode: { node: 'worker-2', max: 0 } } },
        { text: 'All 3 pods of web Running', check: { allPodsRunning: { workload: 'web', min: 3 } } },
      ],
      hints: [`Open **Apply YAML** and apply ${BUDGET_YAML}`, 'Then press worker-2’s **Drain** button and step the clock 10 s.'],
      solution: {
        commands: [
          { action: 'apply', object: roomyBudget },
          { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, deleteEmptyDirData: true, timeout: '30s' },
        ],
        advanceMs: 10_000,
      },
    },
    {
      title: 'Bring them back',
      body: `The kernels are upgraded: uncordon worker-1 and worker-2.`,
      predict: {
        question: 'How many web pods move back to worker-1 and worker-2?',
        choices: ['None: the scheduler places only new pods', 'Two: one back to each, to spread web again', 'All three, since worker-3 is the busiest'],
        answer: 0,
        explanation:
          'Uncordon only makes the nodes schedulable again. All three web pods stay on worker-3 until they are replaced (a rollout, a scale-up, a failure); the budget would allow moving them one at a time, but nothing in Kubernetes itself does that.',
      },
      goals: [
        { text: 'worker-1 is schedulable', check: { nodeUnschedulable: { node: 'worker-1', value: false } } },
        { text: 'worker-2 is schedulable', check: { nodeUnschedulable: { node: 'worker-2', value: false } } },
      ],
      hints: ['Press **Uncordon** on worker-1’s and worker-2’s cards.'],
      solution: { commands: [{ action: 'uncordon', node: 'worker-1' }, { action: 'uncordon', node: 'worker-2' }], advanceMs: 1_000 },
    },
  ],
};
