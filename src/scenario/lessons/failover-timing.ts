import type { Lesson } from './types';

/** The preset's pods, named by its seed: web and api on worker-2, and the web pod on worker-3 (lessons.test.ts checks them). */
const WEB_ON_WORKER_2 = 'web-5746d46c86-r4bqv';
const API_ON_WORKER_2 = 'api-75f4cffbf9-sp6fn';
const WEB_ON_WORKER_3 = 'web-5746d46c86-r8tz6';

/**
 * How long a dead node's pods take to move, at upstream's defaults (shared/reference/
 * lifecycle.md §1.2, §2.1, §2.2, §3.2, §6 and the worked timeline §10A): the 50 s
 * node-monitor grace period from the last heartbeat, the NoExecute taint a monitor pass
 * later, then each pod's own unreachable tolerationSeconds: 30 s for a Deployment that sets
 * it, the 300 s the DefaultTolerationSeconds admission adds to every other pod, forever
 * for a DaemonSet pod; a node back in time cancels the pending evictions.
 */
export const failoverTimingLesson: Lesson = {
  id: 'failover-timing',
  title: 'How long until my pods move?',
  summary: 'Time a node failure at upstream’s defaults: the 50 s grace period, the 300 s every pod tolerates, a Deployment that asks for 30 s, a DaemonSet pod that never moves, and a node back in time.',
  presetId: 'failover-timing',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Pull the plug, start the stopwatch',
      body: `Three workers each run a pod of \`web\`, a pod of \`api\` and a pod of the DaemonSet \`node-agent\`. Every timing in this lesson is upstream Kubernetes' default, nothing shortened: the clock is virtual, so waiting costs a few **Step**s.

Kill worker-2 (the **Kill** button on its card), then press **Step** (10 s each) until the node turns Unknown and is tainted.

- The kubelet renews its Lease every 10 s. The node lifecycle controller checks every 5 s and waits for the *node-monitor grace period*, 50 s after the last heartbeat (40 s before Kubernetes 1.32). The node card counts it down: \`Ready → Unknown in\`.
- Then the node gets the event *NodeNotReady*, \`Node worker-2 status is now: NodeNotReady\`, each of its pods a Warning *NodeNotReady*, \`Node is not ready\`, and the node the taint \`node.kubernetes.io/unreachable:NoSchedule\` at once.
- On the controller's next pass, 5 s later, comes the taint that matters for the pods: \`node.kubernetes.io/unreachable:NoExecute\` (select the node: the inspector lists its taints).`,
      predict: {
        question: 'How long after the power loss will the web pod on worker-2 be replaced by a pod on another node?',
        choices: ['A few seconds: the scheduler sees the node die', 'About a minute: as soon as the node is marked Unknown', 'About six minutes'],
        answer: 2,
        explanation:
          'Nobody tells the API server that a machine lost power; it notices the silence. From the last heartbeat: 50 s until the node is marked Unknown, about 5 s more until the NoExecute taint, then 300 s that the web pod tolerates the taint before it is evicted. About 5m55s in all (5m45s to 5m55s after the power loss, depending on where in its 10 s Lease cycle the kubelet was). The next steps take that apart: why 300 s, who can change it, and who never moves.',
      },
      goals: [
        { text: 'worker-2 is marked Unknown', check: { nodeStatus: { node: 'worker-2', status: 'Unknown' } } },
        {
          text: 'worker-2 has the unreachable NoExecute taint',
          check: { nodeTaintPresent: { node: 'worker-2', key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' } },
        },
      ],
      hints: [
        'Press the **Kill** button on worker-2’s card, or dispatch `{ action: "killNode", node: "worker-2" }` through `window.__podscape`.',
        'Then press **Step** six times: the NoExecute taint comes about 55 s after the last heartbeat.',
      ],
      solution: { commands: [{ action: 'killNode', node: 'worker-2' }], advanceMs: 60_000 },
    },
    {
      title: 'The pod that asked to leave early',
      body: `A NoExecute taint is for the pods already on the node. The *taint eviction controller* looks at each one: a pod that does not tolerate the taint is deleted at once; one that tolerates it without \`tolerationSeconds\` stays; the others are deleted when their \`tolerationSeconds\` run out, counted from the taint.

The \`api\` Deployment sets its own in its pod template: \`{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30 }\` (and the same for \`node.kubernetes.io/not-ready\`). Its pod on worker-2 counts down \`Evicted in\` on its card.

Press **Step** three times. The api pod gets *TaintManagerEviction*, \`Marking for deletion Pod default/${API_ON_WORKER_2}\`, the ReplicaSet creates a replacement (*SuccessfulCreate*) and the scheduler puts it on a live node. The evicted pod stays *Terminating*: only worker-2's kubelet could confirm that it stopped.`,
      predict: {
        question: 'The web Deployment’s manifest has no tolerations at all. What does the NoExecute taint do to its pod on worker-2?',
        choices: ['Evicts it at once: it does not tolerate the taint', 'Nothing for 300 s: it tolerates the taint for five minutes', 'Nothing ever: a taint only keeps new pods away'],
        answer: 1,
        explanation: `Every pod tolerates it, for 300 s: when a pod is created, the API server's *DefaultTolerationSeconds* admission plugin adds \`{ key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300 }\` and the same for \`node.kubernetes.io/unreachable\`, unless the pod already tolerates them (the 300 comes from kube-apiserver's \`--default-not-ready-toleration-seconds\` and \`--default-unreachable-toleration-seconds\`). Select ${WEB_ON_WORKER_2} and read its YAML in the inspector: the two tolerations are there, though the Deployment never asked for them. A taint a pod really does not tolerate, say one you add yourself with effect NoExecute, evicts it at once.`,
      },
      goals: [
        // One goal: the api pod on the dead node still reads Running, so "3 Running" alone would be met before anything happened.
        { text: 'All 3 api pods Running, none on worker-2', check: { all: [{ allPodsRunning: { workload: 'api', min: 3 } }, { podsOnNode: { node: 'worker-2', workload: 'api', max: 0 } }] } },
        { text: 'The web pod is still on worker-2', check: { podsOnNode: { node: 'worker-2', workload: 'web', min: 1 } } },
      ],
      hints: ['Press **Step** three times: the api pod is evicted 30 s after the NoExecute taint.'],
      solution: { commands: [], advanceMs: 30_000 },
    },
    {
      title: 'Wait out the 300 s',
      body: `The web pod's card now counts down \`Evicted in\` from about 4:20. Let it run out: press **Play** (at 10× the wait takes about half a minute; raise the **Speed** to make it shorter), or **Step** about 27 times.

At the end: *TaintManagerEviction*, \`Marking for deletion Pod default/${WEB_ON_WORKER_2}\`, and a new web pod on worker-1 or worker-3, about 5m55s after worker-2's last heartbeat.

Why not set \`tolerationSeconds: 0\` on everything? Then a node that misses heartbeats for a minute, a kubelet restart or a network blip, would lose all its pods at once, and the cluster would reshuffle for nothing. 300 s trades a slow failover for calm during short outages; a workload that would rather move fast says so in its own tolerations, as \`api\` did.`,
      predict: {
        question: 'And the node-agent pod, from a DaemonSet, on worker-2?',
        choices: ['Evicted with web after 300 s', 'Nothing: it stays bound to the dead node', 'The DaemonSet moves it to another node'],
        answer: 1,
        explanation:
          'The DaemonSet controller gives its pods `node.kubernetes.io/unreachable:NoExecute` and `node.kubernetes.io/not-ready:NoExecute` tolerations without `tolerationSeconds`, so the taint eviction controller tolerates them for ever (the admission plugin leaves a pod that already tolerates the taints alone). A DaemonSet runs one pod per node; its pod belongs to worker-2, so nothing moves it: it stays bound, phase Running, until the node comes back or its Node object is deleted. (The Workloads panel shows node-agent wanting 2 pods, not 3: a node with the `unreachable:NoSchedule` taint is one the DaemonSet would not start a pod on now, but the pod it has there may stay; its status counts it as misscheduled.)',
      },
      goals: [
        { text: 'All 3 web pods Running, none on worker-2', check: { all: [{ allPodsRunning: { workload: 'web', min: 3 } }, { podsOnNode: { node: 'worker-2', workload: 'web', max: 0 } }] } },
        { text: 'The node-agent pod is still on worker-2', check: { podsOnNode: { node: 'worker-2', workload: 'node-agent', min: 1 } } },
      ],
      hints: [
        'Press **Play** and wait for the web pod’s countdown; press **Pause** once it is replaced.',
        'Or press **Step** until the Cluster time passes 00:05:55 (27 Steps).',
      ],
      solution: { commands: [], advanceMs: 270_000 },
    },
    {
      title: 'Power it back on, lose another',
      body: `Restore worker-2 (the **Restore** button on its card). Its kubelet reports in (*NodeReady*, and the Warning *Rebooted*), the controller removes the taints, and the kubelet finishes the two Terminating pods. The node-agent pod starts again in place: *SandboxChanged*, \`Pod sandbox changed, it will be killed and re-created.\`

Then kill worker-3 and press **Step** until its api pods have left (about 85 s after its last heartbeat: nine **Step**s). Do not wait longer: the next step needs worker-3's web pod, ${WEB_ON_WORKER_3}, not yet evicted (its card counts down).`,
      predict: {
        question: 'worker-2 is back and nearly empty. Do the pods that moved away come back to it?',
        choices: ['Yes: the scheduler rebalances onto the empty node', 'No: a pod is placed once, only new pods go there'],
        answer: 1,
        explanation:
          'The scheduler places pods that have no node; it never moves a running pod. The replacements stay on worker-1 and worker-3. But new pods go where there is room: the api pods worker-3 loses now are replaced on worker-2, the emptiest node (*Scheduled*, `Successfully assigned default/api-… to worker-2`).',
      },
      goals: [
        { text: 'worker-2 is Ready again', check: { nodeStatus: { node: 'worker-2', status: 'Ready' } } },
        { text: 'worker-3 is marked Unknown', check: { nodeStatus: { node: 'worker-3', status: 'Unknown' } } },
        { text: 'No api pod left on worker-3', check: { podsOnNode: { node: 'worker-3', workload: 'api', max: 0 } } },
      ],
      hints: [
        'Press **Restore** on worker-2’s card, then **Kill** on worker-3’s, then **Step** nine times.',
        'Or dispatch `{ action: "restoreNode", node: "worker-2" }` and `{ action: "killNode", node: "worker-3" }`.',
      ],
      solution: {
        commands: [
          { action: 'restoreNode', node: 'worker-2' },
          { action: 'killNode', node: 'worker-3' },
        ],
        advanceMs: 90_000,
      },
    },
    {
      title: 'Back before the deadline',
      body: `${WEB_ON_WORKER_3} on worker-3 still has a few minutes of its 300 s (its card: \`Evicted in\`). Restore worker-3 before they run out.`,
      predict: {
        question: 'worker-3 is back while the web pod’s eviction is still pending. What happens to the pod?',
        choices: ['It is evicted anyway: its deletion was already scheduled', 'It stays: the pending deletion is cancelled', 'It is replaced by a new pod on worker-3'],
        answer: 1,
        explanation: `When the node is Ready again, the controller removes the NoExecute taint on its next pass, and the taint eviction controller cancels what it had scheduled: *TaintManagerEviction*, \`Cancelling deletion of Pod default/${WEB_ON_WORKER_3}\`. The pod keeps its name and node; the machine lost power, so the kubelet starts its container again (*SandboxChanged*, then *Started*; the card shows 1 restart). The api pods were evicted before the node came back: they are gone, and their replacements stay on worker-2. This is why an outage shorter than the tolerations costs no pod at all, and one shorter than the grace period does not even mark the node.`,
      },
      goals: [
        { text: 'worker-3 is Ready again', check: { nodeStatus: { node: 'worker-3', status: 'Ready' } } },
        {
          text: `The eviction of ${WEB_ON_WORKER_3} was cancelled, and it runs on worker-3`,
          check: {
            all: [
              // The same reason marks a pod for deletion: the message tells a cancel from an eviction.
              { eventMessage: { reason: 'TaintManagerEviction', includes: 'Cancelling deletion', object: `Pod/default/${WEB_ON_WORKER_3}` } },
              { podState: { pod: `default/${WEB_ON_WORKER_3}`, state: 'Running' } },
            ],
          },
        },
      ],
      hints: ['Press **Restore** on worker-3’s card, then **Step** once.', 'Or dispatch `{ action: "restoreNode", node: "worker-3" }`.'],
      solution: { commands: [{ action: 'restoreNode', node: 'worker-3' }], advanceMs: 10_000 },
    },
  ],
};
