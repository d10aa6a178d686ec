import type { Lesson } from './types';

export const nodeFailureLesson: Lesson = {
  id: 'node-failure',
  title: 'When a node loses power',
  summary: 'Kill a worker, watch the control plane notice it, evict its pods and replace them.',
  presetId: 'node-failure',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Pull the plug',
      body: `Three workers run the \`web\` Deployment, one pod each; the bare pod \`scratch\` runs on **worker-2**.

Kill worker-2, then play the clock (or press **Step**) until the control plane notices.

- The kubelet stops renewing its lease and posting status.
- The node lifecycle controller waits for the *node-monitor grace period* (50 s).`,
      predict: {
        question: 'For the first 40 seconds after the power loss, what does the API show for worker-2 and its pods?',
        choices: ['Ready, with its pods Running', 'NotReady, with its pods Pending', 'The node is deleted at once'],
        answer: 0,
        explanation:
          'Nobody tells the API server that a machine lost power. Until the grace period passes without a heartbeat, worker-2 still looks Ready and its pods Running.',
      },
      goals: [{ text: 'worker-2 is marked Unknown', check: { nodeStatus: { node: 'worker-2', status: 'Unknown' } } }],
      hints: [
        'Use worker-2’s **Kill** button, or `window.__podscape.dispatch({ action: "killNode", node: "worker-2" })`.',
        'The condition turns Unknown about 50 s after the last status update: advance the clock by a minute.',
      ],
      solution: { commands: [{ action: 'killNode', node: 'worker-2' }], advanceMs: 60_000 },
    },
    {
      title: 'Wait for the replacements',
      body: `worker-2 now carries the \`node.kubernetes.io/unreachable:NoExecute\` taint. Every pod tolerates it for \`tolerationSeconds\` — 30 s in this preset instead of upstream's 300 s — and is then evicted.

Keep the clock running until \`web\` is whole again.`,
      predict: {
        question: 'Will the bare pod `scratch` come back on another node?',
        choices: ['Yes, the scheduler moves it', 'No, nothing recreates a pod without a controller'],
        answer: 1,
        explanation: 'The scheduler only places new pods. The ReplicaSet recreates `web` pods; `scratch` has no owner, so it is simply gone.',
      },
      goals: [
        // One goal: the web pod on the dead node still reads Running, so "3 Running" alone would be met before anything happened.
        { text: 'All 3 web pods Running, none on worker-2', check: { all: [{ allPodsRunning: { workload: 'web', min: 3 } }, { podsOnNode: { node: 'worker-2', workload: 'web', max: 0 } }] } },
        { text: 'The bare pod scratch is Terminating', check: { podState: { pod: 'default/scratch', state: 'Terminating' } } },
      ],
      hints: ['The eviction comes 30 s after the taint; give it a minute of virtual time.'],
      solution: { commands: [], advanceMs: 60_000 },
    },
    {
      title: 'Power it back on',
      body: `The evicted pods still show as *Terminating*: only the kubelet on worker-2 can confirm they stopped.

Restore worker-2 and let its kubelet report in.`,
      predict: {
        question: 'worker-2 is back. How many web pods are there once its kubelet has reported in?',
        choices: ['3, none on worker-2: the old pod goes, its replacement stays', '4: the old pod starts again beside its replacement', '3, and the replacement moves back to worker-2'],
        answer: 0,
        explanation:
          'The kubelet finds a deletionTimestamp on the pods bound to it, stops their containers and confirms; the API then removes them. The ReplicaSet already has its 3 pods, and the scheduler never moves a running pod. scratch, which nothing owns, is gone for good.',
      },
      goals: [
        { text: 'worker-2 is Ready again', check: { nodeStatus: { node: 'worker-2', status: 'Ready' } } },
        { text: 'No pod is Terminating', check: { noTerminatingPods: true } },
      ],
      hints: ['Use worker-2’s **Restore** button, or dispatch `{ action: "restoreNode", node: "worker-2" }`, then advance 30 s.'],
      solution: { commands: [{ action: 'restoreNode', node: 'worker-2' }], advanceMs: 30_000 },
    },
    {
      title: 'Spread them again',
      body: `worker-2 is Ready and empty, and the three web pods share worker-1 and worker-3. Nothing in Kubernetes moves a running pod to a node that comes back: the scheduler only places new pods.

The usual way to get new pods is \`kubectl rollout restart deployment/web\`. It stamps the pod template with a \`kubectl.kubernetes.io/restartedAt\` annotation, so the Deployment makes a new ReplicaSet and replaces the pods one by one (a rolling update), and the scheduler places each new pod afresh.

Click **web** in the Workloads table, press **Restart** in the inspector, and play until the rollout is done.`,
      predict: {
        question: 'Where will the scheduler put the new web pods?',
        choices: ['At least one on worker-2, the empty node', 'Back where the old ones were', 'All on worker-2'],
        answer: 0,
        explanation:
          'worker-2 has the most free room, which NodeResourcesFit (least allocated) scores highest, and PodTopologySpread scores nodes with fewer pods of the new ReplicaSet higher. So worker-2 gets new pods, and they spread over the three workers again as the old pods go.',
      },
      goals: [
        { text: 'A web pod runs on worker-2 again', check: { podsOnNode: { node: 'worker-2', workload: 'web', min: 1 } } },
        { text: 'All 3 web pods Running', check: { allPodsRunning: { workload: 'web', min: 3 } } },
      ],
      hints: [
        'In the Workloads table, click **web** (Inspect Deployment web); the inspector has **Restart**, **Pause** and **Undo**.',
        'Or dispatch `{ action: "rollout", subcommand: "restart", kind: "Deployment", name: "web" }` through `window.__podscape`, then advance a minute.',
      ],
      solution: { commands: [{ action: 'rollout', subcommand: 'restart', kind: 'Deployment', namespace: 'default', name: 'web' }], advanceMs: 60_000 },
    },
  ],
};
