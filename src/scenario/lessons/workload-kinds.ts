import type { Lesson } from './types';

/**
 * What each owner does with a dead node's pod (shared/reference/lifecycle.md §3): the
 * ReplicaSet and the Job replace a Terminating pod at once, the StatefulSet waits until
 * the old object is gone, the DaemonSet's pod tolerates the taint forever, and nothing
 * recreates a bare pod.
 */
export const workloadKindsLesson: Lesson = {
  id: 'workload-kinds',
  title: 'Who replaces a dead node’s pods?',
  summary: 'Kill a node running a Deployment, a StatefulSet, a DaemonSet, a Job and a bare pod, and see each owner react in its own way.',
  presetId: 'workload-kinds',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Pull the plug on worker-2',
      body: `**worker-2** runs one pod of every kind:

- \`web-…\` of the Deployment \`web\` (through its ReplicaSet),
- \`db-0\` of the StatefulSet \`db\`,
- \`report-…\` of the Job \`report\`,
- \`node-exporter-…\` of the DaemonSet \`node-exporter\` (one on every node),
- \`debug\`, a bare pod: no controller owns it.

Kill worker-2 and run the clock until the control plane marks it \`Unknown\`: the node lifecycle controller waits for the *node-monitor grace period* (50 s) without a heartbeat, then adds the \`node.kubernetes.io/unreachable\` taints.`,
      predict: {
        question: 'The `unreachable:NoExecute` taint evicts pods once their toleration runs out. Which of worker-2’s pods is never evicted?',
        choices: ['node-exporter-… (DaemonSet)', 'db-0 (StatefulSet)', 'debug (bare pod)', 'None: every pod is evicted'],
        answer: 0,
        explanation:
          'The DaemonSet controller gives its pods tolerations for `node.kubernetes.io/unreachable` and `not-ready` with effect NoExecute and no `tolerationSeconds`: they tolerate the taint forever. Every other pod got the admission defaults, 300 s (30 s in this preset).',
      },
      goals: [{ text: 'worker-2 is marked Unknown', check: { nodeStatus: { node: 'worker-2', status: 'Unknown' } } }],
      hints: [
        'Use the node’s **Kill** button, or dispatch `{ action: "killNode", node: "worker-2" }` through `window.__podscape`.',
        'Ready turns Unknown about 50 s after the last heartbeat: play the clock, or press **Step** (10 s at 10×) six times.',
      ],
      solution: { commands: [{ action: 'killNode', node: 'worker-2' }], advanceMs: 60_000 },
    },
    {
      title: 'Each owner reacts',
      body: `Every pod on worker-2 but the DaemonSet's tolerates the taint for \`tolerationSeconds\` — **30 s in this preset, 300 s upstream** — then the taint eviction controller deletes it (event *TaintManagerEviction*, \`Marking for deletion Pod default/db-0\`). The pods stay *Terminating*: only worker-2's kubelet could confirm they stopped.

Keep the clock running and watch each owner:

- the **ReplicaSet** and the **Job** count a Terminating pod as gone and create a replacement at once (the Job's \`podReplacementPolicy\` defaults to \`TerminatingOrFailed\`, and counts the pod as failed);
- the **StatefulSet** promises *at most one* \`db-0\`: while the old object exists, it creates no new one;
- the **DaemonSet** pod stays bound to worker-2;
- nothing owns \`debug\`.`,
      predict: {
        question: '`db-0` and the web pod are deleted at the same moment. When does the StatefulSet create a new `db-0`?',
        choices: ['At once, on another node', 'Only when the old db-0 is gone from the API', 'Never: a StatefulSet pod is bound to its node'],
        answer: 1,
        explanation:
          'A StatefulSet pod has a stable identity, and a Terminating pod still holds it. The old object leaves the API when the kubelet confirms the stop, when the Node object is deleted, or when someone force-deletes it.',
      },
      goals: [
        {
          text: 'web runs again, on another node',
          check: { all: [{ allPodsRunning: { workload: 'web', min: 1 } }, { podsOnNode: { node: 'worker-2', workload: 'web', max: 0 } }] },
        },
        {
          text: 'The report Job’s pod is recreated on another node',
          check: { all: [{ allPodsRunning: { workload: 'report', min: 1 } }, { podsOnNode: { node: 'worker-2', workload: 'report', max: 0 } }] },
        },
        {
          text: 'db-0 is Terminating and db has no live pod',
          check: { all: [{ podState: { pod: 'default/db-0', state: 'Terminating' } }, { livePods: { workload: 'db', max: 0 } }] },
        },
        { text: 'The node-exporter pod stays on worker-2', check: { podsOnNode: { node: 'worker-2', workload: 'node-exporter', min: 1 } } },
        { text: 'The bare pod debug is Terminating', check: { podState: { pod: 'default/debug', state: 'Terminating' } } },
      ],
      hints: ['The evictions come 30 s after the taint: advance another 30 s of virtual time.', 'Select a pod to see its owner and its eviction countdown in the inspector.'],
      solution: { commands: [], advanceMs: 30_000 },
    },
    {
      title: 'Force-delete db-0',
      body: `worker-2 is not coming back soon, and you know the machine is off. Force-delete \`db-0\` — what \`kubectl delete pod db-0 --grace-period=0 --force\` does: the object leaves the API at once, without waiting for the kubelet, and the StatefulSet creates \`db-0\` again on a healthy node.

On a real cluster do this only when you are sure the old process has stopped (a network partition is not a power loss): for a while, two \`db-0\` could run.`,
      predict: {
        question: 'The old db-0 leaves the API. What does the StatefulSet create?',
        choices: ['A pod named db-0 again, on a healthy node', 'A pod named db-1: the name db-0 is used up', 'Nothing until worker-2 is back'],
        answer: 0,
        explanation:
          'The name was held only by the old object. With it gone, the StatefulSet creates db-0 again — the same name and identity (on a real cluster, the same PersistentVolumeClaim) — and the scheduler puts it on a Ready node. Nobody told worker-2: had its machine still been running, the old db-0 would be running too.',
      },
      goals: [
        {
          text: 'db-0 is Running on another node',
          check: { all: [{ podState: { pod: 'default/db-0', state: 'Running' } }, { podsOnNode: { node: 'worker-2', workload: 'db', max: 0 } }] },
        },
      ],
      hints: ['Select `db-0` (it sits on worker-2, Terminating), press **Force delete** in the inspector, then step the clock a few seconds.', 'Plain **Delete** would only ask again for a graceful stop: on a dead node nothing confirms it.'],
      solution: { commands: [{ action: 'deletePod', namespace: 'default', name: 'db-0', force: true }], advanceMs: 10_000 },
    },
    {
      title: 'Power worker-2 back on',
      body: `Restore worker-2. Its kubelet reports in and finds the pods that were deleted while it was away.

Watch the bare pod \`debug\`, Terminating on worker-2 since the eviction.`,
      predict: {
        question: 'What becomes of debug once worker-2 is back?',
        choices: ['It runs again on worker-2', 'The kubelet stops it and it leaves the API for good', 'It is created again on another node'],
        answer: 1,
        explanation:
          'The kubelet sees the deletionTimestamp, stops the containers and confirms, and the API removes the object. Nothing owns debug, so nothing creates it again. The replacements stay where they are: nothing moves back to worker-2.',
      },
      goals: [
        { text: 'worker-2 is Ready again', check: { nodeStatus: { node: 'worker-2', status: 'Ready' } } },
        { text: 'No pod is Terminating', check: { noTerminatingPods: true } },
        { text: 'The bare pod debug no longer exists', check: { podState: { pod: 'default/debug', state: 'Absent' } } },
      ],
      hints: ['Use the node’s **Restore** button, or dispatch `{ action: "restoreNode", node: "worker-2" }`, then advance 30 s.'],
      solution: { commands: [{ action: 'restoreNode', node: 'worker-2' }], advanceMs: 30_000 },
    },
  ],
};
