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

export const taintsTolerationsLesson: Lesson = {
  id: 'taints-tolerations',
  title: 'Taints keep pods away',
  summary: 'Get a pending pod onto a tainted node without removing the taint.',
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
      ],
      solution: { commands: [{ action: 'apply', object: tolerantTrainer }], advanceMs: 5_000 },
    },
  ],
};
