import type { Command } from '../../engine/commands';
import type { Lesson } from './types';

const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** worker-1's Node with the out-of-service taint (the applied list replaces the node's taints; the node controller puts its own back). */
const outOfService: Command = {
  action: 'apply',
  object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, spec: { taints: [{ key: OUT_OF_SERVICE, value: 'nodeshutdown', effect: 'NoExecute' }] } },
};

/** worker-1's Node with no taints: the out-of-service one removed. */
const backInService: Command = { action: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, spec: { taints: [] } } };

const OUT_OF_SERVICE_YAML = '`{ apiVersion: v1, kind: Node, metadata: { name: worker-1 }, spec: { taints: [ { key: node.kubernetes.io/out-of-service, value: nodeshutdown, effect: NoExecute } ] } }`';
const NO_TAINTS_YAML = '`{ apiVersion: v1, kind: Node, metadata: { name: worker-1 }, spec: { taints: [] } }`';

const scaleWeb = (replicas: number): Command => ({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas });

/**
 * Non-graceful node shutdown (KEP-2268, GA in v1.28; shared/reference/lifecycle.md §2.3 and
 * §10A): a StatefulSet pod evicted from a powered-off node stays Terminating, since only its
 * kubelet could confirm the stop; the `node.kubernetes.io/out-of-service` taint lets PodGC
 * (pkg/controller/podgc gcTerminating: a terminating pod on a node that is not Ready and has
 * the taint) force-delete it, and the StatefulSet recreates the identity elsewhere. The
 * attach-detach controller's part (detaching the pod's volumes at once) is not modelled.
 */
export const nonGracefulShutdownLesson: Lesson = {
  id: 'non-graceful-shutdown',
  title: 'A node that will not come back soon',
  summary: 'A powered-off node leaves its StatefulSet pod Terminating for good; the out-of-service taint tells Kubernetes the machine is off, so the pod is force-deleted and recreated elsewhere. Remove the taint once the node is back.',
  presetId: 'non-graceful-shutdown',
  warmupMs: 5_000,
  steps: [
    {
      title: 'db-0 is stuck',
      body: `Four workers run the StatefulSet \`db\` (db-0 on worker-1, db-1 on worker-3, db-2 on worker-4) and the Deployment \`web\`, one pod on each worker.

worker-1 loses power without warning: no graceful shutdown, the kubelet has no chance to stop its pods and report it. Kill worker-1 (**Kill** on its card) and play for about a minute and a half: worker-1 turns Unknown 50 s after its last heartbeat, gets the \`node.kubernetes.io/unreachable:NoExecute\` taint 5 s later, and its pods are evicted 30 s after that (this scenario shortens the default 300 s toleration to 30 s).`,
      predict: {
        question: 'db-0 and the web pod on worker-1 are evicted. What replaces them?',
        choices: ['Both are recreated on other nodes at once', 'web gets a new pod elsewhere; db-0 is not recreated', 'Neither: both wait for worker-1 to come back'],
        answer: 1,
        explanation:
          'Eviction only sets the pods’ deletionTimestamp: they are **Terminating**, and would leave the API once worker-1’s kubelet confirmed their containers stopped. That kubelet is off. The ReplicaSet does not wait: a Terminating pod no longer counts, so it creates a replacement at once, under a new random name. A StatefulSet cannot: db-0 is an identity (its name, its DNS record, its volume), and it keeps at most one pod per identity, so it waits until the old db-0 is gone from the API. On its own, that happens only when worker-1 comes back or someone deletes the Node or force-deletes the pod.',
      },
      goals: [
        { text: 'db-0 is Terminating', check: { podState: { pod: 'default/db-0', state: 'Terminating' } } },
        { text: 'No new db-0: only 2 db pods live', check: { livePods: { workload: 'db', max: 2 } } },
        { text: 'All 4 web pods Running, none on worker-1', check: { all: [{ allPodsRunning: { workload: 'web', min: 4 } }, { podsOnNode: { node: 'worker-1', workload: 'web', max: 0 } }] } },
      ],
      hints: [
        'Press **Kill** on worker-1’s card, then **Play** (or **Step** ten times at 10×) until db-0 turns Terminating: about 90 s of cluster time.',
        'Or dispatch `{ action: "killNode", node: "worker-1" }` through `window.__podscape` and advance 100 s.',
      ],
      solution: { commands: [{ action: 'killNode', node: 'worker-1' }], advanceMs: 100_000 },
    },
    {
      title: 'Tell Kubernetes the node is off',
      body: `You have checked: worker-1 is powered off (its disk failed, the repair will take days). Say so to the cluster with a taint:

\`kubectl taint nodes worker-1 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute\`

This is **non-graceful node shutdown** (GA since Kubernetes 1.28). No pod tolerates \`node.kubernetes.io/out-of-service\`, so the taint eviction controller marks every pod on worker-1 for deletion (the two already Terminating are marked again: their *TaintManagerEviction* rows count up). Then the **pod garbage collector**, on its pass every 20 s, force-deletes each Terminating pod on a node that is not Ready and has this taint: it marks the pod Failed and deletes it with a grace period of 0, without the kubelet.

Here: open **Taints and labels** at the foot of worker-1's card, type \`node.kubernetes.io/out-of-service=nodeshutdown:NoExecute\` after *kubectl taint node worker-1* and press **Taint**. (Or apply worker-1's Node from the hints with **Apply YAML**: the taints you apply there replace the node's, and the node lifecycle controller adds its own \`unreachable\` taints back within seconds.)

**Only when the machine is really off.** If worker-1 were merely cut off from the network, its db-0 would still be running and writing, and a second db-0 would start elsewhere: two database instances with the same identity. On a real cluster the taint also lets the attach-detach controller detach db-0's volume from worker-1 at once, so that the new db-0 can attach it; Podscape does not model volumes.`,
      predict: {
        question: 'You apply the taint. When does db-0 run again?',
        choices: ['At once', 'Within about 20 s: at the pod garbage collector’s next pass', 'Not until worker-1 comes back'],
        answer: 1,
        explanation:
          'The taint eviction controller acts in the same instant, but a second deletion request does not remove a Terminating pod. The pod garbage collector runs every 20 s; its next pass finds db-0 and the old web pod Terminating on a not-Ready node with the out-of-service taint, and force-deletes both. The StatefulSet then creates db-0 again, and the scheduler places it on worker-2, the node without a db pod (the preferred anti-affinity). PodGC records no event of its own: look for the new db-0’s *Scheduled* event.',
      },
      goals: [
        { text: 'worker-1 has the out-of-service taint', check: { nodeTaintPresent: { node: 'worker-1', key: OUT_OF_SERVICE, effect: 'NoExecute' } } },
        { text: 'db-0 runs again, on another node', check: { all: [{ podState: { pod: 'default/db-0', state: 'Running' } }, { podsOnNode: { node: 'worker-1', workload: 'db', max: 0 } }] } },
        { text: 'Nothing is left Terminating', check: { noTerminatingPods: true } },
      ],
      hints: [
        'On worker-1’s card, open **Taints and labels**, type `node.kubernetes.io/out-of-service=nodeshutdown:NoExecute` in the *kubectl taint* field, press **Taint**, then play for 20 s.',
        `Or press **Apply YAML**, replace the example with this Node and press **Apply manifest**, then play for 20 s: ${OUT_OF_SERVICE_YAML}`,
        'Or dispatch `{ action: "apply", object: <that Node> }` through `window.__podscape`.',
      ],
      solution: { commands: [outOfService], advanceMs: 25_000 },
    },
    {
      title: 'Power back on',
      body: `The disk is replaced. Power worker-1 back on (**Restore** on its card) and scale \`web\` to 6 (the **+** beside web, twice).

Its kubelet registers again and the node turns Ready; the node lifecycle controller removes the \`unreachable\` taints it added. It does not remove \`out-of-service\`: you added that one, and only you know whether the machine is fit to serve.`,
      predict: {
        question: 'worker-1 is Ready and the emptiest node. Where do the two new web pods go?',
        choices: ['To worker-1: it has the most room', 'To the other nodes: worker-1 still has an untolerated NoExecute taint', 'They stay Pending until the taint is removed'],
        answer: 1,
        explanation:
          'The scheduler’s TaintToleration filter rejects a node with a NoSchedule or NoExecute taint the pod does not tolerate, whatever the node’s state. The other three workers have room, so both pods run there. The kubelet would refuse such a pod too: NoExecute taints are part of its admission check.',
      },
      goals: [
        { text: 'worker-1 is Ready', check: { nodeStatus: { node: 'worker-1', status: 'Ready' } } },
        { text: 'worker-1 keeps the out-of-service taint', check: { nodeTaintPresent: { node: 'worker-1', key: OUT_OF_SERVICE, effect: 'NoExecute' } } },
        { text: 'All 6 web pods Running, none on worker-1', check: { all: [{ allPodsRunning: { workload: 'web', min: 6 } }, { podsOnNode: { node: 'worker-1', max: 0 } }] } },
      ],
      hints: ['Press **Restore** on worker-1’s card, press the **+** beside web twice, then **Step**.', 'Or dispatch `{ action: "restoreNode", node: "worker-1" }` and a scale of web to 6 through `window.__podscape`.'],
      solution: { commands: [{ action: 'restoreNode', node: 'worker-1' }, scaleWeb(6)], advanceMs: 10_000 },
    },
    {
      title: 'Back in service',
      body: `worker-1 is healthy and its old pods are gone. Remove the taint — \`kubectl taint nodes worker-1 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute-\` — here in worker-1's **Taints and labels**: \`node.kubernetes.io/out-of-service:NoExecute-\` in the *kubectl taint* field (or apply worker-1's Node with no taints from the hints). Then scale \`web\` to 7.`,
      predict: {
        question: 'The taint is gone. Where does the seventh web pod go?',
        choices: ['To worker-1, now the emptiest node', 'To another worker: the pods that left worker-1 come back first', 'Nowhere until the old pods are moved by hand'],
        answer: 0,
        explanation:
          'Nothing moves back by itself: the pods that left worker-1 stay where they are. A new pod is scored like any other, and worker-1, with no pods, scores best under LeastAllocated and the spreading defaults, so the seventh web pod lands there.',
      },
      goals: [
        { text: 'worker-1 has no out-of-service taint', check: { not: { nodeTaintPresent: { node: 'worker-1', key: OUT_OF_SERVICE } } } },
        { text: 'A web pod runs on worker-1', check: { podsOnNode: { node: 'worker-1', workload: 'web', min: 1 } } },
        { text: 'All 7 web pods Running', check: { allPodsRunning: { workload: 'web', min: 7 } } },
      ],
      hints: [
        'In worker-1’s **Taints and labels**, type `node.kubernetes.io/out-of-service:NoExecute-` in the *kubectl taint* field and press **Taint**; press the **+** beside web, then **Step**.',
        `Or press **Apply YAML**, apply this Node, press the **+** beside web, then **Step**: ${NO_TAINTS_YAML}`,
        'Or dispatch `{ action: "apply", object: <that Node> }` and a scale of web to 7 through `window.__podscape`.',
      ],
      solution: { commands: [backInService, scaleWeb(7)], advanceMs: 5_000 },
    },
  ],
};
