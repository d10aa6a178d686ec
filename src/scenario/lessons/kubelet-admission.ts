import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

/** The ReplicaSet of the pinned batch template (its pod-template-hash; lessons.test.ts checks it). */
const PINNED_REPLICASET = 'batch-778f5b8566';

/** The batch Deployment, pinned to worker-1 by `nodeName` or left to the scheduler. */
const batch = (pinned: boolean): Command => ({
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'batch', namespace: 'default' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'batch' } },
      template: {
        metadata: { labels: { app: 'batch' } },
        spec: {
          ...(pinned ? { nodeName: 'worker-1' } : {}),
          containers: [{ name: 'batch', image: 'ghcr.io/example/batch:1.0', resources: { requests: { cpu: '500m', memory: '256Mi' } } }],
        },
      },
    },
  },
});

const batchYaml = (pinned: boolean) =>
  `\`{ apiVersion: apps/v1, kind: Deployment, metadata: { name: batch, namespace: default }, spec: { replicas: 1, selector: { matchLabels: { app: batch } }, template: { metadata: { labels: { app: batch } }, spec: { ${pinned ? 'nodeName: worker-1, ' : ''}containers: [ { name: batch, image: "ghcr.io/example/batch:1.0", resources: { requests: { cpu: 500m, memory: 256Mi } } } ] } } } }\``;

const DRAG =
  'drag it onto the node’s card (or Tab to its card, press **Space** to pick it up, the arrow keys to reach the node and **Space** again to drop it), then press **Bind anyway** in the dialog';

/**
 * The kubelet's own admission check (shared/reference/lifecycle.md and
 * pkg/kubelet/lifecycle/predicate.go): a pod bound without the scheduler is still checked
 * by the node's kubelet against the node's allocatable minus the requests it has admitted,
 * its node affinity, host ports and NoExecute taints, but not cordons or NoSchedule taints;
 * a refusal is final (phase Failed, reason OutOfcpu), and a ReplicaSet whose template pins
 * `nodeName` replaces each refused pod at once, without end.
 */
export const kubeletAdmissionLesson: Lesson = {
  id: 'kubelet-admission',
  title: 'Binding without the scheduler',
  summary: 'A pod bound past the scheduler is still checked by the node’s kubelet: too little room and it fails for good (OutOfcpu), a cordon does not stop it, and a Deployment pinned with nodeName makes failed pods without end.',
  presetId: 'kubelet-admission',
  warmupMs: 5_000,
  steps: [
    {
      title: 'The kubelet checks too',
      body: `Normally the scheduler picks a node and writes it into the pod's \`spec.nodeName\` (a *binding*). Anyone may do that instead: set \`nodeName\` in the manifest, or bind a Pending pod by hand. The scheduler is skipped, but the node's **kubelet** still checks every pod it is given before it runs it: that is *kubelet admission*.

Here worker-1 and worker-2 run two \`web\` pods each, 800m apiece: 1.6 of their 2 CPUs are requested. worker-3 is cordoned for maintenance. The bare pods \`report\` and \`backup\` ask for 1 CPU each and wait Pending: \`0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.\`

Bind \`report\` to worker-1 anyway: ${DRAG}.`,
      predict: {
        question: 'report (1 CPU) is bound to worker-1, which has 400m left. What happens?',
        choices: [
          'It runs, using more CPU than the node has',
          'A web pod is evicted to make room, and report runs',
          'The kubelet refuses it: report fails and stays Failed',
          'It goes back to Pending for the scheduler',
        ],
        answer: 2,
        explanation:
          'The kubelet adds up the requests of the pods it has admitted (1600m) and compares with the node\'s allocatable (2000m): 1000m more does not fit. It rejects the pod: phase *Failed*, reason *OutOfcpu*, message `Pod was rejected: Node didn\'t have enough resource: cpu, requested: 1000, used: 1600, capacity: 2000` (select report: the inspector shows them), and a Warning event *OutOfcpu* from the kubelet. A pod is bound once and for all: it cannot go back to the queue, and a bare pod has no controller to make another. Note that `used` is what is *requested*, not what the web pods really use.',
      },
      goals: [
        { text: 'report is bound to worker-1', check: { podScheduled: { pod: 'default/report', node: 'worker-1' } } },
        { text: 'The kubelet refused report: Failed, OutOfcpu', check: { all: [{ podState: { pod: 'default/report', state: 'Failed' } }, { eventRecorded: { reason: 'OutOfcpu', object: 'Pod/default/report' } }] } },
      ],
      hints: [`Find report among the Pending pods; ${DRAG}. Then **Step**.`, 'Or dispatch `{ action: "bindPod", namespace: "default", name: "report", node: "worker-1" }` through `window.__podscape`.'],
      solution: { commands: [{ action: 'bindPod', namespace: 'default', name: 'report', node: 'worker-1' }], advanceMs: 2_000 },
    },
    {
      title: 'A cordon is for the scheduler',
      body: `worker-3 is cordoned: \`spec.unschedulable: true\` and the taint \`node.kubernetes.io/unschedulable:NoSchedule\`. It has 2 CPUs free.

Bind \`backup\` to worker-3 anyway: ${DRAG}.`,
      predict: {
        question: 'backup (1 CPU) is bound to the cordoned worker-3. What happens?',
        choices: ['The kubelet refuses it because the node is cordoned', 'It runs on worker-3', 'It waits on worker-3 until the node is uncordoned'],
        answer: 1,
        explanation:
          'The kubelet\'s admission checks resources (CPU, memory, ephemeral storage, the pod count), node affinity and `nodeSelector`, `nodeName`, host ports and taints with the **NoExecute** effect. A cordon and NoSchedule taints are not on that list: they only keep the scheduler away. backup starts on worker-3 a second later. This is why `kubectl drain` evicts pods after the cordon: cordoning alone stops new scheduling, nothing else.',
      },
      goals: [
        { text: 'backup runs on worker-3', check: { all: [{ podScheduled: { pod: 'default/backup', node: 'worker-3' } }, { podState: { pod: 'default/backup', state: 'Running' } }] } },
        { text: 'worker-3 is still cordoned', check: { nodeUnschedulable: { node: 'worker-3', value: true } } },
      ],
      hints: [`Find backup among the Pending pods; ${DRAG}. Then **Step**.`, 'Or dispatch `{ action: "bindPod", namespace: "default", name: "backup", node: "worker-3" }`.'],
      solution: { commands: [{ action: 'bindPod', namespace: 'default', name: 'backup', node: 'worker-3' }], advanceMs: 3_000 },
    },
    {
      title: 'A controller that never gives up',
      body: `Now a Deployment whose pod template says \`nodeName: worker-1\`, for pods of 500m. worker-1 has 400m left.

What follows is fast, so slow the clock first: set **Speed** to 1× (one **Step** is then one virtual second) and keep it paused. Apply \`batch\` from the hints with **Apply YAML** and press **Step** once.`,
      predict: {
        question: 'The batch pod is refused (OutOfcpu). What does its ReplicaSet do?',
        choices: ['Nothing: the Deployment is marked failed', 'It makes a new pod at once, pinned to worker-1 again, which is refused again, and so on', 'It makes a new pod that the scheduler puts on worker-2'],
        answer: 1,
        explanation:
          'A Failed pod no longer counts as one of the ReplicaSet\'s replicas, so it creates another at once from the same template, with the same `nodeName`: the scheduler never sees it, the kubelet refuses it, and round it goes, dozens of pods a second, each left behind Failed (reported upstream in kubernetes/kubernetes#89007 and #131116, among others). No back-off slows it down. A Job does back off (10 s, 20 s, 40 s …) and gives up at its `backoffLimit`; a ReplicaSet never does. Look at the Events: one *OutOfcpu* per pod.',
      },
      goals: [
        { text: 'The kubelet has refused 20 pods or more (OutOfcpu)', check: { eventRecorded: { reason: 'OutOfcpu', min: 20 } } },
        { text: 'batch’s ReplicaSet has created 20 pods or more', check: { eventRecorded: { reason: 'SuccessfulCreate', object: `ReplicaSet/default/${PINNED_REPLICASET}`, min: 20 } } },
      ],
      hints: [`Set **Speed** to 1×, press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**, then **Step** once: ${batchYaml(true)}`, 'Or dispatch `{ action: "apply", object: <that Deployment> }` through `window.__podscape` and advance 1 s.'],
      solution: { commands: [batch(true)], advanceMs: 1_000 },
    },
    {
      title: 'Let the scheduler choose',
      body: `Stop the loop by taking \`nodeName\` out of the template: apply \`batch\` again from the hints. The new pod goes to the scheduler, which finds no schedulable node with 500m free (worker-3 is still cordoned) and keeps it Pending: one waiting pod instead of a stream of failed ones.

Then uncordon worker-3 (**Uncordon** on its card): backup uses 1 of its 2 CPUs.`,
      predict: {
        question: 'What becomes of the Failed batch pods once the template is fixed?',
        choices: ['They are deleted with the old ReplicaSet’s scale-down', 'They stay, Failed, until someone deletes them', 'The kubelet retries them now that the template is fixed'],
        answer: 1,
        explanation:
          'The rollout scales the old ReplicaSet to 0, but a scale-down only deletes pods that are still alive; finished pods are not counted. The Failed pods stay, owned by the old ReplicaSet, until you delete them (`kubectl delete pods --field-selector=status.phase=Failed`), the ReplicaSet is deleted, or the pod garbage collector acts: by default only above 12,500 finished pods in the cluster (`--terminated-pod-gc-threshold`). The new batch pod, meanwhile, is scheduled onto worker-3 as soon as it is uncordoned.',
      },
      goals: [
        { text: 'worker-3 is uncordoned', check: { nodeUnschedulable: { node: 'worker-3', value: false } } },
        { text: 'One batch pod Running, on worker-3', check: { all: [{ allPodsRunning: { workload: 'batch', min: 1 } }, { livePods: { workload: 'batch', max: 1 } }, { podsOnNode: { node: 'worker-3', workload: 'batch', min: 1 } }] } },
        { text: 'No pod is Pending', check: { noPendingPods: true } },
      ],
      hints: [
        `Press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**: ${batchYaml(false)}. Then press **Uncordon** on worker-3’s card and **Step**.`,
        'Or dispatch `{ action: "apply", object: <that Deployment> }` and `{ action: "uncordon", node: "worker-3" }`.',
      ],
      solution: { commands: [batch(false), { action: 'uncordon', node: 'worker-3' }], advanceMs: 5_000 },
    },
  ],
};
