import type { Command } from '../../engine/commands';
import { worker4 } from './add-node-default';
import type { Lesson } from './types';

const scaleWeb = (replicas: number): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas });

/**
 * NodeResourcesFit's two scoring strategies (shared/reference/scheduler.md §7.6): LeastAllocated
 * (the default) rates a node by the share of it that would stay free with the pod on it,
 * MostAllocated by the share that would be requested; a node that fails the filter gets no
 * score. The preset turns off NodeResourcesBalancedAllocation and PodTopologySpread, so the
 * numbers the steps quote do not depend on BalancedAllocation's formula (docs/fidelity.md).
 * The cluster autoscaler is not simulated: the learner plays its part (delete the empty node,
 * add one for the Pending pods).
 */
export const binPackingLesson: Lesson = {
  id: 'bin-packing',
  title: 'Packing nodes full, and what it costs',
  summary: 'MostAllocated fills nodes before it opens new ones, so an autoscaler can remove the empty ones; the price is paid when a full node dies and takes most of the pods with it.',
  presetId: 'most-allocated',
  warmupMs: 5_000,
  steps: [
    {
      title: 'The fuller node wins',
      body: `Three identical workers (4 CPUs, 8 GiB each) and the \`web\` Deployment, 10 pods of 500m CPU and 1 GiB. This scenario's scheduler profile sets NodeResourcesFit's \`scoringStrategy\` to **MostAllocated**: a node scores higher the more of its CPU and memory would be requested with the pod on it. The two spreading scores (NodeResourcesBalancedAllocation and PodTopologySpread) are turned off, or they would pull the pods apart.

So the pods sit 8 on worker-3 (full: 4 of 4 CPUs), 2 on worker-2, and none on worker-1. With the default profile, where NodeResourcesFit uses **LeastAllocated** and the spreading scores are on (the *least-allocated* preset, same nodes and pods), they sit 4, 3 and 3: every node a third to a half full, none empty.

Scale \`web\` to 12: the **+** beside web in the Workloads panel, twice.`,
      predict: {
        question: 'Where do the two new web pods go?',
        choices: ['To worker-1, the empty node', 'To worker-2, the part-filled node', 'One to each of worker-1 and worker-2'],
        answer: 1,
        explanation:
          'Select one of the new pods on worker-2: its **Scheduling** table shows worker-3 filtered out (`Insufficient cpu`, `Insufficient memory`: it has no room left), so it gets no score at all. Of the two left, NodeResourcesFit gives worker-2 50 (2 of its 4 CPUs and 4 of its 8 GiB requested with the pod) and worker-1 12 (one pod, an eighth); TaintToleration gives both 300, so worker-2 wins, 350 to 312. MostAllocated keeps filling the fullest node that still fits and opens an empty node only when nothing else fits. (The table is worked out for the cluster as it is now, with the pod itself left out.)',
      },
      goals: [
        { text: 'All 12 web pods Running', check: { allPodsRunning: { workload: 'web', min: 12 } } },
        { text: 'worker-2 runs 4 web pods', check: { podsOnNode: { node: 'worker-2', workload: 'web', min: 4, max: 4 } } },
        { text: 'worker-1 is still empty', check: { podsOnNode: { node: 'worker-1', max: 0 } } },
      ],
      hints: [
        'Press the **+** beside web in the Workloads panel twice, then **Step**.',
        'Or dispatch `{ action: "scale", kind: "Deployment", namespace: "default", name: "web", replicas: 12 }` through `window.__podscape`.',
      ],
      solution: { commands: [scaleWeb(12)], advanceMs: 5_000 },
    },
    {
      title: 'An empty node can go',
      body: `A **cluster autoscaler** adds nodes when pods wait Pending for lack of room, and removes a node when the requests of its pods stay at or below a threshold (by default half of the node's CPU and of its memory; \`--scale-down-utilization-threshold\`, 0.5) for a while (\`--scale-down-unneeded-time\`, 10 minutes) and its pods fit elsewhere. An empty node is the easy case: nothing to move, one machine less to pay for.

Podscape has no autoscaler; play its part. Delete worker-1: press **Delete** on its card (\`kubectl delete node worker-1\`; the autoscaler would also shut the machine down).`,
      predict: {
        question: 'With the default profile (LeastAllocated) the same 12 pods sit 4, 4 and 4. What would the autoscaler have to do to save a node there?',
        choices: ['Nothing more: a node is empty there too', 'Move one node’s 4 pods to the other two, then remove it', 'It could never remove one: all three are in use'],
        answer: 1,
        explanation:
          'Spread evenly, every node sits at exactly half: 2 of 4 CPUs, 4 of 8 GiB. The autoscaler’s check is *at or below* the threshold, so each is a candidate, and the other two have room for its 4 pods (2 CPUs free each). But removing it means draining it first: 4 pods stopped and started elsewhere, within their PodDisruptionBudgets. With a little more load, 5 pods per node (62.5 %), no node would qualify at all and the cluster would keep paying for three part-empty machines. MostAllocated leaves a whole node empty: nothing to move.',
      },
      goals: [
        { text: 'The node controller recorded RemovingNode for worker-1', check: { eventRecorded: { reason: 'RemovingNode', object: 'Node//worker-1' } } },
        { text: 'All 12 web pods still Running', check: { allPodsRunning: { workload: 'web', min: 12 } } },
      ],
      hints: ['Press **Delete** on worker-1’s card, then **Step**.', 'Or dispatch `{ action: "deleteNode", node: "worker-1" }` through `window.__podscape`.'],
      solution: { commands: [{ action: 'deleteNode', node: 'worker-1' }], advanceMs: 5_000 },
    },
    {
      title: 'A full node dies',
      body: `Two nodes left: worker-3 full with 8 web pods, worker-2 half full with 4. Kill worker-3 (**Kill** on its card) and play for about six minutes of cluster time: this scenario keeps upstream's timings, so worker-3 turns Unknown 50 s after its last heartbeat, gets the \`node.kubernetes.io/unreachable:NoExecute\` taint 5 s later, and its pods leave when their 300 s toleration runs out.`,
      predict: {
        question: 'The 8 pods on worker-3 are evicted together and the ReplicaSet makes 8 new ones. How many of them can run?',
        choices: ['All 8, on worker-2', '4: worker-2 has room for 4 more, the other 4 wait Pending', 'None: the scheduler waits for worker-3 to come back'],
        answer: 1,
        explanation:
          'worker-2 has 2 CPUs and 4 GiB free: room for 4 pods. The other 4 wait with `0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.` The counts add up to 3 for 2 nodes because worker-2 fails on two resources; worker-3 is out for its unreachable taint. Two thirds of web was down at once. Under the default profile, 4/4/4 on three nodes, a dead node takes 4 pods and their replacements fit on the other two at once: spreading is cheaper when a node dies. With an autoscaler, the 4 Pending pods would trigger a new node, minutes away on a real cloud.',
      },
      goals: [
        { text: 'The 8 web pods on worker-3 were evicted', check: { eventRecorded: { reason: 'TaintManagerEviction', includes: 'Marking for deletion', min: 8 } } },
        { text: 'worker-2 is full: 8 web pods', check: { podsOnNode: { node: 'worker-2', workload: 'web', min: 8 } } },
        { text: 'A web pod waits for lack of CPU', check: { pendingBecause: { workload: 'web', includes: 'Insufficient cpu' } } },
      ],
      hints: [
        'Press **Kill** on worker-3’s card, then **Play** (or **Step** 37 times at 10×) until the pods on worker-3 turn Terminating: about 6 minutes of cluster time.',
        'Or dispatch `{ action: "killNode", node: "worker-3" }` through `window.__podscape` and advance 370 s.',
      ],
      solution: { commands: [{ action: 'killNode', node: 'worker-3' }], advanceMs: 370_000 },
    },
    {
      title: 'Scale up again',
      body: `Play the autoscaler once more: the Pending pods need a node. Press **Add node** (top right of the page), type \`worker-4\` in *Node name* and press **Create node**, keeping the form's other defaults (Medium: 4 CPUs, 16 GiB). The form proposes worker-1, the first name no node has since you deleted worker-1; this lesson calls the new machine worker-4.`,
      predict: {
        question: 'worker-4 registers. Where do the 4 Pending pods go?',
        choices: ['All 4 to worker-4', 'They stay Pending until worker-3 comes back', 'Two to worker-4, two to worker-2'],
        answer: 0,
        explanation:
          'worker-2 is full (4 of 4 CPUs), worker-3 is still tainted, so worker-4 is the only node with room: the 4 pods are bound to it as soon as it is Ready (a new node carries the `node.kubernetes.io/not-ready` taint for its first second, so each pod fails once more first). web runs all 12 again, packed onto two nodes. worker-3 still holds the 8 old pods as Terminating objects until it comes back or its Node is deleted.',
      },
      goals: [
        { text: 'No pod waits Pending', check: { noPendingPods: true } },
        { text: 'worker-4 runs 4 web pods', check: { podsOnNode: { node: 'worker-4', workload: 'web', min: 4 } } },
        { text: 'All 12 web pods Running', check: { allPodsRunning: { workload: 'web', min: 12 } } },
      ],
      hints: [
        'Press **Add node**, replace the proposed name worker-1 with `worker-4`, press **Create node**, then **Step**.',
        'Or dispatch `{ action: "addNode", object: <a Node named worker-4> }` through `window.__podscape`.',
      ],
      solution: { commands: [worker4], advanceMs: 5_000 },
    },
  ],
};
