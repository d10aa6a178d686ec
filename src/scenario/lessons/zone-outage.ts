import type { Goal } from './goals';
import type { Lesson } from './types';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const unknown = (...nodes: string[]): Goal => ({ all: nodes.map((node) => ({ nodeStatus: { node, status: 'Unknown' as const } })) });
const noEvictionTaint = (...nodes: string[]): Goal => ({ all: nodes.map((node) => ({ not: { nodeTaintPresent: { node, key: UNREACHABLE, effect: 'NoExecute' } } })) });
const noWebOn = (...nodes: string[]): Goal => ({ all: nodes.map((node) => ({ podsOnNode: { node, workload: 'web', max: 0 } })) });

/**
 * The node lifecycle controller's zone disruption states (shared/reference/lifecycle.md
 * §1.2): a zone with no Ready node is evicted at the normal rate, a small zone with more
 * than 55 % of its nodes lost (and more than two) is not evicted at all, and when every
 * zone is lost the controller blames itself, removes the NoExecute taints and evicts
 * nothing until a node is Ready again.
 */
export const zoneOutageLesson: Lesson = {
  id: 'zone-outage',
  title: 'Why did Kubernetes stop evicting?',
  summary: 'Lose a whole zone, then most of another, then every node, and see when the node lifecycle controller evicts pods and when it holds back.',
  presetId: 'zone-outage',
  warmupMs: 5_000,
  steps: [
    {
      title: 'Lose a whole zone',
      body: `Eight workers in three zones: **zone-a** has four (worker-a1 … a4), **zone-b** two, **zone-c** two. The \`web\` Deployment runs one pod on each worker.

Kill **worker-c1** and **worker-c2**: all of zone-c. After the *node-monitor grace period* (50 s) without a heartbeat both turn \`Unknown\`.

The node lifecycle controller then adds the \`node.kubernetes.io/unreachable:NoExecute\` taint, node by node, through a rate limiter per zone: one node every 10 s (\`--node-eviction-rate\` 0.1). The pods tolerate the taint for \`tolerationSeconds\` — **30 s in this preset, 300 s upstream** — and are then evicted (*TaintManagerEviction*, \`Marking for deletion Pod default/web-…\`).`,
      predict: {
        question: 'zone-c has no Ready node left; zone-a and zone-b are healthy. How fast are zone-c’s pods evicted?',
        choices: ['At the normal rate: one node every 10 s', 'Slower, to protect the zone', 'Not at all until a zone-c node returns'],
        answer: 0,
        explanation:
          'A zone with no Ready node is in *FullDisruption*. The controller reads that as “the zone is gone”, so it moves the workload elsewhere at the normal rate (0.1 nodes per second). It holds back only when a zone is *partly* down.',
      },
      goals: [
        { text: 'worker-c1 and worker-c2 are Unknown', check: unknown('worker-c1', 'worker-c2') },
        { text: 'All 8 web pods run again, none in zone-c', check: { all: [{ allPodsRunning: { workload: 'web', min: 8 } }, noWebOn('worker-c1', 'worker-c2')] } },
      ],
      hints: [
        'Press **Kill** on worker-c1’s card and on worker-c2’s, then play the clock (or press **Step**, 10 s each) for about two minutes.',
        'Unknown comes 50 s after the last heartbeat, the taints 5 s and 15 s later, the evictions 30 s after the taints.',
      ],
      solution: {
        commands: [
          { action: 'killNode', node: 'worker-c1' },
          { action: 'killNode', node: 'worker-c2' },
        ],
        advanceMs: 120_000,
      },
    },
    {
      title: 'Lose most of a zone',
      body: `Now kill three of zone-a’s four workers: **worker-a1**, **worker-a2** and **worker-a3**. **Pause the clock first**, so that they stop at the same moment (a node that goes Unknown alone is tainted while its zone still looks healthy).

The controller sorts every zone into a state each time it checks the nodes:

- *Normal*: most nodes are Ready;
- *PartialDisruption*: more than two nodes are not Ready **and** they are at least 55 % of the zone (\`--unhealthy-zone-threshold\` 0.55);
- *FullDisruption*: no node of the zone is Ready.`,
      predict: {
        question: 'Three of zone-a’s four nodes are Unknown. What happens to the web pods on them?',
        choices: ['Evicted 30 s after the taint, like zone-c’s', 'Evicted slowly, one node every 100 s', 'Not evicted: the zone gets no NoExecute taints while it is partly down'],
        answer: 2,
        explanation:
          'zone-a is in *PartialDisruption*. In a zone of more than 50 nodes (`--large-cluster-size-threshold`) the controller would go on at the secondary rate, 0.01 nodes per second; in a small zone it stops: rate 0. Losing most of a zone looks like a network problem, and evicting its pods onto the few nodes left could overload them. The pods stay bound, their Ready condition False.',
      },
      goals: [
        { text: 'worker-a1, a2 and a3 are Unknown', check: unknown('worker-a1', 'worker-a2', 'worker-a3') },
        { text: 'None of them has the unreachable NoExecute taint', check: noEvictionTaint('worker-a1', 'worker-a2', 'worker-a3') },
        {
          text: 'Their web pods are not evicted',
          check: { all: ['worker-a1', 'worker-a2', 'worker-a3'].map((node) => ({ podsOnNode: { node, workload: 'web', min: 1 } })) },
        },
      ],
      hints: [
        'Pause, press **Kill** on the cards of worker-a1, worker-a2 and worker-a3, then play for three minutes: far longer than zone-c needed.',
        'Select worker-a1: its taints are `node.kubernetes.io/unreachable:NoSchedule` only. NoSchedule keeps new pods away; only NoExecute evicts.',
      ],
      solution: {
        commands: [
          { action: 'killNode', node: 'worker-a1' },
          { action: 'killNode', node: 'worker-a2' },
          { action: 'killNode', node: 'worker-a3' },
        ],
        advanceMs: 180_000,
      },
    },
    {
      title: 'Lose every node',
      body: `Kill the three workers left: **worker-a4**, **worker-b1** and **worker-b2** (pause first again). Every zone is now in *FullDisruption*.

Look at worker-c1 before you start: it still carries the \`node.kubernetes.io/unreachable:NoExecute\` taint from step 1.`,
      predict: {
        question: 'Every node in the cluster stopped answering. What does the node lifecycle controller do?',
        choices: ['Evicts everything at the normal rate', 'Removes the NoExecute taints from every node and evicts nothing', 'Deletes the Node objects'],
        answer: 1,
        explanation:
          'When every zone is fully disrupted the controller suspects itself: more likely the control plane lost its network than every machine lost power at once. It enters the *master disruption* mode: rate 0 in every zone and the NoExecute taints removed, even from zone-c’s nodes. Pods already Terminating stay Terminating; nothing new is evicted until a node is Ready again.',
      },
      goals: [
        { text: 'worker-a4, worker-b1 and worker-b2 are Unknown', check: unknown('worker-a4', 'worker-b1', 'worker-b2') },
        { text: 'No node has the unreachable NoExecute taint, not even zone-c’s', check: noEvictionTaint('worker-c1', 'worker-c2', 'worker-a4', 'worker-b1', 'worker-b2') },
        { text: 'The web pods on worker-b1 are not evicted', check: { podsOnNode: { node: 'worker-b1', workload: 'web', min: 1 } } },
      ],
      hints: ['Pause, kill worker-a4, worker-b1 and worker-b2, then play for two minutes.', 'The event log shows `NodeNotReady` for the three nodes and no new *TaintManagerEviction*.'],
      solution: {
        commands: [
          { action: 'killNode', node: 'worker-a4' },
          { action: 'killNode', node: 'worker-b1' },
          { action: 'killNode', node: 'worker-b2' },
        ],
        advanceMs: 120_000,
      },
    },
    {
      title: 'One zone comes back',
      body: `Restore **worker-b1** and **worker-b2**. zone-b is *Normal* again: the cluster is no longer entirely down.`,
      predict: {
        question: 'zone-a and zone-c are still down. What happens to their pods now?',
        choices: ['Nothing: the controller holds back until every zone is back', 'They are evicted, a node every 10 s in each zone, and replaced in zone-b', 'They are all evicted at the same moment'],
        answer: 1,
        explanation:
          'With one zone Normal the controller leaves the master disruption mode and gives every node a fresh grace period. zone-a and zone-c are in *FullDisruption*, evicted at the normal rate: their nodes get the NoExecute taint again, one node every 10 s in each zone, and 30 s later their pods are evicted. The replacements can go only to zone-b.',
      },
      goals: [
        { text: 'worker-b1 and worker-b2 are Ready', check: { all: [{ nodeStatus: { node: 'worker-b1', status: 'Ready' } }, { nodeStatus: { node: 'worker-b2', status: 'Ready' } }] } },
        { text: 'All 8 web pods run, in zone-b', check: { all: [{ allPodsRunning: { workload: 'web', min: 8 } }, noWebOn('worker-a1', 'worker-a2', 'worker-a3', 'worker-a4')] } },
      ],
      hints: ['Press **Restore** on worker-b1’s card and on worker-b2’s, then play for two minutes.', 'The held-back evictions come in the order the rate limiter allows: a1 and c1 first, a4 last.'],
      solution: {
        commands: [
          { action: 'restoreNode', node: 'worker-b1' },
          { action: 'restoreNode', node: 'worker-b2' },
        ],
        advanceMs: 120_000,
      },
    },
  ],
};
