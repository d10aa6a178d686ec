import type { Lesson } from './types';

/**
 * A StatefulSet's identities (shared/reference/lifecycle.md §2.3–2.5, §3.3): OrderedReady
 * creates one ordinal at a time; a Terminating pod on a dead node still holds its
 * identity, so nothing replaces it and higher ordinals wait; deleting the Node object
 * (PodGC) or force-deleting the pod frees the name, with the second one's split-brain risk.
 */
export const statefulsetIdentityLesson: Lesson = {
  id: 'statefulset-identity',
  title: 'Why is db-0 stuck?',
  summary: 'A StatefulSet keeps at most one pod per identity: watch db-0 and db-1 hang on dead nodes, and free them by deleting the Node or force-deleting the pod.',
  presetId: 'statefulset-identity',
  warmupMs: 5_000,
  steps: [
    {
      title: 'One identity at a time',
      body: `The StatefulSet \`db\` wants three replicas, named by ordinal: \`db-0\`, \`db-1\`, \`db-2\`. It was just created: only \`db-0\` exists so far.

With the default \`podManagementPolicy: OrderedReady\`, the controller creates \`db-1\` only when \`db-0\` is Running and Ready — and, because this set has \`minReadySeconds: 10\`, has stayed Ready for 10 s. Each creation shows in the event log as *SuccessfulCreate*, \`create Pod db-1 in StatefulSet db successful\`.

Play the clock (or press **Step** three times) and watch the pods appear.`,
      predict: {
        question: 'db-0 started at 1 s. When does the StatefulSet create db-1?',
        choices: ['Right away, with db-0', 'About 10 s later, once db-0 has been Ready for minReadySeconds', 'Only when db-0’s node has room for a second pod'],
        answer: 1,
        explanation:
          'OrderedReady goes one ordinal at a time, each waiting for the one before it to be Running, Ready and available. `podManagementPolicy: Parallel` would create all three at once.',
      },
      goals: [{ text: 'db runs three pods: db-0, db-1 and db-2', check: { allPodsRunning: { workload: 'db', min: 3 } } }],
      hints: ['Press **Step** (10 s at 10×) three times, or play the clock for half a minute.', 'The event log lists the SuccessfulCreate events about StatefulSet db, about 11 s apart.'],
      solution: { commands: [], advanceMs: 30_000 },
    },
    {
      title: 'Two machines lose power',
      body: `\`db-0\` runs on **worker-1** and \`db-1\` on **worker-4**. Kill both nodes and play for about two minutes.

After the 50 s grace period the nodes turn \`Unknown\` and get the \`node.kubernetes.io/unreachable:NoExecute\` taint; 30 s later (**shortened from 300 s**) the taint eviction controller deletes both pods (*TaintManagerEviction*, \`Marking for deletion Pod default/db-0\`). They stay *Terminating*: only their kubelets could confirm the containers stopped.`,
      predict: {
        question: 'db-0 is Terminating on a dead node. What does the StatefulSet do?',
        choices: ['Creates a new db-0 on another node at once', 'Nothing: the old db-0 still holds the name', 'Renames the old pod and starts db-3 instead'],
        answer: 1,
        explanation:
          'A StatefulSet promises *at most one* pod per identity. A ReplicaSet replaces a Terminating pod at once; the StatefulSet waits until the old object has left the API, because the old process might still be running and writing as `db-0`.',
      },
      goals: [
        {
          text: 'db-0 and db-1 are Terminating',
          check: { all: [{ podState: { pod: 'default/db-0', state: 'Terminating' } }, { podState: { pod: 'default/db-1', state: 'Terminating' } }] },
        },
        { text: 'Only one db pod is live: no replacement was made', check: { livePods: { workload: 'db', max: 1 } } },
      ],
      hints: [
        'Press **Kill** on worker-1’s card and on worker-4’s, then play for two minutes (or press **Step** about ten times).',
        'Select db-0 to see its eviction countdown in the inspector.',
      ],
      solution: {
        commands: [
          { action: 'killNode', node: 'worker-1' },
          { action: 'killNode', node: 'worker-4' },
        ],
        advanceMs: 100_000,
      },
    },
    {
      title: 'worker-1 is gone for good: delete the Node',
      body: `Say worker-1’s hardware is beyond repair. Delete its Node object — what \`kubectl delete node worker-1\` does. The node lifecycle controller notes it (*RemovingNode*, \`Node worker-1 event: Removing Node worker-1 from Controller\`); then the pod garbage collector finds \`db-0\` bound to a node that no longer exists, waits 40 s to be sure, marks it Failed and removes it. Only then does the StatefulSet create \`db-0\` again, on a healthy node.

Scale \`db\` up to 4 as well (the **+** next to StatefulSet db).`,
      predict: {
        question: 'db-0 comes back, and you asked for 4 replicas. Is db-3 created?',
        choices: ['Yes, as soon as db-0 is Ready', 'No: db-1 is still Terminating, and OrderedReady creates no higher ordinal past it'],
        answer: 1,
        explanation:
          'Under OrderedReady the controller walks the ordinals in order and stops at the first one that is not Running and Ready. A stuck `db-1` blocks `db-3`, and it would block a rolling update too.',
      },
      goals: [
        { text: 'The node controller recorded RemovingNode for worker-1', check: { eventRecorded: { reason: 'RemovingNode', object: 'Node//worker-1' } } },
        { text: 'db-0 runs again, on another node', check: { all: [{ podState: { pod: 'default/db-0', state: 'Running' } }, { podsOnNode: { node: 'worker-1', workload: 'db', max: 0 } }] } },
      ],
      hints: [
        'Press **Delete** on worker-1’s card, press **+** beside StatefulSet db in the Workloads panel, then play for a minute and a half.',
        'The pod garbage collector runs every 20 s and waits 40 s before it removes a pod whose node is gone: 40 to 80 s in all.',
      ],
      solution: {
        commands: [
          { action: 'deleteNode', node: 'worker-1' },
          { action: 'scale', kind: 'StatefulSet', namespace: 'default', name: 'db', replicas: 4 },
        ],
        advanceMs: 90_000,
      },
    },
    {
      title: 'Force-delete db-1, knowing the risk',
      body: `worker-4 still exists, and you cannot tell whether it lost power or only its network. Force-delete \`db-1\` — \`kubectl delete pod db-1 --grace-period=0 --force\`: the object leaves the API at once, without the kubelet’s word.

**The danger:** if worker-4 is only cut off from the network, its \`db-1\` is still running and writing. Now two processes are \`db-1\` — a split brain that the at-most-one rule was there to prevent. Force-delete only when you know the machine is off (or fence it first). In Podscape a killed node has really lost power, so here it is safe.`,
      predict: {
        question: 'db-1 is force-deleted; you asked for 4 replicas. What does the StatefulSet do?',
        choices: ['Creates db-3 at once: db-1 is no longer in the way', 'Creates db-1 on a healthy node, and db-3 only after db-1 has been Ready for a while', 'Waits for worker-4 to confirm that db-1 stopped'],
        answer: 1,
        explanation:
          'Under OrderedReady the lowest missing ordinal comes first: the StatefulSet creates db-1 on a healthy node, and once it has been Ready for 10 s (the preset’s minReadySeconds), db-3 follows. Nothing waits for worker-4 any more: the force delete took the old db-1 out of the API.',
      },
      goals: [
        { text: 'db-1 runs again, not on worker-4', check: { all: [{ podState: { pod: 'default/db-1', state: 'Running' } }, { podsOnNode: { node: 'worker-4', workload: 'db', max: 0 } }] } },
        { text: 'db-3 was created after it and runs', check: { podState: { pod: 'default/db-3', state: 'Running' } } },
      ],
      hints: [
        'Select db-1 (on worker-4, Terminating), press **Force delete** in the inspector, then play for 20 s.',
        'Plain **Delete** would only ask again for a graceful stop, which a dead kubelet never confirms.',
      ],
      solution: { commands: [{ action: 'deletePod', namespace: 'default', name: 'db-1', force: true }], advanceMs: 20_000 },
    },
  ],
};
