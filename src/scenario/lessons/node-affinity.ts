import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

/** The preset's db pod on worker-3, named by its seed (lessons.test.ts checks it). */
const DB_ON_WORKER_3 = 'db-6489f69d59-42jgr';

/**
 * A Node with these labels, as Apply YAML sends it. It is merged into the Node as `kubectl apply` merges it: a Node its
 * kubelet registered has no last-applied annotation, so labels left out stay, and kubectl warns once (sim/apply.ts).
 */
const relabel = (name: string, labels: Record<string, string>): Command => ({
  action: 'apply',
  object: { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } },
});

const worker2Ssd = relabel('worker-2', { 'kubernetes.io/hostname': 'worker-2', 'topology.kubernetes.io/zone': 'zone-a', disktype: 'ssd' });
const worker3Hdd = relabel('worker-3', { 'kubernetes.io/hostname': 'worker-3', 'topology.kubernetes.io/zone': 'zone-b', disktype: 'hdd' });

const WORKER_2_YAML = '`{ apiVersion: v1, kind: Node, metadata: { name: worker-2, labels: { kubernetes.io/hostname: worker-2, topology.kubernetes.io/zone: zone-a, disktype: ssd } } }`';
const WORKER_3_YAML = '`{ apiVersion: v1, kind: Node, metadata: { name: worker-3, labels: { kubernetes.io/hostname: worker-3, topology.kubernetes.io/zone: zone-b, disktype: hdd } } }`';

/**
 * Pinning pods to nodes (shared/reference/scheduler.md §7.4, the NodeAffinity plugin):
 * nodeSelector and required node affinity filter nodes, both must match, and a Pending
 * pod is retried when a node's labels change; preferred node affinity only adds to a
 * node's score; and IgnoredDuringExecution: a running pod stays when its node's labels
 * stop matching, only new pods are placed by the new labels.
 */
export const nodeAffinityLesson: Lesson = {
  id: 'node-affinity',
  title: 'Pin pods to machines',
  summary: 'nodeSelector and node affinity: a pod Pending for a label, a preference that is only a score, and the IgnoredDuringExecution that keeps a pod on a node whose label no longer matches.',
  presetId: 'node-affinity',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Why is analytics Pending?',
      body: `Four workers: worker-1 and worker-2 in zone-a, worker-3 and worker-4 in zone-b. Only worker-3 and worker-4 carry the label \`disktype=ssd\` (select a node: the inspector lists its labels).

The bare pod \`analytics\` asks for two things, in the two ways Kubernetes has:

- \`nodeSelector: { disktype: ssd }\`, the short form: every key and value in it must be on the node.
- \`affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution\` with \`topology.kubernetes.io/zone In [zone-a]\`, the long form: operators \`In\`, \`NotIn\`, \`Exists\`, \`DoesNotExist\`, \`Gt\`, \`Lt\`; the expressions of a term must all match, and any one of the terms will do.

A pod with both must match both, and no node does. The pending tray shows the scheduler's *FailedScheduling* message: \`0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.\` The same words for either field.

worker-2 has just been fitted with an SSD: give it the label. On a real cluster that is \`kubectl label node worker-2 disktype=ssd\`; here, open **Taints and labels** at the foot of worker-2's card, type \`disktype=ssd\` in the *kubectl label* field and press **Label**. Or apply the Node from the hints with **Apply YAML**, in the Workloads panel: it is merged into the Node as \`kubectl apply\` merges it, so the node keeps the labels you leave out; the first apply also prints kubectl's warning that the Node lacks its last-applied annotation (its kubelet registered it, not kubectl).`,
      predict: {
        question: 'worker-2 now has disktype=ssd. What happens to the Pending analytics pod?',
        choices: ['Nothing until it is deleted and created again', 'The scheduler tries it again and binds it to worker-2', 'It goes to worker-3, which had the label first'],
        answer: 1,
        explanation:
          'An unschedulable pod waits in the scheduler’s queue until a change in the cluster could make it fit. A new label on a node is one of the changes the NodeAffinity plugin asks to be told about, so analytics is tried again at once: *Scheduled*, `Successfully assigned default/analytics to worker-2`, the only node in zone-a with an SSD. (Without such an event the scheduler still retries a waiting pod every 5 minutes.)',
      },
      goals: [
        { text: 'worker-2 has the label disktype=ssd', check: { nodeLabel: { node: 'worker-2', key: 'disktype', value: 'ssd' } } },
        { text: 'analytics runs on worker-2', check: { all: [{ podScheduled: { pod: 'default/analytics', node: 'worker-2' } }, { podState: { pod: 'default/analytics', state: 'Running' } }] } },
      ],
      hints: [
        'On worker-2’s card, open **Taints and labels**, type `disktype=ssd` in the *kubectl label* field and press **Label**, then press **Step**.',
        `Or press **Apply YAML**, replace the example with this Node and press **Apply manifest**, then press **Step**: ${WORKER_2_YAML}`,
        'Or dispatch `{ action: "apply", object: <that Node> }` through `window.__podscape`.',
      ],
      solution: { commands: [worker2Ssd], advanceMs: 5_000 },
    },
    {
      title: 'A preference is only a score',
      body: `The \`cache\` Deployment *prefers* zone-a: \`preferredDuringSchedulingIgnoredDuringExecution\`, weight 100, \`topology.kubernetes.io/zone In [zone-a]\`. Its 3 pods all run there.

A preference filters nothing out. The NodeAffinity plugin adds up the weights of the preferences a node matches and turns the sum into a score from 0 to 100, which counts twice in the default profile, beside the other scores (how free a node is, how balanced).

Zone-a goes into maintenance: cordon worker-1 and worker-2 (the **Cordon** buttons on their cards). Then scale \`cache\` to 5 (in the Workloads panel, the **+** beside cache, twice).`,
      predict: {
        question: 'Zone-a is cordoned. Where do the 2 new cache pods go?',
        choices: ['Nowhere: they stay Pending until zone-a is schedulable again', 'To worker-3 and worker-4, in zone-b', 'To zone-a anyway: the preference outweighs the cordon'],
        answer: 1,
        explanation:
          'Scores only rank the nodes that passed the filters, and a cordoned node does not pass (`node(s) were unschedulable`). Among worker-3 and worker-4 no node matches the preference, so the other scores decide, and the pods run in zone-b. Had `cache` *required* zone-a, as analytics does, the 2 new pods would wait Pending until a zone-a node is schedulable again. Preferred affinity is for "better here", required for "only here".',
      },
      goals: [
        { text: 'All 5 cache pods Running', check: { allPodsRunning: { workload: 'cache', min: 5 } } },
        {
          text: 'A cache pod runs in zone-b',
          check: { any: [{ podsOnNode: { node: 'worker-3', workload: 'cache', min: 1 } }, { podsOnNode: { node: 'worker-4', workload: 'cache', min: 1 } }] },
        },
      ],
      hints: [
        'Press **Cordon** on worker-1’s and worker-2’s cards, then the **+** beside cache in the Workloads panel twice, then **Step**.',
        'Or dispatch `{ action: "cordon", node: "worker-1" }`, the same for worker-2, and `{ action: "scale", kind: "Deployment", namespace: "default", name: "cache", replicas: 5 }`.',
      ],
      solution: {
        commands: [
          { action: 'cordon', node: 'worker-1' },
          { action: 'cordon', node: 'worker-2' },
          { action: 'scale', kind: 'Deployment', namespace: 'default', name: 'cache', replicas: 5 },
        ],
        advanceMs: 5_000,
      },
    },
    {
      title: 'Change a label under a running pod',
      body: `Maintenance is over: uncordon worker-1 and worker-2. The cache pods in zone-b stay where they are; the scheduler places a pod once and never moves it to a better node later.

Now worker-3's SSD fails and a hard disk replaces it: relabel it \`disktype=hdd\` (\`kubectl label node worker-3 disktype=hdd --overwrite\`; here, in worker-3's **Taints and labels** with **--overwrite** ticked, or by applying worker-3's Node from the hints). \`db\` *requires* \`disktype In [ssd]\`, and its pod \`${DB_ON_WORKER_3}\` runs on worker-3.`,
      predict: {
        question: 'worker-3 is now labelled disktype=hdd. What happens to the db pod running there?',
        choices: ['It is evicted at once: it no longer matches', 'It keeps running: the rule was checked when the pod was placed', 'It turns Pending until the label is back'],
        answer: 1,
        explanation:
          'The name says it: required during *scheduling*, *ignored during execution*. The scheduler checks node affinity and nodeSelector when it places a pod (and the kubelet when it admits it); nothing watches a running pod’s node for label changes. No eviction, no event: the db pod stays on worker-3. To get pods off a node, taint it with effect NoExecute, or drain it.',
      },
      goals: [
        { text: 'worker-1 and worker-2 are schedulable again', check: { all: [{ nodeUnschedulable: { node: 'worker-1', value: false } }, { nodeUnschedulable: { node: 'worker-2', value: false } }] } },
        { text: 'worker-3 is labelled disktype=hdd', check: { nodeLabel: { node: 'worker-3', key: 'disktype', value: 'hdd' } } },
        {
          text: 'The db pod on worker-3 is still Running there',
          check: { podState: { pod: `default/${DB_ON_WORKER_3}`, state: 'Running' } },
        },
      ],
      hints: [
        'Press **Uncordon** on worker-1’s and worker-2’s cards; then, in worker-3’s **Taints and labels**, tick **--overwrite**, type `disktype=hdd` in the *kubectl label* field, press **Label** and **Step**.',
        `Or uncordon both, then **Apply YAML** with this Node and **Step**: ${WORKER_3_YAML}`,
        'Or dispatch `{ action: "uncordon", node: "worker-1" }`, the same for worker-2, and `{ action: "apply", object: <that Node> }`.',
      ],
      solution: {
        commands: [{ action: 'uncordon', node: 'worker-1' }, { action: 'uncordon', node: 'worker-2' }, worker3Hdd],
        advanceMs: 10_000,
      },
    },
    {
      title: 'A new pod goes elsewhere',
      body: `The new labels matter only for pods still to be placed. Delete the db pod on worker-3: select \`${DB_ON_WORKER_3}\` and press **Delete** in the inspector. The ReplicaSet creates a replacement (*SuccessfulCreate*), and the scheduler places it like any new pod.`,
      predict: {
        question: 'Where can the replacement db pod go?',
        choices: ['Back to worker-3, where the old one ran', 'To worker-2 or worker-4, the nodes labelled disktype=ssd now', 'Nowhere: it stays Pending'],
        answer: 1,
        explanation:
          'A replacement is a new pod: it has no memory of the node its predecessor used, and the scheduler filters the nodes by their labels as they are now. worker-3 fails `disktype In [ssd]`; worker-2, labelled in step 1, and worker-4 pass, and the scores pick one of them (*Scheduled*, `Successfully assigned default/db-… to …`).',
      },
      goals: [
        { text: 'No db pod left on worker-3', check: { podsOnNode: { node: 'worker-3', workload: 'db', max: 0 } } },
        { text: 'Both db pods Running', check: { allPodsRunning: { workload: 'db', min: 2 } } },
      ],
      hints: [
        `Select ${DB_ON_WORKER_3} on worker-3, press **Delete** in the inspector, then **Step**.`,
        `Or dispatch \`{ action: "deletePod", namespace: "default", name: "${DB_ON_WORKER_3}" }\`.`,
      ],
      solution: { commands: [{ action: 'deletePod', namespace: 'default', name: DB_ON_WORKER_3 }], advanceMs: 10_000 },
    },
  ],
};
