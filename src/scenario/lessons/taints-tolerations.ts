import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

/** The trainer Deployment of the preset, with the toleration the lesson asks for. */
const tolerantTrainer = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'trainer', namespace: 'default' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'trainer' } },
    template: {
      metadata: { labels: { app: 'trainer' } },
      spec: {
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [{ name: 'trainer', image: 'ghcr.io/example/trainer:0.9', resources: { requests: { cpu: '1500m', memory: '2Gi' } } }],
      },
    },
  },
};

/** gpu-1 with a second, NoExecute taint: the applied spec replaces the node's taints, so it keeps the gpu one. */
const driverUpgrade: Command = {
  action: 'apply',
  object: {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'gpu-1' },
    spec: {
      taints: [
        { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
        { key: 'nvidia.com/driver-upgrade', value: 'true', effect: 'NoExecute' },
      ],
    },
  },
};

const TOLERANT_TRAINER_YAML =
  '`{ apiVersion: apps/v1, kind: Deployment, metadata: { name: trainer, namespace: default }, spec: { replicas: 1, selector: { matchLabels: { app: trainer } }, template: { metadata: { labels: { app: trainer } }, spec: { tolerations: [{ key: nvidia.com/gpu, operator: Exists, effect: NoSchedule }], containers: [{ name: trainer, image: "ghcr.io/example/trainer:0.9", resources: { requests: { cpu: 1500m, memory: 2Gi } } }] } } } }`';

const DRIVER_UPGRADE_YAML =
  '`{ apiVersion: v1, kind: Node, metadata: { name: gpu-1 }, spec: { taints: [{ key: nvidia.com/gpu, value: present, effect: NoSchedule }, { key: nvidia.com/driver-upgrade, value: "true", effect: NoExecute }] } }`';

export const taintsTolerationsLesson: Lesson = {
  id: 'taints-tolerations',
  title: 'Taints keep pods away',
  summary: 'Get a pending pod onto a tainted node without removing the taint; then a NoExecute taint evicts what already runs there.',
  presetId: 'taints-tolerations',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Read the pending pod',
      body: `The \`trainer\` pod is Pending. Read its message in the pending tray: one node has an *untolerated taint*, the others lack CPU.

**gpu-1** has room, but carries \`nvidia.com/gpu=present:NoSchedule\`.`,
      predict: {
        question: 'You add a toleration for nvidia.com/gpu to the inference pods only. Where can the trainer pod go then?',
        choices: ['Still nowhere', 'To gpu-1', 'To worker-1'],
        answer: 0,
        explanation: 'Tolerations belong to the pod that has them. The trainer pod itself must tolerate the taint to be allowed onto gpu-1.',
      },
      goals: [
        { text: 'The trainer pod is Running', check: { allPodsRunning: { workload: 'trainer', min: 1 } } },
        { text: 'gpu-1 keeps its taint', check: { nodeTaintPresent: { node: 'gpu-1', key: 'nvidia.com/gpu', effect: 'NoSchedule' } } },
      ],
      hints: [
        'Removing the taint would work, but would let every pod onto the GPU node.',
        'Apply the trainer Deployment again with `tolerations: [{ key: nvidia.com/gpu, operator: Exists, effect: NoSchedule }]` in its pod template.',
        `The whole Deployment, for **Apply YAML** (in the Workloads panel): ${TOLERANT_TRAINER_YAML}`,
      ],
      solution: { commands: [{ action: 'apply', object: tolerantTrainer }], advanceMs: 5_000 },
    },
    {
      title: 'NoExecute: evict what already runs',
      body: `gpu-1's driver needs an upgrade. Taint it \`nvidia.com/driver-upgrade=true:NoExecute\` (on a real cluster, \`kubectl taint node gpu-1 nvidia.com/driver-upgrade=true:NoExecute\`; here, open **Taints and labels** at the foot of gpu-1's card, type \`nvidia.com/driver-upgrade=true:NoExecute\` in the *kubectl taint* field and press **Taint**; or apply gpu-1's Node from the hints with **Apply YAML**).

A *NoSchedule* taint only keeps new pods away. A *NoExecute* taint also acts on the pods already on the node: the taint eviction controller deletes at once each pod that does not tolerate it, and a pod that tolerates it with \`tolerationSeconds\` when those run out.

The \`inference\` pods, both on gpu-1, tolerate it for a minute, time to finish the requests in flight: \`{ key: nvidia.com/driver-upgrade, operator: Exists, effect: NoExecute, tolerationSeconds: 60 }\`. Apply the taint, then press **Step** seven times.`,
      predict: {
        question: 'The trainer pod tolerates nvidia.com/gpu with effect NoSchedule, nothing else. What happens to it when the NoExecute taint lands?',
        choices: ['Nothing: taints only keep new pods away', 'It is evicted at once', 'It is evicted after 300 s, the default toleration'],
        answer: 1,
        explanation:
          'A toleration matches a taint by key and effect, and trainer has none for `nvidia.com/driver-upgrade:NoExecute`, so the taint eviction controller deletes it at once: *TaintManagerEviction*, `Marking for deletion Pod default/trainer-…`, then the kubelet’s *Killing*, `Stopping container trainer`. Its replacement is Pending again with `1 node(s) had untolerated taint(s), 2 Insufficient cpu`. The 300 s that every pod tolerates are only for the `node.kubernetes.io/not-ready` and `unreachable` taints (the lesson *How long until my pods move?*). The inference pods get their *TaintManagerEviction* 60 s after the taint. Watch where their replacements go: the scheduler lets a pod onto a node whose NoExecute taint it tolerates, whatever its `tolerationSeconds`, so a replacement may land on gpu-1 again, and is evicted 60 s later, over and over until the taint is removed.',
      },
      goals: [
        {
          text: 'gpu-1 has the NoExecute driver-upgrade taint',
          check: { nodeTaintPresent: { node: 'gpu-1', key: 'nvidia.com/driver-upgrade', effect: 'NoExecute' } },
        },
        { text: 'The trainer pod was evicted; its replacement waits for the taint', check: { pendingBecause: { workload: 'trainer', includes: 'untolerated taint' } } },
        { text: 'Three evictions: trainer at once, both inference pods after 60 s', check: { eventRecorded: { reason: 'TaintManagerEviction', includes: 'Marking for deletion', min: 3 } } },
      ],
      hints: [
        'On gpu-1’s card, open **Taints and labels**, type `nvidia.com/driver-upgrade=true:NoExecute` in the *kubectl taint* field and press **Taint**, then press **Step** seven times.',
        `Or press **Apply YAML**, replace the example with this Node and press **Apply manifest** (the taints you apply replace the node's, so it lists the gpu one too), then press **Step** seven times: ${DRIVER_UPGRADE_YAML}`,
        'Or dispatch `{ action: "apply", object: <that Node> }` through `window.__podscape`.',
      ],
      solution: { commands: [driverUpgrade], advanceMs: 65_000 },
    },
  ],
};
