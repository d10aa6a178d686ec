import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

/** A PodDisruptionBudget that allows no disruption of the batch pods while three are Running. */
const batchPdb: Command = {
  action: 'apply',
  object: {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'batch-pdb', namespace: 'default' },
    spec: { minAvailable: 3, selector: { matchLabels: { app: 'batch' } } },
  },
};

/** A second critical pod: 1 CPU, like payments. */
const checkout: Command = {
  action: 'apply',
  object: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'checkout', namespace: 'default', labels: { app: 'checkout' } },
    spec: {
      priorityClassName: 'critical',
      containers: [{ name: 'checkout', image: 'ghcr.io/example/checkout:1.0', resources: { requests: { cpu: '1', memory: '1Gi' } } }],
    },
  },
};

/** The two objects of step 2 as the hints give them, one line each, to paste into Apply YAML (hints.test.ts holds them to the solution). */
const BATCH_PDB_YAML = '`{ apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: batch-pdb, namespace: default }, spec: { minAvailable: 3, selector: { matchLabels: { app: batch } } } }`';
const CHECKOUT_YAML =
  '`{ apiVersion: v1, kind: Pod, metadata: { name: checkout, namespace: default, labels: { app: checkout } }, spec: { priorityClassName: critical, containers: [{ name: checkout, image: "ghcr.io/example/checkout:1.0", resources: { requests: { cpu: "1", memory: 1Gi } } }] } }`';

/**
 * Priority and preemption (shared/reference/scheduler.md §8): DefaultPreemption evicts
 * strictly lower-priority pods, records Preempted on each victim and nominates the node;
 * a PodDisruptionBudget only steers the choice of victims.
 */
export const priorityPreemptionLesson: Lesson = {
  id: 'priority-preemption',
  title: 'Priority and preemption',
  summary: 'A critical pod arrives on a full cluster and evicts a batch pod; a PodDisruptionBudget does not stop it.',
  presetId: 'priority-preemption',
  warmupMs: 5_000,
  steps: [
    {
      title: 'A critical pod arrives',
      body: `Two workers with 2 CPUs each run four \`batch\` pods of 1 CPU: the cluster is full. The batch pods have the PriorityClass \`low\` (value 1000).

At 10 s the pod \`payments\` arrives: 1 CPU, PriorityClass \`critical\` (value 100000). Play the clock and watch the event log.

1. No node passes the filters: *FailedScheduling* \`0/2 nodes are available: 2 Insufficient cpu.\`
2. The DefaultPreemption plugin (PostFilter) looks for a node where removing pods of **lower** priority makes room, and picks one.
3. It deletes the victims — each gets a *Preempted* event, \`Preempted by pod <uid> on node <node>\` — and sets payments' \`status.nominatedNodeName\` to that node.
4. Once the victim has terminated, the next scheduling cycle tries the nominated node first, and binds payments there.`,
      predict: {
        question: 'The ReplicaSet recreates the preempted batch pod at once. Will the new batch pod preempt another batch pod to get a node?',
        choices: ['Yes: any Pending pod may preempt', 'No: only pods of strictly lower priority can be preempted'],
        answer: 1,
        explanation:
          'The other batch pods have the same priority, and payments a higher one, so there are no victims: the new pod stays Pending with `preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.`',
      },
      goals: [
        { text: 'A pod was preempted (a Preempted event)', check: { eventRecorded: { reason: 'Preempted' } } },
        { text: 'payments is Running', check: { podState: { pod: 'default/payments', state: 'Running' } } },
        {
          text: 'A batch pod is Pending: no preemption victims',
          check: { pendingBecause: { workload: 'batch', includes: 'No preemption victims found for incoming pod' } },
        },
      ],
      hints: ['payments is created by the scenario’s timeline at 10 s: play the clock, or press **Step** (10 s at 10×).'],
      solution: { commands: [], advanceMs: 10_000 },
    },
    {
      title: 'A budget is not a shield',
      body: `Protect the batch pods with a PodDisruptionBudget: \`minAvailable: 3\`. Three batch pods are Running, so the budget allows **0** disruptions — \`kubectl drain\` would now wait.

Then create a second critical pod, \`checkout\` (1 CPU). Both objects are in the hints: press **Apply YAML**, replace the example with the budget, press **Apply manifest**, then do the same with the pod.`,
      predict: {
        question: 'Every batch pod is covered by a budget that allows no disruption. Will `checkout` get a node?',
        choices: ['No: the budget protects the batch pods', 'Yes: preemption treats budgets as best-effort'],
        answer: 1,
        explanation:
          'The scheduler prefers victims whose eviction keeps every budget satisfied (fewest violations is its first rule for picking a node). When every candidate violates a budget, it preempts anyway. Only the Eviction API (drain) enforces a budget.',
      },
      goals: [
        { text: 'A PodDisruptionBudget for app=batch with minAvailable 3 exists', check: { disruptionBudget: { selector: 'app=batch', minAvailable: 3 } } },
        { text: 'checkout is Running', check: { podState: { pod: 'default/checkout', state: 'Running' } } },
        { text: 'A second pod was preempted', check: { eventRecorded: { reason: 'Preempted', min: 2 } } },
      ],
      hints: [
        `The budget, for **Apply YAML**: ${BATCH_PDB_YAML}`,
        `The pod, applied after the budget, then press **Step**: ${CHECKOUT_YAML}`,
        'Or dispatch `{ action: "apply", object: … }` with each of them through `window.__podscape`.',
      ],
      solution: { commands: [batchPdb, checkout], advanceMs: 10_000 },
    },
    {
      title: 'Make room again',
      body: `Two batch pods wait in the queue. Preemption does not bring them back; free capacity does. Delete \`payments\` and \`checkout\`.

Then watch the two Pending batch pods.`,
      predict: {
        question: 'Once payments and checkout are deleted, when are the two waiting batch pods scheduled?',
        choices: ['Within seconds, as soon as the CPU is free', 'Only at the scheduler’s periodic retry, minutes later', 'Never: preempted pods are not retried'],
        answer: 0,
        explanation:
          'A deleted pod is an event the scheduling queue listens for: the pods that failed for lack of CPU go back to the active queue and are tried again as soon as the critical pods have terminated and their CPU is free. Without such an event, an unschedulable pod waits up to 5 minutes for its next try.',
      },
      goals: [
        { text: 'No pod is Pending', check: { noPendingPods: true } },
        { text: 'All 4 pods of batch Running', check: { allPodsRunning: { workload: 'batch', min: 4 } } },
      ],
      hints: [
        'Select `payments` and press **Delete** in the inspector, then the same for `checkout` (or dispatch `{ action: "deletePod", namespace: "default", name: "payments" }` through `window.__podscape`).',
        'Their containers stop well within the 30 s grace period: advance 10 s.',
      ],
      solution: {
        commands: [
          { action: 'deletePod', namespace: 'default', name: 'payments' },
          { action: 'deletePod', namespace: 'default', name: 'checkout' },
        ],
        advanceMs: 10_000,
      },
    },
  ],
};
