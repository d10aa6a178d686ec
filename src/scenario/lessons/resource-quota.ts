import type { Command } from '../../engine/commands';
import type { KubeObject } from '../../engine/model/types';
import type { Lesson } from './types';

const NS = 'team';

/** The objects the learner applies, each with the flow YAML a hint shows (a test parses one back to the other). */
export const quotaObjects: Record<'quota' | 'worker' | 'limits', { yaml: string; object: KubeObject }> = {
  quota: {
    yaml: '{ apiVersion: v1, kind: ResourceQuota, metadata: { name: compute, namespace: team }, spec: { hard: { requests.cpu: "2", pods: "10" } } }',
    object: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: NS }, spec: { hard: { 'requests.cpu': '2', pods: '10' } } } as KubeObject,
  },
  worker: {
    yaml: '{ apiVersion: apps/v1, kind: Deployment, metadata: { name: worker, namespace: team }, spec: { replicas: 1, selector: { matchLabels: { app: worker } }, template: { metadata: { labels: { app: worker } }, spec: { containers: [{ name: worker, image: "example.com/worker:1.0" }] } } } }',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'worker', namespace: NS },
      spec: { replicas: 1, selector: { matchLabels: { app: 'worker' } }, template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ name: 'worker', image: 'example.com/worker:1.0' }] } } },
    } as KubeObject,
  },
  limits: {
    yaml: '{ apiVersion: v1, kind: LimitRange, metadata: { name: defaults, namespace: team }, spec: { limits: [{ type: Container, defaultRequest: { cpu: 100m, memory: 64Mi }, default: { cpu: 200m, memory: 128Mi } }] } }',
    object: {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: NS },
      spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '64Mi' }, default: { cpu: '200m', memory: '128Mi' } }] },
    } as KubeObject,
  },
};

const apply = (which: keyof typeof quotaObjects): Command => ({ action: 'apply', object: quotaObjects[which].object });
const hint = (which: keyof typeof quotaObjects) => `\`${quotaObjects[which].yaml}\``;

/** What the API server answers the ReplicaSet's fifth pod (quota-admission.ts, upstream's ResourceQuota admission). */
const EXCEEDED = 'exceeded quota: compute, requested: requests.cpu=250m, used: requests.cpu=1, limited: requests.cpu=1';

/**
 * ResourceQuota and LimitRange (round 31; docs/fidelity.md on quota and LimitRange admission):
 * a Deployment scaled past its namespace's quota is short of pods that never exist (the
 * ReplicaSet's FailedCreate is the only trace), raising the quota lets the ReplicaSet's retries
 * through, and under a quota on requests a pod without requests is refused until a LimitRange
 * fills in a default.
 */
export const resourceQuotaLesson: Lesson = {
  id: 'resource-quota',
  title: 'Why is my Deployment short of pods?',
  summary: 'Scale a Deployment past its namespace’s ResourceQuota: find the pods the API server refused, raise the quota, and let a LimitRange fill in the requests of a pod that had none.',
  presetId: 'resource-quota',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Scale past the quota',
      body: `The namespace \`team\` has a **ResourceQuota** \`compute\` with \`requests.cpu: "1"\` and \`pods: "10"\`: the CPU its pods request may add up to one core at most. The Deployment \`web\` in it runs 2 pods, each requesting \`250m\`.

The nodes have 8 free cores between them. Scale \`web\` to **6** replicas (the **+** in the Workloads panel) and play 20 s. Then count the pods, and look for the missing ones.`,
      predict: {
        question: 'The nodes have room for all 6 pods. How many web pods will there be, and where are the others?',
        choices: [
          '6 pods: the quota only warns',
          '4 pods; the 2 others wait as Pending pods until the quota has room',
          '4 pods; the 2 others were never created: the API server refused them, and only the ReplicaSet’s events say so',
        ],
        answer: 2,
        explanation: `A quota is checked when an object is created, by the API server's admission, before any scheduler sees it. 4 × 250m fill the core; for the 5th pod the ReplicaSet asks and is refused, so the pod never exists: no card, nothing Pending for the scheduler. The ReplicaSet records a Warning *FailedCreate*: \`Error creating: pods "web-…" is forbidden: ${EXCEEDED}\`, and sets its \`ReplicaFailure\` condition. It keeps retrying, each try refused the same way. Podscape's pending tray lists these refusals beside the Pending pods, since this is where a newcomer looks; \`kubectl describe rs\` or \`kubectl get events -n team\` show them in a cluster.`,
      },
      goals: [
        { text: 'web has 4 pods in team and no more', check: { all: [{ livePods: { workload: 'web', namespace: NS, min: 4, max: 4 } }, { readyPods: { workload: 'web', namespace: NS, min: 4 } }] } },
        { text: 'The ReplicaSet recorded FailedCreate: exceeded quota compute', check: { eventMessage: { reason: 'FailedCreate', includes: EXCEEDED } } },
      ],
      hints: [
        'In the Workloads panel, press **+** beside the Deployment team/web four times (2 → 6 replicas), then press **Step** twice.',
        'Open the pending tray: the pods that did not appear are there as refused creates, with the API server’s message. The event log has the same FailedCreate warnings.',
      ],
      solution: { commands: [{ action: 'scale', kind: 'Deployment', namespace: NS, name: 'web', replicas: 6 }], advanceMs: 20_000 },
    },
    {
      title: 'Raise the quota',
      body: `The quota is doing its job: it caps what the team may request. Either the team gets more (the quota goes up), or each pod asks for less.

Asking for less is not as easy as it looks: a new template means a rolling update, and its new pods must fit under the full quota too, beside the old ones. Here the core is used up, so every new pod would be refused and the rollout would stall.

So raise the quota: apply \`compute\` with \`requests.cpu: "2"\` from the hints, and play 30 s.`,
      predict: {
        question: 'You raise the quota. What happens to the 2 missing pods?',
        choices: ['Nothing until you scale web again', 'The ReplicaSet’s next retry creates them, once its back-off has passed', 'They come back from the pending tray'],
        answer: 1,
        explanation: 'The ReplicaSet still wants 6 and keeps retrying the refused creates, each time waiting twice as long as the time before (5 ms, 10 ms, 20 ms … up to 1000 s: the controllers\' rate-limited work queue). It does not watch quotas, so nothing tells it the quota changed: after the 20 s of refusals in step 1 its next try comes about 20 s later. That try is admitted: 2 new pods, and the quota\'s `status.used` shows `requests.cpu: 1500m` of `2`. Nothing had to be scaled again, but after a long run of refusals a raised quota can seem to do nothing for minutes; any change to the ReplicaSet (a scale, an edit) makes it try at once.',
      },
      goals: [
        { text: 'web has 6 Ready pods in team', check: { readyPods: { workload: 'web', namespace: NS, min: 6 } } },
      ],
      hints: [`Press **Apply YAML**, replace the example with this quota and press **Apply manifest**, then press **Step** three times: ${hint('quota')}`],
      solution: { commands: [apply('quota')], advanceMs: 30_000 },
    },
    {
      title: 'A pod that asks for nothing',
      body: `A quota on \`requests.cpu\` has a second rule: every new pod in the namespace must *say* how much CPU it requests. A pod that leaves it out cannot be counted, so it is refused.

The Deployment \`worker\` in the hints has a container without any \`resources\`. Apply it and play 10 s.`,
      predict: {
        question: 'There is room under the raised quota. Does the worker pod start?',
        choices: ['Yes: it requests nothing, so it fits any quota', 'No: the API server refuses it because its container does not say what CPU it requests'],
        answer: 1,
        explanation: 'The refusal is *FailedCreate* again, with another message: `failed quota: compute: must specify requests.cpu for: worker`. The Deployment and its ReplicaSet exist; the pod does not.',
      },
      goals: [
        {
          text: 'The worker ReplicaSet recorded FailedCreate: must specify requests.cpu',
          check: { all: [{ eventMessage: { reason: 'FailedCreate', includes: 'failed quota: compute: must specify requests.cpu for: worker' } }, { livePods: { workload: 'worker', namespace: NS, max: 0 } }] },
        },
      ],
      hints: [`Press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**, then press **Step**: ${hint('worker')}`],
      solution: { commands: [apply('worker')], advanceMs: 10_000 },
    },
    {
      title: 'A LimitRange fills in the requests',
      body: `You could add \`resources.requests\` to the worker's template. A namespace can also give every container defaults: a **LimitRange** with a \`Container\` item. Its \`defaultRequest\` becomes the requests, and its \`default\` the limits, of any container that does not set them, when the pod is created.

Apply the LimitRange \`defaults\` from the hints and play 20 s. Then select the worker pod.`,
      predict: {
        question: 'The LimitRange is created after the worker Deployment. Does it help the worker pod?',
        choices: [
          'No: a LimitRange applies only to Deployments created after it',
          'Yes: the ReplicaSet’s next try creates a new pod, and admission fills in the defaults then',
          'Yes: it changes the worker Deployment’s template',
        ],
        answer: 1,
        explanation: 'LimitRange defaults are filled in by admission, into each pod as it is created; the template keeps no `resources`. The ReplicaSet\'s next try makes a pod that requests `cpu: 100m, memory: 64Mi` with limits `cpu: 200m, memory: 128Mi`, and the pod carries the annotation `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu, memory request for container worker; cpu, memory limit for container worker`. Now it names its CPU request, the quota admits it, and `status.used` shows `1600m`.',
      },
      goals: [
        { text: 'The worker pod is Running', check: { allPodsRunning: { workload: 'worker', namespace: NS, min: 1 } } },
        { text: 'It requests cpu 100m and memory 64Mi, the LimitRange defaults', check: { podRequests: { workload: 'worker', namespace: NS, cpu: '100m', memory: '64Mi' } } },
      ],
      hints: [
        `Press **Apply YAML**, replace the example with this LimitRange and press **Apply manifest**, then press **Step** twice: ${hint('limits')}`,
        'Select the worker pod: the inspector shows the requests it got and the kubernetes.io/limit-ranger annotation.',
      ],
      solution: { commands: [apply('limits')], advanceMs: 20_000 },
    },
  ],
};
