import type { Command } from '../../engine/commands';
import type { KubeObject } from '../../engine/model/types';
import type { Lesson } from './types';

/** The pods the learner applies, each with the flow YAML a hint shows (a test parses one back to the other). */
export const memoryObjects: Record<'report' | 'batch' | 'batchTolerating', { yaml: string; object: KubeObject }> = {
  report: {
    yaml: '{ apiVersion: v1, kind: Pod, metadata: { name: report, namespace: default, labels: { app: report }, annotations: { podscape.dev/memory-usage: 300Mi } }, spec: { containers: [{ name: report, image: "example.com/report:1.0", resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 512Mi } } }] } }',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'report', namespace: 'default', labels: { app: 'report' }, annotations: { 'podscape.dev/memory-usage': '300Mi' } },
      spec: { containers: [{ name: 'report', image: 'example.com/report:1.0', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } } }] },
    } as KubeObject,
  },
  batch: {
    yaml: '{ apiVersion: v1, kind: Pod, metadata: { name: batch, namespace: default, annotations: { podscape.dev/memory-usage: 600Mi } }, spec: { nodeSelector: { kubernetes.io/hostname: worker-1 }, containers: [{ name: batch, image: "example.com/batch:1.0" }] } }',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'batch', namespace: 'default', annotations: { 'podscape.dev/memory-usage': '600Mi' } },
      spec: { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' }, containers: [{ name: 'batch', image: 'example.com/batch:1.0' }] },
    } as KubeObject,
  },
  batchTolerating: {
    yaml: '{ apiVersion: v1, kind: Pod, metadata: { name: batch, namespace: default, annotations: { podscape.dev/memory-usage: 600Mi } }, spec: { nodeSelector: { kubernetes.io/hostname: worker-1 }, tolerations: [{ key: node.kubernetes.io/memory-pressure, operator: Exists, effect: NoSchedule }], containers: [{ name: batch, image: "example.com/batch:1.0" }] } }',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'batch', namespace: 'default', annotations: { 'podscape.dev/memory-usage': '600Mi' } },
      spec: {
        nodeSelector: { 'kubernetes.io/hostname': 'worker-1' },
        tolerations: [{ key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [{ name: 'batch', image: 'example.com/batch:1.0' }],
      },
    } as KubeObject,
  },
};

const apply = (which: keyof typeof memoryObjects): Command => ({ action: 'apply', object: memoryObjects[which].object });
const hint = (which: keyof typeof memoryObjects) => `\`${memoryObjects[which].yaml}\``;
const forceDelete = (name: string): Command => ({ action: 'deletePod', namespace: 'default', name, force: true });

/**
 * Out of memory (round 32; docs/fidelity.md "Memory usage, OOMKilled and node memory pressure"):
 * a container over its memory limit is killed by the kernel (OOMKilled, 137) and restarted in
 * place until CrashLoopBackOff; a higher limit fixes it; a node short of memory gets
 * MemoryPressure and its NoSchedule taint, refuses pods that do not tolerate it, and its kubelet
 * evicts by usage above requests, which puts a BestEffort pod first.
 */
export const outOfMemoryLesson: Lesson = {
  id: 'out-of-memory',
  title: 'Out of memory',
  summary: 'A container over its memory limit is OOMKilled and crash-loops until its limit is raised; a node short of memory is tainted and its kubelet evicts pods, those using most above their requests first.',
  presetId: 'memory-pressure',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Over the limit',
      body: `A container's memory has two numbers. Its **request** is what the scheduler sets aside for it on a node; the container may use more while the node has room. Its **limit** is a hard cap: the kernel will not let the container's processes use more.

The bare pod \`report\` on worker-2 asks for \`128Mi\` and is limited to \`256Mi\`, and it uses \`300Mi\`. (What a container uses comes from Podscape's own annotation \`podscape.dev/memory-usage\`, which a real cluster would ignore; what follows is what Kubernetes does.)

Leave worker-1 for later. Select \`report\` and play 40 s (or press **Step** four times).`,
      predict: {
        question: 'report goes over its 256Mi limit. What happens to it?',
        choices: [
          'The kubelet evicts it and the scheduler finds it a bigger node',
          'The kernel kills the container, and the kubelet restarts it in the same pod',
          'Nothing: a limit is only a hint while the node has free memory',
        ],
        answer: 1,
        explanation:
          'A memory limit is enforced by the kernel in the container’s cgroup: the process that would go over is killed with SIGKILL, so the container exits with code 137 (128 + 9) and the kubelet reports its reason as `OOMKilled`. Nothing is rescheduled: the pod’s `restartPolicy` is `Always` (a pod’s default), so the kubelet restarts the container in place, at once the first time and then with the crash back-off (10 s, 20 s, 40 s … up to 5 minutes): `CrashLoopBackOff`. There is no `OOMKilled` event; `kubectl describe pod` shows it under the container’s Last State, with Exit Code 137.',
      },
      goals: [
        {
          text: 'report was last OOMKilled with exit code 137, and restarted at least 3 times',
          check: { lastTermination: { pod: 'default/report', reason: 'OOMKilled', exitCode: 137, minRestarts: 3 } },
        },
        { text: 'report waits in CrashLoopBackOff', check: { podStatus: { pod: 'default/report', status: 'CrashLoopBackOff' } } },
      ],
      hints: [
        'Press **Step** (10 s at 10×) four times: the restarts come at about 2 s, 13 s and 34 s.',
        'Select report: the inspector shows its container waiting in CrashLoopBackOff, its Last State OOMKilled with exit code 137, and its restart count.',
      ],
      solution: { commands: [], advanceMs: 40_000 },
    },
    {
      title: 'Raise the limit',
      body: `\`report\` needs \`300Mi\`; give it a limit of \`512Mi\`. A running pod's resources cannot be changed with an apply (the API server refuses a change to a pod's containers other than its image), so delete the pod and create it again: in real life a Deployment's template would do this for you.

Select \`report\`, press **Force delete** in the inspector (it is gone at once), then apply the pod in the hints with **Apply YAML** and press **Step**.`,
      predict: {
        question: 'The new report still requests 128Mi, is limited to 512Mi and uses 300Mi. What does it do?',
        choices: [
          'It runs, and its container is not restarted',
          'It is OOMKilled again: it uses more than it requests',
          'Its kubelet evicts it, because a pod using more than its request is BestEffort',
        ],
        answer: 0,
        explanation:
          'Only the limit is a cap: using more than the request is allowed while the node has room, so at 300Mi under a 512Mi limit the container runs without restarts. The request and the limit also set the pod’s **QoS class**, from the numbers alone and never from usage: **Guaranteed** when every container has cpu and memory limits equal to its requests, **BestEffort** when it has no requests or limits at all, **Burstable** otherwise — report, with 128Mi requested and 512Mi allowed, stays Burstable. The class matters when a node runs short of memory, which is what the next steps are about.',
      },
      goals: [
        { text: 'report is Running', check: { podStatus: { pod: 'default/report', status: 'Running' } } },
        { text: 'report has not restarted', check: { not: { lastTermination: { pod: 'default/report', reason: 'OOMKilled' } } } },
      ],
      hints: [`Force delete report, then press **Apply YAML**, replace the example with this pod, press **Apply manifest** and **Step**: ${hint('report')}`],
      solution: { commands: [forceDelete('report'), apply('report')], advanceMs: 20_000 },
    },
    {
      title: 'A node short of memory',
      body: `Now worker-1, 2Gi of memory. \`db\` uses \`800Mi\` of its \`1Gi\` request; each \`cache\` pod uses \`600Mi\` against a \`256Mi\` request. Requests fit; usage did not: the kubelet keeps \`memory.available\` above its hard eviction threshold, \`100Mi\` by default, and checks every 10 s.

Read the event log: at 10 s the kubelet evicted a \`cache\` pod on worker-1 (Warning *Evicted*, \`The node was low on resource: memory. …\`), its ReplicaSet's replacement landed on worker-1 again and was evicted at about 20 s. Then worker-1 reported **MemoryPressure** (*NodeHasInsufficientMemory*), and the node lifecycle controller tainted it \`node.kubernetes.io/memory-pressure:NoSchedule\`: the next replacement went to worker-2. The condition stays for 5 minutes after the last time the threshold was crossed.

Apply the pod \`batch\` in the hints: no requests, no limits (BestEffort), pinned to worker-1 by a nodeSelector, and play 10 s.`,
      predict: {
        question: 'What happens to batch?',
        choices: [
          'It runs on worker-1, and the kubelet evicts it at once',
          'It stays Pending: worker-1 has a taint it does not tolerate, and its nodeSelector rules out worker-2',
          'It goes to worker-2, which has memory free',
        ],
        answer: 1,
        explanation:
          'The memory-pressure taint has the effect `NoSchedule`: the scheduler will not place a new pod that does not tolerate it, whatever the pod requests, and the nodeSelector allows only worker-1. Pods already on the node stay (NoSchedule evicts nothing). Were `batch` bound to worker-1 with `nodeName`, past the scheduler, the kubelet itself would refuse it: a BestEffort pod that does not tolerate the taint is rejected under memory pressure (`Evicted`, `The node had condition: [MemoryPressure]`).',
      },
      goals: [
        { text: 'worker-1 has the MemoryPressure condition', check: { nodeCondition: { node: 'worker-1', type: 'MemoryPressure' } } },
        { text: 'worker-1 has the memory-pressure NoSchedule taint', check: { nodeTaintPresent: { node: 'worker-1', key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' } } },
        { text: 'batch is Pending: the scheduler found an untolerated taint', check: { eventMessage: { reason: 'FailedScheduling', object: 'Pod/default/batch', includes: 'untolerated taint' } } },
      ],
      hints: [`Press **Apply YAML**, replace the example with this pod, press **Apply manifest**, then **Step**: ${hint('batch')}`],
      solution: { commands: [apply('batch')], advanceMs: 10_000 },
    },
    {
      title: 'Who is evicted first?',
      body: `Give \`batch\` a toleration of the memory-pressure taint: force delete it and apply the pod in the hints (the same pod, with \`tolerations\`). It is bound to worker-1 and, tolerating the taint, admitted by the kubelet. Then worker-1 has \`db\` (800Mi), one \`cache\` pod (600Mi) and \`batch\` (600Mi): 2000Mi of 2048Mi, under the threshold again. Play 20 s.

The kubelet's eviction manager ranks the pods on the node, and evicts one per pass:
1. pods whose usage is **above their request** before those within it;
2. then lower **priority** first;
3. then the pod using the **most above its request**.

It does not read the QoS class itself, but the class shows in the ranking: a BestEffort pod requests nothing, so whatever it uses is above its request; a Guaranteed pod can never use more than its limit, which is its request, so it is among the last.`,
      predict: {
        question: 'db uses 800Mi (request 1Gi), cache 600Mi (request 256Mi), batch 600Mi (no request). Which pod does the kubelet evict?',
        choices: ['db: it uses the most memory', 'cache: a Deployment will replace it', 'batch: it is 600Mi above its request, cache only 344Mi'],
        answer: 2,
        explanation:
          '`db` is under its request, so it comes last, though it uses the most. `cache` and `batch` are both above their requests, with the same priority; `batch` is further above (600Mi against 344Mi), so it goes: Warning *Evicted*, `… Container batch was using 600Mi, request is 0, has larger consumption of memory.` An evicted pod is Failed and not restarted: a bare pod like `batch` is gone for good, where a ReplicaSet would create a replacement.',
      },
      goals: [
        { text: 'The kubelet evicted batch', check: { eventMessage: { reason: 'Evicted', object: 'Pod/default/batch', includes: 'Container batch was using 600Mi, request is 0' } } },
        { text: 'db, under its request, still runs', check: { podStatus: { pod: 'default/db', status: 'Running' } } },
      ],
      hints: [`Select batch, press **Force delete**, then apply this pod with **Apply YAML** and press **Step** twice: ${hint('batchTolerating')}`],
      solution: { commands: [forceDelete('batch'), apply('batchTolerating')], advanceMs: 20_000 },
    },
  ],
};
