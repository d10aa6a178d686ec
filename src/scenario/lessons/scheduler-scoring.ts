import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

const scaleWeb = (replicas: number): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas });

/** The Deployment step 3 applies: scheduled by the preset's second profile, `bin-packing` (MostAllocated). */
const batch: Command = {
  action: 'apply',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'batch', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'batch' } },
      template: {
        metadata: { labels: { app: 'batch' } },
        spec: {
          schedulerName: 'bin-packing',
          containers: [{ name: 'batch', image: 'ghcr.io/example/batch:1.0', resources: { requests: { cpu: '500m', memory: '512Mi' } } }],
        },
      },
    },
  },
};

const BATCH_YAML =
  '`{ apiVersion: apps/v1, kind: Deployment, metadata: { name: batch, namespace: default }, spec: { replicas: 3, selector: { matchLabels: { app: batch } }, template: { metadata: { labels: { app: batch } }, spec: { schedulerName: bin-packing, containers: [ { name: batch, image: "ghcr.io/example/batch:1.0", resources: { requests: { cpu: 500m, memory: 512Mi } } } ] } } } }`';

/**
 * How kube-scheduler picks a node (shared/reference/scheduler.md §1, §2.1, §4, §7.6, §7.7,
 * §7.9): the Filter plugins drop the nodes a pod cannot use, each Score plugin rates the rest
 * 0–100 and is multiplied by its weight, the highest total wins and ties are broken at random
 * (seeded here). LeastAllocated spreads, PodTopologySpread's system defaults spread a
 * ReplicaSet's pods, and a profile with MostAllocated packs.
 */
export const schedulerScoringLesson: Lesson = {
  id: 'scheduler-scoring',
  title: 'How the scheduler picks a node',
  summary: 'Filter, then Score: the emptiest node wins by default, a ReplicaSet’s pods are spread even onto a busy node, a MostAllocated profile packs them, and a full node is filtered out before any score counts.',
  presetId: 'scheduler-scoring',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Which node gets the next pod?',
      body: `Three identical workers, 4 CPUs and 8 GiB each, already loaded unevenly: \`reports\` requests 1.5 CPUs on worker-1, \`etl\` 1 CPU on worker-2, and worker-3 is empty. The \`web\` Deployment has 0 replicas.

For every pod, kube-scheduler runs two phases:

1. **Filter**: plugins such as *NodeUnschedulable* (cordoned?), *TaintToleration* and *NodeResourcesFit* (enough CPU and memory left?) each pass or reject a node. A rejected node is out, whatever else it has going for it.
2. **Score**: each score plugin rates every node that passed from 0 to 100; the rating is multiplied by the plugin's weight in the profile and the node with the highest total gets the pod.

In the default profile *NodeResourcesFit* scores with the strategy **LeastAllocated**: the more of a node's CPU and memory would still be free with the pod on it, the higher (weight 1). *NodeResourcesBalancedAllocation* prefers nodes whose CPU and memory the pod brings closer to the same proportion (weight 1; 75 when it changes nothing). *TaintToleration* (weight 3), *PodTopologySpread* (weight 2) and *ImageLocality* (weight 1) score too; *NodeAffinity* and *InterPodAffinity* (weight 2 each) score only pods that state preferences.

Scale \`web\` to 1: the **+** beside web in the Workloads panel.`,
      predict: {
        question: 'Where does the first web pod go?',
        choices: ['worker-1, the first node in the list', 'worker-3, the node with the most room', 'Any of the three: the scheduler picks at random'],
        answer: 1,
        explanation:
          'Select the new pod: the inspector’s **Scheduling** table has a row per node, the Filter verdicts, each weighted score and the total. All three pass the filters. NodeResourcesFit gives worker-1 59, worker-2 71 and worker-3 90; BalancedAllocation, TaintToleration and PodTopologySpread give every node the same (73, 300 and 200 weighted). Totals 632, 644 and 663: worker-3. Only when two nodes tie at the top does kube-scheduler pick one of them at random; Podscape draws that choice from the scenario’s seed, so a replay picks the same node. (For a pod already placed the table is worked out afresh, as if the pod were not there yet: it shows what the pod would face now.)',
      },
      goals: [
        { text: 'One web pod Running', check: { allPodsRunning: { workload: 'web', min: 1 } } },
        { text: 'The web pod runs on worker-3', check: { podsOnNode: { node: 'worker-3', workload: 'web', min: 1 } } },
      ],
      hints: [
        'Press the **+** beside web in the Workloads panel once, then **Step**.',
        'Or dispatch `{ action: "scale", kind: "Deployment", namespace: "default", name: "web", replicas: 1 }` through `window.__podscape`.',
      ],
      solution: { commands: [scaleWeb(1)], advanceMs: 5_000 },
    },
    {
      title: 'Spreading is a score too',
      body: `worker-3 still has the most room. Scale \`web\` to 3 (the **+** twice more).

A pod owned by a ReplicaSet, a StatefulSet or selected by a Service gets *PodTopologySpread*'s **system default constraints** when it sets none of its own: \`kubernetes.io/hostname\` with maxSkew 3 and \`topology.kubernetes.io/zone\` with maxSkew 5, both \`whenUnsatisfiable: ScheduleAnyway\`. *ScheduleAnyway* never rejects a node; it is a preference, scored like any other: the fewer matching pods a node already has, the higher.`,
      predict: {
        question: 'Where do the two new web pods go?',
        choices: ['Both to worker-3, still the emptiest', 'One to worker-2 and one to worker-1: one web pod per node', 'Both to worker-2'],
        answer: 1,
        explanation:
          'PodTopologySpread gives the nodes with the fewest web pods 100 (200 weighted) and a node that already has one less (154 weighted for the second pod, 160 for the third). The second pod: worker-2 644, worker-1 632, worker-3 608. The third: worker-1 632 against worker-3 614, although worker-3 has more room (81 against 59): 40 points of spreading outweigh 22 of free CPU and memory. Select the web pod on worker-1: its table shows the third pod’s numbers. (The other two pods’ tables are worked out for the cluster as it is now, with the third pod counted, so they no longer show their own decisions.) A preferred node affinity or a preferred pod affinity is the same kind of thing: a weighted score, never a filter.',
      },
      goals: [
        { text: 'All 3 web pods Running', check: { allPodsRunning: { workload: 'web', min: 3 } } },
        {
          text: 'One web pod on each worker',
          check: {
            all: [
              { podsOnNode: { node: 'worker-1', workload: 'web', min: 1, max: 1 } },
              { podsOnNode: { node: 'worker-2', workload: 'web', min: 1, max: 1 } },
              { podsOnNode: { node: 'worker-3', workload: 'web', min: 1, max: 1 } },
            ],
          },
        },
      ],
      hints: [
        'Press the **+** beside web twice more, then **Step**.',
        'Or dispatch `{ action: "scale", kind: "Deployment", namespace: "default", name: "web", replicas: 3 }`.',
      ],
      solution: { commands: [scaleWeb(3)], advanceMs: 5_000 },
    },
    {
      title: 'Pack instead of spread',
      body: `Spreading leaves headroom on every node. A cluster that pays per node, or a batch system, would rather fill some nodes and leave others empty for the autoscaler to remove.

The scheduler's configuration (a \`KubeSchedulerConfiguration\`) can hold several **profiles**, each a scheduler with its own plugins and arguments; a pod picks one with \`spec.schedulerName\`. This scenario has two: \`default-scheduler\` and \`bin-packing\`, where NodeResourcesFit's \`scoringStrategy\` is **MostAllocated** (the fuller a node would be, the higher) and the two spreading scores, BalancedAllocation and PodTopologySpread, are turned off: left on, they would pull the pods apart as in step 2. The scenario sets all this in its \`spec.schedulerConfiguration\`.

Apply the \`batch\` Deployment from the hints with **Apply YAML** (in the Workloads panel): 3 pods of 500m CPU with \`schedulerName: bin-packing\`.`,
      predict: {
        question: 'Where do the three batch pods go?',
        choices: ['One per node, like web', 'All to worker-3, the emptiest', 'All to worker-1, the fullest'],
        answer: 2,
        explanation:
          'MostAllocated rates a node by how much of it would be requested with the pod on it: worker-1, with reports and a web pod, scores highest, and stays highest as it fills. Select a batch pod: its table has only TaintToleration, NodeResourcesFit and ImageLocality, the score plugins the bin-packing profile leaves on, and its *Scheduled* events name `bin-packing` as their source. worker-1 now has 3.5 of its 4 CPUs requested.',
      },
      goals: [
        { text: 'All 3 batch pods Running', check: { allPodsRunning: { workload: 'batch', min: 3 } } },
        { text: 'All 3 batch pods on worker-1', check: { podsOnNode: { node: 'worker-1', workload: 'batch', min: 3 } } },
      ],
      hints: [`Press **Apply YAML**, replace the example with this Deployment and press **Apply manifest**, then **Step**: ${BATCH_YAML}`, 'Or dispatch `{ action: "apply", object: <that Deployment> }` through `window.__podscape`.'],
      solution: { commands: [batch], advanceMs: 5_000 },
    },
    {
      title: 'Filter first, then score',
      body: `worker-1 has 500m CPU left. Scale \`batch\` to 5 (the **+** beside batch, twice).`,
      predict: {
        question: 'Where do the two new batch pods go?',
        choices: ['Both to worker-1: it scores highest', 'One to worker-1, which is then full, and one to worker-2', 'Both stay Pending: worker-1 is full'],
        answer: 1,
        explanation:
          'The fourth pod fits worker-1 exactly: 4 CPUs requested of 4. For the fifth, NodeResourcesFit’s filter rejects worker-1 (`Insufficient cpu`), so its score is never computed; of the nodes left, MostAllocated prefers worker-2, the fuller. Select that pod: worker-1’s row shows the rejection in the Filter columns. A score ranks only the nodes that passed every filter; no score can win a node back.',
      },
      goals: [
        { text: 'All 5 batch pods Running', check: { allPodsRunning: { workload: 'batch', min: 5 } } },
        {
          text: 'Four batch pods on worker-1, one on worker-2',
          check: { all: [{ podsOnNode: { node: 'worker-1', workload: 'batch', min: 4, max: 4 } }, { podsOnNode: { node: 'worker-2', workload: 'batch', min: 1, max: 1 } }] },
        },
      ],
      hints: ['Press the **+** beside batch in the Workloads panel twice, then **Step**.', 'Or dispatch `{ action: "scale", kind: "Deployment", namespace: "default", name: "batch", replicas: 5 }`.'],
      solution: { commands: [{ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'batch', replicas: 5 }], advanceMs: 5_000 },
    },
  ],
};
