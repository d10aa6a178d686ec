import type { Command } from '../../engine/commands';
import { worker4 } from './add-node-default';
import type { Lesson } from './types';

/** The preset's log-agent pods on worker-1, worker-2 and worker-3, named by its seed (lessons.test.ts checks them). */
const AGENT_ON_WORKER_1 = 'log-agent-gj5kc';
const AGENT_ON_WORKER_2 = 'log-agent-9jh7j';
const AGENT_ON_WORKER_3 = 'log-agent-pwn8v';
/** The pod the DaemonSet makes for worker-4 when it is added as step 1 does (the seed names it; lessons.test.ts checks it). */
const AGENT_ON_WORKER_4 = 'log-agent-rwjf4';

/** log-agent as the preset has it, plus a toleration of gpu-1's taint. */
const tolerantAgent: Command = {
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'log-agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'log-agent' } },
      template: {
        metadata: { labels: { app: 'log-agent' } },
        spec: {
          tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
          containers: [{ name: 'fluent-bit', image: 'fluent/fluent-bit:4.0', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
        },
      },
    },
  },
};

const AGENT_YAML =
  '`{ apiVersion: apps/v1, kind: DaemonSet, metadata: { name: log-agent, namespace: default }, spec: { selector: { matchLabels: { app: log-agent } }, template: { metadata: { labels: { app: log-agent } }, spec: { tolerations: [ { key: nvidia.com/gpu, operator: Exists, effect: NoSchedule } ], containers: [ { name: fluent-bit, image: "fluent/fluent-bit:4.0", resources: { requests: { cpu: 100m, memory: 128Mi } } } ] } } } }`';

/**
 * DaemonSets (shared/reference/lifecycle.md §3.2 and §5): one pod per eligible node, created
 * as soon as a node appears and placed by the default scheduler through a node affinity
 * pinned to that node; the controller's own tolerations (unschedulable, not-ready and
 * unreachable) keep daemon pods on cordoned and dead nodes; kubectl drain refuses them
 * without --ignore-daemonsets; a node's taints and a nodeSelector decide which nodes are
 * eligible.
 */
export const daemonSetsLesson: Lesson = {
  id: 'daemonsets',
  title: 'DaemonSets: one pod per node',
  summary: 'A new node gets its DaemonSet pod at once, a cordon does not stop one, kubectl drain refuses them without --ignore-daemonsets, and taints and a nodeSelector decide which nodes are in the set.',
  presetId: 'daemonsets',
  warmupMs: 5_000,
  steps: [
    {
      title: 'A new node gets its pod',
      body: `A **DaemonSet** runs one copy of a pod on every node it selects: log shippers, monitoring agents, network and storage plugins. It has no \`replicas\`: the nodes are the count.

This cluster has three workers and a GPU node, gpu-1, and two DaemonSets:

- \`log-agent\` runs on worker-1, worker-2 and worker-3, but not on gpu-1 (step 4 says why).
- \`gpu-plugin\` runs on gpu-1 only.

The \`web\` Deployment has a pod on each worker.

Add a fourth worker: press **Add node** (top right of the page) and **Create node** with the form's defaults (Medium, worker-4, zone-a).`,
      predict: {
        question: 'worker-4 has just registered. What runs on it a few seconds later?',
        choices: ['Nothing until you scale log-agent to 4', 'A log-agent pod, and nothing else', 'A log-agent pod and a web pod moved over to balance the nodes'],
        answer: 1,
        explanation:
          'The DaemonSet controller watches Nodes: a new node that its pods may run on gets one at once (*SuccessfulCreate*, `Created pod: log-agent-…` on DaemonSet/log-agent, in the same second as *NodeReady*). Since Kubernetes 1.12 (GA in 1.17) the pod is placed by the default scheduler, like any pod, through a required node affinity the controller writes for that node (`metadata.name In [worker-4]`): *Scheduled*, `Successfully assigned default/log-agent-… to worker-4`. The web pods stay where they are: the scheduler never moves a running pod to a new node.',
      },
      goals: [
        { text: 'worker-4 is Ready', check: { nodeStatus: { node: 'worker-4', status: 'Ready' } } },
        { text: 'A log-agent pod Running on worker-4', check: { all: [{ podsOnNode: { node: 'worker-4', workload: 'log-agent', min: 1 } }, { allPodsRunning: { workload: 'log-agent', min: 4 } }] } },
      ],
      hints: ['Press **Add node**, then **Create node** (the defaults are fine), then **Step**.', 'Or dispatch `{ action: "addNode", object: <a Node named worker-4> }` through `window.__podscape`.'],
      solution: { commands: [worker4], advanceMs: 5_000 },
    },
    {
      title: 'A cordon does not stop it',
      body: `Cordon worker-4 (**Cordon** on its card): \`kubectl cordon\` sets \`spec.unschedulable\` and the node gets the taint \`node.kubernetes.io/unschedulable:NoSchedule\`; the scheduler's *NodeUnschedulable* filter keeps new pods off it.

Then select worker-4's log-agent pod and press **Delete** in the inspector, as if it had crashed for good.`,
      predict: {
        question: 'worker-4 is cordoned and its log-agent pod deleted. What happens?',
        choices: ['The DaemonSet’s new pod waits Pending until worker-4 is uncordoned', 'A new log-agent pod starts on worker-4 at once', 'A new log-agent pod starts on another node'],
        answer: 1,
        explanation:
          'The DaemonSet controller adds its own tolerations to every pod it makes, among them `node.kubernetes.io/unschedulable:NoSchedule` (select the pod and read its YAML). The NodeUnschedulable filter lets a pod through that tolerates that taint, so the replacement is created and scheduled onto worker-4 within a second or two (*SuccessfulCreate*, *Scheduled*). It never goes to another node: each daemon pod is pinned to its node. The same list has `node.kubernetes.io/not-ready:NoExecute` and `node.kubernetes.io/unreachable:NoExecute` without `tolerationSeconds`: a daemon pod stays on a dead node for ever (the failover-timing lesson shows it).',
      },
      goals: [
        { text: 'worker-4 is cordoned', check: { nodeUnschedulable: { node: 'worker-4', value: true } } },
        { text: 'The DaemonSet created a fifth pod, for the one deleted', check: { eventRecorded: { reason: 'SuccessfulCreate', object: 'DaemonSet/default/log-agent', min: 5 } } },
        { text: 'A log-agent pod Running on worker-4', check: { all: [{ podsOnNode: { node: 'worker-4', workload: 'log-agent', min: 1 } }, { allPodsRunning: { workload: 'log-agent', min: 4 } }] } },
      ],
      hints: [
        'Press **Cordon** on worker-4’s card; select the log-agent pod on worker-4 and press **Delete** in the inspector; then **Step**.',
        'Or dispatch `{ action: "cordon", node: "worker-4" }` and `{ action: "deletePod", namespace: "default", name: <the log-agent pod on worker-4> }`.',
      ],
      solution: { commands: [{ action: 'cordon', node: 'worker-4' }, { action: 'deletePod', namespace: 'default', name: AGENT_ON_WORKER_4 }], advanceMs: 5_000 },
    },
    {
      title: 'Drain needs --ignore-daemonsets',
      body: `worker-1 goes into maintenance. Open the drain options (**⚙** beside **Drain** on worker-1's card), untick \`--ignore-daemonsets\` and press **Drain**. kubectl refuses, and the page shows what it prints in an error box under worker-1's buttons (**Dismiss error** closes it):

\`error: unable to drain node "worker-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/${AGENT_ON_WORKER_1}, continuing command...\`

Evicting a daemon pod would be pointless: the DaemonSet would put it straight back on the same node, as you saw. Note that the failed drain has already cordoned worker-1 (\`node/worker-1 cordoned\` came first).

Tick \`--ignore-daemonsets\` again and press **Drain**.`,
      predict: {
        question: 'With --ignore-daemonsets, what happens to the pods on worker-1?',
        choices: ['Both are evicted: web and log-agent', 'web is evicted and replaced elsewhere; log-agent stays on worker-1', 'Nothing: the node is already cordoned'],
        answer: 1,
        explanation: `kubectl warns \`Warning: ignoring DaemonSet-managed Pods: default/${AGENT_ON_WORKER_1}\` and evicts the rest: \`evicting pod default/web-…\`. The ReplicaSet replaces the web pod on another schedulable worker. The log-agent pod keeps running on the cordoned node until the node is shut down, and when it is, nothing replaces it elsewhere.`,
      },
      goals: [
        { text: 'worker-1 is cordoned', check: { nodeUnschedulable: { node: 'worker-1', value: true } } },
        { text: 'No web pod left on worker-1, all 3 Running', check: { all: [{ podsOnNode: { node: 'worker-1', workload: 'web', max: 0 } }, { allPodsRunning: { workload: 'web', min: 3 } }] } },
        { text: 'The log-agent pod still runs on worker-1', check: { podState: { pod: `default/${AGENT_ON_WORKER_1}`, state: 'Running' } } },
      ],
      hints: [
        'Press **⚙** beside **Drain** on worker-1’s card, untick --ignore-daemonsets, press **Drain** (it fails), tick it again, press **Drain**, then **Step**.',
        'Or dispatch `{ action: "drain", node: "worker-1" }` (refused), then `{ action: "drain", node: "worker-1", ignoreDaemonSets: true }`.',
      ],
      solution: { commands: [{ action: 'drain', node: 'worker-1', ignoreDaemonSets: true }], advanceMs: 10_000 },
    },
    {
      title: 'Taints and a nodeSelector choose the nodes',
      body: `Why no log-agent on gpu-1? gpu-1 is tainted \`nvidia.com/gpu=present:NoSchedule\` (select it: the inspector lists its taints), and the tolerations the DaemonSet controller adds cover only the node-condition taints (\`not-ready\`, \`unreachable\`, \`unschedulable\`, the pressure ones). The controller checks a node's taints against the pod before it creates one: no toleration, no pod.

\`gpu-plugin\` does it the other way round: \`nodeSelector: { nvidia.com/gpu.present: "true" }\` limits it to GPU nodes, and it tolerates \`nvidia.com/gpu\`. It runs on gpu-1 only.

A log shipper should run everywhere. Apply log-agent with a toleration of the GPU taint, from the hints, with **Apply YAML**.`,
      predict: {
        question: 'The new log-agent template tolerates nvidia.com/gpu. What changes?',
        choices: ['Only gpu-1 gets a log-agent pod; the others keep theirs', 'gpu-1 gets a log-agent pod, and the other log-agent pods are replaced one at a time', 'Nothing until the nodes are restarted'],
        answer: 1,
        explanation:
          'gpu-1 is now eligible, so it gets a pod at once. And the pod template changed, so the DaemonSet rolls out the new template with its default strategy, `RollingUpdate` with `maxUnavailable: 1`: it deletes one old pod (*SuccessfulDelete*, `Deleted pod: log-agent-…`), creates its successor on the same node, waits until that one is available, then goes on to the next node, about 2 s per node here. The drained worker-1 is included: it is cordoned, and daemon pods tolerate that.',
      },
      goals: [
        { text: 'A log-agent pod Running on gpu-1', check: { all: [{ podsOnNode: { node: 'gpu-1', workload: 'log-agent', min: 1 } }, { allPodsRunning: { workload: 'log-agent', min: 5 } }] } },
        { text: 'gpu-plugin still runs on gpu-1 only', check: { all: [{ podsOnNode: { node: 'gpu-1', workload: 'gpu-plugin', min: 1 } }, { livePods: { workload: 'gpu-plugin', max: 1 } }] } },
        {
          text: 'The log-agent pods of the old template on worker-1, worker-2 and worker-3 are gone',
          check: { all: [AGENT_ON_WORKER_1, AGENT_ON_WORKER_2, AGENT_ON_WORKER_3].map((name) => ({ podState: { pod: `default/${name}`, state: 'Absent' as const } })) },
        },
      ],
      hints: [`Press **Apply YAML**, replace the example with this DaemonSet and press **Apply manifest**, then **Step**: ${AGENT_YAML}`, 'Or dispatch `{ action: "apply", object: <that DaemonSet> }` through `window.__podscape`.'],
      solution: { commands: [tolerantAgent], advanceMs: 20_000 },
    },
  ],
};
