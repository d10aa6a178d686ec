import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

/** The preset's web Deployment with its spread constraint softened to ScheduleAnyway. */
const webScheduleAnyway: Command = {
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
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
          ],
          containers: [{ name: 'web', image: 'ghcr.io/example/web:1.0', resources: { requests: { cpu: '250m', memory: '256Mi' } } }],
        },
      },
    },
  },
};

/** Six cache replicas, at most one per node. */
const cacheAntiAffinity: Command = {
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cache', namespace: 'default' },
    spec: {
      replicas: 6,
      selector: { matchLabels: { app: 'cache' } },
      template: {
        metadata: { labels: { app: 'cache' } },
        spec: {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }],
            },
          },
          containers: [{ name: 'cache', image: 'ghcr.io/example/cache:1.0', resources: { requests: { cpu: '250m', memory: '256Mi' } } }],
        },
      },
    },
  },
};

/** The two Deployments as the hints give them, one line each, to paste into Apply YAML (hints.test.ts holds them to the solution). */
const WEB_SCHEDULE_ANYWAY_YAML =
  '`{ apiVersion: apps/v1, kind: Deployment, metadata: { name: web, namespace: default }, spec: { replicas: 6, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }], containers: [{ name: web, image: "ghcr.io/example/web:1.0", resources: { requests: { cpu: 250m, memory: 256Mi } } }] } } } }`';
const CACHE_YAML =
  '`{ apiVersion: apps/v1, kind: Deployment, metadata: { name: cache, namespace: default }, spec: { replicas: 6, selector: { matchLabels: { app: cache } }, template: { metadata: { labels: { app: cache } }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: cache } }, topologyKey: kubernetes.io/hostname }] } }, containers: [{ name: cache, image: "ghcr.io/example/cache:1.0", resources: { requests: { cpu: 250m, memory: 256Mi } } }] } } } }`';

/**
 * Spreading (shared/reference/scheduler.md §7.9, §7.10): a DoNotSchedule topology spread
 * constraint filters, ScheduleAnyway only scores, and required pod anti-affinity caps the
 * pods per domain.
 */
export const spreadingLesson: Lesson = {
  id: 'spreading',
  title: 'Spreading pods: topology spread and anti-affinity',
  summary: 'Lose a zone under a hard spread constraint, soften it to ScheduleAnyway, then cap a cache at one pod per node.',
  presetId: 'topology-spread',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Lose the only node in zone-c',
      body: `Zone-a has three workers, zone-b two and zone-c one (**worker-c1**). The six \`web\` pods run 2 per zone: their topology spread constraint says \`maxSkew: 1\` on \`topology.kubernetes.io/zone\`, \`whenUnsatisfiable: DoNotSchedule\`.

Kill worker-c1 and run the clock until its two pods are evicted: 50 s until it is \`Unknown\`, then their \`tolerationSeconds\` — **30 s in this preset, 300 s upstream**.`,
      predict: {
        question: 'zone-a has room for dozens of web pods. Where do the two replacements go?',
        choices: ['One to zone-a, one to zone-b', 'Both to zone-a, which has the most room', 'Nowhere: they stay Pending'],
        answer: 2,
        explanation:
          'Terminating pods do not count, so zone-c has 0 web pods, and it is still a domain: with the default `nodeTaintsPolicy: Ignore` its tainted node counts. A third pod in zone-a would make the skew 3 − 0 = 3 > 1. The scheduler says `0/6 nodes are available: 1 node(s) had untolerated taint(s), 5 node(s) didn\'t match pod topology spread constraints.`',
      },
      goals: [
        { text: 'worker-c1 is marked Unknown', check: { nodeStatus: { node: 'worker-c1', status: 'Unknown' } } },
        {
          text: 'A web pod is Pending for the spread constraint',
          check: { pendingBecause: { workload: 'web', includes: "5 node(s) didn't match pod topology spread constraints" } },
        },
      ],
      hints: [
        'Use worker-c1’s **Kill** button, or dispatch `{ action: "killNode", node: "worker-c1" }` through `window.__podscape`.',
        'The pods are evicted about 80 s after the power loss: advance two minutes.',
      ],
      solution: { commands: [{ action: 'killNode', node: 'worker-c1' }], advanceMs: 120_000 },
    },
    {
      title: 'Soften it: ScheduleAnyway',
      body: `Change the constraint of \`web\` to \`whenUnsatisfiable: ScheduleAnyway\`: apply the same Deployment with that one field changed (**Apply YAML**; the hints have the rest).

A ScheduleAnyway constraint filters no node. It becomes a score (the PodTopologySpread plugin, weight 2): a node whose zone has fewer matching pods scores higher. Changing the pod template rolls out a new ReplicaSet, whose pods are placed by that score. Leave worker-c1 down: bringing zone-c back would also end the wait, but that is the last step.`,
      predict: {
        question: 'With ScheduleAnyway, how do the six new web pods spread over zone-a (3 nodes) and zone-b (2 nodes)?',
        choices: ['3 and 3: the score still balances the zones', '4 and 2, in proportion to the nodes', 'All 6 in zone-a'],
        answer: 0,
        explanation:
          'The score counts matching pods per zone, not nodes: placing a pod in the zone with fewer web pods scores best. The pods land 3 in zone-a and 3 in zone-b, while zone-c stays unreachable.',
      },
      goals: [
        { text: 'All 6 pods of web Running', check: { allPodsRunning: { workload: 'web', min: 6 } } },
        { text: 'No pod is Pending', check: { noPendingPods: true } },
        // Restoring worker-c1 would also place the pending pods, without ScheduleAnyway: that is step 4.
        { text: 'zone-c is still down: worker-c1 Unknown', check: { nodeStatus: { node: 'worker-c1', status: 'Unknown' } } },
      ],
      hints: [
        `Press **Apply YAML**, replace the example with the preset’s \`web\` Deployment, ScheduleAnyway in place of DoNotSchedule, press **Apply manifest**, then play a minute (six **Step**s): ${WEB_SCHEDULE_ANYWAY_YAML}`,
        'Or dispatch `{ action: "apply", object: … }` with that Deployment through `window.__podscape`, then advance a minute.',
      ],
      solution: { commands: [webScheduleAnyway], advanceMs: 60_000 },
    },
    {
      title: 'One cache per node: pod anti-affinity',
      body: `Now create a \`cache\` Deployment of 6 replicas that *requires* pod anti-affinity with itself on \`kubernetes.io/hostname\`: no two cache pods on one node (the whole Deployment is in the hints, for **Apply YAML**).

Five nodes are healthy and every one has CPU to spare.`,
      predict: {
        question: 'Where does the sixth cache pod go?',
        choices: ['To worker-c1, the only node left', 'Next to another cache pod, since CPU is free', 'Nowhere: it stays Pending'],
        answer: 2,
        explanation:
          'Each healthy node already has a cache pod, so the InterPodAffinity filter rejects it (`didn\'t match pod anti-affinity rules`), and worker-c1 still has its unreachable taints: `0/6 nodes are available: 1 node(s) had untolerated taint(s), 5 node(s) didn\'t match pod anti-affinity rules.`',
      },
      goals: [
        { text: 'cache has 6 live pods', check: { livePods: { workload: 'cache', min: 6 } } },
        {
          text: 'A cache pod is Pending for anti-affinity',
          check: { pendingBecause: { workload: 'cache', includes: "5 node(s) didn't match pod anti-affinity rules" } },
        },
      ],
      hints: [
        'The pod template needs `affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: cache } }, topologyKey: kubernetes.io/hostname }] } }`.',
        `The whole Deployment, for **Apply YAML** (then press **Step** once): ${CACHE_YAML}`,
        'Or dispatch `{ action: "apply", object: … }` with it through `window.__podscape`, then advance 10 s.',
      ],
      solution: { commands: [cacheAntiAffinity], advanceMs: 10_000 },
    },
    {
      title: 'Bring zone-c back',
      body: `Restore worker-c1. Once its kubelet reports Ready the taints go and the old web pods finish terminating.`,
      predict: {
        question: 'worker-c1 is Ready again. Which pods go to it?',
        choices: ['The Pending cache pod only', 'Two web pods, to even the zones out again', 'The cache pod and two web pods'],
        answer: 0,
        explanation:
          'The sixth cache pod was waiting, and worker-c1 is the one node without a cache pod: it is bound there once the taints are gone. All six web pods run (3 and 3 over zone-a and zone-b), and the scheduler never moves running pods, so zone-c gets no web pod until new ones are created.',
      },
      goals: [
        { text: 'A cache pod runs on worker-c1', check: { podsOnNode: { node: 'worker-c1', workload: 'cache', min: 1 } } },
        { text: 'No pod is Pending', check: { noPendingPods: true } },
        { text: 'No pod is Terminating', check: { noTerminatingPods: true } },
      ],
      hints: ['Use worker-c1’s **Restore** button, or dispatch `{ action: "restoreNode", node: "worker-c1" }`, then advance 30 s.'],
      solution: { commands: [{ action: 'restoreNode', node: 'worker-c1' }], advanceMs: 30_000 },
    },
  ],
};
