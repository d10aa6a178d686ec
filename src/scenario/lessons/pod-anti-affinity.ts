import type { Command } from '../../engine/commands';
import { worker4 } from './add-node-default';
import type { Lesson } from './types';

/** The preset's cache pod that finds no node at first, named by its seed (lessons.test.ts checks it). */
const WAITING_CACHE = 'cache-75d4b8c965-hj546';

/** A Deployment whose pods only prefer to be apart: a preferred anti-affinity term, weight 100. */
const web: Command = {
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 6,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } }],
            },
          },
          containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '250m', memory: '256Mi' } } }],
        },
      },
    },
  },
};

const WEB_YAML =
  '`{ apiVersion: apps/v1, kind: Deployment, metadata: { name: web, namespace: default }, spec: { replicas: 6, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [ { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: web } }, topologyKey: kubernetes.io/hostname } } ] } }, containers: [ { name: web, image: "nginx:1.27", resources: { requests: { cpu: 250m, memory: 256Mi } } } ] } } } }`';

const NODES = ['worker-1', 'worker-2', 'worker-3', 'worker-4'];

/**
 * Inter-pod anti-affinity (shared/reference/scheduler.md §7.10): a required term is a
 * filter (one pod per topology domain, `node(s) didn't match pod anti-affinity rules`,
 * whatever the free capacity), a preferred one a weighted score (InterPodAffinity, weight
 * 2); a dead node's replacement under a required term waits for a domain of its own, and
 * a Terminating pod still counts.
 */
export const podAntiAffinityLesson: Lesson = {
  id: 'pod-anti-affinity',
  title: 'Keeping replicas apart',
  summary: 'Required pod anti-affinity puts one replica per node and leaves the rest Pending; preferred anti-affinity spreads them as far as it can and then doubles up; a dead node shows the price of each.',
  presetId: 'pod-anti-affinity',
  warmupMs: 5_000,
  steps: [
    {
      title: 'One replica per node',
      body: `Replicas of a cache, a database or a queue should not share a machine: one lost node would take several of them at once. **Pod anti-affinity** says so. Each \`cache\` pod carries

\`requiredDuringSchedulingIgnoredDuringExecution: [ { labelSelector: { matchLabels: { app: cache } }, topologyKey: kubernetes.io/hostname } ]\`

"never on a node (a \`kubernetes.io/hostname\` value) where a pod labelled \`app=cache\` runs".

The Deployment wants 4 replicas and there are 3 workers. Select the Pending cache pod: its event reads \`0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.\` Every worker has 3.75 CPUs free; the rule, not room, keeps it out.

Add a fourth worker: press **Add node** (top right of the page) and **Create node** with the form's defaults.`,
      predict: {
        question: 'worker-4 has just registered. What happens to the Pending cache pod?',
        choices: ['It stays Pending until you delete and recreate it', 'It is scheduled onto worker-4 within a second or two', 'It is scheduled onto the node with the most free CPU, wherever that is'],
        answer: 1,
        explanation:
          'A new node is a cluster event that can make a waiting pod schedulable, so the scheduler retries it at once. While worker-4 is still starting, it fails once more (`0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn\'t match pod anti-affinity rules.`: a new node carries the `node.kubernetes.io/not-ready` taint until its kubelet reports Ready); a second later the pod is bound to worker-4, the only node without a cache pod. The message also says why preemption does not help: `3 No preemption victims found for incoming pod`. The pods in the way have the same priority as this one.',
      },
      goals: [
        { text: 'worker-4 is Ready', check: { nodeStatus: { node: 'worker-4', status: 'Ready' } } },
        { text: 'A cache pod runs on worker-4', check: { podScheduled: { pod: `default/${WAITING_CACHE}`, node: 'worker-4' } } },
        { text: 'All 4 cache pods Running, one per node', check: { all: [{ allPodsRunning: { workload: 'cache', min: 4 } }, ...NODES.map((node) => ({ podsOnNode: { node, workload: 'cache', min: 1, max: 1 } }))] } },
      ],
      hints: ['Press **Add node**, then **Create node** (the defaults are fine), then **Step**.', 'Or dispatch `{ action: "addNode", object: <a Node named worker-4> }` through `window.__podscape`.'],
      solution: { commands: [worker4], advanceMs: 5_000 },
    },
    {
      title: 'A preference, not a rule',
      body: `A rule that can leave replicas Pending is not always what you want. The other form is a *preference*:

\`preferredDuringSchedulingIgnoredDuringExecution: [ { weight: 100, podAffinityTerm: { … } } ]\`

The scheduler's *InterPodAffinity* plugin turns it into a score: a node that already runs a matching pod loses points, up to the term's \`weight\` (1 to 100), and the plugin's score counts twice in the default profile. It never filters a node out.

Apply the \`web\` Deployment from the hints with **Apply YAML**: 6 replicas of 250m that prefer to be apart, on the 4 workers.`,
      predict: {
        question: 'Six web pods that prefer different nodes, four nodes. What do you see?',
        choices: ['Four Running, one per node, and two Pending', 'All six Running: one on every node, and two nodes with a second', 'All six on the emptiest node, since a preference is only a hint'],
        answer: 1,
        explanation:
          'The scheduler places the pods one after another, and each sees the ones before it. While a node without a web pod is left, the anti-affinity score sends the next pod there. Once every node has one, all nodes lose the same points, the term no longer decides, and the other scores (room, spreading) choose where the fifth and sixth go. Nothing waits: a preference is weighed, never enforced.',
      },
      goals: [
        { text: 'All 6 web pods Running', check: { allPodsRunning: { workload: 'web', min: 6 } } },
        { text: 'Every worker runs a web pod', check: { all: NODES.map((node) => ({ podsOnNode: { node, workload: 'web', min: 1 } })) } },
        { text: 'Some worker runs two web pods', check: { any: NODES.map((node) => ({ podsOnNode: { node, workload: 'web', min: 2 } })) } },
      ],
      hints: [`Press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**, then **Step**: ${WEB_YAML}`, 'Or dispatch `{ action: "apply", object: <that Deployment> }` through `window.__podscape`.'],
      solution: { commands: [web], advanceMs: 5_000 },
    },
    {
      title: 'A node dies',
      body: `Kill worker-2 (**Kill** on its card). It runs one cache pod and two web pods.

This cluster uses upstream's timings: the node turns *Unknown* about 50 s after its last heartbeat, gets the \`node.kubernetes.io/unreachable:NoExecute\` taint, and its pods are evicted 300 s later (the \`tolerationSeconds\` every pod gets by default). Let the clock run for about 6 minutes (a faster speed helps), then look at the replacements.`,
      predict: {
        question: 'worker-2’s pods are evicted and their ReplicaSets make replacements. Which of them find a node?',
        choices: ['Both web replacements; the cache replacement stays Pending', 'All of them: each goes to a node that has room', 'None of them until worker-2 is back'],
        answer: 0,
        explanation:
          'The three live workers each run a cache pod, so the required rule leaves the cache replacement nowhere to go: `0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn\'t match pod anti-affinity rules.` (the taint is worker-2\'s `unreachable`). You are down to 3 caches until a node frees up. The web replacements only lose points on nodes that already run web, so they double up and run. That is the trade: required anti-affinity guards against losing two replicas at once, at the price of running short when nodes are short; preferred keeps the count and gives up the separation.',
      },
      goals: [
        { text: 'worker-2 is Unknown', check: { nodeStatus: { node: 'worker-2', status: 'Unknown' } } },
        { text: 'A cache replacement waits: it didn’t match pod anti-affinity rules', check: { pendingBecause: { workload: 'cache', includes: "3 node(s) didn't match pod anti-affinity rules" } } },
        { text: 'All 6 web pods Running, none on worker-2', check: { all: [{ allPodsRunning: { workload: 'web', min: 6 } }, { podsOnNode: { node: 'worker-2', workload: 'web', max: 0 } }] } },
      ],
      hints: [
        'Press **Kill** on worker-2’s card, then let the clock run for about 6 virtual minutes (or **Step** until the evictions come).',
        'Or dispatch `{ action: "killNode", node: "worker-2" }` and advance 400 s.',
      ],
      solution: { commands: [{ action: 'killNode', node: 'worker-2' }], advanceMs: 400_000 },
    },
    {
      title: 'Power it back on',
      body: `Restore worker-2 (**Restore** on its card). Its evicted pods are still there, *Terminating*: the API server waits for the node's kubelet to confirm they have stopped, and a dead kubelet confirms nothing.`,
      predict: {
        question: 'worker-2 is Ready again. When does the waiting cache pod go there?',
        choices: ['At once: the node is Ready', 'Only after the old cache pod on worker-2 is gone, about a second later', 'Never: a Pending pod needs a new ReplicaSet'],
        answer: 1,
        explanation:
          'For anti-affinity a Terminating pod still counts. The scheduler tries at once and fails with `0/4 nodes are available: 4 node(s) didn\'t match pod anti-affinity rules.`: on worker-2 the old cache pod has not left yet. The returning kubelet stops the evicted pods and they leave the API; with that, worker-2 is free of cache pods and the waiting one is bound there. You may also see *TaintManagerEviction*, `Cancelling deletion of Pod …`, about the new pod: it was bound while the unreachable NoExecute taint was still on worker-2 (the node lifecycle controller removes it on its next pass, every 5 s), and its 300 s toleration was counting down.',
      },
      goals: [
        { text: 'worker-2 is Ready', check: { nodeStatus: { node: 'worker-2', status: 'Ready' } } },
        { text: 'All 4 cache pods Running, one on worker-2', check: { all: [{ allPodsRunning: { workload: 'cache', min: 4 } }, { podsOnNode: { node: 'worker-2', workload: 'cache', min: 1 } }] } },
        { text: 'No pod is Pending or Terminating', check: { all: [{ noPendingPods: true }, { noTerminatingPods: true }] } },
      ],
      hints: ['Press **Restore** on worker-2’s card, then **Step** a few times.', 'Or dispatch `{ action: "restoreNode", node: "worker-2" }` and advance 10 s.'],
      solution: { commands: [{ action: 'restoreNode', node: 'worker-2' }], advanceMs: 10_000 },
    },
  ],
};
